//! `stockland export`: the programme as free MPS or CPLEX LP, for other solvers.

use super::args::CaseArgs;
use anyhow::Result;
use clap::ValueEnum;
use std::path::PathBuf;
use stockland::files::OutputPlan;
use stockland::programme::export::{export_as, Format, Sense};
use stockland::run::Prepared;

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
    let sense = match a.sense {
        SenseArg::Max => Sense::Max,
        SenseArg::Min => Sense::Min,
    };
    let text = export_as(
        &inst,
        p,
        format,
        sense,
        &format!("{}.{}", inst.name, model.name),
    );
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
