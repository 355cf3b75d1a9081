//! Row of `urban_rural_stock`: residential and industrial re-use of stock. See
//! [`crate::policy::UrbanRuralStock`].

use super::Ctx;
use crate::policy::{Family, RowRef, RuleId, UrbanRuralStock};

pub(super) fn rows(c: &mut Ctx<'_>, r: &UrbanRuralStock) {
    let (lo, hi) = r.bounds();
    let row = RowRef::whole(RuleId::UrbanRuralStock);
    c.begin(row, lo, hi, 0.0, r.soft_penalty());
    c.cols.add_stock(&mut c.b, c.inst.uses.urban_rural(), |_| 1.0);
    c.b.end_row();
}
