//! Plans in time (`[years]`): the hand-derived optima of `instances/tiny/years.toml` (先补后占
//! a year ahead, the linkage's turnover quota, money discounted), one declared year giving
//! today's programme exactly, every year's allocation summing to the period's and checked
//! on its own, and the years' outputs.

use crate::util::*;
use stockland::policy::Activity;
use stockland::programme::build;

const YEARS: &str = "instances/tiny/years.toml";

/// km² of `a` in each year of `r`'s plan, from the check's recomputation.
fn by_year(r: &stockland::run::Run, a: Activity) -> Vec<f64> {
    r.check
        .as_ref()
        .unwrap()
        .years
        .iter()
        .map(|y| y.activities.iter().find(|x| x.0 == a).unwrap().1)
        .collect()
}

fn assert_path(got: &[f64], want: &[f64], what: &str) {
    assert_eq!(got.len(), want.len(), "{what}: {got:?}");
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < 1e-7, "{what}: {got:?}, expected {want:?}");
    }
}

#[test]
fn supplement_first_makes_occupation_wait_a_year_for_reclamation() {
    let inst = instance(YEARS);
    let m = model("models/tiny-years-supplement.toml");
    let r = solve_checked(&inst, &m);
    assert_close(
        r.solution.objective.unwrap(),
        59.876033057851,
        1e-6,
        "optimum",
    );
    assert_path(
        &by_year(&r, Activity::Occupied),
        &[0.0, 0.5, 0.5],
        "occupied",
    );
    assert_path(
        &by_year(&r, Activity::Reclaimed),
        &[0.5, 0.5, 0.0],
        "reclaimed",
    );
    let c = r.check.as_ref().unwrap();
    // the year-end accounts: arable 50 + reclaimed − occupied by then
    let arable: Vec<f64> = c.years.iter().map(|y| y.accounts.arable).collect();
    assert_path(&arable, &[50.5, 50.5, 50.0], "arable at year end");
    for name in [
        "supplement_first[area@2011]",
        "supplement_first[area@2012]",
        "supplement_first[area@2013]",
    ] {
        assert!(c.line(name).unwrap().binding, "{name} binds");
    }
    // without the rule: all of S in 2011, reclaimed as late as the annual cap allows
    let mut free = m.clone();
    free.rules.supplement_first = None;
    let f = solve_checked(&inst, &free);
    assert_close(
        f.solution.objective.unwrap(),
        71.322314049587,
        1e-6,
        "free optimum",
    );
    assert_path(
        &by_year(&f, Activity::Occupied),
        &[1.0, 0.0, 0.0],
        "free occupied",
    );
    assert_path(
        &by_year(&f, Activity::Reclaimed),
        &[0.0, 0.5, 0.5],
        "free reclaimed",
    );
    // the free plan breaks 先补后占 every year (2013's reclamation backs nothing in the
    // plan), and the check says so
    let report = stockland::check::check(&inst, &m, &f.solution.allocation, None);
    let broken: Vec<&str> = report
        .lines
        .iter()
        .filter(|l| l.rule.as_str() == "supplement_first" && l.violated())
        .map(|l| l.name.as_str())
        .collect();
    assert_eq!(
        broken,
        [
            "supplement_first[area@2011]",
            "supplement_first[area@2012]",
            "supplement_first[area@2013]"
        ]
    );
}

#[test]
fn the_turnover_quota_pulls_construction_back_to_what_can_be_reclaimed_in_time() {
    let inst = instance(YEARS);
    let m = model("models/tiny-years-turnover.toml");
    let r = solve_checked(&inst, &m);
    assert_close(
        r.solution.objective.unwrap(),
        65.993613824192,
        1e-6,
        "optimum",
    );
    assert_path(
        &by_year(&r, Activity::NewConstruction),
        &[0.5, 0.25, 0.25, 0.0, 0.0],
        "built",
    );
    assert_path(
        &by_year(&r, Activity::QuotaUsed),
        &[0.5, 0.25, 0.25, 0.0, 0.0],
        "quota",
    );
    assert_path(
        &by_year(&r, Activity::Reclaimed),
        &[0.25, 0.25, 0.25, 0.25, 0.0],
        "reclaimed",
    );
    let c = r.check.as_ref().unwrap();
    let outstanding: Vec<f64> = c.years.iter().map(|y| y.quota_outstanding).collect();
    assert_path(
        &outstanding,
        &[0.25, 0.25, 0.25, 0.0, 0.0],
        "quota outstanding",
    );
    for name in [
        "turnover_quota[V@2011]",
        "turnover_quota[V@2012]",
        "turnover_quota[V@2013]",
    ] {
        assert!(c.line(name).unwrap().binding, "{name} binds");
    }
    // no deadline: all of S in 2011, reclaimed 2012-2015
    let mut free = m.clone();
    free.rules.turnover_quota = None;
    let f = solve_checked(&inst, &free);
    assert_close(
        f.solution.objective.unwrap(),
        72.075336384127,
        1e-6,
        "free optimum",
    );
    assert_path(
        &by_year(&f, Activity::NewConstruction),
        &[1.0, 0.0, 0.0, 0.0, 0.0],
        "free built",
    );
    // the turnover quota issued to the region capped at 0.5 km² (no deadline within the
    // horizon): S may run at most 0.5 km² ahead of V's reclamation. Free, V is reclaimed
    // 2012-2015 (cost 10/km² discounted) and S built in 2011 (80/km²). To build 0.75 in
    // 2011 and the last 0.25 in 2012, 0.25 must be reclaimed by 2011 and 0.5 by 2012:
    // cheapest by moving 2013's reclamation to 2011 (2.5 · (1 − 1/1.21) = 0.433884) and
    // losing a year on 0.25 of S (20 · (1 − 1/1.1) = 1.818182); every other order costs
    // more (2014's reclamation to 2011: 0.62; S's last 0.5 in 2012-2013 unreclaimed-ahead:
    // 5.29)
    let mut capped = m.clone();
    let tq = capped.rules.turnover_quota.as_mut().unwrap();
    tq.deadline_years = 4;
    tq.max_outstanding_km2 = Some(0.5);
    let c = solve_checked(&inst, &capped);
    assert_close(
        c.solution.objective.unwrap(),
        72.075336384127 - 2.5 * (1.0 - 1.0 / 1.21) - 20.0 * (1.0 - 1.0 / 1.1),
        1e-6,
        "capped optimum",
    );
    assert_path(
        &by_year(&c, Activity::NewConstruction),
        &[0.75, 0.25, 0.0, 0.0, 0.0],
        "capped built",
    );
    assert_path(
        &by_year(&c, Activity::Reclaimed),
        &[0.25, 0.25, 0.0, 0.25, 0.25],
        "capped reclaimed",
    );
    let ck = c.check.as_ref().unwrap();
    for y in [2011, 2012] {
        let name = format!("turnover_quota[max@{y}]");
        let line = ck.line(&name).unwrap();
        assert!(
            line.binding && (line.value - 0.5).abs() < 1e-7,
            "{name}: {line:?}"
        );
    }
    // 拆旧先行 (deadline 0): quota only from what is already reclaimed; with 0.25 km² a year
    // S is built as V is reclaimed, 0.25 a year 2011-2014
    let mut first = m.clone();
    first.rules.turnover_quota.as_mut().unwrap().deadline_years = 0;
    let r0 = solve_checked(&inst, &first);
    assert_path(
        &by_year(&r0, Activity::NewConstruction),
        &[0.25, 0.25, 0.25, 0.25, 0.0],
        "reclaim first",
    );
    let d: Vec<f64> = (0..4).map(|t| 1.1f64.powi(-t)).collect();
    let want: f64 = d.iter().map(|d| 0.25 * 70.0 * d).sum();
    assert_close(
        r0.solution.objective.unwrap(),
        want,
        1e-6,
        "reclaim-first optimum",
    );
}

#[test]
fn discounting_puts_value_first_and_cost_last() {
    // tiny E under the supplement model without 先补后占: undiscounted, the timing is free and
    // the optimum is the one-period optimum (80 − 10 = 70); at 10 % S is built in 2011 and
    // V reclaimed as late as the cap allows (71.32); at 0 % with the annual cap the
    // optimum is 70 again, whatever the order
    let inst = instance(YEARS);
    let mut m = model("models/tiny-years-supplement.toml");
    m.rules.supplement_first = None;
    let discounted = solve_checked(&inst, &m);
    assert_path(
        &by_year(&discounted, Activity::Reclaimed),
        &[0.0, 0.5, 0.5],
        "reclaimed late",
    );
    m.years.as_mut().unwrap().discount_rate = 0.0;
    let flat = solve_checked(&inst, &m);
    assert_close(flat.solution.objective.unwrap(), 70.0, 1e-9, "undiscounted");
    let mut one = m.clone();
    one.years = None;
    one.rules.annual_plan = None;
    assert_close(
        solve_checked(&inst, &one).solution.objective.unwrap(),
        70.0,
        1e-9,
        "one period",
    );
}

#[test]
fn one_declared_year_is_the_one_period_programme() {
    let cases = [
        (
            "instances/tiny/two-units.toml",
            "models/tiny-two-units.toml",
        ),
        ("instances/tiny/reclaim.toml", "models/tiny-reclaim.toml"),
        ("instances/tiny/mixed.toml", "models/tiny-mixed.toml"),
        ("instances/tiny/linkage.toml", "models/tiny-linkage.toml"),
        (
            "instances/tiny/linkage.toml",
            "models/tiny-linkage-quality.toml",
        ),
        (
            "instances/tiny/linkage.toml",
            "models/tiny-linkage-resettlement.toml",
        ),
        ("instances/tiny/criteria.toml", "models/tiny-criteria.toml"),
        (
            "instances/beijing-2011-2015/instance.toml",
            "models/beijing-12th-fyp.toml",
        ),
    ];
    for (i, m) in cases {
        let inst = instance(i);
        let plain = model(m);
        let mut one = plain.clone();
        one.years = Some(stockland::policy::Years {
            first: 2011,
            last: 2011,
            discount_rate: 0.05,
        });
        let (a, b) = (build(&inst, &plain), build(&inst, &one));
        assert_eq!(a.columns(), b.columns(), "{m}: columns");
        assert_eq!(a.rows(), b.rows(), "{m}: rows");
        assert_eq!(a.col_cost(), b.col_cost(), "{m}: costs");
        assert_eq!(a.row_lower(), b.row_lower(), "{m}: lower bounds");
        assert_eq!(a.row_upper(), b.row_upper(), "{m}: upper bounds");
        assert_eq!(a.value(), b.value(), "{m}: coefficients");
    }
}

#[test]
fn each_years_allocation_is_checked_and_must_sum_to_the_period() {
    let inst = instance(YEARS);
    let m = model("models/tiny-years-supplement.toml");
    let r = solve_checked(&inst, &m);
    let mut a = r.solution.allocation.clone();
    assert_eq!(a.by_year.len(), 3);
    // move 2013's nothing into 2011 beyond the period: the years no longer sum
    a.by_year[0].sites[0][builtin("market").index()] += 0.1;
    let report = stockland::check::check(&inst, &m, &a, None);
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.message.contains("the years sum to")),
        "{:?}",
        report.failures
    );
    // a plan without its years is refused, not read as one period
    let mut none = r.solution.allocation.clone();
    none.by_year.clear();
    let report = stockland::check::check(&inst, &m, &none, None);
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.message.contains("3 years")),
        "{:?}",
        report.failures
    );
}

#[test]
fn a_multi_year_solve_writes_years_csv_and_the_year_table() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let o = stockland(&[
        "solve",
        YEARS,
        "--model",
        "models/tiny-years-turnover.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Year by year"), "{text}");
    assert!(text.contains("turnover_quota"), "{text}");
    let csv = std::fs::read_to_string(out.join("years.csv")).unwrap();
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let head = rd.headers().unwrap().clone();
    assert_eq!(
        head.iter().collect::<Vec<_>>(),
        ["year", "scope", "account", "kind", "value", "unit"]
    );
    let mut built = Vec::new();
    for rec in rd.records() {
        let rec = rec.unwrap();
        if &rec[1] == "region" && &rec[2] == "new_construction" {
            built.push((
                rec[0].parse::<u16>().unwrap(),
                rec[4].parse::<f64>().unwrap(),
            ));
        }
    }
    assert_eq!(built.len(), 5);
    assert_eq!(built[0].0, 2011);
    assert!((built[0].1 - 0.5).abs() < 1e-7, "{built:?}");
}

/// Each project area's timeline sums to the area's period totals, and the areas' quota not
/// yet returned sums to the year accounts' `quota_outstanding` (one definition); the HTML
/// report draws it.
#[test]
fn the_project_areas_timeline_adds_up_to_the_areas_and_the_years() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let html = tmp.path().join("plan.html");
    let o = stockland(&[
        "solve",
        YEARS,
        "--model",
        "models/tiny-years-turnover.toml",
        "--out",
        out.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("项目区分年度进度"), "no timeline in the page");
    let read = |name: &str| {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let mut rd = csv::Reader::from_reader(text.as_bytes());
        let head = rd.headers().unwrap().clone();
        rd.records()
            .map(|r| {
                let r = r.unwrap();
                head.iter()
                    .zip(r.iter())
                    .map(|(h, v)| (h.to_string(), v.to_string()))
                    .collect::<std::collections::HashMap<_, _>>()
            })
            .collect::<Vec<_>>()
    };
    let num =
        |r: &std::collections::HashMap<String, String>, k: &str| -> f64 { r[k].parse().unwrap() };
    let timeline = read("project_area_years.csv");
    let areas = read("project_areas.csv");
    assert!(!areas.is_empty());
    assert_eq!(timeline.len(), 5 * areas.len());
    for a in &areas {
        let mine: Vec<_> = timeline.iter().filter(|r| r["id"] == a["id"]).collect();
        let sum = |k: &str| mine.iter().map(|r| num(r, k)).sum::<f64>();
        assert!((sum("reclaimed_km2") - num(a, "reclaimed_km2")).abs() < 1e-7);
        assert!((sum("quota_km2") - num(a, "quota_km2")).abs() < 1e-7);
        // every quota is returned by the plan's last year
        assert!(num(mine[4], "outstanding_km2").abs() < 1e-9);
    }
    let years = read("years.csv");
    let mut some = false;
    for y in 2011..=2015 {
        let want = years
            .iter()
            .find(|r| {
                r["year"] == y.to_string()
                    && r["scope"] == "region"
                    && r["account"] == "quota_outstanding"
            })
            .map(|r| num(r, "value"))
            .unwrap();
        let got: f64 = timeline
            .iter()
            .filter(|r| r["year"] == y.to_string())
            .map(|r| num(r, "outstanding_km2"))
            .sum();
        assert!(
            (got - want).abs() < 1e-7,
            "{y}: areas {got}, year accounts {want}"
        );
        some |= want > 1e-6;
    }
    assert!(some, "the turnover case borrows quota ahead of reclamation");
}

/// Tiny E's actuals, as a file in `dir`.
fn actuals_file(dir: &std::path::Path, rows: &str) -> std::path::PathBuf {
    let p = dir.join("actuals.csv");
    std::fs::write(&p, format!("year,scope,account,value,unit,source\n{rows}")).unwrap();
    p
}

fn replan(m: &stockland::policy::PolicyModel, rows: &str, from: u16) -> stockland::run::Run {
    let inst = instance(YEARS);
    let tmp = tempfile::tempdir().unwrap();
    let f = actuals_file(tmp.path(), rows);
    let text = std::fs::read_to_string(&f).unwrap();
    let obs = stockland::plan::read_actuals(&inst, "actuals.csv", &text).unwrap();
    let past = stockland::plan::Past::new(&obs, m.years.as_ref(), from).unwrap();
    let options = stockland::solve::SolveOptions {
        method: stockland::solve::Method::Simplex,
        ..Default::default()
    };
    stockland::run::Prepared::prepare_replan(&inst, m, "m.toml", &[], Some(&past))
        .unwrap()
        .solve(&options)
        .unwrap()
}

#[test]
fn a_re_plan_keeps_the_observed_year_and_optimises_the_rest() {
    // 先补后占 a year ahead, but nothing was reclaimed in 2011 (observed): 2012 has nothing
    // to occupy on; 2012's reclamation backs 2013's building. Optimum from 2012:
    // −10·0.5/1.1 + 80·0.5/1.21 = 28.512397
    let m = model("models/tiny-years-supplement.toml");
    let r = replan(&m, "2011,district:d,reclaimed,0,km2,observed\n", 2012);
    assert_close(
        r.solution.objective.unwrap(),
        28.512396694215,
        1e-6,
        "re-plan",
    );
    assert_path(
        &by_year(&r, Activity::Reclaimed),
        &[0.0, 0.5, 0.0],
        "reclaimed",
    );
    assert_path(
        &by_year(&r, Activity::Occupied),
        &[0.0, 0.0, 0.5],
        "occupied",
    );
    let c = r.check.as_ref().unwrap();
    assert_eq!(c.past.len(), 1);
    assert_eq!(c.past[0].planned, 0.0);
    // the optimum path breaks what was observed, and the check of the re-plan says so
    let inst = instance(YEARS);
    let free = solve_checked(&inst, &m);
    let text = "year,scope,account,value,unit\n2011,d,reclaimed,0,km2\n";
    let obs = stockland::plan::read_actuals(&inst, "a.csv", text).unwrap();
    let past = stockland::plan::Past::new(&obs, m.years.as_ref(), 2012).unwrap();
    let report = stockland::check::check_replan(
        &inst,
        &m,
        &free.solution.allocation,
        None,
        &[],
        Some(&past),
    );
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.message.contains("what happened was 0")),
        "{:?}",
        report.failures
    );
}

#[test]
fn an_observed_level_re_bases_the_account_and_makes_its_floor_bind() {
    // with an arable floor at the baseline (50 km²), which the plan keeps with room to
    // spare, and 2011 observed at 49.8 km² of arable (7.47万亩): 2012-2013 must reclaim
    // 0.2 km² more than they occupy, from V's 1 km². With a = r11: o12 ≤ a,
    // o12 + o13 ≤ min(a + r12, r12 + r13 − 0.2) = min(a + 0.5, 0.8 − a) at r12 = 0.5, best at
    // a = 0.15: r = 0.15, 0.5, 0.35, o = 0, 0.15, 0.5. Optimum:
    // −1.5 − 5/1.1 − 3.5/1.21 + 12/1.1 + 40/1.21 = 35.028926
    let mut m = model("models/tiny-years-supplement.toml");
    m.rules.arable_floor = Some(toml::from_str("min_km2 = 50.0").unwrap());
    let free = solve_checked(&instance(YEARS), &m);
    assert_close(
        free.solution.objective.unwrap(),
        59.876033057851,
        1e-6,
        "plan",
    );
    let r = replan(&m, "2011,region,arable,7.47,wan_mu,survey\n", 2012);
    assert_close(
        r.solution.objective.unwrap(),
        35.028925619835,
        1e-6,
        "re-plan",
    );
    assert_path(
        &by_year(&r, Activity::Reclaimed),
        &[0.15, 0.5, 0.35],
        "reclaimed",
    );
    assert_path(
        &by_year(&r, Activity::Occupied),
        &[0.0, 0.15, 0.5],
        "occupied",
    );
    let c = r.check.as_ref().unwrap();
    let line = c.line("arable_floor").unwrap();
    assert!(line.binding, "the floor binds: {line:?}");
    // 49.8 observed against 50.15 from the plan's own 2011: −0.35 carried forward
    let p = &c.past[0];
    assert_close(p.observed, 49.8, 1e-9, "observed");
    assert_close(p.planned, 50.15, 1e-9, "plan's own");
    assert_close(p.rebase.unwrap(), -0.35, 1e-9, "re-based");
    let arable: Vec<f64> = c.years.iter().map(|y| y.accounts.arable).collect();
    assert_path(&arable, &[49.8, 50.15, 50.0], "arable at year end");
    // one km² more observed in 2011 frees the floor: worth its price
    assert!(r.replan.as_ref().unwrap().prices[0].unwrap() > 0.0);
    // observed far below what the instance can make up: infeasible, and the floor named
    let inst = instance(YEARS);
    let obs = stockland::plan::read_actuals(
        &inst,
        "a.csv",
        "year,scope,account,value,unit\n2011,region,arable,4.98,wan_mu\n",
    )
    .unwrap();
    let past = stockland::plan::Past::new(&obs, m.years.as_ref(), 2012).unwrap();
    let options = stockland::solve::SolveOptions {
        method: stockland::solve::Method::Simplex,
        ..Default::default()
    };
    let r = stockland::run::Prepared::prepare_replan(&inst, &m, "m.toml", &[], Some(&past))
        .unwrap()
        .solve(&options)
        .unwrap();
    let conflicts = r.conflicts.unwrap();
    assert_eq!(conflicts[0].name, "arable_floor", "{conflicts:?}");
}

#[test]
fn bad_actuals_are_refused_by_file_line_and_field() {
    let inst = instance(YEARS);
    let text = "year,scope,account,value,unit\n2011,nowhere,arable,1,km2\n20x1,region,supply,1,acre\n2012,region,arable,-1,km2\n2012,district:d,arable,1,km2\n";
    let err = stockland::plan::read_actuals(&inst, "a.csv", text)
        .unwrap_err()
        .to_string();
    for want in [
        "a.csv: line 2: field `scope`",
        "a.csv: line 3: field `year`",
        "a.csv: line 3: field `unit`",
        "a.csv: line 4: field `value`",
        "a.csv: line 5: field `scope`",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    let ok = stockland::plan::read_actuals(
        &inst,
        "a.csv",
        "year,scope,account,value,unit\n2011,region,supply,1,km2\n",
    )
    .unwrap();
    let m = model("models/tiny-years-supplement.toml");
    for from in [2011, 2014] {
        let e = stockland::plan::Past::new(&ok, m.years.as_ref(), from)
            .unwrap_err()
            .to_string();
        assert!(e.contains("--from"), "{e}");
    }
    let one = model("models/tiny-reclaim.toml");
    let e = stockland::plan::Past::new(&ok, one.years.as_ref(), 2012)
        .unwrap_err()
        .to_string();
    assert!(e.contains("[years]"), "{e}");
}

#[test]
fn evaluate_and_solve_take_actuals_on_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let f = actuals_file(
        tmp.path(),
        "2011,region,arable,4.98,wan_mu,survey\n2009,region,arable,5,wan_mu,before\n",
    );
    let out = tmp.path().join("ev");
    let o = stockland(&[
        "evaluate",
        YEARS,
        "--model",
        "models/tiny-years-supplement.toml",
        "--actuals",
        f.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("What happened against the optimum path"),
        "{text}"
    );
    assert!(text.contains("not compared: 2009"), "{text}");
    let csv = std::fs::read_to_string(out.join("actuals.csv")).unwrap();
    assert!(
        csv.starts_with("year,scope,account,observed_km2,path_km2,difference_km2"),
        "{csv}"
    );
    let o = stockland(&[
        "solve",
        YEARS,
        "--model",
        "models/tiny-years-supplement.toml",
        "--actuals",
        f.to_str().unwrap(),
        "--from",
        "2012",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("Re-planned from 2012"), "{text}");
    assert!(text.contains("not applied: 2009"), "{text}");
    // --from without --actuals is refused by the command line
    let o = stockland(&[
        "solve",
        YEARS,
        "--model",
        "models/tiny-years-supplement.toml",
        "--from",
        "2012",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn the_beijing_year_models_keep_the_plan_s_rules() {
    // the five-year model is the built-in model's rules plus the rules stated in time; the
    // annual-supply model is the five-year model plus the annual supply plans
    let base = model("models/beijing-12th-fyp.toml");
    let years = model("models/beijing-12th-fyp-years.toml");
    let supply = model("models/beijing-12th-fyp-annual-supply.toml");
    let mut y = years.rules.clone();
    y.supplement_first = None;
    y.turnover_quota = None;
    y.annual_plan = None;
    assert_eq!(y, base.rules, "years model: the period's rules");
    assert_eq!(years.objective, base.objective);
    let (a, b) = (
        years.rules.annual_plan.as_ref().unwrap(),
        supply.rules.annual_plan.as_ref().unwrap(),
    );
    assert_eq!(b.limits[..b.limits.len() - 1], a.limits[..]);
    let last = b.limits.last().unwrap();
    assert_eq!(last.activity, Some(Activity::Supply));
    let total: f64 = last.max_km2.values().sum();
    assert_close(total, 276.0, 1e-9, "the annual supply plans");
    let mut s = supply.rules.clone();
    s.annual_plan = years.rules.annual_plan.clone();
    assert_eq!(s, years.rules);
    assert_eq!(supply.years, years.years);
}

#[test]
fn holding_later_years_at_zero_until_priced_reaches_the_cold_optimum() {
    let options = stockland::solve::SolveOptions {
        method: stockland::solve::Method::Simplex,
        ..Default::default()
    };
    // the certified family's 1/20 miniature of Beijing in five years, with 先补后占, the
    // turnover quota and an annual cap on redevelopment (a fifth of the 10 km² target and
    // a quarter more); and tiny E
    let mut family = model("instances/family/models/m20-plan.toml");
    family.years = model("models/beijing-12th-fyp-years.toml").years;
    family.rules.supplement_first = Some(toml::from_str("quality_weighted = true").unwrap());
    family.rules.turnover_quota = Some(toml::from_str("deadline_years = 3").unwrap());
    family.rules.annual_plan = Some(
        toml::from_str(
            "limits = [{ activity = \"redeveloped\", max_km2 = { 2011 = 2.5, 2012 = 2.5, 2013 = 2.5, 2014 = 2.5, 2015 = 2.5 } }]",
        )
        .unwrap(),
    );
    let cases = [
        (instance(YEARS), model("models/tiny-years-supplement.toml")),
        (instance(YEARS), model("models/tiny-years-turnover.toml")),
        (instance("instances/family/m20"), family),
    ];
    for (n, (inst, model)) in cases.iter().enumerate() {
        let prepared = stockland::run::Prepared::prepare(inst, model, "m.toml").unwrap();
        let mut a = prepared.session(&options).unwrap();
        let (held, stats) = stockland::run::in_time::run(&prepared, &options, &mut a).unwrap();
        let mut b = prepared.session(&options).unwrap();
        let cold = b.run().unwrap();
        let what = format!("case {n}: {stats:?}");
        assert!(cold.status.has_solution(), "{what}");
        assert_close(
            held.objective.unwrap(),
            cold.objective.unwrap(),
            1e-7 * cold.objective.unwrap().abs().max(1.0),
            &what,
        );
        if n == 2 {
            assert!(stats.held > 1000 && !stats.fell_back, "{what}");
        }
        // the answer is checked like any other
        assert!(prepared.finish(held).unwrap().is_some(), "{what}");
    }
}

#[test]
fn pooled_quota_splits_over_villages_and_years_within_each_village_s_deadline() {
    // tiny E with two interchangeable villages, in five years with a one-year turnover
    // deadline and 0.25 km² of reclamation a year: pooled by node and not, the same
    // optimum (tiny E's 65.993614: the second village adds nothing the cap lets in), and the
    // pooled plan's per-village, per-year split passes the check's per-village deadline lines
    let inst = instance("instances/tiny/years-pool.toml");
    let m = model("models/tiny-years-turnover.toml");
    let plain = solve_checked(&inst, &m);
    assert_close(
        plain.solution.objective.unwrap(),
        65.993613824192,
        1e-6,
        "unpooled",
    );
    let mut pooled = m.clone();
    pooled.rules.linkage_balance.as_mut().unwrap().pool = stockland::policy::Pooling::Node;
    let p = solve_checked(&inst, &pooled);
    assert_close(
        p.solution.objective.unwrap(),
        65.993613824192,
        1e-6,
        "pooled",
    );
    let c = p.check.as_ref().unwrap();
    let villages: Vec<_> = c
        .lines
        .iter()
        .filter(|l| l.rule.as_str() == "turnover_quota" && !l.name.contains("[S@"))
        .collect();
    assert_eq!(villages.len(), 6, "V and W, 2011-2013");
    assert!(villages.iter().all(|l| l.violation <= 1e-9), "{villages:?}");
    let a = &p.solution.allocation;
    let used: f64 = a.flows.iter().map(|f| f.quota_km2).sum();
    assert_close(used, 1.0, 1e-9, "quota used");
    // every year's flows sum to the period's, village by village
    for f in &a.flows {
        let by_year: f64 = a
            .by_year
            .iter()
            .flat_map(|y| y.flows.iter())
            .filter(|g| (g.unit, g.site) == (f.unit, f.site))
            .map(|g| g.quota_km2)
            .sum();
        assert_close(by_year, f.quota_km2, 1e-9, "years sum to the period");
    }
}

#[test]
fn an_annual_floor_on_a_level_binds_at_its_year() {
    // tiny E under 先补后占 a year ahead, with arable at the end of 2013 at least 50.3 km²
    // (the baseline 50): reclaimed − occupied ≥ 0.3 over the plan, V's 1 km² all reclaimed.
    // o12 ≤ r11 = 0.5, o12 + o13 ≤ r11 + r12 and ≤ 0.7: r = 0.5, 0.2, 0.3 (2013's
    // reclamation is the cheapest and only the floor needs it), o = 0, 0.5, 0.2.
    // Optimum: −5 − 2/1.1 − 3/1.21 + 40/1.1 + 16/1.21 = 40.289256
    let mut m = model("models/tiny-years-supplement.toml");
    m.rules
        .annual_plan
        .as_mut()
        .unwrap()
        .limits
        .push(toml::from_str("level = \"arable\"\nmin_km2 = { 2013 = 50.3 }").unwrap());
    let r = solve_checked(&instance(YEARS), &m);
    assert_close(
        r.solution.objective.unwrap(),
        40.289256198347,
        1e-6,
        "optimum",
    );
    assert_path(
        &by_year(&r, Activity::Reclaimed),
        &[0.5, 0.2, 0.3],
        "reclaimed",
    );
    assert_path(
        &by_year(&r, Activity::Occupied),
        &[0.0, 0.5, 0.2],
        "occupied",
    );
    let c = r.check.as_ref().unwrap();
    let line = c.line("annual_plan[arable@2013]").unwrap();
    assert!(line.binding && (line.value - 50.3).abs() < 1e-9, "{line:?}");
    // a level is the region's and is not cumulated
    let bad = model_from(
        "schema_version = 1\nname = \"x\"\n[years]\nfirst = 2011\nlast = 2012\n[rules.annual_plan]\nlimits = [{ level = \"arable\", district = \"d\", cumulative = true, min_km2 = { 2011 = 1.0 } }, { activity = \"supply\", level = \"arable\", max_km2 = { 2011 = 1.0 } }]\n",
    );
    let e = bad
        .validate("m.toml", Some(&instance(YEARS)))
        .unwrap_err()
        .to_string();
    for field in [
        "limits[0].district",
        "limits[0].cumulative",
        "limits[1].activity",
    ] {
        assert!(e.contains(field), "{field}: {e}");
    }
}

/// `prices` and `pareto` re-plan from what happened as `solve` does: the base optimum is
/// the re-plan's (28.512397, derived in `a_re_plan_keeps_the_observed_year_and_optimises_the_rest`),
/// and every point of the front passes the re-plan's check.
#[test]
fn prices_and_pareto_re_plan_from_actuals() {
    let tmp = tempfile::tempdir().unwrap();
    let f = actuals_file(tmp.path(), "2011,district:d,reclaimed,0,km2,observed\n");
    let case = [
        YEARS,
        "--model",
        "models/tiny-years-supplement.toml",
        "--actuals",
        f.to_str().unwrap(),
        "--from",
        "2012",
    ];
    let o = stockland(&[&["prices"], &case[..]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.contains("re-planned from 2012"), "{text}");
    assert!(text.contains("base optimum 28.51 million yuan"), "{text}");
    let out = tmp.path().join("front");
    let o = stockland(
        &[
            &["pareto"],
            &case[..],
            &[
                "--against",
                "arable",
                "--points",
                "3",
                "--out",
                out.to_str().unwrap(),
            ],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let csv = std::fs::read_to_string(out.join("pareto.csv")).unwrap();
    let mut rd = csv::Reader::from_reader(csv.as_bytes());
    let head = rd.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 3);
    let objective: f64 = rows[0][col("objective")].parse().unwrap();
    assert!((objective - 28.512396694215).abs() < 1e-6, "{csv}");
    for r in &rows {
        assert_eq!(&r[col("check")], "passed", "{csv}");
    }
}
