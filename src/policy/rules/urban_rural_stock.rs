//! `urban_rural_stock`: residential and industrial re-use of stock land.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#urban_rural_stock`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "urban-rural land from stock",
    zh: "城乡建设用地存量供应",
};

use crate::instance::Instance;

/// `urban_rural_stock`: Σ_{k∈UR} Σ_u `x[u,k]` = target ± tolerance.
pub type UrbanRuralStock = super::Band<Scope>;

/// What `urban_rural_stock` sums.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope;

impl super::Scope for Scope {
    /// The most there could be of residential and industrial re-use: every unit offering such a use.
    fn most(inst: &Instance) -> f64 {
        inst.units
            .iter()
            .filter(|u| inst.uses.urban_rural().any(|k| u.uses[k.index()].is_some()))
            .map(|u| u.area_km2)
            .sum()
    }
}
