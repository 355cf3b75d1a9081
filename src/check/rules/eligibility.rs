//! Check of `eligibility`: km² given to ineligible (unit, use) and (site, use) pairs, which
//! must be 0.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Eligibility, Family, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &Eligibility, l: &mut Lines) {
    let mut bad = 0.0;
    for (u, a) in c.inst.units.iter().zip(&c.alloc.units) {
        for k in c.inst.uses.iter() {
            if !r.unit_allows(u, k) {
                bad += a[k.index()].max(0.0);
            }
        }
    }
    for (s, a) in c.inst.sites.iter().zip(&c.alloc.sites) {
        if !r.site_allows(s) {
            bad += a.iter().map(|v| v.max(0.0)).sum::<f64>();
        }
    }
    let row = RowRef::whole(RuleId::Eligibility);
    l.push(row, bad, None, Some(0.0), r.soft_penalty());
}
