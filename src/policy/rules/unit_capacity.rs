//! `unit_capacity`: a stock unit is redeveloped at most once over (or, with `full`, exactly:
//! the area balance of a land-use structure programme).

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "stock unit area",
    zh: "存量单元面积",
};

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `unit_capacity[u]`: Σ_k x[u,k] ≤ area(u); and x[u,arable] ≤ reclaimable_share(u) · area(u)
/// (a column bound, checked under the same id). With `full = true` the row is an equality,
/// Σ_k x[u,k] = area(u): every km² of the unit is allocated to one of the uses it offers —
/// the area balance (面积平衡) of a land-use structure programme, whose units are patch
/// groups to be wholly assigned rather than stock that may stay as it is. In whole-unit mode
/// the row is Σ_k x[u,k] = area(u) · whole[u] with `whole[u]` binary. Always hard.
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
    /// Every unit wholly allocated (an equality) rather than at most once over.
    #[serde(default)]
    pub full: bool,
}

impl Family for UnitCapacity {
    const SOFTENABLE: bool = false;
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if self.mode == Mode::Soft {
            v.push(
                "mode",
                "a capacity is always hard (it states what exists; softened, it would create land): expected mode = \"hard\"",
            );
        }
        let Some(inst) = v.instance() else { return };
        if self.full {
            // a unit offering no use, or only arable on a part of it, cannot be wholly
            // allocated
            for u in &inst.units {
                let most: f64 = crate::land_use::LandUse::ALL
                    .iter()
                    .filter(|k| u.uses[k.index()].is_some())
                    .map(|&k| {
                        if k == crate::land_use::LandUse::Arable {
                            u.reclaimable_share * u.area_km2
                        } else {
                            u.area_km2
                        }
                    })
                    .fold(0.0, f64::max);
                let can = crate::land_use::LandUse::ALL
                    .iter()
                    .any(|k| *k != crate::land_use::LandUse::Arable && u.uses[k.index()].is_some())
                    || most >= u.area_km2;
                if !can && u.area_km2 > 0.0 {
                    v.push(
                        "full",
                        format!(
                            "unit {} cannot be wholly allocated: it offers {}: expected every unit to offer a use that can take all of its area",
                            u.id,
                            if most > 0.0 { "only arable on its reclaimable part" } else { "no use" }
                        ),
                    );
                }
            }
        }
    }
}
