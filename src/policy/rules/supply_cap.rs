//! `supply_cap`.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `supply_cap`: S = X + Y ≤ max_km2 (construction land supply over the period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyCap {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

impl Family for SupplyCap {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("max_km2", self.max_km2);
    }
}
