//! `stockland prices`: the full price of each rule next to its marginal price.

use super::args::{CaseArgs, MethodArg, ReplanArgs, SolverArgs};
use anyhow::Result;
use std::fmt::Write as _;
use std::path::PathBuf;
use stockland::analysis::prices::{groups, mark_penalties, price};
use stockland::files::OutputPlan;
use stockland::policy::RuleId;
use stockland::programme::row_label;
use stockland::run::Prepared;

#[derive(clap::Args)]
pub struct Args {
    /// Only these rule families (ids), and their rows.
    #[arg(long, num_args = 1..)]
    rules: Vec<String>,
    /// Also relax every row of each group by this many km² (its bounds moved outward).
    #[arg(long)]
    relax: Option<f64>,
    /// Parallel workers, each with its own HiGHS instance (default: the machine's cores).
    #[arg(long)]
    workers: Option<usize>,
    /// Re-solve every group from scratch instead of from the base basis.
    #[arg(long)]
    cold: bool,
    /// Write prices.csv into this directory.
    #[arg(long)]
    out: Option<PathBuf>,
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
    let mut options = a.solver.options(a.method)?;
    options.sensitivity = false;
    let mut l = a.case.load()?;
    let out = OutputPlan {
        dir: a.out.clone(),
        files: vec![],
    };
    let past = a.replan.past(&mut l)?;
    out.check(&l.inputs)?;
    if let Some(r) = a.relax {
        anyhow::ensure!(
            r.is_finite() && r > 0.0,
            "--relax: expected km² > 0, found {r}"
        );
    }
    let only: Vec<RuleId> = a
        .rules
        .iter()
        .map(|id| {
            RuleId::ALL
                .into_iter()
                .find(|r| r.as_str() == id)
                .ok_or_else(|| anyhow::anyhow!("--rules: unknown rule `{id}`"))
        })
        .collect::<Result<_>>()?;
    let (inst, mut model) = (l.instance, l.model);
    let lp_note = if model.whole_unit.enabled {
        model.whole_unit.enabled = false;
        " (whole-unit mode off: prices of the LP)"
    } else {
        ""
    };
    let prepared = Prepared::prepare_replan(&inst, &model, &l.model_name, &[], past.as_ref())?;
    let p = &prepared.programme;
    let labels: Vec<String> = p.rows().iter().map(|r| row_label(&inst, r)).collect();
    let gs = groups(p, &labels, &only);
    let workers = a
        .workers
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let t0 = std::time::Instant::now();
    let mut prices = price(p, &options, &gs, a.relax, workers, a.cold)?;
    let seconds = t0.elapsed().as_secs_f64();
    // the marginal prices from one solve with sensitivity, for the table
    let base = prepared.solve(&a.solver.options(a.method)?)?;
    let marginal: Vec<String> = base
        .solution
        .rows
        .iter()
        .map(stockland::report::price_cell)
        .collect();
    if let Some(c) = &base.check {
        mark_penalties(&mut prices, &gs, p, c);
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "stockland prices: instance `{}` under model `{}`{lp_note}",
        inst.name, model.name
    );
    if let Some(p) = stockland::report::provenance::Provenance::of(&inst.metadata) {
        let _ = writeln!(s, "{}", p.statement(stockland::report::labels::Lang::En));
    }
    if let Some(p) = &past {
        let _ = writeln!(
            s,
            "re-planned from {}: the years before it fixed by {} observation(s) of what happened (their rows stay fixed; the prices are of the rules from {} on)",
            p.from,
            p.fixed.len() + p.rebased.len(),
            p.from
        );
    }
    if let Some(w) = base.check.as_ref().and_then(|c| {
        stockland::report::labels::penalty_warning(
            &c.objective,
            stockland::report::labels::Lang::En,
        )
    }) {
        let _ = writeln!(s, "{w}");
    }
    let _ = writeln!(s, "{} rule groups re-solved {} in {seconds:.2} s by {workers} worker(s); base optimum {:.2} million yuan", prices.len(), if a.cold { "from scratch" } else { "warm from the base basis" }, prices.first().map_or(f64::NAN, |x| x.base));
    let _ = writeln!(s, "full price = optimum with the rule dropped − base: what keeping it costs (million yuan); marginal = its price per km² at the optimum (up|down where degenerate)");
    let relax_head = a.relax.map_or(String::new(), |r| {
        format!(" {:>16}", format!("relaxed {r} km²"))
    });
    let _ = writeln!(
        s,
        "  {:<40} {:>5} {:>16} {:>14}{relax_head} {:>18}",
        "rule", "rows", "dropped optimum", "full price", "marginal"
    );
    for x in &prices {
        let num = |v: Option<f64>| v.map_or(x.status.clone(), |v| format!("{v:.2}"));
        let relax = a
            .relax
            .map_or(String::new(), |_| format!(" {:>16}", num(x.relaxed_gain)));
        let m = x.row.map_or("(all rows)".into(), |r| marginal[r].clone());
        let mark = if x.made_by_penalty { " *" } else { "" };
        let _ = writeln!(
            s,
            "  {:<40} {:>5} {:>16} {:>14}{relax} {:>18}{mark}",
            x.group,
            x.rows,
            num(x.dropped),
            num(x.full_price),
            m
        );
    }
    if prices.iter().any(|x| x.made_by_penalty) {
        let _ = writeln!(s, "  * made by a penalty: a soft row of the rule is violated at the optimum, so its price is the penalty the model sets and its full price mostly the penalty saved, not what the rule costs");
    }
    print!("{s}");
    if a.out.is_some() {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        for x in &prices {
            w.serialize(x)?;
        }
        out.commit(&[("prices.csv".into(), w.into_inner()?)], &[])?;
    }
    Ok(0)
}
