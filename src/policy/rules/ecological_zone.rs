//! `ecological_zone`: no construction growth in the listed zones.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#ecological_zone`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "no construction growth in the ecological zone",
    zh: "生态涵养发展区建设用地不增长",
};

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `ecological_zone[zone]`: construction land in each listed zone does not grow:
/// Σ_{s∈zone} Σ_k `y[s,k]` + Σ_{u∈zone} Σ_k gain(u, k) · `x[u,k]` ≤ 0, with gain the
/// construction land a km² of `u` turned to `k` adds ([`crate::policy::change`]: stock
/// re-used 0, turned to any non-construction use −1; a patch group of other land built on
/// +1, kept or greened 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EcologicalZone {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub zones: Vec<String>,
}

impl Family for EcologicalZone {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        for (i, z) in self.zones.iter().enumerate() {
            v.zone(&format!("zones[{i}]"), z);
        }
    }
}
