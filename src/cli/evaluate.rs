//! `stockland evaluate` and `stockland compare`.

use super::args::{CaseArgs, MethodArg, SolverArgs};
use super::load::{actuals, locks};
use anyhow::Result;
use std::path::PathBuf;
use stockland::analysis::evaluate::{evaluate, Evaluation};
use stockland::files::{self, OutputPlan};
use stockland::report::evaluation as rep;

#[derive(clap::Args)]
pub struct Args {
    /// Plan directory: units.csv, sites.csv, projects.csv, flows.csv (as stockland's --out
    /// writes them), or aggregates.csv (level,id,use,km2[,source]). Optional with
    /// --actuals: then a single path that is an instance (a manifest file, or a directory
    /// holding instance.toml) is read as the instance.
    #[arg(required_unless_present = "actuals")]
    plan: Option<PathBuf>,
    /// What actually happened (CSV: year,scope,account,value,unit[,source]), set against
    /// the optimum path year by year (a model with [years]); written as actuals.csv with
    /// --out.
    #[arg(long)]
    actuals: Option<PathBuf>,
    /// Keep the plan's listed decisions and let the optimiser choose the rest.
    #[arg(long)]
    complete: bool,
    /// Do not solve for the optimum (no gap).
    #[arg(long)]
    no_optimum: bool,
    /// Decisions locked for the optimum (and the completion), as for `solve`.
    #[arg(long)]
    lock: Option<PathBuf>,
    /// Write evaluation.json and the gap tables into this directory.
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "auto")]
    method: MethodArg,
    #[command(flatten)]
    solver: SolverArgs,
    #[command(flatten)]
    case: CaseArgs,
}

pub fn run(mut a: Args) -> Result<u8> {
    let is_instance = |p: &PathBuf| p.is_file() || p.join("instance.toml").is_file();
    if a.actuals.is_some() && a.case.instance.is_none() && a.plan.as_ref().is_some_and(is_instance)
    {
        a.case.instance = a.plan.take();
    }
    let options = a.solver.options(a.method)?;
    let mut l = a.case.load()?;
    let locks = locks(a.lock.as_ref(), &l.instance, &l.policy, &mut l.inputs)?;
    let observed = actuals(a.actuals.as_ref(), &l.instance, &l.policy, &mut l.inputs)?;
    let texts = match &a.plan {
        Some(p) => {
            let t = files::read_plan(p, &l.policy)?;
            l.inputs.push(p.clone());
            Some(t)
        }
        None => None,
    };
    let out = OutputPlan {
        dir: a.out.clone(),
        files: vec![],
    };
    out.check(&l.inputs)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut code = 0;
    if let Some(obs) = &observed {
        anyhow::ensure!(
            l.model.phased_years().is_some(),
            "--actuals: observations are set against the plan year by year: the model needs [years] first = …, last = …"
        );
        let run =
            stockland::run::run_locked(&l.instance, &l.model, &l.model_name, &options, &locks)?;
        let Some(_) = &run.check else {
            anyhow::bail!(
                "--actuals: the model has no optimum to set the observations against (status {})",
                run.solution.status
            );
        };
        let (lines, left) =
            stockland::check::past::against(&l.instance, &l.model, &run.solution.allocation, obs);
        print!(
            "{}",
            stockland::report::years::actuals_text(&lines, &left, "the optimum path")
        );
        let csv = stockland::report::years::actuals_csv(&lines).map_err(anyhow::Error::msg)?;
        files.push(("actuals.csv".into(), csv.into_bytes()));
    }
    if let (Some(texts), Some(dir)) = (&texts, &a.plan) {
        let plan = stockland::plan::read(&l.instance, texts)?;
        let ev = evaluate(
            &l.instance,
            &l.model,
            &l.model_name,
            &plan,
            a.complete,
            !a.no_optimum,
            &options,
            &locks,
        )?;
        let name = dir.display().to_string();
        print!(
            "{}",
            rep::evaluation_text(&l.instance, &l.model, &name, &ev)
        );
        files.extend(
            rep::evaluation_files(&l.instance, &name, &ev)
                .map_err(anyhow::Error::msg)?
                .into_iter()
                .map(|(n, t)| (n, t.into_bytes())),
        );
        if !ev.check.passed() || ev.no_plan() {
            code = 1;
        }
    }
    if a.out.is_some() {
        out.commit(&files, &[])?;
    }
    Ok(code)
}

#[derive(clap::Args)]
pub struct CompareArgs {
    /// The first plan or solution directory.
    a: PathBuf,
    /// The second.
    b: PathBuf,
    /// Write the comparison's CSV tables into this directory.
    #[arg(long)]
    out: Option<PathBuf>,
    #[command(flatten)]
    case: CaseArgs,
}

fn as_stated(
    l: &super::load::Loaded,
    dir: &std::path::Path,
    policy: &files::ReadPolicy,
) -> Result<Evaluation> {
    let texts = files::read_plan(dir, policy)?;
    let plan = stockland::plan::read(&l.instance, &texts)?;
    anyhow::ensure!(
        !plan.is_aggregate(),
        "{}: compare reads unit-level plans (an aggregate plan is realised by `evaluate`)",
        dir.display()
    );
    Ok(evaluate(
        &l.instance,
        &l.model,
        &l.model_name,
        &plan,
        false,
        false,
        &Default::default(),
        &[],
    )?)
}

pub fn compare(a: CompareArgs) -> Result<u8> {
    let mut l = a.case.load()?;
    l.inputs.extend([a.a.clone(), a.b.clone()]);
    let out = OutputPlan {
        dir: a.out.clone(),
        files: vec![],
    };
    out.check(&l.inputs)?;
    let (ea, eb) = (
        as_stated(&l, &a.a, &l.policy)?,
        as_stated(&l, &a.b, &l.policy)?,
    );
    let (na, nb) = (a.a.display().to_string(), a.b.display().to_string());
    print!("{}", rep::comparison_text(&l.instance, &na, &nb, &ea, &eb));
    if a.out.is_some() {
        let files: Vec<(String, Vec<u8>)> = rep::comparison_files(&l.instance, &ea, &eb)
            .map_err(anyhow::Error::msg)?
            .into_iter()
            .map(|(n, t)| (n, t.into_bytes()))
            .collect();
        out.commit(&files, &[])?;
    }
    Ok(0)
}
