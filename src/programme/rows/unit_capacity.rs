//! Rows of `unit_capacity`: one per unit; with `full` an equality with the unit's area; in
//! whole-unit mode (not full) an equality with the unit's binary. See [`crate::policy::UnitCapacity`].

use super::Ctx;
use crate::policy::{Family, Place, RowRef, RuleId, UnitCapacity};
use crate::programme::columns::INF;
use crate::programme::ColumnKey;

pub(super) fn rows(c: &mut Ctx<'_>, r: &UnitCapacity) {
    let inst = c.inst;
    let whole_unit = c.model.whole_unit.enabled;
    for (ui, u) in inst.units.iter().enumerate() {
        let row = RowRef::at(RuleId::UnitCapacity, Place::Unit(ui as u32));
        let has_columns = c.inst.uses.iter().any(|k| c.cols.unit_use(ui, k).is_some());
        if whole_unit && has_columns && !r.full {
            // Σ_k x[u,k] = area(u) · whole[u]: redeveloped whole or not at all.
            let w = c.b.column(ColumnKey::Whole { unit: ui as u32 }, 0.0, 1.0, 0.0);
            c.b.set_integer(w);
            c.begin(row, 0.0, 0.0, 0.0, None);
            c.b.add(w, -u.area_km2);
        } else {
            let lower = if r.full { u.area_km2 } else { -INF };
            c.begin(row, lower, u.area_km2, 0.0, r.soft_penalty());
        }
        for k in c.inst.uses.iter() {
            if let Some(j) = c.cols.unit_use(ui, k) {
                c.b.add(j, 1.0);
            }
        }
        c.b.end_row();
    }
}
