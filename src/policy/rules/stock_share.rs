//! `stock_share`: a minimum share of supply from stock land.

/// `stock_share`: X ≥ min_share · S, stated as (1 − min_share)·X − min_share·Y ≥ 0 (km² of stock re-use above the required share); with the linkage counted as stock, X + L ≥ min_share · S.
pub type StockShare = super::MinShare;
