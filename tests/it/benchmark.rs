//! `stockland benchmark` as a researcher publishes it: every answer judged against the
//! certified one, a proven infeasibility counted as solved, a failing case a row of its own
//! while the run goes on, rows kept in `CSV.partial` as they finish, a manifest that says
//! what ran where, and HiGHS's seeds for a variability study.

use crate::util::*;
use std::path::Path;

/// A family directory of its own: `optima.csv` over cases given as (name, instance, model,
/// status, objective), paths absolute.
fn family(dir: &Path, cases: &[(&str, &str, &str, &str, &str)]) {
    let mut text = String::from("case,instance,model,status,objective\n");
    for (case, i, m, status, objective) in cases {
        let path = |p: &str| {
            if p.starts_with("missing") {
                dir.join(p).display().to_string()
            } else {
                repo().join(p).display().to_string()
            }
        };
        text += &format!("{case},{},{},{status},{objective}\n", path(i), path(m));
    }
    std::fs::write(dir.join("optima.csv"), text).unwrap();
}

const TWO: (&str, &str) = (
    "instances/tiny/two-units.toml",
    "models/tiny-two-units.toml",
);
const INFEASIBLE: (&str, &str) = (
    "instances/family/m10",
    "instances/family/models/m10-infeasible.toml",
);

fn rows(csv: &Path) -> Vec<csv::StringRecord> {
    csv::Reader::from_path(csv)
        .unwrap()
        .records()
        .map(|r| r.unwrap())
        .collect()
}

fn column(csv: &Path, name: &str) -> Vec<String> {
    let mut r = csv::Reader::from_path(csv).unwrap();
    let k = r.headers().unwrap().iter().position(|h| h == name).unwrap();
    r.records().map(|x| x.unwrap()[k].to_string()).collect()
}

/// A wrong objective and a case that cannot be loaded are rows of their own, failures in
/// the exit code; the run goes on past them and the CSV holds every row.
#[test]
fn every_answer_is_judged_and_a_failing_case_is_a_row() {
    let d = tempfile::tempdir().unwrap();
    family(
        d.path(),
        &[
            ("right", TWO.0, TWO.1, "optimal", "31"),
            ("wrong", TWO.0, TWO.1, "optimal", "31.5"),
            ("broken", "missing.toml", TWO.1, "optimal", "31"),
            ("infeasible", INFEASIBLE.0, INFEASIBLE.1, "infeasible", ""),
        ],
    );
    let csv = d.path().join("b.csv");
    let o = stockland(&[
        "benchmark",
        "--family",
        d.path().to_str().unwrap(),
        "--method",
        "simplex",
        "--no-sensitivity",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert_eq!(rows(&csv).len(), 4, "every case a row");
    assert_eq!(
        column(&csv, "verdict"),
        ["correct", "wrong", "error", "correct"]
    );
    let diff: f64 = column(&csv, "rel_diff")[1].parse().unwrap();
    assert!((diff - 0.5 / 31.5).abs() < 1e-12, "{diff}");
    assert!(column(&csv, "error")[2].contains("missing.toml"));
    assert!(
        stdout(&o).contains("2 of 4 row(s) failed"),
        "{}",
        stdout(&o)
    );
    // the rows in progress were replaced by the finished CSV
    assert!(!d.path().join("b.csv.partial").exists());
    // the manifest went beside the CSV, every input file in it once with its digest (an
    // instance directory stands for its files)
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.path().join("b.manifest.json")).unwrap()).unwrap();
    let inputs = m["inputs"].as_array().unwrap();
    let paths: std::collections::BTreeSet<&str> =
        inputs.iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(paths.len(), inputs.len(), "each input once");
    assert!(
        paths.iter().any(|p| p.ends_with("m10/units.csv")),
        "{paths:?}"
    );
    for i in inputs
        .iter()
        .filter(|i| !i["path"].as_str().unwrap().contains("missing"))
    {
        assert_eq!(i["sha256"].as_str().unwrap().len(), 64, "{i}");
    }
}

/// Before this, the profile counted a correctly proven infeasible case as a failure for
/// every solver: the curves stopped at the share of the feasible cases.
#[test]
fn a_proven_infeasibility_counts_as_solved_in_the_profile() {
    let d = tempfile::tempdir().unwrap();
    family(
        d.path(),
        &[
            ("right", TWO.0, TWO.1, "optimal", "31"),
            ("infeasible", INFEASIBLE.0, INFEASIBLE.1, "infeasible", ""),
        ],
    );
    let p = d.path().join("profile.csv");
    let o = stockland(&[
        "benchmark",
        "--family",
        d.path().to_str().unwrap(),
        "--method",
        "simplex",
        "ipm",
        "--no-sensitivity",
        "--profile",
        p.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let (methods, shares) = (column(&p, "method"), column(&p, "share"));
    for m in ["simplex", "ipm"] {
        let last = methods.iter().zip(&shares).rfind(|(x, _)| *x == m).unwrap();
        assert_eq!(last.1, "1", "{m} solves both cases");
    }
    // τ on log₂: τ = 1 is 0
    assert_eq!(column(&p, "log2_tau")[0], "0");
    let svg = std::fs::read_to_string(p.with_extension("svg")).unwrap();
    assert!(svg.contains("log₂ τ") && svg.contains("data-x=\"0\""));
}

/// The manifest says what ran, where and how; several HiGHS seeds give a row each and a
/// variability summary.
#[test]
fn the_manifest_and_a_variability_study() {
    let d = tempfile::tempdir().unwrap();
    let json = d.path().join("b.json");
    let case = format!(
        "{},{}",
        repo().join(TWO.0).display(),
        repo().join(TWO.1).display()
    );
    let o = stockland(&[
        "benchmark",
        "--case",
        &case,
        "--method",
        "simplex",
        "--highs-seed",
        "0",
        "1",
        "2",
        "--threads",
        "1",
        "--repeat",
        "2",
        "--json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let m = &r["manifest"];
    assert!(!m["machine"]["cpu_model"].as_str().unwrap().is_empty());
    assert!(m["machine"]["cpus"].as_u64().unwrap() >= 1);
    assert!(m["build"]["highs_version"]
        .as_str()
        .unwrap()
        .starts_with('1'));
    assert!(!m["build"]["commit"].as_str().unwrap().is_empty());
    assert!(m["command"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a == "--highs-seed"));
    assert_eq!(m["options"]["highs_seeds"], serde_json::json!([0, 1, 2]));
    assert_eq!(m["options"]["threads"], 1);
    assert!(m["started"].as_str().unwrap().ends_with('Z'));
    let inputs = m["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2);
    assert_eq!(inputs[0]["sha256"].as_str().unwrap().len(), 64);
    let rows = r["rows"].as_array().unwrap();
    let seeds: Vec<i64> = rows.iter().map(|x| x["seed"].as_i64().unwrap()).collect();
    assert_eq!(seeds, [0, 1, 2]);
    for x in rows {
        assert_eq!(
            x["solve_s"].as_array().unwrap().len(),
            2,
            "each repeat's time"
        );
        assert_eq!(x["verdict"], "uncertified");
    }
    let v = r["variability"].as_array().unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["seeds"], 3);
    assert_eq!(v[0]["objectives_agree"], true);
}

/// A backend this build does not have is refused before the first solve.
#[test]
fn backends_are_checked_before_the_first_solve() {
    if cfg!(feature = "cbc") {
        return;
    }
    let case = format!(
        "{},{}",
        repo().join(TWO.0).display(),
        repo().join(TWO.1).display()
    );
    let o = stockland(&["benchmark", "--case", &case, "--backends", "highs", "cbc"]);
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stderr(&o).contains("this build has no CBC"),
        "{}",
        stderr(&o)
    );
    assert!(
        !stdout(&o).contains("two-units"),
        "no case ran: {}",
        stdout(&o)
    );
}
