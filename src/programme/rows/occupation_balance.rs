//! Rows of `occupation_balance`: in area, and in quality when the model says so. See
//! [`crate::policy::OccupationBalance`].

use super::arable_floor::arable_change;
use super::Ctx;
use crate::policy::{quality_weight, Family, OccupationBalance, Part, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &OccupationBalance) {
    let inst = c.inst;
    let row = RowRef::whole(RuleId::OccupationBalance);
    c.begin(row.part(Part::Area), 0.0, INF, 0.0, r.soft_penalty());
    arable_change(c);
    c.b.end_row();
    if r.quality_weighted {
        c.begin(row.part(Part::Quality), 0.0, INF, 0.0, r.soft_penalty());
        c.b.add(c.cols.reclaimed_quality, 1.0);
        for (pi, p) in inst.projects.iter().enumerate() {
            c.b.add(c.cols.project[pi], quality_weight(p.arable_grade));
        }
        c.b.add(c.cols.occupied_quality, -1.0);
        c.b.end_row();
    }
}
