//! Flags shared by every command that solves.

use clap::{Args, ValueEnum};
use stockland::solve::{Backend, Method, SolveOptions};

#[derive(Clone, Copy, PartialEq, ValueEnum)]
pub enum MethodArg {
    Auto,
    Ipm,
    Simplex,
    Pdlp,
    Choose,
}

impl From<MethodArg> for Method {
    fn from(m: MethodArg) -> Method {
        match m {
            MethodArg::Auto => Method::Auto,
            MethodArg::Ipm => Method::Ipm,
            MethodArg::Simplex => Method::Simplex,
            MethodArg::Pdlp => Method::Pdlp,
            MethodArg::Choose => Method::Choose,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum BackendArg {
    Highs,
    Microlp,
}

impl From<BackendArg> for Backend {
    fn from(b: BackendArg) -> Backend {
        match b {
            BackendArg::Highs => Backend::Highs,
            BackendArg::Microlp => Backend::Microlp,
        }
    }
}

/// Solver flags: backend, presolve, limits, log.
#[derive(Args, Clone)]
pub struct SolverArgs {
    /// Solver backend.
    #[arg(long, value_enum, default_value = "highs")]
    pub backend: BackendArg,
    /// Switch HiGHS presolve off.
    #[arg(long)]
    pub no_presolve: bool,
    /// Time limit in seconds (per solve).
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// Print the solver's log.
    #[arg(long)]
    pub log: bool,
    /// Whole-unit mode (overrides the model): each unit redeveloped whole or not at all; a MIP.
    #[arg(long)]
    pub whole_unit: bool,
    /// Relative MIP gap at which whole-unit mode stops (HiGHS default 1e-4).
    #[arg(long)]
    pub mip_gap: Option<f64>,
}

impl SolverArgs {
    /// The solve options for `method`, validated.
    pub fn options(&self, method: MethodArg) -> anyhow::Result<SolveOptions> {
        let options = SolveOptions {
            backend: self.backend.into(),
            method: method.into(),
            presolve: !self.no_presolve,
            time_limit_s: self.time_limit,
            mip_rel_gap: self.mip_gap,
            log: self.log,
            ..Default::default()
        };
        options.validate()?;
        Ok(options)
    }
}
