//! Check of `farmland_concentration`: each concentration area's arable at period end and
//! the basic farmland occupied inside, summed again from the allocation.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::change::arable_gained;
use crate::policy::{Family, FarmlandConcentration, Part, Place, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &FarmlandConcentration, l: &mut Lines) {
    let inst = c.inst;
    for (ai, a) in inst.farmland_areas.iter().enumerate() {
        let reclaimed: f64 = inst
            .units
            .iter()
            .zip(&c.alloc.units)
            .filter(|(u, _)| u.farmland_area == Some(ai))
            .map(|(u, x)| arable_gained(&inst.uses, u.account, x))
            .sum();
        let (mut occupied, mut basic) = (0.0, 0.0);
        for (s, y) in inst.sites.iter().zip(&c.alloc.sites) {
            if s.farmland_area == Some(ai) {
                let built: f64 = c.inst.uses.construction().map(|k| y[k.index()]).sum();
                occupied += s.arable_share * built;
                basic += s.basic_farmland_share * built;
            }
        }
        let place = RowRef::at(RuleId::FarmlandConcentration, Place::FarmlandArea(ai as u32));
        l.push(
            place.part(Part::Area),
            a.arable_km2 + reclaimed - occupied,
            Some(r.keep_share * a.arable_km2),
            None,
            r.soft_penalty(),
        );
        if r.protect_basic_farmland {
            l.push(place.part(Part::BasicFarmland), basic, None, Some(0.0), r.soft_penalty());
        }
    }
}
