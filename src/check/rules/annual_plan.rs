//! Check of `annual_plan`: each limit's activity in (or by the end of) each year it names,
//! recomputed from each year's allocation.

use super::Ctx;
use crate::check::lines::Lines;
use crate::check::years;
use crate::policy::{AnnualPlan, Family, Name, Place, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &AnnualPlan, l: &mut Lines) {
    let ys = c.model.years_or_period();
    let allocs = years::of(c.alloc);
    if allocs.len() != ys.count() {
        return; // the years' domain fails the check
    }
    for limit in &r.limits {
        let district = limit.district_index(c.inst);
        let place = Place::Named(Name::new(&limit.scoped_name()));
        // what is done each year, or the level at each year's end
        let done: Vec<f64> = match (limit.activity, limit.level) {
            (Some(a), _) => allocs
                .iter()
                .map(|y| years::activity(c.inst, y, a, district))
                .collect(),
            (None, Some(l)) if c.years.len() == allocs.len() => c
                .years
                .iter()
                .map(|y| crate::check::past::level(&y.accounts, l))
                .collect(),
            // one period: the level at its end
            (None, Some(l)) => vec![crate::check::past::level(c.accounts, l)],
            (None, None) => continue,
        };
        for (t, lo, hi) in limit.by_year(&ys) {
            let value: f64 = match (limit.activity, limit.cumulative) {
                (Some(_), true) => done[..=t].iter().sum(),
                (Some(_), false) => done[t],
                (None, _) => match done.get(t) {
                    Some(&v) => v,
                    None => continue,
                },
            };
            let row = RowRef::at(RuleId::AnnualPlan, place).in_year(ys.year(t));
            l.push(row, value, lo, hi, r.soft_penalty());
        }
    }
}
