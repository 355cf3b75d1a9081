//! `unit_capacity`: a stock unit is redeveloped at most once over.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "stock unit area",
    zh: "存量单元面积",
};

/// `unit_capacity[u]`: Σ_k x[u,k] ≤ area(u); and x[u,arable] ≤ reclaimable_share(u) · area(u)
/// (a column bound, checked under the same id). In whole-unit mode the row is
/// Σ_k x[u,k] = area(u) · whole[u] with `whole[u]` binary. Always hard.
///
/// Without this family, each column x[u,k] is still bounded by area(u) on its own (a unit
/// cannot take more than its area in any one use), but the uses of a unit together may
/// then exceed its area: a model without `unit_capacity` lets a unit be counted several
/// times over, and should say why.
pub type UnitCapacity = super::Capacity;
