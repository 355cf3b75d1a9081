//! `stockland solve`.

use super::args::{MethodArg, SolverArgs};
use anyhow::Result;
use std::path::PathBuf;
use stockland::cases::beijing;
use stockland::{engine, files, report};

#[derive(clap::Args)]
pub struct Args {
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
    #[command(flatten)]
    solver: SolverArgs,
    /// Write the linkage flows (project areas) as a Graphviz DOT graph.
    #[arg(long)]
    dot: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<u8> {
    let options = a.solver.options(a.method)?;
    let (inst, model_name, mut model) = match (&a.instance, &a.model) {
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
    if a.solver.whole_unit {
        model.whole_unit.enabled = true;
    }
    let run = engine::run(&inst, &model, &model_name, &options)?;
    if let Some(path) = &a.dot {
        files::write_atomic(path, report::dot(&inst, &run).as_bytes())?;
    }
    print!("{}", report::summary(&inst, &model, &run));
    if let Some(dir) = a.out {
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
