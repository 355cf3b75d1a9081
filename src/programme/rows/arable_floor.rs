//! Row of `arable_floor`: baseline + exogenous change + arable change ≥ min. See
//! [`crate::policy::ArableFloor`].

use super::Ctx;
use crate::policy::Level;
use crate::instance::uses::Role;
use crate::policy::{ArableFloor, Family, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &ArableFloor) {
    let inst = c.inst;
    let (base, exo) = (&inst.region.baseline, &inst.region.exogenous);
    let offset = base.arable_km2 + exo.arable_km2;
    let row = RowRef::whole(RuleId::ArableFloor);
    c.begin(row, r.min_km2, INF, offset, r.soft_penalty());
    arable_change(c);
    c.add_rebase(Level::Arable, 1.0);
    c.b.end_row();
}

/// Arable reclaimed + consolidated − occupied: the body of the arable rules (also of
/// `occupation_balance[area]`).
/// The change of arable land: reclaimed (the zone totals) with the correction of units that
/// are not stock ([`change`](crate::policy::change)), consolidated, minus occupied.
pub(super) fn arable_change(c: &mut Ctx<'_>) {
    c.cols
        .add_stock(&mut c.b, c.inst.uses.with_role(Role::Arable), |_| 1.0);
    for (j, coef) in super::not_stock(c, |(_, d)| d) {
        c.b.add(j, coef);
    }
    for &j in &c.cols.project {
        c.b.add(j, 1.0);
    }
    c.b.add(c.cols.occupied, -1.0);
}
