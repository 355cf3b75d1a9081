//! `turnover_quota`: the linkage's turnover quota (挂钩周转指标) returned within a deadline,
//! year by year.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#turnover_quota`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "linkage turnover quota returned in time",
    zh: "挂钩周转指标归还",
};

use super::{yes, Family, Mode, Validator};
use serde::{Deserialize, Serialize};

/// The linkage's turnover quota in time (国土资发〔2008〕138号: construction backed by a
/// village's quota may start before the village is reclaimed; the quota is returned, by
/// reclaiming, within a deadline). On the linkage network of `linkage_balance`, with the
/// model's `[years]` and L = `deadline_years`:
/// - `turnover_quota[s@t]`: Σ_{e into s} `f[e]`@t ≤ Σ_k `y[s,k]`@t, quota used in year t backs
///   construction at the site in that year (so quota cannot be drawn for construction done
///   earlier, which would evade the deadline);
/// - `turnover_quota[u@t]` (per pool with `pool = "node"`): Σ_{e from u} Σ_{τ≤t} `f[e]`@τ ≤
///   ratio · Σ_{τ≤t+L} `x[u,arable]`@τ, for every year t with t + L before the last year: quota
///   used by the end of year t is reclaimed by the end of year t + L. Beyond the horizon the
///   period row `linkage_balance[u]` holds: every quota is returned by the plan's last year.
///
/// - `turnover_quota[max@t]` (with `max_outstanding_km2` = C), for every year t: Σ_e Σ_{τ≤t}
///   `f[e]`@τ − ratio · Σ_{u withdrawal} Σ_{τ≤t} `x[u,arable]`@τ ≤ C, the region's turnover
///   balance (quota used by the year's end less quota returned by reclaiming by then) within
///   the turnover quota issued to it (下达的周转指标). The balance is the region's, as the
///   quota is issued: a village reclaimed ahead of its use offsets another's borrowing, so
///   it is at most the year accounts' `quota_outstanding` (summed unit by unit).
///
/// L = 0 is 拆旧先行 (reclaim first): quota only from what is already reclaimed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TurnoverQuota {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// Years within which quota used must be returned by reclamation (3 under 138号).
    #[serde(default = "three")]
    pub deadline_years: u16,
    /// The turnover quota issued to the region, km²: quota used and not yet returned may
    /// not exceed it at any year's end (no cap when absent).
    #[serde(default)]
    pub max_outstanding_km2: Option<f64>,
}

fn three() -> u16 {
    3
}

impl Family for TurnoverQuota {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        v.needs_years("enabled");
        if let Some(c) = self.max_outstanding_km2 {
            v.km2("max_outstanding_km2", c);
        }
    }
}
