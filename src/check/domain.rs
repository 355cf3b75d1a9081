//! The allocation's domain: non-negative and finite, only uses the unit or site offers,
//! consolidation within capacity, and flows only under a linkage.

use super::lines::Lines;
use super::tolerance;
use crate::instance::Instance;
use crate::policy::{active, PolicyModel};
use crate::solution::Allocation;

pub(super) fn check(inst: &Instance, model: &PolicyModel, alloc: &Allocation, l: &mut Lines) {
    for (u, a) in inst.units.iter().zip(&alloc.units) {
        for k in inst.uses.iter() {
            let v = a[k.index()];
            if v < -tolerance(0.0) || !v.is_finite() {
                l.fail(format!(
                    "unit {}: {k} allocation {v} is negative or not finite",
                    u.id
                ));
            }
            if v > tolerance(0.0) && u.uses[k.index()].is_none() {
                l.fail(format!(
                    "unit {}: {v} km² allocated to {k}, a use the unit does not offer",
                    u.id
                ));
            }
        }
    }
    for (s, a) in inst.sites.iter().zip(&alloc.sites) {
        for k in inst.uses.iter() {
            let v = a[k.index()];
            if v < -tolerance(0.0) || !v.is_finite() {
                l.fail(format!(
                    "site {}: {k} allocation {v} is negative or not finite",
                    s.id
                ));
            }
            if v > tolerance(0.0) && (s.uses[k.index()].is_none() || !k.is_construction()) {
                l.fail(format!(
                    "site {}: {v} km² allocated to {k}, a use the site does not offer",
                    s.id
                ));
            }
        }
    }
    for (p, &v) in inst.projects.iter().zip(&alloc.projects) {
        if v < -tolerance(0.0) || v > p.capacity_km2 + tolerance(p.capacity_km2) {
            l.fail(format!(
                "project {}: {v} km² outside [0, {}]",
                p.id, p.capacity_km2
            ));
        }
    }
    if active(&model.rules.linkage_balance).is_none() && !alloc.flows.is_empty() {
        l.fail("the allocation has linkage flows but the model has no linkage");
    }
}
