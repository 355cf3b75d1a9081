//! Check of `ecological_zone`: growth of construction land in each listed zone.

use super::Ctx;
use crate::check::lines::Lines;
use crate::instance::uses::Role;
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
                growth += c.inst.uses.construction().map(|k| a[k.index()])
                    .sum::<f64>();
            }
        }
        for (u, a) in inst.units.iter().zip(&c.alloc.units) {
            if inst.districts[u.district].zone == z {
                growth -= c.inst.uses.sum_role(a, Role::Arable) + c.inst.uses.sum_role(a, Role::Ecological);
            }
        }
        let row = RowRef::at(RuleId::EcologicalZone, Place::Zone(z as u32));
        l.push(row, growth, None, Some(0.0), r.soft_penalty());
    }
}
