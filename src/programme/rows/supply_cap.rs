//! Row of `supply_cap`: stock re-use plus new construction. See
//! [`crate::policy::SupplyCap`].

use super::Ctx;
use crate::policy::{Family, RowRef, RuleId, SupplyCap};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &SupplyCap) {
    let row = RowRef::whole(RuleId::SupplyCap);
    c.begin(row, -INF, r.max_km2, 0.0, r.soft_penalty());
    c.cols.add_stock(&mut c.b, c.inst.uses.construction(), |_| 1.0);
    c.cols.add_new(&mut c.b, c.inst.uses.construction(), |_| 1.0);
    c.b.end_row();
}
