//! The objective recomputed from the instance's values and costs, and the penalties and
//! linkage costs the families found.

use super::lines::Lines;
use crate::instance::uses::LandUse;
use crate::instance::Instance;
use crate::policy::benefits::Weighted;
use crate::policy::{BenefitValue, PolicyModel};
use crate::solution::Allocation;
use serde::Serialize;

/// The objective recomputed, million yuan.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct ObjectiveParts {
    /// Weighted value of the uses created.
    pub value: f64,
    /// Weighted redevelopment, construction and consolidation costs, and the linkage's.
    pub cost: f64,
    /// Of `cost`, the linkage's transfer and fixed project costs.
    #[serde(skip_serializing_if = "is_zero")]
    pub linkage_cost: f64,
    /// Soft transport-access penalties (per km² per km beyond the distance).
    pub transport_penalty: f64,
    /// Penalties of soft rules' violations.
    pub soft_penalty: f64,
    /// Σ_c ±w_c · B_c / N_c of the benefit criteria (absent without criteria).
    #[serde(skip_serializing_if = "is_zero")]
    pub benefits: f64,
    /// value − cost − transport_penalty − soft_penalty + benefits.
    pub total: f64,
}

impl ObjectiveParts {
    /// Soft transport and soft-rule penalties together, million yuan.
    pub fn penalties(&self) -> f64 {
        self.transport_penalty + self.soft_penalty
    }
    /// The penalties as a share of what the plan creates (|value| + |benefit criteria|);
    /// `None` without penalties, infinite when the plan creates nothing.
    pub fn penalty_share(&self) -> Option<f64> {
        let p = self.penalties();
        if p <= 0.0 {
            return None;
        }
        let gross = self.value.abs() + self.benefits.abs();
        Some(if gross > 0.0 {
            p / gross
        } else {
            f64::INFINITY
        })
    }
    /// Whether the penalties are a material part of the objective (1 % of the value or
    /// more): then the objective is not a net benefit to read, and the prices of violated
    /// soft rules are their penalties.
    pub fn penalties_material(&self) -> bool {
        self.penalty_share()
            .is_some_and(|s| s >= MATERIAL_PENALTY_SHARE)
    }
}

/// From this share of the value on, penalties are said to be material.
pub const MATERIAL_PENALTY_SHARE: f64 = 0.01;

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// Each benefit criterion of the model measured on `alloc`: B_c summed from the units'
/// and sites' km² and the criterion's yields, with its weight, scale and contribution.
pub fn benefits(inst: &Instance, model: &PolicyModel, alloc: &Allocation) -> Vec<BenefitValue> {
    let w = Weighted::new(inst, &model.objective);
    w.criteria
        .iter()
        .map(|c| {
            let mut value = 0.0;
            for (ui, x) in alloc.units.iter().enumerate() {
                for k in inst.uses.iter() {
                    if x[k.index()] != 0.0 {
                        value += c.unit(ui, k) * x[k.index()];
                    }
                }
            }
            for (si, y) in alloc.sites.iter().enumerate() {
                for k in inst.uses.iter() {
                    if y[k.index()] != 0.0 {
                        value += c.site(si, k) * y[k.index()];
                    }
                }
            }
            BenefitValue {
                id: c.benefit.id.clone(),
                name: c.benefit.name.clone(),
                value,
                weight: c.benefit.weight,
                scale: c.scale,
                contribution: c.factor * value,
            }
        })
        .collect()
}

/// Every term of the objective's value and cost, weighted, in a fixed order (units by use,
/// sites by use, consolidation projects): `f(district, use, value, cost)`, the use `None`
/// for a project. The check sums them; an evaluation itemises them by district and use.
pub fn terms(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    mut f: impl FnMut(usize, Option<LandUse>, f64, f64),
) {
    let vw = model.objective.effective_value_weight();
    let cw = model.objective.cost_weight;
    for (u, a) in inst.units.iter().zip(&alloc.units) {
        for k in inst.uses.iter() {
            if let Some(e) = u.uses[k.index()] {
                f(
                    u.district,
                    Some(k),
                    vw * e.value * a[k.index()],
                    cw * e.cost * a[k.index()],
                );
            }
        }
    }
    for (s, a) in inst.sites.iter().zip(&alloc.sites) {
        for k in inst.uses.construction() {
            if let Some(e) = s.uses[k.index()] {
                f(
                    s.district,
                    Some(k),
                    vw * e.value * a[k.index()],
                    cw * e.cost * a[k.index()],
                );
            }
        }
    }
    for (p, &c) in inst.projects.iter().zip(&alloc.projects) {
        f(p.district, None, 0.0, cw * p.cost * c);
    }
}

pub(super) fn recompute(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    l: &Lines,
    benefits: &[BenefitValue],
) -> ObjectiveParts {
    let mut value = 0.0;
    let mut cost = 0.0;
    terms(inst, model, alloc, |_, _, v, c| {
        value += v;
        cost += c;
    });
    // money in time: a km² done in year t counts at the discount d_t
    if let Some(ys) = model.phased_years().filter(|y| y.discount_rate != 0.0) {
        for (t, y) in alloc.by_year.iter().enumerate() {
            let d = ys.discount(t) - 1.0;
            terms(inst, model, y, |_, _, v, c| {
                value += d * v;
                cost += d * c;
            });
        }
    }
    cost += l.linkage_cost;
    let benefits: f64 = benefits.iter().map(|b| b.contribution).sum();
    ObjectiveParts {
        value,
        cost,
        linkage_cost: l.linkage_cost,
        transport_penalty: l.transport_penalty,
        soft_penalty: l.soft_penalty,
        benefits,
        total: value - cost - l.transport_penalty - l.soft_penalty + benefits,
    }
}
