//! Check of `town_construction_cap`: town construction land at period end, from the
//! accounts.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, RowRef, RuleId, TownConstructionCap};

pub(super) fn check(c: &Ctx<'_>, r: &TownConstructionCap, l: &mut Lines) {
    let row = RowRef::whole(RuleId::TownConstructionCap);
    let value = c.accounts.town;
    l.push(row, value, None, Some(r.max_km2), r.soft_penalty());
}
