//! A solution: plain data — status, objective, the allocation per unit, site and project,
//! and each row's shadow price under its name. No solver types.
//!
//! **Shadow prices.** The shadow price of a rule's row is d(objective)/d(bound): what one
//! more km² of the row's bound is worth to the objective, in million yuan. So a binding cap
//! (`supply_cap`, a `≤` row) has a price ≥ 0 — one more km² allowed is worth that much; a
//! binding floor (`arable_floor`, a `≥` row) has a price ≤ 0 — one more km² required costs
//! that much; a target row (`stock_target[zone]`) has the sign that says which way moving the
//! target pays. Share rules (`stock_share`, `supply_mix`, `affordable_share`) are stated in
//! km² (e.g. stock re-use minus the required share of supply), and their price is per km² of
//! that quantity. A row that does not bind has price 0.

use crate::instance::Instance;
use crate::land_use::LandUse;
use crate::policy::RuleId;
use crate::programme::{row_label, ColumnKey, Programme};
use crate::solve::{Backend, Method, Outcome, Status};
use serde::Serialize;

/// The allocation: km² per unit and use, per site and use, per consolidation project,
/// indexed like the instance's vectors (uses in [`LandUse::ALL`] order).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Allocation {
    pub units: Vec<[f64; 6]>,
    pub sites: Vec<[f64; 6]>,
    pub projects: Vec<f64>,
    /// Linkage quota flows (and the resettlement along them); only non-zero ones.
    pub flows: Vec<crate::network::Flow>,
}

impl Allocation {
    /// An all-zero allocation shaped like `instance`.
    pub fn zeros(instance: &Instance) -> Allocation {
        Allocation {
            units: vec![[0.0; 6]; instance.units.len()],
            sites: vec![[0.0; 6]; instance.sites.len()],
            projects: vec![0.0; instance.projects.len()],
            flows: Vec::new(),
        }
    }
}

/// One row of the programme as solved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowResult {
    pub name: String,
    /// The rule family; `None` for an accounting-total definition row (`total[...]`).
    pub rule: Option<RuleId>,
    /// d(objective)/d(bound), million yuan per km²; `None` without duals.
    pub shadow_price: Option<f64>,
}

/// The result of one solve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    pub status: Status,
    pub backend: Backend,
    pub method: Option<Method>,
    /// Objective as the solver reports it, million yuan.
    pub objective: Option<f64>,
    pub mip_gap: Option<f64>,
    pub solve_seconds: f64,
    pub build_seconds: f64,
    pub simplex_iterations: Option<i64>,
    pub ipm_iterations: Option<i64>,
    #[serde(skip)]
    pub allocation: Allocation,
    pub rows: Vec<RowResult>,
}

/// Values within this of zero are reported as zero (solver round-off).
pub const ZERO: f64 = 1e-9;

impl Solution {
    /// Map a backend's outcome back to the instance's units, sites and rows.
    pub fn from_outcome(
        instance: &Instance,
        programme: &Programme,
        outcome: Outcome,
        build_seconds: f64,
    ) -> Solution {
        let mut allocation = Allocation::zeros(instance);
        let mut flows: std::collections::BTreeMap<(u32, u32), (f64, f64)> = Default::default();
        for (j, &v) in outcome.col_values.iter().enumerate() {
            let v = if v.abs() < ZERO { 0.0 } else { v };
            match programme.columns[j] {
                ColumnKey::Alloc { unit, land_use } => {
                    allocation.units[unit as usize][land_use.index()] = v
                }
                ColumnKey::Build { site, land_use } => {
                    allocation.sites[site as usize][land_use.index()] = v
                }
                ColumnKey::Consolidate { project } => allocation.projects[project as usize] = v,
                ColumnKey::Flow { unit, site } => {
                    flows.entry((unit, site)).or_insert((0.0, 0.0)).0 = v
                }
                ColumnKey::Resettle { unit, site } => {
                    flows.entry((unit, site)).or_insert((0.0, 0.0)).1 = v
                }
                ColumnKey::Slack { .. }
                | ColumnKey::Total(_)
                | ColumnKey::Whole { .. }
                | ColumnKey::EdgeUsed { .. } => {}
            }
        }
        allocation.flows = flows
            .into_iter()
            .filter(|(_, (q, r))| *q != 0.0 || *r != 0.0)
            .map(
                |((unit, site), (quota_km2, resettled_km2))| crate::network::Flow {
                    unit,
                    site,
                    quota_km2,
                    resettled_km2,
                },
            )
            .collect();
        let rows = programme
            .rows
            .iter()
            .enumerate()
            .map(|(i, name)| RowResult {
                name: row_label(instance, name),
                rule: name.rule,
                shadow_price: outcome.row_duals.as_ref().map(|d| {
                    if d[i].abs() < ZERO {
                        0.0
                    } else {
                        d[i]
                    }
                }),
            })
            .collect();
        Solution {
            status: outcome.status,
            backend: outcome.backend,
            method: outcome.method,
            objective: outcome.objective,
            mip_gap: outcome.mip_gap,
            solve_seconds: outcome.solve_seconds,
            build_seconds,
            simplex_iterations: outcome.simplex_iterations,
            ipm_iterations: outcome.ipm_iterations,
            allocation,
            rows,
        }
    }

    /// Shadow price of the row named `name`, if it exists and duals are known.
    pub fn shadow_price(&self, name: &str) -> Option<f64> {
        self.rows
            .iter()
            .find(|r| r.name == name)
            .and_then(|r| r.shadow_price)
    }
}

/// Total km² of use `k` over all units.
pub fn stock_total(a: &Allocation, k: LandUse) -> f64 {
    a.units.iter().map(|u| u[k.index()]).sum()
}

/// Total km² of use `k` over all sites.
pub fn site_total(a: &Allocation, k: LandUse) -> f64 {
    a.sites.iter().map(|s| s[k.index()]).sum()
}
