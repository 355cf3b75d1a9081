//! The plan's years: a model may declare them (`[years] first = 2011, last = 2015`), and
//! then every decision gets a year. A model without `[years]`, or with one year, is the
//! one-period programme exactly.
//!
//! **Indexing.** Each decision column (`x[u,k]`, `y[s,k]`, `c[p]`, a linkage flow) keeps its
//! period total and gains one column per year, `x[u,k]@t ≥ 0`, tied by a row
//! `phase[x[u,k]]`: Σ_t `x[u,k]@t` = `x[u,k]`. The period-end rules are stated on the totals
//! as before, so they keep their meaning at the last year; the rules that are orders in time
//! (`supplement_first`, `turnover_quota`, `annual_plan`) are stated on the year columns.
//! The cost: T more columns and one more row per decision column (a five-year model has six
//! times the decision columns of the one-period one). Per-year columns rather than a start
//! year per decision because a unit may be redeveloped over several years (a share of it
//! each year) and an LP holds that without binaries; a start year per decision would make
//! every decision a choice of one in T.
//!
//! **Money in time.** With `discount_rate` r, the value and cost of a decision done in year
//! t (index t from `first`) are discounted by d_t = (1 + r)^−t: stated in first-year money,
//! realised in the year the decision is done. The period total keeps its undiscounted
//! coefficient and each year column carries m·(d_t − 1), m the weighted value less cost of a
//! km² of the decision, so that the objective counts m·d_t per km² done in year t. Penalties,
//! benefit criteria and the linkage's transfer cost are not discounted. At r = 0 the year
//! columns carry nothing and the optimum is the one-period optimum.
//!
//! **Exogenous change** (the region's `exogenous` accounts, given for the period) is spread
//! evenly over the years in the year-end accounts.

use crate::error::Problem;
use crate::instance::uses::LandUse;
use crate::instance::{Site, StockUnit};
use serde::{Deserialize, Serialize};

/// The plan's years, from the model's `[years]` table.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Years {
    /// The first year of the plan (e.g. 2011).
    pub first: u16,
    /// The last year of the plan (e.g. 2015), ≥ `first`.
    pub last: u16,
    /// Annual discount rate of values and costs (0: undiscounted).
    #[serde(default)]
    pub discount_rate: f64,
}

/// The largest number of years a model may declare.
pub const MAX_YEARS: u16 = 50;

impl Years {
    /// The number of years, T.
    pub fn count(&self) -> usize {
        (self.last.saturating_sub(self.first) as usize) + 1
    }
    /// The calendar year of year index `t` (0 = `first`).
    pub fn year(&self, t: usize) -> u16 {
        self.first + t as u16
    }
    /// The index of calendar year `year`, when it is one of the plan's.
    pub fn index(&self, year: u16) -> Option<usize> {
        (self.first..=self.last)
            .contains(&year)
            .then(|| (year - self.first) as usize)
    }
    /// The calendar years, in order.
    pub fn calendar(&self) -> impl Iterator<Item = u16> {
        self.first..=self.last
    }
    /// The discount factor of year index `t`: (1 + r)^−t.
    pub fn discount(&self, t: usize) -> f64 {
        (1.0 + self.discount_rate).powi(-(t as i32))
    }
    /// Whether the model has more than one year (a one-year model is the one-period one).
    pub fn phased(&self) -> bool {
        self.count() > 1
    }
    /// Every problem of the table.
    pub fn validate(&self, file: &str, problems: &mut Vec<Problem>) {
        let mut push = |field: &str, message: String| {
            problems.push(Problem::new(file, "years", field, message))
        };
        if self.last < self.first {
            push(
                "last",
                format!(
                    "expected a last year ≥ the first ({}), found {}",
                    self.first, self.last
                ),
            );
        } else if self.last - self.first >= MAX_YEARS {
            push(
                "last",
                format!(
                    "expected at most {MAX_YEARS} years, found {} ({}-{})",
                    self.count(),
                    self.first,
                    self.last
                ),
            );
        }
        let r = self.discount_rate;
        if !r.is_finite() || !(0.0..1.0).contains(&r) {
            push(
                "discount_rate",
                format!("expected an annual rate in [0, 1) (0.05 for 5 %), found {r}"),
            );
        }
    }
}

/// What is done in a year, km²: the amounts annual rules bound and `years.csv` reports. Each
/// is a sum over units, sites, projects and linkage flows of a coefficient per km² that this
/// type defines ([`Activity::unit`], [`Activity::site`], [`Activity::project`],
/// [`Activity::quota`]), the one definition the programme's year rows and the check's
/// recomputation share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Construction land supplied: stock re-used for construction plus new construction.
    Supply,
    /// Stock re-used for construction uses.
    StockReuse,
    /// New construction at receiving sites.
    NewConstruction,
    /// New construction that uses the new-construction quota (年度计划指标): new
    /// construction less what the linkage's quota backs.
    NewConstructionQuota,
    /// Stock taken for redevelopment, every use (re-use, reclamation, greening).
    Redeveloped,
    /// Arable land gained by units (reclamation; an arable patch group's loss counts
    /// against it).
    Reclaimed,
    /// New arable from consolidation projects.
    Consolidated,
    /// Arable supplemented: reclaimed plus consolidated.
    Supplemented,
    /// Arable occupied by new construction.
    Occupied,
    /// Linkage quota used at receiving sites.
    QuotaUsed,
}

impl Activity {
    pub const ALL: [Activity; 10] = [
        Activity::Supply,
        Activity::StockReuse,
        Activity::NewConstruction,
        Activity::NewConstructionQuota,
        Activity::Redeveloped,
        Activity::Reclaimed,
        Activity::Consolidated,
        Activity::Supplemented,
        Activity::Occupied,
        Activity::QuotaUsed,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Activity::Supply => "supply",
            Activity::StockReuse => "stock_reuse",
            Activity::NewConstruction => "new_construction",
            Activity::NewConstructionQuota => "new_construction_quota",
            Activity::Redeveloped => "redeveloped",
            Activity::Reclaimed => "reclaimed",
            Activity::Consolidated => "consolidated",
            Activity::Supplemented => "supplemented",
            Activity::Occupied => "occupied",
            Activity::QuotaUsed => "quota_used",
        }
    }
    /// The activity as a plan's annual table names it (规划用语).
    pub fn zh(self) -> &'static str {
        match self {
            Activity::Supply => "建设用地供应",
            Activity::StockReuse => "存量建设用地利用",
            Activity::NewConstruction => "新增建设用地",
            Activity::NewConstructionQuota => "新增建设用地计划指标",
            Activity::Redeveloped => "存量用地再开发",
            Activity::Reclaimed => "复垦补充耕地",
            Activity::Consolidated => "土地整治补充耕地",
            Activity::Supplemented => "补充耕地",
            Activity::Occupied => "占用耕地",
            Activity::QuotaUsed => "挂钩指标使用",
        }
    }
    /// km² of the activity per km² of unit `u` turned to `k`.
    pub fn unit(self, u: &StockUnit, k: LandUse) -> f64 {
        let reuse = k.is_construction() as u8 as f64;
        let reclaim = crate::policy::change::arable_gain(u.account, k);
        match self {
            Activity::Supply | Activity::StockReuse => reuse,
            Activity::Redeveloped => 1.0,
            Activity::Reclaimed | Activity::Supplemented => reclaim,
            Activity::NewConstruction
            | Activity::NewConstructionQuota
            | Activity::Consolidated
            | Activity::Occupied
            | Activity::QuotaUsed => 0.0,
        }
    }
    /// km² of the activity per km² of new construction at site `s` (any construction use).
    pub fn site(self, s: &Site, _: LandUse) -> f64 {
        match self {
            Activity::Supply | Activity::NewConstruction | Activity::NewConstructionQuota => 1.0,
            Activity::Occupied => s.arable_share,
            _ => 0.0,
        }
    }
    /// km² of the activity per km² of a consolidation project.
    pub fn project(self) -> f64 {
        match self {
            Activity::Consolidated | Activity::Supplemented => 1.0,
            _ => 0.0,
        }
    }
    /// km² of the activity per km² of linkage quota used.
    pub fn quota(self) -> f64 {
        match self {
            Activity::QuotaUsed => 1.0,
            Activity::NewConstructionQuota => -1.0,
            _ => 0.0,
        }
    }
    /// Whether the activity counts stock units' allocations (else only sites, projects or
    /// flows).
    pub fn reads_units(self) -> bool {
        !matches!(
            self,
            Activity::NewConstruction
                | Activity::NewConstructionQuota
                | Activity::Consolidated
                | Activity::Occupied
                | Activity::QuotaUsed
        )
    }
}

impl std::fmt::Display for Activity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A land account read as a level at a year's end, which observed accounts (actuals) can
/// re-base: its baseline, its exogenous change, and what a km² of each decision adds to it
/// ([`Level::unit`], [`Level::site`], [`Level::project`]), the definitions of
/// [`crate::policy::change`] and the accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Arable,
    BasicFarmland,
    Construction,
    Town,
}

impl Level {
    pub const ALL: [Level; 4] = [
        Level::Arable,
        Level::BasicFarmland,
        Level::Construction,
        Level::Town,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Arable => "arable",
            Level::BasicFarmland => "basic_farmland",
            Level::Construction => "construction",
            Level::Town => "town",
        }
    }
    /// The account as a land survey names it.
    pub fn zh(self) -> &'static str {
        match self {
            Level::Arable => "耕地",
            Level::BasicFarmland => "基本农田",
            Level::Construction => "建设用地",
            Level::Town => "城镇建设用地",
        }
    }
    /// The level at the baseline, km².
    pub fn baseline(self, b: &crate::instance::Accounts) -> f64 {
        match self {
            Level::Arable => b.arable_km2,
            Level::BasicFarmland => b.basic_farmland_km2,
            Level::Construction => b.construction_km2,
            Level::Town => b.town_km2,
        }
    }
    /// The region's exogenous change of the level over the period, km².
    pub fn exogenous(self, e: &crate::instance::ExogenousChange) -> f64 {
        match self {
            Level::Arable => e.arable_km2,
            Level::BasicFarmland => e.basic_farmland_km2,
            Level::Construction | Level::Town => 0.0,
        }
    }
    /// km² of the level gained per km² of unit `u` turned to `k`.
    pub fn unit(self, u: &StockUnit, k: LandUse) -> f64 {
        use crate::policy::change::{arable_gain, construction_gain};
        match self {
            Level::Arable => arable_gain(u.account, k),
            Level::BasicFarmland => 0.0,
            Level::Construction => construction_gain(u.account, k),
            Level::Town => crate::policy::rules::town_change(u, k),
        }
    }
    /// km² of the level gained per km² of new construction for use `k` at site `s`.
    pub fn site(self, s: &Site, k: LandUse) -> f64 {
        match self {
            Level::Arable => -s.arable_share,
            Level::BasicFarmland => -s.basic_farmland_share,
            Level::Construction => 1.0,
            Level::Town => (k.is_urban_rural() && s.in_town) as u8 as f64,
        }
    }
    /// km² of the level gained per km² of a consolidation project.
    pub fn project(self) -> f64 {
        (self == Level::Arable) as u8 as f64
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Linkage quota used and not yet returned, km², from each withdrawal unit's quota sent and
/// km² reclaimed by a year's end: Σ max(0, sent − ratio · reclaimed); below 1e-6 km² none.
/// One definition for the year accounts and the project areas' timelines, so that the
/// areas add up to the region.
pub fn quota_outstanding(sent_reclaimed: impl Iterator<Item = (f64, f64)>, ratio: f64) -> f64 {
    let v: f64 = sent_reclaimed.map(|(s, r)| (s - ratio * r).max(0.0)).sum();
    if v > 1e-6 {
        v
    } else {
        0.0
    }
}

/// The share of the region's exogenous change (given for the whole period) that has
/// happened by the end of year index `t` of `years`: spread evenly, (t + 1)/T.
pub fn exogenous_share(years: Option<&Years>, t: usize) -> f64 {
    match phased(years) {
        Some(y) => (t + 1) as f64 / y.count() as f64,
        None => 1.0,
    }
}

/// The years of a model: its `[years]` when more than one, `None` for one period.
pub fn phased(years: Option<&Years>) -> Option<&Years> {
    years.filter(|y| y.phased())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_years_with_a_rate() {
        let y = Years {
            first: 2011,
            last: 2015,
            discount_rate: 0.05,
        };
        assert_eq!(y.count(), 5);
        assert_eq!(y.year(4), 2015);
        assert_eq!(y.index(2013), Some(2));
        assert_eq!(y.index(2016), None);
        assert_eq!(y.discount(0), 1.0);
        assert!((y.discount(2) - 1.0 / 1.1025).abs() < 1e-12);
        let mut p = Vec::new();
        y.validate("m.toml", &mut p);
        assert!(p.is_empty());
    }

    #[test]
    fn backwards_years_and_bad_rates_are_refused() {
        let mut p = Vec::new();
        Years {
            first: 2015,
            last: 2011,
            discount_rate: -0.1,
        }
        .validate("m.toml", &mut p);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].field, "last");
        assert_eq!(p[1].field, "discount_rate");
    }
}
