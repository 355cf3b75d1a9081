//! Row of `infrastructure_supply`: infrastructure supply from stock and sites. See
//! [`crate::policy::InfrastructureSupply`].

use super::Ctx;
use crate::instance::uses::Role;
use crate::policy::{Family, InfrastructureSupply, RowRef, RuleId};

pub(super) fn rows(c: &mut Ctx<'_>, r: &InfrastructureSupply) {
    let (lo, hi) = r.bounds();
    let row = RowRef::whole(RuleId::InfrastructureSupply);
    c.begin(row, lo, hi, 0.0, r.soft_penalty());
    c.cols
        .add_stock(&mut c.b, c.inst.uses.with_role(Role::Infrastructure), |_| 1.0);
    c.cols.add_new(&mut c.b, c.inst.uses.with_role(Role::Infrastructure), |_| 1.0);
    c.b.end_row();
}
