//! The microlp backend through good_lp: pure Rust, no duals; for small programmes and for
//! cross-checking HiGHS.

use super::{Backend, Outcome, SolveOptions, Status};
use crate::error::{Error, Result};
use crate::programme::Programme;
use good_lp::{variable, Expression, ProblemVariables, ResolutionError, Solution, SolverModel};
use std::time::Instant;

pub fn solve(p: &Programme, _o: &SolveOptions) -> Result<Outcome> {
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
    let mut model = vars.maximise(objective).using(good_lp::microlp);
    for (r, e) in rows.into_iter().enumerate() {
        let (lo, hi) = (p.row_lower[r], p.row_upper[r]);
        if lo.is_finite() && hi.is_finite() && lo == hi {
            model = model.with(e.eq(lo));
        } else {
            if lo.is_finite() {
                model = model.with(e.clone().geq(lo));
            }
            if hi.is_finite() {
                model = model.with(e.leq(hi));
            }
        }
    }
    let t0 = Instant::now();
    let result = model.solve();
    let solve_seconds = t0.elapsed().as_secs_f64();
    let mut out = Outcome {
        status: Status::Optimal,
        backend: Backend::Microlp,
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
        Ok(sol) => {
            out.col_values = cols.iter().map(|&v| sol.value(v)).collect();
            out.objective = Some(p.objective(&out.col_values));
        }
        Err(ResolutionError::Infeasible) => out.status = Status::Infeasible,
        Err(ResolutionError::Unbounded) => out.status = Status::Unbounded,
        Err(e) => {
            return Err(Error::Backend {
                backend: "microlp",
                message: e.to_string(),
            })
        }
    }
    Ok(out)
}
