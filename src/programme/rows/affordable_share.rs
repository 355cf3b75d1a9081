//! Row of `affordable_share`: (1 − s)·A − s·M ≥ 0. See
//! [`crate::policy::AffordableShare`].

use super::Ctx;
use crate::instance::uses::{LandUse, Role, UseGroup};
use crate::policy::{AffordableShare, Family, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &AffordableShare) {
    let s = r.min_share;
    let coef = |k: LandUse| {
        if k.is(Role::Affordable) {
            1.0 - s
        } else {
            -s
        }
    };
    let res = c.inst.uses.iter().filter(|k| k.group() == UseGroup::Residential);
    let row = RowRef::whole(RuleId::AffordableShare);
    c.begin(row, 0.0, INF, 0.0, r.soft_penalty());
    c.cols.add_stock(&mut c.b, res.clone(), coef);
    c.cols.add_new(&mut c.b, res, coef);
    c.b.end_row();
}
