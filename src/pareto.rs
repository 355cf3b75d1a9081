//! The trade-off between net benefit and a second criterion ([`Criterion`]): the
//! epsilon-constraint front.
//!
//! One HiGHS instance holds the programme plus two rows, the criterion's linear form and the
//! objective as a row. The ends of the front are the optimum (net benefit first) and the
//! best criterion (the criterion first, then the best net benefit at that level). Between
//! them, each point bounds the criterion at ε (at least ε when more is better, at most when
//! less is) and maximises net benefit; then, holding that net benefit, it improves the
//! criterion as far as it goes (the lexicographic second stage), so no point is weakly
//! dominated. Every re-solve starts from the previous basis. Each point's allocation is
//! checked independently, and its criterion measured from the allocation must equal the
//! programme's value.

use crate::check::{check, criterion::measure, CheckReport};
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::policy::{Criterion, PolicyModel, Sense};
use crate::programme::{criterion::terms, decode, Programme};
use crate::solution::{Allocation, Outcome, Status};
use crate::solve::{Backend, Session, SolveOptions};

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

/// Tolerance for holding an amount reached by a previous solve.
fn hold(v: f64) -> f64 {
    1e-7 * v.abs().max(1.0)
}

/// The front of `points` points (at least 2: the two ends) between net benefit and
/// `criterion`.
pub fn front(
    inst: &Instance,
    model: &PolicyModel,
    model_file: &str,
    options: &SolveOptions,
    criterion: Criterion,
    points: usize,
) -> Result<Vec<Point>> {
    if options.backend != Backend::Highs {
        return Err(Error::Options(
            "--backend: a Pareto front re-solves one HiGHS instance: expected highs".into(),
        ));
    }
    if points < 2 {
        return Err(Error::Options(format!(
            "--points: expected at least 2 (the two ends of the front), found {points}"
        )));
    }
    let p = crate::engine::programme(inst, model, model_file)?;
    let mut s = Session::open(&p, options)?;
    let base = s.run()?;
    if base.status != Status::Optimal {
        return Err(Error::Unsolved(format!(
            "the model has no optimum to start the front from ({})",
            base.status
        )));
    }
    s.warm_simplex()?;
    let (t, offset) = terms(inst, &p, criterion);
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
    let benefit: Vec<(usize, f64)> = p
        .col_cost
        .iter()
        .enumerate()
        .filter(|(_, c)| **c != 0.0)
        .map(|(j, c)| (j, *c))
        .collect();
    let inf = f64::INFINITY;
    let crow = s.add_row(-inf, inf, &t)?;
    let brow = s.add_row(-inf, inf, &benefit)?;
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
    s.set_costs(&p.col_cost)?;
    let mut out = Vec::with_capacity(points);
    for i in 0..points {
        let eps = a0 + (a1 - a0) * i as f64 / (points - 1) as f64;
        // the ends are held at the level reached, the interior at ε
        let bound = if i == 0 || i + 1 == points {
            eps - sign * hold(eps)
        } else {
            eps
        };
        let (lo, up) = match criterion.sense() {
            Sense::More => (bound - offset, inf),
            Sense::Less => (-inf, bound - offset),
        };
        s.set_row_bounds(crow, lo, up)?;
        let (st, z) = s.rerun()?;
        let point = match (st.clone(), z) {
            (Status::Optimal, Some(z)) => {
                s.set_row_bounds(brow, z - hold(z), inf)?;
                s.set_costs(&crit_costs)?;
                let second = s.run()?;
                s.set_costs(&p.col_cost)?;
                s.set_row_bounds(brow, -inf, inf)?;
                finish(
                    inst,
                    model,
                    &p,
                    second,
                    criterion,
                    (i > 0 && i + 1 < points).then_some(eps),
                )
            }
            _ => Point {
                epsilon: Some(eps),
                status: st,
                objective: None,
                criterion: None,
                allocation: None,
                check: None,
            },
        };
        out.push(point);
    }
    Ok(out)
}

/// Decode, check and measure one point's solve (its objective is the criterion's; the net
/// benefit is recomputed from the columns).
fn finish(
    inst: &Instance,
    model: &PolicyModel,
    p: &Programme,
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
    let z = p.objective(&outcome.col_values);
    outcome.objective = Some(z);
    outcome.row_duals = None;
    outcome.col_duals = None;
    let programme_value =
        crate::programme::criterion::value(inst, p, criterion, &outcome.col_values);
    let sol = decode(inst, p, outcome, 0.0);
    let mut report = check(inst, model, &sol.allocation, Some(z));
    let measured = measure(inst, &sol.allocation, criterion);
    if (measured - programme_value).abs() > 1e-6 * measured.abs().max(1.0) {
        report.failures.push(format!(
            "{criterion}: measured {measured} km² from the allocation, the programme's form gives {programme_value}"
        ));
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
