//! `new_construction_quota`.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `new_construction_quota`: Y = Σ_s Σ_k y[s,k] ≤ max_km2 (new construction land); with the linkage, Y − L ≤ max_km2 (linkage-backed construction does not use the quota).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewConstructionQuota {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

impl Family for NewConstructionQuota {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("max_km2", self.max_km2);
    }
}
