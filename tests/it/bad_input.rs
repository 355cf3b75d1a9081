//! Bad input through the real CLI: every case gets an error that names the file, the
//! record and the field, and says what was expected; exit code 2; never a panic, never an
//! output file.

use crate::util::*;
use std::path::Path;

pub(crate) const MANIFEST: &str = r#"schema_version = 1
name = "bad-input"
units_file = "units.csv"
sites_file = "sites.csv"

[region]
name = "Test"
baseline_year = 2010

[region.baseline]
total = 100.0
arable = 50.0
basic_farmland = 40.0
construction = 20.0
urban_rural = 15.0
town = 10.0

[[zones]]
id = "z"
name = "Zone"

[[districts]]
id = "d"
name = "District"
zone = "z"
population = 1000.0
area_km2 = 100.0
"#;

pub(crate) const UNITS: &str = "id,district,kind,land_class,account,in_town,area_km2,in_redline,in_basic_farmland_area,station_km,population,reclaimable_share,arable_grade,value_market,cost_market
U1,d,idle,1201,town,true,1.0,false,false,1.0,0,0.5,5,10,2
U2,d,rural_homestead,0702,rural,false,2.0,false,false,3.0,400,0.8,7,8,3
";

pub(crate) const SITES: &str = "id,district,kind,capacity_km2,arable_share,basic_farmland_share,in_town,station_km,arable_grade,value_market,cost_market
S1,d,new_town,2.0,0.5,0.1,true,1.0,5,8,2
";

pub(crate) const MODEL: &str = r#"schema_version = 1
name = "bad-input-model"
[rules.unit_capacity]
[rules.stock_target]
targets_km2 = { z = 2.0 }
[rules.supply_cap]
max_km2 = 3.0
"#;

/// Write an instance directory and a model into a fresh temp dir.
pub(crate) fn setup(manifest: &str, units: &str, sites: &str, model: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let inst = dir.path().join("inst");
    std::fs::create_dir(&inst).unwrap();
    std::fs::write(inst.join("instance.toml"), manifest).unwrap();
    std::fs::write(inst.join("units.csv"), units).unwrap();
    std::fs::write(inst.join("sites.csv"), sites).unwrap();
    std::fs::write(dir.path().join("model.toml"), model).unwrap();
    dir
}

/// Validate instance and model in `dir`; expect exit 2 and every `needles` in the output.
pub(crate) fn expect_error(dir: &Path, needles: &[&str]) {
    let o = stockland_in(dir, &["validate", "inst", "model.toml"]);
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(
        o.status.code(),
        Some(2),
        "expected exit 2, got {:?}:\n{out}",
        o.status.code()
    );
    assert!(!out.contains("panicked"), "{out}");
    for n in needles {
        assert!(out.contains(n), "missing `{n}` in:\n{out}");
    }
}

fn case(manifest: &str, units: &str, sites: &str, model: &str, needles: &[&str]) {
    let d = setup(manifest, units, sites, model);
    expect_error(d.path(), needles);
}

#[test]
fn the_base_case_is_valid_and_solves() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let o = stockland_in(d.path(), &["validate", "inst", "model.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = stockland_in(d.path(), &["solve", "inst", "--model", "model.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn unreadable_file() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let o = stockland_in(d.path(), &["validate", "no-such-dir/instance.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stdout(&o).contains("no-such-dir/instance.toml") && stdout(&o).contains("cannot read"),
        "{}",
        stdout(&o)
    );
    // a CSV the manifest names but that is missing
    std::fs::remove_file(d.path().join("inst/units.csv")).unwrap();
    expect_error(d.path(), &["units.csv", "cannot read"]);
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    case(
        &MANIFEST.replace("name = \"bad-input\"", "name = \"bad-input"),
        UNITS,
        SITES,
        MODEL,
        &["inst/instance.toml", "line 2"],
    );
}

#[test]
fn missing_field() {
    case(
        &MANIFEST.replace("baseline_year = 2010\n", ""),
        UNITS,
        SITES,
        MODEL,
        &["instance.toml", "`baseline_year`", "missing field"],
    );
}

#[test]
fn unknown_field() {
    case(
        &MANIFEST.replace("town = 10.0", "town = 10.0\nvillage = 3.0"),
        UNITS,
        SITES,
        MODEL,
        &["instance.toml", "line 17", "`village`", "unknown field"],
    );
}

#[test]
fn wrong_type() {
    case(
        &MANIFEST.replace("total = 100.0", "total = \"big\""),
        UNITS,
        SITES,
        MODEL,
        &["instance.toml", "line 11", "`total`", "expected a number"],
    );
}

#[test]
fn csv_not_a_number() {
    case(
        MANIFEST,
        &UNITS.replace(",1.0,false,false,1.0,", ",abc,false,false,1.0,"),
        SITES,
        MODEL,
        &["units.csv", "line 2", "`area_km2`", "expected a number"],
    );
}

#[test]
fn csv_negative_area() {
    case(
        MANIFEST,
        &UNITS.replace(",2.0,false,false,3.0,", ",-2.0,false,false,3.0,"),
        SITES,
        MODEL,
        &["units.csv", "line 3 (unit U2)", "`area_km2`", "≥ 0"],
    );
}

#[test]
fn csv_non_finite_area() {
    case(
        MANIFEST,
        &UNITS.replace(",2.0,false,false,3.0,", ",inf,false,false,3.0,"),
        SITES,
        MODEL,
        &["units.csv", "unit U2", "`area_km2`", "finite"],
    );
}

#[test]
fn unknown_district() {
    case(
        MANIFEST,
        &UNITS.replace("U2,d,", "U2,dx,"),
        SITES,
        MODEL,
        &[
            "units.csv",
            "unit U2",
            "`district`",
            "unknown district `dx`",
        ],
    );
}

#[test]
fn unknown_zone() {
    case(
        &MANIFEST.replace("zone = \"z\"", "zone = \"zz\""),
        UNITS,
        SITES,
        MODEL,
        &["instance.toml", "district d", "`zone`", "unknown zone `zz`"],
    );
}

#[test]
fn unknown_kind() {
    case(
        MANIFEST,
        &UNITS.replace("U1,d,idle", "U1,d,castle"),
        SITES,
        MODEL,
        &["units.csv", "unit U1", "`kind`", "expected one of"],
    );
}

#[test]
fn unknown_use_column() {
    case(
        MANIFEST,
        &UNITS.replace("value_market,cost_market\n", "value_parking,cost_market\n"),
        SITES,
        MODEL,
        &["units.csv", "value_parking"],
    );
}

#[test]
fn duplicate_id() {
    case(
        MANIFEST,
        &UNITS.replace("U2,d,", "U1,d,"),
        SITES,
        MODEL,
        &["units.csv", "line 3", "`id`", "duplicate id `U1`"],
    );
}

#[test]
fn share_outside_unit_interval() {
    case(
        MANIFEST,
        &UNITS.replace(",0.8,7,", ",1.8,7,"),
        SITES,
        MODEL,
        &["units.csv", "unit U2", "`reclaimable_share`", "[0, 1]"],
    );
    case(
        MANIFEST,
        UNITS,
        &SITES.replace(",0.5,0.1,", ",-0.5,0.1,"),
        MODEL,
        &["sites.csv", "site S1", "`arable_share`", "[0, 1]"],
    );
}

#[test]
fn value_without_cost() {
    case(
        MANIFEST,
        &UNITS.replace(",5,10,2\n", ",5,10,\n"),
        SITES,
        MODEL,
        &[
            "units.csv",
            "unit U1",
            "`cost_market`",
            "give both or neither",
        ],
    );
}

#[test]
fn two_area_units_at_once() {
    let units = UNITS
        .replace("area_km2,", "area_km2,area_ha,")
        .replace(",1.0,false,false,1.0,", ",1.0,100,false,false,1.0,")
        .replace(",2.0,false,false,3.0,", ",2.0,,false,false,3.0,");
    case(
        MANIFEST,
        &units,
        SITES,
        MODEL,
        &[
            "units.csv",
            "unit U1",
            "`area_km2`",
            "exactly one of area_km2, area_ha, area_mu",
        ],
    );
}

#[test]
fn no_area_at_all() {
    let units = UNITS
        .replace("area_km2,", "")
        .replace(",1.0,false,false,1.0,", ",false,false,1.0,")
        .replace(",2.0,false,false,3.0,", ",false,false,3.0,");
    case(
        MANIFEST,
        &units,
        SITES,
        MODEL,
        &["units.csv", "unit U1", "`area_km2`", "missing"],
    );
}

#[test]
fn arable_grade_out_of_range() {
    case(
        MANIFEST,
        &UNITS.replace(",0.8,7,", ",0.8,20,"),
        SITES,
        MODEL,
        &["units.csv", "unit U2", "`arable_grade`", "1 (best) to 15"],
    );
}

#[test]
fn bad_land_class() {
    case(
        MANIFEST,
        &UNITS.replace("idle,1201,", "idle,12,"),
        SITES,
        MODEL,
        &["units.csv", "unit U1", "`land_class`", "GB/T 21010"],
    );
}

#[test]
fn land_class_not_in_the_standard_names_its_neighbours() {
    // four digits, but not a class of GB/T 21010-2017: the classes under 12 其他土地 named
    case(
        MANIFEST,
        &UNITS.replace("idle,1201,", "idle,1299,"),
        SITES,
        MODEL,
        &[
            "units.csv",
            "unit U1",
            "`land_class`",
            "`1299` is not a class of GB/T 21010-2017",
            "1201 空闲地",
        ],
    );
}

#[test]
fn wrong_number_of_fields() {
    case(
        MANIFEST,
        &UNITS.replace(",5,10,2\n", ",5,10,2,99\n"),
        SITES,
        MODEL,
        &["units.csv", "line 2", "fields"],
    );
}

#[test]
fn schema_version_unknown() {
    case(
        &MANIFEST.replace("schema_version = 1", "schema_version = 9"),
        UNITS,
        SITES,
        MODEL,
        &["instance.toml", "`schema_version`", "found 9"],
    );
}

#[test]
fn nested_accounts_inconsistent() {
    case(
        &MANIFEST.replace("basic_farmland = 40.0", "basic_farmland = 60.0"),
        UNITS,
        SITES,
        MODEL,
        &[
            "instance.toml",
            "region.baseline",
            "`basic_farmland`",
            "larger than arable",
        ],
    );
}

#[test]
fn district_accounts_do_not_add_up() {
    let m = MANIFEST.to_string()
        + "\n[districts.baseline]\ntotal = 100.0\narable = 49.0\nbasic_farmland = 40.0\nconstruction = 20.0\nurban_rural = 15.0\ntown = 10.0\n";
    case(
        &m,
        UNITS,
        SITES,
        MODEL,
        &[
            "instance.toml",
            "districts",
            "`arable`",
            "add up to 49.0000",
        ],
    );
}

#[test]
fn site_with_unknown_district() {
    case(
        MANIFEST,
        UNITS,
        &SITES.replace("S1,d,", "S1,nowhere,"),
        MODEL,
        &[
            "sites.csv",
            "site S1",
            "`district`",
            "unknown district `nowhere`",
        ],
    );
}

#[test]
fn model_unknown_rule() {
    case(
        MANIFEST,
        UNITS,
        SITES,
        &MODEL.replace("[rules.supply_cap]", "[rules.supply_capp]"),
        &["model.toml", "`supply_capp`", "unknown field"],
    );
}

#[test]
fn model_target_larger_than_what_exists() {
    case(
        MANIFEST,
        UNITS,
        SITES,
        &MODEL.replace("z = 2.0", "z = 30.0"),
        &[
            "model.toml",
            "rules.stock_target",
            "`targets_km2.z`",
            "larger than the zone's candidate stock (3.000 km²)",
        ],
    );
}

#[test]
fn model_unknown_zone() {
    case(
        MANIFEST,
        UNITS,
        SITES,
        &MODEL.replace("z = 2.0", "zz = 2.0"),
        &[
            "model.toml",
            "rules.stock_target",
            "`targets_km2.zz`",
            "unknown zone `zz`",
        ],
    );
}

#[test]
fn model_unknown_use() {
    case(
        MANIFEST,
        UNITS,
        SITES,
        &MODEL.replace("z = 2.0 }", "z = 2.0 }\ncounts = [\"parking\"]"),
        &[
            "model.toml",
            "rules.stock_target",
            "counts",
            "unknown use `parking`",
            "affordable, market, industrial",
        ],
    );
}

#[test]
fn model_share_outside_unit_interval() {
    let m = MODEL.to_string() + "[rules.stock_share]\nmin_share = 1.5\n";
    case(
        MANIFEST,
        UNITS,
        SITES,
        &m,
        &["model.toml", "rules.stock_share", "`min_share`", "[0, 1]"],
    );
}

#[test]
fn all_problems_are_listed_at_once() {
    let units = UNITS
        .replace("U2,d,", "U2,dx,")
        .replace(",0.5,5,", ",1.5,5,");
    let sites = SITES.replace(",2.0,0.5,", ",-2.0,0.5,");
    case(
        MANIFEST,
        &units,
        &sites,
        MODEL,
        &[
            "3 problem(s)",
            "unknown district `dx`",
            "`reclaimable_share`",
            "`capacity_km2`",
        ],
    );
}

#[test]
fn solve_with_bad_input_writes_nothing() {
    let d = setup(
        MANIFEST,
        UNITS,
        SITES,
        &MODEL.replace("z = 2.0", "z = 30.0"),
    );
    let o = stockland_in(
        d.path(),
        &["solve", "inst", "--model", "model.toml", "--out", "out"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("targets_km2.z"), "{}", stderr(&o));
    assert!(
        !d.path().join("out").exists(),
        "an output directory was created"
    );
}

#[test]
fn an_instance_of_ones_own_needs_a_model() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let o = stockland_in(d.path(), &["solve", "inst"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--model"), "{}", stderr(&o));
}

fn one_arable_use() -> String {
    one_district_manifest(
        "one-arable-use",
        "units_file = \"units.csv\"\nsites_file = \"sites.csv\"\n",
        &[DRY_LAND, FOREST],
    )
}

const NO_SITES: &str = "id,district,kind,capacity_km2,arable_share,basic_farmland_share,in_town,station_km,arable_grade\n";

#[test]
fn issue_22_a_zero_reclaimable_share_that_deletes_the_one_arable_use_is_refused() {
    // the patch group offers dry land (worth 2) and forest (1); with the share at 0 the dry
    // land column vanished and the optimum fell from 2 to 1 while validate said ok
    let units = "id,district,kind,land_class,account,in_town,area_km2,in_redline,in_basic_farmland_area,station_km,population,reclaimable_share,arable_grade,value_dry_land,cost_dry_land,value_forest,cost_forest\n\
                 P1,d,patch,0103,arable,false,1.0,false,false,1.0,0,0,5,2.0,0.0,1.0,0.0\n";
    let model = "schema_version = 1\nname = \"m\"\n[rules.unit_capacity]\nfull = true\n";
    case(
        &one_arable_use(),
        units,
        NO_SITES,
        model,
        &[
            "units.csv",
            "P1",
            "reclaimable_share",
            "`dry_land`",
            "could never be taken",
        ],
    );
    // leaving the arable use out is the way to say it, and is accepted
    let units = units.replace(",2.0,0.0,1.0,0.0", ",,,1.0,0.0");
    let d = setup(&one_arable_use(), &units, NO_SITES, model);
    let o = stockland_in(d.path(), &["validate", "inst", "model.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn issue_22_a_blank_criterion_cell_the_model_does_not_fill_is_refused() {
    // value_eco_forest blank for P2, which offers forest, and the model gives no
    // values.forest: its yield was 0 by omission
    let units = "id,district,kind,land_class,account,in_town,area_km2,in_redline,in_basic_farmland_area,station_km,population,reclaimable_share,arable_grade,value_dry_land,cost_dry_land,value_forest,cost_forest,value_eco_forest\n\
                 P1,d,patch,0103,arable,false,1.0,false,false,1.0,0,1,5,2.0,0.0,1.0,0.0,0.3766\n\
                 P2,d,patch,0103,arable,false,1.0,false,false,1.0,0,1,5,2.0,0.0,1.0,0.0,\n";
    let model = "schema_version = 1\nname = \"m\"\n[[objective.benefits]]\nid = \"eco\"\nname = \"生态效益\"\nweight = 1.0\n[rules.unit_capacity]\nfull = true\n";
    case(
        &one_arable_use(),
        units,
        NO_SITES,
        model,
        &[
            "model.toml",
            "values.forest",
            "criterion `eco`",
            "P2",
            "blank",
        ],
    );
    // a per-use value in the model fills the blank: accepted
    let model = model.replace(
        "weight = 1.0\n",
        "weight = 1.0\nvalues = { forest = 0.2 }\n",
    );
    let d = setup(&one_arable_use(), units, NO_SITES, &model);
    let o = stockland_in(d.path(), &["validate", "inst", "model.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
}

/// Run `args` in a fresh copy of the base case; the exit code and everything printed.
fn base_run(args: &[&str]) -> (Option<i32>, String) {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    let o = stockland_in(d.path(), args);
    (o.status.code(), format!("{}{}", stdout(&o), stderr(&o)))
}

#[test]
fn issue_22_a_path_outside_the_instance_names_the_manifest_field_that_points_there() {
    let d = setup(MANIFEST, UNITS, SITES, MODEL);
    std::fs::create_dir(d.path().join("other")).unwrap();
    std::fs::write(
        d.path().join("other/instance.toml"),
        MANIFEST.replace(
            "units_file = \"units.csv\"",
            "units_file = \"../inst/units.csv\"",
        ),
    )
    .unwrap();
    std::fs::write(d.path().join("other/sites.csv"), SITES).unwrap();
    let o = stockland_in(d.path(), &["validate", "other"]);
    let out = format!("{}{}", stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(out.contains("outside the instance directory"), "{out}");
    assert!(
        out.contains("is named by `units_file` in other/instance.toml"),
        "{out}"
    );
}

#[test]
fn issue_22_an_empty_units_file_is_said_to_be_empty() {
    case(
        MANIFEST,
        "",
        SITES,
        MODEL,
        &["instance.toml", "units_file", "`units.csv`", "is empty"],
    );
}

#[test]
fn issue_22_every_missing_column_is_reported_at_once() {
    // land_class, account and in_town taken out: one round of validate names all three
    // (it named land_class, then the next, five rounds for five)
    let units: String = UNITS
        .lines()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            [&f[..3], &f[6..]].concat().join(",")
        })
        .collect::<Vec<_>>()
        .join("\n");
    case(
        MANIFEST,
        &units,
        SITES,
        MODEL,
        &[
            "units.csv",
            "line 1",
            "3 required column(s): land_class, account, in_town",
        ],
    );
}

#[test]
fn issue_22_a_penalty_beyond_the_solver_is_refused_at_its_rule() {
    let model = format!("{MODEL}mode = \"soft\"\npenalty = 1e300\n");
    case(
        MANIFEST,
        UNITS,
        SITES,
        &model,
        &[
            "model.toml",
            "rules.supply_cap",
            "field `penalty`",
            "at most 1e9",
        ],
    );
}

#[test]
fn issue_22_options_a_backend_or_a_model_cannot_take_are_refused_before_the_solve() {
    // whole-unit with PDLP: HiGHS ignores the LP method for a MIP; it failed after the solve
    // with "ranging needs an LP solved to a basis"
    // interior point likewise: HiGHS ran its MIP solver and the summary said "with ipm LPs"
    for method in ["pdlp", "ipm"] {
        let (code, out) = base_run(&[
            "solve",
            "inst",
            "--model",
            "model.toml",
            "--whole-unit",
            "--method",
            method,
            "--no-sensitivity",
        ]);
        assert_eq!(code, Some(2), "{out}");
        assert!(
            out.contains(&format!("--method {method}: the whole-unit model is a MIP")),
            "{out}"
        );
    }
    let (code, out) = base_run(&["solve", "inst", "--model", "model.toml", "--method", "pdlp"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("add --no-sensitivity"), "{out}");
    let (code, out) = base_run(&[
        "solve",
        "inst",
        "--model",
        "model.toml",
        "--method",
        "pdlp",
        "--no-sensitivity",
    ]);
    assert_eq!(code, Some(0), "{out}");
    // microlp takes no time limit and no gap: refused, not ignored
    for (flag, value) in [("--time-limit", "5"), ("--mip-gap", "0.01")] {
        let (code, out) = base_run(&[
            "solve",
            "inst",
            "--model",
            "model.toml",
            "--backend",
            "microlp",
            flag,
            value,
        ]);
        assert_eq!(code, Some(2), "{out}");
        assert!(
            out.contains(&format!("{flag}: the microlp backend takes no")),
            "{out}"
        );
    }
}

#[test]
fn issue_22_an_output_that_cannot_be_written_is_refused_before_the_solve() {
    // /proc takes no new file, even for root: a read-only place on every Linux machine
    for args in [
        ["--out", "/proc/stockland-out"],
        ["--dot", "/proc/stockland.dot"],
    ] {
        let mut all = vec!["solve", "inst", "--model", "model.toml"];
        all.extend(args);
        let (code, out) = base_run(&all);
        assert_eq!(code, Some(2), "{out}");
        assert!(
            out.contains(&format!("{}: cannot be written", args[1])),
            "{out}"
        );
        assert!(!out.contains("status:"), "solved before refusing:\n{out}");
    }
}

#[test]
fn backend_capabilities_drive_the_refusals() {
    use stockland::solve::{Backend, SolveOptions};
    for b in Backend::ALL {
        let can = b.capabilities();
        let with = |f: &dyn Fn(&mut SolveOptions)| {
            let mut o = SolveOptions {
                backend: b,
                ..SolveOptions::default()
            };
            f(&mut o);
            o.validate().is_ok()
        };
        assert_eq!(
            with(&|o| o.time_limit_s = Some(5.0)),
            can.time_limit,
            "{b:?} time limit"
        );
        assert_eq!(
            with(&|o| o.mip_rel_gap = Some(0.01)),
            can.mip_gap,
            "{b:?} gap"
        );
        assert_eq!(
            with(&|o| {
                o.method = stockland::solve::Method::Ipm;
            }),
            can.methods,
            "{b:?} method"
        );
    }
}
