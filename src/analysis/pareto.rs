//! The trade-off between net benefit and a second criterion ([`Criterion`]): the
//! epsilon-constraint front.
//!
//! One HiGHS instance holds the programme plus two rows, the criterion's linear form and the
//! objective as a row. The ends of the front are the optimum (net benefit first) and the
//! best criterion (the criterion first, then the best net benefit at that level). Between
//! them, each point bounds the criterion at ε (at least ε when more is better, at most when
//! less is) and maximises net benefit plus ρ times the criterion (the augmented
//! epsilon-constraint method): the small ρ makes every point efficient — no point is weakly
//! dominated — at a cost in net benefit of at most ρ times the criterion's range, which ρ
//! holds to 1e-6 of the optimum. (A lexicographic second stage, holding net benefit and
//! improving the criterion, gives the same points but needs the objective as a dense row:
//! measured on the built-in case, it took 20–34 s a point against 1–13 s for the whole augmented
//! solve.) Every re-solve starts from the previous basis. Each point's allocation is
//! checked independently, its net benefit recomputed by the check, and its criterion
//! measured from the allocation must equal the programme's value.

use crate::check::{criterion::measure, CheckReport};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::policy::{Criterion, PolicyModel, Sense};
use crate::programme::criterion::terms;
use crate::run::Prepared;
use crate::solution::{Allocation, Outcome, Status};
use crate::solve::SolveOptions;

/// One point of the front.
#[derive(Debug, Clone)]
pub struct Point {
    /// The bound on the criterion (`None` for the two ends).
    pub epsilon: Option<f64>,
    pub status: Status,
    /// Net benefit recomputed by the check, million yuan.
    pub objective: Option<f64>,
    /// The criterion measured from the allocation, km².
    pub criterion: Option<f64>,
    pub allocation: Option<Allocation>,
    pub check: Option<CheckReport>,
}

/// The front of `points` points (at least 2: the two ends) between net benefit and
/// `criterion`; with `past`, of the re-plan from it (the years before fixed by what
/// happened).
pub fn front(
    inst: &Instance,
    model: &PolicyModel,
    model_file: &str,
    past: Option<&crate::plan::Past>,
    options: &SolveOptions,
    criterion: Criterion,
    points: usize,
) -> Result<Vec<Point>> {
    options.refuse_unless_whole_highs("a Pareto front")?;
    if points < 2 {
        return Err(Error::Options(format!(
            "--points: expected at least 2 (the two ends of the front), found {points}"
        )));
    }
    let prepared = Prepared::prepare_replan(inst, model, model_file, &[], past)?;
    let p = &prepared.programme;
    let mut s = prepared.session(options)?;
    let base = s.run()?;
    if base.status != Status::Optimal {
        return Err(Error::Unsolved(format!(
            "the model has no optimum to start the front from ({})",
            base.status
        )));
    }
    s.warm_simplex()?;
    let (t, offset) = terms(inst, p, criterion);
    let sign = match criterion.sense() {
        Sense::More => 1.0,
        Sense::Less => -1.0,
    };
    let crit_costs = {
        let mut c = vec![0.0; p.num_cols()];
        for &(j, a) in &t {
            c[j] = sign * a;
        }
        c
    };
    let inf = f64::INFINITY;
    let crow = s.add_row(-inf, inf, &t)?;
    let at = |x: &[f64]| offset + t.iter().map(|&(j, a)| a * x[j]).sum::<f64>();
    let a0 = at(&base.col_values);
    // the other end: the criterion first
    s.set_costs(&crit_costs)?;
    let best = s.run()?;
    if best.status != Status::Optimal {
        return Err(Error::Unsolved(format!(
            "optimising {criterion} alone ended {}",
            best.status
        )));
    }
    let a1 = at(&best.col_values);
    // ρ: the criterion's whole range is worth at most 1e-6 of the optimum
    let z0 = base.objective.unwrap_or(0.0);
    let rho = 1e-6 * z0.abs().max(1.0) / (a1 - a0).abs().max(1.0);
    let augmented: Vec<f64> = p
        .col_cost
        .iter()
        .zip(&crit_costs)
        .map(|(c, k)| c + rho * k)
        .collect();
    s.set_costs(&augmented)?;
    let mut out = Vec::with_capacity(points);
    for i in 0..points {
        let eps = a0 + (a1 - a0) * i as f64 / (points - 1) as f64;
        // the ends at the level reached (the primal feasibility tolerance absorbs rounding)
        let bound = eps;
        let (lo, up) = match criterion.sense() {
            Sense::More => (bound - offset, inf),
            Sense::Less => (-inf, bound - offset),
        };
        s.set_row_bounds(crow, lo, up)?;
        let run = s.run()?;
        let point = finish(
            &prepared,
            run,
            criterion,
            (i > 0 && i + 1 < points).then_some(eps),
        );
        out.push(point);
    }
    Ok(out)
}

/// Decode, check and measure one point's solve (its objective is the criterion's; the net
/// benefit is recomputed from the columns).
fn finish(
    prepared: &Prepared<'_>,
    mut outcome: Outcome,
    criterion: Criterion,
    epsilon: Option<f64>,
) -> Point {
    let status = outcome.status.clone();
    if !status.has_solution() {
        return Point {
            epsilon,
            status,
            objective: None,
            criterion: None,
            allocation: None,
            check: None,
        };
    }
    let (inst, p) = (prepared.instance, &prepared.programme);
    outcome.objective = Some(p.objective(&outcome.col_values));
    outcome.row_duals = None;
    outcome.col_duals = None;
    let programme_value =
        crate::programme::criterion::value(inst, p, criterion, &outcome.col_values);
    let sol = prepared.decode(outcome);
    let mut report = prepared.check(&sol);
    let measured = measure(inst, &sol.allocation, criterion);
    if (measured - programme_value).abs() > 1e-6 * measured.abs().max(1.0) {
        report.failures.push(crate::check::Failure::general(format!(
            "{criterion}: measured {measured} km² from the allocation, the programme's form gives {programme_value}"
        )));
    }
    Point {
        epsilon,
        status,
        objective: Some(report.objective.total),
        criterion: Some(measured),
        allocation: Some(sol.allocation),
        check: Some(report),
    }
}
