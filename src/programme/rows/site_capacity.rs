//! Rows of `site_capacity`: one per site. See [`crate::policy::SiteCapacity`].

use super::Ctx;
use crate::policy::{Family, Place, RowRef, RuleId, SiteCapacity};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &SiteCapacity) {
    let inst = c.inst;
    for (si, s) in inst.sites.iter().enumerate() {
        let row = RowRef::at(RuleId::SiteCapacity, Place::Site(si as u32));
        c.begin(row, -INF, s.capacity_km2, 0.0, r.soft_penalty());
        for k in c.inst.uses.construction() {
            if let Some(j) = c.cols.site_use(si, k) {
                c.b.add(j, 1.0);
            }
        }
        c.b.end_row();
    }
}
