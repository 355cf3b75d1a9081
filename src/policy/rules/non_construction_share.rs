//! `non_construction_share`: a minimum share of non-construction land at period end.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#non_construction_share`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "non-construction land share",
    zh: "非建设用地比例",
};

/// `non_construction_share`: non-construction land at period end = total area − construction at period end ≥ min_share · total area (stated in km²).
pub type NonConstructionShare = super::MinShare;
