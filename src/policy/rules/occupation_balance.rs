//! `occupation_balance`: arable supplemented ≥ arable occupied (占补平衡), in area and
//! optionally in quality.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#occupation_balance`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "farmland occupied and supplemented in balance",
    zh: "占补平衡",
};

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// `occupation_balance[area]`: R + Σ_p `c[p]` − O ≥ 0 (占补平衡: arable supplemented ≥ arable
/// occupied by new construction). With `quality_weighted`, also
/// `occupation_balance[quality]`: Σ_u w(g_u)·`x[u,arable]` + Σ_p w(g_p)·`c[p]` −
/// Σ_s w(g_s)·a_s·Σ_k `y[s,k]` ≥ 0 (占优补优), with quality weight w(g) = (16 − g)/15 for
/// arable grade g (1 best → 1, 15 worst → 1/15).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OccupationBalance {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    #[serde(default)]
    pub quality_weighted: bool,
}

/// Quality weight of arable grade `g` (1 best ... 15 worst): w(g) = (16 − g)/15.
pub fn quality_weight(grade: u8) -> f64 {
    (16.0 - grade as f64) / 15.0
}

impl Family for OccupationBalance {
    enforcement!();
    fn validate(&self, _: &mut Validator<'_>) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_weight_spans_grades() {
        assert_eq!(quality_weight(1), 1.0);
        assert!((quality_weight(15) - 1.0 / 15.0).abs() < 1e-12);
    }
}
