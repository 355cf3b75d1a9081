//! `basic_farmland`.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `basic_farmland`: baseline basic farmland + exogenous change − Σ_s b_s·Σ_k y[s,k] ≥ min_km2 (`b_s` the site's basic-farmland share).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicFarmland {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_km2: f64,
}

impl Family for BasicFarmland {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("min_km2", self.min_km2);
    }
}
