//! `infrastructure_supply`: supply of land for transport, water, energy, tourism and special
//! uses (交通、水利、能源、风景旅游及特殊用地), from stock and sites.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#infrastructure_supply`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "infrastructure land supply",
    zh: "基础设施用地供应",
};

use crate::instance::Instance;
use crate::instance::uses::Role;

/// `infrastructure_supply`: Σ_u `x[u,infrastructure]` + Σ_s `y[s,infrastructure]` =
/// target ± tolerance (km²; the lower end cut at 0).
pub type InfrastructureSupply = super::Band<Scope>;

/// What `infrastructure_supply` sums.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope;

impl super::Scope for Scope {
    /// The most there could be of infrastructure: every unit offering it, and every site's capacity.
    fn most(inst: &Instance) -> f64 {
        let units: f64 = inst
            .units
            .iter()
            .filter(|u| inst.uses.with_role(Role::Infrastructure).any(|k| u.uses[k.index()].is_some()))
            .map(|u| u.area_km2)
            .sum();
        let sites: f64 = inst.sites.iter().map(|s| s.capacity_km2).sum();
        units + sites
    }
}
