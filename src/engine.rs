//! One solve from start to end: validate the model against the instance, build the
//! programme, solve it, map the answer back, and check it independently.

use crate::check::{check, CheckReport};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::network::{project_areas, LinkageNetwork, NetworkSummary, ProjectArea};
use crate::policy::active;
use crate::policy::PolicyModel;
use crate::programme::{build_with, check_numbers, decode, ProgrammeSize};
use crate::solution::Solution;
use crate::solve::{solve, SolveOptions};
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
    let outcome = solve(&programme, options)?;
    let solution: Solution = decode(instance, &programme, outcome, build_seconds);
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
