//! Reports of a run, one file per form: the text summary ([`summary`]), `solution.json`
//! ([`solution_json`]), the CSV tables ([`csv_tables`]) and the linkage graph in DOT
//! ([`dot`]). Each returns text; the caller decides where it goes. Prices are joined to the
//! check's lines by their typed [`RowRef`], through maps built once.

mod csv;
mod dot;
mod json;
mod text;

pub use self::csv::csv_tables;
pub use dot::dot;
pub use json::solution_json;
pub use text::{summary, verdict};

use crate::check::{CheckReport, RuleLine};
use crate::engine::Run;
use crate::instance::Instance;
use crate::policy::RowRef;
use serde::Serialize;
use std::collections::HashMap;

/// Shadow prices by row (`None` inside: the backend gave no duals).
pub(crate) type Prices = HashMap<RowRef, Option<f64>>;

/// Rounded to 1e-6 (km² or million yuan), as the tables print allocations.
pub(crate) fn r6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// One row of the allocation by unit, in `units.csv` and `solution.json`.
#[derive(Serialize)]
pub(crate) struct UnitRow<'a> {
    id: &'a str,
    district: &'a str,
    zone: &'a str,
    kind: &'a str,
    area_km2: f64,
    affordable: f64,
    market: f64,
    industrial: f64,
    infrastructure: f64,
    arable: f64,
    ecological: f64,
    redeveloped: f64,
}

/// One row of the allocation by site, in `sites.csv` and `solution.json`.
#[derive(Serialize)]
pub(crate) struct SiteRow<'a> {
    id: &'a str,
    district: &'a str,
    zone: &'a str,
    capacity_km2: f64,
    affordable: f64,
    market: f64,
    industrial: f64,
    infrastructure: f64,
    total: f64,
}

/// One rule line with its price, in `accounts.csv` and `solution.json`.
#[derive(Serialize)]
pub(crate) struct RuleRow<'a> {
    name: &'a str,
    rule: &'a str,
    value: f64,
    lower: Option<f64>,
    upper: Option<f64>,
    slack: f64,
    violation: f64,
    binding: bool,
    shadow_price: Option<f64>,
}

/// One flow, in `flows.csv` and `solution.json`.
#[derive(Serialize)]
pub(crate) struct FlowRow<'a> {
    unit: &'a str,
    site: &'a str,
    unit_district: &'a str,
    site_district: &'a str,
    quota_km2: f64,
    resettled_km2: f64,
}

pub(crate) fn unit_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<UnitRow<'a>> {
    inst.units
        .iter()
        .zip(&run.solution.allocation.units)
        .map(|(u, a)| UnitRow {
            id: &u.id,
            district: &inst.districts[u.district].id,
            zone: &inst.zones[inst.unit_zone(u)].id,
            kind: u.kind.as_str(),
            area_km2: u.area_km2,
            affordable: r6(a[0]),
            market: r6(a[1]),
            industrial: r6(a[2]),
            infrastructure: r6(a[3]),
            arable: r6(a[4]),
            ecological: r6(a[5]),
            redeveloped: r6(a.iter().sum()),
        })
        .collect()
}

pub(crate) fn site_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<SiteRow<'a>> {
    inst.sites
        .iter()
        .zip(&run.solution.allocation.sites)
        .map(|(s, a)| SiteRow {
            id: &s.id,
            district: &inst.districts[s.district].id,
            zone: &inst.zones[inst.site_zone(s)].id,
            capacity_km2: s.capacity_km2,
            affordable: r6(a[0]),
            market: r6(a[1]),
            industrial: r6(a[2]),
            infrastructure: r6(a[3]),
            total: r6(a.iter().sum()),
        })
        .collect()
}

pub(crate) fn rule_rows<'a>(check: &'a CheckReport, prices: &Prices) -> Vec<RuleRow<'a>> {
    check
        .lines
        .iter()
        .map(|l: &'a RuleLine| RuleRow {
            name: &l.name,
            rule: l.rule.as_str(),
            value: l.value,
            lower: l.lower,
            upper: l.upper,
            slack: if l.slack.is_finite() {
                l.slack
            } else {
                f64::MAX
            },
            violation: l.violation,
            binding: l.binding,
            shadow_price: prices.get(&l.row).copied().flatten(),
        })
        .collect()
}

pub(crate) fn flow_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<FlowRow<'a>> {
    run.solution
        .allocation
        .flows
        .iter()
        .map(|f| {
            let (u, s) = (&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
            FlowRow {
                unit: &u.id,
                site: &s.id,
                unit_district: &inst.districts[u.district].id,
                site_district: &inst.districts[s.district].id,
                quota_km2: r6(f.quota_km2),
                resettled_km2: r6(f.resettled_km2),
            }
        })
        .collect()
}
