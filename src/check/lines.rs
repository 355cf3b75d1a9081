//! Rule lines as the check recomputes them, and the collector the families push into.

use super::tolerance;
use crate::instance::Instance;
use crate::policy::{RowRef, RuleId};
use serde::Serialize;

/// One rule instance, recomputed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleLine {
    /// The row it checks, as the programme names it.
    #[serde(skip)]
    pub row: RowRef,
    /// The row's printed name, `rule_id` or `rule_id[key]`.
    pub name: String,
    pub rule: RuleId,
    pub value: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// Distance to the nearest bound (negative when violated).
    pub slack: f64,
    /// How far outside its bounds the value is (0 when satisfied).
    pub violation: f64,
    /// Penalty per km² of violation when soft.
    pub penalty: Option<f64>,
    /// Whether the line is within tolerance of a bound.
    pub binding: bool,
    /// Whether the value is itself an amount the objective pays a penalty on, with no
    /// bound (soft transport access: km²·km beyond the distance).
    pub priced_amount: bool,
    /// For a share rule (its value km² above or below the share), the share itself: what
    /// reports print instead of the km² form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<Share>,
}

/// A share rule read as a share: `part` of `whole` against the bound `target` (a share,
/// 0.5 for 50 %), from below (`at_least`) or above.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    pub part_km2: f64,
    pub whole_km2: f64,
    pub target: f64,
    pub at_least: bool,
}

impl Share {
    /// The share reached (0 when the whole is 0).
    pub fn value(&self) -> f64 {
        if self.whole_km2.abs() < 1e-12 {
            0.0
        } else {
            self.part_km2 / self.whole_km2
        }
    }
}

impl RuleLine {
    /// What the rule gives up: its violation, or for a priced amount the amount itself.
    pub fn give(&self) -> f64 {
        if self.violation > 0.0 {
            self.violation
        } else if self.priced_amount {
            self.value
        } else {
            0.0
        }
    }
    /// The check's tolerance at this line's bound.
    pub fn tolerance(&self) -> f64 {
        super::tolerance(self.lower.or(self.upper).unwrap_or(0.0))
    }
    /// Outside its bounds beyond the tolerance.
    pub fn violated(&self) -> bool {
        self.violation > self.tolerance()
    }
}

/// The lines and failures of one check, and the objective's parts the families add.
pub(crate) struct Lines<'a> {
    inst: &'a Instance,
    pub lines: Vec<RuleLine>,
    pub failures: Vec<super::Failure>,
    /// Penalties of soft rules' violations.
    pub soft_penalty: f64,
    /// Soft transport-access penalties.
    pub transport_penalty: f64,
    /// Linkage transfer and fixed project costs (weighted).
    pub linkage_cost: f64,
}

impl<'a> Lines<'a> {
    /// A fault of the allocation, of no rule row.
    pub fn fail(&mut self, message: impl Into<String>) {
        self.failures.push(super::Failure::general(message));
    }
    pub fn new(inst: &'a Instance) -> Lines<'a> {
        Lines {
            inst,
            lines: Vec::new(),
            failures: Vec::new(),
            soft_penalty: 0.0,
            transport_penalty: 0.0,
            linkage_cost: 0.0,
        }
    }

    /// Record `row` at `value` against its bounds; `penalty` when soft. A hard line
    /// violated beyond tolerance is a failure.
    pub fn push(
        &mut self,
        row: RowRef,
        value: f64,
        lower: Option<f64>,
        upper: Option<f64>,
        penalty: Option<f64>,
    ) {
        let name = row.label(self.inst);
        let below = lower.map_or(f64::INFINITY, |l| value - l);
        let above = upper.map_or(f64::INFINITY, |u| u - value);
        let slack = below.min(above);
        let violation = (-slack).max(0.0);
        let tol = tolerance(lower.or(upper).unwrap_or(0.0));
        match penalty {
            Some(p) => self.soft_penalty += p * violation,
            None => {
                if violation > tol {
                    self.failures.push(super::Failure {
                        row: Some(row),
                        message: format!(
                            "{name}: value {value:.6} outside [{}, {}] by {violation:.6}",
                            lower.map_or("-inf".into(), |v| format!("{v:.6}")),
                            upper.map_or("inf".into(), |v| format!("{v:.6}")),
                        ),
                    });
                }
            }
        }
        self.lines.push(RuleLine {
            row,
            name,
            rule: row.rule,
            value,
            lower,
            upper,
            slack,
            violation,
            penalty,
            binding: slack.abs() <= tol,
            priced_amount: false,
            share: None,
        });
    }

    /// [`Lines::push`] for a share rule: its value is `part − target · whole` km²
    /// (≥ 0 when `at_least`, else ≤ 0), and the line keeps the share for the reports.
    pub fn push_share(&mut self, row: RowRef, share: Share, penalty: Option<f64>) {
        let value = share.part_km2 - share.target * share.whole_km2;
        let (lower, upper) = if share.at_least {
            (Some(0.0), None)
        } else {
            (None, Some(0.0))
        };
        self.push(row, value, lower, upper, penalty);
        if let Some(last) = self.lines.last_mut() {
            last.share = Some(share);
        }
    }

    /// Record an amount the objective prices at `penalty` per unit, with no bound.
    pub fn push_priced(&mut self, row: RowRef, value: f64, penalty: f64) {
        self.lines.push(RuleLine {
            row,
            name: row.label(self.inst),
            rule: row.rule,
            value,
            lower: None,
            upper: None,
            slack: f64::INFINITY,
            violation: 0.0,
            penalty: Some(penalty),
            binding: false,
            priced_amount: true,
            share: None,
        });
    }
}
