//! Check of `urban_rural_supply`: residential and industrial supply from stock and sites.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, RowRef, RuleId, UrbanRuralSupply};

pub(super) fn check(c: &Ctx<'_>, r: &UrbanRuralSupply, l: &mut Lines) {
    let agg = c.aggregates;
    let ur_stock = agg.stock_by_group[0] + agg.stock_by_group[1];
    let ur_new = agg.new_by_group[0] + agg.new_by_group[1];
    let (lo, hi) = r.bounds();
    let row = RowRef::whole(RuleId::UrbanRuralSupply);
    l.push(row, ur_stock + ur_new, Some(lo), hi.is_finite().then_some(hi), r.soft_penalty());
}
