//! Rows of `stock_target`: one per zone with a target, on the zone's stock totals, and one
//! city-wide with `total_km2`. See
//! [`crate::policy::StockTarget`].

use super::Ctx;
use crate::policy::{Family, Place, RowRef, RuleId, StockTarget};

pub(super) fn rows(c: &mut Ctx<'_>, r: &StockTarget) {
    let inst = c.inst;
    for (zone, &target) in &r.targets_km2 {
        let Some(z) = inst.zone_index(zone) else {
            continue;
        };
        let (lo, hi) = r.bounds(target);
        let row = RowRef::at(RuleId::StockTarget, Place::Zone(z as u32));
        c.begin(row, lo, hi, 0.0, r.soft_penalty());
        for k in inst.uses.iter().filter(|&k| r.counts(k)) {
            c.b.add(c.cols.stock[z][k.index()], 1.0);
        }
        c.b.end_row();
    }
    if let Some((lo, hi)) = r.total_bounds() {
        c.begin(RowRef::whole(RuleId::StockTarget), lo, hi, 0.0, r.soft_penalty());
        for z in 0..inst.zones.len() {
            for k in inst.uses.iter().filter(|&k| r.counts(k)) {
                c.b.add(c.cols.stock[z][k.index()], 1.0);
            }
        }
        c.b.end_row();
    }
}
