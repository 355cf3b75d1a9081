//! Check of `arable_floor`: arable at period end, from the recomputed accounts.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{ArableFloor, Family, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &ArableFloor, l: &mut Lines) {
    let row = RowRef::whole(RuleId::ArableFloor);
    l.push(row, c.accounts.arable, Some(r.min_km2), None, r.soft_penalty());
}
