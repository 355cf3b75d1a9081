//! `stockland export`: the programme as free MPS or CPLEX LP, for other solvers; with
//! `--solution`, its optimum as a MIPLIB solution file under the file's names, and with
//! `--metadata`, what the file is (source and its digests, sizes, sense, the optimum and how
//! it was found and checked, the build) as JSON.

use super::args::CaseArgs;
use anyhow::Result;
use clap::ValueEnum;
use serde::Serialize;
use std::path::PathBuf;
use stockland::files::OutputPlan;
use stockland::programme::export::{export_as, solution_file, Format, Sense};
use stockland::run::Prepared;
use stockland::solve::{Method, SolveOptions};

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Mps,
    Lp,
}

#[derive(Clone, Copy, ValueEnum)]
enum SenseArg {
    /// Maximise the net benefit, as stockland states it (MPS `OBJSENSE MAX`).
    Max,
    /// Minimise its negation (no `OBJSENSE`: CBC and GLPK read it as the same problem).
    Min,
}

#[derive(clap::Args)]
pub struct Args {
    /// File format: free MPS (long names) or CPLEX LP.
    #[arg(long, value_enum, default_value = "mps")]
    format: FormatArg,
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
    /// The objective's sense in the file: max as stockland states it, or min (the negated
    /// objective minimised: same optimum, value negated) for readers that ignore or refuse
    /// a maximisation.
    #[arg(long, value_enum, default_value = "max")]
    sense: SenseArg,
    /// Whole-unit mode (overrides the model): the binaries are marked integer.
    #[arg(long)]
    whole_unit: bool,
    /// Also solve the programme (HiGHS, dual simplex, one thread, seed 0; a MIP to
    /// --mip-gap), check the answer independently, and write it as a MIPLIB solution file:
    /// `=obj= VALUE` in the file's sense, then each non-zero column under the file's name
    /// (`=infeas=` for a programme proven infeasible).
    #[arg(long)]
    solution: Option<PathBuf>,
    /// Write what the exported file is as JSON: name, format and sense, sizes, the source
    /// files with their SHA-256 and the instance's description (how it was made, its
    /// generator seed), the build, and, solved as for --solution, the status, objective
    /// and how it was found.
    #[arg(long)]
    metadata: Option<PathBuf>,
    /// The relative MIP gap the solve of --solution or --metadata stops at (0: a proven
    /// optimum).
    #[arg(long, default_value_t = 0.0)]
    mip_gap: f64,
    /// A time limit for that solve, seconds (its best answer is written, its status says
    /// the limit).
    #[arg(long)]
    time_limit: Option<f64>,
    #[command(flatten)]
    case: CaseArgs,
}

/// The solve behind `--solution` and `--metadata`.
#[derive(Serialize)]
struct Solved {
    status: String,
    /// The objective in the file's sense (`min`: the net benefit negated).
    objective: Option<f64>,
    net_benefit: Option<f64>,
    mip_gap: Option<f64>,
    /// Whether the answer passed stockland's independent check.
    checked: bool,
    solver: String,
    solve_s: f64,
}

/// What an exported file is.
#[derive(Serialize)]
struct Metadata {
    name: String,
    file: PathBuf,
    format: &'static str,
    /// `max` (the net benefit) or `min` (its negation).
    sense: &'static str,
    whole_unit: bool,
    columns: usize,
    rows: usize,
    nonzeros: usize,
    integers: usize,
    /// The instance's own description: how it was made (for a generated one, its seed).
    instance_description: Option<String>,
    inputs: Vec<super::load::Input>,
    solution_file: Option<PathBuf>,
    solved: Option<Solved>,
    build: stockland::version::Build,
}

pub fn run(a: Args) -> Result<u8> {
    let l = a.case.load()?;
    let out = OutputPlan {
        dir: None,
        files: std::iter::once(a.out.clone())
            .chain(a.solution.clone())
            .chain(a.metadata.clone())
            .collect(),
    };
    out.check(&l.inputs)?;
    let (inst, mut model) = (l.instance, l.model);
    if a.whole_unit {
        model.whole_unit.enabled = true;
    }
    let prepared = Prepared::prepare(&inst, &model, &l.model_name)?;
    let p = &prepared.programme;
    let format = match a.format {
        FormatArg::Mps => Format::Mps,
        FormatArg::Lp => Format::Lp,
    };
    let sense = match a.sense {
        SenseArg::Max => Sense::Max,
        SenseArg::Min => Sense::Min,
    };
    let name = format!("{}.{}", inst.name, model.name);
    let text = export_as(&inst, p, format, sense, &name);
    let mut files = vec![text.into_bytes()];
    let solved = if a.solution.is_some() || a.metadata.is_some() {
        let options = SolveOptions {
            method: Method::Simplex,
            mip_rel_gap: Some(a.mip_gap),
            time_limit_s: a.time_limit,
            sensitivity: false,
            ..Default::default()
        };
        options.validate()?;
        let outcome = stockland::solve::solve(p, &options)?;
        let values = outcome
            .status
            .has_solution()
            .then(|| outcome.col_values.clone());
        let infeasible = outcome.status.is_infeasible();
        let (status, objective, gap, seconds) = (
            outcome.status.to_string(),
            outcome.objective,
            outcome.mip_gap,
            outcome.solve_seconds,
        );
        // an answer that fails the independent check is an error, never a solution file
        let checked = prepared.finish(outcome)?.is_some();
        if a.solution.is_some() {
            anyhow::ensure!(
                values.is_some() || infeasible,
                "--solution: the solve ended {status} without an answer: nothing to write"
            );
            files.push(solution_file(&inst, p, format, sense, values.as_deref()).into_bytes());
        }
        let flip = |v: f64| match sense {
            Sense::Max => v,
            Sense::Min => -v,
        };
        let build = stockland::version::build();
        Some(Solved {
            status,
            objective: objective.map(flip),
            net_benefit: objective,
            mip_gap: gap,
            checked,
            solver: format!(
                "HiGHS {} (highs-sys {}), dual simplex, presolve on, 1 thread, random seed 0{}",
                build.highs_version,
                build.highs_sys,
                if p.col_integer().iter().any(|&i| i) {
                    format!(", relative MIP gap {}", a.mip_gap)
                } else {
                    String::new()
                }
            ),
            solve_s: seconds,
        })
    } else {
        None
    };
    if a.metadata.is_some() {
        let m = Metadata {
            name: name.clone(),
            file: a.out.clone(),
            format: match format {
                Format::Mps => "mps",
                Format::Lp => "lp",
            },
            sense: match sense {
                Sense::Max => "max",
                Sense::Min => "min",
            },
            whole_unit: model.whole_unit.enabled,
            columns: p.num_cols(),
            rows: p.num_rows(),
            nonzeros: p.num_nonzeros(),
            integers: p.col_integer().iter().filter(|&&i| i).count(),
            instance_description: Some(inst.metadata.description.clone()).filter(|d| !d.is_empty()),
            inputs: l.inputs.iter().map(|f| super::load::Input::of(f)).collect(),
            solution_file: a.solution.clone(),
            solved,
            build: stockland::version::build(),
        };
        files.push(serde_json::to_string_pretty(&m)?.into_bytes());
    }
    out.commit(&[], &files)?;
    println!(
        "wrote {} ({} columns, {} rows, {} non-zeros)",
        a.out.display(),
        p.num_cols(),
        p.num_rows(),
        p.num_nonzeros()
    );
    Ok(0)
}
