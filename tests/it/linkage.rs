//! The increase-decrease linkage on tiny hand-solved networks (`instances/tiny/linkage.toml`,
//! optima derived there), the Beijing project areas, and property tests on random networks.

use crate::util::*;
use proptest::prelude::*;
use stockland::check::check;

use stockland::network::LinkageNetwork;
use stockland::policy::active;
use stockland::solution::Flow;
use stockland::solve::{Method, SolveOptions, Status};

fn flow(
    r: &stockland::run::Run,
    unit: &str,
    site: &str,
    inst: &stockland::instance::Instance,
) -> f64 {
    r.solution
        .allocation
        .flows
        .iter()
        .filter(|f| {
            inst.units[f.unit as usize].id == unit && inst.sites[f.site as usize].id == site
        })
        .map(|f| f.quota_km2)
        .sum()
}

#[test]
fn a_village_that_can_only_pair_across_districts_and_a_site_nobody_reaches() {
    let inst = instance("instances/tiny/linkage.toml");
    let m = model("models/tiny-linkage.toml");
    let net = LinkageNetwork::build(&inst, active(&m.rules.linkage_balance).unwrap());
    let s = net.summary();
    assert_eq!(
        (s.withdrawal_units, s.edges, s.cross_district_edges),
        (2, 2, 2)
    );
    assert_eq!(s.unreachable_sites, 1, "S2 is 130 km away");
    assert!(net
        .edges
        .iter()
        .all(|e| inst.sites[e.site as usize].id == "S1"));
    assert_close(net.edges[0].distance_km, 30.0, 1e-12, "shortest path m-p");

    let r = solve_checked(&inst, &m);
    assert_close(r.solution.objective.unwrap(), 80.0, 1e-7, "objective");
    assert_close(flow(&r, "V1", "S1", &inst), 0.8, 1e-7, "f[V1,S1]");
    assert_close(flow(&r, "V3", "S1", &inst), 0.2, 1e-7, "f[V3,S1]");
    assert_close(
        r.solution.allocation.sites[1].iter().sum::<f64>(),
        0.0,
        1e-9,
        "S2 unused",
    );
    assert_close(
        r.solution.shadow_price("new_construction_quota").unwrap(),
        80.0,
        1e-6,
        "quota price",
    );
    assert_close(
        r.solution.shadow_price("linkage_balance[V1]").unwrap(),
        50.0,
        1e-6,
        "V1 quota price",
    );
    // one project area: both villages, S1
    assert_eq!(r.project_areas.len(), 1);
    let a = &r.project_areas[0];
    assert_eq!(
        (a.units.clone(), a.sites.clone()),
        (
            vec!["V1".to_string(), "V3".to_string()],
            vec!["S1".to_string()]
        )
    );
    assert_close(a.quota_km2, 1.0, 1e-7, "area quota");
    assert_close(a.people_resettled, 3200.0, 1e-6, "4,000 × 0.8");
    assert_close(a.cost, 10.0 + 30.0, 1e-6, "reclaim + transfer");
}

#[test]
fn a_binding_resettlement_rule() {
    let inst = instance("instances/tiny/linkage.toml");
    let r = solve_checked(&inst, &model("models/tiny-linkage-resettlement.toml"));
    assert_close(r.solution.objective.unwrap(), 68.8, 1e-7, "objective");
    let f = r
        .solution
        .allocation
        .flows
        .iter()
        .find(|f| inst.units[f.unit as usize].id == "V1")
        .unwrap();
    assert_close(f.resettled_km2, 0.16, 1e-7, "resettled at S1");
    assert_close(
        r.solution.allocation.sites[0][crate::util::builtin("affordable").index()],
        0.16,
        1e-7,
        "affordable at S1",
    );
    let c = r.check.as_ref().unwrap();
    assert!(c.line("resettlement[m]").unwrap().binding);
    assert!(c.line("resettlement[V1>S1]").unwrap().binding);
}

#[test]
fn a_quality_weighted_balance_that_binds_while_the_plain_one_does_not() {
    let inst = instance("instances/tiny/linkage.toml");
    let r = solve_checked(&inst, &model("models/tiny-linkage-quality.toml"));
    assert_close(
        r.solution.objective.unwrap(),
        69.0 + 1.0 / 3.0,
        1e-6,
        "objective",
    );
    assert_close(flow(&r, "V1", "S1", &inst), 8.0 / 15.0, 1e-7, "f[V1,S1]");
    let c = r.check.as_ref().unwrap();
    let q = c.line("linkage_balance[S1.quality]").unwrap();
    assert!(q.binding);
    assert!(
        r.solution
            .shadow_price("linkage_balance[S1.quality]")
            .unwrap()
            < -1e-6
    );
    let plain = c.line("linkage_balance[S1]").unwrap();
    assert!(!plain.binding && plain.slack > 0.4, "{plain:?}");
    // the same balance city-wide or per district gives the same optimum here (one site)
    for level in ["city", "district"] {
        let text = std::fs::read_to_string(repo().join("models/tiny-linkage-quality.toml"))
            .unwrap()
            .replace(
                "quality_level = \"site\"",
                &format!("quality_level = \"{level}\""),
            );
        let r = solve_checked(&inst, &model_from(&text));
        assert_close(r.solution.objective.unwrap(), 69.0 + 1.0 / 3.0, 1e-6, level);
    }
}

#[test]
fn whole_unit_mode_and_its_lp_relaxation() {
    let inst = instance("instances/tiny/linkage.toml");
    let mut m = model("models/tiny-linkage.toml");
    m.whole_unit.enabled = true;
    let r = solve_checked(&inst, &m);
    assert_eq!(r.solution.status, Status::Optimal);
    assert_close(
        r.solution.objective.unwrap(),
        75.0,
        1e-6,
        "whole-unit optimum",
    );
    assert!(r.solution.mip_gap.is_some());
    for (u, a) in inst.units.iter().zip(&r.solution.allocation.units) {
        let t: f64 = a.iter().sum();
        assert!(
            t < 1e-7 || (t - u.area_km2).abs() < 1e-6,
            "{} partly redeveloped: {t}",
            u.id
        );
    }
}

#[test]
fn whole_unit_edges_with_a_fixed_cost_and_minimum_size() {
    // A fixed cost of 5 per used pairing and a minimum of 0.25 km²: V3's 0.2 km² cannot form
    // a project and V3 stays as it is; V1 goes whole (0.8 reclaimed, 0.2 greened at 1) and
    // pays 5 for its project; S1 builds 0.5 + 0.8 = 1.3 km².
    // Whole-unit optimum: 80 × 1.3 − 40 × 0.8 − 1 − 5 = 66.
    let inst = instance("instances/tiny/linkage.toml");
    let text = std::fs::read_to_string(repo().join("models/tiny-linkage.toml")).unwrap()
        + "fixed_project_cost = 5.0\nmin_project_km2 = 0.25\n\n[whole_unit]\nenabled = true\n";
    let r = solve_checked(&inst, &model_from(&text));
    assert_close(
        flow(&r, "V3", "S1", &inst),
        0.0,
        1e-7,
        "V3 below the minimum size",
    );
    assert_close(flow(&r, "V1", "S1", &inst), 0.8, 1e-7, "V1's project");
    assert_close(
        r.solution.objective.unwrap(),
        80.0 * 1.3 - 40.0 * 0.8 - 1.0 - 5.0,
        1e-6,
        "objective",
    );
}

#[test]
fn the_check_rejects_a_flow_on_a_pairing_the_policy_does_not_allow() {
    let inst = instance("instances/tiny/linkage.toml");
    let m = model("models/tiny-linkage.toml");
    let r = solve_checked(&inst, &m);
    let mut a = r.solution.allocation.clone();
    // V1 to S2: eco → plain is listed, but S2 is 130 km away
    a.flows.push(Flow {
        unit: 0,
        site: 1,
        quota_km2: 0.1,
        resettled_km2: 0.0,
    });
    let c = check(&inst, &m, &a, None);
    assert!(
        c.failures
            .iter()
            .any(|f| f.message.starts_with("linkage_balance[network]")),
        "{:?}",
        c.failures
    );
    // and more quota than reclaimed
    let mut a = r.solution.allocation.clone();
    a.flows[0].quota_km2 += 0.5;
    let c = check(&inst, &m, &a, None);
    assert!(
        c.failures
            .iter()
            .any(|f| f.message.starts_with("linkage_balance[V")),
        "{:?}",
        c.failures
    );
}

#[test]
fn the_cli_writes_project_areas_flows_and_dot() {
    let dir = tempfile::tempdir().unwrap();
    let dot = dir.path().join("net.dot");
    let o = stockland(&[
        "solve",
        "instances/tiny/linkage.toml",
        "--model",
        "models/tiny-linkage.toml",
        "--out",
        dir.path().to_str().unwrap(),
        "--dot",
        dot.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Increase-decrease linkage"), "{out}");
    assert!(out.contains("project areas: 1"), "{out}");
    let d = std::fs::read_to_string(&dot).unwrap();
    assert!(
        d.starts_with("graph linkage {") && d.contains("\"V1\" -- \"S1\""),
        "{d}"
    );
    let areas = std::fs::read_to_string(dir.path().join("project_areas.csv")).unwrap();
    assert!(areas.lines().nth(1).unwrap().contains("V1 V3"), "{areas}");
    let flows = std::fs::read_to_string(dir.path().join("flows.csv")).unwrap();
    assert_eq!(flows.lines().count(), 3);
}

#[test]
fn bad_linkage_settings_are_rejected() {
    let inst = instance("instances/tiny/linkage.toml");
    for (from, to, field) in [
        ("ratio = 1.0", "ratio = 1.5", "ratio"),
        (
            "zone_pairs = [[\"eco\", \"plain\"]]",
            "zone_pairs = [[\"eco\", \"hills\"]]",
            "zone_pairs[0]",
        ),
        (
            "max_distance_km = 50.0",
            "max_distance_km = -50.0",
            "max_distance_km",
        ),
    ] {
        let text = std::fs::read_to_string(repo().join("models/tiny-linkage.toml"))
            .unwrap()
            .replace(from, to);
        let err = model_from(&text)
            .validate("m.toml", Some(&inst))
            .expect_err(field);
        let stockland::Error::Input(p) = err else {
            panic!()
        };
        assert!(
            p.0.iter()
                .any(|p| p.record == "rules.linkage_balance" && p.field == field),
            "{p}"
        );
    }
    // the linkage needs a transport network
    let no_net = instance("instances/tiny/two-units.toml");
    let text = std::fs::read_to_string(repo().join("models/tiny-linkage.toml"))
        .unwrap()
        .replace("[[\"eco\", \"plain\"]]", "[]");
    let err = model_from(&text)
        .validate("m.toml", Some(&no_net))
        .expect_err("no network");
    assert!(err.to_string().contains("transport network"), "{err}");
}

#[test]
fn beijing_links_villages_to_sites_of_their_own_district_over_the_town_network() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let m = stockland::cases::beijing::model().unwrap();
    let r = solve_with(&inst, &m, &SolveOptions::default());
    let net = r.network.as_ref().unwrap();
    // the built-in reading: project areas within one county-level unit
    assert!(net.edges > 1000 && net.cross_district_edges == 0, "{net:?}");
    assert!(r.project_areas.len() > 3);
    // units sit at town nodes, so quota moves over real distances within a district: the
    // flows pay transfer costs, and some area serves more than one site
    let mut rule = active(&m.rules.linkage_balance).unwrap().clone();
    let network = LinkageNetwork::build(&inst, &rule);
    assert!(network.edges.iter().any(|e| e.distance_km > 1.0));
    assert!(r.project_areas.iter().any(|a| a.sites.len() > 1));
    // linkage rows carry prices
    let priced = r
        .solution
        .rows
        .iter()
        .filter(|row| {
            row.name.starts_with("linkage_balance[")
                && row.shadow_price.is_some_and(|p| p.abs() > 1e-6)
        })
        .count();
    assert!(priced > 0);
    // the stated alternative (models/beijing-12th-fyp-cross-district.toml): mountain villages
    // back new-zone towns across districts
    rule.zone_pairs = vec![("ecological".into(), "new_development".into())];
    let cross = LinkageNetwork::build(&inst, &rule);
    assert!(cross.summary().cross_district_edges > 0);
    let text = std::fs::read_to_string(repo().join("models/beijing-12th-fyp-cross-district.toml"))
        .unwrap();
    let alt = model_from(&text);
    alt.validate("m.toml", Some(&inst)).unwrap();
    let r = solve_with(&inst, &alt, &SolveOptions::default());
    assert!(r
        .project_areas
        .iter()
        .any(|a| a.unit_zones == vec!["ecological".to_string()]
            && a.site_zones.contains(&"new_development".to_string())));
}

/// A random network around the tiny linkage instance: random reclaimable shares, grades,
/// populations, site values and distances.
fn random_network(
    shares: [f64; 3],
    grades: [i64; 3],
    pops: [f64; 3],
    values: [f64; 2],
    link_km: f64,
    quota: f64,
) -> (stockland::instance::Instance, String) {
    let mut text = std::fs::read_to_string(repo().join("instances/tiny/linkage.toml")).unwrap();
    for (i, id) in ["V1", "V2", "V3"].iter().enumerate() {
        let start = text.find(&format!("id = \"{id}\"")).unwrap();
        let end = text[start..].find("[[").map_or(text.len(), |e| start + e);
        let block = text[start..end].to_string();
        let mut b = block.clone();
        for key in ["reclaimable_share", "arable_grade", "population"] {
            let ks = b.find(&format!("{key} = ")).unwrap();
            let ke = ks + b[ks..].find('\n').unwrap();
            let v = match key {
                "reclaimable_share" => format!("{key} = {}", shares[i]),
                "arable_grade" => format!("{key} = {}", grades[i]),
                _ => format!("{key} = {:.1}", pops[i]),
            };
            b.replace_range(ks..ke, &v);
        }
        text = text.replacen(&block, &b, 1);
    }
    text = text.replacen(
        "value_market = 100.0",
        &format!("value_market = {:.3}", values[0]),
        1,
    );
    text = text.replacen(
        "value_market = 90.0",
        &format!("value_market = {:.3}", values[1]),
        1,
    );
    text = text.replacen("length_km = 30.0", &format!("length_km = {link_km:.3}"), 1);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("i.toml");
    std::fs::write(&p, text).unwrap();
    let inst = stockland::files::load_instance(&p).unwrap();
    let model = std::fs::read_to_string(repo().join("models/tiny-linkage-resettlement.toml"))
        .unwrap()
        .replace("max_km2 = 0.5", &format!("max_km2 = {quota:.3}"))
        .replace("quality_level = \"off\"", "quality_level = \"site\"")
        .replace(
            "same_district = true",
            "same_district = true\nfixed_project_cost = 2.0\nmin_project_km2 = 0.05",
        );
    (inst, model)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn random_networks_check_and_the_lp_relaxation_bounds_the_whole_unit_optimum(
        shares in prop::array::uniform3(0.05..1.0f64),
        grades in prop::array::uniform3(1..16i64),
        pops in prop::array::uniform3(0.0..8000.0f64),
        values in prop::array::uniform2(20.0..150.0f64),
        link_km in 5.0..60.0f64,
        quota in 0.0..2.0f64,
    ) {
        let (inst, text) = random_network(shares, grades, pops, values, link_km, quota);
        let lp = model_from(&text);
        // solve_checked fails on any violation or objective mismatch: flows on allowed
        // pairings only, balances, resettlement, objective recomputed = reported
        let r = solve_checked(&inst, &lp);
        prop_assert_eq!(&r.solution.status, &Status::Optimal);
        let mut whole = lp.clone();
        whole.whole_unit.enabled = true;
        let w = solve_with(&inst, &whole, &SolveOptions { method: Method::Simplex, mip_rel_gap: Some(0.0), ..Default::default() });
        if let Some(wo) = w.solution.objective {
            let lo = r.solution.objective.unwrap();
            prop_assert!(wo <= lo + 1e-6 * lo.abs().max(1.0), "whole-unit {} above its LP relaxation {}", wo, lo);
        }
    }
}

/// The built-in model with the linkage pooled by transport node.
fn pooled(text: &str) -> String {
    assert!(text.contains("same_district = true\n"));
    text.replacen(
        "same_district = true\n",
        "same_district = true\npool = \"node\"\n",
        1,
    )
}

#[test]
fn pooling_by_node_is_exact_on_beijing_and_cuts_the_pairings() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let plain = stockland::cases::beijing::model().unwrap();
    let pool = model_from(&pooled(stockland::cases::beijing::MODEL));
    let (a, b) = (solve_checked(&inst, &plain), solve_checked(&inst, &pool));
    let (x, y) = (a.solution.objective.unwrap(), b.solution.objective.unwrap());
    assert!((x - y).abs() <= 1e-9 * x.abs(), "{x} unpooled, {y} pooled");
    let (na, nb) = (a.network.unwrap(), b.network.unwrap());
    let p = nb.pooled.expect("units share nodes and grades");
    assert!(na.pooled.is_none());
    assert_eq!(p.pairings, na.edges, "the pools stand for every pairing");
    assert!(
        nb.edges * 3 < na.edges * 2,
        "{} against {}",
        nb.edges,
        na.edges
    );
    assert!(b.size.columns < a.size.columns);
    // the pooled rows carry the pool's name and prices; the plan is per unit again
    assert!(b
        .solution
        .rows
        .iter()
        .any(|r| r.name.starts_with("linkage_balance[pool:town:")));
    assert!(b
        .solution
        .allocation
        .flows
        .iter()
        .all(|f| f.quota_km2 >= 0.0));
    let quota = |r: &stockland::run::Run| -> f64 {
        r.solution
            .allocation
            .flows
            .iter()
            .map(|f| f.quota_km2)
            .sum()
    };
    assert!(quota(&b) > 1.0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, .. ProptestConfig::default() })]

    /// On the 1/20 miniature with random reclamation costs, grades and transfer costs,
    /// pooling changes neither the optimum nor the check's verdict.
    #[test]
    fn pooled_and_unpooled_linkage_reach_the_same_optimum(
        factors in prop::collection::vec(0.5..1.5f64, 16),
        grades in prop::collection::vec(1u8..16, 16),
        transfer in 0.5..20.0f64,
        quality in prop::sample::select(vec!["site", "district", "city", "off"]),
    ) {
        let mut inst = instance("instances/family/m20");
        let k = crate::util::builtin("arable").index();
        for (i, u) in inst.units.iter_mut().enumerate() {
            if let Some(e) = u.uses[k].as_mut() {
                e.cost *= factors[i % factors.len()];
            }
            // few grades per node, so that pools form and differ
            u.arable_grade = grades[i % grades.len()] % 3 + 5;
        }
        let text = std::fs::read_to_string(repo().join("instances/family/models/m20-plan.toml"))
            .unwrap()
            .replace("transfer_cost_per_km2_km = 5.0", &format!("transfer_cost_per_km2_km = {transfer}"))
            .replace("quality_level = \"site\"", &format!("quality_level = \"{quality}\""));
        let plain = model_from(&text);
        let pool = model_from(&pooled(&text));
        let (a, b) = (solve_checked(&inst, &plain), solve_checked(&inst, &pool));
        prop_assert!(b.network.unwrap().pooled.is_some(), "units pool");
        prop_assert_eq!(&a.solution.status, &b.solution.status);
        if let (Some(x), Some(y)) = (a.solution.objective, b.solution.objective) {
            prop_assert!((x - y).abs() <= 1e-7 * x.abs().max(1.0), "{} unpooled, {} pooled", x, y);
        }
    }
}

#[test]
fn pooling_is_refused_where_a_pairing_or_a_unit_s_quota_must_stay_apart() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let text = pooled(stockland::cases::beijing::MODEL);
    let binaries = text.replacen(
        "pool = \"node\"\n",
        "pool = \"node\"\nfixed_project_cost = 10.0\n",
        1,
    );
    refused(&binaries, &inst, "rules.linkage_balance", "pool");
    let quota = format!(
        "{text}\n[rules.linear]\nrules = [{{ id = \"q\", relation = \"<=\", bound = 5.0, terms = [{{ amount = \"quota\", districts = [\"miyun\"] }}] }}]\n"
    );
    refused(&quota, &inst, "rules.linear", "rules[0].terms[0].amount");
}

/// The model `text` is refused on `inst`, naming `record` and `field`.
fn refused(text: &str, inst: &stockland::instance::Instance, record: &str, field: &str) {
    let err = model_from(text).validate("m.toml", Some(inst)).unwrap_err();
    let stockland::Error::Input(p) = err else {
        panic!()
    };
    assert!(
        p.0.iter().any(|p| p.record == record && p.field == field),
        "{p}"
    );
}
