//! `stock_share`: a minimum share of supply from stock land.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#stock_share`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "share of supply from stock",
    zh: "存量用地供应比例",
};

/// `stock_share`: X ≥ min_share · S, stated as (1 − min_share)·X − min_share·Y ≥ 0 (km² of stock re-use above the required share); with the linkage counted as stock, X + L ≥ min_share · S.
pub type StockShare = super::MinShare;
