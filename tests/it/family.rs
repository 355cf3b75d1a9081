//! The certified instance family (`instances/family`, `stockland generate --family`): the
//! committed files are what the generator writes, and the small cases solve again to the
//! certified optima.

use crate::util::*;
use stockland::solve::{Method, SolveOptions};

#[derive(serde::Deserialize)]
struct Optimum {
    case: String,
    instance: String,
    model: String,
    mode: String,
    columns: usize,
    integers: usize,
    status: String,
    objective: Option<f64>,
    certified_by: String,
}

fn optima() -> Vec<Optimum> {
    csv::Reader::from_path(repo().join("instances/family/optima.csv"))
        .unwrap()
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn generate_reproduces_the_committed_family() {
    let t = tempfile::tempdir().unwrap();
    let o = stockland(&[
        "generate",
        "--family",
        "--no-certify",
        "--out",
        t.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let committed = repo().join("instances/family");
    let mut compared = 0;
    for row in optima() {
        for f in ["instance.toml", "units.csv", "sites.csv", "projects.csv"] {
            let rel = format!("{}/{f}", row.instance);
            let a = std::fs::read(t.path().join(&rel)).unwrap();
            assert!(
                a == std::fs::read(committed.join(&rel)).unwrap(),
                "{rel} differs"
            );
        }
        let a = std::fs::read(t.path().join(&row.model)).unwrap();
        assert!(
            a == std::fs::read(committed.join(&row.model)).unwrap(),
            "{} differs",
            row.model
        );
        compared += 1;
    }
    // growing sizes, every variant, one MIP and one infeasible case, each certified by at
    // least two solvers
    let rows = optima();
    assert_eq!(compared, rows.len());
    assert!(rows.len() >= 8);
    assert!(rows.windows(2).any(|w| w[1].columns > 4 * w[0].columns));
    assert!(rows.iter().any(|r| r.mode == "mip" && r.integers > 0));
    assert_eq!(rows.iter().filter(|r| r.status == "infeasible").count(), 1);
    assert!(rows.iter().all(|r| r.certified_by.split('+').count() >= 2));
}

#[test]
fn the_small_cases_solve_to_their_certified_optima() {
    let dir = "instances/family";
    let mut solved = 0;
    for row in optima().into_iter().filter(|r| r.columns <= 6_000) {
        let inst = instance(&format!("{dir}/{}", row.instance));
        let m = model(&format!("{dir}/{}", row.model));
        let r = solve_with(
            &inst,
            &m,
            &SolveOptions {
                method: Method::Simplex,
                sensitivity: false,
                mip_rel_gap: m.whole_unit.enabled.then_some(0.0),
                ..SolveOptions::default()
            },
        );
        assert_eq!(r.size.columns, row.columns, "{}", row.case);
        assert_eq!(r.solution.status.to_string(), row.status, "{}", row.case);
        match (row.objective, r.solution.objective) {
            (Some(want), Some(got)) => assert!(
                (got - want).abs() <= 1e-6 * want.abs().max(1.0),
                "{}: {got} against the certified {want}",
                row.case
            ),
            (None, None) => {}
            (want, got) => panic!("{}: {got:?} against the certified {want:?}", row.case),
        }
        if row.status == "optimal" {
            assert!(r.check.as_ref().is_some_and(|c| c.passed()), "{}", row.case);
        } else {
            // the infeasible case comes with the rules that must give
            assert!(
                r.conflicts.as_ref().is_some_and(|c| !c.is_empty()),
                "{}",
                row.case
            );
        }
        solved += 1;
    }
    assert!(solved >= 8, "{solved}");
}

#[test]
fn benchmark_runs_the_family_to_its_certified_optima() {
    let t = tempfile::tempdir().unwrap();
    let json = t.path().join("b.json");
    let o = stockland(&[
        "benchmark",
        "--family",
        "instances/family",
        "--method",
        "simplex",
        "--no-sensitivity",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rows = report["rows"].as_array().unwrap();
    let optima = optima();
    assert_eq!(rows.len(), optima.len());
    for (r, want) in rows.iter().zip(&optima) {
        assert_eq!(r["case"].as_str().unwrap(), want.case);
        assert_eq!(r["columns"].as_u64().unwrap() as usize, want.columns);
        // the MIP runs as one (its own whole-unit mode), to HiGHS's default gap
        let tol = if want.mode == "mip" { 1e-4 } else { 1e-6 };
        match (want.objective, r["objective"].as_f64()) {
            (Some(w), Some(g)) => assert!((g - w).abs() <= tol * w.abs(), "{}", want.case),
            (None, None) => {}
            (w, g) => panic!("{}: {g:?} against {w:?}", want.case),
        }
    }
}

/// Scaling the objective and bounds inside HiGHS (`--scale`) changes no answer: every small
/// case reaches its certified optimum with the check passing, and every price that is unique
/// (the row not degenerate, measured by the unscaled run's one-sided prices) is the unscaled
/// run's, in million yuan per km², HiGHS having removed the scaling; under the exponents
/// `auto` picks and under deliberately lopsided ones.
#[test]
fn scaled_solves_reach_the_certified_optima_with_the_same_prices() {
    use stockland::solve::Scaling;
    let dir = "instances/family";
    let (mut cases, mut prices) = (0, 0);
    for row in optima()
        .into_iter()
        .filter(|r| r.columns <= 6_000 && r.status == "optimal" && r.mode == "lp")
    {
        let inst = instance(&format!("{dir}/{}", row.instance));
        let m = model(&format!("{dir}/{}", row.model));
        let run = |scaling, sensitivity| {
            solve_with(
                &inst,
                &m,
                &SolveOptions {
                    method: Method::Simplex,
                    sensitivity,
                    scaling,
                    ..SolveOptions::default()
                },
            )
        };
        let plain = run(Scaling::Off, true);
        for scaling in [
            Scaling::Auto,
            Scaling::Powers {
                objective: -12,
                bound: 9,
            },
        ] {
            let r = run(scaling, false);
            let (want, got) = (row.objective.unwrap(), r.solution.objective.unwrap());
            assert!(
                (got - want).abs() <= 1e-6 * want.abs(),
                "{} {scaling:?}: {got} against the certified {want}",
                row.case
            );
            assert!(r.check.as_ref().is_some_and(|c| c.passed()));
            for (a, b) in plain.solution.rows.iter().zip(&r.solution.rows) {
                assert_eq!(a.name, b.name);
                if a.sensitivity.and_then(|x| x.degenerate) == Some(false) {
                    let (pa, pb) = (a.shadow_price.unwrap(), b.shadow_price.unwrap());
                    assert!(
                        (pa - pb).abs() <= 1e-6 * pa.abs().max(1.0),
                        "{} {scaling:?} {}: {pa} against {pb}",
                        row.case,
                        a.name
                    );
                    prices += 1;
                }
            }
            cases += 1;
        }
    }
    assert!(cases >= 8, "{cases}");
    assert!(prices >= 100, "{prices}");
}
