//! `stockland benchmark`: the Beijing family scaled, built, solved and checked, timed apart.

use super::args::{MethodArg, SolverArgs};
use anyhow::Result;
use stockland::cases::beijing::{self, generate};
use stockland::engine;

#[derive(clap::Args)]
pub struct Args {
    /// Unit scales to run, e.g. 1 10 100.
    #[arg(long, num_args = 1.., default_values_t = vec![1.0])]
    unit_scale: Vec<f64>,
    /// HiGHS algorithms to run.
    #[arg(long, value_enum, num_args = 1.., default_values_t = vec![MethodArg::Auto])]
    method: Vec<MethodArg>,
    /// Solver flags; with --whole-unit, each scale is also solved in whole-unit mode (MIP,
    /// 1% gap unless --mip-gap).
    #[command(flatten)]
    solver: SolverArgs,
    /// Also time `prices` over every rule group, warm from the base basis and from scratch,
    /// on two workers.
    #[arg(long)]
    prices: bool,
}

pub fn run(a: Args) -> Result<u8> {
    let lp = beijing::model()?;
    let mut modes = vec![("lp", lp.clone(), None)];
    if a.solver.whole_unit {
        let mut whole = lp;
        whole.whole_unit.enabled = true;
        modes.push(("whole", whole, Some(a.solver.mip_gap.unwrap_or(0.01))));
    }
    println!(
        "{:>8} {:>9} {:>6} {:>9} {:>10} {:>8} {:>9} {:>9} {:>9} {:>9}  status, objective, gap",
        "scale",
        "units",
        "mode",
        "columns",
        "nonzeros",
        "method",
        "gen s",
        "build s",
        "solve s",
        "check s"
    );
    let mut worst = 0;
    for &scale in &a.unit_scale {
        let t0 = std::time::Instant::now();
        let g =
            generate::beijing_scaled(generate::DEFAULT_SEED, scale).map_err(anyhow::Error::msg)?;
        let inst = beijing::generated_instance(&g)?;
        let gen_s = t0.elapsed().as_secs_f64();
        for (mode, model, gap) in &modes {
            for &m in &a.method {
                let mut options = a.solver.options(m)?;
                options.mip_rel_gap = *gap;
                let r = engine::run(&inst, model, beijing::MODEL_FILE, &options)?;
                println!(
                    "{:>8} {:>9} {:>6} {:>9} {:>10} {:>8} {:>9.3} {:>9.3} {:>9.3} {:>9.3}  {}, {}, {}",
                    scale,
                    inst.units.len(),
                    mode,
                    r.size.columns,
                    r.size.nonzeros,
                    r.solution.method.map_or("—", |m| m.as_str()),
                    gen_s,
                    r.solution.build_seconds,
                    r.solution.solve_seconds,
                    r.check_seconds,
                    r.solution.status,
                    r.solution.objective.map_or("—".into(), |o| format!("{o:.2}")),
                    r.solution.mip_gap.map_or("—".into(), |g| format!("{:.3}%", 100.0 * g))
                );
                if r.check.is_none() {
                    worst = 1;
                }
            }
        }
    }
    if a.prices {
        prices(&a)?;
    }
    Ok(worst)
}

fn prices(a: &Args) -> Result<()> {
    println!(
        "\n{:>8} {:>8} {:>10} {:>10} {:>8}  same optima",
        "scale", "groups", "warm s", "cold s", "speed-up"
    );
    for &scale in &a.unit_scale {
        let g =
            generate::beijing_scaled(generate::DEFAULT_SEED, scale).map_err(anyhow::Error::msg)?;
        let inst = beijing::generated_instance(&g)?;
        let model = beijing::model()?;
        let p = stockland::programme::build(&inst, &model);
        let labels: Vec<String> = p
            .rows
            .iter()
            .map(|r| stockland::programme::row_label(&inst, r))
            .collect();
        let groups = stockland::prices::groups(&p, &labels, &[]);
        let mut o = a.solver.options(MethodArg::Simplex)?;
        o.sensitivity = false;
        let t = std::time::Instant::now();
        let warm = stockland::prices::price(&p, &o, &groups, None, 2, false)?;
        let warm_s = t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        let cold = stockland::prices::price(&p, &o, &groups, None, 2, true)?;
        let cold_s = t.elapsed().as_secs_f64();
        let same = warm
            .iter()
            .zip(&cold)
            .all(|(w, c)| match (w.dropped, c.dropped) {
                (Some(x), Some(y)) => (x - y).abs() <= 1e-6 * x.abs().max(1.0),
                (x, y) => x.is_some() == y.is_some(),
            });
        println!(
            "{:>8} {:>8} {:>10.2} {:>10.2} {:>7.1}×  {same}",
            scale,
            groups.len(),
            warm_s,
            cold_s,
            cold_s / warm_s
        );
    }
    Ok(())
}
