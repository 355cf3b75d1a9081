//! `affordable_share`.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `affordable_share`: affordable supply ≥ min_share · residential supply, stated as (1 − min_share)·A − min_share·M ≥ 0 (A affordable, M market, from stock and sites).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AffordableShare {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_share: f64,
}

impl Family for AffordableShare {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.share("min_share", self.min_share);
    }
}
