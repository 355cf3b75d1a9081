//! Flags shared by every command that solves.

use super::load::Loaded;
use clap::{Args, ValueEnum};
use std::path::PathBuf;
use stockland::solve::{Backend, Method, Scaling, SolveOptions};

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
    /// Clarabel, interior point (builds with `--features clarabel`).
    Clarabel,
    /// COIN-OR CBC, simplex and branch and cut (builds with `--features cbc`; needs Debian's
    /// coinor-libcbc-dev).
    Cbc,
}

impl From<BackendArg> for Backend {
    fn from(b: BackendArg) -> Backend {
        match b {
            BackendArg::Highs => Backend::Highs,
            BackendArg::Microlp => Backend::Microlp,
            BackendArg::Clarabel => Backend::Clarabel,
            BackendArg::Cbc => Backend::Cbc,
        }
    }
}

/// How inputs are read and their problems reported.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Follow file references of an instance that resolve outside its directory.
    #[arg(long)]
    pub allow_outside_paths: bool,
    /// Refuse an input file larger than this many bytes.
    #[arg(long, default_value_t = stockland::files::DEFAULT_MAX_FILE_BYTES)]
    pub max_file_size: u64,
    /// List at most this many problems of an input; count the rest.
    #[arg(long, default_value_t = 200)]
    pub max_problems: usize,
}

impl InputArgs {
    /// The read policy, with the problem limit applied.
    pub fn policy(&self) -> anyhow::Result<stockland::files::ReadPolicy> {
        anyhow::ensure!(
            self.max_problems >= 1,
            "--max-problems: expected at least 1, found {}",
            self.max_problems
        );
        stockland::error::set_max_shown_problems(self.max_problems);
        Ok(stockland::files::ReadPolicy {
            allow_outside: self.allow_outside_paths,
            max_file_bytes: self.max_file_size,
        })
    }
}

/// What a command works on: an instance and a model (the built-in Beijing case when neither
/// is given), and how they are read.
#[derive(Args, Clone)]
pub struct CaseArgs {
    /// Instance directory (holding instance.toml) or manifest file. Default: the built-in
    /// Beijing 2011-2015 case.
    pub instance: Option<PathBuf>,
    /// Policy model (TOML). Default: the built-in Beijing model with the built-in instance;
    /// required with an instance of your own.
    #[arg(long)]
    pub model: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

impl CaseArgs {
    /// The instance and model, read under the input policy (kept in [`Loaded`] for the
    /// files a command reads next: locks, plans).
    pub fn load(&self) -> anyhow::Result<Loaded> {
        let policy = self.input.policy()?;
        super::load::load(self.instance.as_ref(), self.model.as_ref(), &policy)
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
    #[arg(long, allow_negative_numbers = true)]
    pub time_limit: Option<f64>,
    /// Print the solver's log.
    #[arg(long)]
    pub log: bool,
    /// Whole-unit mode (overrides the model): each unit redeveloped whole or not at all; a MIP.
    #[arg(long)]
    pub whole_unit: bool,
    /// Skip ranging and one-sided prices after the solve.
    #[arg(long)]
    pub no_sensitivity: bool,
    /// Relative MIP gap at which whole-unit mode stops (HiGHS default 1e-4).
    #[arg(long, allow_negative_numbers = true)]
    pub mip_gap: Option<f64>,
    /// Scale the objective and the bounds by powers of two inside HiGHS: `off`, `auto`
    /// (each centred on 1 from the programme's coefficient ranges) or `OBJECTIVE,BOUND`
    /// exponents such as `-6,2`. The answer comes back in km² and million yuan either way.
    #[arg(long, default_value = "off", value_parser = Scaling::parse, allow_hyphen_values = true)]
    pub scale: Scaling,
    /// Solve a large LP by sifting: fix the units whose choice the prices of the shared rows
    /// settle, solve the rest, and prove the combined answer optimal (no ranging).
    #[arg(long)]
    pub sift: bool,
    /// Solve every unit and site apart: no merging of interchangeable ones (which is exact,
    /// and on by default; see `docs/solving.md`).
    #[arg(long)]
    pub no_aggregate: bool,
    /// HiGHS threads (one pool per process). One thread gives the same path on every
    /// machine; more may be faster on large programmes and can end on another vertex of a
    /// degenerate optimum.
    #[arg(long, default_value_t = 1)]
    pub threads: u32,
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
            sensitivity: !self.no_sensitivity,
            scaling: self.scale,
            sifting: self.sift,
            aggregate: !self.no_aggregate,
            threads: self.threads,
            ..Default::default()
        };
        options.validate()?;
        Ok(options)
    }
}

/// Re-planning from what actually happened: `--actuals FILE --from YEAR`.
#[derive(Args, Clone)]
pub struct ReplanArgs {
    /// What actually happened (CSV: year,scope,account,value,unit[,source]), to re-plan
    /// from: with --from, the years before it are fixed by these observations.
    #[arg(long, requires = "from")]
    pub actuals: Option<PathBuf>,
    /// Re-plan the years from this one on (a year of the model's [years] after its first),
    /// the years before it fixed by --actuals: activities as observed, levels re-based.
    #[arg(long, requires = "actuals")]
    pub from: Option<u16>,
}

impl ReplanArgs {
    /// The past to re-plan from under the case model's years, when asked (the file read
    /// under the case's input policy and kept among its inputs).
    pub fn past(&self, l: &mut Loaded) -> anyhow::Result<Option<stockland::plan::Past>> {
        let observed =
            super::load::actuals(self.actuals.as_ref(), &l.instance, &l.policy, &mut l.inputs)?;
        Ok(match (&observed, self.from) {
            (Some(o), Some(from)) => {
                Some(stockland::plan::Past::new(o, l.model.years.as_ref(), from)?)
            }
            _ => None,
        })
    }
}
