//! Solving a [`Programme`]: options, backends and statuses.
//!
//! Backends: [`Backend::Highs`] (HiGHS through `highs-sys`, the whole programme in one call,
//! with duals) and [`Backend::Microlp`] (pure-Rust microlp through `good_lp`; no duals, meant
//! for small programmes and for cross-checking HiGHS).
//!
//! The HiGHS algorithm is always chosen explicitly ([`Method`]): on large programmes the
//! interior point method is orders of magnitude faster than the default dual simplex.

mod highs;
mod microlp;

use crate::error::Result;
use crate::programme::Programme;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Which solver runs the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    #[default]
    Highs,
    Microlp,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Highs => "highs",
            Backend::Microlp => "microlp",
        }
    }
}

/// The HiGHS algorithm (its `solver` option). Always set explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// stockland's rule, by size: dual simplex below [`AUTO_IPM_COLUMNS`] columns, interior
    /// point above. Measured here (2 cores) on the Beijing family: simplex was faster at
    /// 21k and 197k columns; at 1M units the dual simplex did not finish in 5 minutes where
    /// the interior point method took 43 s.
    #[default]
    Auto,
    /// Dual simplex.
    Simplex,
    /// Interior point, followed by crossover to a basic solution (exact vertex duals).
    Ipm,
    /// First-order primal-dual LP (GPU-friendly; approximate).
    Pdlp,
    /// Let HiGHS choose.
    Choose,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Auto => "auto",
            Method::Simplex => "simplex",
            Method::Ipm => "ipm",
            Method::Pdlp => "pdlp",
            Method::Choose => "choose",
        }
    }
}

/// Columns from which [`Method::Auto`] picks the interior point method.
pub const AUTO_IPM_COLUMNS: usize = 250_000;

impl Method {
    /// The algorithm actually run for a programme with `columns` columns.
    pub fn resolve(self, columns: usize) -> Method {
        match self {
            Method::Auto if columns >= AUTO_IPM_COLUMNS => Method::Ipm,
            Method::Auto => Method::Simplex,
            m => m,
        }
    }
}

/// Options of a solve, with documented defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveOptions {
    /// Default: HiGHS.
    pub backend: Backend,
    /// Default: [`Method::Auto`].
    pub method: Method,
    /// Run HiGHS presolve. Default: on.
    pub presolve: bool,
    /// Wall-clock limit in seconds. Default: none.
    pub time_limit_s: Option<f64>,
    /// Relative MIP gap at which a MIP stops. Default: HiGHS's (1e-4).
    pub mip_rel_gap: Option<f64>,
    /// HiGHS random seed, fixed for reproducible runs. Default: 0.
    pub random_seed: i32,
    /// Let the solver print its log to standard output. Default: off.
    pub log: bool,
}

impl Default for SolveOptions {
    fn default() -> SolveOptions {
        SolveOptions {
            backend: Backend::Highs,
            method: Method::Auto,
            presolve: true,
            time_limit_s: None,
            mip_rel_gap: None,
            random_seed: 0,
            log: false,
        }
    }
}

/// How a solve ended. Kept apart on purpose: an unbounded-or-infeasible verdict is not an
/// infeasible one, and a time limit with an incumbent is not one without.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Status {
    Optimal,
    Infeasible,
    Unbounded,
    UnboundedOrInfeasible,
    /// Stopped by the time limit; `has_solution` says whether a feasible point was found.
    TimeLimit {
        has_solution: bool,
    },
    IterationLimit {
        has_solution: bool,
    },
    /// The solver stopped for another reason.
    Other {
        reason: String,
    },
}

impl Status {
    /// Whether there is a feasible allocation to report and check.
    pub fn has_solution(&self) -> bool {
        match self {
            Status::Optimal => true,
            Status::TimeLimit { has_solution } | Status::IterationLimit { has_solution } => {
                *has_solution
            }
            _ => false,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Optimal => write!(f, "optimal"),
            Status::Infeasible => write!(f, "infeasible"),
            Status::Unbounded => write!(f, "unbounded"),
            Status::UnboundedOrInfeasible => write!(f, "unbounded or infeasible"),
            Status::TimeLimit { has_solution: true } => {
                write!(f, "time limit, with a feasible solution")
            }
            Status::TimeLimit {
                has_solution: false,
            } => write!(f, "time limit, no feasible solution"),
            Status::IterationLimit { has_solution: true } => {
                write!(f, "iteration limit, with a feasible solution")
            }
            Status::IterationLimit {
                has_solution: false,
            } => {
                write!(f, "iteration limit, no feasible solution")
            }
            Status::Other { reason } => write!(f, "stopped: {reason}"),
        }
    }
}

/// What a backend returns: plain numbers indexed like the programme's columns and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub status: Status,
    pub backend: Backend,
    pub method: Option<Method>,
    /// Objective of the programme (maximised), when a solution exists.
    pub objective: Option<f64>,
    /// Column values, when a solution exists.
    pub col_values: Vec<f64>,
    /// Shadow prices by row: d(objective)/d(row bound), i.e. what one more unit of the
    /// row's bound is worth to the objective (see [`crate::solution`]). `None` when the
    /// backend gives no duals or the programme is a MIP.
    pub row_duals: Option<Vec<f64>>,
    /// Relative MIP gap, for MIPs.
    pub mip_gap: Option<f64>,
    pub simplex_iterations: Option<i64>,
    pub ipm_iterations: Option<i64>,
    /// Seconds spent in the solver call.
    pub solve_seconds: f64,
}

/// Solve `programme` with `options`.
pub fn solve(programme: &Programme, options: &SolveOptions) -> Result<Outcome> {
    match options.backend {
        Backend::Highs => highs::solve(programme, options),
        Backend::Microlp => microlp::solve(programme, options),
    }
}
