//! `construction_cap`.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `construction_cap`: construction at period end = baseline construction + Y − Σ_u (x[u,arable] + x[u,ecological]) ≤ max_km2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConstructionCap {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

impl Family for ConstructionCap {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("max_km2", self.max_km2);
    }
}
