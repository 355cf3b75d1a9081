//! `eligibility`: which uses a unit or a site may take at all.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#eligibility`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "eligible uses",
    zh: "用途准入",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::{Site, StockUnit};
use crate::instance::uses::{listed_or, LandUse, UseRef};
use serde::{Deserialize, Serialize};

/// `eligibility`: a unit inside an ecological redline takes only `redline_uses`; a unit
/// inside a basic-farmland protection area takes only `basic_farmland_area_uses`; a site
/// with basic farmland (`basic_farmland_share > 0`) takes no new construction unless
/// `allow_sites_on_basic_farmland`. Ineligible pairs get no column; the check verifies
/// that the allocation gives them nothing. Always hard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// Default: every non-construction use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redline_uses: Option<Vec<UseRef>>,
    /// Default: every non-construction use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic_farmland_area_uses: Option<Vec<UseRef>>,
    #[serde(default = "yes")]
    pub allow_sites_on_basic_farmland: bool,
}

impl Eligibility {
    /// Whether unit `u` may take use `k`.
    pub fn unit_allows(&self, u: &StockUnit, k: LandUse) -> bool {
        let non_construction = |k: LandUse| !k.is_construction();
        let redline_ok = !u.in_redline || listed_or(&self.redline_uses, k, non_construction);
        let farmland_ok = !u.in_basic_farmland_area
            || listed_or(&self.basic_farmland_area_uses, k, non_construction);
        redline_ok && farmland_ok
    }
    /// Whether site `s` may take new construction at all.
    pub fn site_allows(&self, s: &Site) -> bool {
        self.allow_sites_on_basic_farmland || s.basic_farmland_share <= 0.0
    }
}

impl Family for Eligibility {
    /// Eligibility decides which columns exist: it cannot be softened.
    const SOFTENABLE: bool = false;
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if self.mode == Mode::Soft {
            v.push("mode", "eligibility is always hard: expected mode = \"hard\"");
        }
        v.uses("redline_uses", self.redline_uses.iter().flatten());
        v.uses(
            "basic_farmland_area_uses",
            self.basic_farmland_area_uses.iter().flatten(),
        );
    }
}
