//! How a solve ended and what ran it: plain names, no solver types.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Which solver runs the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    #[default]
    Highs,
    Microlp,
    /// Clarabel (interior point; the `clarabel` cargo feature).
    Clarabel,
    /// COIN-OR CBC (simplex, branch and cut; the `cbc` cargo feature).
    Cbc,
}

/// What a backend can do: the one table every refusal of an option reads (an option a
/// backend would ignore is refused, never dropped in silence) and the backend tests walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Capabilities {
    /// Row duals (shadow prices).
    pub row_duals: bool,
    /// Reduced costs (column duals).
    pub col_duals: bool,
    /// Ranging and one-sided prices from a basis.
    pub ranging: bool,
    /// A start from a given basis.
    pub warm_start: bool,
    /// Integer columns (the whole-unit model).
    pub mip: bool,
    /// A wall-clock limit (`--time-limit`).
    pub time_limit: bool,
    /// A relative MIP gap (`--mip-gap`).
    pub mip_gap: bool,
    /// A choice of algorithm (`--method`).
    pub methods: bool,
    /// Its LP algorithm is a simplex, so that `--method simplex` describes it.
    pub simplex: bool,
}

impl Backend {
    pub const ALL: [Backend; 4] = [
        Backend::Highs,
        Backend::Microlp,
        Backend::Clarabel,
        Backend::Cbc,
    ];
    /// What the backend can do, as stockland drives it.
    pub fn capabilities(self) -> Capabilities {
        match self {
            Backend::Highs => Capabilities {
                row_duals: true,
                col_duals: true,
                ranging: true,
                warm_start: true,
                mip: true,
                time_limit: true,
                mip_gap: true,
                methods: true,
                simplex: true,
            },
            Backend::Microlp => Capabilities {
                row_duals: false,
                col_duals: false,
                ranging: false,
                warm_start: false,
                mip: true,
                time_limit: false,
                mip_gap: false,
                methods: false,
                simplex: true,
            },
            Backend::Clarabel => Capabilities {
                row_duals: true,
                col_duals: false,
                ranging: false,
                warm_start: false,
                mip: false,
                time_limit: false,
                mip_gap: false,
                methods: false,
                simplex: false,
            },
            Backend::Cbc => Capabilities {
                row_duals: false,
                col_duals: false,
                ranging: false,
                warm_start: false,
                mip: true,
                time_limit: true,
                mip_gap: true,
                methods: false,
                simplex: true,
            },
        }
    }
    /// Whether this build has the backend (Clarabel and CBC are cargo features), and if
    /// not, how to get it.
    pub fn built(self) -> std::result::Result<(), &'static str> {
        match self {
            Backend::Clarabel if !cfg!(feature = "clarabel") => {
                Err("this build has no Clarabel: build with `cargo build --release --features clarabel`")
            }
            Backend::Cbc if !cfg!(feature = "cbc") => Err(
                "this build has no CBC: install COIN-OR CBC (Debian: coinor-libcbc-dev) and build with `cargo build --release --features cbc`",
            ),
            _ => Ok(()),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Highs => "highs",
            Backend::Microlp => "microlp",
            Backend::Clarabel => "clarabel",
            Backend::Cbc => "cbc",
        }
    }
}

/// The HiGHS algorithm (its `solver` option). Always set explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// stockland's rule: the dual simplex, whatever the size and structure, from
    /// measurements on 2 cores (`stockland benchmark --method simplex ipm --no-sensitivity`
    /// with `--unit-scale 1 3 10`, `--pool`, and `--case` on the generated 10× and 30×
    /// instances under the built-in model without the linkage): simplex against interior
    /// point 1.2 / 2.5 s at 1× (58,188 columns), 8.8 / 15.2 s at 3× (171,017), 106 / 151 s
    /// at 10× (565,306), pooled at 10× 25.0 / 26.5 s (222,236); without the linkage 22.0 /
    /// 18.6 s at 10× (197,095) and 224 / 298 s at 30× (586,280), where interior point did not
    /// converge and HiGHS fell back to the simplex; at a million units interior point had not
    /// converged after 124 s. The simplex is never more than 1.2× the faster method on
    /// these cases; interior point is up to 1.7× slower, and fails on the largest.
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

impl Method {
    /// The algorithm actually run ([`Method::Auto`] is the dual simplex).
    pub fn resolve(self) -> Method {
        match self {
            Method::Auto => Method::Simplex,
            m => m,
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
    /// Whether the programme has no feasible point (or may not have one).
    pub fn is_infeasible(&self) -> bool {
        matches!(self, Status::Infeasible | Status::UnboundedOrInfeasible)
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
    /// Reduced costs by column: d(objective)/d(column bound), `None` as for `row_duals`.
    pub col_duals: Option<Vec<f64>>,
    /// Relative MIP gap, for MIPs.
    pub mip_gap: Option<f64>,
    pub simplex_iterations: Option<i64>,
    pub ipm_iterations: Option<i64>,
    /// Seconds spent in the solver call.
    pub solve_seconds: f64,
}

/// One end of a ranging interval: the parameter's value there and the objective.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RangeEnd {
    pub value: f64,
    pub objective: f64,
}

/// A solver's ranging of an LP optimum, by row and column index: how far a row's bound (its
/// activity bound) or a column's cost can move up and down with the same optimal basis,
/// and the objective at each end.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranging {
    pub row_up: Vec<RangeEnd>,
    pub row_down: Vec<RangeEnd>,
    pub cost_up: Vec<RangeEnd>,
    pub cost_down: Vec<RangeEnd>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_is_the_dual_simplex_and_a_named_method_itself() {
        assert_eq!(Method::Auto.resolve(), Method::Simplex);
        assert_eq!(Method::Ipm.resolve(), Method::Ipm);
        assert_eq!(Method::Choose.resolve(), Method::Choose);
    }
}
