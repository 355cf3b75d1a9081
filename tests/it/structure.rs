//! Uses an instance declares (`[[uses]]`), units of any present class (patch groups) and
//! the land-use structure template (`stockland init --template structure`).
//!
//! The template's optimum is derived by hand in `templates/structure/README.md`: each patch
//! group at its best use gives 181.25 with 3.5 km² of ecological land; the floor of 9 km²
//! takes the cheapest 5.5 km² by loss per km² — P11 (1.5 km² at 2), P08 (2.0 at 3) and 2.0
//! of P06's 4.0 km² (3.5) — so the optimum is 181.25 − 16 = 165.25 and the floor's price
//! −3.5, holding for bounds from 7 to 11 km². Arable at the end: 40 − P02's 2 km² turned to
//! orchard = 38.

use crate::util::*;
use std::path::Path;

const STRUCTURE: &str = "templates/structure";

fn structure_dir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let o = stockland(&[
        "init",
        d.path().join("s").to_str().unwrap(),
        "--template",
        "structure",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    d
}

fn solve_dir(dir: &Path, extra: &[&str]) -> String {
    let mut args = vec!["solve", "s", "--model", "s/model.toml"];
    args.extend_from_slice(extra);
    let o = stockland_in(dir, &args);
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(0), "{out}");
    out
}

#[test]
fn the_structure_template_reaches_its_hand_derived_optimum() {
    let inst = instance(&format!("{STRUCTURE}/instance.toml"));
    let m = model(&format!("{STRUCTURE}/model.toml"));
    let r = solve_checked(&inst, &m);
    assert_close(r.solution.objective.unwrap(), 165.25, 1e-9, "objective");
    // every patch group wholly allocated, to the uses the derivation gives
    let expect: [(&str, &[(&str, f64)]); 12] = [
        ("P01", &[("paddy", 3.0)]),
        ("P02", &[("orchard", 2.0)]),
        ("P03", &[("paddy", 2.5)]),
        ("P04", &[("orchard", 1.5)]),
        ("P05", &[("orchard", 2.0)]),
        ("P06", &[("orchard", 2.0), ("forest", 2.0)]),
        ("P07", &[("forest", 3.0)]),
        ("P08", &[("forest", 2.0)]),
        ("P09", &[("orchard", 1.0)]),
        ("P10", &[("pond", 1.0)]),
        ("P11", &[("forest", 1.5)]),
        ("P12", &[("grassland", 0.5)]),
    ];
    for (id, uses) in expect {
        let ui = inst.units.iter().position(|u| u.id == id).unwrap();
        let x = &r.solution.allocation.units[ui];
        for k in inst.uses.iter() {
            let want = uses
                .iter()
                .find(|(u, _)| *u == k.as_str())
                .map_or(0.0, |p| p.1);
            assert_close(x[k.index()], want, 1e-9, &format!("{id} {k}"));
        }
    }
    let rows = r.solution.rows_by_ref();
    let eco = rows
        .values()
        .find(|row| row.name == "linear[ecological_land]")
        .expect("the ecological floor's row");
    assert_close(
        eco.shadow_price.unwrap(),
        -3.5,
        1e-9,
        "ecological floor price",
    );
    let range = eco.sensitivity.and_then(|s| s.range).expect("a range");
    assert_close(range[0], 7.0, 1e-9, "range from");
    assert_close(range[1], 11.0, 1e-9, "range to");
    let check = r.check.as_ref().unwrap();
    assert_close(check.accounts.arable, 38.0, 1e-9, "arable at the end");
    assert_close(
        check.accounts.construction,
        10.0,
        1e-9,
        "construction unchanged",
    );
}

#[test]
fn a_second_backend_agrees_on_the_template() {
    let d = structure_dir();
    for backend in ["highs", "microlp"] {
        let out = solve_dir(d.path(), &["--backend", backend]);
        assert!(
            out.contains("objective (net benefit): 165.25"),
            "{backend}: {out}"
        );
        assert!(out.contains("check: passed"), "{backend}: {out}");
    }
}

#[test]
fn init_writes_the_structure_template_and_its_reports_give_the_structure() {
    let d = structure_dir();
    let out = solve_dir(d.path(), &["--out", "out"]);
    assert!(out.contains("Land-use structure at period end"), "{out}");
    assert!(out.contains("linear[ecological_land]"), "{out}");
    // the stock sections give way to the structure
    assert!(!out.contains("Stock redevelopment by zone"), "{out}");
    let structure = std::fs::read_to_string(d.path().join("out/structure.csv")).unwrap();
    let lines: Vec<&str> = structure.lines().collect();
    assert_eq!(
        lines[0],
        "use,name_zh,name_en,role,class,from_construction,from_arable,from_non_construction,km2,share"
    );
    assert!(lines[1].starts_with("paddy,水田,paddy field,arable,0101,0.0,5.5,0.0,5.5,"));
    assert!(lines[3].starts_with("orchard,果园,orchard,agricultural,0201,0.0,2.0,6.5,8.5,"));
    // per-use columns are the declared uses
    let units = std::fs::read_to_string(d.path().join("out/units.csv")).unwrap();
    assert!(units.starts_with(
        "id,district,zone,kind,area_km2,paddy,dry_land,orchard,forest,grassland,pond,redeveloped,reduced_cost_paddy,"
    ));
    let zh = solve_dir(d.path(), &["--lang", "zh", "--html", "report.html"]);
    assert!(zh.contains("规划期末土地利用结构"), "{zh}");
    assert!(zh.contains("乔木林地"), "{zh}");
    let html = std::fs::read_to_string(d.path().join("report.html")).unwrap();
    assert!(html.contains("土地利用结构优化方案") && html.contains("坑塘水面"));
    assert!(!html.contains("各功能区存量建设用地挖潜"));
}

/// The template's files with `edit` applied to `file`, validated: the output.
fn template_errors(file: &str, edit: impl Fn(&str) -> String) -> String {
    let d = structure_dir();
    let p = d.path().join("s").join(file);
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, edit(&text)).unwrap();
    let o = stockland_in(d.path(), &["validate", "s/instance.toml", "s/model.toml"]);
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(!out.contains("panicked"), "{out}");
    out
}

#[test]
fn declared_uses_are_checked_against_the_standard_and_their_role() {
    // an arable use of an orchard class
    let out = template_errors("instance.toml", |t| {
        t.replacen("class = \"0103\"", "class = \"0201\"", 1)
    });
    assert!(
        out.contains("uses[1] (dry_land)") && out.contains("field `class`"),
        "{out}"
    );
    assert!(
        out.contains("0201 果园 is not land a use of role `arable` can be"),
        "{out}"
    );
    // a class the standard does not have
    let out = template_errors("instance.toml", |t| {
        t.replacen("class = \"1104\"", "class = \"1199\"", 1)
    });
    assert!(
        out.contains("uses[5] (pond)") && out.contains("`1199` is not a class of GB/T 21010-2017"),
        "{out}"
    );
    // the same id twice, an id that cannot name a column, an unknown role
    let out = template_errors("instance.toml", |t| {
        t.replacen("id = \"pond\"", "id = \"orchard\"", 1)
    });
    assert!(out.contains("duplicate use `orchard`"), "{out}");
    let out = template_errors("instance.toml", |t| {
        t.replacen("id = \"pond\"", "id = \"Pond area\"", 1)
    });
    assert!(
        out.contains("expected a word of lower-case letters"),
        "{out}"
    );
    let out = template_errors("instance.toml", |t| {
        t.replacen("role = \"agricultural\"", "role = \"garden\"", 1)
    });
    assert!(
        out.contains("instance.toml") && out.contains("garden"),
        "{out}"
    );
}

#[test]
fn use_columns_name_declared_uses_and_patch_groups_their_account() {
    // a value column of a use the instance does not declare
    let out = template_errors("units.csv", |t| {
        t.replacen("value_pond,cost_pond", "value_fishpond,cost_fishpond", 1)
    });
    assert!(
        out.contains("units.csv: line 4 (unit P03)") && out.contains("value_fishpond"),
        "{out}"
    );
    assert!(out.contains("unknown use `fishpond`: expected one of the instance's uses (paddy, dry_land, orchard, forest, grassland, pond)"), "{out}");
    // a number that is not one
    let out = template_errors("units.csv", |t| {
        t.replacen(
            "P01,t1,patch,0103,arable,false,3.0,false,false,2.0,0,1,6,plain,11.0",
            "P01,t1,patch,0103,arable,false,3.0,false,false,2.0,0,1,6,plain,eleven",
            1,
        )
    });
    assert!(
        out.contains("line 2")
            && out.contains("value_paddy")
            && out.contains("`eleven` is not a number"),
        "{out}"
    );
    // dry land counted as other land
    let out = template_errors("units.csv", |t| {
        t.replacen(
            "P01,t1,patch,0103,arable",
            "P01,t1,patch,0103,non_construction",
            1,
        )
    });
    assert!(
        out.contains("(unit P01)")
            && out.contains("field `account`")
            && out.contains("land of class 0103 cannot be counted as `non_construction`"),
        "{out}"
    );
    // a homestead counted as arable land
    let out = template_errors("units.csv", |t| {
        t.replacen("P01,t1,patch,", "P01,t1,rural_homestead,", 1)
    });
    assert!(
        out.contains("(unit P01)")
            && out.contains("field `kind`")
            && out.contains("a rural_homestead is construction land, not arable land"),
        "{out}"
    );
    // a use column twice
    let out = template_errors("units.csv", |t| {
        let mut lines: Vec<String> = t.lines().map(String::from).collect();
        for l in lines.iter_mut() {
            let first = l.split(',').nth(14).unwrap_or("").to_string();
            if l.starts_with("id,") {
                *l += ",value_paddy";
            } else {
                *l += &format!(",{first}");
            }
        }
        lines.join("\n") + "\n"
    });
    assert!(
        out.contains("value_paddy") && out.contains("appears twice"),
        "{out}"
    );
    // several arable uses bound by one reclaimable share
    let out = template_errors("units.csv", |t| {
        t.replacen(
            "P02,t1,patch,0103,arable,false,2.0,false,false,2.0,0,1,",
            "P02,t1,patch,0103,arable,false,2.0,false,false,2.0,0,0.5,",
            1,
        )
    });
    assert!(
        out.contains("(unit P02)")
            && out.contains("reclaimable_share")
            && out.contains("2 uses are arable"),
        "{out}"
    );
}

#[test]
fn model_files_name_the_instance_s_uses() {
    let out = template_errors("model.toml", |t| {
        t.replace(
            "terms = [{ roles = [\"ecological\"] }]",
            "terms = [{ uses = [\"woodland\"] }]",
        )
    });
    assert!(
        out.contains("rules.linear") && out.contains("unknown use `woodland`"),
        "{out}"
    );
    // a built-in use's name means nothing to an instance with its own uses
    let out = template_errors("model.toml", |t| {
        t.to_string() + "\n[rules.transport_access]\nmax_station_km = 3.0\nuses = [\"market\"]\n"
    });
    assert!(
        out.contains("rules.transport_access") && out.contains("unknown use `market`"),
        "{out}"
    );
}

#[test]
fn a_site_takes_construction_uses_only() {
    let d = tempfile::tempdir().unwrap();
    let src = repo().join("templates/basic");
    for f in [
        "instance.toml",
        "units.csv",
        "sites.csv",
        "projects.csv",
        "model.toml",
    ] {
        std::fs::copy(src.join(f), d.path().join(f)).unwrap();
    }
    let sites = std::fs::read_to_string(d.path().join("sites.csv")).unwrap();
    let mut lines: Vec<String> = sites.lines().map(String::from).collect();
    lines[0] += ",value_ecological,cost_ecological";
    for l in lines.iter_mut().skip(1) {
        *l += ",3.0,1.0";
    }
    std::fs::write(d.path().join("sites.csv"), lines.join("\n") + "\n").unwrap();
    let o = stockland_in(d.path(), &["validate", "instance.toml", "model.toml"]);
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains("sites.csv: line 2")
            && out.contains("value_ecological")
            && out.contains("a receiving site takes new construction only"),
        "{out}"
    );
}

#[test]
fn patch_groups_move_land_between_accounts_in_the_programme_and_the_check() {
    // the template with the floors moved so that arable and construction rules bind: a
    // construction use on grassland adds construction land, arable patch groups turned to
    // orchard lose arable. Every account rule's row and its check agree (the check passes).
    let inst = instance(&format!("{STRUCTURE}/instance.toml"));
    let base = std::fs::read_to_string(repo().join(STRUCTURE).join("model.toml")).unwrap();
    // arable at least 39: P02 may not all go to orchard (it would leave 38)
    let m = model_from(&base.replace("min_km2 = 37.5", "min_km2 = 39.0"));
    let r = solve_checked(&inst, &m);
    let check = r.check.as_ref().unwrap();
    assert_close(check.accounts.arable, 39.0, 1e-9, "arable at the floor");
    // the cheapest km² of arable: grassland P08 turned to dry land (6 instead of forest 3:
    // +3, gaining arable as land that is not arable now) with the km² of forest it gave up
    // found on P06 (orchard 6.5 to forest 3: -3.5): -0.5. Dearer: pond P10 to paddy (-1),
    // one km² of P02 kept as dry land (-2), orchard P04 to dry land (-5).
    assert_close(r.solution.objective.unwrap(), 164.75, 1e-9, "objective");
    let arable_row = r
        .solution
        .rows_by_ref()
        .values()
        .find(|row| row.name == "arable_floor")
        .and_then(|row| row.shadow_price)
        .expect("the arable floor's price");
    assert_close(arable_row, -0.5, 1e-9, "arable floor price");
}

#[test]
fn a_construction_use_on_a_patch_group_adds_construction_land() {
    // the template with a seventh use, rural roads (infrastructure, class 1006), worth 20
    // per km² on grassland P09, and construction land capped at 10.5 km²: P09 would take its
    // whole km², which would add 1 km² to the 10 of construction land; the cap lets in 0.5
    // (P09's other 0.5 km² stays orchard, 6.5). Objective 165.25 + 0.5 · (20 − 6.5) = 172;
    // the cap's price is 13.5 per km².
    let d = structure_dir();
    let s = d.path().join("s");
    let add = |f: &str, text: &str| {
        let p = s.join(f);
        let t = std::fs::read_to_string(&p).unwrap() + text;
        std::fs::write(p, t).unwrap();
    };
    add(
        "instance.toml",
        "\n[[uses]]\nid = \"rural_road\"\nrole = \"infrastructure\"\nclass = \"1006\"\nname_zh = \"农村道路\"\nname_en = \"rural road\"\n",
    );
    add("model.toml", "\n[rules.construction_cap]\nmax_km2 = 10.5\n");
    let units = std::fs::read_to_string(s.join("units.csv")).unwrap();
    let units: Vec<String> = units
        .lines()
        .enumerate()
        .map(|(i, l)| match i {
            0 => format!("{l},value_rural_road,cost_rural_road"),
            _ if l.starts_with("P09,") => format!("{l},20.0,0.0"),
            _ => format!("{l},,"),
        })
        .collect();
    std::fs::write(s.join("units.csv"), units.join("\n") + "\n").unwrap();
    let inst = stockland::files::load_instance(&s).unwrap();
    let m = stockland::files::load_model(&s.join("model.toml")).unwrap();
    let r = solve_checked(&inst, &m);
    assert_close(r.solution.objective.unwrap(), 172.0, 1e-9, "objective");
    let check = r.check.as_ref().unwrap();
    assert_close(
        check.accounts.construction,
        10.5,
        1e-9,
        "construction at the cap",
    );
    assert_close(check.accounts.arable, 38.0, 1e-9, "arable unchanged");
    let cap = r
        .solution
        .rows_by_ref()
        .values()
        .find(|row| row.name == "construction_cap")
        .and_then(|row| row.shadow_price)
        .expect("the cap's price");
    assert_close(cap, 13.5, 1e-9, "construction cap price");
}

/// The template with `value_water_forest` columns (a water-conservation criterion's yield
/// per km² of forest: P06 10, P08 2) and the model's criterion `water` (weight 1, divided by
/// its largest coefficient, 10; 0 for the other forests, which the model says, since a
/// blank cell the model does not fill is refused), solved from `dir`: the JSON.
fn water_run(dir: &Path, as_table: bool) -> serde_json::Value {
    let s = dir.join("s");
    if as_table {
        std::fs::write(
            s.join("criteria.csv"),
            "id,criterion,use,value\nP06,water,forest,10\nP08,water,forest,2\n",
        )
        .unwrap();
        let t = std::fs::read_to_string(s.join("instance.toml")).unwrap();
        std::fs::write(
            s.join("instance.toml"),
            t.replace(
                "units_file = \"units.csv\"",
                "units_file = \"units.csv\"\ncriteria_file = \"criteria.csv\"",
            ),
        )
        .unwrap();
    } else {
        let units = std::fs::read_to_string(s.join("units.csv")).unwrap();
        let units: Vec<String> = units
            .lines()
            .map(|l| match &l[..4] {
                "id,d" => format!("{l},value_water_forest"),
                "P06," => format!("{l},10"),
                "P08," => format!("{l},2"),
                _ => format!("{l},"),
            })
            .collect();
        std::fs::write(s.join("units.csv"), units.join("\n") + "\n").unwrap();
    }
    let m = std::fs::read_to_string(s.join("model.toml")).unwrap();
    std::fs::write(
        s.join("model.toml"),
        m.replace(
            "cost_weight = 1.0\n",
            "cost_weight = 1.0\n\n[[objective.benefits]]\nid = \"water\"\nname = \"水源涵养\"\nnormalise = \"largest\"\nvalues = { forest = 0.0 }\n",
        ),
    )
    .unwrap();
    let o = stockland_in(dir, &["solve", "s", "--model", "s/model.toml", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn criterion_columns_of_the_units_table_weigh_like_the_criteria_table() {
    // forest gains 1 per km² on P06 and 0.2 on P08: the 5.5 km² of ecological land the floor
    // asks for now come from P11 (loss 2, 1.5 km²) and all of P06 (6.5 against 3 + 1: loss
    // 2.5, 4 km²), not P08 (loss 3 − 0.2 = 2.8): 181.25 − 3 − 10 = 168.25, water 4·10 = 40
    let d = structure_dir();
    let j = water_run(d.path(), false);
    assert_close(
        j["solution"]["objective"].as_f64().unwrap(),
        168.25,
        1e-9,
        "objective",
    );
    let b = &j["benefits"][0];
    assert_eq!(b["id"], "water");
    assert_close(b["value"].as_f64().unwrap(), 40.0, 1e-9, "water");
    assert_close(b["scale"].as_f64().unwrap(), 10.0, 1e-9, "scale");
    let t = structure_dir();
    let jt = water_run(t.path(), true);
    assert_close(
        jt["solution"]["objective"].as_f64().unwrap(),
        168.25,
        1e-9,
        "as a table",
    );
    // a criterion has a value only
    let out = template_errors("units.csv", |t| {
        t.lines()
            .map(|l| match &l[..4] {
                "id,d" => format!("{l},value_water_forest,cost_water_forest"),
                _ => format!("{l},1,1"),
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    });
    assert!(
        out.contains("cost_water_forest") && out.contains("has a value only"),
        "{out}"
    );
}

#[test]
fn inline_records_with_use_keys_name_the_bad_field() {
    // inline [[units]] are read with their value_/cost_ keys taken aside: a bad key or
    // field is still named
    let base = std::fs::read_to_string(repo().join("instances/tiny/criteria.toml")).unwrap();
    let d = tempfile::tempdir().unwrap();
    for (from, to, says) in [
        (
            "arable_grade = 5",
            "arable_grade = \"five\"",
            "field `arable_grade`: invalid type",
        ),
        (
            "value_arable = 0.0",
            "value_arable = \"x\"",
            "field `value_arable`: expected a number",
        ),
        (
            "in_town = false",
            "in_twn = false",
            "unknown field `in_twn`",
        ),
    ] {
        let f = d.path().join("instance.toml");
        std::fs::write(&f, base.replacen(from, to, 1)).unwrap();
        let o = stockland(&["validate", f.to_str().unwrap()]);
        let out = format!("{}{}", stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(2), "{out}");
        assert!(
            out.contains("instance.toml: line 44") && out.contains(says),
            "{out}"
        );
    }
}

/// One arable patch group of `area` km², dry land worth 2 and forest worth 1, under
/// `unit_capacity.full`: the optimum and the price of its area row.
fn one_patch_group(area: f64) -> (f64, f64) {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("instance.toml"),
        one_district_manifest(
            "one-patch-group",
            "units_file = \"units.csv\"\n",
            &[DRY_LAND, FOREST],
        ),
    )
    .unwrap();
    std::fs::write(
        d.path().join("units.csv"),
        format!(
            "id,district,kind,land_class,account,in_town,area_km2,in_redline,in_basic_farmland_area,station_km,population,reclaimable_share,arable_grade,value_dry_land,cost_dry_land,value_forest,cost_forest\n\
             P1,d,patch,0103,arable,false,{area},false,false,1.0,0,1,5,2.0,0.0,1.0,0.0\n"
        ),
    )
    .unwrap();
    let inst = stockland::files::load_instance(&d.path().join("instance.toml")).unwrap();
    let m = model_from("schema_version = 1\nname = \"m\"\n[rules.unit_capacity]\nfull = true\n");
    let r = solve_checked(&inst, &m);
    let price = r.solution.shadow_price("unit_capacity[P1]").unwrap();
    (r.solution.objective.unwrap(), price)
}

#[test]
fn issue_22_the_area_price_of_an_arable_patch_group_is_the_re_solve_s_difference() {
    // all of P1 goes to dry land (2 per km²); one more km² of area is worth 2, as the
    // re-solve with 1.1 km² measures (the column bound at share × area used to take the
    // difference, leaving the row a price of 1)
    let (z1, price) = one_patch_group(1.0);
    let (z11, _) = one_patch_group(1.1);
    assert_close(z1, 2.0, 1e-9, "optimum at 1 km²");
    assert_close(z11, 2.2, 1e-9, "optimum at 1.1 km²");
    assert_close(price, (z11 - z1) / 0.1, 1e-6, "unit_capacity[P1] price");
    assert_close(price, 2.0, 1e-6, "unit_capacity[P1] price");
}

/// A zone `z` under `ecological_zone`, with market housing (0701), an orchard (0201,
/// agricultural) and forest (0301) declared, the `units` rows and one market site `S1`
/// of 1 km² worth 5 when `site`: the optimum, solved and checked.
fn ecological_zone_case(units: &str, site: bool) -> f64 {
    let d = tempfile::tempdir().unwrap();
    let sites_file = if site {
        "sites_file = \"sites.csv\"\n"
    } else {
        ""
    };
    std::fs::write(
        d.path().join("instance.toml"),
        one_district_manifest(
            "eco-zone",
            &format!("units_file = \"units.csv\"\n{sites_file}"),
            &[
                ("market", "market", "0701", "商品住房", "market housing"),
                ("orchard", "agricultural", "0201", "果园", "orchard"),
                FOREST,
            ],
        ),
    )
    .unwrap();
    std::fs::write(
        d.path().join("units.csv"),
        format!("id,district,kind,land_class,account,in_town,area_km2,in_redline,in_basic_farmland_area,station_km,population,reclaimable_share,arable_grade,value_market,cost_market,value_orchard,cost_orchard,value_forest,cost_forest\n{units}"),
    )
    .unwrap();
    std::fs::write(
        d.path().join("sites.csv"),
        "id,district,kind,capacity_km2,arable_share,basic_farmland_share,in_town,station_km,arable_grade,value_market,cost_market\nS1,d,new_town,1.0,0,0,true,1.0,5,5,0\n",
    )
    .unwrap();
    let inst = stockland::files::load_instance(&d.path().join("instance.toml")).unwrap();
    let m = model_from(
        "schema_version = 1\nname = \"m\"\n[rules.unit_capacity]\n[rules.site_capacity]\n[rules.ecological_zone]\nzones = [\"z\"]\n",
    );
    solve_checked(&inst, &m).solution.objective.unwrap()
}

#[test]
fn issue_22_ecological_zone_counts_construction_land_as_every_account_rule_does() {
    // an idle rural unit of 1 km² turned to orchard (1) gives up construction land, which
    // lets the site build 1 km² (5): 6; the check counted only arable and ecological uses
    // as giving it up, found 1 km² of growth and refused its own optimum
    let idle = "U1,d,idle,1201,rural,false,1.0,false,false,1.0,0,0,5,,,1,0,,\n";
    assert_close(
        ecological_zone_case(idle, true),
        6.0,
        1e-9,
        "orchard on stock",
    );
    // housing on a grassland patch group is growth (it was not counted: 10); forest is kept
    let grass = "P1,d,patch,0401,non_construction,false,1.0,false,false,1.0,0,1,5,10,0,,,1,0\n";
    assert_close(
        ecological_zone_case(grass, false),
        1.0,
        1e-9,
        "housing on grassland",
    );
    // greening a grassland patch group gives up no construction land, so the site may not
    // build on it (it did: 5 + 1 = 6)
    let grass = "P1,d,patch,0401,non_construction,false,1.0,false,false,1.0,0,1,5,,,,,1,0\n";
    assert_close(
        ecological_zone_case(grass, true),
        1.0,
        1e-9,
        "greening grassland",
    );
}
