//! Trade-offs and alternatives: a hand-derived Pareto front, fronts non-dominated and
//! checked, every criterion's linear form equal to its measurement, alternatives distinct,
//! within their gap and checked (also in whole-unit mode).

use crate::util::*;
use stockland::analysis::alternatives::{alternatives, distance};
use stockland::analysis::pareto::front;
use stockland::check::criterion::measure;
use stockland::policy::{Criterion, Sense};
use stockland::solve::{Method, SolveOptions};

const CASES: [(&str, &str); 7] = [
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
    // plans in time: a criterion counts a decision's every year
    (
        "instances/tiny/years.toml",
        "models/tiny-years-supplement.toml",
    ),
    (
        "instances/tiny/years.toml",
        "models/tiny-years-turnover.toml",
    ),
];

fn simplex() -> SolveOptions {
    SolveOptions {
        method: Method::Simplex,
        sensitivity: false,
        ..Default::default()
    }
}

#[test]
fn the_front_of_tiny_a_against_new_construction_is_the_hand_derived_one() {
    // Less new construction at S1 frees supply for U2's market use (net 3) instead of its
    // greening (net 1): y = 3, 2, 1, 0 gives 14 + 2 + 15 = 31, 14 + 3 + 1 + 10 = 28,
    // 14 + 6 + 5 = 25 and 14 + 6 = 20.
    let (i, m) = CASES[0];
    let pts = front(
        &instance(i),
        &model(m),
        m,
        None,
        &simplex(),
        Criterion::NewConstruction,
        4,
    )
    .unwrap();
    for (p, (y, z)) in pts
        .iter()
        .zip([(3.0, 31.0), (2.0, 28.0), (1.0, 25.0), (0.0, 20.0)])
    {
        assert_close(p.criterion.unwrap(), y, 1e-6, "new construction");
        assert_close(p.objective.unwrap(), z, 1e-5, "net benefit");
        assert!(p.check.as_ref().unwrap().passed());
    }
}

#[test]
fn every_front_is_non_dominated_and_every_point_passes_the_check() {
    for (i, m) in CASES {
        let (inst, model) = (instance(i), model(m));
        for c in Criterion::ALL {
            let pts = front(&inst, &model, m, None, &simplex(), c, 5).unwrap();
            let solved: Vec<(f64, f64)> = pts
                .iter()
                .filter_map(|p| {
                    let ok = p.check.as_ref()?.passed();
                    assert!(ok, "{i} {c}: {:?}", p.check.as_ref().unwrap().failures);
                    let v = p.criterion?;
                    Some((p.objective?, if c.sense() == Sense::More { v } else { -v }))
                })
                .collect();
            assert_eq!(solved.len(), 5, "{i} {c}: every point solved");
            let tol = |a: f64| 1e-6 * a.abs().max(1.0);
            for a in &solved {
                for b in &solved {
                    let dominates = b.0 > a.0 + tol(a.0) && b.1 > a.1 + tol(a.1);
                    assert!(!dominates, "{i} {c}: {b:?} dominates {a:?}");
                }
            }
            // the first point is the optimum
            let best = solve_checked(&inst, &model).solution.objective.unwrap();
            assert_close(solved[0].0, best, 1e-5, "the front starts at the optimum");
        }
    }
}

#[test]
fn every_criterion_s_linear_form_equals_its_measurement_at_the_optimum() {
    for (i, m) in CASES {
        let (inst, model) = (instance(i), model(m));
        let p = stockland::run::Prepared::prepare(&inst, &model, m)
            .unwrap()
            .programme;
        let out = stockland::solve::solve(&p, &simplex()).unwrap();
        let sol = stockland::programme::decode(&inst, &p, out.clone(), 0.0);
        for c in Criterion::ALL {
            let form = stockland::programme::criterion::value(&inst, &p, c, &out.col_values);
            assert_close(
                form,
                measure(&inst, &sol.allocation, c),
                1e-9,
                &format!("{i} {c}"),
            );
        }
    }
}

#[test]
fn alternatives_are_distinct_within_the_gap_and_checked() {
    for (i, m) in CASES {
        let (inst, model) = (instance(i), model(m));
        for within in [0.05, 0.2] {
            let alt = alternatives(&inst, &model, m, &simplex(), within, 3).unwrap();
            let best = alt.plans[0].objective;
            assert_close(
                best,
                solve_checked(&inst, &model).solution.objective.unwrap(),
                1e-6,
                "plan 0",
            );
            for (k, p) in alt.plans.iter().enumerate() {
                assert!(p.check.passed(), "{i} plan {k}");
                assert!(
                    p.objective >= best - within * best.abs() - 1e-6 * best.abs().max(1.0),
                    "{i} plan {k}: {} below {best}",
                    p.objective
                );
                for q in &alt.plans[..k] {
                    assert!(
                        distance(&p.allocation, &q.allocation) > 1e-6,
                        "{i}: plan {k} repeats one before"
                    );
                }
            }
            assert!(
                alt.plans.len() == 4 || alt.stopped.is_some(),
                "{i}: fewer plans than asked without a reason"
            );
            for (a, row) in alt.distance.iter().enumerate() {
                assert_eq!(row[a], 0.0);
                for (b, d) in row.iter().enumerate() {
                    assert_eq!(*d, alt.distance[b][a], "symmetric");
                }
            }
        }
    }
}

#[test]
fn whole_unit_alternatives_differ_in_the_units_chosen() {
    // capacities and a supply cap: units taken whole or not at all
    let (i, m) = ("instances/tiny/mixed.toml", "whole-unit model");
    let inst = instance(i);
    let model = model_from(
        "schema_version = 1\nname = \"wu\"\n[rules.unit_capacity]\n[rules.site_capacity]\n[rules.supply_cap]\nmax_km2 = 5.0\n[whole_unit]\nenabled = true\n",
    );
    let alt = alternatives(&inst, &model, m, &simplex(), 0.3, 3).unwrap();
    assert!(alt.plans.len() == 4, "{:?}", alt.stopped);
    let pattern = |a: &stockland::solution::Allocation| -> Vec<bool> {
        a.units
            .iter()
            .map(|x| x.iter().sum::<f64>() > 1e-6)
            .collect()
    };
    for (k, p) in alt.plans.iter().enumerate() {
        assert!(p.check.passed());
        for q in &alt.plans[..k] {
            assert_ne!(
                pattern(&p.allocation),
                pattern(&q.allocation),
                "no-good cut: plan {k}"
            );
        }
    }
}

#[test]
fn the_commands_write_their_tables_and_refuse_bad_arguments() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("p");
    let inst = repo().join("instances/tiny/two-units.toml");
    let m = repo().join("models/tiny-two-units.toml");
    let (i, m) = (inst.to_str().unwrap(), m.to_str().unwrap());
    let o = stockland(&[
        "pareto",
        i,
        "--model",
        m,
        "--against",
        "new_construction",
        "--points",
        "4",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(out.join("pareto.csv")).unwrap();
    assert_eq!(csv.lines().count(), 5, "{csv}");
    let svg = std::fs::read_to_string(out.join("pareto.svg")).unwrap();
    assert!(svg.contains(r#"data-x="0" data-y="20""#), "{svg}");
    let page = std::fs::read_to_string(out.join("pareto.html")).unwrap();
    assert!(page.contains(r#"data-x="0" data-y="20""#) && page.contains("<table>"));
    let o = stockland(&["pareto", i, "--model", m, "--against", "happiness"]);
    assert!(
        stderr(&o).contains("unknown criterion `happiness`: expected one of arable"),
        "{}",
        stderr(&o)
    );
    let o = stockland(&[
        "pareto",
        i,
        "--model",
        m,
        "--against",
        "arable",
        "--points",
        "1",
    ]);
    assert!(
        stderr(&o).contains("--points: expected at least 2"),
        "{}",
        stderr(&o)
    );
    let alt = d.path().join("a");
    let o = stockland(&[
        "alternatives",
        i,
        "--model",
        m,
        "--within",
        "10%",
        "--out",
        alt.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    for f in ["alternatives.csv", "differences.csv", "plans.csv"] {
        assert!(alt.join(f).is_file(), "{f}");
    }
    for bad in ["150%", "-1", "two"] {
        let o = stockland(&["alternatives", i, "--model", m, "--within", bad]);
        assert!(
            !o.status.success() && stderr(&o).contains("--within"),
            "{bad}: {}",
            stderr(&o)
        );
    }
}
