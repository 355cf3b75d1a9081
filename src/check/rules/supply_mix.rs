//! Check of `supply_mix`: each group's supply minus its lowest and highest share of supply.

use super::Ctx;
use crate::check::lines::{Lines, Share};
use crate::instance::uses::UseGroup;
use crate::policy::{Family, Part, Place, RowRef, RuleId, SupplyMix};

pub(super) fn check(c: &Ctx<'_>, r: &SupplyMix, l: &mut Lines) {
    let agg = c.aggregates;
    let supply = agg.stock_construction + agg.new_construction;
    for (&g, m) in &r.shares {
        let gi = match g {
            UseGroup::Residential => 0,
            UseGroup::Industrial => 1,
            UseGroup::Infrastructure => 2,
            UseGroup::NonConstruction => continue,
        };
        let gv = agg.stock_by_group[gi] + agg.new_by_group[gi];
        let (lo, hi) = m.limits();
        let row = RowRef::at(RuleId::SupplyMix, Place::Group(g));
        let pen = r.soft_penalty();
        let share = |target, at_least| Share {
            part_km2: gv,
            whole_km2: supply,
            target,
            at_least,
        };
        l.push_share(row.part(Part::Min), share(lo, true), pen);
        l.push_share(row.part(Part::Max), share(hi, false), pen);
    }
}
