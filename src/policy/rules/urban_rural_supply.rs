//! `urban_rural_supply`: supply of residential and industrial land (stock and new).
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#urban_rural_supply`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "urban-rural construction land supply",
    zh: "城乡建设用地供应",
};

use crate::instance::Instance;

/// `urban_rural_supply`: Σ_{k∈UR} (Σ_u `x[u,k]` + Σ_s `y[s,k]`) = target ± tolerance.
pub type UrbanRuralSupply = super::Band<Scope>;

/// What `urban_rural_supply` sums.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope;

impl super::Scope for Scope {
    /// The most there could be of residential and industrial land: every unit offering such a use, and every site's capacity.
    fn most(inst: &Instance) -> f64 {
        let units: f64 = inst
            .units
            .iter()
            .filter(|u| inst.uses.urban_rural().any(|k| u.uses[k.index()].is_some()))
            .map(|u| u.area_km2)
            .sum();
        let sites: f64 = inst.sites.iter().map(|s| s.capacity_km2).sum();
        units + sites
    }
}
