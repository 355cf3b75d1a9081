//! One solve from start to end: validate the model against the instance, build the
//! programme, solve it, map the answer back, and check it independently.

use crate::check::{check, CheckReport};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::network::{project_areas, LinkageNetwork, NetworkSummary, ProjectArea};
use crate::policy::active;
use crate::policy::PolicyModel;
use crate::programme::{build_with, check_numbers, decode, Programme, ProgrammeSize, RowName};
use crate::solution::Solution;
use crate::solve::{solve, Backend, Session, SolveOptions};
use std::time::Instant;

/// A solved and checked run.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub size: ProgrammeSize,
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
    /// Seconds spent on ranging and one-sided prices (and, after a MIP, the LP with the
    /// binaries fixed).
    pub sensitivity_seconds: f64,
}

/// Solve, then (HiGHS, when asked) analyse the sensitivity of the optimum: after an LP its
/// ranging and one-sided prices; after a MIP the same for the LP with every binary fixed at
/// its value (prices conditional on the chosen units, the usual practice).
fn solve_and_decode(
    instance: &Instance,
    programme: &Programme,
    options: &SolveOptions,
    build_seconds: f64,
) -> Result<(Solution, f64)> {
    if options.backend != Backend::Highs || !options.sensitivity {
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
    if let Some(d) = &lp.col_duals {
        for c in solution.columns.iter_mut() {
            let rc = d[c.column as usize];
            c.reduced_cost = Some(if rc.abs() < crate::solution::ZERO {
                0.0
            } else {
                rc
            });
        }
        crate::sensitivity::column_ranges(&mut session, &mut solution.columns)?;
    }
    let rows = crate::sensitivity::analyse(programme, &mut session, &lp, resolve)?;
    for (row, s) in solution.rows.iter_mut().zip(rows) {
        // accounting-total definitions are identities, not rules: no sensitivity
        if s.binding && row.row.is_some() {
            row.sensitivity = Some(s);
        }
    }
    Ok((solution, t0.elapsed().as_secs_f64()))
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
    options.validate()?;
    model.validate(model_file, Some(instance))?;
    let t0 = Instant::now();
    let link = active(&model.rules.linkage_balance);
    let net = link.map(|r| LinkageNetwork::build(instance, r));
    let network_seconds = t0.elapsed().as_secs_f64();
    let programme = build_with(instance, model, net.as_ref());
    let build_seconds = t0.elapsed().as_secs_f64();
    let size = programme.size();
    check_numbers(instance, &programme)?;
    let (solution, sensitivity_seconds) =
        solve_and_decode(instance, &programme, options, build_seconds)?;
    let conflicts = if solution.status.is_infeasible() {
        Some(crate::diagnose::elastic(instance, model, options)?.1)
    } else {
        None
    };
    let t1 = Instant::now();
    let check = if solution.status.has_solution() {
        let report = check(instance, model, &solution.allocation, solution.objective);
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
    Ok(Run {
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
