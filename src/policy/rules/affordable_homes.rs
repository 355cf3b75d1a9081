//! `affordable_homes`: land for a number of affordable homes (确保完成建设100万套保障性住房
//! 用地供应).
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#affordable_homes`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "land for affordable homes",
    zh: "保障性住房用地（按套数目标折算）",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::uses::Role;
use serde::{Deserialize, Serialize};

/// `affordable_homes`: homes_per_km2 · (A_stock + A_new) ≥ homes, stated on the land as
/// A_stock + A_new ≥ homes / homes_per_km2 (A: affordable-housing land, from stock and at
/// sites). The density turns a count of homes into land; it is a model parameter, to be
/// stated with its reasoning (floor area ratio × net share of residential land / floor area
/// per home).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AffordableHomes {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// Homes the plan promises land for.
    pub homes: f64,
    /// Homes per km² of affordable-housing land.
    pub homes_per_km2: f64,
}

impl AffordableHomes {
    /// The land the homes need, km².
    pub fn land_km2(&self) -> f64 {
        self.homes / self.homes_per_km2
    }
}

impl Family for AffordableHomes {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if !(self.homes.is_finite() && self.homes >= 0.0 && self.homes <= 1e9) {
            v.push("homes", format!("expected a number of homes in [0, 10⁹], found {}", self.homes));
        }
        if !(self.homes_per_km2.is_finite() && self.homes_per_km2 >= 1.0 && self.homes_per_km2 <= 1e6) {
            v.push(
                "homes_per_km2",
                format!("expected a density in [1, 10⁶] homes per km², found {}", self.homes_per_km2),
            );
            return;
        }
        // the most affordable land the instance offers: units and sites offering the use
        let Some(inst) = v.instance() else { return };
        let offers = |uses: &[Option<crate::instance::Economics>]| {
            inst.uses.with_role(Role::Affordable).any(|k| uses[k.index()].is_some())
        };
        let most: f64 = inst
            .units
            .iter()
            .filter(|u| offers(&u.uses))
            .map(|u| u.area_km2)
            .chain(inst.sites.iter().filter(|s| offers(&s.uses)).map(|s| s.capacity_km2))
            .sum();
        let need = self.land_km2();
        if need > most + 1e-9 {
            v.push(
                "homes",
                format!("{} homes at {} per km² need {need:.3} km² of affordable-housing land, more than the instance offers ({most:.3} km²): expected a target it can meet", self.homes, self.homes_per_km2),
            );
        }
    }
}
