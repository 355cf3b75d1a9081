//! `new_construction_quota`: a cap on new construction land (the quota), net of linkage quota.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#new_construction_quota`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "new construction land",
    zh: "新增建设用地",
};

/// `new_construction_quota`: Y = Σ_s Σ_k `y[s,k]` ≤ max_km2 (new construction land); with the linkage, Y − L ≤ max_km2 (linkage-backed construction does not use the quota).
pub type NewConstructionQuota = super::Cap;
