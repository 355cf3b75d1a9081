//! Exact aggregation of interchangeable units (`stockland::programme::aggregate`): the
//! aggregated and the plain solve reach the same optimum and pass the check, on survey
//! parcels (with the linkage and resettlement), on every LP case of the certified family,
//! and whatever the order of the units; the split plan gives every parcel of a group the
//! same allocation per km².

use crate::util::*;
use proptest::prelude::*;
use stockland::cases::beijing::{self, generate};
use stockland::instance::Instance;
use stockland::policy::PolicyModel;
use stockland::run::Run;
use stockland::solve::{Method, SolveOptions};

fn options(aggregate: bool, sensitivity: bool) -> SolveOptions {
    SolveOptions {
        method: Method::Simplex,
        aggregate,
        sensitivity,
        ..SolveOptions::default()
    }
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1.0)
}

/// The aggregated and the plain solve of `inst`: both checked (by `solve_with`), the same
/// optimum to 1e-9 relative; the aggregated run.
fn both(inst: &Instance, m: &PolicyModel, sensitivity: bool) -> (Run, Run) {
    let merged = solve_with(inst, m, &options(true, sensitivity));
    let plain = solve_with(inst, m, &options(false, false));
    assert!(plain.aggregation.is_none());
    let (a, b) = (
        merged.solution.objective.unwrap(),
        plain.solution.objective.unwrap(),
    );
    assert!(relative(a, b) <= 1e-9, "aggregated {a} vs plain {b}");
    (merged, plain)
}

fn parcels(n: usize) -> Instance {
    beijing::generated_instance(&generate::beijing_parcels(generate::DEFAULT_SEED, n).unwrap())
        .unwrap()
}

#[test]
fn survey_parcels_merge_back_into_their_units_with_the_same_optimum() {
    let base = beijing::instance().unwrap();
    let inst = parcels(4);
    let m = beijing::model().unwrap();
    assert_eq!(inst.units.len(), 4 * base.units.len());
    let (merged, _) = both(&inst, &m, true);
    let a = merged
        .aggregation
        .expect("parcels of one unit are interchangeable");
    assert_eq!(a.units, inst.units.len());
    // each unit's parcels form one group at most (units may merge further where they tie)
    assert!(a.unit_groups <= base.units.len(), "{a:?}");
    assert!(a.reduced_columns < a.columns);
    // the same land as the Beijing instance: its optimum
    let whole = solve_with(&base, &m, &options(false, false));
    let (x, y) = (
        merged.solution.objective.unwrap(),
        whole.solution.objective.unwrap(),
    );
    assert!(relative(x, y) <= 1e-9, "parcels {x} vs units {y}");
    // the split: every parcel of a unit has the unit's allocation per km²
    let alloc = &merged.solution.allocation.units;
    for (u, group) in inst.units.chunks(4).enumerate() {
        let first = 4 * u;
        for (i, p) in group.iter().enumerate() {
            for k in inst.uses.iter() {
                let per = |v: usize| alloc[v][k.index()] / inst.units[v].area_km2;
                assert!(
                    (per(first + i) - per(first)).abs() <= 1e-9,
                    "{} and {}: {k}",
                    p.id,
                    inst.units[first].id
                );
            }
        }
    }
    // prices: the capacity row of every parcel of a unit has the same price
    let prices = merged.solution.rows_by_ref();
    assert!(!prices.is_empty());
}

/// Every LP case of a certified family (`instances/family`, and the hard family's, whose
/// `t` miniatures take values by grade): aggregated and plain reach the certified optimum,
/// or both find the case infeasible. Returns (cases solved, groups merged).
fn family_lp_cases(family: &str) -> (usize, usize) {
    let dir = repo().join(family);
    let optima = std::fs::read_to_string(dir.join("optima.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(optima.as_bytes());
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (case, status, objective) = (col("case"), col("status"), col("objective"));
    let (inst_dir, model_file, mode) = (col("instance"), col("model"), col("mode"));
    let (mut solved, mut merged) = (0, 0);
    for rec in rdr.records() {
        let rec = rec.unwrap();
        if &rec[mode] != "lp" {
            continue;
        }
        let inst = instance(&format!("{family}/{}/instance.toml", &rec[inst_dir]));
        let m = model(&format!("{family}/{}", &rec[model_file]));
        if &rec[status] == "infeasible" {
            for aggregate in [true, false] {
                let r = solve_with(&inst, &m, &options(aggregate, false));
                assert!(r.solution.status.is_infeasible(), "{}", &rec[case]);
            }
            continue;
        }
        assert_eq!(&rec[status], "optimal", "{}", &rec[case]);
        let (merged_run, _) = both(&inst, &m, true);
        let certified: f64 = rec[objective].parse().unwrap();
        let found = merged_run.solution.objective.unwrap();
        assert!(relative(found, certified) <= 1e-6, "{}", &rec[case]);
        // a model with years is solved whole (no aggregation)
        if let Some(a) = merged_run.aggregation {
            merged += a.units - a.unit_groups;
        } else {
            assert!(m.phased_years().is_some(), "{}", &rec[case]);
        }
        solved += 1;
    }
    (solved, merged)
}

#[test]
fn sifting_and_scaling_take_the_reduced_programme() {
    let inst = parcels(3);
    let m = beijing::model().unwrap();
    let plain = solve_with(&inst, &m, &options(false, false));
    for o in [
        SolveOptions {
            sifting: true,
            ..options(true, false)
        },
        SolveOptions {
            scaling: stockland::solve::Scaling::Auto,
            ..options(true, true)
        },
    ] {
        let r = solve_with(&inst, &m, &o);
        assert!(r.aggregation.unwrap().reduced_columns < r.size.columns);
        let (x, y) = (
            r.solution.objective.unwrap(),
            plain.solution.objective.unwrap(),
        );
        assert!(relative(x, y) <= 1e-9, "{x} vs {y}");
    }
}

#[test]
fn every_lp_case_of_the_families_reaches_its_optimum_aggregated_and_plain() {
    let (solved, _) = family_lp_cases("instances/family");
    assert!(solved >= 5, "{solved} LP cases");
    // the graded miniatures have units alike: some merge
    let (solved, merged) = family_lp_cases("instances/family-hard");
    assert!(
        solved >= 2 && merged > 0,
        "{solved} LP cases, {merged} units merged"
    );
}

#[test]
fn the_summary_says_what_was_merged_and_no_aggregate_solves_apart() {
    let dir = tempfile::tempdir().unwrap();
    let out = stockland(&[
        "generate",
        "--parcels",
        "3",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let model = dir.path().join("model.toml");
    std::fs::write(&model, beijing::MODEL).unwrap();
    let (inst, model) = (dir.path().to_str().unwrap(), model.to_str().unwrap());
    let merged = stockland(&["solve", inst, "--model", model]);
    assert!(merged.status.success(), "{}", stderr(&merged));
    let text = stdout(&merged);
    let line = text
        .lines()
        .find(|l| l.starts_with("aggregation: "))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(line.contains("units in"), "{line}");
    let plain = stockland(&["solve", inst, "--model", model, "--no-aggregate"]);
    assert!(plain.status.success(), "{}", stderr(&plain));
    assert!(!stdout(&plain).contains("aggregation: "));
    let objective = |t: &str| {
        t.lines()
            .find(|l| l.contains("net benefit"))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert_eq!(objective(&text), objective(&stdout(&plain)));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]
    /// Permuting the units changes neither the optimum nor the groups found.
    #[test]
    fn permuting_units_changes_nothing(seed in 0u64..1000) {
        use rand::seq::SliceRandom;
        use rand::SeedableRng;
        let m = beijing::model().unwrap();
        let mut r = generate::parcel_records(generate::DEFAULT_SEED, 2).unwrap();
        let first = beijing::generated_instance(&r.write("").unwrap()).unwrap();
        let a = solve_with(&first, &m, &options(true, false));
        r.units.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(seed));
        let shuffled = beijing::generated_instance(&r.write("").unwrap()).unwrap();
        let b = solve_with(&shuffled, &m, &options(true, false));
        let (x, y) = (a.solution.objective.unwrap(), b.solution.objective.unwrap());
        prop_assert!(relative(x, y) <= 1e-9, "{} vs {}", x, y);
        prop_assert_eq!(
            a.aggregation.map(|s| s.unit_groups),
            b.aggregation.map(|s| s.unit_groups)
        );
    }
}
