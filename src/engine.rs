//! One solve from start to end: validate the model against the instance, build the
//! programme, solve it, map the answer back, and check it independently.

use crate::check::{check, CheckReport};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::policy::PolicyModel;
use crate::programme::build;
use crate::solution::Solution;
use crate::solve::{solve, SolveOptions};
use serde::Serialize;
use std::time::Instant;

/// Size of the programme handed to the solver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProgrammeSize {
    pub columns: usize,
    pub rows: usize,
    pub nonzeros: usize,
}

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
    model.validate(model_file, Some(instance))?;
    let t0 = Instant::now();
    let programme = build(instance, model);
    let build_seconds = t0.elapsed().as_secs_f64();
    let size = ProgrammeSize {
        columns: programme.num_cols(),
        rows: programme.num_rows(),
        nonzeros: programme.num_nonzeros(),
    };
    let outcome = solve(&programme, options)?;
    let solution = Solution::from_outcome(instance, &programme, outcome, build_seconds);
    let conflicts = match solution.status {
        crate::solve::Status::Infeasible | crate::solve::Status::UnboundedOrInfeasible => {
            Some(crate::diagnose::elastic(instance, model, options)?.1)
        }
        _ => None,
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
    Ok(Run {
        check_seconds,
        size,
        solution,
        check,
        conflicts,
    })
}
