//! Check of `affordable_homes`: affordable-housing land from stock and at sites against the
//! land the promised homes need.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{AffordableHomes, Family, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &AffordableHomes, l: &mut Lines) {
    let row = RowRef::whole(RuleId::AffordableHomes);
    l.push(row, c.aggregates.affordable, Some(r.land_km2()), None, r.soft_penalty());
}
