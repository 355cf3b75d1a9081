//! `stock_target`: stock redevelopment per zone.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "stock redevelopment target",
    zh: "存量建设用地挖潜",
};

use super::{yes, Family, Mode, Validator};
use crate::land_use::LandUse;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `stock_target[zone]`: Σ_{u∈zone} Σ_{k∈counts} x[u,k] = target(zone) ± tolerance.
/// `counts` says which uses count as redevelopment (default all six: re-use for
/// construction and reclamation to arable or ecological land both count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StockTarget {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// km² per zone id.
    pub targets_km2: BTreeMap<String, f64>,
    #[serde(default)]
    pub tolerance_km2: f64,
    /// The band as a share of each zone's target (instead of `tolerance_km2`).
    #[serde(default)]
    pub tolerance_share: Option<f64>,
    /// How the plan states the targets (default: about with a band, exact without).
    #[serde(default)]
    pub reading: Option<super::Reading>,
    #[serde(default = "all_uses")]
    pub counts: Vec<LandUse>,
}

fn all_uses() -> Vec<LandUse> {
    LandUse::ALL.to_vec()
}

impl StockTarget {
    /// The bounds of a zone's row for `target` (an open side infinite), as the reading
    /// says.
    pub fn bounds(&self, target: f64) -> (f64, f64) {
        super::Target::of(self.reading, target, self.tolerance_km2, self.tolerance_share)
            .bounds(target)
    }
}

impl Family for StockTarget {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("tolerance_km2", self.tolerance_km2);
        super::super::shapes::check_reading(v, self.reading, self.tolerance_km2, self.tolerance_share);
        if self.counts.is_empty() {
            v.push(
                "counts",
                "expected at least one use that counts as redevelopment",
            );
        }
        let stock = v.instance().map(|i| i.stock_area_by_zone());
        for (zone, &target) in &self.targets_km2 {
            let field = format!("targets_km2.{zone}");
            v.km2(&field, target);
            v.zone(&field, zone);
            let z = v.instance().and_then(|i| i.zone_index(zone));
            if let (Some(z), Some(stock)) = (z, &stock) {
                if self.bounds(target).0 > stock[z] + 1e-9 {
                    v.push(
                        &field,
                        format!(
                            "target {target} km² is larger than the zone's candidate stock ({:.3} km²): expected at most what exists",
                            stock[z]
                        ),
                    );
                }
            }
        }
    }
}
