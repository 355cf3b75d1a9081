//! Row of `stock_share`: (1 − s)·X − s·Y (+ L when linkage quota counts as stock) ≥ 0.
//! See [`crate::policy::StockShare`].

use super::Ctx;
use crate::policy::{active, Family, RowRef, RuleId, StockShare};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &StockShare) {
    let s = r.min_share;
    c.begin(RowRef::whole(RuleId::StockShare), 0.0, INF, 0.0, r.soft_penalty());
    c.cols.add_stock(&mut c.b, c.inst.uses.construction(), |_| 1.0 - s);
    c.cols.add_new(&mut c.b, c.inst.uses.construction(), |_| -s);
    let counts = active(&c.model.rules.linkage_balance).is_some_and(|l| l.counts_as_stock);
    if let (Some(l), true) = (c.cols.linkage, counts) {
        c.b.add(l, 1.0);
    }
    c.b.end_row();
}
