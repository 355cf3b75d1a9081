//! Check of `occupation_balance`: arable supplemented minus occupied, in area and (when the
//! model says so) weighted by quality.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::change::arable_gained;
use crate::policy::{quality_weight, Family, OccupationBalance, Part, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &OccupationBalance, l: &mut Lines) {
    let balance = |w: &dyn Fn(u8) -> f64| {
        let mut v = 0.0;
        for (u, a) in c.inst.units.iter().zip(&c.alloc.units) {
            v += w(u.arable_grade) * arable_gained(&c.inst.uses, u.account, a);
        }
        for (p, &x) in c.inst.projects.iter().zip(&c.alloc.projects) {
            v += w(p.arable_grade) * x;
        }
        for (s, a) in c.inst.sites.iter().zip(&c.alloc.sites) {
            v -= w(s.arable_grade) * s.arable_share * a.iter().sum::<f64>();
        }
        v
    };
    let row = RowRef::whole(RuleId::OccupationBalance);
    let pen = r.soft_penalty();
    l.push(row.part(Part::Area), balance(&|_| 1.0), Some(0.0), None, pen);
    if r.quality_weighted {
        l.push(row.part(Part::Quality), balance(&quality_weight), Some(0.0), None, pen);
    }
}
