//! `supply_mix`: each use group's share of construction land supply.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#supply_mix`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "supply mix",
    zh: "供地结构",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::uses::UseGroup;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One group's share of supply, with a band: share − band ≤ group/S ≤ share + band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MixShare {
    pub share: f64,
    #[serde(default)]
    pub band: f64,
}

impl MixShare {
    /// The lowest and highest share allowed, within [0, 1].
    pub fn limits(&self) -> (f64, f64) {
        (
            (self.share - self.band).max(0.0),
            (self.share + self.band).min(1.0),
        )
    }
}

/// `supply_mix[group.min]`, `supply_mix[group.max]`: for each group g (residential,
/// industrial, infrastructure), G_g − (share_g − band_g)·S ≥ 0 and
/// G_g − (share_g + band_g)·S ≤ 0, where G_g is the group's supply from stock and sites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyMix {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub shares: BTreeMap<UseGroup, MixShare>,
}

impl Family for SupplyMix {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        for (g, s) in &self.shares {
            if *g == UseGroup::NonConstruction {
                v.push(
                    &format!("shares.{g}"),
                    "expected residential, industrial or infrastructure",
                );
            }
            v.share(&format!("shares.{g}.share"), s.share);
            v.share(&format!("shares.{g}.band"), s.band);
        }
    }
}
