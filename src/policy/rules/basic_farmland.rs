//! `basic_farmland`: a floor on basic farmland at period end (基本农田保护面积).
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#basic_farmland`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "basic farmland protected",
    zh: "基本农田保护面积",
};

use crate::instance::Instance;

/// `basic_farmland`: baseline basic farmland + exogenous change − Σ_s b_s·Σ_k `y[s,k]` ≥ min_km2 (`b_s` the site's basic-farmland share).
pub type BasicFarmland = super::Floor<Scope>;

/// What `basic_farmland` bounds.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope;

impl super::Scope for Scope {
    /// The most there could be of basic farmland at period end: the baseline and exogenous change, nothing occupied.
    fn most(inst: &Instance) -> f64 {
        let r = &inst.region;
        r.baseline.basic_farmland_km2 + r.exogenous.basic_farmland_km2
    }
}
