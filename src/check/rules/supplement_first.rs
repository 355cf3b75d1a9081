//! Check of `supplement_first`: year by year, arable supplemented by the end of the year
//! less the lag (plus the reserve) against arable occupied by then, recomputed from each
//! year's allocation.

use super::Ctx;
use crate::check::lines::Lines;
use crate::check::years;
use crate::policy::{quality_weight, Activity, Family, Part, RowRef, RuleId, SupplementFirst};
use crate::solution::Allocation;

pub(super) fn check(c: &Ctx<'_>, r: &SupplementFirst, l: &mut Lines) {
    let ys = c.model.years_or_period();
    let allocs = years::of(c.alloc);
    if allocs.len() != ys.count() {
        return; // the years' domain fails the check
    }
    let inst = c.inst;
    // (supplemented, occupied) in one year's allocation, weighted by grade
    let year = |a: &Allocation, w: &dyn Fn(u8) -> f64| {
        let mut s = 0.0;
        for (u, x) in inst.units.iter().zip(&a.units) {
            for k in inst.uses.iter() {
                s += w(u.arable_grade) * Activity::Supplemented.unit(u, k) * x[k.index()];
            }
        }
        for (p, &x) in inst.projects.iter().zip(&a.projects) {
            s += w(p.arable_grade) * x;
        }
        let o: f64 = inst
            .sites
            .iter()
            .zip(&a.sites)
            .map(|(site, y)| w(site.arable_grade) * site.arable_share * y.iter().sum::<f64>())
            .sum();
        (s, o)
    };
    let lag = r.lag_years as usize;
    let row = RowRef::whole(RuleId::SupplementFirst);
    let mut parts: Vec<(Part, &dyn Fn(u8) -> f64)> = vec![(Part::Area, &|_| 1.0)];
    if r.quality_weighted {
        parts.push((Part::Quality, &quality_weight));
    }
    for (part, w) in parts {
        let by_year: Vec<(f64, f64)> = allocs.iter().map(|a| year(a, w)).collect();
        for t in 0..ys.count() {
            let supplemented: f64 = if t >= lag {
                by_year[..=t - lag].iter().map(|x| x.0).sum()
            } else {
                0.0
            };
            let occupied: f64 = by_year[..=t].iter().map(|x| x.1).sum();
            l.push(
                row.part(part).in_year(ys.year(t)),
                r.reserve_km2 + supplemented - occupied,
                Some(0.0),
                None,
                r.soft_penalty(),
            );
        }
    }
}
