//! `stock_target`: stock redevelopment per zone.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#stock_target`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "stock redevelopment target",
    zh: "存量建设用地挖潜",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::uses::{listed_or, LandUse, UseRef};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `stock_target[zone]`: Σ_{u∈zone} Σ_{k∈counts} `x[u,k]` = target(zone) ± tolerance.
/// `counts` says which uses count as redevelopment (default all six: re-use for
/// construction and reclamation to arable or ecological land both count).
///
/// `stock_target` (the whole region, with `total_km2`): Σ_u Σ_{k∈counts} `x[u,k]` against a
/// city-wide target read by `total_reading` (`at_least` for 力争…挖潜200平方公里, `at_most`,
/// `exact`, or `about` with `total_tolerance_km2`) — a plan may state both a total and its
/// split by zone, each in its own words.
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
    #[serde(default)]
    pub targets_km2: BTreeMap<String, f64>,
    #[serde(default)]
    pub tolerance_km2: f64,
    /// The band as a share of each zone's target (instead of `tolerance_km2`).
    #[serde(default)]
    pub tolerance_share: Option<f64>,
    /// How the plan states the targets (default: about with a band, exact without).
    #[serde(default)]
    pub reading: Option<super::Reading>,
    /// The uses that count as redevelopment; default: every use.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Vec<UseRef>>,
    /// A city-wide target, km², over every unit.
    #[serde(default)]
    pub total_km2: Option<f64>,
    /// How the plan states the city-wide target (required with `total_km2`).
    #[serde(default)]
    pub total_reading: Option<super::Reading>,
    /// Half-width of the city-wide band when read `about`, km².
    #[serde(default)]
    pub total_tolerance_km2: f64,
}

impl StockTarget {
    /// Whether use `k` counts toward the targets.
    pub fn counts(&self, k: LandUse) -> bool {
        listed_or(&self.counts, k, |_| true)
    }

    /// The bounds of a zone's row for `target` (an open side infinite), as the reading
    /// says.
    pub fn bounds(&self, target: f64) -> (f64, f64) {
        super::Target::of(self.reading, target, self.tolerance_km2, self.tolerance_share)
            .bounds(target)
    }
}

impl StockTarget {
    /// The bounds of the city-wide row, when there is one.
    pub fn total_bounds(&self) -> Option<(f64, f64)> {
        let total = self.total_km2?;
        Some(
            super::Target::of(
                Some(self.total_reading.unwrap_or(super::Reading::Exact)),
                total,
                self.total_tolerance_km2,
                None,
            )
            .bounds(total),
        )
    }

    fn validate_total(&self, v: &mut Validator<'_>) {
        use super::Reading;
        v.km2("total_tolerance_km2", self.total_tolerance_km2);
        let Some(total) = self.total_km2 else {
            if self.total_reading.is_some() || self.total_tolerance_km2 != 0.0 {
                v.push("total_km2", "a reading or band of the city-wide target without the target: expected total_km2");
            }
            return;
        };
        v.km2("total_km2", total);
        match (self.total_reading, self.total_tolerance_km2 > 0.0) {
            (None, _) => v.push(
                "total_reading",
                "expected how the plan states the city-wide target: at_least (力争, 不低于), at_most (以内, 控制在), about (左右, 约; with total_tolerance_km2) or exact",
            ),
            (Some(Reading::About), false) => v.push(
                "total_tolerance_km2",
                "an `about` reading needs its band: expected total_tolerance_km2 > 0",
            ),
            (Some(r), true) if r != Reading::About => v.push(
                "total_tolerance_km2",
                format!("a band contradicts the reading `{}`: expected total_reading = \"about\" or no band", r.as_str()),
            ),
            _ => {}
        }
        if let (Some(inst), Some((lo, _))) = (v.instance(), self.total_bounds()) {
            let stock: f64 = inst.units.iter().map(|u| u.area_km2).sum();
            if lo > stock + 1e-9 {
                v.push(
                    "total_km2",
                    format!("target {total} km² is larger than the candidate stock ({stock:.3} km²): expected at most what exists"),
                );
            }
        }
    }
}

impl Family for StockTarget {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        self.validate_total(v);
        v.uses("counts", self.counts.iter().flatten());
        if self.targets_km2.is_empty() && self.total_km2.is_none() {
            v.push("targets_km2", "expected targets per zone (targets_km2), a city-wide target (total_km2) or both");
        }
        v.km2("tolerance_km2", self.tolerance_km2);
        super::super::shapes::check_reading(v, self.reading, self.tolerance_km2, self.tolerance_share);
        if self.counts.as_ref().is_some_and(|l| l.is_empty()) {
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
