//! Rows of `ecological_zone`: one per listed zone, on its totals and the correction of its
//! patch groups ([`crate::policy::change`]). See
//! [`crate::policy::EcologicalZone`].

use super::Ctx;
use crate::policy::{EcologicalZone, Family, Place, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &EcologicalZone) {
    let inst = c.inst;
    for zone in &r.zones {
        let Some(z) = inst.zone_index(zone) else {
            continue;
        };
        let row = RowRef::at(RuleId::EcologicalZone, Place::Zone(z as u32));
        c.begin(row, -INF, 0.0, 0.0, r.soft_penalty());
        for k in c.inst.uses.construction() {
            c.b.add(c.cols.new[z][k.index()], 1.0);
        }
        for k in c.inst.uses.non_construction() {
            c.b.add(c.cols.stock[z][k.index()], -1.0);
        }
        // patch groups of the zone: what the stock reading misses (housing on grassland
        // grows construction land, greening it takes none away)
        for (j, coef) in super::not_stock_where(c, |u| inst.unit_zone(u) == z, |(con, _)| con) {
            c.b.add(j, coef);
        }
        c.b.end_row();
    }
}
