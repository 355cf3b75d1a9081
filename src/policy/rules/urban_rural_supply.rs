//! `urban_rural_supply`: supply of residential and industrial land (stock and new).

/// `urban_rural_supply`: Σ_{k∈UR} (Σ_u x[u,k] + Σ_s y[s,k]) = target ± tolerance.
pub type UrbanRuralSupply = super::Band;
