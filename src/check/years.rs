//! The plan in time, recomputed from each year's allocation ([`Allocation::by_year`]): the
//! years' domain (one allocation a year, each within the instance, summing to the period's),
//! what is done each year ([`Activity`]), and the land accounts at every year end.

use super::accounts::{self, Accounts};
use super::lines::Lines;
use super::tolerance;
use crate::instance::Instance;
use crate::policy::years::exogenous_share;
use crate::policy::{Activity, PolicyModel};
use crate::solution::Allocation;
use serde::Serialize;

/// The allocation of each year, in order: the period's own when the model has one period.
pub fn of(alloc: &Allocation) -> Vec<&Allocation> {
    if alloc.by_year.is_empty() {
        vec![alloc]
    } else {
        alloc.by_year.iter().collect()
    }
}

/// km² of `activity` done in allocation `a` (one year's, or the period's), over `district`
/// (the region without).
pub fn activity(
    inst: &Instance,
    a: &Allocation,
    activity: Activity,
    district: Option<usize>,
) -> f64 {
    activity_where(inst, a, activity, &|d| district.is_none_or(|x| x == d))
}

/// [`activity`] over the districts `here` takes.
pub fn activity_where(
    inst: &Instance,
    a: &Allocation,
    activity: Activity,
    here: &dyn Fn(usize) -> bool,
) -> f64 {
    let mut v = 0.0;
    if activity.reads_units() {
        for (u, x) in inst.units.iter().zip(&a.units) {
            if here(u.district) {
                for k in inst.uses.iter() {
                    let q = x[k.index()];
                    if q != 0.0 {
                        v += activity.unit(u, k) * q;
                    }
                }
            }
        }
    }
    for (s, y) in inst.sites.iter().zip(&a.sites) {
        if here(s.district) {
            for k in inst.uses.construction() {
                v += activity.site(s, k) * y[k.index()];
            }
        }
    }
    for (p, &c) in inst.projects.iter().zip(&a.projects) {
        if here(p.district) {
            v += activity.project() * c;
        }
    }
    if activity.quota() != 0.0 {
        for f in &a.flows {
            if here(inst.sites[f.site as usize].district) {
                v += activity.quota() * f.quota_km2;
            }
        }
    }
    v
}

/// One year of the plan: the accounts at its end and what is done in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearAccounts {
    pub year: u16,
    /// Land accounts at the end of the year (the region's exogenous change spread evenly).
    pub accounts: Accounts,
    /// Each activity's km² in the year, in [`Activity::ALL`]'s order.
    pub activities: Vec<(Activity, f64)>,
    /// Stock redeveloped in the year by zone index.
    pub redeveloped_by_zone: Vec<f64>,
    /// Linkage quota used and not yet returned by reclamation at the year's end, km²: per
    /// withdrawal unit, quota sent by then less ratio × reclaimed by then, when positive.
    pub quota_outstanding: f64,
}

impl YearAccounts {
    /// km² of activity `a` done in the year.
    pub fn activity(&self, a: Activity) -> f64 {
        self.activities
            .iter()
            .find(|(x, _)| *x == a)
            .map_or(0.0, |x| x.1)
    }
}

/// The allocation done by the end of year index `t`: the years' allocations summed (flows
/// left out).
pub fn cumulative(inst: &Instance, years: &[&Allocation], t: usize) -> Allocation {
    let mut a = Allocation::zeros(inst);
    for y in &years[..=t] {
        for (acc, x) in a.units.iter_mut().zip(&y.units) {
            for (p, q) in acc.iter_mut().zip(x) {
                *p += q;
            }
        }
        for (acc, x) in a.sites.iter_mut().zip(&y.sites) {
            for (p, q) in acc.iter_mut().zip(x) {
                *p += q;
            }
        }
        for (p, q) in a.projects.iter_mut().zip(&y.projects) {
            *p += q;
        }
    }
    a
}

/// Every year of the plan, recomputed (empty for one period), the levels re-based from the
/// year of each re-basing on.
pub fn path(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    rebases: &[super::past::Rebase],
) -> Vec<YearAccounts> {
    let Some(ys) = model.phased_years() else {
        return Vec::new();
    };
    let years = of(alloc);
    if years.len() != ys.count() {
        return Vec::new();
    }
    let ratio = crate::policy::active(&model.rules.linkage_balance).map_or(1.0, |l| l.ratio);
    let mut sent = vec![0.0; inst.units.len()];
    let mut reclaimed = vec![0.0; inst.units.len()];
    (0..ys.count())
        .map(|t| {
            let done = cumulative(inst, &years, t);
            let y = years[t];
            let mut by_zone = vec![0.0; inst.zones.len()];
            for (u, x) in inst.units.iter().zip(&y.units) {
                by_zone[inst.districts[u.district].zone] += x.iter().sum::<f64>();
            }
            for f in &y.flows {
                sent[f.unit as usize] += f.quota_km2;
            }
            for (ui, x) in y.units.iter().enumerate() {
                reclaimed[ui] += inst.uses.sum_role(x, crate::instance::uses::Role::Arable);
            }
            let outstanding = crate::policy::years::quota_outstanding(
                sent.iter().copied().zip(reclaimed.iter().copied()),
                ratio,
            );
            let mut end = accounts::year_end(inst, &done, exogenous_share(Some(ys), t));
            for r in rebases.iter().filter(|r| r.t <= t) {
                super::past::shift(inst, &mut end, r.level, r.delta);
            }
            YearAccounts {
                year: ys.year(t),
                accounts: end,
                activities: Activity::ALL
                    .iter()
                    .map(|&a| (a, activity(inst, y, a, None)))
                    .collect(),
                redeveloped_by_zone: by_zone,
                quota_outstanding: outstanding,
            }
        })
        .collect()
}

/// The years' domain: one allocation a year, each shaped like the instance, non-negative,
/// summing to the period's allocation (units, sites, projects and quota by pairing).
pub(super) fn domain(inst: &Instance, model: &PolicyModel, alloc: &Allocation, l: &mut Lines) {
    let Some(ys) = model.phased_years() else {
        if !alloc.by_year.is_empty() {
            l.fail("the allocation is split by year but the model has one period");
        }
        return;
    };
    if alloc.by_year.len() != ys.count() {
        l.fail(format!(
            "the model has {} years ({}-{}); the allocation gives {} years' allocations",
            ys.count(),
            ys.first,
            ys.last,
            alloc.by_year.len()
        ));
        return;
    }
    if !alloc.by_year.iter().all(|y| super::fits(inst, y)) {
        l.fail("a year's allocation does not have one entry per unit, site and project of the instance");
        return;
    }
    let mut bad = Vec::new();
    // `what` names the decision, formatted only for a fault
    let mut near = |what: &dyn Fn() -> String, whole: f64, parts: &mut dyn Iterator<Item = f64>| {
        let mut sum = 0.0;
        for p in parts {
            if p < -tolerance(0.0) || !p.is_finite() {
                bad.push(format!(
                    "{}: a year's part {p} is negative or not finite",
                    what()
                ));
            }
            sum += p;
        }
        if (sum - whole).abs() > tolerance(whole) {
            bad.push(format!(
                "{}: the years sum to {sum}, the period has {whole}",
                what()
            ));
        }
    };
    for (ui, u) in inst.units.iter().enumerate() {
        for k in inst.uses.iter() {
            let i = k.index();
            near(
                &|| format!("unit {} {k}", u.id),
                alloc.units[ui][i],
                &mut alloc.by_year.iter().map(|y| y.units[ui][i]),
            );
        }
    }
    for (si, s) in inst.sites.iter().enumerate() {
        for k in inst.uses.iter() {
            let i = k.index();
            near(
                &|| format!("site {} {k}", s.id),
                alloc.sites[si][i],
                &mut alloc.by_year.iter().map(|y| y.sites[si][i]),
            );
        }
    }
    for (pi, p) in inst.projects.iter().enumerate() {
        near(
            &|| format!("project {}", p.id),
            alloc.projects[pi],
            &mut alloc.by_year.iter().map(|y| y.projects[pi]),
        );
    }
    let pairs = |a: &Allocation| -> std::collections::BTreeMap<(u32, u32), f64> {
        let mut m = std::collections::BTreeMap::new();
        for f in &a.flows {
            *m.entry((f.unit, f.site)).or_insert(0.0) += f.quota_km2;
        }
        m
    };
    let whole = pairs(alloc);
    let parts: Vec<_> = alloc.by_year.iter().map(pairs).collect();
    let mut keys: Vec<(u32, u32)> = whole.keys().copied().collect();
    keys.extend(parts.iter().flat_map(|m| m.keys().copied()));
    keys.sort_unstable();
    keys.dedup();
    for (u, s) in keys {
        near(
            &|| {
                format!(
                    "quota {} > {}",
                    inst.units[u as usize].id, inst.sites[s as usize].id
                )
            },
            whole.get(&(u, s)).copied().unwrap_or(0.0),
            &mut parts.iter().map(|m| m.get(&(u, s)).copied().unwrap_or(0.0)),
        );
    }
    // a few named, the rest counted
    let n = bad.len();
    for m in bad.into_iter().take(5) {
        l.fail(m);
    }
    if n > 5 {
        l.fail(format!(
            "… and {} more faults of the years' allocations",
            n - 5
        ));
    }
}
