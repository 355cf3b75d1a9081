//! `resettlement`: people moved out of redeveloped homesteads are rehoused in affordable
//! housing; owns the policy definition of a unit's resettlement density.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#resettlement`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "resettlement of withdrawn villages",
    zh: "搬迁安置",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::{StockUnit, UnitKind};
use serde::{Deserialize, Serialize};

/// `resettlement`: people moved out of redeveloped units of `kinds` are housed in
/// affordable housing, at `land_m2_per_person` m² of affordable-housing land per person.
/// A unit's demand is δ_u · Σ_k `x[u,k]` km², δ_u = population / area · land_m2_per_person /
/// 10⁶ ([`Resettlement::density`]). Rows:
/// - `resettlement[district]`: Σ_{u∈d} δ_u Σ_k `x[u,k]` − Σ_{e out of d} `r[e]` + Σ_{e into d}
///   `r[e]` ≤ affordable housing in d (stock and sites), where `r[e]` is affordable land at a
///   site in another district taken by people from the unit at the edge's other end;
/// - `resettlement[u>s]`: `r[e]` ≤ δ_u · `f[e]` / ratio (people follow their quota: only sites
///   linked to them by a flow house them);
/// - `resettlement[s]`: Σ_{e into s} `r[e]` ≤ `y[s,affordable]` (they are housed at that site,
///   in its affordable housing, not elsewhere in its district).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resettlement {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    #[serde(default = "homesteads")]
    pub kinds: Vec<UnitKind>,
    pub land_m2_per_person: f64,
}

fn homesteads() -> Vec<UnitKind> {
    vec![UnitKind::RuralHomestead]
}

impl Resettlement {
    /// Resettlement demand per km² redeveloped of unit `u`, km² of affordable-housing land:
    /// δ_u for a unit of `kinds`, 0 for any other.
    pub fn density(&self, u: &StockUnit) -> f64 {
        if self.kinds.contains(&u.kind) && u.area_km2 > 0.0 {
            u.population / u.area_km2 * self.land_m2_per_person / 1e6
        } else {
            0.0
        }
    }
}

impl Family for Resettlement {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if !self.land_m2_per_person.is_finite() || self.land_m2_per_person < 0.0 {
            v.push(
                "land_m2_per_person",
                format!(
                    "expected a finite area ≥ 0 m² per person, found {}",
                    self.land_m2_per_person
                ),
            );
        }
    }
}
