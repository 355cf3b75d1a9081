//! Row of `urban_rural_supply`: residential and industrial supply from stock and sites.
//! See [`crate::policy::UrbanRuralSupply`].

use super::Ctx;
use crate::policy::{Family, RowRef, RuleId, UrbanRuralSupply};

pub(super) fn rows(c: &mut Ctx<'_>, r: &UrbanRuralSupply) {
    let (lo, hi) = r.bounds();
    let row = RowRef::whole(RuleId::UrbanRuralSupply);
    c.begin(row, lo, hi, 0.0, r.soft_penalty());
    c.cols.add_stock(&mut c.b, c.inst.uses.urban_rural(), |_| 1.0);
    c.cols.add_new(&mut c.b, c.inst.uses.urban_rural(), |_| 1.0);
    c.b.end_row();
}
