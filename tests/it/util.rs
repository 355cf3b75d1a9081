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
