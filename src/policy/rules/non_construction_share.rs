//! `non_construction_share`: a minimum share of non-construction land at period end.

/// `non_construction_share`: non-construction land at period end = total area − construction at period end ≥ min_share · total area (stated in km²).
pub type NonConstructionShare = super::MinShare;
