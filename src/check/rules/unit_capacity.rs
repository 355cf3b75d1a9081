//! Check of `unit_capacity`: a unit's uses add up to at most its area, arable to at most its
//! reclaimable part, and in whole-unit mode to all or nothing.

use super::Ctx;
use crate::check::{lines::Lines, tolerance};
use crate::instance::uses::Role;
use crate::policy::{Family, Place, RowRef, RuleId, UnitCapacity};

pub(super) fn check(c: &Ctx<'_>, r: &UnitCapacity, l: &mut Lines) {
    for (ui, (u, a)) in c.inst.units.iter().zip(&c.alloc.units).enumerate() {
        let total: f64 = a.iter().sum();
        let row = RowRef::at(RuleId::UnitCapacity, Place::Unit(ui as u32));
        let lower = r.full.then_some(u.area_km2);
        l.push(row, total, lower, Some(u.area_km2), r.soft_penalty());
        let reclaimable = u.reclaimable_share * u.area_km2;
        let ar = c.inst.uses.sum_role(a, Role::Arable);
        if ar > reclaimable + tolerance(reclaimable) {
            l.fail(format!(
                "unit_capacity[{}]: {ar} km² reclaimed to arable, more than the reclaimable {reclaimable} km²",
                u.id
            ));
        }
        let tol = tolerance(u.area_km2) * 10.0;
        if c.model.whole_unit.enabled && total > tol && (total - u.area_km2).abs() > tol {
            l.fail(format!(
                "unit_capacity[{}]: whole-unit mode, but {total} of {} km² is redeveloped",
                u.id, u.area_km2
            ));
        }
    }
}
