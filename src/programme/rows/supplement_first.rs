//! Rows of `supplement_first`: supplement by the end of each year (less the lag) against
//! occupation by then, in area and in quality. See [`crate::policy::SupplementFirst`].

use super::super::phases::Form;
use super::Ctx;
use crate::instance::uses::LandUse;
use crate::instance::{ConsolidationProject, Site, StockUnit};
use crate::policy::{quality_weight, Activity, Family, Part, RowRef, RuleId, SupplementFirst};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &SupplementFirst) {
    let years = c.years();
    let row = RowRef::whole(RuleId::SupplementFirst);
    let lag = r.lag_years as usize;
    let parts: &[(Part, &dyn Fn(u8) -> f64)] = if r.quality_weighted {
        &[(Part::Area, &|_| 1.0), (Part::Quality, &quality_weight)]
    } else {
        &[(Part::Area, &|_| 1.0)]
    };
    for &(part, w) in parts {
        // what a km² supplements (reclaimed, consolidated) and occupies, weighted
        let unit = |u: &StockUnit, k: LandUse| w(u.arable_grade) * Activity::Supplemented.unit(u, k);
        let project = |p: &ConsolidationProject| w(p.arable_grade);
        let site = |s: &Site, _: LandUse| w(s.arable_grade) * s.arable_share;
        let supplement = Form {
            unit: &unit,
            site: &|_, _| 0.0,
            project: &project,
            quota: 0.0,
        };
        let occupied = Form {
            unit: &|_, _| 0.0,
            site: &site,
            project: &|_| 0.0,
            quota: 0.0,
        };
        for t in 0..years.count() {
            let at = row.part(part).in_year(years.year(t));
            c.begin(at, 0.0, INF, r.reserve_km2, r.soft_penalty());
            if t >= lag {
                for tau in 0..=t - lag {
                    c.add_year(&supplement, tau, None, 1.0);
                }
            }
            for tau in 0..=t {
                c.add_year(&occupied, tau, None, -1.0);
            }
            c.b.end_row();
        }
    }
}
