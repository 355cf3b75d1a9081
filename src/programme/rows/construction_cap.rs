//! Row of `construction_cap`: baseline construction + its change ≤ max. See
//! [`crate::policy::ConstructionCap`].

use super::Ctx;
use crate::policy::Level;
use crate::policy::{ConstructionCap, Family, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &ConstructionCap) {
    let inst = c.inst;
    let offset = inst.region.baseline.construction_km2;
    let row = RowRef::whole(RuleId::ConstructionCap);
    c.begin(row, -INF, r.max_km2, offset, r.soft_penalty());
    construction_change(c, 1.0);
    c.add_rebase(Level::Construction, 1.0);
    c.b.end_row();
}

/// Construction at period end minus baseline, times `sign`: new construction minus stock
/// reclaimed to arable or ecological land (also the body of `non_construction_share`).
/// The change of construction land (× `sign`): new construction at sites, stock leaving
/// construction (the zone totals), and the correction of units that are not stock
/// ([`change`](crate::policy::change)).
pub(super) fn construction_change(c: &mut Ctx<'_>, sign: f64) {
    c.cols
        .add_new(&mut c.b, c.inst.uses.construction(), |_| sign);
    c.cols.add_stock(&mut c.b, c.inst.uses.non_construction(), |_| -sign);
    for (j, coef) in super::not_stock(c, |(d, _)| d) {
        c.b.add(j, sign * coef);
    }
}
