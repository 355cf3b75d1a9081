//! The independent check: every rule and the objective recomputed from the instance, the
//! policy model and the allocation alone — never from the solver's matrix (this module
//! imports nothing of the programme module, directly or through another module: a test in
//! `tests/it/architecture.rs` reads the source to make sure). A check
//! that reused the formulation would only re-check the solver; this one re-checks the
//! model. It shares the policy's definitions (what a withdrawal unit is, a pairing, a
//! density: [`crate::policy::rules`]) and the transport distances ([`crate::network`]).
//!
//! Each rule instance becomes a [`RuleLine`] under the [`RowRef`] of its programme row,
//! with value, bounds, slack and violation: the domain of the allocation (`domain`), one
//! file per family under `rules/` in registry order, then the objective (`objective`).
//! A hard rule violated beyond [`tolerance`] fails the check, and so does an objective that
//! differs from the solver's.

mod accounts;
pub mod criterion;
mod domain;
mod lines;
pub mod locks;
mod objective;
pub mod past;
mod rules;
pub mod years;

pub use accounts::{district_period_end, Accounts, Aggregates};
pub use lines::RuleLine;
pub use objective::{terms, ObjectiveParts};

use crate::instance::Instance;
use crate::policy::{PolicyModel, RowRef};
use crate::solution::Allocation;
use lines::Lines;
use serde::Serialize;
use std::collections::HashMap;

/// Feasibility tolerance for a row with bound `b`: 1e-6 · max(1, |b|) km².
pub fn tolerance(bound: f64) -> f64 {
    1e-6 * bound.abs().max(1.0)
}

/// The check's verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub lines: Vec<RuleLine>,
    pub accounts: Accounts,
    pub aggregates: Aggregates,
    pub objective: ObjectiveParts,
    /// In a re-plan: each observation of the past against the plan.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub past: Vec<past::PastLine>,
    /// With years: the accounts at every year end and what is done each year.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<years::YearAccounts>,
    /// Each benefit criterion of the objective measured on the plan (none without criteria).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<crate::policy::BenefitValue>,
    /// The solver's objective, if one was given to compare with.
    pub reported_objective: Option<f64>,
    /// Every failure: a hard rule violated beyond tolerance, a negative allocation, an
    /// allocation to a use not offered, or an objective mismatch.
    pub failures: Vec<Failure>,
    /// Line index by row, built once.
    #[serde(skip)]
    index: HashMap<RowRef, usize>,
}

/// One way a plan fails the check: a hard rule row outside its bounds (`row` names it), or
/// a fault of the allocation itself (its domain, a lock, the objective: no row).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    /// The rule row violated, when it is one.
    #[serde(skip)]
    pub row: Option<RowRef>,
    /// What failed, for a reader (the row's printed name first when it is a row).
    pub message: String,
}

impl Failure {
    /// A fault of the allocation, of no rule row.
    pub fn general(message: impl Into<String>) -> Failure {
        Failure {
            row: None,
            message: message.into(),
        }
    }
    /// Whether the failure is rule `id`'s, by its row or (no row) by naming it.
    pub fn of_rule(&self, id: &str) -> bool {
        self.row
            .map_or_else(|| self.message.contains(id), |r| r.rule.as_str() == id)
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// The failures joined by `sep`, for one line of text.
pub fn joined(failures: &[Failure], sep: &str) -> String {
    failures
        .iter()
        .map(|f| f.message.as_str())
        .collect::<Vec<_>>()
        .join(sep)
}

impl CheckReport {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
    /// The line of `row`.
    pub fn get(&self, row: &RowRef) -> Option<&RuleLine> {
        self.index.get(row).map(|&i| &self.lines[i])
    }
    /// The line printed `label` (`rule_id[key]`): for scripts and tests; the library looks
    /// lines up by [`RowRef`] ([`CheckReport::get`]).
    pub fn line(&self, label: &str) -> Option<&RuleLine> {
        self.lines.iter().find(|l| l.name == label)
    }
}

/// Whether `alloc` has one entry per unit, site and project of `inst`.
fn fits(inst: &Instance, alloc: &Allocation) -> bool {
    alloc.units.len() == inst.units.len()
        && alloc.sites.len() == inst.sites.len()
        && alloc.projects.len() == inst.projects.len()
}

/// [`check`], and every lock of the run kept ([`locks`]).
pub fn check_locked(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    reported_objective: Option<f64>,
    locks: &[crate::plan::Lock],
) -> CheckReport {
    check_replan(inst, model, alloc, reported_objective, locks, None)
}

/// [`check_locked`] of a re-plan from `past` ([`crate::plan::Past`]): its fixed activities
/// kept, its re-based levels carried into the year-ends and the period-end rules.
pub fn check_replan(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    reported_objective: Option<f64>,
    locks: &[crate::plan::Lock],
    past: Option<&crate::plan::Past>,
) -> CheckReport {
    let mut report = recheck(inst, model, alloc, reported_objective, past);
    let shape_ok = fits(inst, alloc);
    if shape_ok {
        report.failures.extend(
            locks::failures(inst, alloc, locks)
                .into_iter()
                .map(Failure::general),
        );
    }
    report
}

/// Recompute every rule of `model` and the objective for `alloc` on `inst`. When
/// `reported_objective` is given, a mismatch beyond 1e-6 relative is a failure.
pub fn check(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    reported_objective: Option<f64>,
) -> CheckReport {
    recheck(inst, model, alloc, reported_objective, None)
}

fn recheck(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    reported_objective: Option<f64>,
    past: Option<&crate::plan::Past>,
) -> CheckReport {
    let mut l = Lines::new(inst);
    let shape_ok = fits(inst, alloc);
    if !shape_ok {
        l.fail("the allocation does not have one entry per unit, site and project of the instance");
        return report(
            l,
            Accounts::default(),
            Aggregates::default(),
            ObjectiveParts::default(),
            reported_objective,
        );
    }
    domain::check(inst, model, alloc, &mut l);
    years::domain(inst, model, alloc, &mut l);
    let (past_lines, rebases, past_failures) = match past {
        Some(p) => past::recompute(inst, model, alloc, p),
        None => Default::default(),
    };
    for f in past_failures {
        l.fail(f);
    }
    let mut acc = accounts::period_end(inst, alloc);
    for r in &rebases {
        past::shift(inst, &mut acc, r.level, r.delta);
    }
    let agg = accounts::aggregates(inst, alloc);
    let path = years::path(inst, model, alloc, &rebases);
    let ctx = rules::Ctx {
        inst,
        model,
        alloc,
        accounts: &acc,
        aggregates: &agg,
        years: &path,
    };
    rules::all(&ctx, &mut l);
    let benefits = objective::benefits(inst, model, alloc);
    let objective = objective::recompute(inst, model, alloc, &l, &benefits);
    if let Some(rep) = reported_objective {
        let scale = objective.value.abs().max(objective.cost.abs()).max(1.0);
        if (rep - objective.total).abs() > 1e-6 * scale {
            l.fail(format!(
                "objective: the solver reports {rep:.6}, recomputed from the allocation {:.6}",
                objective.total
            ));
        }
    }
    let mut r = report(l, acc, agg, objective, reported_objective);
    r.benefits = benefits;
    r.years = path;
    r.past = past_lines;
    r
}

fn report(
    l: Lines,
    accounts: Accounts,
    aggregates: Aggregates,
    objective: ObjectiveParts,
    reported_objective: Option<f64>,
) -> CheckReport {
    let index = l
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| (line.row, i))
        .collect();
    CheckReport {
        lines: l.lines,
        accounts,
        aggregates,
        objective,
        past: Vec::new(),
        years: Vec::new(),
        benefits: Vec::new(),
        reported_objective,
        failures: l.failures,
        index,
    }
}
