//! Rows of `annual_plan`: each limit's activity in (or by the end of) each year it names.
//! See [`crate::policy::AnnualPlan`].

use super::super::phases::Form;
use super::Ctx;
use crate::policy::{AnnualPlan, Family, Name, Place, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &AnnualPlan) {
    let years = c.years();
    for limit in &r.limits {
        let district = limit
            .district
            .as_ref()
            .and_then(|d| c.inst.districts.iter().position(|x| &x.id == d));
        let place = Place::Named(Name::new(&limit.scoped_name()));
        for (t, lo, hi) in limit.by_year(&years) {
            let row = RowRef::at(RuleId::AnnualPlan, place).in_year(years.year(t));
            c.begin(row, lo.unwrap_or(-INF), hi.unwrap_or(INF), 0.0, r.soft_penalty());
            let from = if limit.cumulative { 0 } else { t };
            Form::of(limit.activity, |form| {
                for tau in from..=t {
                    c.add_year(form, tau, district, 1.0);
                }
            });
            c.b.end_row();
        }
    }
}
