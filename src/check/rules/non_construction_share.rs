//! Check of `non_construction_share`: land outside construction at period end, km².

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{Family, NonConstructionShare, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &NonConstructionShare, l: &mut Lines) {
    let total = c.inst.region.baseline.total_km2;
    let row = RowRef::whole(RuleId::NonConstructionShare);
    let value = total - c.accounts.construction;
    l.push(row, value, Some(r.min_share * total), None, r.soft_penalty());
}
