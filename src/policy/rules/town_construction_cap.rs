//! `town_construction_cap`: town construction land at period end.

use super::{yes, Family, Mode, Validator};
use crate::instance::{Account, StockUnit};
use crate::land_use::LandUse;
use serde::{Deserialize, Serialize};

/// `town_construction_cap`: town construction at period end ≤ max_km2, where town land at
/// period end = baseline town + Σ_{s in town} Σ_{k∈UR} y[s,k] + Σ_{u in town}
/// Σ_{k∈UR} x[u,k] − Σ_{u with account town} Σ_k x[u,k] (a unit leaves its account when
/// redeveloped, and residential or industrial re-use counts as town land where the unit
/// lies in a town).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TownConstructionCap {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

/// Change of town land per km² of unit `u` turned to use `k`: +1 for residential or
/// industrial re-use in a town, −1 for leaving the town account, both or neither.
pub fn town_change(u: &StockUnit, k: LandUse) -> f64 {
    let gained = if u.in_town && k.is_urban_rural() { 1.0 } else { 0.0 };
    let left = if u.account == Account::Town { 1.0 } else { 0.0 };
    gained - left
}

impl Family for TownConstructionCap {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("max_km2", self.max_km2);
    }
}
