//! `supply_cap`: a cap on construction land supply (stock re-use and new construction).
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#supply_cap`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "construction land supply",
    zh: "建设用地供应总量",
};

/// `supply_cap`: S = X + Y ≤ max_km2 (construction land supply over the period).
pub type SupplyCap = super::Cap;
