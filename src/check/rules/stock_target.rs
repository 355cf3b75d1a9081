//! Check of `stock_target`: stock redeveloped per zone and city-wide, in the uses that count.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, Place, RowRef, RuleId, StockTarget};

pub(super) fn check(c: &Ctx<'_>, r: &StockTarget, l: &mut Lines) {
    for (zone, &target) in &r.targets_km2 {
        let Some(z) = c.inst.zone_index(zone) else {
            continue;
        };
        let mut v = 0.0;
        for (u, a) in c.inst.units.iter().zip(&c.alloc.units) {
            if c.inst.districts[u.district].zone == z {
                v += c.inst.uses.iter().filter(|&k| r.counts(k)).map(|k| a[k.index()]).sum::<f64>();
            }
        }
        let (lo, hi) = r.bounds(target);
        let row = RowRef::at(RuleId::StockTarget, Place::Zone(z as u32));
        l.push(row, v, Some(lo), hi.is_finite().then_some(hi), r.soft_penalty());
    }
    if let Some((lo, hi)) = r.total_bounds() {
        let v: f64 = c
            .alloc
            .units
            .iter()
            .map(|a| c.inst.uses.iter().filter(|&k| r.counts(k)).map(|k| a[k.index()]).sum::<f64>())
            .sum();
        let row = RowRef::whole(RuleId::StockTarget);
        l.push(row, v, Some(lo), hi.is_finite().then_some(hi), r.soft_penalty());
    }
}
