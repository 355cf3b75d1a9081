//! `site_capacity`: new construction at a site stays within its capacity.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `site_capacity[s]`: Σ_k y[s,k] ≤ capacity(s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteCapacity {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
}

impl Family for SiteCapacity {
    enforcement!();
    fn validate(&self, _: &mut Validator<'_>) {}
}
