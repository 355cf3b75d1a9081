//! Decoding a solver's [`Outcome`] into a [`Solution`]: column values back to units,
//! sites, projects and flows, duals back to rule rows. It lives here because only the
//! programme knows what its columns and rows stand for.

use super::{row_label, ColumnKey, Programme};
use crate::instance::uses::Role;
use crate::instance::Instance;
use crate::solution::{
    round_off, Allocation, ColumnPlace, ColumnResult, Flow, Outcome, RowResult, Solution,
};
use std::collections::BTreeMap;

/// Map a backend's outcome back to the instance's units, sites and rows.
pub fn decode(
    instance: &Instance,
    programme: &Programme,
    outcome: Outcome,
    build_seconds: f64,
) -> Solution {
    let allocation = allocation(instance, programme, &outcome.col_values);
    let columns = columns(programme, outcome.col_duals.as_deref());
    let rows = programme
        .rows
        .iter()
        .enumerate()
        .map(|(i, name)| RowResult {
            name: row_label(instance, name),
            row: name.rule_row(),
            rule: name.rule_row().map(|r| r.rule),
            shadow_price: outcome.row_duals.as_ref().map(|d| round_off(d[i])),
            sensitivity: None,
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
        prices_conditional: false,
        ipm_iterations: outcome.ipm_iterations,
        allocation,
        columns,
        rows,
    }
}

/// The decision columns with their coefficients and, when given, reduced costs.
fn columns(programme: &Programme, duals: Option<&[f64]>) -> Vec<ColumnResult> {
    programme
        .columns
        .iter()
        .enumerate()
        .filter_map(|(j, key)| {
            let (place, land_use) = match *key {
                ColumnKey::Alloc { unit, land_use } => (ColumnPlace::Unit(unit), Some(land_use)),
                ColumnKey::Build { site, land_use } => (ColumnPlace::Site(site), Some(land_use)),
                ColumnKey::Consolidate { project } => (ColumnPlace::Project(project), None),
                _ => return None,
            };
            Some(ColumnResult {
                place,
                land_use,
                column: j as u32,
                coefficient: programme.col_cost[j],
                reduced_cost: duals.map(|d| round_off(d[j])),
                coefficient_range: None,
                range_objective: None,
                price_up: None,
                price_down: None,
            })
        })
        .collect()
}

/// The allocation and the non-zero flows, values within [`ZERO`](crate::solution::ZERO) of zero taken as zero.
fn allocation(instance: &Instance, programme: &Programme, values: &[f64]) -> Allocation {
    let mut allocation = Allocation::zeros(instance);
    let mut flows: BTreeMap<(u32, u32), (f64, f64)> = BTreeMap::new();
    let mut pooled: Vec<(u32, u32, f64)> = Vec::new();
    for (j, &v) in values.iter().enumerate() {
        let v = round_off(v);
        match programme.columns[j] {
            ColumnKey::Alloc { unit, land_use } => {
                allocation.units[unit as usize][land_use.index()] = v
            }
            ColumnKey::Build { site, land_use } => {
                allocation.sites[site as usize][land_use.index()] = v
            }
            ColumnKey::Consolidate { project } => allocation.projects[project as usize] = v,
            ColumnKey::Flow { unit, site } => flows.entry((unit, site)).or_insert((0.0, 0.0)).0 = v,
            ColumnKey::PoolFlow { pool, site } if v != 0.0 => pooled.push((pool, site, v)),
            ColumnKey::PoolFlow { .. } => {}
            ColumnKey::Resettle { unit, site } => {
                flows.entry((unit, site)).or_insert((0.0, 0.0)).1 = v
            }
            ColumnKey::Slack { .. }
            | ColumnKey::Total(_)
            | ColumnKey::Whole { .. }
            | ColumnKey::EdgeUsed { .. } => {}
        }
    }
    // a pool's flow split over its units in proportion to their reclaimed arable: each
    // unit then sends at most ratio × its own reclaimed arable, as the pool row held for all
    let reclaimed = |u: u32| {
        instance
            .uses
            .sum_role(&allocation.units[u as usize], Role::Arable)
    };
    for (pool, site, v) in pooled {
        let units = &programme.pools[pool as usize].units;
        let total: f64 = units.iter().map(|&u| reclaimed(u)).sum();
        for &u in units {
            let share = if total > 0.0 {
                reclaimed(u) / total
            } else {
                // nothing reclaimed, nothing to send: the check reports it on the first unit
                (u == units[0]) as u8 as f64
            };
            if share > 0.0 {
                flows.entry((u, site)).or_insert((0.0, 0.0)).0 += v * share;
            }
        }
    }
    allocation.flows = flows
        .into_iter()
        .filter(|(_, (q, r))| *q != 0.0 || *r != 0.0)
        .map(|((unit, site), (quota_km2, resettled_km2))| Flow {
            unit,
            site,
            quota_km2,
            resettled_km2,
        })
        .collect();
    allocation
}
