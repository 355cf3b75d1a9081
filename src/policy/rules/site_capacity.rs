//! `site_capacity`: new construction at a site stays within its capacity.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#site_capacity`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "site capacity",
    zh: "新增用地选址容量",
};

/// `site_capacity[s]`: Σ_k `y[s,k]` ≤ capacity(s). Always hard. Without this family each
/// column `y[s,k]` is still bounded by capacity(s) on its own, but the uses of a site together
/// may exceed it.
pub type SiteCapacity = super::Capacity;
