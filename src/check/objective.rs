//! The objective recomputed from the instance's values and costs, and the penalties and
//! linkage costs the families found.

use super::lines::Lines;
use crate::instance::Instance;
use crate::land_use::LandUse;
use crate::policy::PolicyModel;
use crate::solution::Allocation;
use serde::Serialize;

/// The objective recomputed, million yuan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct ObjectiveParts {
    /// Weighted value of the uses created.
    pub value: f64,
    /// Weighted redevelopment, construction and consolidation costs.
    pub cost: f64,
    /// Soft transport-access penalties (per km² per km beyond the distance).
    pub transport_penalty: f64,
    /// Penalties of soft rules' violations.
    pub soft_penalty: f64,
    /// value − cost − transport_penalty − soft_penalty.
    pub total: f64,
}

pub(super) fn recompute(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    l: &Lines,
) -> ObjectiveParts {
    let vw = model.objective.effective_value_weight();
    let cw = model.objective.cost_weight;
    let mut value = 0.0;
    let mut cost = 0.0;
    for (u, a) in inst.units.iter().zip(&alloc.units) {
        for k in LandUse::ALL {
            if let Some(e) = u.uses[k.index()] {
                value += vw * e.value * a[k.index()];
                cost += cw * e.cost * a[k.index()];
            }
        }
    }
    for (s, a) in inst.sites.iter().zip(&alloc.sites) {
        for k in LandUse::CONSTRUCTION {
            if let Some(e) = s.uses[k.index()] {
                value += vw * e.value * a[k.index()];
                cost += cw * e.cost * a[k.index()];
            }
        }
    }
    for (p, &c) in inst.projects.iter().zip(&alloc.projects) {
        cost += cw * p.cost * c;
    }
    cost += l.linkage_cost;
    ObjectiveParts {
        value,
        cost,
        transport_penalty: l.transport_penalty,
        soft_penalty: l.soft_penalty,
        total: value - cost - l.transport_penalty - l.soft_penalty,
    }
}
