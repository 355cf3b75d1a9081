//! The pure-Rust backends through good_lp: microlp (simplex, no duals; for small
//! programmes and for cross-checking HiGHS) and, with the `clarabel` cargo feature, Clarabel
//! (an interior-point method, with row duals). Both get the same programme as HiGHS: every
//! column with its bounds, every row `lower ≤ a·x ≤ upper` as one or two constraints.

use super::{Backend, Outcome, SolveOptions, Status};
use crate::error::{Error, Result};
use crate::programme::Programme;
use good_lp::constraint::ConstraintReference;
use good_lp::variable::UnsolvedProblem;
use good_lp::{
    variable, Constraint, Expression, ProblemVariables, ResolutionError, Solution, SolverModel,
};
use std::time::Instant;

/// The programme's row `r` as good_lp constraints: an equality, or one side or both.
fn row_constraints(e: Expression, lo: f64, hi: f64) -> Vec<Constraint> {
    if lo.is_finite() && hi.is_finite() && lo == hi {
        return vec![e.eq(lo)];
    }
    let mut out = Vec::with_capacity(2);
    if lo.is_finite() {
        out.push(e.clone().geq(lo));
    }
    if hi.is_finite() {
        out.push(e.leq(hi));
    }
    out
}

/// The columns, the objective (maximised) and the rows of `p` for `solver`; with the
/// constraint references of each row.
fn model<M: SolverModel>(
    p: &Programme,
    solver: impl FnOnce(UnsolvedProblem) -> M,
) -> (M, Vec<good_lp::Variable>, Vec<Vec<ConstraintReference>>) {
    let mut vars = ProblemVariables::new();
    let cols: Vec<_> = (0..p.num_cols())
        .map(|j| {
            let mut d = variable();
            if p.col_lower[j].is_finite() {
                d = d.min(p.col_lower[j]);
            }
            if p.col_upper[j].is_finite() {
                d = d.max(p.col_upper[j]);
            }
            if p.col_integer[j] {
                d = d.integer();
            }
            vars.add(d)
        })
        .collect();
    let mut rows: Vec<Expression> = (0..p.num_rows())
        .map(|_| Expression::with_capacity(4))
        .collect();
    for (j, &col) in cols.iter().enumerate() {
        for k in p.col_start[j]..p.col_start[j + 1] {
            rows[p.row_index[k] as usize].add_mul(p.value[k], col);
        }
    }
    let mut objective = Expression::with_capacity(p.num_cols());
    for (j, &c) in p.col_cost.iter().enumerate() {
        if c != 0.0 {
            objective.add_mul(c, cols[j]);
        }
    }
    let mut model = solver(vars.maximise(objective));
    let refs = rows
        .into_iter()
        .enumerate()
        .map(|(r, e)| {
            row_constraints(e, p.row_lower[r], p.row_upper[r])
                .into_iter()
                .map(|c| model.add_constraint(c))
                .collect()
        })
        .collect();
    (model, cols, refs)
}

/// Solve with a good_lp solver; `duals` reads the row duals (d objective / d bound, the sum
/// over a row's constraints) from a solution when the solver has them.
fn solve_with<M: SolverModel<Error = ResolutionError>>(
    p: &Programme,
    backend: Backend,
    solver: impl FnOnce(UnsolvedProblem) -> M,
    duals: impl FnOnce(&mut M::Solution, &[Vec<ConstraintReference>]) -> Option<Vec<f64>>,
) -> Result<Outcome> {
    let (model, cols, refs) = model(p, solver);
    let t0 = Instant::now();
    let result = model.solve();
    let solve_seconds = t0.elapsed().as_secs_f64();
    let mut out = Outcome {
        status: Status::Optimal,
        backend,
        method: None,
        objective: None,
        col_values: Vec::new(),
        row_duals: None,
        col_duals: None,
        mip_gap: None,
        simplex_iterations: None,
        ipm_iterations: None,
        solve_seconds,
    };
    match result {
        Ok(mut sol) => {
            // within the MIP gap is optimal, as for HiGHS; a time limit keeps its answer,
            // which the check then judges
            let stopped = matches!(sol.status(), good_lp::solvers::SolutionStatus::TimeLimit);
            out.col_values = cols.iter().map(|&v| sol.value(v)).collect();
            if stopped {
                // stopped by the clock: an answer with a fractional binary is the relaxation,
                // not an incumbent (CBC returns it when it found none)
                let integral = p
                    .col_integer
                    .iter()
                    .zip(&out.col_values)
                    .all(|(&int, v)| !int || (v - v.round()).abs() <= 1e-6);
                out.status = Status::TimeLimit {
                    has_solution: integral,
                };
                if !integral {
                    out.col_values.clear();
                    return Ok(out);
                }
            }
            out.objective = Some(p.objective(&out.col_values));
            out.row_duals = duals(&mut sol, &refs);
        }
        Err(ResolutionError::Infeasible) => out.status = Status::Infeasible,
        Err(ResolutionError::Unbounded) => out.status = Status::Unbounded,
        Err(e) => {
            return Err(Error::Backend {
                backend: backend.as_str(),
                message: e.to_string(),
            })
        }
    }
    Ok(out)
}

/// microlp: exact simplex in pure Rust, integers by branch and bound; no duals.
pub fn microlp(p: &Programme, _o: &SolveOptions) -> Result<Outcome> {
    solve_with(p, Backend::Microlp, good_lp::microlp, |_, _| None)
}

/// Clarabel: a pure-Rust interior-point method (tolerances 1e-12); row duals, no
/// reduced costs; no integer columns (a whole-unit model is refused) and no time limit.
#[cfg(feature = "clarabel")]
pub fn clarabel(p: &Programme, _o: &SolveOptions) -> Result<Outcome> {
    use good_lp::{DualValues, SolutionWithDual};
    if p.col_integer.iter().any(|&i| i) {
        return Err(Error::Backend {
            backend: "clarabel",
            message: "Clarabel solves LPs only: the whole-unit model has integer columns (use highs or microlp)".into(),
        });
    }
    // Clarabel reports a dual-infeasible (unbounded) programme as solved: tell it apart by
    // the objective, which a bounded programme keeps finite.
    // tolerances tighter than good_lp's (feasibility 1e-9): the independent check holds
    // hard rows to 1e-6 km² absolute, which a 400 km² row at 1e-9 relative can miss
    let tight = |u: UnsolvedProblem| {
        let mut m = good_lp::clarabel(u);
        m.settings()
            .tol_feas(1e-12)
            .tol_gap_abs(1e-12)
            .tol_gap_rel(1e-12)
            .max_iter(400);
        m
    };
    let mut out = solve_with(p, Backend::Clarabel, tight, |sol, refs| {
        let d = sol.compute_dual();
        Some(
            refs.iter()
                .map(|r| r.iter().map(|c| d.dual(c.clone())).sum())
                .collect(),
        )
    })?;
    if out.objective.is_some_and(|o| !o.is_finite()) {
        out.status = Status::Unbounded;
        out.objective = None;
    }
    Ok(out)
}

/// Without the `clarabel` feature: a clear refusal.
#[cfg(not(feature = "clarabel"))]
pub fn clarabel(_p: &Programme, _o: &SolveOptions) -> Result<Outcome> {
    Err(Error::Backend {
        backend: "clarabel",
        message: Backend::Clarabel.built().err().unwrap_or_default().into(),
    })
}

/// COIN-OR CBC: dual simplex for an LP, branch and cut for a whole-unit MIP (to the
/// options' MIP gap, 1e-4 by default like HiGHS's; within the time limit); no duals through
/// good_lp. One thread, so that runs repeat exactly.
#[cfg(feature = "cbc")]
pub fn cbc(p: &Programme, o: &SolveOptions) -> Result<Outcome> {
    let gap = o.mip_rel_gap.unwrap_or(1e-4);
    let limit = o.time_limit_s;
    let log = o.log;
    let configured = move |u: UnsolvedProblem| {
        let mut m = good_lp::coin_cbc(u);
        m.set_parameter("log", if log { "1" } else { "0" });
        m.set_parameter("threads", "1");
        // tolerances as tight as the check holds hard rows to (1e-6 km² absolute)
        m.set_parameter("primalT", "1e-9");
        m.set_parameter("dualT", "1e-9");
        m.set_parameter("ratiogap", &gap.to_string());
        if let Some(t) = limit {
            m.set_parameter("sec", &t.ceil().to_string());
        }
        m
    };
    solve_with(p, Backend::Cbc, configured, |_, _| None)
}

/// Without the `cbc` feature: a clear refusal.
#[cfg(not(feature = "cbc"))]
pub fn cbc(_p: &Programme, _o: &SolveOptions) -> Result<Outcome> {
    Err(Error::Backend {
        backend: "cbc",
        message: Backend::Cbc.built().err().unwrap_or_default().into(),
    })
}
