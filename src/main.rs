//! The `stockland` command line: parse, call the library, print, exit with a code.
//! Exit codes: 0 solved and checked (or valid), 1 infeasible or no solution, 2 error.

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use stockland::cases::beijing::{self, generate};
use stockland::{engine, files, report, solve};

#[derive(Parser)]
#[command(
    name = "stockland",
    version,
    about = "Stock-land redevelopment allocation: solve, check, explain"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum MethodArg {
    Auto,
    Ipm,
    Simplex,
    Pdlp,
    Choose,
}

#[derive(Clone, Copy, ValueEnum)]
enum BackendArg {
    Highs,
    Microlp,
}

#[derive(Subcommand)]
enum Command {
    /// Solve an instance under a policy model (default: the built-in Beijing 2011-2015 case).
    Solve {
        /// Instance directory (holding instance.toml) or manifest file.
        instance: Option<PathBuf>,
        /// Policy model (TOML). Default: the built-in Beijing model with the built-in
        /// instance; required with an instance of your own.
        #[arg(long)]
        model: Option<PathBuf>,
        /// Write solution.json and CSV tables (units, sites, accounts) into this directory.
        #[arg(long)]
        out: Option<PathBuf>,
        /// HiGHS algorithm: auto (dual simplex below 250,000 columns, interior point above),
        /// interior point (with crossover), dual simplex, PDLP, or HiGHS's own choice.
        #[arg(long, value_enum, default_value = "auto")]
        method: MethodArg,
        /// Solver backend.
        #[arg(long, value_enum, default_value = "highs")]
        backend: BackendArg,
        /// Switch HiGHS presolve off.
        #[arg(long)]
        no_presolve: bool,
        /// Time limit in seconds.
        #[arg(long)]
        time_limit: Option<f64>,
        /// Print the solver's log.
        #[arg(long)]
        log: bool,
        /// Whole-unit mode (overrides the model): each unit redeveloped whole or not at all; a MIP.
        #[arg(long)]
        whole_unit: bool,
        /// Relative MIP gap at which whole-unit mode stops (HiGHS default 1e-4).
        #[arg(long)]
        mip_gap: Option<f64>,
        /// Write the linkage flows (project areas) as a Graphviz DOT graph.
        #[arg(long)]
        dot: Option<PathBuf>,
    },
    /// Time generating, building, solving and checking the Beijing case scaled to N times
    /// as many stock units (in memory; nothing is written).
    Benchmark {
        /// Unit scales to run, e.g. 1 10 100.
        #[arg(long, num_args = 1.., default_values_t = vec![1.0])]
        unit_scale: Vec<f64>,
        /// HiGHS algorithms to run.
        #[arg(long, value_enum, num_args = 1.., default_values_t = vec![MethodArg::Auto])]
        method: Vec<MethodArg>,
        /// Switch HiGHS presolve off.
        #[arg(long)]
        no_presolve: bool,
        /// Time limit per solve, seconds.
        #[arg(long)]
        time_limit: Option<f64>,
        /// Also solve in whole-unit mode (MIP, 1% gap unless --mip-gap).
        #[arg(long)]
        whole_unit: bool,
        /// Relative MIP gap for whole-unit runs.
        #[arg(long, default_value_t = 0.01)]
        mip_gap: f64,
    },
    /// Check instance and model files and list every problem found.
    Validate {
        /// Instance directories or manifests, and model files. Models are also checked
        /// against the instance when exactly one instance is given.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Generate the synthetic parts of the Beijing instance (deterministic for a seed).
    Generate {
        #[arg(long, default_value_t = generate::DEFAULT_SEED)]
        seed: u64,
        /// Make N times as many stock units, each N times smaller (a benchmark family).
        #[arg(long, default_value_t = 1.0)]
        unit_scale: f64,
        /// Output directory.
        #[arg(long, default_value = "instances/beijing-2011-2015")]
        out: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Solve {
            instance,
            model,
            out,
            method,
            backend,
            no_presolve,
            time_limit,
            log,
            whole_unit,
            mip_gap,
            dot,
        } => {
            let (inst, model_name, model) = match (&instance, &model) {
                (None, None) => (
                    beijing::instance()?,
                    beijing::MODEL_FILE.to_string(),
                    beijing::model()?,
                ),
                (None, Some(m)) => (
                    beijing::instance()?,
                    m.display().to_string(),
                    files::load_model(m)?,
                ),
                (Some(i), Some(m)) => (
                    files::load_instance(i)?,
                    m.display().to_string(),
                    files::load_model(m)?,
                ),
                (Some(_), None) => {
                    anyhow::bail!("an instance of your own needs a policy model: add --model FILE")
                }
            };
            let mut model = model;
            if whole_unit {
                model.whole_unit.enabled = true;
            }
            if let Some(g) = mip_gap {
                anyhow::ensure!(
                    g.is_finite() && g >= 0.0,
                    "--mip-gap: expected a relative gap ≥ 0, found {g}"
                );
            }
            if let Some(t) = time_limit {
                anyhow::ensure!(
                    t.is_finite() && t > 0.0,
                    "--time-limit: expected seconds > 0, found {t}"
                );
            }
            let options = solve::SolveOptions {
                backend: match backend {
                    BackendArg::Highs => solve::Backend::Highs,
                    BackendArg::Microlp => solve::Backend::Microlp,
                },
                method: method.into(),
                presolve: !no_presolve,
                time_limit_s: time_limit,
                mip_rel_gap: mip_gap,
                log,
                ..Default::default()
            };
            let run = engine::run(&inst, &model, &model_name, &options)?;
            if let Some(path) = &dot {
                files::write_atomic(path, report::dot(&inst, &run).as_bytes())?;
            }
            print!("{}", report::summary(&inst, &model, &run));
            if let Some(dir) = out {
                let mut outputs = vec![(
                    "solution.json".to_string(),
                    report::solution_json(&inst, &model, &run).into_bytes(),
                )];
                for (name, text) in report::csv_tables(&inst, &run).map_err(anyhow::Error::msg)? {
                    outputs.push((name, text.into_bytes()));
                }
                files::write_all(&dir, &outputs)?;
                println!("wrote {} file(s) to {}", outputs.len(), dir.display());
            }
            Ok(if run.check.is_some() { 0 } else { 1 })
        }
        Command::Validate { files: paths } => validate(&paths),
        Command::Benchmark {
            unit_scale,
            method,
            no_presolve,
            time_limit,
            whole_unit,
            mip_gap,
        } => benchmark(
            &unit_scale,
            &method,
            !no_presolve,
            time_limit,
            whole_unit.then_some(mip_gap),
        ),
        Command::Generate {
            seed,
            unit_scale,
            out,
        } => {
            let g = generate::beijing_scaled(seed, unit_scale).map_err(anyhow::Error::msg)?;
            files::write_all(
                &out,
                &[
                    ("instance.toml".into(), g.manifest.into_bytes()),
                    ("units.csv".into(), g.units_csv.into_bytes()),
                    ("sites.csv".into(), g.sites_csv.into_bytes()),
                    ("projects.csv".into(), g.projects_csv.into_bytes()),
                ],
            )?;
            println!(
                "generated the Beijing instance with seed {seed} in {}",
                out.display()
            );
            Ok(0)
        }
    }
}

impl From<MethodArg> for solve::Method {
    fn from(m: MethodArg) -> solve::Method {
        match m {
            MethodArg::Auto => solve::Method::Auto,
            MethodArg::Ipm => solve::Method::Ipm,
            MethodArg::Simplex => solve::Method::Simplex,
            MethodArg::Pdlp => solve::Method::Pdlp,
            MethodArg::Choose => solve::Method::Choose,
        }
    }
}

fn benchmark(
    scales: &[f64],
    methods: &[MethodArg],
    presolve: bool,
    time_limit: Option<f64>,
    whole_unit_gap: Option<f64>,
) -> Result<u8> {
    let lp = beijing::model()?;
    let mut modes = vec![("lp", lp.clone(), None)];
    if let Some(gap) = whole_unit_gap {
        let mut whole = lp;
        whole.whole_unit.enabled = true;
        modes.push(("whole", whole, Some(gap)));
    }
    println!(
        "{:>8} {:>9} {:>6} {:>9} {:>10} {:>8} {:>9} {:>9} {:>9} {:>9}  status, objective, gap",
        "scale",
        "units",
        "mode",
        "columns",
        "nonzeros",
        "method",
        "gen s",
        "build s",
        "solve s",
        "check s"
    );
    let mut worst = 0;
    for &scale in scales {
        let t0 = std::time::Instant::now();
        let g =
            generate::beijing_scaled(generate::DEFAULT_SEED, scale).map_err(anyhow::Error::msg)?;
        let inst = beijing::generated_instance(&g)?;
        let gen_s = t0.elapsed().as_secs_f64();
        for (mode, model, gap) in &modes {
            for &m in methods {
                let options = solve::SolveOptions {
                    method: m.into(),
                    presolve,
                    time_limit_s: time_limit,
                    mip_rel_gap: *gap,
                    ..Default::default()
                };
                let r = engine::run(&inst, model, beijing::MODEL_FILE, &options)?;
                println!(
                    "{:>8} {:>9} {:>6} {:>9} {:>10} {:>8} {:>9.3} {:>9.3} {:>9.3} {:>9.3}  {}, {}, {}",
                    scale,
                    inst.units.len(),
                    mode,
                    r.size.columns,
                    r.size.nonzeros,
                    r.solution.method.map_or("—", |m| m.as_str()),
                    gen_s,
                    r.solution.build_seconds,
                    r.solution.solve_seconds,
                    r.check_seconds,
                    r.solution.status,
                    r.solution.objective.map_or("—".into(), |o| format!("{o:.2}")),
                    r.solution.mip_gap.map_or("—".into(), |g| format!("{:.3}%", 100.0 * g))
                );
                if r.check.is_none() {
                    worst = 1;
                }
            }
        }
    }
    Ok(worst)
}

/// What a file given to `validate` is.
enum Kind {
    Instance,
    Model,
}

fn kind_of(path: &std::path::Path) -> Result<Kind> {
    if path.is_dir() {
        return Ok(Kind::Instance);
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    // A manifest has a [region]; anything else is taken for a model (and its own errors say why).
    let is_instance = text.lines().any(|l| l.trim_start().starts_with("[region"));
    Ok(if is_instance {
        Kind::Instance
    } else {
        Kind::Model
    })
}

fn validate(paths: &[PathBuf]) -> Result<u8> {
    let mut instances = Vec::new();
    let mut models = Vec::new();
    let mut failed = false;
    for p in paths {
        let kind = match kind_of(p) {
            Ok(k) => k,
            Err(e) => {
                println!("{e:#}");
                failed = true;
                continue;
            }
        };
        match kind {
            Kind::Instance => match files::load_instance(p) {
                Ok(i) => {
                    println!(
                        "ok: {} — instance `{}`: {} zones, {} districts, {} stock units, {} sites, {} consolidation projects",
                        p.display(),
                        i.name,
                        i.zones.len(),
                        i.districts.len(),
                        i.units.len(),
                        i.sites.len(),
                        i.projects.len()
                    );
                    instances.push(i);
                }
                Err(e) => {
                    println!("{e}");
                    failed = true;
                }
            },
            Kind::Model => match files::load_model(p) {
                Ok(m) => models.push((p.clone(), m)),
                Err(e) => {
                    println!("{e}");
                    failed = true;
                }
            },
        }
    }
    let against = if instances.len() == 1 {
        instances.first()
    } else {
        None
    };
    for (p, m) in &models {
        match m.validate(&p.display().to_string(), against) {
            Ok(()) => println!(
                "ok: {} — model `{}`{}",
                p.display(),
                m.name,
                against
                    .map(|i| format!(", checked against instance `{}`", i.name))
                    .unwrap_or_default()
            ),
            Err(e) => {
                println!("{e}");
                failed = true;
            }
        }
    }
    Ok(if failed { 2 } else { 0 })
}
