//! `infrastructure_supply`: supply of land for transport, water, energy, tourism and special
//! uses (交通、水利、能源、风景旅游及特殊用地), from stock and sites.

/// `infrastructure_supply`: Σ_u x[u,infrastructure] + Σ_s y[s,infrastructure] =
/// target ± tolerance (km²; the lower end cut at 0).
pub type InfrastructureSupply = super::Band;
