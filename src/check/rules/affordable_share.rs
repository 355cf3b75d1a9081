//! Check of `affordable_share`: affordable housing minus the required share of residential.

use super::Ctx;
use crate::check::lines::{Lines, Share};
use crate::policy::{AffordableShare, Family, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &AffordableShare, l: &mut Lines) {
    let agg = c.aggregates;
    let res = agg.stock_by_group[0] + agg.new_by_group[0];
    let row = RowRef::whole(RuleId::AffordableShare);
    let share = Share {
        part_km2: agg.affordable,
        whole_km2: res,
        target: r.min_share,
        at_least: true,
    };
    l.push_share(row, share, r.soft_penalty());
}
