//! `unit_capacity`: a stock unit is redeveloped at most once over.

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `unit_capacity[u]`: Σ_k x[u,k] ≤ area(u); and x[u,arable] ≤ reclaimable_share(u) · area(u)
/// (a column bound, checked under the same id). In whole-unit mode the row is
/// Σ_k x[u,k] = area(u) · whole[u] with `whole[u]` binary. Always hard.
///
/// Without this family, each column x[u,k] is still bounded by area(u) on its own (a unit
/// cannot take more than its area in any one use), but the uses of a unit together may
/// then exceed its area: a model without `unit_capacity` lets a unit be counted several
/// times over, and should say why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitCapacity {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
}

impl Family for UnitCapacity {
    /// A capacity states what exists: softening it would let the optimiser (or the elastic
    /// diagnosis) create land.
    const SOFTENABLE: bool = false;
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if self.mode == Mode::Soft {
            v.push(
                "mode",
                "unit_capacity is always hard (a unit cannot be redeveloped beyond its area): expected mode = \"hard\"",
            );
        }
    }
}
