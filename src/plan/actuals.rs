//! What actually happened (`actuals.csv`): observed accounts by year, as a land survey's
//! update or a bureau's statistics publish them, to set against the optimum path
//! (`evaluate --actuals`) and to re-plan the remaining years from (`solve --actuals FILE
//! --from YEAR`, a [`Past`]).
//!
//! **The table.** `year, scope, account, value, unit[, source]`, one observation a line:
//! - `scope`: `region`, `zone:<id>`, `district:<id>`, or a bare zone or district id;
//! - `account`: a level at the year's end — `arable`, `basic_farmland`, `construction`,
//!   `town` ([`Level`]) — or what was done during the year — `supply`, `stock_reuse`,
//!   `new_construction`, `new_construction_quota`, `redeveloped`, `reclaimed`,
//!   `consolidated`, `supplemented`, `occupied`, `quota_used` ([`Activity`]);
//! - `unit`: `km2` (km², 平方公里), `ha` (公顷), `mu` (亩, 666.67 m²), `wan_mu` (万亩) or `m2`
//!   (平方米); every value is read into km²;
//! - `source`: where the figure comes from (kept with it in every report).
//!
//! **The past in a re-plan.** Of the observations before the year re-planned from: each
//! activity fixes what the plan does in that year and scope (a row `actual[...]`: an
//! aggregate, no per-unit plan is invented); each level, the latest observed for it,
//! re-bases the account: the difference between what was observed and what the plan's
//! decisions up to that year give (survey basis, change outside the plan) is carried into
//! every later year-end and into the period-end rules on that account (`arable_floor`,
//! `basic_farmland`, `construction_cap`, `land_per_gdp`, `non_construction_share`,
//! `town_construction_cap`). A level is re-based for the region only.

use super::{table, Scope};
use crate::error::{Error, Problem, Result};
use crate::instance::Instance;
use crate::policy::{Activity, Level, Years};

/// An observed account: a level at a year's end or an activity during the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Account {
    Level(Level),
    Activity(Activity),
}

impl serde::Serialize for Account {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Account {
    /// The account as a land survey or a plan writes it.
    pub fn zh(self) -> &'static str {
        match self {
            Account::Level(l) => l.zh(),
            Account::Activity(a) => a.zh(),
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Account::Level(l) => l.as_str(),
            Account::Activity(a) => a.as_str(),
        }
    }
    fn parse(s: &str) -> Option<Account> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str() == s)
            .map(Account::Level)
            .or_else(|| {
                Activity::ALL
                    .into_iter()
                    .find(|a| a.as_str() == s)
                    .map(Account::Activity)
            })
    }
}

/// One observation.
#[derive(Debug, Clone, PartialEq)]
pub struct Actual {
    /// Its line in the table (1-based, the header is line 1).
    pub line: usize,
    pub year: u16,
    pub scope: Scope,
    pub account: Account,
    /// km² (read from the table's unit).
    pub km2: f64,
    pub source: String,
}

impl Actual {
    /// The scope as printed: `region`, or the zone's or district's id.
    pub fn scope_label(&self, inst: &Instance) -> String {
        scope_label(inst, self.scope)
    }
    /// The observation as messages name it: `2012 arable of region (line 2)`.
    pub fn label(&self, inst: &Instance) -> String {
        format!(
            "{} {} of {} (line {})",
            self.year,
            self.account.as_str(),
            self.scope_label(inst),
            self.line
        )
    }
}

/// `region`, or a zone's or district's id.
pub fn scope_label(inst: &Instance, scope: Scope) -> String {
    match scope {
        Scope::Region => "region".into(),
        Scope::Zone(z) => inst.zones[z].id.clone(),
        Scope::District(d) => inst.districts[d].id.clone(),
    }
}

/// The observations of a table, in its order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Actuals {
    pub file: String,
    pub records: Vec<Actual>,
}

/// km² per one of `unit`.
fn km2_per(unit: &str) -> Option<f64> {
    Some(match unit {
        "km2" | "km²" | "平方公里" => 1.0,
        "ha" | "hectare" | "公顷" => 0.01,
        "mu" | "亩" => 1.0 / 1500.0,
        "wan_mu" | "万亩" => 10_000.0 / 1500.0,
        "m2" | "m²" | "平方米" => 1e-6,
        _ => return None,
    })
}

/// Read `actuals.csv` (`file` names it in messages); every problem is reported at once, each
/// naming the file, the line and the field.
pub fn read_actuals(inst: &Instance, file: &str, text: &str) -> Result<Actuals> {
    let mut p = Vec::new();
    let mut records = Vec::new();
    if let Some(t) = table(file, text, &mut p) {
        let required = ["year", "scope", "account", "value", "unit"];
        let complete = required.iter().all(|c| t.require(c, &mut p));
        if complete {
            for (line, rec) in &t.rows {
                if let Some(a) = record(inst, &t, *line, rec, &mut p) {
                    if let Some(first) = records.iter().find(|o: &&Actual| {
                        (o.year, o.scope, o.account) == (a.year, a.scope, a.account)
                    }) {
                        p.push(Problem::new(
                            file,
                            format!("line {line}"),
                            "account",
                            format!(
                                "{} {} of {} is already given on line {}: expected each once",
                                a.year,
                                a.account.as_str(),
                                a.scope_label(inst),
                                first.line
                            ),
                        ));
                        continue;
                    }
                    records.push(a);
                }
            }
            if t.rows.is_empty() {
                p.push(Problem::new(
                    file,
                    "table",
                    "",
                    "no observation: the table is empty",
                ));
            }
        }
    }
    if p.is_empty() {
        Ok(Actuals {
            file: file.to_string(),
            records,
        })
    } else {
        Err(Error::input(p))
    }
}

fn record(
    inst: &Instance,
    t: &super::Table<'_>,
    line: usize,
    rec: &csv::StringRecord,
    p: &mut Vec<Problem>,
) -> Option<Actual> {
    let at = format!("line {line}");
    let mut bad = |field: &str, m: String| p.push(Problem::new(t.file, &at, field, m));
    let year_text = t.get(rec, "year").unwrap_or("");
    let year = year_text.parse::<u16>().ok();
    if year.is_none() {
        bad(
            "year",
            format!("`{year_text}`: expected a calendar year (2012)"),
        );
    }
    let scope_text = t.get(rec, "scope").unwrap_or("");
    let scope = scope(inst, scope_text);
    if scope.is_none() {
        let zones: Vec<&str> = inst.zones.iter().map(|z| z.id.as_str()).collect();
        bad(
            "scope",
            format!(
                "`{scope_text}`: expected region, zone:<id> or district:<id> (zones {}; a bare id names one zone or district)",
                zones.join(", ")
            ),
        );
    }
    let account_text = t.get(rec, "account").unwrap_or("");
    let account = Account::parse(account_text);
    if account.is_none() {
        let names: Vec<&str> = Level::ALL
            .iter()
            .map(|l| l.as_str())
            .chain(Activity::ALL.iter().map(|a| a.as_str()))
            .collect();
        bad(
            "account",
            format!(
                "unknown account `{account_text}`: expected one of {}",
                names.join(", ")
            ),
        );
    }
    let unit_text = t.get(rec, "unit").unwrap_or("");
    let per = km2_per(unit_text);
    if per.is_none() {
        bad(
            "unit",
            format!("unknown unit `{unit_text}`: expected km2, ha, mu, wan_mu or m2 (or 平方公里, 公顷, 亩, 万亩, 平方米)"),
        );
    }
    let value_text = t.get(rec, "value").unwrap_or("");
    let value = value_text.parse::<f64>().ok().filter(|v| v.is_finite());
    match value {
        None => bad(
            "value",
            format!("`{value_text}`: expected a number (no thousands separators)"),
        ),
        Some(v) if v < 0.0 => bad("value", format!("{v}: expected an amount ≥ 0")),
        _ => {}
    }
    if let (Some(Account::Level(l)), Some(s)) = (account, scope) {
        if s != Scope::Region {
            bad(
                "scope",
                format!("{} is observed for the region (a level of a zone or district is not read): expected region", l.as_str()),
            );
            return None;
        }
    }
    Some(Actual {
        line,
        year: year?,
        scope: scope?,
        account: account?,
        km2: value.filter(|v| *v >= 0.0)? * per?,
        source: t.get(rec, "source").unwrap_or("").to_string(),
    })
}

/// `region`, `zone:<id>`, `district:<id>`, or a bare id naming exactly one zone or district.
fn scope(inst: &Instance, s: &str) -> Option<Scope> {
    let district = |id: &str| inst.districts.iter().position(|d| d.id == id);
    match s.split_once(':') {
        _ if s == "region" => Some(Scope::Region),
        Some(("zone", id)) => inst.zone_index(id).map(Scope::Zone),
        Some(("district", id)) => district(id).map(Scope::District),
        Some(_) => None,
        None => match (inst.zone_index(s), district(s)) {
            (Some(z), None) => Some(Scope::Zone(z)),
            (None, Some(d)) => Some(Scope::District(d)),
            _ => None,
        },
    }
}

/// The past a re-plan starts from: the observations before `from` that fix the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Past {
    /// The first year re-planned.
    pub from: u16,
    /// Activities of years before `from`: what the plan did then, fixed.
    pub fixed: Vec<Actual>,
    /// Per level, the latest observation before `from`: the level re-based there.
    pub rebased: Vec<Actual>,
    /// Observations not applied, with the reason.
    pub unused: Vec<(Actual, String)>,
}

impl Past {
    /// The past of `actuals` before `from` on the model's `years`: `from` must be a year of
    /// the plan after its first.
    pub fn new(actuals: &Actuals, years: Option<&Years>, from: u16) -> Result<Past> {
        let refuse = |m: String| {
            Err(Error::input(vec![Problem::new(
                &actuals.file,
                "actuals",
                "--from",
                m,
            )]))
        };
        let Some(ys) = crate::policy::years::phased(years) else {
            return refuse("re-planning from a year needs a model with more than one year: add [years] first = …, last = … to the model".into());
        };
        if from <= ys.first || from > ys.last {
            return refuse(format!(
                "{from}: expected a year of the plan after its first ({}-{}], the years before it fixed by what happened",
                ys.first, ys.last
            ));
        }
        let mut past = Past {
            from,
            fixed: Vec::new(),
            rebased: Vec::new(),
            unused: Vec::new(),
        };
        for a in &actuals.records {
            if ys.index(a.year).is_none() {
                past.unused.push((
                    a.clone(),
                    format!("outside the plan's years {}-{}", ys.first, ys.last),
                ));
            } else if a.year >= from {
                past.unused
                    .push((a.clone(), format!("{} is re-planned", a.year)));
            } else {
                match a.account {
                    Account::Activity(_) => past.fixed.push(a.clone()),
                    Account::Level(l) => {
                        match past
                            .rebased
                            .iter()
                            .position(|o| o.account == Account::Level(l))
                        {
                            Some(i) if past.rebased[i].year < a.year => {
                                let old = std::mem::replace(&mut past.rebased[i], a.clone());
                                past.unused.push((
                                    old,
                                    format!("{} is re-based on a later year", l.as_str()),
                                ));
                            }
                            Some(_) => past.unused.push((
                                a.clone(),
                                format!("{} is re-based on a later year", l.as_str()),
                            )),
                            None => past.rebased.push(a.clone()),
                        }
                    }
                }
            }
        }
        if past.fixed.is_empty() && past.rebased.is_empty() {
            return refuse(format!(
                "no observation before {from} in the plan's years: nothing to re-plan from"
            ));
        }
        Ok(past)
    }
    /// The re-basing observation of level `l`, when there is one.
    pub fn rebase_of(&self, l: Level) -> Option<&Actual> {
        self.rebased.iter().find(|a| a.account == Account::Level(l))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_read_into_km2() {
        assert_eq!(km2_per("ha"), Some(0.01));
        assert!((km2_per("万亩").unwrap() * 331.3 - 2208.67).abs() < 0.01);
        assert!((km2_per("mu").unwrap() * 1500.0 - 1.0).abs() < 1e-12);
        assert_eq!(km2_per("acre"), None);
    }
}
