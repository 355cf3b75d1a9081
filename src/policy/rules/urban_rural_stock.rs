//! `urban_rural_stock`: residential and industrial re-use of stock land.

/// `urban_rural_stock`: Σ_{k∈UR} Σ_u x[u,k] = target ± tolerance.
pub type UrbanRuralStock = super::Band;
