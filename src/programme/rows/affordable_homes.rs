//! Row of `affordable_homes`: A_stock + A_new ≥ homes / homes_per_km2. See
//! [`crate::policy::AffordableHomes`].

use super::Ctx;
use crate::instance::uses::Role;
use crate::policy::{AffordableHomes, Family, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &AffordableHomes) {
    let row = RowRef::whole(RuleId::AffordableHomes);
    c.begin(row, r.land_km2(), INF, 0.0, r.soft_penalty());
    c.cols.add_stock(&mut c.b, c.inst.uses.with_role(Role::Affordable), |_| 1.0);
    c.cols.add_new(&mut c.b, c.inst.uses.with_role(Role::Affordable), |_| 1.0);
    c.b.end_row();
}
