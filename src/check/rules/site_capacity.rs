//! Check of `site_capacity`: construction at a site within its capacity.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, Place, RowRef, RuleId, SiteCapacity};

pub(super) fn check(c: &Ctx<'_>, r: &SiteCapacity, l: &mut Lines) {
    for (si, (s, a)) in c.inst.sites.iter().zip(&c.alloc.sites).enumerate() {
        let row = RowRef::at(RuleId::SiteCapacity, Place::Site(si as u32));
        l.push(row, a.iter().sum(), None, Some(s.capacity_km2), r.soft_penalty());
    }
}
