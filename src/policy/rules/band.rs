//! A target with a tolerance band, km²: the settings shape of `urban_rural_supply`,
//! `urban_rural_stock` and other "about N km²" targets.

use super::{enforcement, yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// A target with a tolerance band, km²: target − tolerance ≤ value ≤ target + tolerance
/// (the lower end cut at 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub target_km2: f64,
    #[serde(default)]
    pub tolerance_km2: f64,
}

impl Band {
    /// The band's bounds on the value: (max(0, target − tolerance), target + tolerance).
    pub fn bounds(&self) -> (f64, f64) {
        (
            (self.target_km2 - self.tolerance_km2).max(0.0),
            self.target_km2 + self.tolerance_km2,
        )
    }
}

impl Family for Band {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("target_km2", self.target_km2);
        v.km2("tolerance_km2", self.tolerance_km2);
    }
}
