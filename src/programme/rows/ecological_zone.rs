//! Rows of `ecological_zone`: one per listed zone, on its totals. See
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
        c.b.end_row();
    }
}
