//! `transport_access`: residential and industrial uses need a station nearby.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#transport_access`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "transport access",
    zh: "交通可达性",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::uses::{listed_or, LandUse, UseRef};
use serde::{Deserialize, Serialize};

/// `transport_access`: uses in `uses` (default residential and industrial) need a rail or
/// public-transport station within `max_station_km`, at stock units and at sites. Hard:
/// a unit or site farther away gets no such column. Soft: it may, at a cost of
/// `penalty` million yuan per km² per km beyond `max_station_km`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransportAccess {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_station_km: f64,
    /// The uses the rule concerns; default: every urban-rural use (residential and
    /// industrial).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uses: Option<Vec<UseRef>>,
}

impl TransportAccess {
    /// km beyond `max_station_km` for use `k` at a place `station_km` from a station
    /// (0 when the rule does not concern `k` or the place is close enough).
    pub fn km_beyond(&self, k: LandUse, station_km: f64) -> f64 {
        if listed_or(&self.uses, k, LandUse::is_urban_rural) && station_km > self.max_station_km {
            station_km - self.max_station_km
        } else {
            0.0
        }
    }
}

impl Family for TransportAccess {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("max_station_km", self.max_station_km);
        v.uses("uses", self.uses.iter().flatten());
    }
}
