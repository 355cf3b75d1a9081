//! `annual_plan`: the plan's annual figures (年度计划) as limits on what is done each year.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#annual_plan`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "annual plan",
    zh: "年度计划",
};

use super::{yes, Family, Mode, Validator};
use crate::policy::years::{Activity, Level};
use crate::policy::Years;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `annual_plan[id.max@t]` / `annual_plan[id.min@t]` (`annual_plan[district.id.max@t]` for a
/// district's limit): for each limit and each year t it names, the limit's activity
/// ([`Activity`]: supply, stock re-use, new construction, the new-construction quota,
/// redevelopment, reclamation, consolidation, supplement, occupation, linkage quota) done in
/// year t — or by the end of year t with `cumulative` — in the region or in `district`, is at
/// most `max_km2[t]` and at least `min_km2[t]`:
///
/// min_t ≤ Σ_{τ ∈ T(t)} A@τ ≤ max_t, T(t) = {t}, or {first, …, t} when cumulative.
///
/// An annual state-owned land supply plan (国有建设用地供应计划) is `activity = "supply"` with a
/// `max_km2` per year; the annual new-construction quota (年度计划指标) is
/// `"new_construction_quota"`; an annual consolidation programme (土地开发整理年度计划) is
/// `"consolidated"` with a `min_km2`; what a district can demolish or reclaim per year is a
/// `"redeveloped"` or `"reclaimed"` limit with `district`. A limit on a `level` bounds the
/// region's account at each year's end instead (baseline + exogenous change by then + the
/// level's change by the decisions up to then, re-based in a re-plan from the observed
/// year on): an annual arable floor, a construction cap by year. Years a limit does not
/// name are free.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualPlan {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub limits: Vec<Limit>,
}

/// One annual figure of the plan, by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    /// The limit's name in row names (default: the activity's or the level's).
    #[serde(default)]
    pub id: Option<String>,
    /// What is done in the year (or by its end with `cumulative`).
    #[serde(default)]
    pub activity: Option<Activity>,
    /// Or a level at the year's end (`arable`, `basic_farmland`, `construction`, `town`;
    /// the region's): an annual floor or cap on an account, as 耕地保有量 by year.
    #[serde(default)]
    pub level: Option<Level>,
    /// A district's limit (its id); the region's without.
    #[serde(default)]
    pub district: Option<String>,
    /// km² at most, by calendar year (`{ 2011 = 65.0, 2012 = 57.0 }`).
    #[serde(default)]
    pub max_km2: BTreeMap<String, f64>,
    /// km² at least, by calendar year.
    #[serde(default)]
    pub min_km2: BTreeMap<String, f64>,
    /// Bound the amount done by the end of each year rather than in it.
    #[serde(default)]
    pub cumulative: bool,
    /// Where the figures come from (a document, a date).
    #[serde(default)]
    pub source: Option<String>,
}

impl Limit {
    /// The limit's name.
    pub fn name(&self) -> &str {
        self.id.as_deref().unwrap_or(match (self.activity, self.level) {
            (Some(a), _) => a.as_str(),
            (None, Some(l)) => l.as_str(),
            (None, None) => "limit",
        })
    }
    /// The index of the limit's district in `inst` (`None`: the region's, or a district the
    /// instance lacks, which validation refuses).
    pub fn district_index(&self, inst: &crate::instance::Instance) -> Option<usize> {
        let d = self.district.as_ref()?;
        inst.districts.iter().position(|x| &x.id == d)
    }
    /// The limit's name in row names: `name`, or `district.name` for a district's.
    pub fn scoped_name(&self) -> String {
        match &self.district {
            Some(d) => format!("{d}.{}", self.name()),
            None => self.name().to_string(),
        }
    }
    /// The limit's (year index, min, max) on `years`, in year order; a year given only one
    /// side has the other open. Years outside the plan are left out (validation refuses
    /// them).
    pub fn by_year(&self, years: &Years) -> Vec<(usize, Option<f64>, Option<f64>)> {
        let read = |m: &BTreeMap<String, f64>| -> BTreeMap<usize, f64> {
            m.iter()
                .filter_map(|(y, &v)| {
                    let t = years.index(y.parse().ok()?)?;
                    Some((t, v))
                })
                .collect()
        };
        let (lo, hi) = (read(&self.min_km2), read(&self.max_km2));
        let mut ts: Vec<usize> = lo.keys().chain(hi.keys()).copied().collect();
        ts.sort_unstable();
        ts.dedup();
        ts.into_iter()
            .map(|t| (t, lo.get(&t).copied(), hi.get(&t).copied()))
            .collect()
    }
}

impl Family for AnnualPlan {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        let years = v.needs_years("limits");
        if self.limits.is_empty() {
            v.push("limits", "expected at least one limit");
        }
        for (i, l) in self.limits.iter().enumerate() {
            let at = |f: &str| format!("limits[{i}].{f}");
            if self.limits[..i]
                .iter()
                .any(|o| o.name() == l.name() && o.district == l.district)
            {
                v.push(
                    &at("id"),
                    format!(
                        "limit `{}` is given twice for the same scope: give each an id",
                        l.name()
                    ),
                );
            }
            if l.activity.is_some() == l.level.is_some() {
                v.push(
                    &at("activity"),
                    "expected either an activity (done in the year) or a level (at the year's end)",
                );
            }
            if l.level.is_some() && l.district.is_some() {
                v.push(
                    &at("district"),
                    "a level is bounded for the region (a district's accounts at each year's end are not kept): remove district",
                );
            }
            if l.level.is_some() && l.cumulative {
                v.push(
                    &at("cumulative"),
                    "a level at a year's end is already what has built up: remove cumulative",
                );
            }
            if l.max_km2.is_empty() && l.min_km2.is_empty() {
                v.push(&at("max_km2"), "expected max_km2 or min_km2 by year");
            }
            if let (Some(d), Some(inst)) = (&l.district, v.instance()) {
                if !inst.districts.iter().any(|x| &x.id == d) {
                    v.push(
                        &at("district"),
                        format!("unknown district `{d}`: expected one of the instance's"),
                    );
                }
            }
            for (field, m) in [("max_km2", &l.max_km2), ("min_km2", &l.min_km2)] {
                for (y, &km2) in m {
                    let year: Option<u16> = y.parse().ok();
                    match (year, years) {
                        (None, _) => v.push(
                            &at(field),
                            format!("`{y}`: expected a calendar year (2013) as the key"),
                        ),
                        (Some(y), Some(ys)) if ys.index(y).is_none() => v.push(
                            &at(field),
                            format!(
                                "{y} is not one of the plan's years ({}-{})",
                                ys.first, ys.last
                            ),
                        ),
                        _ => {}
                    }
                    v.km2(&format!("{}.{field}.{y}", at("").trim_end_matches('.')), km2);
                }
            }
            for (y, &lo) in &l.min_km2 {
                if let Some(&hi) = l.max_km2.get(y) {
                    if lo > hi {
                        v.push(
                            &at("min_km2"),
                            format!("{y}: min {lo} km² above max {hi} km²"),
                        );
                    }
                }
            }
        }
    }
}
