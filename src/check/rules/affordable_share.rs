//! Check of `affordable_share`: affordable housing minus the required share of residential.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{AffordableShare, Family, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &AffordableShare, l: &mut Lines) {
    let agg = c.aggregates;
    let res = agg.stock_by_group[0] + agg.new_by_group[0];
    let row = RowRef::whole(RuleId::AffordableShare);
    let value = agg.affordable - r.min_share * res;
    l.push(row, value, Some(0.0), None, r.soft_penalty());
}
