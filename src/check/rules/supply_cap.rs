//! Check of `supply_cap`: stock re-use plus new construction.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, RowRef, RuleId, SupplyCap};

pub(super) fn check(c: &Ctx<'_>, r: &SupplyCap, l: &mut Lines) {
    let supply = c.aggregates.stock_construction + c.aggregates.new_construction;
    let row = RowRef::whole(RuleId::SupplyCap);
    l.push(row, supply, None, Some(r.max_km2), r.soft_penalty());
}
