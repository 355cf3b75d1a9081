//! The past of a re-plan ([`Past`]) recomputed from the allocation: each fixed activity the
//! plan's year must match; each re-based level's difference between what was observed and
//! what the plan's decisions give by then, carried into the later year-ends and the period's
//! end.

use super::accounts::{self, Accounts};
use super::tolerance;
use super::years;
use crate::instance::Instance;
use crate::plan::actuals::{Account, Actual};
use crate::plan::Past;
use crate::policy::years::exogenous_share;
use crate::policy::{Level, PolicyModel};
use crate::solution::Allocation;
use serde::Serialize;

/// One observation of the past against the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PastLine {
    pub year: u16,
    /// `region`, or the zone's or district's id.
    pub scope: String,
    pub account: Account,
    /// What was observed, km².
    pub observed: f64,
    /// What the plan's decisions give: the activity in that year, or the level at its end
    /// before re-basing, km².
    pub planned: f64,
    /// For a level: observed − planned, carried forward.
    pub rebase: Option<f64>,
    pub source: String,
    /// The observation's line in its table.
    pub line: usize,
}

/// A level's re-basing: from year index `t` on, `delta` km² more of `level`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rebase {
    pub level: Level,
    pub t: usize,
    pub delta: f64,
}

/// The level `l` of `a`.
pub fn level(a: &Accounts, l: Level) -> f64 {
    match l {
        Level::Arable => a.arable,
        Level::BasicFarmland => a.basic_farmland,
        Level::Construction => a.construction,
        Level::Town => a.town,
    }
}

/// `a` with `delta` km² more of `l` (town land counts in urban-rural land; non-construction
/// land is what construction leaves of the total).
pub fn shift(inst: &Instance, a: &mut Accounts, l: Level, delta: f64) {
    match l {
        Level::Arable => a.arable += delta,
        Level::BasicFarmland => a.basic_farmland += delta,
        Level::Construction => {
            a.construction += delta;
            a.other_construction += delta;
        }
        Level::Town => {
            a.town += delta;
            a.urban_rural += delta;
            a.other_construction -= delta;
        }
    }
    let total = inst.region.baseline.total_km2;
    a.non_construction = total - a.construction;
    a.non_construction_share = if total > 0.0 {
        a.non_construction / total
    } else {
        0.0
    };
}

/// The past's lines, its re-basings and its failures (a fixed activity the plan does not
/// match).
pub(super) fn recompute(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    past: &Past,
) -> (Vec<PastLine>, Vec<Rebase>, Vec<String>) {
    let (mut lines, mut rebases, mut failures) = (Vec::new(), Vec::new(), Vec::new());
    let Some(ys) = model.phased_years() else {
        return (lines, rebases, failures);
    };
    let allocs = years::of(alloc);
    if allocs.len() != ys.count() {
        return (lines, rebases, failures); // the years' domain fails the check
    }
    let line = |a: &Actual, planned: f64, rebase: Option<f64>| PastLine {
        year: a.year,
        scope: a.scope_label(inst),
        account: a.account,
        observed: a.km2,
        planned,
        rebase,
        source: a.source.clone(),
        line: a.line,
    };
    for a in &past.fixed {
        let (Some(t), Account::Activity(act)) = (ys.index(a.year), a.account) else {
            continue;
        };
        let planned = years::activity_where(inst, allocs[t], act, &|d| a.scope.holds(inst, d));
        if (planned - a.km2).abs() > tolerance(a.km2) {
            failures.push(format!(
                "actual {}: the plan has {planned}, what happened was {}",
                a.label(inst),
                a.km2
            ));
        }
        lines.push(line(a, planned, None));
    }
    for a in &past.rebased {
        let (Some(t), Account::Level(l)) = (ys.index(a.year), a.account) else {
            continue;
        };
        let done = years::cumulative(inst, &allocs, t);
        let planned = level(
            &accounts::year_end(inst, &done, exogenous_share(Some(ys), t)),
            l,
        );
        let delta = a.km2 - planned;
        rebases.push(Rebase { level: l, t, delta });
        lines.push(line(a, planned, Some(delta)));
    }
    (lines, rebases, failures)
}

/// Each observation of `actuals` in the plan's years against what the plan `alloc` gives
/// there (its activity in that year, its level at that year's end): what has happened so
/// far against a plan or the optimum path. Observations outside the plan's years are left
/// out (the second list names them).
pub fn against(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    actuals: &crate::plan::Actuals,
) -> (Vec<PastLine>, Vec<String>) {
    let ys = model.years_or_period();
    let allocs = years::of(alloc);
    let (mut lines, mut left) = (Vec::new(), Vec::new());
    for a in &actuals.records {
        let t = if model.phased_years().is_some() {
            ys.index(a.year)
        } else {
            None
        };
        let Some(t) = t.filter(|&t| t < allocs.len()) else {
            left.push(format!("{}: not a year of the plan", a.label(inst)));
            continue;
        };
        let planned = match a.account {
            Account::Activity(act) => {
                years::activity_where(inst, allocs[t], act, &|d| a.scope.holds(inst, d))
            }
            Account::Level(l) => {
                let done = years::cumulative(inst, &allocs, t);
                level(
                    &accounts::year_end(inst, &done, exogenous_share(Some(&ys), t)),
                    l,
                )
            }
        };
        lines.push(PastLine {
            year: a.year,
            scope: a.scope_label(inst),
            account: a.account,
            observed: a.km2,
            planned,
            rebase: None,
            source: a.source.clone(),
            line: a.line,
        });
    }
    (lines, left)
}
