//! Plans nearly as good as the optimum and as different from it as possible: modelling to
//! generate alternatives (the Hop-Skip-Jump method).
//!
//! One HiGHS instance holds the programme plus one row, the objective held within `within`
//! (a share) of the optimum. Each alternative minimises the weighted area of the decisions
//! the plans before it used: a decision (unit or site use, consolidation project) weighs the
//! number of earlier plans that allocated any of it, so each new plan leaves what the
//! others chose as far as the gap allows. In whole-unit mode each plan found also adds a
//! no-good cut on the whole-unit binaries, so no pattern of units comes twice. Every plan is
//! checked independently; a plan no different from an earlier one ends the search.

use crate::check::CheckReport;
use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::policy::PolicyModel;
use crate::programme::{ColumnKey, Programme};
use crate::run::{Checked, Prepared};
use crate::solution::{Allocation, Status};
use crate::solve::{Backend, Session, SolveOptions};

/// Below this, km² are treated as zero.
pub const ZERO_KM2: f64 = 1e-6;

/// One plan: the optimum (index 0) or an alternative.
#[derive(Debug, Clone)]
pub struct Plan {
    pub status: Status,
    /// Net benefit recomputed by the check, million yuan.
    pub objective: f64,
    /// (optimum − objective) / |optimum|: how much of the optimum this plan gives up.
    pub below_optimum: f64,
    pub allocation: Allocation,
    pub check: CheckReport,
}

/// The plans found and why the search ended.
#[derive(Debug, Clone)]
pub struct Alternatives {
    pub plans: Vec<Plan>,
    /// `distance[a][b]`: km² allocated differently between plans a and b (half the sum of
    /// absolute differences over every unit use, site use and project).
    pub distance: Vec<Vec<f64>>,
    /// Why fewer plans than asked were found, if so.
    pub stopped: Option<String>,
}

/// Whether column `key` is a land decision (the columns whose pattern makes a plan).
fn is_decision(key: &ColumnKey) -> bool {
    matches!(
        key,
        ColumnKey::Alloc { .. } | ColumnKey::Build { .. } | ColumnKey::Consolidate { .. }
    )
}

/// km² allocated differently between two allocations.
pub fn distance(a: &Allocation, b: &Allocation) -> f64 {
    let rows =
        |x: &crate::instance::uses::PerUse<f64>, y: &crate::instance::uses::PerUse<f64>| -> f64 {
            x.iter()
                .zip(y)
                .map(|(p, q)| p.iter().zip(q).map(|(u, v)| (u - v).abs()).sum::<f64>())
                .sum()
        };
    let projects: f64 = a
        .projects
        .iter()
        .zip(&b.projects)
        .map(|(u, v)| (u - v).abs())
        .sum();
    0.5 * (rows(&a.units, &b.units) + rows(&a.sites, &b.sites) + projects)
}

/// The optimum and up to `count` alternatives within `within` (a share, e.g. 0.02) of it.
pub fn alternatives(
    inst: &Instance,
    model: &PolicyModel,
    model_file: &str,
    options: &SolveOptions,
    within: f64,
    count: usize,
) -> Result<Alternatives> {
    options.refuse_unless_whole_highs("finding alternatives")?;
    if !(within.is_finite() && within > 0.0 && within < 1.0) {
        return Err(Error::Options(format!(
            "--within: expected a share of the optimum in (0, 1) (2% is 0.02), found {within}"
        )));
    }
    let prepared = Prepared::prepare(inst, model, model_file)?;
    let p = &prepared.programme;
    let mut s = prepared.session(options)?;
    let base = s.run()?;
    let (Status::Optimal, Some(z)) = (base.status.clone(), base.objective) else {
        return Err(Error::Unsolved(format!(
            "the model has no optimum to look around ({})",
            base.status
        )));
    };
    let is_mip = p.col_integer.iter().any(|&b| b);
    if !is_mip {
        s.warm_simplex()?;
    }
    let benefit: Vec<(usize, f64)> = p
        .col_cost
        .iter()
        .enumerate()
        .filter(|(_, c)| **c != 0.0)
        .map(|(j, c)| (j, *c))
        .collect();
    let floor = z - within * z.abs().max(1e-9);
    s.add_row(floor, f64::INFINITY, &benefit)?;
    // each land decision with its later years' columns (one period: itself alone); a
    // decision used in any year is penalised in every year, so that an alternative differs
    // in what is done, not only in when
    let mut decisions: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut of = vec![usize::MAX; p.num_cols()];
    for (j, key) in p.columns.iter().enumerate() {
        if is_decision(key) {
            of[j] = decisions.len();
            decisions.push((j, vec![j]));
        }
    }
    for (j, key) in p.columns.iter().enumerate() {
        if let ColumnKey::Year { column, .. } = key {
            if let Some(d) = decisions.get_mut(of[*column as usize]) {
                d.1.push(j);
            }
        }
    }
    let mut weights = vec![0.0; p.num_cols()];
    let mut plans = vec![plan(&prepared, base.col_values.clone(), z)?];
    let mut last = base.col_values;
    let mut stopped = None;
    for _ in 0..count {
        for (_, cols) in &decisions {
            if cols.iter().map(|&j| last[j]).sum::<f64>() > ZERO_KM2 {
                for &j in cols {
                    weights[j] += 1.0;
                }
            }
        }
        if is_mip {
            no_good(&mut s, p, &last)?;
        }
        let costs: Vec<f64> = weights.iter().map(|w| -w).collect();
        s.set_costs(&costs)?;
        let out = s.run()?;
        if !out.status.has_solution() {
            stopped = Some(format!("no further plan within the gap ({})", out.status));
            break;
        }
        let next = plan(&prepared, out.col_values.clone(), z)?;
        let nearest = plans
            .iter()
            .map(|q| distance(&q.allocation, &next.allocation))
            .fold(f64::INFINITY, f64::min);
        if nearest <= ZERO_KM2 {
            stopped = Some("no further plan within the gap differs from the ones found".into());
            break;
        }
        plans.push(next);
        last = out.col_values;
    }
    let distance = plans
        .iter()
        .map(|a| {
            plans
                .iter()
                .map(|b| distance(&a.allocation, &b.allocation))
                .collect()
        })
        .collect();
    Ok(Alternatives {
        plans,
        distance,
        stopped,
    })
}

/// A no-good cut: the next plan's whole-unit binaries differ from `x`'s in at least one.
fn no_good(s: &mut Session, p: &Programme, x: &[f64]) -> Result<()> {
    let mut terms = Vec::new();
    let mut ones = 0.0;
    for (j, &int) in p.col_integer.iter().enumerate() {
        if int {
            if x[j] > 0.5 {
                terms.push((j, -1.0));
                ones += 1.0;
            } else {
                terms.push((j, 1.0));
            }
        }
    }
    s.add_row(1.0 - ones, f64::INFINITY, &terms)?;
    Ok(())
}

/// Decode and check the columns `x`; the objective is the programme's net benefit at `x`.
fn plan(prepared: &Prepared<'_>, x: Vec<f64>, best: f64) -> Result<Plan> {
    let z = prepared.programme.objective(&x);
    let outcome = crate::solution::Outcome {
        status: Status::Optimal,
        backend: Backend::Highs,
        method: None,
        objective: Some(z),
        col_values: x,
        row_duals: None,
        col_duals: None,
        mip_gap: None,
        simplex_iterations: None,
        ipm_iterations: None,
        solve_seconds: 0.0,
    };
    let Checked {
        solution: sol,
        check: report,
    } = prepared
        .finish(outcome)?
        .ok_or_else(|| Error::Unsolved("a plan without an allocation".into()))?;
    let objective = report.objective.total;
    Ok(Plan {
        status: Status::Optimal,
        objective,
        below_optimum: (best - objective) / best.abs().max(1e-9),
        allocation: sol.allocation,
        check: report,
    })
}
