//! A plan's own rules and its own criteria: the `linear` family beyond its FAMILIES row
//! (every amount, the validation a planner meets), benefit criteria with weights and
//! normalisation, the criteria table, and units wholly allocated (`unit_capacity.full`).
//!
//! `instances/tiny/criteria.toml` under `models/tiny-criteria.toml`, derived by hand. Per km²
//! of use, the objective adds ½·b_economic/10 + ½·b_ecological/8 (each criterion divided by
//! its largest coefficient: 10 for infrastructure, 8 for P1's ecological land):
//!
//! | patch | arable | ecological | infrastructure |
//! |---|---|---|---|
//! | P1 (2 km²) | .15+.125 = .275 | .05+.5 = .55 | .5 |
//! | P2 (1 km²) | .275 | .05+.25 = .30 | .5 |
//! | P3 (1 km²) | .275 | .05+.375 = .425 | .4 (economic 8 here) |
//!
//! Unconstrained: P1 ecological, P2 infrastructure, P3 ecological (2.025). Infrastructure
//! ≤ 0.4 goes where it gains most over ecological land (P2: +.2). Arable ≥ 1.5 costs least
//! on P2 (.025 per km² below ecological land), then P3 (.15), P1 (.275): P2 takes 0.6
//! arable (its 1 km² less the 0.4 of infrastructure), P3 0.9 and keeps 0.1 ecological.
//! Objective 1.1 + (.6·.275 + .4·.5) + (.9·.275 + .1·.425) = 1.755. Moving a km² of
//! infrastructure cap up: +.2 on P2, −.025 less arable there, −.15 more arable on P3:
//! price .075; of the arable floor up: −.15 (P3's next km²). Criteria: economic
//! 2·1 + .6·3 + .4·10 + .9·3 + .1·1 = 10.6; ecological 2·8 + .6·2 + .9·2 + .1·6 = 19.6.

use crate::util::*;
use stockland::policy::{PolicyModel, RuleId};

const CRITERIA: &str = "instances/tiny/criteria.toml";
const CRITERIA_MODEL: &str = "models/tiny-criteria.toml";

fn alloc_of(r: &stockland::run::Run, inst: &stockland::instance::Instance, id: &str) -> Vec<f64> {
    let i = inst.units.iter().position(|u| u.id == id).unwrap();
    r.solution.allocation.units[i].to_vec()
}

fn price(r: &stockland::run::Run, name: &str) -> f64 {
    r.solution
        .rows
        .iter()
        .find(|row| row.name == name)
        .unwrap_or_else(|| panic!("no row {name}"))
        .shadow_price
        .unwrap()
}

#[test]
fn criteria_and_own_rules_reach_the_hand_derived_optimum() {
    let inst = instance(CRITERIA);
    let r = solve_checked(&inst, &model(CRITERIA_MODEL));
    assert_close(r.solution.objective.unwrap(), 1.755, 1e-9, "objective");
    // [affordable, market, industrial, infrastructure, arable, ecological]
    let close = |a: Vec<f64>, b: [f64; 6], what: &str| {
        for k in 0..6 {
            assert_close(a[k], b[k], 1e-9, what);
        }
    };
    close(
        alloc_of(&r, &inst, "P1"),
        [0.0, 0.0, 0.0, 0.0, 0.0, 2.0],
        "P1",
    );
    close(
        alloc_of(&r, &inst, "P2"),
        [0.0, 0.0, 0.0, 0.4, 0.6, 0.0],
        "P2",
    );
    close(
        alloc_of(&r, &inst, "P3"),
        [0.0, 0.0, 0.0, 0.0, 0.9, 0.1],
        "P3",
    );
    assert_close(
        price(&r, "linear[infrastructure_cap]"),
        0.075,
        1e-9,
        "cap price",
    );
    assert_close(price(&r, "linear[grain]"), -0.15, 1e-9, "floor price");
    let c = r.check.as_ref().unwrap();
    let b: Vec<(&str, f64, f64, f64)> = c
        .benefits
        .iter()
        .map(|b| (b.id.as_str(), b.value, b.scale, b.contribution))
        .collect();
    assert_eq!(b.len(), 2);
    assert_eq!((b[0].0, b[1].0), ("economic", "ecological"));
    assert_close(b[0].1, 10.6, 1e-9, "economic amount");
    assert_close(b[0].2, 10.0, 0.0, "economic scale");
    assert_close(b[0].3, 0.53, 1e-9, "economic contribution");
    assert_close(b[1].1, 19.6, 1e-9, "ecological amount");
    assert_close(b[1].2, 8.0, 0.0, "ecological scale");
    assert_close(b[1].3, 1.225, 1e-9, "ecological contribution");
    assert_close(
        c.objective.benefits,
        1.755,
        1e-9,
        "benefits in the objective",
    );
    // every patch wholly allocated: the unit_capacity lines are equalities
    for l in c.lines.iter().filter(|l| l.rule == RuleId::UnitCapacity) {
        assert_eq!(l.lower, l.upper, "{}", l.name);
        assert!(l.binding, "{}", l.name);
    }
}

#[test]
fn the_summary_and_solution_json_report_each_criterion() {
    let o = stockland(&["solve", CRITERIA, "--model", CRITERIA_MODEL]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = stdout(&o);
    assert!(s.contains("+ benefit criteria 1.76"), "{s}");
    assert!(s.contains("economic (经济效益)"), "{s}");
    assert!(s.contains("linear[grain]"), "{s}");
    // in Chinese: the criteria by their names, aligned
    let o = stockland(&["solve", CRITERIA, "--model", CRITERIA_MODEL, "--lang", "zh"]);
    let zh = stdout(&o);
    assert!(zh.contains("效益准则（目标函数中各准则之和 1.76"), "{zh}");
    assert!(
        zh.contains("经济效益  economic    10.6000  0.500  10.0000  0.5300"),
        "{zh}"
    );
    let o = stockland(&["solve", CRITERIA, "--model", CRITERIA_MODEL, "--json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let b = j["benefits"].as_array().unwrap();
    assert_eq!(b[1]["id"], "ecological");
    assert_close(
        b[1]["value"].as_f64().unwrap(),
        19.6,
        1e-9,
        "json ecological",
    );
    assert_close(
        j["objective_parts"]["benefits"].as_f64().unwrap(),
        1.755,
        1e-9,
        "json benefits",
    );
}

fn criteria_model(edit: impl Fn(&str) -> String) -> PolicyModel {
    let text = std::fs::read_to_string(repo().join(CRITERIA_MODEL)).unwrap();
    model_from(&edit(&text))
}

#[test]
fn normalisation_and_sense_set_each_criterion_s_factor() {
    let inst = instance(CRITERIA);
    // by range: economic coefficients span 1 (ecological land) to 10 (infrastructure)
    let m = criteria_model(|t| t.replacen("normalise = \"largest\"", "normalise = \"range\"", 1));
    let b = &m.objective.benefits[0];
    assert_close(b.scale(&inst), 9.0, 0.0, "range");
    assert_close(b.factor(&inst), 0.5 / 9.0, 1e-15, "factor");
    // none: the coefficients as given
    let m = criteria_model(|t| t.replace("normalise = \"largest\"\n", ""));
    assert_close(m.objective.benefits[1].scale(&inst), 1.0, 0.0, "none");
    let r = solve_checked(&inst, &m);
    let c = r.check.unwrap();
    let total: f64 = c.benefits.iter().map(|b| b.contribution).sum();
    assert_close(
        total,
        r.solution.objective.unwrap(),
        1e-9,
        "Σ contributions",
    );
    // a criterion to lower enters with a negative weight: ecological yield now a cost, so
    // no patch is restored to ecological land where another use is as good economically
    let m = criteria_model(|t| {
        t.replacen(
            "name = \"生态效益\"",
            "name = \"生态效益\"\nsense = \"less\"",
            1,
        )
    });
    assert!(m.objective.benefits[1].factor(&inst) < 0.0);
    let r = solve_checked(&inst, &m);
    let eco: f64 = r.solution.allocation.units.iter().map(|x| x[5]).sum();
    assert_close(eco, 0.0, 1e-9, "ecological land under sense = less");
}

#[test]
fn least_cost_ignores_the_criteria() {
    let inst = instance(CRITERIA);
    let m =
        criteria_model(|t| t.replacen("[objective]\n", "[objective]\nkind = \"least_cost\"\n", 1));
    let r = solve_checked(&inst, &m);
    assert_close(
        r.solution.objective.unwrap(),
        0.0,
        1e-12,
        "least cost of a free plan",
    );
    assert!(r.check.unwrap().benefits.is_empty());
}

/// An instance directory: the tiny criteria manifest with its inline criteria moved to
/// `criteria.csv` holding `rows`.
fn criteria_dir(rows: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo().join(CRITERIA)).unwrap();
    let start = text.find("criteria = [").unwrap();
    let end = start + text[start..].find("]\n").unwrap() + 2;
    let manifest = format!(
        "{}criteria_file = \"criteria.csv\"\n{}",
        &text[..start],
        &text[end..]
    );
    std::fs::write(dir.path().join("instance.toml"), manifest).unwrap();
    std::fs::write(dir.path().join("criteria.csv"), rows).unwrap();
    dir
}

const CSV_ROWS: &str = "id,criterion,use,value\nP1,ecological,ecological,8\nP2,ecological,ecological,4\nP3,ecological,ecological,6\nP3,economic,infrastructure,8\n";

#[test]
fn a_criteria_table_gives_the_same_optimum_as_inline_rows() {
    let dir = criteria_dir(CSV_ROWS);
    let inst = stockland::files::load_instance(dir.path()).unwrap();
    let r = solve_checked(&inst, &model(CRITERIA_MODEL));
    assert_close(
        r.solution.objective.unwrap(),
        1.755,
        1e-9,
        "from criteria.csv",
    );
}

#[test]
fn bad_criteria_rows_are_named_by_file_line_and_field() {
    let rows = "id,criterion,use,value\nP9,ecological,ecological,8\nP2,ecological,market,4\nP3,ecological,ecological,6\nP3,ecological,ecological,7\nP1,eco logical,arable,1\n";
    let dir = criteria_dir(rows);
    let err = stockland::files::load_instance(dir.path())
        .unwrap_err()
        .to_string();
    for want in [
        "criteria.csv: line 2 (criterion ecological of P9): field `id`: `P9` is no unit or site",
        "criteria.csv: line 3 (criterion ecological of P2): field `use`: `P2` does not offer `market`",
        "line 5 (criterion ecological of P3)",
        "given twice",
        "criteria.csv: line 6 (criterion eco logical of P1): field `criterion`",
    ] {
        assert!(err.contains(want), "missing «{want}» in:\n{err}");
    }
}

#[test]
fn a_criterion_without_values_is_refused() {
    let inst = instance(CRITERIA);
    let m = criteria_model(|t| {
        t.replacen("id = \"economic\"", "id = \"social\"", 1)
            .replacen(
                "values = { arable = 3.0, ecological = 1.0, infrastructure = 10.0 }\n",
                "",
                1,
            )
    });
    let err = m.validate("m.toml", Some(&inst)).unwrap_err().to_string();
    assert!(
        err.contains("m.toml: objective.benefits[0]: field `id`: criterion `social` has no values"),
        "{err}"
    );
    assert!(err.contains("(which has ecological, economic)"), "{err}");
}

#[test]
fn full_allocation_refuses_a_unit_that_cannot_be_wholly_allocated() {
    // P1 offering arable alone on half its area
    let text = std::fs::read_to_string(repo().join(CRITERIA)).unwrap();
    let p1 = text.find("\nid = \"P1\"").unwrap();
    let p2 = text.find("\nid = \"P2\"").unwrap();
    let block = text[p1..p2]
        .replace("reclaimable_share = 1.0", "reclaimable_share = 0.5")
        .replace(
            "value_infrastructure = 0.0\ncost_infrastructure = 0.0\n",
            "",
        )
        .replace("value_ecological = 0.0\ncost_ecological = 0.0\n", "");
    let edited = format!("{}{block}{}", &text[..p1], &text[p2..]).replace(
        "  { id = \"P1\", criterion = \"ecological\", use = \"ecological\", value = 8.0 },\n",
        "",
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("instance.toml"), edited).unwrap();
    let inst = stockland::files::load_instance(dir.path()).unwrap();
    let err = model(CRITERIA_MODEL)
        .validate("m.toml", Some(&inst))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("rules.unit_capacity: field `full`: unit P1 cannot be wholly allocated: it offers only arable on its reclaimable part"),
        "{err}"
    );
}

fn linear_errors(instance_rel: &str, base: &str, rules: &str) -> String {
    let inst = instance(instance_rel);
    let m = model_from(&format!(
        "schema_version = 1\nname = \"t\"\n{base}[rules.linear]\nrules = [{rules}]\n"
    ));
    m.validate("m.toml", Some(&inst)).unwrap_err().to_string()
}

#[test]
fn linear_validation_names_the_rule_term_and_field() {
    let mixed = "instances/tiny/mixed.toml";
    let cases: &[(&str, &str)] = &[
        (
            r#"{ id = "r", relation = "<=", bound = 1.0, terms = [{ tags = ["steep"] }] }"#,
            "rules.linear: field `rules[0].terms[0].tags`: `steep` is no tag of any unit of the instance",
        ),
        (
            r#"{ id = "r", relation = "<=", bound = 1.0, terms = [{ zones = ["c"] }] }"#,
            "field `rules[0].terms[0].zones`: `c` is no zone of the instance",
        ),
        (
            r#"{ id = "r", relation = "<=", bound = 1.0, terms = [{ amount = "consolidation", uses = ["arable"] }] }"#,
            "field `rules[0].terms[0].uses`: `amount = \"consolidation\"` does not select by this",
        ),
        (
            r#"{ id = "r", relation = "<=", bound = 1.0, terms = [{ uses = ["market"] }] }, { id = "r", relation = ">=", bound = 0.0, terms = [{ uses = ["arable"] }] }"#,
            "field `rules[1].id`: rule id `r` is given twice",
        ),
        (
            r#"{ id = "r", relation = "<=", bound = 1.0, terms = [{ amount = "quota" }] }"#,
            "field `rules[0].terms[0].amount`: linkage quota exists only with the linkage",
        ),
        (
            r#"{ id = "r s", relation = "<=", bound = 1.0, terms = [{ coefficient = 0.0 }] }"#,
            "field `rules[0].id`: expected an id of letters",
        ),
        (
            r#"{ id = "r", relation = "<=", bound = 1.0, mode = "soft", terms = [{ uses = ["market"] }] }"#,
            "field `rules[0].penalty`: a soft rule needs a penalty",
        ),
        (
            r#"{ id = "r", relation = "<=", bound = 1.0, terms = [{ uses = ["arable"], kinds = ["new_town"] }] }"#,
            "field `rules[0].terms[0]`: the term selects nothing on this instance",
        ),
    ];
    for (rule, want) in cases {
        let err = linear_errors(mixed, "", rule);
        assert!(err.contains(want), "{rule}:\nmissing «{want}» in:\n{err}");
    }
    // a coefficient of zero is named too
    let err = linear_errors(
        mixed,
        "",
        r#"{ id = "r", relation = "<=", bound = 1.0, terms = [{ coefficient = 0.0 }] }"#,
    );
    assert!(
        err.contains("field `rules[0].terms[0].coefficient`"),
        "{err}"
    );
}

#[test]
fn linear_quota_and_consolidation_amounts_hold_on_the_solved_plan() {
    // the linkage instance: villages of district m send 1 km² of quota when free
    let inst = instance("instances/tiny/linkage.toml");
    let base = std::fs::read_to_string(repo().join("models/tiny-linkage.toml")).unwrap();
    let free = solve_checked(&inst, &model_from(&base))
        .solution
        .objective
        .unwrap();
    let capped = format!("{base}\n[rules.linear]\nrules = [{{ id = \"m_quota\", relation = \"<=\", bound = 0.6, terms = [{{ amount = \"quota\", districts = [\"m\"], kinds = [\"rural_homestead\"] }}] }}]\n");
    let r = solve_checked(&inst, &model_from(&capped));
    let c = r.check.as_ref().unwrap();
    let line = c.line("linear[m_quota]").unwrap();
    assert_close(line.value, 0.6, 1e-9, "quota sent from m");
    assert!(line.binding);
    assert!(r.solution.objective.unwrap() < free - 1e-6);
    // consolidation: tiny C's projects are in district db
    let inst = instance("instances/tiny/mixed.toml");
    let m = model_from("schema_version = 1\nname = \"t\"\n[rules.unit_capacity]\n[rules.site_capacity]\n[rules.linear]\nrules = [{ id = \"new_arable\", relation = \">=\", bound = 0.7, terms = [{ amount = \"consolidation\", districts = [\"db\"] }] }]\n");
    let r = solve_checked(&inst, &m);
    let line = r
        .check
        .as_ref()
        .unwrap()
        .line("linear[new_arable]")
        .unwrap()
        .clone();
    assert_close(line.value, 0.7, 1e-9, "consolidation");
    let projects: f64 = r.solution.allocation.projects.iter().sum();
    assert_close(projects, 0.7, 1e-9, "projects");
}

#[test]
fn linear_arable_change_is_reclaimed_plus_consolidated_minus_occupied() {
    // tiny C: district db holds U3..U6, sites S2 and S3, projects P1 and P2
    let inst = instance("instances/tiny/mixed.toml");
    let m = model_from("schema_version = 1\nname = \"t\"\n[rules.unit_capacity]\n[rules.site_capacity]\n[rules.linear]\nrules = [{ id = \"arable_db\", relation = \">=\", bound = 0.5, terms = [{ amount = \"arable_change\", districts = [\"db\"] }] }]\n");
    let r = solve_checked(&inst, &m);
    let line = r
        .check
        .as_ref()
        .unwrap()
        .line("linear[arable_db]")
        .unwrap()
        .clone();
    assert!(line.binding, "free, sites occupy arable: the floor binds");
    assert_close(line.value, 0.5, 1e-9, "arable change in db");
    // the same amount summed by hand from the allocation
    let a = &r.solution.allocation;
    let mut v = 0.0;
    for (u, x) in inst.units.iter().zip(&a.units) {
        if inst.districts[u.district].id == "db" {
            v += x[4];
        }
    }
    for (p, c) in inst.projects.iter().zip(&a.projects) {
        if inst.districts[p.district].id == "db" {
            v += c;
        }
    }
    for (s, y) in inst.sites.iter().zip(&a.sites) {
        if inst.districts[s.district].id == "db" {
            v -= s.arable_share * y[..4].iter().sum::<f64>();
        }
    }
    assert_close(v, 0.5, 1e-9, "by hand");
    // uses do not select an arable change
    let bad = model_from("schema_version = 1\nname = \"t\"\n[rules.linear]\nrules = [{ id = \"r\", relation = \">=\", bound = 0.0, terms = [{ amount = \"arable_change\", uses = [\"arable\"] }] }]\n");
    let e = bad.validate("m.toml", Some(&inst)).unwrap_err().to_string();
    assert!(
        e.contains(
            "field `rules[0].terms[0].uses`: `amount = \"arable_change\"` does not select by this"
        ),
        "{e}"
    );
}

/// Numbers no solver can trust are refused where they are written, not passed to HiGHS.
#[test]
fn huge_coefficients_weights_and_values_are_refused() {
    let e = linear_errors(
        "instances/tiny/mixed.toml",
        "",
        r#"{ id = "r", relation = "<=", bound = 1e300, terms = [{ coefficient = 1e300, uses = ["market"] }] }"#,
    );
    assert!(
        e.contains("field `rules[0].bound`: expected a number within ±10¹²"),
        "{e}"
    );
    assert!(
        e.contains(
            "field `rules[0].terms[0].coefficient`: expected a non-zero coefficient within ±10⁶"
        ),
        "{e}"
    );
    let m = criteria_model(|t| {
        t.replacen("weight = 0.5", "weight = 1e300", 1).replacen(
            "arable = 3.0",
            "arable = 1e300",
            1,
        )
    });
    let e = m
        .validate("m.toml", Some(&instance(CRITERIA)))
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("objective.benefits[0]: field `weight`: expected a weight in [0, 10⁶]"),
        "{e}"
    );
    assert!(
        e.contains("objective.benefits[0]: field `values.arable`: expected a number within ±10⁹"),
        "{e}"
    );
    let dir = criteria_dir("id,criterion,use,value\nP1,ecological,ecological,1e300\n");
    let e = stockland::files::load_instance(dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("field `value`: expected a number within ±10⁹"),
        "{e}"
    );
    let text = std::fs::read_to_string(repo().join("instances/tiny/mixed.toml")).unwrap();
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("instance.toml"),
        text.replace("period_end = 150.0", "period_end = 1e300"),
    )
    .unwrap();
    let e = stockland::files::load_instance(d.path())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("region.gdp: field `period_end`: expected a GDP in (0, 10¹²]"),
        "{e}"
    );
}
