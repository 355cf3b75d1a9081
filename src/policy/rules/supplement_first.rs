//! `supplement_first`: arable supplemented before it is occupied (先补后占), year by year.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#supplement_first`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "farmland supplemented before it is occupied",
    zh: "先补后占",
};

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `supplement_first[area@t]`, for every year t of the model's `[years]`: arable supplemented
/// by the end of year t − lag (reclaimed by units and consolidated by projects,
/// [`Activity::Supplemented`](crate::policy::years::Activity)) plus the reserve banked before
/// the plan ≥ arable occupied by new construction by the end of year t
/// ([`Activity::Occupied`](crate::policy::years::Activity)):
///
/// reserve + Σ_{τ ≤ t − lag} (R@τ + Σ_p `c[p]`@τ) − Σ_{τ ≤ t} O@τ ≥ 0.
///
/// With `lag_years = 0` supplement done in a year backs occupation in that year; with 1 it
/// must be done the year before (a strict reading of 先补后占). At the last year and lag 0
/// it is `occupation_balance[area]` (the period-end balance) plus the reserve. With
/// `quality_weighted`, also `supplement_first[quality@t]`, each term weighted by its arable
/// grade (w(g) = (16 − g)/15, as `occupation_balance`), the reserve counted at weight 1.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplementFirst {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// Years by which supplement must precede the occupation it backs (0: the same year).
    #[serde(default)]
    pub lag_years: u16,
    /// Arable supplemented before the plan and not yet used (补充耕地储备), km².
    #[serde(default)]
    pub reserve_km2: f64,
    /// Also balanced in quality-weighted area (占优补优).
    #[serde(default)]
    pub quality_weighted: bool,
}

impl Family for SupplementFirst {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.km2("reserve_km2", self.reserve_km2);
        if let Some(y) = v.needs_years("enabled") {
            if self.lag_years as usize >= y.count().max(1) && y.count() > 1 {
                v.push(
                    "lag_years",
                    format!(
                        "expected a lag shorter than the plan's {} years, found {}",
                        y.count(),
                        self.lag_years
                    ),
                );
            }
        }
    }
}
