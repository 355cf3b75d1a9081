//! Row of `town_construction_cap`: stated on the unit and site columns directly, since it
//! depends on each unit's account and town location and each site's. See
//! [`crate::policy::TownConstructionCap`].

use super::Ctx;
use crate::policy::Level;
use crate::policy::{town_change, Family, RowRef, RuleId, TownConstructionCap};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &TownConstructionCap) {
    let inst = c.inst;
    let offset = inst.region.baseline.town_km2;
    let row = RowRef::whole(RuleId::TownConstructionCap);
    c.begin(row, -INF, r.max_km2, offset, r.soft_penalty());
    for (si, s) in inst.sites.iter().enumerate() {
        if s.in_town {
            for k in c.inst.uses.urban_rural() {
                if let Some(j) = c.cols.site_use(si, k) {
                    c.b.add(j, 1.0);
                }
            }
        }
    }
    for (ui, u) in inst.units.iter().enumerate() {
        for k in c.inst.uses.iter() {
            let coef = town_change(u, k);
            if let Some(j) = c.cols.unit_use(ui, k) {
                if coef != 0.0 {
                    c.b.add(j, coef);
                }
            }
        }
    }
    c.add_rebase(Level::Town, 1.0);
    c.b.end_row();
}
