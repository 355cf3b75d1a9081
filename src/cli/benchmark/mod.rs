//! `stockland benchmark`: build, solve and check timed apart, on the generated Beijing
//! family (`--unit-scale`), instance/model pairs of your own (`--case`) and certified
//! families (`--family`), repeated (`--repeat`, min/median/max) and under several HiGHS
//! seeds (`--highs-seed`), with the programme's size and coefficient ranges, the process's
//! peak memory, and every answer judged against the certified one. A case that fails is a
//! row with its error and the run goes on; `--csv` rows are appended to `CSV.partial` as
//! each finishes; `--csv`, `--json` and `--manifest` carry the run's [`manifest`].

mod manifest;
mod profile;

use super::args::{BackendArg, MethodArg, SolverArgs};
use super::load::load;
use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use std::path::{Path, PathBuf};
use stockland::analysis::bench::{measure, Case, Certified, Row, Verdict, TOLERANCE};
use stockland::cases::beijing::{self, generate};
use stockland::files::ReadPolicy;
use stockland::instance::Instance;
use stockland::policy::PolicyModel;
use stockland::solve::SolveOptions;

#[derive(clap::Args)]
pub struct Args {
    /// Unit scales of the generated Beijing family to run, e.g. 1 10 100 (none with --case
    /// unless given).
    #[arg(long, num_args = 1..)]
    unit_scale: Vec<f64>,
    /// The Beijing instance as survey parcels, each unit split into N parcels sharing
    /// everything else per km² (`generate --parcels N`), for each N given: tie-heavy inputs
    /// of survey size (N = 57: 200,355 parcels; 285: 1,001,775).
    #[arg(long, num_args = 1..)]
    parcels: Vec<usize>,
    /// Also write every output of `solve --out` for each case (into a temporary directory,
    /// removed after), timed as `write_s`; the peak memory then includes the writing.
    #[arg(long)]
    write: bool,
    /// Instance/model pairs of your own, `INSTANCE,MODEL` (repeatable).
    #[arg(long = "case")]
    cases: Vec<String>,
    /// Instance families: directories with an `optima.csv` (`case,instance,model,…`, paths
    /// relative to the directory), such as the certified family `instances/family`
    /// (repeatable)
    #[arg(long = "family")]
    families: Vec<PathBuf>,
    /// HiGHS algorithms to run.
    #[arg(long, value_enum, num_args = 1.., default_values_t = vec![MethodArg::Auto])]
    method: Vec<MethodArg>,
    /// Backends to compare (each HiGHS algorithm of --method for `highs`, one run for each
    /// other backend); default: the one of --backend.
    #[arg(long, value_enum, num_args = 1..)]
    backends: Vec<BackendArg>,
    /// Solve each case this many times and report min, median and max solve time.
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Write the rows as CSV.
    #[arg(long)]
    csv: Option<PathBuf>,
    /// Write the manifest, the rows (each repeat's time as an array) and, under several
    /// seeds, the variability as JSON.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Write the run's manifest (machine, build, command, options, seeds, inputs) as JSON
    /// to this file; with --csv and without it, to the CSV's name with `.manifest.json`.
    #[arg(long)]
    manifest: Option<PathBuf>,
    /// The seed of the generated Beijing family (`--unit-scale`).
    #[arg(long, default_value_t = generate::DEFAULT_SEED)]
    seed: u64,
    /// HiGHS's random seeds: each case runs under each (two or more: a performance
    /// variability study, summarised per case and solver).
    #[arg(long, num_args = 1.., default_values_t = vec![0], allow_negative_numbers = true)]
    highs_seed: Vec<i32>,
    /// Write the solvers' performance profiles (Dolan-Moré: the share of cases each solves
    /// within τ × the fastest one's median time) as CSV to this file, and as a chart to the
    /// same name with `.svg`. A solver is a backend and, for HiGHS, a method; needs two or
    /// more.
    #[arg(long)]
    profile: Option<PathBuf>,
    /// Solver flags; with --whole-unit, each case is also solved in whole-unit mode (MIP,
    /// 1% gap unless --mip-gap).
    #[command(flatten)]
    solver: SolverArgs,
    /// Pool the linkage by transport node in every case's model (`rules.linkage_balance.pool
    /// = "node"`: exact, pairings grow as nodes × sites); the mode column says `lp/pool`.
    #[arg(long)]
    pool: bool,
    /// Also time `prices` over every rule group, warm from the base basis and from scratch,
    /// on two workers.
    #[arg(long)]
    prices: bool,
    /// Also time a sweep of this many scenarios on Beijing (the extension zone's stock
    /// target from 45 to 65 km²) against as many separate `stockland solve` runs, one after
    /// another, each process end to end; with both processes' peak memory.
    #[arg(long)]
    sweep: Option<usize>,
}

/// Makes a case's instance and model (generated or loaded) when its turn comes.
type Maker = Box<dyn Fn() -> Result<(Instance, PolicyModel)>>;

/// A case: its name, unit scale (NaN for a case of your own), maker, and what its family
/// certifies for it.
type Cases = Vec<(String, f64, Maker, Option<Certified>)>;

/// Write every output of `solve --out` for `run` into a new temporary directory, as the
/// command does (streamed, one transaction), and remove it; the seconds it took.
fn write_outputs(inst: &Instance, model: &PolicyModel, run: &stockland::run::Run) -> Result<f64> {
    let dir = std::env::temp_dir().join(format!(
        "stockland-benchmark-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let plan = stockland::files::OutputPlan {
        dir: Some(dir.clone()),
        files: Vec::new(),
    };
    plan.check(&[])?;
    let t0 = std::time::Instant::now();
    let tables = stockland::report::tables(inst, run);
    let files = super::solve::out_files(inst, model, run, &tables);
    let written = plan.commit_streamed(&files, &[]);
    let seconds = t0.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&dir);
    written?;
    Ok(seconds)
}

/// The process's peak resident set size, MiB (Linux: VmHWM of /proc/self/status).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[derive(Serialize)]
struct Report<'a> {
    manifest: &'a manifest::Manifest,
    rows: Vec<serde_json::Value>,
    variability: &'a [stockland::analysis::bench::Spread],
}

/// One row of the printed table.
fn print_row(row: &Row, solver: &str) {
    if let Some(e) = &row.error {
        println!(
            "{:<22} {:>8} {:>6} {:>20}  error: {e}",
            row.case, "—", row.mode, solver
        );
        return;
    }
    // the algorithm HiGHS ran, where the solver's name does not say it; a seed but the
    // first
    let mut solver = if row.method == "—" || solver.ends_with(row.method.as_str()) {
        solver.to_string()
    } else {
        format!("{solver} ({})", row.method)
    };
    if let Some(s) = row.seed.filter(|s| *s != 0) {
        solver += &format!(" s{s}");
    }
    let verdict = match (row.verdict, row.rel_diff) {
        (Verdict::Wrong, Some(d)) => format!("WRONG (rel. diff {d:.1e} > {:.1e})", row.tolerance),
        (Verdict::Wrong, None) => format!(
            "WRONG (certified {})",
            row.certified_status.as_deref().unwrap_or("?")
        ),
        (Verdict::Correct, _) => "as certified".into(),
        (Verdict::Unsolved, _) => "UNSOLVED".into(),
        (Verdict::Uncertified, _) => "checked".into(),
        (Verdict::Error, _) => "error".into(),
    };
    let solver = solver.as_str();
    println!(
        "{:<22} {:>8} {:>6} {:>20} {:>9} {:>10} {:>8.3} {:>8.3} {:>22} {:>7.3} {:>8}  {}, {}, {}, {}",
        row.case,
        row.units,
        row.mode,
        solver,
        row.columns,
        row.nonzeros,
        row.load_s,
        row.build_s,
        format!(
            "{:.3}/{:.3}/{:.3}",
            row.solve_s_min, row.solve_s_median, row.solve_s_max
        ),
        row.check_s,
        row.peak_rss_mib.map_or("—".into(), |m| format!("{m:.0}")),
        row.status,
        row.objective.map_or("—".into(), |o| format!("{o:.2}")),
        row.mip_gap
            .map_or("—".into(), |g| format!("{:.3}%", 100.0 * g)),
        verdict
    );
}

/// The solvers to run: (backend, method, name), HiGHS with each method, any other backend
/// once.
fn solvers(a: &Args) -> Vec<(BackendArg, MethodArg, String)> {
    let backends = if a.backends.is_empty() {
        vec![a.solver.backend]
    } else {
        a.backends.clone()
    };
    let name = |v: &dyn ValueEnumName| v.name();
    let mut out = Vec::new();
    for b in backends {
        if matches!(b, BackendArg::Highs) {
            for &m in &a.method {
                let n = if a.backends.is_empty() {
                    name(&m)
                } else {
                    format!("highs:{}", name(&m))
                };
                out.push((b, m, n));
            }
        } else {
            out.push((b, a.method[0], name(&b)));
        }
    }
    out
}

/// The command-line name of a value.
trait ValueEnumName {
    fn name(&self) -> String;
}

impl<T: ValueEnum> ValueEnumName for T {
    fn name(&self) -> String {
        self.to_possible_value()
            .map_or("?".into(), |v| v.get_name().to_string())
    }
}

/// The rows appended, as each case finishes, to `CSV.partial`; on success the whole CSV
/// replaces it with the other outputs, in one transaction.
struct Progress {
    path: PathBuf,
    writer: csv::Writer<std::fs::File>,
}

impl Progress {
    fn open(csv: &Path) -> Result<Progress> {
        let mut name = csv.as_os_str().to_os_string();
        name.push(".partial");
        let path = PathBuf::from(name);
        if let Ok(m) = std::fs::symlink_metadata(&path) {
            anyhow::ensure!(
                m.is_file(),
                "{}: exists and is not a regular file: expected a place for the rows in progress",
                path.display()
            );
        }
        let file =
            std::fs::File::create(&path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        Ok(Progress {
            path,
            writer: csv::WriterBuilder::new().from_writer(file),
        })
    }
    fn push(&mut self, row: &Row) -> Result<()> {
        self.writer.serialize(row)?;
        self.writer.flush()?;
        Ok(())
    }
}

/// Every solver's options, each one checked before the first solve: the backend built in,
/// the options valid for it.
fn configured(a: &Args) -> Result<Vec<(String, SolveOptions)>> {
    let mut out = Vec::new();
    for (b, m, name) in solvers(a) {
        let backend: stockland::solution::Backend = b.into();
        backend
            .built()
            .map_err(|why| anyhow::anyhow!("--backends {}: {why}", backend.as_str()))?;
        let mut options = a.solver.options(m)?;
        options.backend = backend;
        let seeds: &[i32] = if backend == stockland::solution::Backend::Highs {
            &a.highs_seed
        } else {
            &[0]
        };
        for &seed in seeds {
            let mut o = options.clone();
            o.random_seed = seed;
            o.validate()?;
            out.push((name.clone(), o));
        }
    }
    Ok(out)
}

pub fn run(a: Args) -> Result<u8> {
    anyhow::ensure!(a.repeat >= 1, "--repeat: expected at least 1");
    let started = manifest::now();
    let solvers = configured(&a)?;
    anyhow::ensure!(
        a.profile.is_none()
            || solvers
                .iter()
                .map(|s| &s.0)
                .collect::<std::collections::HashSet<_>>()
                .len()
                >= 2,
        "--profile compares methods or backends: expected two or more after --method or --backends"
    );
    let profile_svg = a.profile.as_ref().map(|p| p.with_extension("svg"));
    let manifest_file = a.manifest.clone().or_else(|| {
        a.csv.as_ref().map(|c| {
            let mut name = c.file_stem().unwrap_or_default().to_os_string();
            name.push(".manifest.json");
            c.with_file_name(name)
        })
    });
    let out = stockland::files::OutputPlan {
        dir: None,
        files: a
            .csv
            .iter()
            .chain(&a.json)
            .chain(&manifest_file)
            .chain(&a.profile)
            .chain(&profile_svg)
            .cloned()
            .collect(),
    };
    let (cases, scales, inputs) = cases_of(&a)?;
    out.check(&inputs)?;
    let mut progress = a.csv.as_deref().map(Progress::open).transpose()?;
    let build = stockland::version::build();
    println!(
        "stockland {} ({}), HiGHS {} (git {}, highs-sys {}), {} thread(s), HiGHS seed(s) {:?}",
        build.stockland,
        build.commit,
        build.highs_version,
        build.highs_githash,
        build.highs_sys,
        a.solver.threads,
        a.highs_seed
    );
    println!(
        "{:<22} {:>8} {:>6} {:>20} {:>9} {:>10} {:>8} {:>8} {:>22} {:>7} {:>8}  status, objective, gap, verdict",
        "case", "units", "mode", "solver", "columns", "nonzeros", "load s", "build s", "solve s (min/med/max)", "check s", "peak MiB"
    );
    let Measured {
        rows,
        timings,
        rules,
    } = measure_cases(&a, &cases, &solvers, progress.as_mut())?;
    let seeds = a.highs_seed.len() > 1;
    let variability = if seeds {
        stockland::analysis::bench::variability(&rows)
    } else {
        Vec::new()
    };
    if !variability.is_empty() {
        print_variability(&variability);
    }
    let failures = rows.iter().filter(|r| r.verdict.failed()).count();
    let manifest = manifest::Manifest {
        started,
        finished: manifest::now(),
        command: std::env::args().collect(),
        machine: manifest::Machine::read(),
        build,
        options: options_of(&a),
        generator_seed: (!scales.is_empty()).then_some(a.seed),
        inputs: super::load::Input::of_all(&inputs),
        tolerance: TOLERANCE,
        cases: cases.len(),
        rows: rows.len(),
        failures,
    };
    let mut files = Vec::new();
    if a.csv.is_some() {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        for r in &rows {
            w.serialize(r)?;
        }
        files.push(w.into_inner()?);
    }
    if a.json.is_some() {
        files.push(json_report(&rows, &manifest, &variability)?);
    }
    if manifest_file.is_some() {
        files.push(serde_json::to_string_pretty(&manifest)?.into_bytes());
    }
    if a.profile.is_some() {
        let (csv, svg) = profile::files(&timings, &rules)?;
        files.push(csv);
        files.push(svg);
    }
    out.commit(&[], &files)?;
    if let Some(p) = progress {
        drop(p.writer);
        std::fs::remove_file(&p.path).map_err(|e| anyhow::anyhow!("{}: {e}", p.path.display()))?;
    }
    if failures > 0 {
        println!(
            "{failures} of {} row(s) failed: wrong, unsolved or in error (see verdict)",
            rows.len()
        );
    }
    if a.prices {
        prices(&a, &scales)?;
    }
    if let Some(n) = a.sweep {
        sweep_vs_solves(n)?;
    }
    Ok(u8::from(failures > 0))
}

/// What the cases gave: a row per case and solver, the profile's timings, and each solver's
/// MIP stopping rules.
struct Measured {
    rows: Vec<Row>,
    timings: Vec<stockland::analysis::profile::Timing>,
    rules: Vec<(String, String)>,
}

/// Run every case under every solver, printing each row and appending it to `progress` as
/// it finishes; a case that cannot be made or solved is a row with its error.
fn measure_cases(
    a: &Args,
    cases: &Cases,
    solvers: &[(String, SolveOptions)],
    mut progress: Option<&mut Progress>,
) -> Result<Measured> {
    let mut rows: Vec<Row> = Vec::new();
    let mut timings = Vec::new();
    let mut rules: Vec<(String, String)> = Vec::new();
    for (name, _, make, certified) in cases {
        let t0 = std::time::Instant::now();
        let made = make();
        let load_s = t0.elapsed().as_secs_f64();
        let (inst, mut lp) = match made {
            Ok(x) => x,
            Err(e) => {
                // every solver's row says why the case did not run
                for (solver, options) in solvers {
                    let row = Row::failed(name, "—", options, format!("{e:#}"));
                    print_row(&row, solver);
                    if let Some(p) = progress.as_deref_mut() {
                        p.push(&row)?;
                    }
                    rows.push(row);
                }
                continue;
            }
        };
        let pooled = a.pool && pool(&mut lp);
        // a model in whole-unit mode of its own (a family's MIP case) runs as one
        let own_gap = lp.whole_unit.enabled.then_some(a.solver.mip_gap).flatten();
        let sift = a.solver.sift;
        let mut modes = vec![(
            mode(lp.whole_unit.enabled, pooled, sift),
            lp.clone(),
            own_gap,
        )];
        if a.solver.whole_unit && !lp.whole_unit.enabled {
            let mut whole = lp;
            whole.whole_unit.enabled = true;
            modes.push((
                mode(true, pooled, sift),
                whole,
                Some(a.solver.mip_gap.unwrap_or(0.01)),
            ));
        }
        for (mode, model, gap) in &modes {
            // what the family certifies holds for the model as given, not a mode added here
            let certified = (model.whole_unit.enabled == modes[0].1.whole_unit.enabled)
                .then_some(certified.as_ref())
                .flatten();
            for (solver, options) in solvers {
                if let Some(why) = skipped(mode, options, sift) {
                    if options.random_seed == a.highs_seed[0] {
                        println!("{name:<22} whole-unit mode skipped for {solver}: {why}");
                    }
                    continue;
                }
                let mut options = options.clone();
                options.mip_rel_gap = *gap;
                let case = Case {
                    name,
                    instance: &inst,
                    model,
                    load_s,
                    mode,
                    certified,
                };
                let mut row = match measure(&case, &options, a.repeat) {
                    Ok((mut row, run)) if a.write => {
                        match write_outputs(&inst, model, &run) {
                            Ok(s) => row.write_s = Some(s),
                            Err(e) => row.error = Some(format!("writing the outputs: {e:#}")),
                        }
                        row
                    }
                    Ok((row, _)) => row,
                    Err(e) => Row::failed(name, mode, &options, e.to_string()),
                };
                row.peak_rss_mib = peak_rss_mib();
                print_row(&row, solver);
                if let Some(p) = progress.as_deref_mut() {
                    p.push(&row)?;
                }
                if model.whole_unit.enabled
                    && !rules.iter().any(|(s, r)| s == solver && *r == row.stop)
                {
                    rules.push((solver.clone(), row.stop.clone()));
                }
                timings.push(stockland::analysis::profile::Timing {
                    problem: format!("{} {}", row.case, row.mode),
                    solver: solver.clone(),
                    seconds: row.verdict.solved().then_some(row.solve_s_median),
                });
                rows.push(row);
            }
        }
    }
    Ok(Measured {
        rows,
        timings,
        rules,
    })
}

/// The options every row ran under, for the manifest.
fn options_of(a: &Args) -> manifest::Options {
    manifest::Options {
        backends: if a.backends.is_empty() {
            vec![a.solver.backend.name()]
        } else {
            a.backends.iter().map(|b| b.name()).collect()
        },
        methods: a.method.iter().map(|m| m.name()).collect(),
        presolve: !a.solver.no_presolve,
        time_limit_s: a.solver.time_limit,
        mip_gap: a.solver.mip_gap,
        threads: a.solver.threads,
        highs_seeds: a.highs_seed.clone(),
        scaling: a.solver.scale,
        sift: a.solver.sift,
        pool: a.pool,
        whole_unit: a.solver.whole_unit,
        sensitivity: !a.solver.no_sensitivity,
        repeat: a.repeat,
    }
}

/// The JSON report: the manifest, the rows (each repeat's time as an array, `solve_s`) and
/// the variability over seeds.
fn json_report(
    rows: &[Row],
    manifest: &manifest::Manifest,
    variability: &[stockland::analysis::bench::Spread],
) -> Result<Vec<u8>> {
    let rows = rows
        .iter()
        .map(|r| {
            let mut v = serde_json::to_value(r)?;
            v["solve_s"] = serde_json::to_value(&r.solve_s_each)?;
            if let Some(o) = v.as_object_mut() {
                o.remove("solve_s_each");
            }
            Ok(v)
        })
        .collect::<Result<Vec<_>>>()?;
    let report = Report {
        manifest,
        rows,
        variability,
    };
    Ok(serde_json::to_string_pretty(&report)?.into_bytes())
}

/// The spread of each case's solve time over HiGHS's seeds.
fn print_variability(spreads: &[stockland::analysis::bench::Spread]) {
    println!(
        "\n{:<22} {:>8} {:>20} {:>6} {:>24} {:>8} {:>12}",
        "variability: case", "mode", "solver", "seeds", "solve s (min/med/max)", "cv", "objectives"
    );
    for v in spreads {
        println!(
            "{:<22} {:>8} {:>20} {:>6} {:>24} {:>8.3} {:>12}",
            v.case,
            v.mode,
            v.solver,
            v.seeds,
            format!("{:.3}/{:.3}/{:.3}", v.min_s, v.median_s, v.max_s),
            v.cv,
            if v.objectives_agree {
                "agree"
            } else {
                "differ"
            }
        );
    }
}

fn prices(a: &Args, scales: &[f64]) -> Result<()> {
    println!(
        "\n{:>8} {:>8} {:>10} {:>10} {:>8}  same optima",
        "scale", "groups", "warm s", "cold s", "speed-up"
    );
    for &scale in scales {
        let g = generate::beijing_scaled(a.seed, scale).map_err(anyhow::Error::msg)?;
        let inst = beijing::generated_instance(&g)?;
        let model = beijing::model()?;
        let p = stockland::programme::build(&inst, &model);
        let labels: Vec<String> = p
            .rows()
            .iter()
            .map(|r| stockland::programme::row_label(&inst, r))
            .collect();
        let groups = stockland::analysis::prices::groups(&p, &labels, &[]);
        let mut o = a.solver.options(MethodArg::Simplex)?;
        o.sensitivity = false;
        let t = std::time::Instant::now();
        let warm = stockland::analysis::prices::price(&p, &o, &groups, None, 2, false)?;
        let warm_s = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let cold = stockland::analysis::prices::price(&p, &o, &groups, None, 2, true)?;
        let cold_s = t.elapsed().as_secs_f64();
        let same = warm
            .iter()
            .zip(&cold)
            .all(|(w, c)| match (w.dropped, c.dropped) {
                (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
                (x, y) => x.is_some() == y.is_some(),
            });
        println!(
            "{:>8} {:>8} {:>10.2} {:>10.2} {:>7.1}×  {same}",
            scale,
            groups.len(),
            warm_s,
            cold_s,
            cold_s / warm_s
        );
    }
    Ok(())
}

/// Run `cmd` to its end; its wall-clock seconds and peak resident memory (MiB, from
/// `wait4`'s rusage of that child alone).
fn timed(cmd: &mut std::process::Command) -> Result<(f64, f64)> {
    let t = std::time::Instant::now();
    let child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet waited for; status and usage are valid out pointers.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let seconds = t.elapsed().as_secs_f64();
    anyhow::ensure!(r == pid, "waiting for {cmd:?} failed");
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    if !ok {
        let mut err = String::new();
        if let Some(mut e) = child.stderr {
            use std::io::Read;
            let _ = e.read_to_string(&mut err);
        }
        anyhow::bail!("{cmd:?} failed: {err}");
    }
    Ok((seconds, usage.ru_maxrss as f64 / 1024.0))
}

/// The objective of a solve's `solution.json`.
fn objective_of(dir: &std::path::Path) -> Result<f64> {
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.join("solution.json"))?)?;
    v["solution"]["objective"]
        .as_f64()
        .ok_or_else(|| anyhow::anyhow!("{}: no objective", dir.display()))
}

fn sweep_vs_solves(n: usize) -> Result<()> {
    anyhow::ensure!(n >= 2, "--sweep: expected at least 2 scenarios");
    let exe = std::env::current_exe()?;
    let dir = std::env::temp_dir().join(format!("stockland-bench-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let values: Vec<f64> = (0..n)
        .map(|i| 45.0 + 20.0 * i as f64 / (n - 1) as f64)
        .collect();
    let sweep = dir.join("sweep.toml");
    std::fs::write(
        &sweep,
        format!(
            "name = \"bench\"\n[[parameter]]\npath = \"rules.stock_target.targets_km2.extension\"\nrange = {{ from = 45.0, to = 65.0, count = {n} }}\n"
        ),
    )?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (sweep_s, sweep_mib) = timed(
        std::process::Command::new(&exe)
            .arg("sweep")
            .arg(&sweep)
            .arg("--out")
            .arg(dir.join("sweep"))
            .args(["--quiet", "--workers", &workers.to_string()]),
    )?;
    let swept: Vec<f64> = {
        let mut r = csv::Reader::from_path(dir.join("sweep/sweep.csv"))?;
        let h = r.headers()?.clone();
        let k = h.iter().position(|c| c == "objective").unwrap_or(0);
        r.records()
            .map(|x| Ok(x?.get(k).unwrap_or("").parse::<f64>()?))
            .collect::<Result<_>>()?
    };
    let (mut solves_s, mut solve_mib, mut worst) = (0.0, 0f64, 0f64);
    for (i, v) in values.iter().enumerate() {
        let m = dir.join(format!("model-{i}.toml"));
        let text = beijing::MODEL.replace("extension = 55.0", &format!("extension = {v:?}"));
        anyhow::ensure!(
            text != beijing::MODEL || *v == 55.0,
            "the model's extension target moved"
        );
        std::fs::write(&m, text)?;
        let out = dir.join(format!("solve-{i}"));
        let (s, mib) = timed(
            std::process::Command::new(&exe)
                .arg("solve")
                .arg("--model")
                .arg(&m)
                .arg("--out")
                .arg(&out),
        )?;
        solves_s += s;
        solve_mib = solve_mib.max(mib);
        let z = objective_of(&out)?;
        worst = worst.max((z - swept[i]).abs() / z.abs().max(1.0));
    }
    let _ = std::fs::remove_dir_all(&dir);
    println!("\nsweep of {n} scenarios (Beijing, extension target 45–65 km²) against {n} separate `stockland solve` runs, one after another");
    println!(
        "  sweep: {sweep_s:.1} s on {workers} worker(s), peak memory {sweep_mib:.0} MiB ({:.0} MiB per worker)",
        sweep_mib / workers as f64
    );
    println!("  separate solves: {solves_s:.1} s, peak memory of one {solve_mib:.0} MiB");
    println!(
        "  speed-up {:.1}×; largest relative difference of the optima {worst:.1e}",
        solves_s / sweep_s
    );
    Ok(())
}

/// The cases to run: the Beijing family at each `--unit-scale` (scale 1 when nothing is
/// given) and each `--case` pair; with the scales and the input files.
fn cases_of(a: &Args) -> Result<(Cases, Vec<f64>, Vec<PathBuf>)> {
    let mut cases: Cases = Vec::new();
    let scales = if a.unit_scale.is_empty()
        && a.cases.is_empty()
        && a.families.is_empty()
        && a.parcels.is_empty()
    {
        vec![1.0]
    } else {
        a.unit_scale.clone()
    };
    let seed = a.seed;
    for &scale in &scales {
        cases.push((
            format!("beijing x{scale}"),
            scale,
            Box::new(move || {
                let g = generate::beijing_scaled(seed, scale).map_err(anyhow::Error::msg)?;
                Ok((beijing::generated_instance(&g)?, beijing::model()?))
            }),
            None,
        ));
    }
    for &n in &a.parcels {
        cases.push((
            format!("parcels x{n}"),
            f64::NAN,
            Box::new(move || {
                let g = generate::beijing_parcels(seed, n).map_err(anyhow::Error::msg)?;
                Ok((beijing::generated_instance(&g)?, beijing::model()?))
            }),
            None,
        ));
    }
    let mut inputs = Vec::new();
    for c in &a.cases {
        let (i, m) = c
            .split_once(',')
            .ok_or_else(|| anyhow::anyhow!("--case: expected INSTANCE,MODEL, found `{c}`"))?;
        let (i, m) = (PathBuf::from(i), PathBuf::from(m));
        inputs.extend([i.clone(), m.clone()]);
        cases.push((c.clone(), f64::NAN, loader(i, m), None));
    }
    for dir in &a.families {
        let optima = dir.join("optima.csv");
        let mut rdr = csv::Reader::from_path(&optima)
            .map_err(|e| anyhow::anyhow!("--family: {}: {e}", optima.display()))?;
        let headers = rdr.headers()?.clone();
        let col = |name: &str| {
            headers.iter().position(|h| h == name).ok_or_else(|| {
                anyhow::anyhow!("--family: {}: no `{name}` column", optima.display())
            })
        };
        let (c, i, m) = (col("case")?, col("instance")?, col("model")?);
        let status = headers.iter().position(|h| h == "status");
        let objective = headers.iter().position(|h| h == "objective");
        for row in rdr.records() {
            let row = row.map_err(|e| anyhow::anyhow!("--family: {}: {e}", optima.display()))?;
            let (i, m) = (dir.join(&row[i]), dir.join(&row[m]));
            inputs.extend([i.clone(), m.clone()]);
            cases.push((
                row[c].to_string(),
                f64::NAN,
                loader(i, m),
                match status {
                    Some(s) => Some(Certified {
                        status: row[s].to_string(),
                        objective: match objective.map(|k| row[k].trim()) {
                            None | Some("") => None,
                            Some(v) => Some(v.parse().map_err(|_| {
                                anyhow::anyhow!(
                                    "--family: {}: case {}: objective `{v}`: expected a number",
                                    optima.display(),
                                    &row[c]
                                )
                            })?),
                        },
                    }),
                    None => None,
                },
            ));
        }
    }
    Ok((cases, scales, inputs))
}

/// Loads an instance and a model of one's own when the case's turn comes.
fn loader(instance: PathBuf, model: PathBuf) -> Maker {
    Box::new(move || {
        let l = load(Some(&instance), Some(&model), &ReadPolicy::default())?;
        Ok((l.instance, l.model))
    })
}

/// The mode column: LP or whole-unit MIP, pooled or not.
/// Why a solver does not run a mode, when it does not.
fn skipped(mode: &str, options: &SolveOptions, sift: bool) -> Option<&'static str> {
    use stockland::solve::Method;
    if !mode.starts_with("whole") {
        None
    } else if !options.backend.capabilities().mip {
        Some("it solves LPs only")
    } else if options.backend == stockland::solution::Backend::Highs
        && matches!(options.method, Method::Ipm | Method::Pdlp)
    {
        Some("HiGHS solves a MIP by branch and cut with the dual simplex whatever the LP method")
    } else if sift {
        Some("--sift sifts LPs only")
    } else {
        None
    }
}

fn mode(whole: bool, pooled: bool, sifted: bool) -> &'static str {
    match (whole, pooled, sifted && !whole) {
        (false, false, false) => "lp",
        (false, false, true) => "lp/sift",
        (false, true, false) => "lp/pool",
        (false, true, true) => "lp/pool/sift",
        (true, false, _) => "whole",
        (true, true, _) => "whole/pool",
    }
}

/// Pool the model's linkage by transport node, where it has one that can be (no
/// per-pairing binaries); whether it did.
fn pool(model: &mut PolicyModel) -> bool {
    match model.rules.linkage_balance.as_mut() {
        Some(l) if l.enabled && !l.has_edge_binaries() => {
            l.pool = stockland::policy::Pooling::Node;
            true
        }
        _ => false,
    }
}
