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
//!
//! Plain data: this module imports nothing of the programme, the solvers or the network.

mod status;

pub use status::{Backend, Method, Outcome, RangeEnd, Ranging, Status};

use crate::instance::uses::{LandUse, PerUse};
use crate::instance::Instance;
use crate::policy::{RowRef, RuleId};
use serde::Serialize;
use std::collections::HashMap;

/// The allocation: km² per unit and use, per site and use, per consolidation project,
/// indexed like the instance's vectors (uses in the instance's catalogue order).
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Allocation {
    pub units: PerUse<f64>,
    pub sites: PerUse<f64>,
    pub projects: Vec<f64>,
    /// Linkage quota flows (and the resettlement along them); only non-zero ones.
    pub flows: Vec<Flow>,
    /// With years ([`crate::policy::years`]): each year's part of the allocation, by year
    /// index, shaped like the whole and summing to it (the resettlement is the period's,
    /// kept on the whole); empty for one period.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_year: Vec<Allocation>,
}

impl Allocation {
    /// An all-zero allocation shaped like `instance`.
    pub fn zeros(instance: &Instance) -> Allocation {
        Allocation {
            units: PerUse::new(instance.units.len(), instance.uses.len(), 0.0),
            sites: PerUse::new(instance.sites.len(), instance.uses.len(), 0.0),
            projects: vec![0.0; instance.projects.len()],
            flows: Vec::new(),
            by_year: Vec::new(),
        }
    }
}

/// One quota flow of a solution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Flow {
    pub unit: u32,
    pub site: u32,
    /// km² of linkage quota.
    pub quota_km2: f64,
    /// km² of affordable-housing land at the site taken by people resettled from the unit
    /// (cross-district flows; people within their district are housed by the district pool).
    pub resettled_km2: f64,
}

/// One row of the programme as solved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowResult {
    /// The printed name (`rule_id[key]`, or `total[...]` for a definition row).
    pub name: String,
    /// The rule row; `None` for an accounting-total definition row.
    #[serde(skip)]
    pub row: Option<RowRef>,
    /// The rule family; `None` for an accounting-total definition row (`total[...]`).
    pub rule: Option<RuleId>,
    /// d(objective)/d(bound), million yuan per km²; `None` without duals.
    pub shadow_price: Option<f64>,
    /// Ranging and one-sided prices, when analysed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<RowSensitivity>,
}

/// Sensitivity of one row at the optimum (ranging and one-sided prices): all `None` for a row
/// that does not bind, a soft row, or a solve without duals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct RowSensitivity {
    /// Whether the row is at a bound.
    pub binding: bool,
    /// d(objective)/d(bound) for moving the bound up, million yuan per km² (`None`: not
    /// measured, or no feasible plan on that side).
    pub price_up: Option<f64>,
    /// d(objective)/d(bound) for moving the bound down.
    pub price_down: Option<f64>,
    /// Moving the bound up leaves no feasible plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub infeasible_up: bool,
    /// Moving the bound down leaves no feasible plan.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub infeasible_down: bool,
    /// The interval of the bound (in the rule's terms) over which the dual holds.
    pub range: Option<[f64; 2]>,
    /// The objective at the ends of that interval.
    pub range_objective: Option<[f64; 2]>,
    /// The two sides differ: the dual is not unique, and no single number is the row's
    /// price. `None` when a side was not measured.
    pub degenerate: Option<bool>,
    /// Whether a side was measured by re-solving.
    pub resolved: bool,
}

/// Where a decision column belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "index")]
pub enum ColumnPlace {
    Unit(u32),
    Site(u32),
    Project(u32),
}

/// One decision column (km² of a unit or site in a use, or of a consolidation project) at
/// the optimum, with its reduced cost and the range of its objective coefficient.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnResult {
    pub place: ColumnPlace,
    /// The use (none for a consolidation project).
    pub land_use: Option<LandUse>,
    /// The column's index in the programme it was decoded from.
    #[serde(skip)]
    pub column: u32,
    /// Its objective coefficient: net benefit per km², million yuan.
    pub coefficient: f64,
    /// d(objective)/d(km²) of forcing the column: its reduced cost (0 for a basic column).
    pub reduced_cost: Option<f64>,
    /// The interval of the coefficient over which the optimal allocation holds, when
    /// ranged (boxed: a million-unit run holds a result for each of its columns, most
    /// without a range when they were aggregated).
    pub ranging: Option<Box<CostRange>>,
}

/// The ranging of a column's objective coefficient.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CostRange {
    /// The interval of the coefficient over which the optimal allocation holds.
    pub coefficient: [f64; 2],
    /// The objective at the ends of that interval.
    pub objective: [f64; 2],
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
    /// After a MIP: the prices are those of the LP with every binary fixed at its value
    /// (conditional on the chosen units).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub prices_conditional: bool,
    pub ipm_iterations: Option<i64>,
    #[serde(skip)]
    pub allocation: Allocation,
    /// The decision columns, with reduced costs and ranges when the backend has them.
    #[serde(skip)]
    pub columns: Vec<ColumnResult>,
    /// For each locked column priced (by its index in the programme): d(objective)/d(bound)
    /// moving its locked bound up and down (kept apart from [`ColumnResult`], which a
    /// million-unit run holds for every column).
    #[serde(skip)]
    pub column_sides: HashMap<u32, (Option<f64>, Option<f64>)>,
    pub rows: Vec<RowResult>,
}

/// Values within this of zero are reported as zero (solver round-off).
pub const ZERO: f64 = 1e-9;

/// `v`, or 0 where it is within [`ZERO`] of zero: how every value, price and reduced cost
/// a solver returns is reported.
pub fn round_off(v: f64) -> f64 {
    if v.abs() < ZERO {
        0.0
    } else {
        v
    }
}

impl Solution {
    /// Shadow price of the row printed `label` (`rule_id[key]`), if it exists and duals are
    /// known. For scripts and tests; the library joins prices by [`RowRef`].
    pub fn shadow_price(&self, label: &str) -> Option<f64> {
        self.rows
            .iter()
            .find(|r| r.name == label)
            .and_then(|r| r.shadow_price)
    }

    /// The rule rows by [`RowRef`], built once.
    pub fn rows_by_ref(&self) -> HashMap<RowRef, &RowResult> {
        self.rows
            .iter()
            .filter_map(|r| r.row.map(|row| (row, r)))
            .collect()
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
