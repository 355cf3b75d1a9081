//! Check of `ecological_zone`: growth of construction land in each listed zone, by the
//! account definition every account rule uses ([`crate::policy::change`]): a site's new
//! construction adds to it, a unit's land turned to use `k` adds what `k` gains from the
//! account the unit is in now (stock re-used 0, restored −1; a patch group built on +1,
//! greened 0).

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::change::construction_gain;
use crate::policy::{EcologicalZone, Family, Place, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &EcologicalZone, l: &mut Lines) {
    let inst = c.inst;
    for zone in &r.zones {
        let Some(z) = inst.zone_index(zone) else {
            continue;
        };
        let mut growth = 0.0;
        for (s, a) in inst.sites.iter().zip(&c.alloc.sites) {
            if inst.districts[s.district].zone == z {
                growth += inst.uses.construction().map(|k| a[k.index()]).sum::<f64>();
            }
        }
        for (u, a) in inst.units.iter().zip(&c.alloc.units) {
            if inst.districts[u.district].zone == z {
                growth += inst
                    .uses
                    .iter()
                    .map(|k| construction_gain(u.account, k) * a[k.index()])
                    .sum::<f64>();
            }
        }
        let row = RowRef::at(RuleId::EcologicalZone, Place::Zone(z as u32));
        l.push(row, growth, None, Some(0.0), r.soft_penalty());
    }
}
