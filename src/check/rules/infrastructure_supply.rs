//! Check of `infrastructure_supply`: infrastructure supply from stock and sites, summed over
//! the allocation's units and sites.

use super::Ctx;
use crate::check::lines::Lines;
use crate::instance::uses::Role;
use crate::policy::{Family, InfrastructureSupply, RowRef, RuleId};

pub(super) fn check(c: &Ctx<'_>, r: &InfrastructureSupply, l: &mut Lines) {
    let of = |a: &[f64]| c.inst.uses.sum_role(a, Role::Infrastructure);
    let stock: f64 = c.alloc.units.iter().map(of).sum();
    let new: f64 = c.alloc.sites.iter().map(of).sum();
    let (lo, hi) = r.bounds();
    let row = RowRef::whole(RuleId::InfrastructureSupply);
    l.push(row, stock + new, Some(lo), hi.is_finite().then_some(hi), r.soft_penalty());
}
