//! One solve from start to end: validate the model against the instance, build the
//! programme, solve it, map the answer back, and check it independently.

use crate::check::{check, CheckReport};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::network::{project_areas, LinkageNetwork, NetworkSummary, ProjectArea};
use crate::plan::{Lock, LockTarget};
use crate::policy::active;
use crate::policy::PolicyModel;
use crate::programme::{build_locked, check_numbers, decode, Programme, ProgrammeSize, RowName};
use crate::solution::Solution;
use crate::solve::{solve, Backend, Session, SolveOptions};
use serde::Serialize;
use std::time::Instant;

/// A solved and checked run.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub size: ProgrammeSize,
    /// The programme's coefficient ranges.
    pub numerics: crate::programme::Numerics,
    /// The powers of two the solver scaled costs and bounds by ([`SolveOptions::scaling`]).
    pub scaling: crate::solve::Exponents,
    pub solution: Solution,
    /// The independent check, when the solve produced an allocation.
    pub check: Option<CheckReport>,
    /// For an infeasible model: the rules that must give, and by how much (elastic
    /// relaxation, see [`crate::diagnose`]).
    pub conflicts: Option<Vec<crate::diagnose::Conflict>>,
    /// Seconds spent in the independent check.
    pub check_seconds: f64,
    /// The linkage network's size, when the model has the linkage.
    pub network: Option<NetworkSummary>,
    /// The linkage flows decomposed into project areas (largest first).
    pub project_areas: Vec<ProjectArea>,
    /// Seconds spent building the linkage network (part of building).
    pub network_seconds: f64,
    /// The locked decisions: value in the allocation and price.
    pub locks: Vec<LockResult>,
    /// Seconds spent on ranging and one-sided prices (and, after a MIP, the LP with the
    /// binaries fixed).
    pub sensitivity_seconds: f64,
}

/// A locked decision after the solve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LockResult {
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub value: f64,
    /// What one more km² of the lock is worth (d objective / d bound, moving it up) and what
    /// one less costs (moving it down); they differ where the optimum is degenerate.
    pub price_up: Option<f64>,
    pub price_down: Option<f64>,
}

/// How many locked columns get both one-sided prices measured by re-solves.
pub const MAX_PRICED_LOCKS: usize = 200;

/// Where a lock lives in the programme: a column's bounds or a row of its own.
#[derive(Clone, Copy)]
enum LockPlace {
    Column(usize),
    Row(usize),
}

/// Each lock's place (`None`: a column the programme does not have, locked at 0), found
/// through maps built once.
fn lock_places(p: &Programme, locks: &[Lock]) -> Vec<Option<LockPlace>> {
    use crate::programme::ColumnKey;
    use std::collections::HashMap;
    let columns: HashMap<ColumnKey, usize> =
        p.columns.iter().enumerate().map(|(j, c)| (*c, j)).collect();
    let mut rows = vec![None; locks.len()];
    for (r, name) in p.rows.iter().enumerate() {
        if let RowName::Lock(i) = name {
            rows[*i as usize] = Some(r);
        }
    }
    locks
        .iter()
        .zip(rows)
        .map(|(l, row)| {
            let key = match l.target {
                LockTarget::Unit { unit, land_use } => ColumnKey::Alloc {
                    unit: unit as u32,
                    land_use,
                },
                LockTarget::Site { site, land_use } => ColumnKey::Build {
                    site: site as u32,
                    land_use,
                },
                LockTarget::Project { project } => ColumnKey::Consolidate {
                    project: project as u32,
                },
                LockTarget::Aggregate { .. } => return row.map(LockPlace::Row),
            };
            columns.get(&key).map(|&j| LockPlace::Column(j))
        })
        .collect()
}

/// Every lock the allocation breaks beyond tolerance.
fn lock_failures(
    inst: &Instance,
    alloc: &crate::solution::Allocation,
    locks: &[Lock],
) -> Vec<String> {
    locks
        .iter()
        .filter_map(|l| {
            let v = l.target.value(inst, alloc);
            let tol = crate::check::tolerance(l.max.min(1e9));
            (v < l.min - tol || v > l.max + tol).then(|| {
                format!(
                    "lock {}: {v:.6} km² outside [{}, {}]",
                    l.target.label(inst),
                    l.min,
                    l.max
                )
            })
        })
        .collect()
}

fn lock_results(
    inst: &Instance,
    sol: &Solution,
    places: &[Option<LockPlace>],
    locks: &[Lock],
) -> Vec<LockResult> {
    let by_column: std::collections::HashMap<u32, &crate::solution::ColumnResult> =
        sol.columns.iter().map(|c| (c.column, c)).collect();
    locks
        .iter()
        .zip(places)
        .map(|(l, place)| {
            let (price_up, price_down) = match place {
                Some(LockPlace::Row(r)) => {
                    let x = &sol.rows[*r];
                    match x.sensitivity {
                        Some(s) => (s.price_up, s.price_down),
                        None => (x.shadow_price, x.shadow_price),
                    }
                }
                Some(LockPlace::Column(j)) => by_column
                    .get(&(*j as u32))
                    .map_or((None, None), |c| (c.price_up, c.price_down)),
                None => (None, None),
            };
            LockResult {
                label: l.target.label(inst),
                min: l.min,
                max: l.max,
                value: if sol.status.has_solution() {
                    l.target.value(inst, &sol.allocation)
                } else {
                    f64::NAN
                },
                price_up,
                price_down,
            }
        })
        .collect()
}

/// Solve, then (HiGHS, when asked) analyse the sensitivity of the optimum: after an LP its
/// ranging and one-sided prices; after a MIP the same for the LP with every binary fixed at
/// its value (prices conditional on the chosen units, the usual practice).
fn solve_and_decode(
    instance: &Instance,
    programme: &Programme,
    options: &SolveOptions,
    build_seconds: f64,
    locked_columns: &[usize],
) -> Result<(Solution, f64)> {
    if options.backend != Backend::Highs || !options.sensitivity || options.sifting {
        let outcome = solve(programme, options)?;
        return Ok((decode(instance, programme, outcome, build_seconds), 0.0));
    }
    let mut session = Session::open(programme, options)?;
    let outcome = session.run()?;
    let t0 = Instant::now();
    let mut solution = decode(instance, programme, outcome.clone(), build_seconds);
    if !outcome.status.has_solution() {
        return Ok((solution, 0.0));
    }
    // region-, zone- and district-level rows get both sides measured; rows per unit, site or
    // pairing (thousands) keep what ranging tells
    let resolve = |r: usize| match programme.rows[r] {
        RowName::Rule(row) => !row.is_detail(),
        RowName::Lock(_) => true,
        RowName::Total(_) => false,
    };
    let lp = if programme.col_integer.iter().any(|&b| b) {
        for (j, &int) in programme.col_integer.iter().enumerate() {
            if int {
                let v = outcome.col_values[j].round();
                session.set_col_bounds(j, v, v)?;
            }
        }
        session.relax_integrality()?;
        let lp = session.run()?;
        solution.prices_conditional = true;
        for (row, d) in solution.rows.iter_mut().zip(lp.row_duals.iter().flatten()) {
            row.shadow_price = Some(if d.abs() < crate::solution::ZERO {
                0.0
            } else {
                *d
            });
        }
        lp
    } else {
        outcome
    };
    if lp.row_duals.is_none() {
        return Ok((solution, t0.elapsed().as_secs_f64()));
    }
    // ranging once, before the re-solves below move the basis
    let ranging = session.ranging()?;
    if let Some(d) = &lp.col_duals {
        for c in solution.columns.iter_mut() {
            let rc = d[c.column as usize];
            c.reduced_cost = Some(if rc.abs() < crate::solution::ZERO {
                0.0
            } else {
                rc
            });
        }
        crate::sensitivity::column_ranges(&ranging, &mut solution.columns);
    }
    let rows = crate::sensitivity::analyse(programme, &mut session, &lp, &ranging, resolve)?;
    // locked columns: both sides by re-solving (a locked decision is often degenerate), for
    // the first MAX_PRICED_LOCKS of them (a completed plan locks thousands)
    let priced: std::collections::HashSet<usize> = locked_columns
        .iter()
        .copied()
        .take(MAX_PRICED_LOCKS)
        .collect();
    for c in solution.columns.iter_mut() {
        let j = c.column as usize;
        if priced.contains(&j) {
            let (up, down) = crate::sensitivity::column_sides(programme, &mut session, &lp, j)?;
            c.price_up = up;
            c.price_down = down;
        }
    }
    for (row, s) in solution.rows.iter_mut().zip(rows) {
        // accounting-total definitions are identities, not rules: no sensitivity
        if s.binding && (row.row.is_some() || row.name.starts_with("lock[")) {
            row.sensitivity = Some(s);
        }
    }
    Ok((solution, t0.elapsed().as_secs_f64()))
}

/// The programme of `model` on `instance`, as a run builds it: the model validated against
/// the instance, the linkage network built when the model has the linkage, the numbers
/// checked. For the analyses that solve many variants of one programme (Pareto fronts,
/// alternatives, sweeps).
pub fn programme(instance: &Instance, model: &PolicyModel, model_file: &str) -> Result<Programme> {
    model.validate(model_file, Some(instance))?;
    let net = active(&model.rules.linkage_balance).map(|r| LinkageNetwork::build(instance, r));
    let p = build_locked(instance, model, net.as_ref(), &[])?;
    check_numbers(instance, &p)?;
    Ok(p)
}

/// Solve `instance` under `model` and check the answer. `model_file` names the model in
/// error messages. A check failure is an error ([`Error::CheckFailed`]); an infeasible or
/// unsolved programme is an outcome (a [`Run`] without a check).
pub fn run(
    instance: &Instance,
    model: &PolicyModel,
    model_file: &str,
    options: &SolveOptions,
) -> Result<Run> {
    run_locked(instance, model, model_file, options, &[])
}

/// [`run`] with decisions locked in or out ([`crate::plan::Lock`]): the best plan that
/// keeps them. The check also verifies every lock, and each lock is reported with its value
/// and price.
pub fn run_locked(
    instance: &Instance,
    model: &PolicyModel,
    model_file: &str,
    options: &SolveOptions,
    locks: &[Lock],
) -> Result<Run> {
    options.validate()?;
    model.validate(model_file, Some(instance))?;
    let t0 = Instant::now();
    let link = active(&model.rules.linkage_balance);
    let net = link.map(|r| LinkageNetwork::build(instance, r));
    let network_seconds = t0.elapsed().as_secs_f64();
    let programme = build_locked(instance, model, net.as_ref(), locks)?;
    let build_seconds = t0.elapsed().as_secs_f64();
    let size = programme.size();
    check_numbers(instance, &programme)?;
    let places = lock_places(&programme, locks);
    let locked: Vec<usize> = places
        .iter()
        .filter_map(|x| match x {
            Some(LockPlace::Column(j)) => Some(*j),
            _ => None,
        })
        .collect();
    let (solution, sensitivity_seconds) =
        solve_and_decode(instance, &programme, options, build_seconds, &locked)?;
    let conflicts = if solution.status.is_infeasible() {
        Some(crate::diagnose::elastic_locked(instance, model, options, locks)?.1)
    } else {
        None
    };
    let t1 = Instant::now();
    let check = if solution.status.has_solution() {
        let mut report = check(instance, model, &solution.allocation, solution.objective);
        report
            .failures
            .extend(lock_failures(instance, &solution.allocation, locks));
        if !report.passed() {
            return Err(Error::CheckFailed(report.failures.join("; ")));
        }
        Some(report)
    } else {
        None
    };
    let check_seconds = t1.elapsed().as_secs_f64();
    let project_areas = match (link, check.is_some()) {
        (Some(r), true) => project_areas(instance, &solution.allocation, r, 1e-7),
        _ => Vec::new(),
    };
    let locks = lock_results(instance, &solution, &places, locks);
    Ok(Run {
        numerics: programme.numerics(),
        scaling: options.scaling.exponents(&programme),
        locks,
        sensitivity_seconds,
        network: net.as_ref().map(|n| n.summary()),
        project_areas,
        network_seconds,
        check_seconds,
        size,
        solution,
        check,
        conflicts,
    })
}
