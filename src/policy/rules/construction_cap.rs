//! `construction_cap`: a cap on construction land at period end.

/// `construction_cap`: construction at period end = baseline construction + Y − Σ_u (x[u,arable] + x[u,ecological]) ≤ max_km2.
pub type ConstructionCap = super::Cap;
