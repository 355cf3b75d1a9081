//! `non_construction_share`.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `non_construction_share`: non-construction land at period end = total area − construction at period end ≥ min_share · total area (stated in km²).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonConstructionShare {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_share: f64,
}

impl Family for NonConstructionShare {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.share("min_share", self.min_share);
    }
}
