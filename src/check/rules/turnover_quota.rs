//! Check of `turnover_quota`: per site and year, quota used ≤ construction; per withdrawal
//! unit and year, quota used by the year's end ≤ ratio × reclaimed by the deadline,
//! recomputed from each year's allocation and flows; with a cap, the region's turnover
//! balance at every year's end.

use super::Ctx;
use crate::check::lines::Lines;
use crate::check::years;
use crate::instance::uses::Role;
use crate::policy::{active, Family, Part, Place, RowRef, RuleId, TurnoverQuota};

pub(super) fn check(c: &Ctx<'_>, r: &TurnoverQuota, l: &mut Lines) {
    let Some(link) = active(&c.model.rules.linkage_balance) else {
        return;
    };
    let ys = c.model.years_or_period();
    let allocs = years::of(c.alloc);
    let n = ys.count();
    if allocs.len() != n {
        return; // the years' domain fails the check
    }
    let (inst, pen) = (c.inst, r.soft_penalty());
    // the sites that may receive quota and the units that may send it, or do
    let mut sites: Vec<u32> = c.alloc.flows.iter().map(|f| f.site).collect();
    sites.extend((0..inst.sites.len() as u32).filter(|&s| link.receives(&inst.sites[s as usize])));
    sites.sort_unstable();
    sites.dedup();
    for &s in &sites {
        for (t, a) in allocs.iter().enumerate() {
            let used: f64 = a.flows.iter().filter(|f| f.site == s).map(|f| f.quota_km2).sum();
            let built: f64 = a.sites[s as usize].iter().sum();
            let row = RowRef::at(RuleId::TurnoverQuota, Place::Site(s)).in_year(ys.year(t));
            l.push(row, used - built, None, Some(0.0), pen);
        }
    }
    let mut units: Vec<u32> = c.alloc.flows.iter().map(|f| f.unit).collect();
    units.extend((0..inst.units.len() as u32).filter(|&u| link.withdraws(inst, &inst.units[u as usize])));
    units.sort_unstable();
    units.dedup();
    let deadline = r.deadline_years as usize;
    for &u in &units {
        let sent: Vec<f64> = allocs
            .iter()
            .map(|a| a.flows.iter().filter(|f| f.unit == u).map(|f| f.quota_km2).sum())
            .collect();
        let reclaimed: Vec<f64> = allocs
            .iter()
            .map(|a| inst.uses.sum_role(&a.units[u as usize], Role::Arable))
            .collect();
        for t in (0..n).filter(|t| t + deadline < n - 1) {
            let used: f64 = sent[..=t].iter().sum();
            let returned: f64 = reclaimed[..=t + deadline].iter().sum();
            let row = RowRef::at(RuleId::TurnoverQuota, Place::Unit(u)).in_year(ys.year(t));
            l.push(row, used - link.ratio * returned, None, Some(0.0), pen);
        }
    }
    if let Some(cap) = r.max_outstanding_km2 {
        let withdrawal: Vec<usize> = (0..inst.units.len())
            .filter(|&u| link.withdraws(inst, &inst.units[u]))
            .collect();
        let mut balance = 0.0;
        for (t, a) in allocs.iter().enumerate() {
            balance += a.flows.iter().map(|f| f.quota_km2).sum::<f64>();
            balance -= link.ratio
                * withdrawal
                    .iter()
                    .map(|&u| inst.uses.sum_role(&a.units[u], Role::Arable))
                    .sum::<f64>();
            let row = RowRef::whole(RuleId::TurnoverQuota)
                .part(Part::Max)
                .in_year(ys.year(t));
            l.push(row, balance, None, Some(cap), pen);
        }
    }
}
