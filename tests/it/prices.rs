//! The full price of a rule: re-solves warm from the base basis equal re-solves from
//! scratch, and equal independent solves of the model without the rule (or with it
//! relaxed).

use crate::util::*;
use stockland::analysis::prices::{groups, price};
use stockland::network::LinkageNetwork;
use stockland::policy::{active, PolicyModel};
use stockland::programme::{build_with, row_label};
use stockland::solve::{Method, SolveOptions};

fn options() -> SolveOptions {
    SolveOptions {
        method: Method::Simplex,
        sensitivity: false,
        ..Default::default()
    }
}

fn priced(
    inst: &stockland::instance::Instance,
    m: &PolicyModel,
    relax: Option<f64>,
    cold: bool,
) -> Vec<stockland::analysis::prices::RulePrice> {
    let net = active(&m.rules.linkage_balance).map(|r| LinkageNetwork::build(inst, r));
    let p = build_with(inst, m, net.as_ref());
    let labels: Vec<String> = p.rows().iter().map(|r| row_label(inst, r)).collect();
    let gs = groups(&p, &labels, &[]);
    price(&p, &options(), &gs, relax, 2, cold).unwrap()
}

#[test]
fn warm_and_cold_re_solves_agree_on_every_group() {
    for (i, m) in [
        ("instances/tiny/mixed.toml", "models/tiny-two-units.toml"),
        (
            "instances/tiny/linkage.toml",
            "models/tiny-linkage-resettlement.toml",
        ),
        (
            "instances/tiny/two-units.toml",
            "models/tiny-two-units.toml",
        ),
    ] {
        let inst = instance(i);
        let mut model = model(m);
        if i.contains("mixed") {
            model = model_from(
                "schema_version = 1\nname = \"x\"\n[rules.unit_capacity]\n[rules.site_capacity]\n[rules.supply_cap]\nmax_km2 = 5.0\n[rules.stock_target]\ntargets_km2 = { a = 2.0, b = 3.0 }\ntolerance_km2 = 0.25\n[rules.arable_floor]\nmin_km2 = 30.0\n",
            );
        }
        let warm = priced(&inst, &model, Some(0.5), false);
        let cold = priced(&inst, &model, Some(0.5), true);
        assert!(!warm.is_empty());
        for (w, c) in warm.iter().zip(&cold) {
            assert_eq!(w.group, c.group);
            for (a, b) in [(w.dropped, c.dropped), (w.relaxed, c.relaxed)] {
                match (a, b) {
                    (Some(a), Some(b)) => {
                        assert_close(a, b, 1e-6 * a.abs().max(1.0), &format!("{i}: {}", w.group))
                    }
                    (a, b) => assert_eq!(a.is_some(), b.is_some(), "{i}: {}", w.group),
                }
            }
        }
    }
}

#[test]
fn a_dropped_or_relaxed_single_row_rule_equals_the_model_without_it_or_relaxed() {
    let inst = instance("instances/tiny/two-units.toml");
    let m = model("models/tiny-two-units.toml");
    let prices = priced(&inst, &m, Some(1.0), false);
    let cap = prices.iter().find(|p| p.group == "supply_cap").unwrap();
    let mut without = m.clone();
    without.rules.supply_cap = None;
    let free = solve_checked(&inst, &without).solution.objective.unwrap();
    assert_close(cap.dropped.unwrap(), free, 1e-9, "supply_cap dropped");
    assert_close(cap.full_price.unwrap(), free - 31.0, 1e-9, "full price");
    let mut relaxed = m.clone();
    relaxed.rules.supply_cap.as_mut().unwrap().max_km2 += 1.0;
    let r = solve_checked(&inst, &relaxed).solution.objective.unwrap();
    assert_close(cap.relaxed.unwrap(), r, 1e-9, "supply_cap relaxed by 1 km²");
    // keeping a rule never pays: every full price is ≥ 0 (up to solver tolerance)
    assert!(prices
        .iter()
        .all(|p| p.full_price.is_none_or(|v| v >= -1e-6)));
}
