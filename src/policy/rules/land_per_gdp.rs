//! `land_per_gdp`: construction land per unit of GDP falls by a share over the period
//! (单位国内生产总值建设用地下降30%).
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#land_per_gdp`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "construction land per unit of GDP",
    zh: "单位国内生产总值建设用地",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::Instance;
use serde::{Deserialize, Serialize};

/// `land_per_gdp`: C_end / GDP_end ≤ (1 − decline) · C_base / GDP_base, stated on the land
/// as C_end ≤ (1 − decline) · C_base · GDP_end / GDP_base, with C_end the construction land
/// at period end (baseline + new construction − stock reclaimed to arable or ecological
/// land, as in `construction_cap`) and the GDP of the instance's `[region.gdp]` (the
/// period-end figure is a forecast: the rule's bound moves one for one with it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LandPerGdp {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// The fall of construction land per unit of GDP over the period, a share (0.30).
    pub decline: f64,
}

impl LandPerGdp {
    /// The most construction land at period end the rule allows on `inst`, km² (`None`
    /// when the instance gives no GDP).
    pub fn max_km2(&self, inst: &Instance) -> Option<f64> {
        let g = inst.region.gdp.as_ref()?;
        Some((1.0 - self.decline) * inst.region.baseline.construction_km2 * g.growth())
    }
}

impl Family for LandPerGdp {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if !self.decline.is_finite() || !(0.0..1.0).contains(&self.decline) {
            v.push(
                "decline",
                format!("expected a share in [0, 1) (0.30 for a fall of 30 %), found {}", self.decline),
            );
        }
        let Some(inst) = v.instance() else { return };
        if inst.region.gdp.is_none() {
            v.push(
                "decline",
                "the instance gives no GDP: expected [region.gdp] with baseline and period_end in the instance",
            );
        }
    }
}
