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
    let get = |y: &crate::check::years::YearAccounts, a: A| y.activity(a);
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

/// The summary's account of a re-plan's past (nothing for a plan from the start): each
/// observation applied against what the plan's own decisions give, the re-basing it
/// carries forward and its price, then the observations not applied.
pub(crate) fn past_section(s: &mut String, run: &crate::run::Run) {
    let (Some(replan), Some(check)) = (&run.replan, &run.check) else {
        return;
    };
    let _ = writeln!(
        s,
        "\nRe-planned from {} on what happened (the years before fixed by the observations; km², price in million yuan per km² more observed)\n  {:<6} {:<16} {:<24} {:>10} {:>12} {:>11} {:>10}  source",
        replan.from, "year", "scope", "account", "observed", "plan's own", "re-based", "price"
    );
    for (i, p) in check.past.iter().enumerate() {
        let price = replan
            .prices
            .get(i)
            .copied()
            .flatten()
            .map_or("—".to_string(), |v| format!("{v:.2}"));
        let rebase = p.rebase.map_or("—".to_string(), |r| format!("{r:+.2}"));
        let _ = writeln!(
            s,
            "  {:<6} {:<16} {:<24} {:>10.2} {:>12.2} {:>11} {:>10}  {}",
            p.year,
            p.scope,
            p.account.as_str(),
            p.observed,
            p.planned,
            rebase,
            price,
            p.source
        );
    }
    if check.past.iter().any(|p| p.rebase.is_some()) {
        let _ = writeln!(
            s,
            "  a re-based level carries what was observed less what the plan's decisions give by then into every later year-end and the period-end rules on it"
        );
    }
    for u in &replan.unused {
        let _ = writeln!(s, "  not applied: {u}");
    }
}

/// What has happened so far against a path (`against` names it: "the optimum path"), one
/// line per observation: the text `evaluate --actuals` prints.
pub fn actuals_text(
    lines: &[crate::check::past::PastLine],
    left: &[String],
    against: &str,
) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "What happened against {against} (km²; a level at the year's end, an activity during the year)\n  {:<6} {:<16} {:<24} {:>10} {:>10} {:>11}  source",
        "year", "scope", "account", "observed", "path", "difference"
    );
    for p in lines {
        let _ = writeln!(
            s,
            "  {:<6} {:<16} {:<24} {:>10.2} {:>10.2} {:>+11.2}  {}",
            p.year,
            p.scope,
            p.account.as_str(),
            p.observed,
            p.planned,
            p.observed - p.planned,
            p.source
        );
    }
    for l in left {
        let _ = writeln!(s, "  not compared: {l}");
    }
    s
}

#[derive(Serialize)]
struct ActualRow<'a> {
    year: u16,
    scope: &'a str,
    account: &'a str,
    observed_km2: f64,
    path_km2: f64,
    difference_km2: f64,
    rebase_km2: Option<f64>,
    line: usize,
    source: &'a str,
}

/// `actuals.csv`: each observation against the path.
pub fn actuals_csv(lines: &[crate::check::past::PastLine]) -> Result<String, String> {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for p in lines {
        w.serialize(ActualRow {
            year: p.year,
            scope: &p.scope,
            account: p.account.as_str(),
            observed_km2: p.observed,
            path_km2: p.planned,
            difference_km2: p.observed - p.planned,
            rebase_km2: p.rebase,
            line: p.line,
            source: &p.source,
        })
        .map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The Chinese summary's year table (分年度实施) and its re-plan section, the same numbers
/// as [`section`] and [`past_section`].
pub(crate) fn section_zh(s: &mut String, run: &crate::run::Run) {
    use super::brief::table;
    use crate::policy::Activity as A;
    let Some(check) = &run.check else { return };
    let f = |v: f64| super::f2(v);
    if let Some(replan) = &run.replan {
        let _ = writeln!(
            s,
            "\n按实际数据自{}年起重新规划（此前年份按观测值固定；平方公里；价格：百万元/平方公里）",
            replan.from
        );
        let mut rows = vec![vec![
            "年份".to_string(),
            "范围".into(),
            "指标".into(),
            "观测值".into(),
            "方案自身".into(),
            "基数调整".into(),
            "价格".into(),
            "来源".into(),
        ]];
        for (i, p) in check.past.iter().enumerate() {
            rows.push(vec![
                p.year.to_string(),
                if p.scope == "region" {
                    "全市".into()
                } else {
                    p.scope.clone()
                },
                p.account.zh().to_string(),
                f(p.observed),
                f(p.planned),
                p.rebase.map_or("—".into(), |r| format!("{r:+.2}")),
                replan
                    .prices
                    .get(i)
                    .copied()
                    .flatten()
                    .map_or("—".into(), f),
                p.source.clone(),
            ]);
        }
        s.push_str(&table(&rows, 3));
        for u in &replan.unused {
            let _ = writeln!(s, "  未采用：{u}");
        }
    }
    if check.years.is_empty() {
        return;
    }
    let _ = writeln!(s, "\n分年度实施（平方公里；各年指标见 years.csv）");
    let mut rows = vec![vec![
        "年份".to_string(),
        "建设用地供应".into(),
        "存量利用".into(),
        "新增建设".into(),
        "存量再开发".into(),
        "补充耕地".into(),
        "占用耕地".into(),
        "挂钩指标使用".into(),
        "周转指标未归还".into(),
        "年末耕地".into(),
        "年末建设用地".into(),
    ]];
    let get = |y: &crate::check::years::YearAccounts, a: A| y.activity(a);
    for y in &check.years {
        rows.push(vec![
            y.year.to_string(),
            f(get(y, A::Supply)),
            f(get(y, A::StockReuse)),
            f(get(y, A::NewConstruction)),
            f(get(y, A::Redeveloped)),
            f(get(y, A::Supplemented)),
            f(get(y, A::Occupied)),
            f(get(y, A::QuotaUsed)),
            f(y.quota_outstanding),
            f(y.accounts.arable),
            f(y.accounts.construction),
        ]);
    }
    s.push_str(&table(&rows, 1));
}
