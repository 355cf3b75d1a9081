//! Rows of `annual_plan`: each limit's activity in (or by the end of) each year it names.
//! See [`crate::policy::AnnualPlan`].

use super::super::phases::Form;
use super::Ctx;
use crate::policy::years::exogenous_share;
use crate::policy::{AnnualPlan, Family, Name, Place, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &AnnualPlan) {
    let years = c.years();
    for limit in &r.limits {
        let district = limit.district_index(c.inst);
        let place = Place::Named(Name::new(&limit.scoped_name()));
        for (t, lo, hi) in limit.by_year(&years) {
            let row = RowRef::at(RuleId::AnnualPlan, place).in_year(years.year(t));
            let (lo, hi) = (lo.unwrap_or(-INF), hi.unwrap_or(INF));
            match (limit.activity, limit.level) {
                (Some(a), _) => {
                    c.begin(row, lo, hi, 0.0, r.soft_penalty());
                    let from = if limit.cumulative { 0 } else { t };
                    Form::of(a, |form| {
                        for tau in from..=t {
                            c.add_year(form, tau, district, 1.0);
                        }
                    });
                }
                (None, Some(l)) => {
                    // the region's level at the year's end (validation keeps levels regional)
                    let inst = c.inst;
                    let offset = l.baseline(&inst.region.baseline)
                        + l.exogenous(&inst.region.exogenous)
                            * exogenous_share(c.model.years.as_ref(), t);
                    c.begin(row, lo, hi, offset, r.soft_penalty());
                    Form::of_level(l, |form| {
                        for tau in 0..=t {
                            c.add_year(form, tau, None, 1.0);
                        }
                    });
                    c.add_rebase_at(l, t, 1.0);
                }
                (None, None) => continue, // refused by validation
            }
            c.b.end_row();
        }
    }
}
