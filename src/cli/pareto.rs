//! `stockland pareto`: the front between net benefit and a second criterion.

use super::args::{CaseArgs, MethodArg, ReplanArgs, SolverArgs};
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::PathBuf;
use stockland::check::criterion::measure;
use stockland::files::OutputPlan;
use stockland::policy::{Criterion, Sense};
use stockland::report::chart::{line_chart, stack, Chart, Series};

#[derive(clap::Args)]
pub struct Args {
    /// The second criterion: arable, construction, stock_redeveloped, new_construction,
    /// ecological, affordable or linkage_quota.
    #[arg(long)]
    against: String,
    /// Points on the front, both ends included.
    #[arg(long, default_value_t = 11)]
    points: usize,
    /// Write pareto.csv and pareto.svg into this directory.
    #[arg(long)]
    out: Option<PathBuf>,
    /// No progress spinner on stderr.
    #[arg(long)]
    quiet: bool,
    #[arg(long, value_enum, default_value = "simplex")]
    method: MethodArg,
    #[command(flatten)]
    replan: ReplanArgs,
    #[command(flatten)]
    solver: SolverArgs,
    #[command(flatten)]
    case: CaseArgs,
}

pub fn run(a: Args) -> Result<u8> {
    let criterion = Criterion::parse(&a.against).with_context(|| {
        format!(
            "--against: unknown criterion `{}`: expected one of {}",
            a.against,
            Criterion::names()
        )
    })?;
    let options = a.solver.options(a.method)?;
    let mut l = a.case.load()?;
    let out = OutputPlan {
        dir: a.out.clone(),
        files: vec![],
    };
    let past = a.replan.past(&mut l)?;
    out.check(&l.inputs)?;
    let mut model = l.model;
    if a.solver.whole_unit {
        model.whole_unit.enabled = true;
    }
    let spinner = super::sweep::spinner("tracing the front", a.quiet);
    let t0 = std::time::Instant::now();
    let front = stockland::analysis::pareto::front(
        &l.instance,
        &model,
        &l.model_name,
        past.as_ref(),
        &options,
        criterion,
        a.points,
    );
    let seconds = t0.elapsed().as_secs_f64();
    spinner.finish_and_clear();
    let front = front?;
    let mut head = vec![
        "point".to_string(),
        "epsilon".into(),
        "status".into(),
        "objective".into(),
        criterion.as_str().into(),
        "check".into(),
    ];
    head.extend(
        Criterion::ALL
            .iter()
            .filter(|c| **c != criterion)
            .map(|c| format!("measured.{c}")),
    );
    let mut rows = vec![head];
    let mut s = String::new();
    let better = match criterion.sense() {
        Sense::More => "more",
        Sense::Less => "less",
    };
    let _ = writeln!(
        s,
        "stockland pareto: instance `{}` under model `{}`: net benefit against {criterion} ({better} is better), {} points in {seconds:.2} s",
        l.instance.name, model.name, front.len()
    );
    let _ = writeln!(
        s,
        "  {:>5} {:>14} {:>18} {:>16}  check",
        "point",
        "epsilon km²",
        "net benefit M¥",
        format!("{criterion} km²")
    );
    let mut passed_all = true;
    for (i, p) in front.iter().enumerate() {
        let verdict = match &p.check {
            Some(c) if c.passed() => "passed".to_string(),
            Some(c) => {
                passed_all = false;
                format!("FAILED: {}", stockland::check::joined(&c.failures, "; "))
            }
            None => String::new(),
        };
        let f = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
        let mut row = vec![
            i.to_string(),
            f(p.epsilon),
            p.status.to_string(),
            f(p.objective),
            f(p.criterion),
            verdict.clone(),
        ];
        for c in Criterion::ALL.iter().filter(|c| **c != criterion) {
            row.push(f(p
                .allocation
                .as_ref()
                .map(|x| measure(&l.instance, x, *c))));
        }
        rows.push(row);
        let g = |v: Option<f64>, d: usize| v.map_or("—".into(), |v| format!("{v:.d$}"));
        let _ = writeln!(
            s,
            "  {i:>5} {:>14} {:>18} {:>16}  {}",
            g(p.epsilon, 3),
            g(p.objective, 2),
            g(p.criterion, 3),
            if verdict.is_empty() {
                p.status.to_string()
            } else {
                verdict
            }
        );
    }
    print!("{s}");
    if a.out.is_some() {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        for r in &rows {
            w.write_record(r)?;
        }
        let pts: Vec<(f64, f64)> = front
            .iter()
            .filter_map(|p| Some((p.criterion?, p.objective?)))
            .collect();
        let svg = stack(&[line_chart(&Chart {
            title: format!("Net benefit against {criterion}: the Pareto front"),
            x_label: format!("{criterion}, km² ({better} is better)"),
            y_label: "net benefit, million yuan".into(),
            series: vec![Series {
                name: "front".into(),
                points: pts,
                line: true,
            }],
        })]);
        let table = w.into_inner()?;
        let page = stockland::report::html::page(
            &format!("Net benefit against {criterion}: the Pareto front"),
            &s,
            &svg,
            &[("pareto.csv", &String::from_utf8_lossy(&table))],
        );
        out.commit(
            &[
                ("pareto.csv".into(), table),
                ("pareto.svg".into(), svg.into_bytes()),
                ("pareto.html".into(), page.into_bytes()),
            ],
            &[],
        )?;
    }
    Ok(if passed_all { 0 } else { 2 })
}
