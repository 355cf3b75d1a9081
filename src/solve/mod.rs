//! Solving a [`Programme`]: options, backends and statuses.
//!
//! Backends: [`Backend::Highs`] (HiGHS through `highs-sys`, the whole programme in one call,
//! with duals), [`Backend::Microlp`] (pure-Rust microlp through `good_lp`; no duals, meant
//! for small programmes and for cross-checking HiGHS), [`Backend::Clarabel`] (pure-Rust
//! interior point through `good_lp`, with row duals; the `clarabel` cargo feature) and
//! [`Backend::Cbc`] (COIN-OR CBC through `good_lp`, LPs and MIPs, no duals; the `cbc` cargo
//! feature, linking the system's CBC).
//!
//! The HiGHS algorithm is always chosen explicitly ([`Method`]), by stockland's own rule
//! unless the caller names one. [`sifting`] solves a large allocation LP through HiGHS on
//! restricted programmes and proves the answer optimal for the whole.

mod goodlp;
mod highs;
pub mod scaling;
pub mod sifting;

use crate::error::{Error, Result};
use crate::programme::Programme;
use serde::{Deserialize, Serialize};

pub use crate::solution::{Backend, Method, Outcome, RangeEnd, Ranging, Status};
pub use highs::{Basis, Session};
pub use scaling::{Exponents, Scaling};

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
    /// HiGHS threads, fixed so that a run does not depend on the machine's cores: with one
    /// thread the simplex and branch and bound follow the same path everywhere. HiGHS keeps
    /// one thread pool per process, so every solve of a process must use the same number.
    /// Default: 1.
    pub threads: u32,
    /// Let the solver print its log to standard output. Default: off.
    pub log: bool,
    /// After an optimum: ranging and one-sided prices (HiGHS). Default: on.
    pub sensitivity: bool,
    /// Powers of two applied to the objective and the bounds inside HiGHS (see
    /// [`scaling`]). Default: off.
    pub scaling: Scaling,
    /// Solve a large LP by fixing the units the prices settle and proving the rest (HiGHS;
    /// see [`sifting`]). Default: off.
    pub sifting: bool,
    /// Merge interchangeable units and sites before solving and split the answer back
    /// ([`crate::programme::aggregate`]); exact, so on by default. Default: on.
    #[serde(default = "on")]
    pub aggregate: bool,
}

fn on() -> bool {
    true
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
            threads: 1,
            log: false,
            sensitivity: true,
            scaling: Scaling::Off,
            sifting: false,
            aggregate: true,
        }
    }
}

impl SolveOptions {
    /// Refuse options out of range: a negative or non-finite MIP gap, a time limit that is
    /// not a positive number of seconds.
    pub fn validate(&self) -> Result<()> {
        let mut problems = Vec::new();
        if let Some(g) = self.mip_rel_gap {
            if !(g.is_finite() && g >= 0.0) {
                problems.push(format!("--mip-gap: expected a relative gap ≥ 0, found {g}"));
            }
        }
        if let Some(t) = self.time_limit_s {
            if !(t.is_finite() && t > 0.0) {
                problems.push(format!("--time-limit: expected seconds > 0, found {t}"));
            }
        }
        if !(1..=1024).contains(&self.threads) {
            problems.push(format!(
                "--threads: expected 1 to 1024 solver threads, found {}",
                self.threads
            ));
        }
        let can = self.backend.capabilities();
        let name = self.backend.as_str();
        if self.time_limit_s.is_some() && !can.time_limit {
            problems.push(format!(
                "--time-limit: the {name} backend takes no time limit and would run to the end; leave it out or use highs or cbc"
            ));
        }
        if self.mip_rel_gap.is_some() && !can.mip_gap {
            problems.push(format!(
                "--mip-gap: the {name} backend takes no MIP gap and would solve to its own; leave it out or use highs or cbc"
            ));
        }
        let described = self.method == Method::Simplex && can.simplex;
        if self.method != Method::Auto && !can.methods && !described {
            problems.push(format!(
                "--method {}: the algorithm is HiGHS's to choose; the {name} backend has one of its own",
                self.method.as_str()
            ));
        }
        if self.method == Method::Pdlp && self.sensitivity {
            problems.push(
                "--method pdlp: PDLP ends without a basis, and the sensitivity report (ranging, one-sided prices) needs one: add --no-sensitivity, or choose simplex or ipm".to_string(),
            );
        }
        if self.sifting && self.backend != Backend::Highs {
            problems.push(format!(
                "--sift runs HiGHS on restricted programmes; the {} backend has no such mode",
                self.backend.as_str()
            ));
        }
        if self.scaling != Scaling::Off && self.backend != Backend::Highs {
            problems.push(format!(
                "--scale: scaling is HiGHS's (user_objective_scale, user_bound_scale); the {} backend takes the programme as built",
                self.backend.as_str()
            ));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Options(problems.join("; ")))
        }
    }
}

impl SolveOptions {
    /// Refuse `--sift` for `what`, which re-solves one HiGHS instance warm from its basis (a
    /// basis of the whole programme, which sifting never forms).
    pub fn refuse_sifting(&self, what: &str) -> Result<()> {
        if self.sifting {
            return Err(Error::Options(format!(
                "--sift: {what} re-solves one HiGHS instance of the whole programme warm from its basis, which sifting never forms; leave --sift out"
            )));
        }
        Ok(())
    }

    /// Refuse another backend than HiGHS, and `--sift`, for `what`, which re-solves one
    /// HiGHS instance of the whole programme.
    pub fn refuse_unless_whole_highs(&self, what: &str) -> Result<()> {
        if self.backend != Backend::Highs {
            return Err(Error::Options(format!(
                "--backend: {what} re-solves one HiGHS instance: expected highs"
            )));
        }
        self.refuse_sifting(what)
    }
}

impl SolveOptions {
    /// Refuse the options for `programme` where they depend on it: integer columns (the
    /// whole-unit model) on a backend without MIP, or with `--method pdlp` or `ipm`, which
    /// HiGHS does not apply to a MIP.
    pub fn refuse_for(&self, programme: &Programme) -> Result<()> {
        if !programme.col_integer().iter().any(|&i| i) {
            return Ok(());
        }
        if !self.backend.capabilities().mip {
            return Err(Error::Options(format!(
                "--backend {}: the whole-unit model has integer columns and this backend solves LPs only: expected highs, microlp or cbc",
                self.backend.as_str()
            )));
        }
        if matches!(self.method, Method::Pdlp | Method::Ipm) {
            return Err(Error::Options(format!(
                "--method {}: the whole-unit model is a MIP, which HiGHS solves by branch and cut with the dual simplex whatever the LP method (HiGHS 1.16 ignores `solver` for a MIP): leave --method out (or choose simplex)",
                self.method.as_str()
            )));
        }
        Ok(())
    }
}

/// Solve `programme` with `options`.
pub fn solve(programme: &Programme, options: &SolveOptions) -> Result<Outcome> {
    if let Some(e) = programme.shape_problem(programme.num_rows()) {
        return Err(Error::Backend {
            backend: options.backend.as_str(),
            message: format!("an inconsistent programme: {e}"),
        });
    }
    match options.backend {
        Backend::Highs if options.sifting => sifting::solve(programme, options),
        Backend::Highs => highs::solve(programme, options),
        Backend::Microlp => goodlp::microlp(programme, options),
        Backend::Clarabel => goodlp::clarabel(programme, options),
        Backend::Cbc => goodlp::cbc(programme, options),
    }
}
