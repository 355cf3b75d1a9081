//! `arable_floor`: a floor on arable land at period end (耕地保有量).

/// `arable_floor`: arable at period end = baseline arable + exogenous change + R + Σ_p c[p] − O ≥ min_km2.
pub type ArableFloor = super::Floor;
