//! `site_capacity`: new construction at a site stays within its capacity.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `site_capacity[s]`: Σ_k y[s,k] ≤ capacity(s). Always hard. Without this family each
/// column y[s,k] is still bounded by capacity(s) on its own, but the uses of a site together
/// may exceed it.
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
    /// A capacity states what exists: softening it would let the optimiser (or the elastic
    /// diagnosis) create land.
    const SOFTENABLE: bool = false;
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if self.mode == Mode::Soft {
            v.push(
                "mode",
                "site_capacity is always hard (a site cannot take more than its capacity): expected mode = \"hard\"",
            );
        }
    }
}
