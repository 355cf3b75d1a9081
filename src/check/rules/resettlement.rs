//! Check of `resettlement`: per district, resettlement demand minus affordable housing and
//! the resettlement sent out and taken in; per flow, resettlement within what its quota
//! carries; per receiving site, the people resettled there within its affordable housing.

use super::Ctx;
use crate::check::{lines::Lines, tolerance};
use crate::instance::uses::Role;
use crate::network::LinkageNetwork;
use crate::policy::{active, Family, Place, Resettlement, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &Resettlement, l: &mut Lines) {
    let (inst, alloc) = (c.inst, c.alloc);
    let ratio = active(&c.model.rules.linkage_balance).map_or(1.0, |k| k.ratio);
    for d in 0..inst.districts.len() {
        let mut v = 0.0;
        for (u, a) in inst.units.iter().zip(&alloc.units) {
            if u.district == d {
                if r.kinds.contains(&u.kind) {
                    v += r.density(u) * a.iter().sum::<f64>();
                }
                v -= c.inst.uses.sum_role(a, Role::Affordable);
            }
        }
        for (s, a) in inst.sites.iter().zip(&alloc.sites) {
            if s.district == d {
                v -= c.inst.uses.sum_role(a, Role::Affordable);
            }
        }
        for f in &alloc.flows {
            if inst.units[f.unit as usize].district == d {
                v -= f.resettled_km2;
            }
            if inst.sites[f.site as usize].district == d {
                v += f.resettled_km2;
            }
        }
        let row = RowRef::at(RuleId::Resettlement, Place::District(d as u32));
        l.push(row, v, None, Some(0.0), r.soft_penalty());
    }
    // people resettled across districts are housed at the site: a line per site a pairing
    // from another district's resettled village reaches (the pairings as the linkage
    // defines them), and per site receiving any
    let mut at_site = vec![0.0; inst.sites.len()];
    for f in &alloc.flows {
        at_site[f.site as usize] += f.resettled_km2;
    }
    let mut reachable = vec![false; inst.sites.len()];
    if let Some(lb) = active(&c.model.rules.linkage_balance) {
        // the sites a unit with people may pair with across districts (unit by unit: the
        // network is not built again)
        LinkageNetwork::each_reach(inst, lb, |u, sites| {
            let unit = &inst.units[u];
            if r.density(unit) > 0.0 {
                for &(s, _) in sites {
                    if inst.sites[s as usize].district != unit.district {
                        reachable[s as usize] = true;
                    }
                }
            }
        });
    }
    for (si, (&v, a)) in at_site.iter().zip(&alloc.sites).enumerate() {
        if reachable[si] || v > tolerance(0.0) {
            let row = RowRef::at(RuleId::Resettlement, Place::Site(si as u32));
            l.push(row, v - c.inst.uses.sum_role(a, Role::Affordable), None, Some(0.0), r.soft_penalty());
        }
    }
    for f in &alloc.flows {
        if f.resettled_km2 > tolerance(0.0) {
            let u = &inst.units[f.unit as usize];
            let cap = r.density(u) * f.quota_km2 / ratio;
            let pair = Place::Pair {
                unit: f.unit,
                site: f.site,
            };
            let row = RowRef::at(RuleId::Resettlement, pair);
            l.push(row, f.resettled_km2 - cap, None, Some(0.0), r.soft_penalty());
        }
    }
}
