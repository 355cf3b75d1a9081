//! Rows of `farmland_concentration`: per concentration area, its arable at period end
//! against its baseline, and no basic farmland occupied inside. See
//! [`crate::policy::FarmlandConcentration`].

use super::Ctx;
use crate::policy::{Family, FarmlandConcentration, Part, Place, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &FarmlandConcentration) {
    let inst = c.inst;
    for (ai, a) in inst.farmland_areas.iter().enumerate() {
        let place = RowRef::at(RuleId::FarmlandConcentration, Place::FarmlandArea(ai as u32));
        // arable(a) + reclaimed inside − occupied inside ≥ keep_share · arable(a)
        c.begin(
            place.part(Part::Area),
            r.keep_share * a.arable_km2,
            INF,
            a.arable_km2,
            r.soft_penalty(),
        );
        for (ui, u) in inst.units.iter().enumerate() {
            if u.farmland_area == Some(ai) {
                for (j, gain) in c.cols.arable_gains(inst, ui) {
                    c.b.add(j, gain);
                }
            }
        }
        for (si, s) in inst.sites.iter().enumerate() {
            if s.farmland_area == Some(ai) && s.arable_share > 0.0 {
                for k in c.inst.uses.construction() {
                    if let Some(j) = c.cols.site_use(si, k) {
                        c.b.add(j, -s.arable_share);
                    }
                }
            }
        }
        c.b.end_row();
        if r.protect_basic_farmland {
            c.begin(place.part(Part::BasicFarmland), -INF, 0.0, 0.0, r.soft_penalty());
            for (si, s) in inst.sites.iter().enumerate() {
                if s.farmland_area == Some(ai) && s.basic_farmland_share > 0.0 {
                    for k in c.inst.uses.construction() {
                        if let Some(j) = c.cols.site_use(si, k) {
                            c.b.add(j, s.basic_farmland_share);
                        }
                    }
                }
            }
            c.b.end_row();
        }
    }
}
