//! `construction_cap`: a cap on construction land at period end.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#construction_cap`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "total construction land",
    zh: "建设用地总规模",
};

/// `construction_cap`: construction at period end = baseline construction + Y − Σ_u (`x[u,arable]` + `x[u,ecological]`) ≤ max_km2.
pub type ConstructionCap = super::Cap;
