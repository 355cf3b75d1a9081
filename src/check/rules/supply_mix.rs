//! Check of `supply_mix`: each group's supply minus its lowest and highest share of supply.

use super::Ctx;
use crate::check::lines::Lines;
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
        l.push(row.part(Part::Min), gv - lo * supply, Some(0.0), None, pen);
        l.push(row.part(Part::Max), gv - hi * supply, None, Some(0.0), pen);
    }
}
