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
    #[serde(default)]
    mip_gap: Option<f64>,
}

fn optima() -> Vec<Optimum> {
    optima_of("instances/family")
}

fn optima_of(dir: &str) -> Vec<Optimum> {
    csv::Reader::from_path(repo().join(dir).join("optima.csv"))
        .unwrap()
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// `generate --family --no-certify` with `args` into a fresh directory: every instance file
/// and model of the committed family `dir` is byte for byte what it writes; its rows.
fn assert_regenerates(dir: &str, args: &[&str]) -> Vec<Optimum> {
    let t = tempfile::tempdir().unwrap();
    let mut argv = vec!["generate", "--family", "--no-certify"];
    argv.extend(args);
    argv.extend(["--out", t.path().to_str().unwrap()]);
    let o = stockland(&argv);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let committed = repo().join(dir);
    let rows = optima_of(dir);
    for row in &rows {
        let mut files: Vec<String> = ["instance.toml", "units.csv", "sites.csv", "projects.csv"]
            .iter()
            .map(|f| format!("{}/{f}", row.instance))
            .collect();
        files.push(row.model.clone());
        for rel in files {
            assert!(
                std::fs::read(t.path().join(&rel)).unwrap()
                    == std::fs::read(committed.join(&rel)).unwrap(),
                "{dir}/{rel} differs"
            );
        }
    }
    rows
}

#[test]
fn generate_reproduces_the_committed_family() {
    assert_regenerates("instances/family", &[]);
    // growing sizes, every variant, one MIP and one infeasible case, each certified by at
    // least two solvers
    let rows = optima();
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

/// The hard family (`generate --family --hard`): the committed files are what the generator
/// writes; it holds MIPs with thousands of binaries and fixed charges, the five-year model,
/// tie-heavy instances and infeasible cases; every case is certified by two solvers (a MIP
/// by the one that proved it in the time limit, the others stopping there) or, a MIP no
/// solver proved in time, stated with its best objective and gap; the
/// quick LP cases solve again to their certified optima.
#[test]
fn the_hard_family_is_what_the_generator_writes_and_solves_to_its_optima() {
    let dir = "instances/family-hard";
    let committed = repo().join(dir);
    let rows = assert_regenerates(dir, &["--hard"]);
    for row in &rows {
        if row.status == "time limit" {
            assert!(row.mip_gap.is_some_and(|g| g > 0.0) && row.objective.is_some());
            assert_eq!(row.mode, "mip", "{}", row.case);
        } else {
            // two solvers agree, or a MIP one proved while the others hit the time limit
            let by = row
                .certified_by
                .split('+')
                .filter(|s| !s.is_empty())
                .count();
            assert!(by >= 2 || (by == 1 && row.mode == "mip"), "{}", row.case);
        }
    }
    assert!(
        rows.iter().any(|r| r.integers >= 1_000),
        "a MIP with thousands of binaries"
    );
    assert!(rows.iter().any(|r| r.case.ends_with("-years")));
    assert!(rows.iter().any(|r| r.instance.ends_with('t')));
    assert!(rows.iter().any(|r| r.status == "infeasible"));
    // the tie-heavy miniature: units of one district and kind share every value and cost
    let units = std::fs::read_to_string(committed.join("m2t/units.csv")).unwrap();
    let mut r = csv::Reader::from_reader(units.as_bytes());
    let h = r.headers().unwrap().clone();
    let money: Vec<usize> = (0..h.len())
        .filter(|&i| h[i].starts_with("value_") || h[i].starts_with("cost_"))
        .collect();
    let (district, kind) = (
        h.iter().position(|c| c == "district").unwrap(),
        h.iter().position(|c| c == "kind").unwrap(),
    );
    // (district, kind, column) → the one value every unit of the group that offers the use
    // has there (a unit may not offer a use: an empty cell)
    let mut seen = std::collections::BTreeMap::new();
    let mut by_group = std::collections::BTreeSet::new();
    let mut n = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        let group = (rec[district].to_string(), rec[kind].to_string());
        for &i in money.iter().filter(|&&i| !rec[i].is_empty()) {
            let first = seen
                .entry((group.clone(), i))
                .or_insert_with(|| rec[i].to_string());
            assert_eq!(first, &rec[i], "{group:?} {}", &h[i]);
        }
        by_group.insert(group);
        n += 1;
    }
    assert!(
        n >= 10 * by_group.len(),
        "{n} units in {} groups",
        by_group.len()
    );
    // the LP cases under 60,000 columns solve again to their certified optima
    for row in rows
        .iter()
        .filter(|r| r.mode == "lp" && r.status == "optimal" && r.columns <= 60_000)
    {
        let inst = instance(&format!("{dir}/{}", row.instance));
        let m = model(&format!("{dir}/{}", row.model));
        let r = solve_with(
            &inst,
            &m,
            &SolveOptions {
                method: Method::Simplex,
                sensitivity: false,
                ..SolveOptions::default()
            },
        );
        let want = row.objective.unwrap();
        let got = r.solution.objective.unwrap();
        assert!(
            (got - want).abs() <= 1e-6 * want.abs().max(1.0),
            "{}: {got} against the certified {want}",
            row.case
        );
    }
}

/// `--sizes` makes every variant of the family at the sizes asked for.
#[test]
fn generate_family_sizes_makes_every_variant_at_each_size() {
    let t = tempfile::tempdir().unwrap();
    let o = stockland(&[
        "generate",
        "--family",
        "--sizes",
        "40",
        "--no-certify",
        "--out",
        t.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut models: Vec<String> = std::fs::read_dir(t.path().join("models"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    models.sort();
    assert_eq!(
        models,
        [
            "m40-infeasible.toml",
            "m40-loose.toml",
            "m40-no-linkage.toml",
            "m40-plan.toml",
            "m40-tight.toml",
            "m40-whole-unit.toml"
        ]
    );
    assert!(t.path().join("m40/units.csv").exists());
    let o = stockland(&[
        "generate",
        "--family",
        "--sizes",
        "0",
        "--no-certify",
        "--out",
        t.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--sizes"), "{}", stderr(&o));
}
