//! Check of `stock_share`: stock-sourced supply (with linkage quota when it counts as
//! stock) minus the required share of supply.

use super::Ctx;
use crate::check::lines::{Lines, Share};
use crate::policy::{active, Family, RowRef, RuleId, StockShare};

pub(super) fn check(c: &Ctx<'_>, r: &StockShare, l: &mut Lines) {
    let agg = c.aggregates;
    let supply = agg.stock_construction + agg.new_construction;
    let link = active(&c.model.rules.linkage_balance);
    // with the linkage counted as stock, its quota is stock-sourced supply
    let linkage = if link.is_some_and(|k| k.counts_as_stock) {
        c.linkage_quota()
    } else {
        0.0
    };
    let share = Share {
        part_km2: agg.stock_construction + linkage,
        whole_km2: supply,
        target: r.min_share,
        at_least: true,
    };
    l.push_share(RowRef::whole(RuleId::StockShare), share, r.soft_penalty());
}
