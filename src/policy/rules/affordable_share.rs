//! `affordable_share`: a minimum share of affordable housing in residential supply.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#affordable_share`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "affordable housing share",
    zh: "保障性住房用地比例",
};

/// `affordable_share`: affordable supply ≥ min_share · residential supply, stated as (1 − min_share)·A − min_share·M ≥ 0 (A affordable, M market, from stock and sites).
pub type AffordableShare = super::MinShare;
