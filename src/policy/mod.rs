//! A policy model: the rules and the goal, each rule under a stable id. Never data about
//! places (that is the instance's).
//!
//! Every rule can be switched off (`enabled = false`) and made soft (`mode = "soft"`,
//! `penalty` = million yuan per km² of violation, subtracted from the objective). The
//! formula of each rule is in the doc comment of its settings struct in [`rules`], one file
//! per family; the same id names the rule's rows in the programme, its duals, its lines in
//! the check and in every report, as a typed [`RowRef`] (printed `rule_id[key]`).

pub mod benefits;
pub mod change;
pub mod criterion;
pub mod row;
pub mod rules;
pub mod shapes;
pub mod years;

pub use benefits::{Benefit, BenefitValue, Normalise};
pub use criterion::{Criterion, Sense};
pub use row::{Name, Part, Place, RowKey, RowRef};
pub use years::{Activity, Level, Years};

use crate::error::{Error, Problem, Result};
use crate::instance::Instance;
use serde::{Deserialize, Serialize};

pub use rules::*;

/// The schema version of model files this build reads.
pub const MODEL_SCHEMA_VERSION: u32 = 1;

/// What the programme optimises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveKind {
    /// Maximise value of the uses created − redevelopment, reclamation and consolidation
    /// costs − penalties of soft rules.
    #[default]
    NetBenefit,
    /// Minimise costs + penalties (reported as a negative net benefit with value weight 0).
    LeastCost,
}

/// The objective, in million yuan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    #[serde(default)]
    pub kind: ObjectiveKind,
    /// Weight of the value of uses created (net benefit only; least cost uses 0).
    #[serde(default = "one")]
    pub value_weight: f64,
    /// Weight of costs.
    #[serde(default = "one")]
    pub cost_weight: f64,
    /// Benefit criteria added to the net benefit, each weighted and normalised
    /// ([`benefits`]); net benefit only (least cost ignores them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benefits: Vec<Benefit>,
}

fn one() -> f64 {
    1.0
}

impl Default for Objective {
    fn default() -> Objective {
        Objective {
            kind: ObjectiveKind::NetBenefit,
            value_weight: 1.0,
            cost_weight: 1.0,
            benefits: Vec::new(),
        }
    }
}

impl Objective {
    /// The benefit criteria actually applied (none under least cost).
    pub fn effective_benefits(&self) -> &[Benefit] {
        match self.kind {
            ObjectiveKind::NetBenefit => &self.benefits,
            ObjectiveKind::LeastCost => &[],
        }
    }
    /// The weight actually applied to values.
    pub fn effective_value_weight(&self) -> f64 {
        match self.kind {
            ObjectiveKind::NetBenefit => self.value_weight,
            ObjectiveKind::LeastCost => 0.0,
        }
    }
}

/// A policy model, as read from a TOML file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyModel {
    pub schema_version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub objective: Objective,
    #[serde(default)]
    pub rules: Rules,
    /// Whole-unit mode: each unit is redeveloped whole or not at all (a binary per unit),
    /// and linkage edges with a fixed cost or minimum size get a binary; a MIP.
    #[serde(default)]
    pub whole_unit: WholeUnit,
    /// The plan's years ([`years`]); none: one period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Years>,
}

/// Whole-unit mode settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct WholeUnit {
    #[serde(default)]
    pub enabled: bool,
}

impl PolicyModel {
    /// The model's years, or the period as one year (index 0) when it declares none.
    pub fn years_or_period(&self) -> Years {
        self.years.unwrap_or(Years {
            first: 0,
            last: 0,
            discount_rate: 0.0,
        })
    }
    /// The model's years when it has more than one ([`years::phased`]).
    pub fn phased_years(&self) -> Option<&Years> {
        years::phased(self.years.as_ref())
    }
    /// Check the model on its own and against an instance; every problem is reported.
    /// `file` names the model's source in the messages.
    pub fn validate(&self, file: &str, instance: Option<&Instance>) -> Result<()> {
        let mut problems = Vec::new();
        if self.schema_version != MODEL_SCHEMA_VERSION {
            problems.push(Problem::new(
                file,
                "document",
                "schema_version",
                format!(
                    "this build reads schema_version {MODEL_SCHEMA_VERSION}, found {}",
                    self.schema_version
                ),
            ));
        }
        for (field, w) in [
            ("value_weight", self.objective.value_weight),
            ("cost_weight", self.objective.cost_weight),
        ] {
            if !w.is_finite() || w < 0.0 {
                problems.push(Problem::new(
                    file,
                    "objective",
                    field,
                    format!("expected a finite weight ≥ 0, found {w}"),
                ));
            }
        }
        for (i, b) in self.objective.benefits.iter().enumerate() {
            b.validate(
                file,
                &format!("objective.benefits[{i}]"),
                instance,
                &mut problems,
            );
            if self.objective.benefits[..i].iter().any(|o| o.id == b.id) {
                problems.push(Problem::new(
                    file,
                    format!("objective.benefits[{i}]"),
                    "id",
                    format!("criterion `{}` is given twice: expected each once", b.id),
                ));
            }
        }
        self.rules
            .validate(file, instance, self.years.as_ref(), &mut problems);
        if let Some(y) = &self.years {
            y.validate(file, &mut problems);
        }
        if active(&self.rules.turnover_quota).is_some()
            && active(&self.rules.linkage_balance).is_none()
        {
            problems.push(Problem::new(
                file,
                "rules.turnover_quota",
                "enabled",
                "the turnover quota is the linkage's: enable [rules.linkage_balance]",
            ));
        }
        if self.whole_unit.enabled && active(&self.rules.unit_capacity).is_none() {
            problems.push(Problem::new(
                file,
                "whole_unit",
                "enabled",
                "whole-unit mode states \"redeveloped whole or not at all\" on the unit_capacity rows: enable [rules.unit_capacity]",
            ));
        }
        if let Some(l) = active(&self.rules.linear) {
            // a linear term on quota needs the linkage, with a flow per unit
            let refusal = match active(&self.rules.linkage_balance) {
                None => Some("linkage quota exists only with the linkage: enable [rules.linkage_balance]"),
                Some(r) if r.pool == rules::Pooling::Node => Some("quota by unit is not in the programme when the linkage pools units (rules.linkage_balance.pool = \"node\"): set pool = \"none\""),
                Some(_) => None,
            };
            for (i, r) in l.rules.iter().enumerate() {
                for (j, t) in r.terms.iter().enumerate() {
                    if let (Some(why), rules::linear::Amount::Quota) = (refusal, t.amount) {
                        problems.push(Problem::new(
                            file,
                            "rules.linear",
                            format!("rules[{i}].terms[{j}].amount"),
                            why,
                        ));
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::input(problems))
        }
    }
}
