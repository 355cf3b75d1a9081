//! `stock_share`.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `stock_share`: X ≥ min_share · S, stated as (1 − min_share)·X − min_share·Y ≥ 0 (km² of stock re-use above the required share); with the linkage counted as stock, X + L ≥ min_share · S.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StockShare {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_share: f64,
}

impl Family for StockShare {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.share("min_share", self.min_share);
    }
}
