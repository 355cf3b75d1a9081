//! `basic_farmland`: a floor on basic farmland at period end (基本农田保护面积).

/// `basic_farmland`: baseline basic farmland + exogenous change − Σ_s b_s·Σ_k y[s,k] ≥ min_km2 (`b_s` the site's basic-farmland share).
pub type BasicFarmland = super::Floor;
