//! Check of `annual_plan`: each limit's activity in (or by the end of) each year it names,
//! recomputed from each year's allocation.

use super::Ctx;
use crate::check::lines::Lines;
use crate::check::years;
use crate::policy::{AnnualPlan, Family, Name, Place, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &AnnualPlan, l: &mut Lines) {
    let ys = years::years(c.model);
    let allocs = years::of(c.alloc);
    if allocs.len() != ys.count() {
        return; // the years' domain fails the check
    }
    for limit in &r.limits {
        let district = limit
            .district
            .as_ref()
            .and_then(|d| c.inst.districts.iter().position(|x| &x.id == d));
        let done: Vec<f64> = allocs
            .iter()
            .map(|a| years::activity(c.inst, a, limit.activity, district))
            .collect();
        let place = Place::Named(Name::new(&limit.scoped_name()));
        for (t, lo, hi) in limit.by_year(&ys) {
            let from = if limit.cumulative { 0 } else { t };
            let value: f64 = done[from..=t].iter().sum();
            let row = RowRef::at(RuleId::AnnualPlan, place).in_year(ys.year(t));
            l.push(row, value, lo, hi, r.soft_penalty());
        }
    }
}
