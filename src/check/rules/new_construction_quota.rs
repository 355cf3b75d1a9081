//! Check of `new_construction_quota`: new construction not backed by linkage quota.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::{active, Family, NewConstructionQuota, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &NewConstructionQuota, l: &mut Lines) {
    // linkage-backed construction does not use the quota
    let linkage = if active(&c.model.rules.linkage_balance).is_some() {
        c.linkage_quota()
    } else {
        0.0
    };
    let value = c.aggregates.new_construction - linkage;
    let row = RowRef::whole(RuleId::NewConstructionQuota);
    l.push(row, value, None, Some(r.max_km2), r.soft_penalty());
}
