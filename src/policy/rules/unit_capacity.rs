//! `unit_capacity`: a stock unit is redeveloped at most once over (or, with `full`, exactly:
//! the area balance of a land-use structure programme).
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#unit_capacity`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "stock unit area",
    zh: "存量单元面积",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::uses::{LandUse, Role};
use serde::{Deserialize, Serialize};

/// `unit_capacity[u]`: Σ_k `x[u,k]` ≤ area(u); and `x[u,arable]` ≤ reclaimable_share(u) · area(u)
/// (a column bound, checked under the same id). With `full = true` the row is an equality,
/// Σ_k `x[u,k]` = area(u): every km² of the unit is allocated to one of the uses it offers —
/// the area balance (面积平衡) of a land-use structure programme, whose units are patch
/// groups to be wholly assigned rather than stock that may stay as it is. In whole-unit mode
/// the row is Σ_k `x[u,k]` = area(u) · `whole[u]` with `whole[u]` binary. Always hard.
///
/// **Prices.** The row's price is what one more km² of the unit's area is worth. The arable
/// bound moves with the area too; at a reclaimable share of 1 it is the area itself, which
/// the row already bounds, so the programme leaves it off and the row's price is the whole
/// of d(objective)/d(area). Below 1 it is a rule of its own (what can be reclaimed): its
/// price is the arable column's reduced cost (`columns.csv`), and one more km² of area is
/// worth the row's price plus the share times that reduced cost.
///
/// Without this family, each column `x[u,k]` is still bounded by area(u) on its own (a unit
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
        super::super::shapes::always_hard(v, self.mode);
        let Some(inst) = v.instance() else { return };
        if !self.full {
            return;
        }
        // each unit needs a use that can take all of it: any use but arable, or arable on
        // a wholly reclaimable unit
        for u in inst.units.iter().filter(|u| u.area_km2 > 0.0) {
            let offers = |k: LandUse| u.uses[k.index()].is_some();
            let whole = inst
                .uses
                .iter()
                .any(|k| offers(k) && (!k.is(Role::Arable) || u.reclaimable_share >= 1.0));
            if !whole {
                let what = if inst.uses.with_role(Role::Arable).any(offers) {
                    "only arable on its reclaimable part"
                } else {
                    "no use"
                };
                v.push(
                    "full",
                    format!("unit {} cannot be wholly allocated: it offers {what}: expected every unit to offer a use that can take all of its area", u.id),
                );
            }
        }
    }
}
