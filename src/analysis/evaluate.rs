//! Evaluating a plan against a model: every rule's value, bound and violation from the
//! independent check (the same lines and ids as a solve), the plan's objective and its
//! parts, and the optimum under the same model with the **gap** decomposed by zone,
//! district, use and rule.
//!
//! A unit-level plan is evaluated as it stands; a plan with `complete` keeps its listed
//! decisions and leaves the rest to the optimiser; an aggregate plan is realised by the best
//! unit-level allocation that meets its totals (see [`crate::plan`]).

use crate::check::{check, CheckReport};
use crate::error::Result;
use crate::instance::uses::LandUse;
use crate::instance::Instance;
use crate::plan::{Lock, Plan};
use crate::policy::{PolicyModel, RowRef};
use crate::run::{run_locked, Run};
use crate::solution::Allocation;
use crate::solve::SolveOptions;
use serde::Serialize;
use std::collections::BTreeMap;

/// How the plan was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reading {
    /// The allocation the tables state; what they do not list is untouched.
    AsStated,
    /// The listed decisions kept, the rest chosen by the optimiser.
    Completed,
    /// The best unit-level allocation that meets the plan's aggregates.
    Realised,
}

/// The objective split by district and use, plus the region-wide parts, million yuan.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Contributions {
    /// Net benefit (weighted value − cost, plus the benefit criteria's weighted yields) by
    /// district index and use (`consolidation` for projects).
    pub by_district_use: BTreeMap<(usize, &'static str), f64>,
    /// Of `by_district_use`, the benefit criteria's part (Σ_c ±w_c · B_c / N_c).
    pub benefits: f64,
    /// Linkage transfer and fixed project costs, soft transport and soft-rule penalties.
    pub linkage_cost: f64,
    pub transport_penalty: f64,
    pub soft_penalty: f64,
}

impl Contributions {
    /// The plan's net benefit, as the check's objective.
    pub fn total(&self) -> f64 {
        self.by_district_use.values().sum::<f64>()
            - self.linkage_cost
            - self.transport_penalty
            - self.soft_penalty
    }
}

/// The objective of `alloc` split by district and use (the check's objective, itemised):
/// each part summed from the allocation on its own, so that the parts adding up to the
/// check's total is a test, not an identity.
pub fn contributions(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    report: &CheckReport,
) -> Contributions {
    let mut c = Contributions::default();
    crate::check::terms(inst, model, alloc, |d, k, value, cost| {
        let k = k.map_or("consolidation", LandUse::as_str);
        *c.by_district_use.entry((d, k)).or_default() += value - cost;
    });
    let w = crate::policy::benefits::Weighted::new(inst, &model.objective);
    if !w.criteria.is_empty() {
        let mut add = |d: usize, k: LandUse, b: f64| {
            c.benefits += b;
            *c.by_district_use.entry((d, k.as_str())).or_default() += b;
        };
        for (ui, (u, a)) in inst.units.iter().zip(&alloc.units).enumerate() {
            for k in inst.uses.iter().filter(|k| u.uses[k.index()].is_some()) {
                add(u.district, k, w.unit(ui, k) * a[k.index()]);
            }
        }
        for (si, (s, a)) in inst.sites.iter().zip(&alloc.sites).enumerate() {
            for k in inst
                .uses
                .construction()
                .filter(|k| s.uses[k.index()].is_some())
            {
                add(s.district, k, w.site(si, k) * a[k.index()]);
            }
        }
    }
    let o = &report.objective;
    c.linkage_cost = o.linkage_cost;
    c.transport_penalty = o.transport_penalty;
    c.soft_penalty = o.soft_penalty;
    c
}

/// One rule line of the plan next to the optimum's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleGap {
    pub name: String,
    pub plan_value: f64,
    pub optimum_value: Option<f64>,
    /// How far the plan is outside the rule's bounds (0 when it meets it).
    pub plan_violation: f64,
    /// Whether that is beyond the check's tolerance.
    pub violated: bool,
    pub binding_in_plan: bool,
    pub binding_at_optimum: bool,
    /// The price at the optimum (one-sided prices are in the optimum's accounts).
    pub price: Option<f64>,
    /// price × (plan value − optimum value): a first-order estimate of what the difference
    /// in this rule's quantity is worth, not an exact share of the gap.
    pub first_order: Option<f64>,
}

/// A plan's evaluation.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub reading: Reading,
    /// The plan's allocation (as stated, completed or realised).
    pub allocation: Allocation,
    /// The independent check of the plan.
    pub check: CheckReport,
    pub contributions: Contributions,
    /// The run that completed or realised the plan.
    pub plan_run: Option<Run>,
    /// The optimum under the same model (and locks), unless not asked for.
    pub optimum: Option<Run>,
    pub optimum_contributions: Option<Contributions>,
    pub rules: Vec<RuleGap>,
}

impl Evaluation {
    /// How the run that completed or realised the plan ended (`None` for a plan read as
    /// stated).
    pub fn plan_status(&self) -> Option<&crate::solution::Status> {
        self.plan_run.as_ref().map(|r| &r.solution.status)
    }
    /// The plan was to be completed or realised and there is no such allocation: its
    /// allocation is empty, and nothing of it is to be read as the plan's.
    pub fn no_plan(&self) -> bool {
        self.plan_status().is_some_and(|s| !s.has_solution())
    }
    /// optimum − plan, million yuan.
    pub fn gap(&self) -> Option<f64> {
        if self.no_plan() {
            return None;
        }
        let opt = self.optimum.as_ref()?.check.as_ref()?.objective.total;
        Some(opt - self.check.objective.total)
    }
}

/// Evaluate `plan` on `inst` under `model`; `locks` hold for the optimum too.
#[allow(clippy::too_many_arguments)]
pub fn evaluate(
    inst: &Instance,
    model: &PolicyModel,
    model_file: &str,
    plan: &Plan,
    complete: bool,
    with_optimum: bool,
    options: &SolveOptions,
    locks: &[Lock],
) -> Result<Evaluation> {
    model.validate(model_file, Some(inst))?;
    let (reading, allocation, plan_run) = if plan.is_aggregate() || complete {
        let mut all = plan.as_locks(inst);
        all.extend_from_slice(locks);
        let r = run_locked(inst, model, model_file, options, &all)?;
        let reading = if plan.is_aggregate() {
            Reading::Realised
        } else {
            Reading::Completed
        };
        (reading, r.solution.allocation.clone(), Some(r))
    } else {
        (Reading::AsStated, plan.allocation.clone(), None)
    };
    let optimum = if with_optimum {
        Some(run_locked(inst, model, model_file, options, locks)?)
    } else {
        None
    };
    Ok(against(inst, model, reading, allocation, plan_run, optimum))
}

/// The evaluation of an allocation (read as `reading`) against an optimum solved before.
pub fn against(
    inst: &Instance,
    model: &PolicyModel,
    reading: Reading,
    allocation: Allocation,
    plan_run: Option<Run>,
    optimum: Option<Run>,
) -> Evaluation {
    let report = check(inst, model, &allocation, None);
    let plan_parts = contributions(inst, model, &allocation, &report);
    let optimum_contributions = optimum.as_ref().and_then(|o| {
        o.check
            .as_ref()
            .map(|c| contributions(inst, model, &o.solution.allocation, c))
    });
    let rules = rule_gaps(&report, optimum.as_ref());
    Evaluation {
        reading,
        allocation,
        check: report,
        contributions: plan_parts,
        plan_run,
        optimum,
        optimum_contributions,
        rules,
    }
}

fn rule_gaps(plan: &CheckReport, optimum: Option<&Run>) -> Vec<RuleGap> {
    let opt = optimum.and_then(|o| o.check.as_ref());
    let prices: BTreeMap<RowRef, Option<f64>> = optimum
        .map(|o| {
            o.solution
                .rows
                .iter()
                .filter_map(|r| r.row.map(|x| (x, r.shadow_price)))
                .collect()
        })
        .unwrap_or_default();
    plan.lines
        .iter()
        .map(|l| {
            let o = opt.and_then(|c| c.get(&l.row));
            let price = prices.get(&l.row).copied().flatten();
            let optimum_value = o.map(|x| x.value);
            RuleGap {
                name: l.name.clone(),
                plan_value: l.value,
                optimum_value,
                plan_violation: l.violation,
                violated: l.violated(),
                binding_in_plan: l.binding,
                binding_at_optimum: o.is_some_and(|x| x.binding),
                price,
                first_order: price.zip(optimum_value).map(|(p, v)| p * (l.value - v)),
            }
        })
        .collect()
}
