//! Rows of `supply_mix`: a floor and a cap per use group. See
//! [`crate::policy::SupplyMix`].

use super::Ctx;
use crate::instance::uses::LandUse;
use crate::policy::{Family, Part, Place, RowRef, RuleId, SupplyMix};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &SupplyMix) {
    for (&g, m) in &r.shares {
        let (min, max) = m.limits();
        for (part, share, lo, hi) in [(Part::Min, min, 0.0, INF), (Part::Max, max, -INF, 0.0)] {
            let row = RowRef::at(RuleId::SupplyMix, Place::Group(g)).part(part);
            c.begin(row, lo, hi, 0.0, r.soft_penalty());
            let coef = |k: LandUse| {
                if g.contains(k) {
                    1.0 - share
                } else {
                    -share
                }
            };
            c.cols.add_stock(&mut c.b, c.inst.uses.construction(), coef);
            c.cols.add_new(&mut c.b, c.inst.uses.construction(), coef);
            c.b.end_row();
        }
    }
}
