//! Row of `basic_farmland`: baseline + exogenous change − occupied ≥ min. See
//! [`crate::policy::BasicFarmland`].

use super::Ctx;
use crate::policy::Level;
use crate::policy::{BasicFarmland, Family, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &BasicFarmland) {
    let inst = c.inst;
    let (base, exo) = (&inst.region.baseline, &inst.region.exogenous);
    let offset = base.basic_farmland_km2 + exo.basic_farmland_km2;
    let row = RowRef::whole(RuleId::BasicFarmland);
    c.begin(row, r.min_km2, INF, offset, r.soft_penalty());
    c.b.add(c.cols.basic_farmland_occupied, -1.0);
    c.add_rebase(Level::BasicFarmland, 1.0);
    c.b.end_row();
}
