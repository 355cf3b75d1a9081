//! The benchmark's performance profiles written out: CSV (`method,tau,log2_tau,share,
//! stopping_rule`) and an SVG chart on a log₂ τ axis, as Dolan and Moré draw them.

use anyhow::Result;
use stockland::analysis::profile::{profiles, Timing};
use stockland::report::chart::{line_chart, stack, Chart, Series};

/// The profiles of `timings` as CSV and SVG; `rules` names, for each solver, the rules its
/// rows stopped by (a MIP at a gap, or at a proven optimum), so that solvers that stopped
/// under different rules are not compared unawares.
///
/// The profiles run over the cases every solver ran: a case some solver skipped (a MIP for
/// an LP-only backend, or for HiGHS's interior point, whose MIPs are the simplex's) is left
/// out, and the chart's title says how many were.
pub fn files(timings: &[Timing], rules: &[(String, String)]) -> Result<(Vec<u8>, Vec<u8>)> {
    let solvers: std::collections::HashSet<&str> =
        timings.iter().map(|t| t.solver.as_str()).collect();
    let ran_by_all = |problem: &str| {
        solvers.iter().all(|s| {
            timings
                .iter()
                .any(|t| t.problem == problem && t.solver == *s)
        })
    };
    let all_problems: std::collections::HashSet<&str> =
        timings.iter().map(|t| t.problem.as_str()).collect();
    let timings: Vec<Timing> = timings
        .iter()
        .filter(|t| ran_by_all(&t.problem))
        .cloned()
        .collect();
    let left_out = all_problems.len()
        - timings
            .iter()
            .map(|t| t.problem.as_str())
            .collect::<std::collections::HashSet<_>>()
            .len();
    let profiles = profiles(&timings);
    let rule = |solver: &str| {
        rules
            .iter()
            .find(|(s, _)| s == solver)
            .map_or(String::new(), |(_, r)| r.clone())
    };
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    w.write_record(["method", "tau", "log2_tau", "share", "stopping_rule"])?;
    for p in &profiles {
        for (tau, share) in &p.points {
            w.write_record([
                p.solver.clone(),
                tau.to_string(),
                tau.log2().to_string(),
                share.to_string(),
                rule(&p.solver),
            ])?;
        }
    }
    let log_max = profiles
        .iter()
        .flat_map(|p| p.points.iter().map(|x| x.0.log2()))
        .fold(1.0, f64::max)
        * 1.1;
    // steps drawn as a staircase on log₂ τ, extended to the largest τ
    let series = profiles
        .iter()
        .map(|p| {
            let mut pts = Vec::new();
            for (i, &(tau, share)) in p.points.iter().enumerate() {
                if i > 0 {
                    pts.push((tau.log2(), p.points[i - 1].1));
                }
                pts.push((tau.log2(), share));
            }
            if let Some(&(_, share)) = p.points.last() {
                pts.push((log_max, share));
            }
            let r = rule(&p.solver);
            Series {
                name: if r.is_empty() {
                    p.solver.clone()
                } else {
                    format!("{} (MIP: {r})", p.solver)
                },
                points: pts,
                line: true,
            }
        })
        .collect();
    let problems = timings
        .iter()
        .map(|t| t.problem.as_str())
        .collect::<std::collections::HashSet<_>>()
        .len();
    let svg = stack(&[line_chart(&Chart {
        title: if left_out == 0 {
            format!("Performance profiles over {problems} case(s)")
        } else {
            format!(
                "Performance profiles over {problems} case(s) ({left_out} left out: not run by every solver)"
            )
        },
        x_label: "log₂ τ: within 2^x of the fastest method's time".into(),
        y_label: "share of cases solved (proven infeasible counts)".into(),
        series,
    })]);
    Ok((w.into_inner()?, svg.into_bytes()))
}
