//! The plan year by year: `years.csv` (one row per year, scope and account) and the
//! summary's year table, both from the check's recomputation of each year
//! ([`crate::check::years`]).

use crate::check::years::YearAccounts;
use crate::check::CheckReport;
use crate::instance::Instance;
use serde::Serialize;
use std::fmt::Write;

/// One row of `years.csv`.
#[derive(Debug, Serialize)]
pub struct YearRow {
    pub year: u16,
    /// `region` or a zone's id.
    pub scope: String,
    pub account: &'static str,
    /// `year_end` (a level at the end of the year) or `in_year` (done during it).
    pub kind: &'static str,
    pub value: f64,
    /// `km2` or `share`.
    pub unit: &'static str,
}

/// Every row of `years.csv`: the accounts at each year end, each activity in the year, the
/// stock redeveloped by zone, and the linkage quota outstanding.
pub fn rows(inst: &Instance, years: &[YearAccounts]) -> Vec<YearRow> {
    let mut out = Vec::new();
    for y in years {
        let row = |scope: &str, account, kind, value, unit| YearRow {
            year: y.year,
            scope: scope.to_string(),
            account,
            kind,
            value,
            unit,
        };
        let a = &y.accounts;
        for (name, v) in [
            ("arable", a.arable),
            ("basic_farmland", a.basic_farmland),
            ("construction", a.construction),
            ("urban_rural", a.urban_rural),
            ("town", a.town),
            ("rural", a.rural),
        ] {
            out.push(row("region", name, "year_end", v, "km2"));
        }
        out.push(row(
            "region",
            "non_construction_share",
            "year_end",
            a.non_construction_share,
            "share",
        ));
        out.push(row(
            "region",
            "quota_outstanding",
            "year_end",
            y.quota_outstanding,
            "km2",
        ));
        for &(act, v) in &y.activities {
            out.push(row("region", act.as_str(), "in_year", v, "km2"));
        }
        for (z, &v) in y.redeveloped_by_zone.iter().enumerate() {
            out.push(row(&inst.zones[z].id, "redeveloped", "in_year", v, "km2"));
        }
    }
    out
}

/// The summary's year table (nothing for one period): each year's supply, stock re-use,
/// new construction, redevelopment, arable supplemented and occupied, linkage quota used
/// and outstanding, and arable and construction land at the year's end; then the rules
/// stated by year that bind, with their prices.
pub(crate) fn section(s: &mut String, check: &CheckReport, prices: &super::Prices<'_>) {
    if check.years.is_empty() {
        return;
    }
    use crate::policy::Activity as A;
    let _ = writeln!(
        s,
        "\nYear by year (km²; every account in years.csv)\n  {:<6} {:>9} {:>9} {:>9} {:>11} {:>11} {:>9} {:>9} {:>11} {:>10} {:>13}",
        "year", "supply", "stock", "new", "redeveloped", "supplement", "occupied", "quota", "outstanding", "arable", "construction"
    );
    let get = |y: &YearAccounts, a: A| {
        y.activities
            .iter()
            .find(|(x, _)| *x == a)
            .map_or(0.0, |x| x.1)
    };
    for y in &check.years {
        let _ = writeln!(
            s,
            "  {:<6} {:>9.2} {:>9.2} {:>9.2} {:>11.2} {:>11.2} {:>9.2} {:>9.2} {:>11.2} {:>10.2} {:>13.2}",
            y.year,
            get(y, A::Supply),
            get(y, A::StockReuse),
            get(y, A::NewConstruction),
            get(y, A::Redeveloped),
            get(y, A::Supplemented),
            get(y, A::Occupied),
            get(y, A::QuotaUsed),
            y.quota_outstanding,
            y.accounts.arable,
            y.accounts.construction
        );
    }
    let binding: Vec<_> = check
        .lines
        .iter()
        .filter(|l| l.row.key.year.is_some() && l.binding)
        .collect();
    if binding.is_empty() {
        let _ = writeln!(s, "  no rule stated by year binds");
        return;
    }
    let _ = writeln!(
        s,
        "  rules stated by year that bind (value; shadow price, million yuan per km²):"
    );
    let mut detail = 0;
    for l in binding {
        if l.row.is_detail() {
            detail += 1;
            continue;
        }
        let p = prices
            .get(&l.row)
            .and_then(|r| r.shadow_price)
            .map_or("—".to_string(), |p| format!("{:.2}", p));
        let _ = writeln!(s, "    {:<42} {:>10.2} {:>12}", l.name, l.value, p);
    }
    if detail > 0 {
        let _ = writeln!(
            s,
            "    and {detail} unit or site rows by year (accounts.csv)"
        );
    }
}
