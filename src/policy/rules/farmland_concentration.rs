//! `farmland_concentration`: the concentrated basic-farmland areas keep their farmland
//! (九田: 九大片区基本农田集中区, about 140万亩).
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#farmland_concentration`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "farmland concentration areas",
    zh: "基本农田集中区",
};

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// For each concentration area `a` of the instance (an overlay that units and sites name):
///
/// - `farmland_concentration[a.area]`: arable(a) + Σ_{u∈a} `x[u,arable]` − Σ_{s∈a} a_s Σ_k `y[s,k]`
///   ≥ keep_share · arable(a): the area's arable at period end (its baseline, plus land
///   reclaimed inside, minus arable occupied by construction inside) keeps at least
///   `keep_share` of its baseline (1: no net loss);
/// - `farmland_concentration[a.basic_farmland]` (with `protect_basic_farmland`, the default):
///   Σ_{s∈a} b_s Σ_k `y[s,k]` ≤ 0: no basic farmland inside is occupied (`a_s`, `b_s`: the site's
///   arable and basic-farmland shares).
///
/// Consolidation projects and the region's exogenous change are outside the overlay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FarmlandConcentration {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// Share of each area's baseline arable kept at period end.
    #[serde(default = "one")]
    pub keep_share: f64,
    /// No basic farmland inside the areas is occupied.
    #[serde(default = "yes")]
    pub protect_basic_farmland: bool,
}

fn one() -> f64 {
    1.0
}

impl Family for FarmlandConcentration {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if !self.keep_share.is_finite() || !(0.0..=1.5).contains(&self.keep_share) {
            v.push(
                "keep_share",
                format!("expected a share of the baseline arable in [0, 1.5], found {}", self.keep_share),
            );
        }
        let Some(inst) = v.instance() else { return };
        if inst.farmland_areas.is_empty() {
            v.push(
                "enabled",
                "the instance has no farmland concentration areas: expected [[farmland_areas]] in the instance, with units and sites naming them (farmland_area)",
            );
        }
    }
}
