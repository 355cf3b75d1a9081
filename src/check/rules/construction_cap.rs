//! Check of `construction_cap`: construction land at period end, from the accounts.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{ConstructionCap, Family, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &ConstructionCap, l: &mut Lines) {
    let row = RowRef::whole(RuleId::ConstructionCap);
    let value = c.accounts.construction;
    l.push(row, value, None, Some(r.max_km2), r.soft_penalty());
}
