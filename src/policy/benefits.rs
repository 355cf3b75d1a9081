//! Benefit criteria of the objective (效益: economic, ecological, social ...): a multi-criteria
//! land-use programme stated as its literature states it, Σ_c w_c · B_c / N_c with
//! B_c = Σ_{u,k} `b_c[u,k]` · `x[u,k]` + Σ_{s,k} `b_c[s,k]` · `y[s,k]`.
//!
//! `b_c[r,k]`, the criterion's yield per km² of use `k` at unit or site `r`, is the
//! instance's `criteria` table entry for (r, c, k) when it has one, else the model's
//! `values[k]` for the criterion, else 0. `N_c` normalises the criterion's scale: 1
//! (`none`), its largest |b_c| over the columns the instance offers (`largest`), or the
//! spread max b_c − min b_c over them (`range`); a criterion whose coefficients are all
//! equal keeps N_c = 1. A criterion to be lowered (`sense = "less"`) enters with −w_c.
//!
//! The terms add to the net benefit of the values and costs (weighted by `value_weight`
//! and `cost_weight`: set both to 0 for an objective of the criteria alone). A policy
//! definition shared by the programme (column costs) and the check (the objective
//! recomputed), like a rule family's density or pairing.

use super::Sense;
use crate::error::Problem;
use crate::instance::uses::{LandUse, UseRef};
use crate::instance::{CriterionTable, Instance};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One benefit criterion of the objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benefit {
    /// The criterion's id, as the instance's `criteria` table names it.
    pub id: String,
    /// Its name for readers (经济效益 ...).
    #[serde(default)]
    pub name: String,
    #[serde(default = "one")]
    pub weight: f64,
    /// Whether more (the default) or less of it is better.
    #[serde(default = "more")]
    pub sense: Sense,
    #[serde(default)]
    pub normalise: Normalise,
    /// Yield per km² of each use wherever the instance's table gives none.
    #[serde(default)]
    pub values: BTreeMap<UseRef, f64>,
}

fn one() -> f64 {
    1.0
}

fn more() -> Sense {
    Sense::More
}

/// How a criterion's coefficients are brought to a common scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Normalise {
    #[default]
    None,
    /// Divided by the largest |coefficient|.
    Largest,
    /// Divided by the largest minus the smallest coefficient.
    Range,
}

impl Benefit {
    /// The instance's criteria table for this criterion, when it has one.
    fn table<'a>(&self, inst: &'a Instance) -> Option<&'a CriterionTable> {
        inst.criteria.get(&self.id)
    }
    /// The yield for use `k`: the table's, else the model's per-use value, else 0.
    fn yield_of(&self, given: Option<f64>, k: LandUse) -> f64 {
        given
            .or_else(|| self.values.get(k.as_str()).copied())
            .unwrap_or(0.0)
    }
    /// b_c at unit `u` (index) for use `k`.
    pub fn unit(&self, inst: &Instance, u: usize, k: LandUse) -> f64 {
        self.yield_of(self.table(inst).and_then(|t| t.units[u][k.index()]), k)
    }
    /// b_c at site `s` (index) for use `k`.
    pub fn site(&self, inst: &Instance, s: usize, k: LandUse) -> f64 {
        self.yield_of(self.table(inst).and_then(|t| t.sites[s][k.index()]), k)
    }
    /// Every coefficient over the (record, use) pairs the instance offers.
    fn coefficients(&self, inst: &Instance) -> Vec<f64> {
        let table = self.table(inst);
        let mut out = Vec::new();
        for (ui, u) in inst.units.iter().enumerate() {
            for k in inst.uses.iter().filter(|k| u.uses[k.index()].is_some()) {
                out.push(self.yield_of(table.and_then(|t| t.units[ui][k.index()]), k));
            }
        }
        for (si, s) in inst.sites.iter().enumerate() {
            for k in inst.uses.iter().filter(|k| s.uses[k.index()].is_some()) {
                out.push(self.yield_of(table.and_then(|t| t.sites[si][k.index()]), k));
            }
        }
        out
    }
    /// N_c, the normalising divisor (1 when the coefficients give no scale).
    pub fn scale(&self, inst: &Instance) -> f64 {
        let c = self.coefficients(inst);
        let max = c.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = c.iter().copied().fold(f64::INFINITY, f64::min);
        let n = match self.normalise {
            Normalise::None => 1.0,
            Normalise::Largest => c.iter().map(|v| v.abs()).fold(0.0, f64::max),
            Normalise::Range => max - min,
        };
        if n.is_finite() && n > 0.0 {
            n
        } else {
            1.0
        }
    }
    /// The signed weight per unit of B_c in the objective: ±w_c / N_c.
    pub fn factor(&self, inst: &Instance) -> f64 {
        self.factor_at(self.scale(inst))
    }
    fn factor_at(&self, scale: f64) -> f64 {
        let sign = match self.sense {
            Sense::More => 1.0,
            Sense::Less => -1.0,
        };
        sign * self.weight / scale
    }
    /// Problems of the criterion's settings (`at`: `objective.benefits[i]`), against the
    /// instance when given.
    pub fn validate(&self, file: &str, at: &str, inst: Option<&Instance>, out: &mut Vec<Problem>) {
        let mut push = |field: &str, m: String| out.push(Problem::new(file, at, field, m));
        if self.id.is_empty() {
            push("id", "expected a criterion id".into());
        }
        if !(self.weight.is_finite() && (0.0..=1e6).contains(&self.weight)) {
            push(
                "weight",
                format!("expected a weight in [0, 10⁶], found {}", self.weight),
            );
        }
        for (k, v) in &self.values {
            if !(v.is_finite() && v.abs() <= 1e9) {
                push(
                    &format!("values.{k}"),
                    format!("expected a number within ±10⁹, found {v}"),
                );
            }
        }
        if let Some(inst) = inst {
            for k in self
                .values
                .keys()
                .filter(|k| k.resolve(&inst.uses).is_none())
            {
                push(
                    &format!("values.{k}"),
                    format!(
                        "unknown use `{k}`: expected one of the instance's uses ({})",
                        inst.uses.list()
                    ),
                );
            }
            if let Some(t) = self.table(inst) {
                self.blank_cells(inst, t, &mut push);
            }
            if self.values.is_empty() && !inst.criteria.contains_key(&self.id) {
                let known: Vec<&str> = inst.criteria.keys().map(String::as_str).collect();
                push(
                    "id",
                    format!(
                        "criterion `{}` has no values: expected `values` per use here, or rows for it in the instance's criteria table (which has {})",
                        self.id,
                        if known.is_empty() { "none".to_string() } else { known.join(", ") }
                    ),
                );
            }
        }
    }
}

impl Benefit {
    /// A blank `value_<criterion>_<use>` cell of a record that offers the use, where the
    /// model gives no per-use value either: the yield would be 0 by omission. Reported once
    /// per use with the first records.
    fn blank_cells(
        &self,
        inst: &Instance,
        t: &CriterionTable,
        push: &mut impl FnMut(&str, String),
    ) {
        for &k in &t.columns {
            if self.values.contains_key(k.as_str()) {
                continue;
            }
            let units = inst
                .units
                .iter()
                .enumerate()
                .filter(|(i, u)| u.uses[k.index()].is_some() && t.units[*i][k.index()].is_none())
                .map(|(_, u)| u.id.as_str());
            let sites = inst
                .sites
                .iter()
                .enumerate()
                .filter(|(i, s)| s.uses[k.index()].is_some() && t.sites[*i][k.index()].is_none())
                .map(|(_, s)| s.id.as_str());
            let blank: Vec<&str> = units.chain(sites).collect();
            if blank.is_empty() {
                continue;
            }
            let shown: Vec<&str> = blank.iter().take(5).copied().collect();
            push(
                &format!("values.{k}"),
                format!(
                    "criterion `{}`: {} record(s) offer `{k}` with the value_{}_{k} cell blank ({}{}), and the model gives no `values.{k}`, so their yield would be 0 by omission: expected a number in each cell (0 when the use yields none) or `values.{k}` here",
                    self.id,
                    blank.len(),
                    self.id,
                    shown.join(", "),
                    if blank.len() > shown.len() { ", …" } else { "" }
                ),
            );
        }
    }
}

/// A criterion's amount on a plan, and what it adds to the objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenefitValue {
    pub id: String,
    pub name: String,
    /// B_c, in the criterion's own unit.
    pub value: f64,
    pub weight: f64,
    /// N_c.
    pub scale: f64,
    /// ±w_c · B_c / N_c, million yuan (or the objective's unit).
    pub contribution: f64,
}

/// A model's benefit criteria with their scales and factors, computed once per instance,
/// and each one's table looked up once.
pub struct Weighted<'a> {
    pub criteria: Vec<WeightedBenefit<'a>>,
}

/// One criterion of [`Weighted`].
pub struct WeightedBenefit<'a> {
    pub benefit: &'a Benefit,
    table: Option<&'a CriterionTable>,
    /// N_c.
    pub scale: f64,
    /// ±w_c / N_c.
    pub factor: f64,
}

impl WeightedBenefit<'_> {
    /// b_c at unit `u` (index) for use `k`.
    pub fn unit(&self, u: usize, k: LandUse) -> f64 {
        self.benefit
            .yield_of(self.table.and_then(|t| t.units[u][k.index()]), k)
    }
    /// b_c at site `s` (index) for use `k`.
    pub fn site(&self, s: usize, k: LandUse) -> f64 {
        self.benefit
            .yield_of(self.table.and_then(|t| t.sites[s][k.index()]), k)
    }
}

impl<'a> Weighted<'a> {
    pub fn new(inst: &'a Instance, objective: &'a super::Objective) -> Weighted<'a> {
        let criteria = objective
            .effective_benefits()
            .iter()
            .map(|b| {
                let scale = b.scale(inst);
                WeightedBenefit {
                    benefit: b,
                    table: b.table(inst),
                    scale,
                    factor: b.factor_at(scale),
                }
            })
            .collect();
        Weighted { criteria }
    }
    /// Σ_c ±w_c / N_c · b_c at unit `u` for use `k`: what the criteria add to `x[u,k]`'s
    /// objective coefficient.
    pub fn unit(&self, u: usize, k: LandUse) -> f64 {
        self.criteria.iter().map(|c| c.factor * c.unit(u, k)).sum()
    }
    /// The same for `y[s,k]`.
    pub fn site(&self, s: usize, k: LandUse) -> f64 {
        self.criteria.iter().map(|c| c.factor * c.site(s, k)).sum()
    }
}
