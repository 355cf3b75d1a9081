//! Shared helpers of the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use stockland::files::{load_instance, load_model};
use stockland::instance::Instance;
use stockland::policy::PolicyModel;
use stockland::run::{run, Run};
use stockland::solve::SolveOptions;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run the real `stockland` binary with `args`, from `dir`.
pub fn stockland_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stockland"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the stockland binary runs")
}

/// Run the real `stockland` binary with `args`, from the repository root.
pub fn stockland(args: &[&str]) -> Output {
    stockland_in(&repo(), args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn instance(rel: &str) -> Instance {
    load_instance(&repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn model(rel: &str) -> PolicyModel {
    load_model(&repo().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn model_from(text: &str) -> PolicyModel {
    stockland::instance::format::parse_toml("test-model.toml", text)
        .unwrap_or_else(|p| panic!("{p}"))
}

/// Solve with HiGHS (simplex, deterministic) and insist that the independent check passed.
pub fn solve_checked(inst: &Instance, m: &PolicyModel) -> Run {
    solve_with(
        inst,
        m,
        &SolveOptions {
            method: stockland::solve::Method::Simplex,
            ..Default::default()
        },
    )
}

pub fn solve_with(inst: &Instance, m: &PolicyModel, o: &SolveOptions) -> Run {
    let r = run(inst, m, "test-model.toml", o).unwrap_or_else(|e| panic!("{e}"));
    // a failed check is an error of `run`; what is left to hold is that every allocation
    // was checked, and only allocations
    assert_eq!(
        r.check.is_some(),
        r.solution.status.has_solution(),
        "status {} with check {:?}",
        r.solution.status,
        r.check.as_ref().map(|c| c.passed())
    );
    r
}

pub fn assert_close(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: {a} vs {b}");
}

/// A use of the built-in catalogue (the six uses of instances that declare none, and of
/// the Beijing case), by id.
pub fn builtin(id: &str) -> stockland::instance::uses::LandUse {
    stockland::instance::uses::Uses::builtin()
        .get(id)
        .unwrap_or_else(|| panic!("`{id}` is a built-in use"))
}

/// The uses the tests' hand-built instances declare: (id, role, class, name_zh, name_en).
pub const DRY_LAND: (&str, &str, &str, &str, &str) =
    ("dry_land", "arable", "0103", "旱地", "dry land");
pub const FOREST: (&str, &str, &str, &str, &str) =
    ("forest", "ecological", "0301", "乔木林地", "arbour forest");

/// A hand-built instance's manifest: one zone `z`, one district `d` of 10 km² in a region of
/// 10 km², named `name`, with the manifest lines `files` (`units_file = ...`) and the
/// declared `uses`.
pub fn one_district_manifest(
    name: &str,
    files: &str,
    uses: &[(&str, &str, &str, &str, &str)],
) -> String {
    let mut s = format!("schema_version = 1\nname = \"{name}\"\n{files}");
    for (id, role, class, zh, en) in uses {
        s.push_str(&format!(
            "[[uses]]\nid = \"{id}\"\nrole = \"{role}\"\nclass = \"{class}\"\nname_zh = \"{zh}\"\nname_en = \"{en}\"\n"
        ));
    }
    s.push_str(
        "[region]\nname = \"R\"\nbaseline_year = 2020\n[region.baseline]\ntotal = 10.0\narable = 5.0\nbasic_farmland = 0.0\nconstruction = 2.0\nurban_rural = 2.0\ntown = 0.5\n[[zones]]\nid = \"z\"\nname = \"Z\"\n[[districts]]\nid = \"d\"\nname = \"D\"\nzone = \"z\"\npopulation = 1.0\narea_km2 = 10.0\n",
    );
    s
}
