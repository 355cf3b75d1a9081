//! The amounts a sweep records of each checked scenario, as typed values: what each one is
//! (an account, a zone's stock, what the stock became, a rule's value or price) is a field,
//! never a prefix of its name to be parsed back. Each has one column name in the sweep's
//! tables, distinct by construction (a zone may share an id with a use or a rule).

use crate::policy::{Activity, Level};
use serde::{Deserialize, Serialize};

/// An amount of one plan year (the check's year accounts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearAmount {
    /// km² of an activity done in the year.
    Activity(Activity),
    /// A level at the year's end, km².
    Level(Level),
    /// Linkage quota used and not yet returned at the year's end, km².
    QuotaOutstanding,
}

impl YearAmount {
    pub fn as_str(self) -> &'static str {
        match self {
            YearAmount::Activity(a) => a.as_str(),
            YearAmount::Level(l) => l.as_str(),
            YearAmount::QuotaOutstanding => "quota_outstanding",
        }
    }
}

/// An account of the plan (the check's accounts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    Arable,
    BasicFarmland,
    Construction,
    UrbanRural,
    Town,
    Rural,
    OtherConstruction,
    NonConstructionShare,
}

impl Account {
    pub const ALL: [Account; 8] = [
        Account::Arable,
        Account::BasicFarmland,
        Account::Construction,
        Account::UrbanRural,
        Account::Town,
        Account::Rural,
        Account::OtherConstruction,
        Account::NonConstructionShare,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Account::Arable => "arable",
            Account::BasicFarmland => "basic_farmland",
            Account::Construction => "construction",
            Account::UrbanRural => "urban_rural",
            Account::Town => "town",
            Account::Rural => "rural",
            Account::OtherConstruction => "other_construction",
            Account::NonConstructionShare => "non_construction_share",
        }
    }
}

/// What redeveloped stock became, by the role of its new use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StockTo {
    Construction,
    Arable,
    Ecological,
}

impl StockTo {
    pub fn as_str(self) -> &'static str {
        match self {
            StockTo::Construction => "construction",
            StockTo::Arable => "arable",
            StockTo::Ecological => "ecological",
        }
    }
}

/// One recorded amount.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Account(Account),
    /// Stock redeveloped in a zone (by zone id), km².
    ZoneStock(String),
    /// Stock redeveloped to a role, km².
    StockTo(StockTo),
    NewConstruction,
    Affordable,
    Consolidated,
    LinkageQuota,
    /// A region-, zone- or district-level rule's value (by the check line's name).
    RuleValue(String),
    /// The same rule's price.
    RulePrice(String),
    /// An amount of one year of a multi-year plan.
    Year {
        year: u16,
        what: YearAmount,
    },
}

impl Metric {
    /// The column name in `sweep.csv` and the other tables.
    pub fn column(&self) -> String {
        match self {
            Metric::Account(a) => format!("account.{}", a.as_str()),
            Metric::ZoneStock(z) => format!("stock_in.{z}"),
            Metric::StockTo(r) => format!("stock_to.{}", r.as_str()),
            Metric::NewConstruction => "new_construction".into(),
            Metric::Affordable => "affordable".into(),
            Metric::Consolidated => "consolidated".into(),
            Metric::LinkageQuota => "linkage_quota".into(),
            Metric::RuleValue(r) => format!("value:{r}"),
            Metric::RulePrice(r) => format!("price:{r}"),
            Metric::Year { year, what } => format!("year.{year}.{}", what.as_str()),
        }
    }
    /// Drawn against each parameter besides the objective: stock per zone, new
    /// construction and the linkage quota.
    pub fn plotted(&self) -> bool {
        matches!(
            self,
            Metric::ZoneStock(_) | Metric::NewConstruction | Metric::LinkageQuota
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zone_named_like_a_role_has_a_column_of_its_own() {
        let zone = Metric::ZoneStock("ecological".into());
        let role = Metric::StockTo(StockTo::Ecological);
        assert_ne!(zone.column(), role.column());
        assert!(zone.plotted() && !role.plotted());
    }

    #[test]
    fn a_year_s_level_and_activity_have_columns_of_their_own() {
        let at = |what| Metric::Year { year: 2013, what }.column();
        assert_eq!(at(YearAmount::Level(Level::Arable)), "year.2013.arable");
        assert_eq!(
            at(YearAmount::Activity(Activity::Supply)),
            "year.2013.supply"
        );
        assert_ne!(
            at(YearAmount::Level(Level::Construction)),
            at(YearAmount::Activity(Activity::NewConstruction))
        );
    }
}
