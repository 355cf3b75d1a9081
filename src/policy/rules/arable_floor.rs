//! `arable_floor`: a floor on arable land at period end (耕地保有量).
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#arable_floor`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "arable land retained",
    zh: "耕地保有量",
};

use crate::instance::Instance;
use crate::instance::uses::Role;

/// `arable_floor`: arable at period end = baseline arable + exogenous change + R + Σ_p `c[p]` − O ≥ min_km2.
pub type ArableFloor = super::Floor<Scope>;

/// What `arable_floor` bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope;

impl super::Scope for Scope {
    /// The most there could be of arable land at period end: the baseline and exogenous change, every reclaimable km² and every consolidation project, nothing occupied.
    fn most(inst: &Instance) -> f64 {
        let r = &inst.region;
        let reclaimable: f64 = inst
            .units
            .iter()
            .filter(|u| inst.uses.with_role(Role::Arable).any(|k| u.uses[k.index()].is_some()))
            .map(|u| u.reclaimable_share * u.area_km2)
            .sum();
        let consolidated: f64 = inst.projects.iter().map(|p| p.capacity_km2).sum();
        r.baseline.arable_km2 + r.exogenous.arable_km2 + reclaimable + consolidated
    }
}
