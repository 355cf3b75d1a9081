//! `stockland sweep`: run a sweep (or one shard of it) into a directory, resumably;
//! `sweep merge`: the shards' results as one; `sweep emit`: scripts that run the shards on
//! a cluster.
//!
//! A sweep's directory holds `.stockland-sweep` (what sweep it is: the fingerprint of its
//! inputs and options, the sweep and model texts, the shard), `scenarios/NNNNNN.json` (one
//! file per scenario done, written atomically: a rerun skips them) and, when every
//! scenario of the shard is done, `complete`. An unsharded run, and a merge, also write
//! the tables.

use super::args::{InputArgs, MethodArg, SolverArgs};
use super::emit;
use anyhow::{bail, ensure, Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use stockland::analysis::sweep::{self, Base, Design, Scenario, ScenarioResult, SweepSpec};
use stockland::cases::beijing;
use stockland::files::{self, write_atomic};

/// The state file of a sweep's directory.
const STATE: &str = ".stockland-sweep";
const COMPLETE: &str = "complete";

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    /// The sweep file (TOML): the instance and model, the parameters and the design.
    #[arg(required = true)]
    sweep: Option<PathBuf>,
    /// Directory of the results; a rerun into it resumes, skipping the scenarios done.
    #[arg(long, required = true)]
    out: Option<PathBuf>,
    /// Run shard I of N (I from 0): the I-th of N contiguous blocks of scenarios.
    #[arg(long, value_name = "I/N")]
    shard: Option<String>,
    /// Parallel workers (default: the machine's cores).
    #[arg(long)]
    workers: Option<usize>,
    /// Solve every scenario from scratch instead of from the base optimum's basis.
    #[arg(long)]
    cold: bool,
    /// No progress bar and no summary on standard output.
    #[arg(long)]
    quiet: bool,
    #[arg(long, value_enum, default_value = "simplex")]
    method: MethodArg,
    #[command(flatten)]
    solver: SolverArgs,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Merge shard directories into one set of tables, byte for byte those of one run.
    Merge(MergeArgs),
    /// Print (or write) a Slurm job-array script or a Kubernetes Indexed Job manifest that
    /// runs a sweep in N shards and merges them.
    Emit(emit::Args),
}

#[derive(clap::Args)]
struct MergeArgs {
    /// The shard directories (every shard of one sweep, each complete).
    #[arg(required = true, num_args = 1..)]
    shards: Vec<PathBuf>,
    /// Directory of the merged tables.
    #[arg(long)]
    out: PathBuf,
    /// No summary on standard output.
    #[arg(long)]
    quiet: bool,
}

/// What a sweep directory holds.
#[derive(Serialize, Deserialize, PartialEq)]
struct State {
    fingerprint: String,
    sweep_file: String,
    sweep_text: String,
    model_name: String,
    model_text: String,
    scenarios: usize,
    /// `None` for a merge's directory.
    shard: Option<(usize, usize)>,
}

pub fn run(a: Args) -> Result<u8> {
    match a.action {
        Some(Action::Merge(m)) => merge(m),
        Some(Action::Emit(e)) => emit::run(e),
        None => run_sweep(a),
    }
}

fn parse_shard(s: Option<&str>) -> Result<(usize, usize)> {
    let Some(s) = s else { return Ok((0, 1)) };
    let (i, n) = s
        .split_once('/')
        .and_then(|(i, n)| Some((i.trim().parse().ok()?, n.trim().parse().ok()?)))
        .with_context(|| format!("--shard: expected I/N such as 0/4, found `{s}`"))?;
    ensure!(
        n >= 1 && i < n,
        "--shard: expected 0 ≤ I < N, found {i}/{n}"
    );
    Ok((i, n))
}

fn io(path: &Path, e: impl std::fmt::Display) -> anyhow::Error {
    anyhow::anyhow!("{}: {e}", path.display())
}

/// Create `dir` for `state`, or check that it already holds the same sweep (then resume).
fn open_dir(dir: &Path, state: &State, inputs: &[PathBuf]) -> Result<()> {
    let abs = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    if dir.exists() {
        ensure!(
            dir.is_dir(),
            "{}: exists and is not a directory: expected a sweep's directory",
            dir.display()
        );
        let d = abs(dir);
        for i in inputs {
            ensure!(
                !abs(i).starts_with(&d),
                "{}: holds the input {}: expected a directory of results apart from the inputs",
                dir.display(),
                i.display()
            );
        }
        let file = dir.join(STATE);
        if file.is_file() {
            let text = std::fs::read_to_string(&file).map_err(|e| io(&file, e))?;
            let old: State = serde_json::from_str(&text).with_context(|| {
                format!("{}: not a stockland sweep's state file", file.display())
            })?;
            ensure!(
                old.fingerprint == state.fingerprint && old.shard == state.shard,
                "{}: holds the results of another sweep, shard or set of options: expected a new directory, or this one removed first",
                dir.display()
            );
            return Ok(());
        }
        let empty = std::fs::read_dir(dir)
            .map_err(|e| io(dir, e))?
            .next()
            .is_none();
        ensure!(
            empty,
            "{}: holds files and is not a sweep's directory: expected a new or empty directory (nothing is overwritten)",
            dir.display()
        );
    }
    let made = if state.shard.is_some() {
        dir.join("scenarios")
    } else {
        dir.to_path_buf()
    };
    std::fs::create_dir_all(made).map_err(|e| io(dir, e))?;
    write_atomic(&dir.join(STATE), &serde_json::to_vec_pretty(state)?)?;
    Ok(())
}

fn scenario_file(dir: &Path, index: usize) -> PathBuf {
    dir.join("scenarios").join(format!("{index:06}.json"))
}

/// The result of scenario `index` if its file is there and whole.
fn read_result(dir: &Path, index: usize) -> Option<ScenarioResult> {
    let text = std::fs::read_to_string(scenario_file(dir, index)).ok()?;
    serde_json::from_str::<ScenarioResult>(&text)
        .ok()
        .filter(|r| r.index == index)
}

/// The sweep, its inputs' texts and the fingerprint of all that decides its results.
struct Loaded {
    design: Design,
    instance: stockland::instance::Instance,
    model_name: String,
    model_table: toml::Table,
    state: State,
    inputs: Vec<PathBuf>,
}

fn load(a: &Args, sweep_path: &Path, shard: (usize, usize)) -> Result<Loaded> {
    let policy = a.input.policy()?;
    let (_, text) = files::read_text(sweep_path, None, &policy)
        .map_err(|p| stockland::Error::input(vec![p]))?;
    let sweep_name = sweep_path.display().to_string();
    let spec = SweepSpec::parse(&sweep_name, &text)?;
    let dir = sweep_path.parent().unwrap_or(Path::new(""));
    let rel = |p: &String| dir.join(p);
    let mut hasher = Sha256::new();
    hasher.update(text.as_bytes());
    let (instance, model_name, model_text, mut inputs) = match (&spec.instance, &spec.model) {
        (None, None) => (
            beijing::instance()?,
            beijing::MODEL_FILE.to_string(),
            beijing::MODEL.to_string(),
            vec![],
        ),
        (i, Some(m)) => {
            let mp = rel(m);
            let ip = i.as_ref().map(rel);
            let l = super::load::load(ip.as_ref(), Some(&mp), &policy)?;
            let (_, mt) = files::read_text(&mp, None, &policy)
                .map_err(|p| stockland::Error::input(vec![p]))?;
            for f in &l.inputs {
                let bytes = std::fs::read(f).map_err(|e| io(f, e))?;
                hasher.update((bytes.len() as u64).to_le_bytes());
                hasher.update(&bytes);
            }
            (l.instance, l.model_name, mt, l.inputs)
        }
        (Some(_), None) => bail!(
            "{sweep_name}: names an instance but no model: expected model = \"FILE\" beside instance"
        ),
    };
    if spec.instance.is_none() {
        // the built-in instance: its texts, after the files read (as before)
        for t in [
            beijing::MANIFEST,
            beijing::UNITS,
            beijing::SITES,
            beijing::PROJECTS,
        ] {
            hasher.update(t.as_bytes());
        }
    }
    inputs.push(sweep_path.to_path_buf());
    let mut model_table: toml::Table =
        stockland::instance::format::parse_toml(&model_name, &model_text)
            .map_err(|p| stockland::Error::input(vec![p]))?;
    if a.solver.whole_unit {
        let w = model_table
            .entry("whole_unit")
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        if let toml::Value::Table(t) = w {
            t.insert("enabled".into(), toml::Value::Boolean(true));
        }
    }
    let design = Design::new(&sweep_name, &spec, &model_table)?;
    let options = a.solver.options(a.method)?;
    hasher.update(serde_json::to_vec(&options)?);
    hasher.update([a.cold as u8, a.solver.whole_unit as u8]);
    let fingerprint = format!("{:x}", hasher.finalize());
    let state = State {
        fingerprint,
        sweep_file: sweep_name,
        sweep_text: text,
        model_name: model_name.clone(),
        model_text: toml::to_string(&model_table)?,
        scenarios: design.scenarios().len(),
        shard: Some(shard),
    };
    Ok(Loaded {
        design,
        instance,
        model_name,
        model_table,
        state,
        inputs,
    })
}

fn progress(n: usize, quiet: bool) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} scenarios ({eta} left) {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// A spinner with the elapsed time on stderr (hidden with `quiet` or when stderr is not a
/// terminal), for a command that runs long without steps to count.
pub fn spinner(what: &str, quiet: bool) -> indicatif::ProgressBar {
    if quiet {
        return indicatif::ProgressBar::hidden();
    }
    let s = indicatif::ProgressBar::new_spinner();
    s.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    s.set_message(what.to_string());
    s.enable_steady_tick(std::time::Duration::from_millis(200));
    s
}

fn run_sweep(a: Args) -> Result<u8> {
    let (Some(sweep_path), Some(out)) = (a.sweep.clone(), a.out.clone()) else {
        bail!("expected a sweep file and --out DIR");
    };
    let shard = parse_shard(a.shard.as_deref())?;
    let l = load(&a, &sweep_path, shard)?;
    open_dir(&out, &l.state, &l.inputs)?;
    let all = l.design.scenarios();
    let mine = sweep::shard(&all, shard.0, shard.1);
    let todo: Vec<Scenario> = mine
        .iter()
        .filter(|s| read_result(&out, s.index).is_none())
        .cloned()
        .collect();
    let t0 = std::time::Instant::now();
    let workers = a
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if !todo.is_empty() {
        let options = a.solver.options(a.method)?;
        let base = Base::new(
            &l.design,
            &l.instance,
            l.model_table.clone(),
            &l.model_name,
            &options,
            a.cold,
        )?;
        let bar = progress(todo.len(), a.quiet);
        if mine.len() > todo.len() {
            bar.println(format!(
                "resuming: {} of {} scenarios already done",
                mine.len() - todo.len(),
                mine.len()
            ));
        }
        sweep::run(&base, &todo, workers, &|r| {
            write_atomic(
                &scenario_file(&out, r.index),
                &serde_json::to_vec(&r).map_err(|e| stockland::Error::Options(e.to_string()))?,
            )?;
            bar.set_message(format!("last: scenario {} {}", r.index, r.status));
            bar.inc(1);
            Ok(())
        })?;
        bar.finish_and_clear();
    }
    let results: Vec<ScenarioResult> = mine
        .iter()
        .map(|s| {
            read_result(&out, s.index)
                .with_context(|| format!("scenario {} has no result in {}", s.index, out.display()))
        })
        .collect::<Result<_>>()?;
    write_atomic(&out.join(COMPLETE), b"")?;
    let seconds = t0.elapsed().as_secs_f64();
    let warm = results.iter().filter(|r| r.warm).count();
    if shard.1 > 1 {
        if !a.quiet {
            println!(
                "shard {}/{} of sweep `{}`: {} scenario(s) done ({} solved now, {warm} warm) in {seconds:.2} s into {}; merge the shards with `stockland sweep merge`",
                shard.0, shard.1, l.design.name, results.len(), todo.len(), out.display()
            );
        }
        return Ok(0);
    }
    write_tables(&out, &l.design, &results)?;
    if !a.quiet {
        let summary = std::fs::read_to_string(out.join("summary.txt")).unwrap_or_default();
        print!("{summary}");
        println!(
            "{} scenario(s) solved now ({warm} of all warm from the base basis) in {seconds:.2} s by {workers} worker(s); tables in {}",
            todo.len(),
            out.display()
        );
    }
    Ok(0)
}

fn write_tables(out: &Path, design: &Design, results: &[ScenarioResult]) -> Result<()> {
    for (name, bytes) in stockland::report::sweep::tables(design, results) {
        write_atomic(&out.join(name), &bytes)?;
    }
    write_atomic(
        &out.join("timings.csv"),
        &stockland::report::sweep::timings_csv(results),
    )?;
    Ok(())
}

fn merge(m: MergeArgs) -> Result<u8> {
    let mut states = Vec::new();
    for d in &m.shards {
        let f = d.join(STATE);
        let text = std::fs::read_to_string(&f).map_err(|e| {
            anyhow::anyhow!(
                "{}: {e}: expected a shard directory of `stockland sweep --shard`",
                f.display()
            )
        })?;
        let s: State = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a stockland sweep's state file", f.display()))?;
        ensure!(
            d.join(COMPLETE).is_file(),
            "{}: the shard is not complete: expected its run to finish (rerun it: it resumes)",
            d.display()
        );
        states.push(s);
    }
    let first = &states[0];
    let Some((_, n)) = first.shard else {
        bail!("{}: a merged directory, not a shard", m.shards[0].display());
    };
    let mut seen = vec![false; n];
    for (s, d) in states.iter().zip(&m.shards) {
        ensure!(
            s.fingerprint == first.fingerprint,
            "{}: a shard of another sweep (or other inputs or options) than {}",
            d.display(),
            m.shards[0].display()
        );
        let Some((i, k)) = s.shard else {
            bail!("{}: not a shard", d.display())
        };
        ensure!(
            k == n,
            "{}: a shard of {k}, the others are of {n}",
            d.display()
        );
        ensure!(!seen[i], "{}: shard {i} given twice", d.display());
        seen[i] = true;
    }
    if let Some(i) = seen.iter().position(|s| !s) {
        bail!("shard {i} of {n} is missing: expected every shard's directory");
    }
    let spec = SweepSpec::parse(&first.sweep_file, &first.sweep_text)?;
    let table: toml::Table =
        stockland::instance::format::parse_toml(&first.model_name, &first.model_text)
            .map_err(|p| stockland::Error::input(vec![p]))?;
    let design = Design::new(&first.sweep_file, &spec, &table)?;
    let all = design.scenarios();
    let mut results = Vec::with_capacity(all.len());
    for (s, d) in states.iter().zip(&m.shards) {
        let (i, _) = s.shard.unwrap_or((0, 1));
        for sc in sweep::shard(&all, i, n) {
            let r = read_result(d, sc.index)
                .with_context(|| format!("{}: scenario {} has no result", d.display(), sc.index))?;
            results.push(r);
        }
    }
    results.sort_by_key(|r| r.index);
    let state = State {
        shard: None,
        ..serde_json::from_str(&serde_json::to_string(first)?)?
    };
    let inputs: Vec<PathBuf> = m.shards.clone();
    open_dir(&m.out, &state, &inputs)?;
    write_tables(&m.out, &design, &results)?;
    write_atomic(&m.out.join(COMPLETE), b"")?;
    if !m.quiet {
        print!(
            "{}",
            std::fs::read_to_string(m.out.join("summary.txt")).unwrap_or_default()
        );
        println!("{} shard(s) merged into {}", n, m.out.display());
    }
    Ok(0)
}
