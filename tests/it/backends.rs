//! The backends against each other: every backend's plan goes through the same
//! independent check, and the pure-Rust interior point (Clarabel, `--features clarabel`)
//! reaches HiGHS's optimum and, where HiGHS's price is unique, its prices.

use crate::util::*;
#[cfg(any(feature = "clarabel", feature = "cbc"))]
use stockland::solve::{Backend, SolveOptions, Status};

/// The tiny instances with their models, hand-solved ones first.
#[cfg(feature = "clarabel")]
const TINY: &[(&str, &str)] = &[
    (
        "instances/tiny/two-units.toml",
        "models/tiny-two-units.toml",
    ),
    ("instances/tiny/reclaim.toml", "models/tiny-reclaim.toml"),
    ("instances/tiny/mixed.toml", "models/tiny-mixed.toml"),
    ("instances/tiny/linkage.toml", "models/tiny-linkage.toml"),
    (
        "instances/tiny/linkage.toml",
        "models/tiny-linkage-resettlement.toml",
    ),
    ("instances/tiny/criteria.toml", "models/tiny-criteria.toml"),
];

#[cfg(feature = "clarabel")]
#[test]
fn clarabel_agrees_with_highs_on_the_tiny_instances() {
    let mut compared = 0;
    for &(i, m) in TINY {
        let inst = instance(i);
        let m = model(m);
        let h = solve_checked(&inst, &m);
        let o = SolveOptions {
            backend: Backend::Clarabel,
            ..Default::default()
        };
        let c = solve_with(&inst, &m, &o);
        assert_eq!(c.solution.status, Status::Optimal, "{i}");
        assert!(c.check.as_ref().unwrap().passed(), "{i}");
        let (ho, co) = (h.solution.objective.unwrap(), c.solution.objective.unwrap());
        assert!(
            (ho - co).abs() <= 1e-6 * ho.abs().max(1.0),
            "{i}: HiGHS {ho}, Clarabel {co}"
        );
        // prices: where HiGHS finds the same price on both sides of a binding row, the
        // dual is unique and an interior-point method must find it too
        for row in &h.solution.rows {
            let Some(s) = row.sensitivity else { continue };
            let unique = s.binding && s.degenerate == Some(false);
            if !unique || row.rule.is_none() {
                continue;
            }
            let hp = row.shadow_price.unwrap();
            let cp = c
                .solution
                .rows
                .iter()
                .find(|r| r.name == row.name)
                .and_then(|r| r.shadow_price)
                .unwrap_or_else(|| panic!("{i}: no Clarabel price for {}", row.name));
            assert!(
                (hp - cp).abs() <= 1e-4 * hp.abs().max(1.0),
                "{i}: {} priced {hp} by HiGHS, {cp} by Clarabel",
                row.name
            );
            compared += 1;
        }
    }
    assert!(compared >= 10, "only {compared} unique prices compared");
}

#[cfg(feature = "clarabel")]
#[test]
fn clarabel_refuses_a_whole_unit_model() {
    let o = stockland(&[
        "solve",
        "instances/tiny/two-units.toml",
        "--model",
        "models/tiny-two-units.toml",
        "--whole-unit",
        "--backend",
        "clarabel",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("--backend clarabel: the whole-unit model has integer columns and this backend solves LPs only"),
        "{}",
        stderr(&o)
    );
}

/// A solve with `backend`, which this build lacks, fails saying each of `says`.
#[cfg(any(not(feature = "clarabel"), not(feature = "cbc")))]
fn refused_without_its_feature(backend: &str, says: &[&str]) {
    let o = stockland(&[
        "solve",
        "instances/tiny/two-units.toml",
        "--model",
        "models/tiny-two-units.toml",
        "--backend",
        backend,
    ]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(says.iter().all(|s| err.contains(s)), "{err}");
}

#[cfg(not(feature = "clarabel"))]
#[test]
fn clarabel_without_the_feature_is_refused_with_how_to_build_it() {
    refused_without_its_feature(
        "clarabel",
        &["this build has no Clarabel: build with `cargo build --release --features clarabel`"],
    );
}

/// The built-in Beijing case (58,188 columns): Clarabel's plan passes the check and its
/// optimum is HiGHS's within 1e-6 relative (measured: 4.8e-13, 2.6 s against 1.2 s).
#[cfg(feature = "clarabel")]
#[test]
fn clarabel_agrees_with_highs_on_beijing() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let m = stockland::cases::beijing::model().unwrap();
    let quick = |backend| SolveOptions {
        backend,
        sensitivity: false,
        ..Default::default()
    };
    let h = solve_with(&inst, &m, &quick(Backend::Highs));
    let c = solve_with(&inst, &m, &quick(Backend::Clarabel));
    assert_eq!(c.solution.status, Status::Optimal);
    assert!(c.check.as_ref().unwrap().passed());
    let (ho, co) = (h.solution.objective.unwrap(), c.solution.objective.unwrap());
    assert!(
        (ho - co).abs() <= 1e-6 * ho.abs(),
        "HiGHS {ho}, Clarabel {co}"
    );
}

/// Solve every case of the certified family (`instances/family/optima.csv`) that `backend`
/// can (LPs only for Clarabel; MIPs to a zero gap) and hold it to the certified answer:
/// the optimum within 1e-6 relative with the check passed, or infeasible where certified so.
#[cfg(any(feature = "clarabel", feature = "cbc"))]
fn agrees_with_the_certified_family(backend: Backend) {
    let mut rdr = csv::Reader::from_path(repo().join("instances/family/optima.csv")).unwrap();
    let mut compared = 0;
    for row in rdr.records() {
        let row = row.unwrap();
        let (inst, m, mode, status, objective) = (&row[1], &row[2], &row[3], &row[9], &row[10]);
        if mode != "lp" && backend == Backend::Clarabel {
            continue;
        }
        let inst = instance(&format!("instances/family/{inst}"));
        let m = model(&format!("instances/family/{m}"));
        let o = SolveOptions {
            backend,
            sensitivity: false,
            mip_rel_gap: m.whole_unit.enabled.then_some(0.0),
            ..Default::default()
        };
        let c = solve_with(&inst, &m, &o);
        if status == "optimal" {
            let want: f64 = objective.parse().unwrap();
            let got = c.solution.objective.unwrap();
            assert!(
                (got - want).abs() <= 1e-6 * want.abs().max(1.0),
                "{}: {got} against {want}",
                &row[0]
            );
            assert!(c.check.as_ref().unwrap().passed());
        } else {
            assert!(c.solution.status.is_infeasible(), "{}", &row[0]);
        }
        compared += 1;
    }
    assert!(compared >= 8, "{compared}");
}

#[cfg(feature = "clarabel")]
#[test]
fn clarabel_agrees_with_the_certified_family() {
    agrees_with_the_certified_family(Backend::Clarabel);
}

#[cfg(not(feature = "cbc"))]
#[test]
fn cbc_without_the_feature_is_refused_with_how_to_build_it() {
    refused_without_its_feature("cbc", &["this build has no CBC", "--features cbc"]);
}

#[cfg(feature = "cbc")]
#[test]
fn cbc_agrees_with_the_certified_family() {
    agrees_with_the_certified_family(Backend::Cbc);
}

/// Beijing with CBC: the LP's optimum is HiGHS's, and a whole-unit solve stopped by a short
/// clock reports a checked incumbent or none, never the fractional relaxation as a plan.
#[cfg(feature = "cbc")]
#[test]
fn cbc_on_beijing_and_under_a_time_limit() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let m = stockland::cases::beijing::model().unwrap();
    let h = solve_checked(&inst, &m);
    let o = SolveOptions {
        backend: Backend::Cbc,
        sensitivity: false,
        ..Default::default()
    };
    let c = solve_with(&inst, &m, &o);
    let (x, y) = (h.solution.objective.unwrap(), c.solution.objective.unwrap());
    assert!((x - y).abs() <= 1e-6 * x.abs(), "{x} against {y}");
    let mut whole = m.clone();
    whole.whole_unit.enabled = true;
    let o = SolveOptions {
        backend: Backend::Cbc,
        sensitivity: false,
        time_limit_s: Some(0.5),
        mip_rel_gap: Some(0.0),
        ..Default::default()
    };
    // solve_with insists that any plan returned passes the check
    let w = solve_with(&inst, &whole, &o);
    match w.solution.status {
        Status::TimeLimit { has_solution } => {
            assert_eq!(has_solution, w.check.is_some());
        }
        Status::Optimal => assert!(w.check.is_some()),
        ref s => panic!("{s:?}"),
    }
}
