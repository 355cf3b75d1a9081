//! `supply_cap`: a cap on construction land supply (stock re-use and new construction).

/// `supply_cap`: S = X + Y ≤ max_km2 (construction land supply over the period).
pub type SupplyCap = super::Cap;
