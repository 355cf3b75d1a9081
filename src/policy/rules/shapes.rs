//! Shapes of settings shared by several families: a target with a band ([`Band`]), a cap
//! ([`Cap`]), a floor ([`Floor`]) and a minimum share ([`MinShare`]). A family of one of
//! these shapes is a type alias with its own formula in its own file.

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

/// A cap, km²: value ≤ max_km2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

impl Family for Cap {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("max_km2", self.max_km2);
    }
}

/// A floor, km²: value ≥ min_km2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Floor {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_km2: f64,
}

impl Family for Floor {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("min_km2", self.min_km2);
    }
}

/// A minimum share in [0, 1] of some total, stated in km² above it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinShare {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_share: f64,
}

impl Family for MinShare {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.share("min_share", self.min_share);
    }
}
