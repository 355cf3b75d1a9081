//! Check of `urban_rural_stock`: residential and industrial re-use of stock.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, RowRef, RuleId, UrbanRuralStock};

pub(super) fn check(c: &Ctx<'_>, r: &UrbanRuralStock, l: &mut Lines) {
    let agg = c.aggregates;
    let ur_stock = agg.stock_by_group[0] + agg.stock_by_group[1];
    let (lo, hi) = r.bounds();
    let row = RowRef::whole(RuleId::UrbanRuralStock);
    l.push(row, ur_stock, Some(lo), hi.is_finite().then_some(hi), r.soft_penalty());
}
