//! Criteria a plan can be traded against its net benefit (the Pareto front of
//! `stockland pareto`): each an amount the plan determines, to be raised or lowered.
//!
//! A criterion lives in three places, like a rule family: here (its name, sense and
//! meaning), its linear form over the programme's columns (`programme::criterion`) and its
//! independent measurement from an allocation (`check::criterion`); a test holds the two
//! equal at every optimum.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Whether more or less of a criterion is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sense {
    More,
    Less,
}

/// A criterion, km² at the period end or over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// Arable land at the period end: baseline + exogenous change + reclaimed + consolidated
    /// − occupied by new construction (more is better).
    Arable,
    /// Construction land at the period end: baseline + new construction − stock reclaimed to
    /// arable or ecological land (less is better).
    Construction,
    /// Stock redeveloped, every use (more is better).
    StockRedeveloped,
    /// New construction at receiving sites (less is better).
    NewConstruction,
    /// Stock restored to ecological land (more is better).
    Ecological,
    /// Affordable housing land, stock and sites (more is better).
    Affordable,
    /// Linkage quota moved from withdrawn units to receiving sites (more is better).
    LinkageQuota,
}

impl Criterion {
    pub const ALL: [Criterion; 7] = [
        Criterion::Arable,
        Criterion::Construction,
        Criterion::StockRedeveloped,
        Criterion::NewConstruction,
        Criterion::Ecological,
        Criterion::Affordable,
        Criterion::LinkageQuota,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Arable => "arable",
            Criterion::Construction => "construction",
            Criterion::StockRedeveloped => "stock_redeveloped",
            Criterion::NewConstruction => "new_construction",
            Criterion::Ecological => "ecological",
            Criterion::Affordable => "affordable",
            Criterion::LinkageQuota => "linkage_quota",
        }
    }

    pub fn parse(s: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Which way is better.
    pub fn sense(self) -> Sense {
        match self {
            Criterion::Construction | Criterion::NewConstruction => Sense::Less,
            _ => Sense::More,
        }
    }

    /// The names accepted, for error messages.
    pub fn names() -> String {
        Criterion::ALL.map(|c| c.as_str()).join(", ")
    }
}

impl fmt::Display for Criterion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in Criterion::ALL {
            assert_eq!(Criterion::parse(c.as_str()), Some(c));
        }
        assert_eq!(Criterion::parse("nonsense"), None);
    }
}
