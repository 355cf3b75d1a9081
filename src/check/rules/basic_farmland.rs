//! Check of `basic_farmland`: basic farmland at period end, from the recomputed accounts.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{BasicFarmland, Family, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &BasicFarmland, l: &mut Lines) {
    let row = RowRef::whole(RuleId::BasicFarmland);
    let value = c.accounts.basic_farmland;
    l.push(row, value, Some(r.min_km2), None, r.soft_penalty());
}
