//! Explaining an infeasible model by elastic relaxation: every rule is made soft with the
//! same penalty per km² of violation and the total violation is minimised (values and costs
//! ignored). The rules that must give, and by how much, are the conflict.

use crate::check::check;
use crate::error::Result;
use crate::instance::Instance;
use crate::policy::{Objective, ObjectiveKind, PolicyModel};
use crate::programme::{build_locked, decode, ProgrammeSize};
use crate::solve::{solve, SolveOptions};
use serde::Serialize;

/// A rule that must give for the model to become feasible.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The rule row.
    #[serde(skip)]
    pub row: crate::policy::RowRef,
    /// Its printed name, `rule_id[key]`.
    pub name: String,
    /// km² by which it must give (for soft transport access: km²·km beyond the distance).
    pub violation: f64,
}

/// The least total violation that makes `model` feasible on `instance`, rule by rule.
/// Empty when even the relaxation has no solution (e.g. eligibility leaves nothing).
pub fn elastic(
    instance: &Instance,
    model: &PolicyModel,
    options: &SolveOptions,
) -> Result<(ProgrammeSize, Vec<Conflict>)> {
    elastic_locked(instance, model, options, &[])
}

/// [`elastic`] with decisions locked: the locks stay hard, so the conflict names the rules
/// that must give for the locked decisions to be feasible.
pub fn elastic_locked(
    instance: &Instance,
    model: &PolicyModel,
    options: &SolveOptions,
    locks: &[crate::plan::Lock],
) -> Result<(ProgrammeSize, Vec<Conflict>)> {
    let relaxed = PolicyModel {
        objective: Objective {
            kind: ObjectiveKind::LeastCost,
            value_weight: 0.0,
            cost_weight: 0.0,
            benefits: Vec::new(),
        },
        rules: model.rules.all_soft(1.0),
        ..model.clone()
    };
    let net = crate::policy::active(&relaxed.rules.linkage_balance)
        .map(|r| crate::network::LinkageNetwork::build(instance, r));
    let programme = build_locked(instance, &relaxed, net.as_ref(), locks)?;
    let size = programme.size();
    let outcome = solve(&programme, options)?;
    let solution = decode(instance, &programme, outcome, 0.0);
    if !solution.status.has_solution() {
        return Ok((size, Vec::new()));
    }
    let report = check(instance, &relaxed, &solution.allocation, None);
    let mut conflicts: Vec<Conflict> = report
        .lines
        .iter()
        .filter_map(|l| {
            let v = l.give();
            (v > crate::check::tolerance(l.lower.or(l.upper).unwrap_or(0.0))).then(|| Conflict {
                row: l.row,
                name: l.name.clone(),
                violation: v,
            })
        })
        .collect();
    conflicts.sort_by(|a, b| b.violation.total_cmp(&a.violation));
    Ok((size, conflicts))
}
