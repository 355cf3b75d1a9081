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
        column_sides: Default::default(),
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
                ranging: None,
            })
        })
        .collect()
}

/// The allocation and the non-zero flows, values within [`ZERO`](crate::solution::ZERO) of
/// zero taken as zero; with years, each year's too ([`Allocation::by_year`]).
fn allocation(instance: &Instance, programme: &Programme, values: &[f64]) -> Allocation {
    let years = programme.years.map_or(0, |y| y.count());
    let mut whole = Filling::new(instance);
    let mut by_year: Vec<Filling> = (0..years).map(|_| Filling::new(instance)).collect();
    for (j, &v) in values.iter().enumerate() {
        let v = round_off(v);
        match programme.columns[j] {
            // a later year's part of a decision
            ColumnKey::Year { column, t, .. } => {
                let key = programme.columns[column as usize];
                whole.put(key, v);
                by_year[t as usize].put(key, v);
            }
            // with years, a decision column is its first year's part
            key @ (ColumnKey::Alloc { .. }
            | ColumnKey::Build { .. }
            | ColumnKey::Consolidate { .. }
            | ColumnKey::Flow { .. }
            | ColumnKey::PoolFlow { .. })
                if years > 0 =>
            {
                whole.put(key, v);
                by_year[0].put(key, v);
            }
            key => whole.put(key, v),
        }
    }
    // the period's pooled flows split in proportion to the units' reclaimed arable: each
    // unit then sends at most ratio × its own, as the pool row held for all
    let pooled = std::mem::take(&mut whole.pooled);
    let mut allocation = whole.finish();
    for (pool, site, v) in pooled {
        let units = &programme.pools[pool as usize].units;
        let weights: Vec<f64> = units
            .iter()
            .map(|&u| reclaimed(instance, &allocation, u))
            .collect();
        allocation.split(units, &weights, site, v);
    }
    allocation.flows = flows(std::mem::take(&mut allocation.pending));
    if years == 0 {
        return allocation.allocation;
    }
    let mut years: Vec<Decoded> = Vec::with_capacity(by_year.len());
    let mut pooled = Vec::new();
    for mut f in by_year {
        pooled.push(std::mem::take(&mut f.pooled));
        years.push(f.finish());
    }
    if !programme.pools.is_empty() {
        split_in_time(instance, programme, &mut years, pooled);
        // the period's flows are the years' (the split in time decides each unit's share)
        let mut sum: BTreeMap<(u32, u32), (f64, f64)> = BTreeMap::new();
        for y in &years {
            for (&k, &(q, _)) in &y.pending {
                sum.entry(k).or_insert((0.0, 0.0)).0 += q;
            }
        }
        for f in &allocation.flows {
            sum.entry((f.unit, f.site)).or_insert((0.0, 0.0)).1 = f.resettled_km2;
        }
        allocation.flows = flows(sum);
    }
    allocation.by_year = years
        .into_iter()
        .map(|mut y| {
            y.allocation.flows = flows(std::mem::take(&mut y.pending));
            y.allocation
        })
        .collect();
    allocation.allocation
}

/// km² unit `u` reclaims to arable in `a`.
fn reclaimed(instance: &Instance, a: &Allocation, u: u32) -> f64 {
    instance.uses.sum_role(&a.units[u as usize], Role::Arable)
}

/// Each year's pooled flows split over the pool's units so that every unit's quota used by
/// the end of a year stays within ratio × what it reclaims by the turnover deadline
/// ([`QuotaYears`](super::sparse::QuotaYears)), as the pool's rows held for all: year by
/// year, each flow in proportion to the units' room left. The room of a unit never shrinks
/// from one year to the next, so the room the pool's row leaves in a year is always there to
/// split.
fn split_in_time(
    instance: &Instance,
    programme: &Programme,
    years: &mut [Decoded],
    pooled: Vec<Vec<(u32, u32, f64)>>,
) {
    let t_last = years.len() - 1;
    let (ratio, deadline) = programme
        .quota_years
        .map_or((1.0, t_last), |q| (q.ratio, q.deadline_years));
    let mut used: BTreeMap<u32, f64> = BTreeMap::new();
    for (t, flows) in pooled.into_iter().enumerate() {
        let until = (t + deadline).min(t_last);
        for (pool, site, v) in flows {
            let units = &programme.pools[pool as usize].units;
            let room: Vec<f64> = units
                .iter()
                .map(|&u| {
                    let cap: f64 = years[..=until]
                        .iter()
                        .map(|y| reclaimed(instance, y, u))
                        .sum::<f64>()
                        * ratio;
                    (cap - used.get(&u).copied().unwrap_or(0.0)).max(0.0)
                })
                .collect();
            let before: Vec<f64> = units
                .iter()
                .map(|u| years[t].pending_quota(*u, site))
                .collect();
            years[t].split(units, &room, site, v);
            for (i, &u) in units.iter().enumerate() {
                let added = years[t].pending_quota(u, site) - before[i];
                *used.entry(u).or_insert(0.0) += added;
            }
        }
    }
}

/// The non-zero flows of a (unit, site) → (quota, resettled) map.
fn flows(map: BTreeMap<(u32, u32), (f64, f64)>) -> Vec<Flow> {
    map.into_iter()
        .filter(|(_, (q, r))| *q != 0.0 || *r != 0.0)
        .map(|((unit, site), (quota_km2, resettled_km2))| Flow {
            unit,
            site,
            quota_km2,
            resettled_km2,
        })
        .collect()
}

/// An allocation being filled from column values.
struct Filling {
    allocation: Allocation,
    flows: BTreeMap<(u32, u32), (f64, f64)>,
    pooled: Vec<(u32, u32, f64)>,
}

impl Filling {
    fn new(instance: &Instance) -> Filling {
        Filling {
            allocation: Allocation::zeros(instance),
            flows: BTreeMap::new(),
            pooled: Vec::new(),
        }
    }

    /// Column `key` at value `v`, added to what the allocation has of it (a decision's
    /// years add up to its period's).
    fn put(&mut self, key: ColumnKey, v: f64) {
        let allocation = &mut self.allocation;
        match key {
            ColumnKey::Alloc { unit, land_use } => {
                allocation.units[unit as usize][land_use.index()] += v
            }
            ColumnKey::Build { site, land_use } => {
                allocation.sites[site as usize][land_use.index()] += v
            }
            ColumnKey::Consolidate { project } => allocation.projects[project as usize] += v,
            ColumnKey::Flow { unit, site } => {
                self.flows.entry((unit, site)).or_insert((0.0, 0.0)).0 += v
            }
            ColumnKey::PoolFlow { pool, site } if v != 0.0 => self.pooled.push((pool, site, v)),
            ColumnKey::PoolFlow { .. } => {}
            ColumnKey::Resettle { unit, site } => {
                self.flows.entry((unit, site)).or_insert((0.0, 0.0)).1 += v
            }
            ColumnKey::Slack { .. }
            | ColumnKey::Total(_)
            | ColumnKey::Whole { .. }
            | ColumnKey::EdgeUsed { .. }
            | ColumnKey::Year { .. }
            | ColumnKey::Rebase(_) => {}
        }
    }

    /// The allocation with its unpooled flows pending ([`Decoded`]).
    fn finish(self) -> Decoded {
        Decoded {
            allocation: self.allocation,
            pending: self.flows,
        }
    }
}

/// An allocation whose flows are still a map, while pooled flows are split into it.
struct Decoded {
    allocation: Allocation,
    pending: BTreeMap<(u32, u32), (f64, f64)>,
}

impl std::ops::Deref for Decoded {
    type Target = Allocation;
    fn deref(&self) -> &Allocation {
        &self.allocation
    }
}

impl std::ops::DerefMut for Decoded {
    fn deref_mut(&mut self) -> &mut Allocation {
        &mut self.allocation
    }
}

impl Decoded {
    /// Pooled flow `v` to `site` split over `units` in proportion to `weights` (all to the
    /// first unit when they are all 0: nothing to send, which the check reports).
    fn split(&mut self, units: &[u32], weights: &[f64], site: u32, v: f64) {
        let total: f64 = weights.iter().sum();
        for (i, &u) in units.iter().enumerate() {
            let share = if total > 0.0 {
                weights[i] / total
            } else {
                (i == 0) as u8 as f64
            };
            if share > 0.0 {
                self.pending.entry((u, site)).or_insert((0.0, 0.0)).0 += v * share;
            }
        }
    }
    /// Quota pending from `unit` to `site`.
    fn pending_quota(&self, unit: u32, site: u32) -> f64 {
        self.pending.get(&(unit, site)).map_or(0.0, |x| x.0)
    }
}
