//! Row of `new_construction_quota`: Y − L ≤ max (linkage-backed construction does not use
//! the quota). See [`crate::policy::NewConstructionQuota`].

use super::Ctx;
use crate::policy::{Family, NewConstructionQuota, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &NewConstructionQuota) {
    let row = RowRef::whole(RuleId::NewConstructionQuota);
    c.begin(row, -INF, r.max_km2, 0.0, r.soft_penalty());
    c.cols.add_new(&mut c.b, c.inst.uses.construction(), |_| 1.0);
    if let Some(l) = c.cols.linkage {
        c.b.add(l, -1.0);
    }
    c.b.end_row();
}
