//! `stockland solve`.

use super::args::{CaseArgs, MethodArg, ReplanArgs, SolverArgs};
use super::load::locks;
use anyhow::Result;
use std::io::Write;
use std::path::PathBuf;
use stockland::files::{Content, OutputPlan};
use stockland::{report, run};

#[derive(clap::Args)]
pub struct Args {
    /// Write solution.json and CSV tables (units, sites, accounts...) into this directory: a
    /// new or empty one, or one stockland wrote before, which is replaced whole.
    #[arg(long)]
    out: Option<PathBuf>,
    /// HiGHS algorithm: auto (stockland's rule: the dual simplex, measured the safer choice
    /// at every size; see docs/performance.md), interior point (with crossover), dual simplex, PDLP,
    /// or HiGHS's own choice.
    #[arg(long, value_enum, default_value = "auto")]
    method: MethodArg,
    /// Decisions locked in or out (CSV: kind,id,use,min_km2,max_km2[,source]): the best
    /// plan that keeps them; each lock is reported with its price.
    #[arg(long)]
    lock: Option<PathBuf>,
    #[command(flatten)]
    replan: ReplanArgs,
    #[command(flatten)]
    solver: SolverArgs,
    #[command(flatten)]
    case: CaseArgs,
    /// Write the linkage flows (project areas) as a Graphviz DOT graph.
    #[arg(long)]
    dot: Option<PathBuf>,
    /// Write every table as a sheet of one Excel workbook (replaced whole if it exists; never
    /// an input).
    #[arg(long)]
    xlsx: Option<PathBuf>,
    /// Write the solution as one GeoJSON FeatureCollection (units, sites, projects, flows,
    /// project areas, districts; a `layer` property tells which) for QGIS; with --out it is
    /// also written there as solution.geojson.
    #[arg(long)]
    geojson: Option<PathBuf>,
    /// Write the report for decision-makers: one self-contained HTML file (charts, district
    /// table, map), to e-mail or print.
    #[arg(long)]
    html: Option<PathBuf>,
    /// Language of the summary (zh: the planner's summary in Chinese, aligned by display
    /// width), the HTML report and the workbook's sheet names and headings: en or zh.
    #[arg(long, default_value = "en")]
    lang: String,
    /// Print solution.json on standard output instead of the summary.
    #[arg(long)]
    json: bool,
    /// Print nothing on success (the exit code tells); problems still go to stderr.
    #[arg(long, conflicts_with = "json")]
    quiet: bool,
}

pub fn run(a: Args) -> Result<u8> {
    let lang = stockland::report::labels::Lang::parse(&a.lang)
        .ok_or_else(|| anyhow::anyhow!("--lang: expected en or zh, found `{}`", a.lang))?;
    let options = a.solver.options(a.method)?;
    let mut l = a.case.load()?;
    let locks = locks(a.lock.as_ref(), &l.instance, &l.policy, &mut l.inputs)?;
    let plan = OutputPlan {
        dir: a.out.clone(),
        files: a
            .dot
            .iter()
            .chain(&a.xlsx)
            .chain(&a.html)
            .chain(&a.geojson)
            .cloned()
            .collect(),
    };
    let past = a.replan.past(&mut l)?;
    plan.check(&l.inputs)?;
    let (inst, mut model) = (l.instance, l.model);
    if a.solver.whole_unit {
        model.whole_unit.enabled = true;
    }
    options.validate()?;
    let run = run::Prepared::prepare_replan(&inst, &model, &l.model_name, &locks, past.as_ref())?
        .solve(&options)?;
    if a.json {
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        report::write_solution_json(&mut w, &inst, &model, &run)?;
        writeln!(w)?;
        w.flush()?;
    } else if !a.quiet {
        match lang {
            report::labels::Lang::En => print!("{}", report::summary(&inst, &model, &run)),
            report::labels::Lang::Zh => {
                print!("{}", report::brief::summary_zh(&inst, &model, &run))
            }
        }
    }
    // the directory's files are written as they are made, one at a time (a million units'
    // tables are never held whole); the single files are made before
    let tables = report::tables(&inst, &run);
    let dir_files = if a.out.is_some() {
        out_files(&inst, &model, &run, &tables)
    } else {
        Vec::new()
    };
    let mut single: Vec<Vec<u8>> = a
        .dot
        .iter()
        .map(|_| report::dot(&inst, &run).into_bytes())
        .collect();
    if a.xlsx.is_some() {
        let text = report::csv_texts(&tables).map_err(anyhow::Error::msg)?;
        single.push(report::xlsx::workbook(&text, &inst.uses, lang).map_err(anyhow::Error::msg)?);
    }
    if a.html.is_some() {
        single.push(report::html::html(&inst, &model, &run, lang).into_bytes());
    }
    if a.geojson.is_some() {
        single.push(report::geojson::geojson(&inst, &model, &run).into_bytes());
    }
    plan.commit_streamed(&dir_files, &single)?;
    if let (Some(dir), false) = (&a.out, a.json || a.quiet) {
        println!("wrote {} file(s) to {}", dir_files.len(), dir.display());
    }
    Ok(if run.check.is_some() { 0 } else { 1 })
}

/// What `--out` writes, each file as it is made: `solution.json`, every CSV table of
/// `tables` and, with a checked allocation, `solution.geojson`.
pub(super) fn out_files<'a>(
    inst: &'a stockland::instance::Instance,
    model: &'a stockland::policy::PolicyModel,
    run: &'a run::Run,
    tables: &'a [report::Table<'a>],
) -> Vec<(String, Content<'a>)> {
    let mut files: Vec<(String, Content)> = vec![(
        "solution.json".to_string(),
        Content::Stream(Box::new(move |w| {
            report::write_solution_json(w, inst, model, run)
        })),
    )];
    for t in tables {
        files.push((t.name.clone(), Content::Stream(Box::new(|w| (t.write)(w)))));
    }
    if run.check.is_some() {
        files.push((
            "solution.geojson".to_string(),
            Content::Stream(Box::new(move |w| {
                report::geojson::write_geojson(w, inst, model, run)
            })),
        ));
    }
    files
}
