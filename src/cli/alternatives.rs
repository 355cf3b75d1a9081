//! `stockland alternatives`: plans within a share of the optimum, each as different from
//! the ones before as possible.

use super::args::{CaseArgs, MethodArg, SolverArgs};
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::PathBuf;
use stockland::files::OutputPlan;

#[derive(clap::Args)]
pub struct Args {
    /// How far below the optimum a plan may be: a share (0.02) or a percentage (2%).
    #[arg(long, default_value = "2%", allow_hyphen_values = true)]
    within: String,
    /// How many alternatives to look for.
    #[arg(long, default_value_t = 3)]
    count: usize,
    /// Write alternatives.csv, differences.csv and plans.csv into this directory.
    #[arg(long)]
    out: Option<PathBuf>,
    /// No progress spinner on stderr.
    #[arg(long)]
    quiet: bool,
    #[arg(long, value_enum, default_value = "simplex")]
    method: MethodArg,
    #[command(flatten)]
    solver: SolverArgs,
    #[command(flatten)]
    case: CaseArgs,
}

/// "2%" → 0.02; "0.02" → 0.02.
fn share(s: &str) -> Result<f64> {
    let t = s.trim();
    let v: f64 = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|v| v / 100.0),
        None => t.parse(),
    }
    .with_context(|| {
        format!("--within: expected a share (0.02) or a percentage (2%), found `{s}`")
    })?;
    Ok(v)
}

pub fn run(a: Args) -> Result<u8> {
    let within = share(&a.within)?;
    anyhow::ensure!(a.count >= 1, "--count: expected at least 1");
    let options = a.solver.options(a.method)?;
    let l = a.case.load()?;
    let out = OutputPlan {
        dir: a.out.clone(),
        files: vec![],
    };
    out.check(&l.inputs)?;
    let mut model = l.model;
    if a.solver.whole_unit {
        model.whole_unit.enabled = true;
    }
    let inst = &l.instance;
    let spinner = super::sweep::spinner("looking for alternatives", a.quiet);
    let t0 = std::time::Instant::now();
    let alt = stockland::analysis::alternatives::alternatives(
        inst,
        &model,
        &l.model_name,
        &options,
        within,
        a.count,
    );
    let seconds = t0.elapsed().as_secs_f64();
    spinner.finish_and_clear();
    let alt = alt?;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "stockland alternatives: instance `{}` under model `{}`: {} alternative(s) within {:.4}% of the optimum in {seconds:.2} s{}",
        inst.name,
        model.name,
        alt.plans.len() - 1,
        100.0 * within,
        alt.stopped.as_ref().map_or(String::new(), |w| format!(" (stopped: {w})"))
    );
    let _ = writeln!(
        s,
        "  {:>4} {:>18} {:>12} {:>20}  check",
        "plan", "net benefit M¥", "below opt.", "km² moved vs plan 0"
    );
    let mut summary = vec![vec![
        "plan".to_string(),
        "objective".into(),
        "below_optimum_share".into(),
        "check".into(),
        "km2_moved_from_optimum".into(),
    ]];
    for (i, p) in alt.plans.iter().enumerate() {
        let verdict = if p.check.passed() {
            "passed".to_string()
        } else {
            format!(
                "FAILED: {}",
                stockland::check::joined(&p.check.failures, "; ")
            )
        };
        let _ = writeln!(
            s,
            "  {i:>4} {:>18.2} {:>11.4}% {:>20.4}  {verdict}",
            p.objective,
            100.0 * p.below_optimum,
            alt.distance[0][i]
        );
        summary.push(vec![
            i.to_string(),
            format!("{}", p.objective),
            format!("{}", p.below_optimum),
            verdict,
            format!("{}", alt.distance[0][i]),
        ]);
    }
    let _ = writeln!(
        s,
        "km² allocated differently between plans (differences.csv):"
    );
    let mut diff = vec![std::iter::once("plan".to_string())
        .chain((0..alt.plans.len()).map(|i| i.to_string()))
        .collect::<Vec<_>>()];
    for (i, row) in alt.distance.iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|d| format!("{d:>10.4}")).collect();
        let _ = writeln!(s, "  {i:>4} {}", cells.join(" "));
        diff.push(
            std::iter::once(i.to_string())
                .chain(row.iter().map(|d| format!("{d}")))
                .collect(),
        );
    }
    print!("{s}");
    if a.out.is_some() {
        let plans = plans_table(inst, &alt);
        let csv = |rows: &[Vec<String>]| -> Result<Vec<u8>> {
            let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
            for r in rows {
                w.write_record(r)?;
            }
            Ok(w.into_inner()?)
        };
        out.commit(
            &[
                ("alternatives.csv".into(), csv(&summary)?),
                ("differences.csv".into(), csv(&diff)?),
                ("plans.csv".into(), csv(&plans)?),
            ],
            &[],
        )?;
    }
    Ok(if alt.plans.iter().all(|p| p.check.passed()) {
        0
    } else {
        2
    })
}

/// Every decision of every plan: plan, place, id, use, km².
fn plans_table(
    inst: &stockland::instance::Instance,
    alt: &stockland::analysis::alternatives::Alternatives,
) -> Vec<Vec<String>> {
    let mut plans = vec![vec![
        "plan".to_string(),
        "place".into(),
        "id".into(),
        "use".into(),
        "km2".into(),
    ]];
    for (i, p) in alt.plans.iter().enumerate() {
        let x = &p.allocation;
        let mut add = |place: &str, id: &str, v: &[f64]| {
            for k in inst.uses.iter() {
                if v[k.index()] > stockland::analysis::alternatives::ZERO_KM2 {
                    plans.push(vec![
                        i.to_string(),
                        place.into(),
                        id.into(),
                        k.as_str().into(),
                        format!("{}", v[k.index()]),
                    ]);
                }
            }
        };
        for (u, v) in inst.units.iter().zip(&x.units) {
            add("unit", &u.id, v);
        }
        for (t, v) in inst.sites.iter().zip(&x.sites) {
            add("site", &t.id, v);
        }
        for (q, &c) in inst.projects.iter().zip(&x.projects) {
            if c > stockland::analysis::alternatives::ZERO_KM2 {
                plans.push(vec![
                    i.to_string(),
                    "project".into(),
                    q.id.clone(),
                    String::new(),
                    format!("{c}"),
                ]);
            }
        }
    }
    plans
}
