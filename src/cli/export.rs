//! `stockland export`: the programme as free MPS or CPLEX LP, for other solvers.

use super::args::CaseArgs;
use anyhow::Result;
use clap::ValueEnum;
use std::path::PathBuf;
use stockland::files::OutputPlan;
use stockland::programme::export::{export, Format};
use stockland::run::Prepared;

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Mps,
    Lp,
}

#[derive(clap::Args)]
pub struct Args {
    /// File format: free MPS (long names) or CPLEX LP.
    #[arg(long, value_enum, default_value = "mps")]
    format: FormatArg,
    /// The file to write.
    #[arg(long)]
    out: PathBuf,
    /// Whole-unit mode (overrides the model): the binaries are marked integer.
    #[arg(long)]
    whole_unit: bool,
    #[command(flatten)]
    case: CaseArgs,
}

pub fn run(a: Args) -> Result<u8> {
    let l = a.case.load()?;
    let out = OutputPlan {
        dir: None,
        files: vec![a.out.clone()],
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
    let text = export(&inst, p, format);
    out.commit(&[], &[text.into_bytes()])?;
    println!(
        "wrote {} ({} columns, {} rows, {} non-zeros)",
        a.out.display(),
        p.num_cols(),
        p.num_rows(),
        p.num_nonzeros()
    );
    Ok(0)
}
