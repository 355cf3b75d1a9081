//! Sifting (`--sift`, `stockland::solve::sifting`): units fixed at the prices of a proxy,
//! the rest solved, every fixed unit proved. Forced here to fix nearly every unit of small
//! programmes (a proxy of a few hundred units, a few hundred free), so that the proof, the
//! freeing of units that fail it and the warm re-runs all happen; the answer must be the
//! plain solve's optimum and pass the independent check.

use crate::util::*;
use stockland::check::check;
use stockland::instance::Instance;
use stockland::policy::PolicyModel;
use stockland::programme::{build, decode};
use stockland::solve::sifting::{self, Settings, Sifted};
use stockland::solve::{Method, SolveOptions, Status};

fn simplex() -> SolveOptions {
    SolveOptions {
        method: Method::Simplex,
        sensitivity: false,
        ..SolveOptions::default()
    }
}

/// Sift with `settings`, decode and check; the objective and what sifting did.
fn sifted(inst: &Instance, m: &PolicyModel, settings: Settings) -> (f64, Sifted) {
    let p = build(inst, m);
    let (out, did) =
        sifting::solve_with(&p, &simplex(), settings).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status, Status::Optimal);
    // a dual solution of the whole programme: every column's reduced cost is given
    assert_eq!(out.col_duals.as_ref().map(|d| d.len()), Some(p.num_cols()));
    let objective = out.objective.unwrap();
    let sol = decode(inst, &p, out, 0.0);
    let report = check(inst, m, &sol.allocation, sol.objective);
    assert!(report.passed(), "{:?}", report.failures);
    (objective, did)
}

fn tight() -> Settings {
    Settings {
        sample_units: 300,
        min_free_units: 150,
        free_share: 0.0,
    }
}

fn without_linkage(text: &str) -> String {
    text.replace(
        "[rules.linkage_balance]\n",
        "[rules.linkage_balance]\nenabled = false\n",
    )
    .replace(
        "[rules.resettlement]\n",
        "[rules.resettlement]\nenabled = false\n",
    )
}

#[test]
fn sifting_reaches_the_beijing_optimum_with_and_without_the_linkage() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let text = stockland::cases::beijing::MODEL;
    for m in [model_from(&without_linkage(text)), model_from(text)] {
        let plain = solve_with(&inst, &m, &simplex())
            .solution
            .objective
            .unwrap();
        let (got, did) = sifted(&inst, &m, tight());
        assert!(
            (got - plain).abs() <= 1e-7 * plain.abs(),
            "sifted {got} against {plain}"
        );
        // nearly every unit fixed at the proxy's prices, some freed again, and re-run
        assert_eq!(did.fixed, inst.units.len() - 150, "{did:?}");
        assert!(did.freed > 0 && did.runs >= 3, "{did:?}");
    }
}

#[test]
fn sifting_reaches_the_certified_optima_of_the_family() {
    let dir = "instances/family";
    let rows: Vec<(String, String, f64)> =
        csv::Reader::from_path(repo().join(dir).join("optima.csv"))
            .unwrap()
            .deserialize::<std::collections::HashMap<String, String>>()
            .map(|r| r.unwrap())
            .filter(|r| r["status"] == "optimal" && r["mode"] == "lp")
            .map(|r| {
                (
                    r["instance"].clone(),
                    r["model"].clone(),
                    r["objective"].parse().unwrap(),
                )
            })
            .collect();
    assert!(rows.len() >= 7);
    for (i, mdl, want) in rows {
        let inst = instance(&format!("{dir}/{i}"));
        let m = model(&format!("{dir}/{mdl}"));
        for settings in [
            tight(),
            Settings {
                sample_units: 40,
                min_free_units: 10,
                free_share: 0.0,
            },
        ] {
            let (got, _) = sifted(&inst, &m, settings);
            assert!(
                (got - want).abs() <= 1e-6 * want.abs(),
                "{mdl} {settings:?}: {got} against the certified {want}"
            );
        }
    }
}

#[test]
fn sifting_refuses_a_whole_unit_model_and_the_cli_runs_it() {
    let o = stockland(&["solve", "--whole-unit", "--sift", "--no-sensitivity"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("--sift") && stderr(&o).contains("MIP"),
        "{}",
        stderr(&o)
    );
    let o = stockland(&["solve", "--backend", "microlp", "--sift"]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("--sift") && stderr(&o).contains("microlp"),
        "{}",
        stderr(&o)
    );
    // commands that re-solve one HiGHS instance warm refuse it
    for cmd in ["prices", "alternatives"] {
        let o = stockland(&[cmd, "--sift"]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stdout(&o));
        assert!(
            stderr(&o).contains("--sift") && stderr(&o).contains("warm"),
            "{}",
            stderr(&o)
        );
    }
    // on the built-in case it proves the plain optimum (nothing to fix at 3,515 units: the
    // default keeps 20,000 free, so one run)
    let o = stockland(&["solve", "--sift", "--no-sensitivity"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("objective (net benefit): 1393716.08"), "{out}");
    assert!(out.contains("check: passed"), "{out}");
}

#[test]
fn sifting_reports_the_certified_infeasible_case_infeasible() {
    let inst = instance("instances/family/m10/instance.toml");
    let m = model("instances/family/models/m10-infeasible.toml");
    let p = build(&inst, &m);
    let (out, did) = sifting::solve_with(&p, &simplex(), tight()).unwrap();
    assert_eq!(out.status, Status::Infeasible, "{did:?}");
    assert!(out.col_values.is_empty() || out.col_values.len() == p.num_cols());
}

#[test]
fn benchmark_labels_sifted_rows_and_skips_whole_unit_mode() {
    let t = tempfile::tempdir().unwrap();
    let json = t.path().join("b.json");
    let o = stockland(&[
        "benchmark",
        "--case",
        "instances/tiny/two-units.toml,models/tiny-two-units.toml",
        "--method",
        "simplex",
        "--no-sensitivity",
        "--sift",
        "--whole-unit",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("--sift sifts LPs only"),
        "{}",
        stdout(&o)
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let rows = report["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["mode"], "lp/sift");
    assert!((rows[0]["objective"].as_f64().unwrap() - 31.0).abs() < 1e-7);
}
