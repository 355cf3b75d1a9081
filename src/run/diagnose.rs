//! Explaining an infeasible model by elastic relaxation: every rule is made soft with the
//! same penalty per km² of violation and the total violation is minimised (values and costs
//! ignored). The rules that must give, and by how much, are the conflict.

use super::Prepared;
use crate::error::Result;
use crate::policy::{Objective, ObjectiveKind, PolicyModel};
use crate::programme::ProgrammeSize;
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

/// The least total violation that makes the prepared model feasible, rule by rule; its
/// locks stay hard, so the conflict names the rules that must give for the locked decisions
/// to be feasible. Empty when even the relaxation has no solution (e.g. eligibility leaves
/// nothing).
pub fn elastic(
    prepared: &Prepared<'_>,
    options: &SolveOptions,
) -> Result<(ProgrammeSize, Vec<Conflict>)> {
    let model = prepared.model;
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
    // softness changes no setting the network is built from
    let relaxed = Prepared::build(
        prepared.instance,
        &relaxed,
        &prepared.model_file,
        prepared.network.clone(),
        prepared.locks,
        prepared.past,
    )?;
    let size = relaxed.programme.size();
    let outcome = solve(&relaxed.programme, options)?;
    let solution = relaxed.decode(outcome);
    if !solution.status.has_solution() {
        return Ok((size, Vec::new()));
    }
    // the relaxed model's own check: its locks and the re-plan's past included
    let report = relaxed.check(&solution);
    let mut conflicts: Vec<Conflict> = report
        .lines
        .iter()
        .filter_map(|l| {
            let v = l.give();
            (v > l.tolerance()).then(|| Conflict {
                row: l.row,
                name: l.name.clone(),
                violation: v,
            })
        })
        .collect();
    conflicts.sort_by(|a, b| b.violation.total_cmp(&a.violation));
    Ok((size, conflicts))
}
