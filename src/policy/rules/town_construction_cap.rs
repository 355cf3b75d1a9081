//! `town_construction_cap`: town construction land at period end.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#town_construction_cap`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "town construction land",
    zh: "城镇建设用地规模",
};

use crate::instance::{Account, StockUnit};
use crate::instance::uses::LandUse;

/// `town_construction_cap`: town construction at period end ≤ max_km2, where town land at
/// period end = baseline town + Σ_{s in town} Σ_{k∈UR} `y[s,k]` + Σ_{u in town}
/// Σ_{k∈UR} `x[u,k]` − Σ_{u with account town} Σ_k `x[u,k]` (a unit leaves its account when
/// redeveloped, and residential or industrial re-use counts as town land where the unit
/// lies in a town).
pub type TownConstructionCap = super::Cap;

/// Change of town land per km² of unit `u` turned to use `k`: +1 for residential or
/// industrial re-use in a town, −1 for leaving the town account, both or neither.
pub fn town_change(u: &StockUnit, k: LandUse) -> f64 {
    let gained = if u.in_town && k.is_urban_rural() { 1.0 } else { 0.0 };
    let left = if u.account == Account::Town { 1.0 } else { 0.0 };
    gained - left
}
