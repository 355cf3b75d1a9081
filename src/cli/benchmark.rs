//! `stockland benchmark`: build, solve and check timed apart, on the generated Beijing
//! family (`--unit-scale`) and on instance/model pairs of your own (`--case`), repeated
//! (`--repeat`, min/median/max), with the programme's size and coefficient ranges and the
//! process's peak memory; `--csv` and `--json` write the rows for machines.

use super::args::{BackendArg, MethodArg, SolverArgs};
use super::load::load;
use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use std::path::PathBuf;
use stockland::analysis::bench::{measure, Row};
use stockland::cases::beijing::{self, generate};
use stockland::files::{OutputPlan, ReadPolicy};
use stockland::instance::Instance;
use stockland::policy::PolicyModel;

#[derive(clap::Args)]
pub struct Args {
    /// Unit scales of the generated Beijing family to run, e.g. 1 10 100 (none with --case
    /// unless given).
    #[arg(long, num_args = 1..)]
    unit_scale: Vec<f64>,
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
    /// Write the rows (with the machine) as JSON.
    #[arg(long)]
    json: Option<PathBuf>,
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

/// A case: its name, unit scale (NaN for a case of your own), maker, and the status a family
/// certifies for it (a certified infeasible case is not a failure).
type Cases = Vec<(String, f64, Maker, Option<String>)>;

/// The process's peak resident set size, MiB (Linux: VmHWM of /proc/self/status).
fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[derive(Serialize)]
struct Report<'a> {
    stockland_version: &'static str,
    cores: usize,
    os: &'static str,
    rows: &'a [Row],
}

/// One row of the printed table.
fn print_row(row: &Row, solver: &str) {
    println!(
        "{:<22} {:>8} {:>6} {:>20} {:>9} {:>10} {:>8.3} {:>8.3} {:>22} {:>7.3} {:>8}  {}, {}, {}",
        row.case,
        row.units,
        row.mode,
        // the algorithm HiGHS ran, where the solver's name does not say it
        if row.method == "—" || solver.ends_with(row.method.as_str()) {
            solver.to_string()
        } else {
            format!("{solver} ({})", row.method)
        },
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
            .map_or("—".into(), |g| format!("{:.3}%", 100.0 * g))
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

pub fn run(a: Args) -> Result<u8> {
    anyhow::ensure!(a.repeat >= 1, "--repeat: expected at least 1");
    let solvers = solvers(&a);
    anyhow::ensure!(
        a.profile.is_none() || solvers.len() >= 2,
        "--profile compares methods or backends: expected two or more after --method or --backends"
    );
    let profile_svg = a.profile.as_ref().map(|p| p.with_extension("svg"));
    let out = OutputPlan {
        dir: None,
        files: a
            .csv
            .iter()
            .chain(&a.json)
            .chain(&a.profile)
            .chain(&profile_svg)
            .cloned()
            .collect(),
    };
    let (cases, scales, inputs) = cases_of(&a)?;
    out.check(&inputs)?;
    println!(
        "{:<22} {:>8} {:>6} {:>20} {:>9} {:>10} {:>8} {:>8} {:>22} {:>7} {:>8}  status, objective, gap",
        "case", "units", "mode", "solver", "columns", "nonzeros", "load s", "build s", "solve s (min/med/max)", "check s", "peak MiB"
    );
    let mut rows = Vec::new();
    let mut timings = Vec::new();
    let mut worst = 0;
    for (name, _, make, certified) in &cases {
        let t0 = std::time::Instant::now();
        let (inst, mut lp) = make()?;
        let load_s = t0.elapsed().as_secs_f64();
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
            for (b, m, solver) in &solvers {
                if let Some(why) = skipped(mode, *b, sift, *m) {
                    println!("{name:<22} whole-unit mode skipped for {solver}: {why}");
                    continue;
                }
                let mut options = a.solver.options(*m)?;
                options.backend = (*b).into();
                options.mip_rel_gap = *gap;
                let (mut row, r) = measure(name, &inst, model, &options, a.repeat, load_s, mode)?;
                row.peak_rss_mib = peak_rss_mib();
                print_row(&row, solver);
                let as_certified = certified
                    .as_ref()
                    .is_some_and(|c| *c == r.solution.status.to_string());
                if r.check.is_none() && !as_certified {
                    worst = 1;
                }
                timings.push(stockland::analysis::profile::Timing {
                    problem: format!("{} {}", row.case, row.mode),
                    solver: solver.clone(),
                    seconds: (r.solution.status == stockland::solve::Status::Optimal)
                        .then_some(row.solve_s_median),
                });
                rows.push(row);
            }
        }
    }
    let mut files = Vec::new();
    if a.csv.is_some() {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        for r in &rows {
            w.serialize(r)?;
        }
        files.push(w.into_inner()?);
    }
    if a.json.is_some() {
        let report = Report {
            stockland_version: env!("CARGO_PKG_VERSION"),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            os: std::env::consts::OS,
            rows: &rows,
        };
        files.push(serde_json::to_string_pretty(&report)?.into_bytes());
    }
    if a.profile.is_some() {
        let (csv, svg) = profile_files(&timings)?;
        files.push(csv);
        files.push(svg);
    }
    out.commit(&[], &files)?;
    if a.prices {
        prices(&a, &scales)?;
    }
    if let Some(n) = a.sweep {
        sweep_vs_solves(n)?;
    }
    Ok(worst)
}

fn prices(a: &Args, scales: &[f64]) -> Result<()> {
    println!(
        "\n{:>8} {:>8} {:>10} {:>10} {:>8}  same optima",
        "scale", "groups", "warm s", "cold s", "speed-up"
    );
    for &scale in scales {
        let g =
            generate::beijing_scaled(generate::DEFAULT_SEED, scale).map_err(anyhow::Error::msg)?;
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

/// The performance profiles of `timings` as CSV (`method,tau,share`) and as an SVG chart.
fn profile_files(timings: &[stockland::analysis::profile::Timing]) -> Result<(Vec<u8>, Vec<u8>)> {
    use stockland::report::chart::{line_chart, stack, Chart, Series};
    let profiles = stockland::analysis::profile::profiles(timings);
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(["method", "tau", "share"])?;
    for p in &profiles {
        for (tau, share) in &p.points {
            w.write_record([p.solver.clone(), format!("{tau}"), format!("{share}")])?;
        }
    }
    let tau_max = profiles
        .iter()
        .flat_map(|p| p.points.iter().map(|x| x.0))
        .fold(1.0, f64::max)
        * 1.1;
    // steps drawn as a staircase, extended to the largest τ
    let series = profiles
        .iter()
        .map(|p| {
            let mut pts = Vec::new();
            for (i, &(tau, share)) in p.points.iter().enumerate() {
                if i > 0 {
                    pts.push((tau, p.points[i - 1].1));
                }
                pts.push((tau, share));
            }
            if let Some(&(_, share)) = p.points.last() {
                pts.push((tau_max, share));
            }
            Series {
                name: p.solver.clone(),
                points: pts,
                line: true,
            }
        })
        .collect();
    let svg = stack(&[line_chart(&Chart {
        title: format!(
            "Performance profiles over {} case(s)",
            timings
                .iter()
                .map(|t| t.problem.as_str())
                .collect::<std::collections::HashSet<_>>()
                .len()
        ),
        x_label: "τ: within this factor of the fastest method's time".into(),
        y_label: "share of cases solved".into(),
        series,
    })]);
    Ok((w.into_inner()?, svg.into_bytes()))
}

/// The cases to run: the Beijing family at each `--unit-scale` (scale 1 when nothing is
/// given) and each `--case` pair; with the scales and the input files.
fn cases_of(a: &Args) -> Result<(Cases, Vec<f64>, Vec<PathBuf>)> {
    let mut cases: Cases = Vec::new();
    let scales = if a.unit_scale.is_empty() && a.cases.is_empty() && a.families.is_empty() {
        vec![1.0]
    } else {
        a.unit_scale.clone()
    };
    for &scale in &scales {
        cases.push((
            format!("beijing x{scale}"),
            scale,
            Box::new(move || {
                let g = generate::beijing_scaled(generate::DEFAULT_SEED, scale)
                    .map_err(anyhow::Error::msg)?;
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
        for row in rdr.records() {
            let row = row.map_err(|e| anyhow::anyhow!("--family: {}: {e}", optima.display()))?;
            let (i, m) = (dir.join(&row[i]), dir.join(&row[m]));
            inputs.extend([i.clone(), m.clone()]);
            cases.push((
                row[c].to_string(),
                f64::NAN,
                loader(i, m),
                status.map(|s| row[s].to_string()),
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
fn skipped(mode: &str, backend: BackendArg, sift: bool, method: MethodArg) -> Option<&'static str> {
    if !mode.starts_with("whole") {
        None
    } else if matches!(backend, BackendArg::Clarabel) {
        Some("it solves LPs only")
    } else if matches!(method, MethodArg::Ipm | MethodArg::Pdlp) {
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
