//! `arable_floor`.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `arable_floor`: arable at period end = baseline arable + exogenous change + R + Σ_p c[p] − O ≥ min_km2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArableFloor {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_km2: f64,
}

impl Family for ArableFloor {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("min_km2", self.min_km2);
    }
}
