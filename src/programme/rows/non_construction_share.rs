//! Row of `non_construction_share`: total − construction at period end ≥ share · total.
//! See [`crate::policy::NonConstructionShare`].

use super::construction_cap::construction_change;
use super::Ctx;
use crate::policy::Level;
use crate::policy::{Family, NonConstructionShare, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &NonConstructionShare) {
    let inst = c.inst;
    let base = &inst.region.baseline;
    let (lower, offset) = (
        r.min_share * base.total_km2,
        base.total_km2 - base.construction_km2,
    );
    let row = RowRef::whole(RuleId::NonConstructionShare);
    c.begin(row, lower, INF, offset, r.soft_penalty());
    construction_change(c, -1.0);
    c.add_rebase(Level::Construction, -1.0);
    c.b.end_row();
}
