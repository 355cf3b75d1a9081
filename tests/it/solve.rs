//! Solving the hand-derived tiny instances and the Beijing case, every solve checked
//! independently.

use crate::util::*;
use stockland::check::check;

use stockland::solve::{Backend, Method, SolveOptions, Status};

#[test]
fn tiny_two_units_optimum_and_prices_match_the_hand_derivation() {
    let inst = instance("instances/tiny/two-units.toml");
    let m = model("models/tiny-two-units.toml");
    for method in [Method::Simplex, Method::Ipm] {
        let r = solve_with(
            &inst,
            &m,
            &SolveOptions {
                method,
                ..Default::default()
            },
        );
        assert_eq!(r.solution.status, Status::Optimal);
        assert_close(r.solution.objective.unwrap(), 31.0, 1e-7, "objective");
        let a = &r.solution.allocation;
        assert_close(
            a.units[0][crate::util::builtin("market").index()],
            2.0,
            1e-7,
            "x[U1,market]",
        );
        assert_close(
            a.units[1][crate::util::builtin("ecological").index()],
            2.0,
            1e-7,
            "x[U2,ecological]",
        );
        assert_close(
            a.units[1][crate::util::builtin("market").index()],
            0.0,
            1e-7,
            "x[U2,market]",
        );
        assert_close(
            a.sites[0][crate::util::builtin("market").index()],
            3.0,
            1e-7,
            "y[S1,market]",
        );
        let s = &r.solution;
        assert_close(
            s.shadow_price("supply_cap").unwrap(),
            5.0,
            1e-7,
            "supply_cap price",
        );
        assert_close(
            s.shadow_price("stock_target[z]").unwrap(),
            1.0,
            1e-7,
            "stock_target price",
        );
        assert_close(
            s.shadow_price("unit_capacity[U1]").unwrap(),
            1.0,
            1e-7,
            "unit_capacity[U1] price",
        );
        assert_close(
            s.shadow_price("site_capacity[S1]").unwrap(),
            0.0,
            1e-7,
            "site_capacity[S1] price",
        );
    }
}

#[test]
fn areas_in_hectares_and_mu_give_the_same_optimum() {
    let m = model("models/tiny-two-units.toml");
    let km2 = instance("instances/tiny/two-units.toml");
    let ha = instance("instances/tiny/two-units-ha.toml");
    assert_close(ha.units[1].area_km2, 3.0, 1e-12, "4,500 mu");
    assert_close(ha.region.baseline.arable_km2, 50.0, 1e-12, "5,000 ha");
    let a = solve_checked(&km2, &m).solution.objective.unwrap();
    let b = solve_checked(&ha, &m).solution.objective.unwrap();
    assert_close(a, b, 1e-9, "objective km² vs ha/mu");
}

#[test]
fn tiny_reclaim_optimum_and_prices_match_the_hand_derivation() {
    let inst = instance("instances/tiny/reclaim.toml");
    let m = model("models/tiny-reclaim.toml");
    let r = solve_checked(&inst, &m);
    assert_close(r.solution.objective.unwrap(), 35.4, 1e-7, "objective");
    let a = &r.solution.allocation;
    assert_close(
        a.units[0][crate::util::builtin("arable").index()],
        0.7,
        1e-7,
        "reclaimed",
    );
    assert_close(
        a.units[0][crate::util::builtin("market").index()],
        0.3,
        1e-7,
        "market",
    );
    assert_close(a.projects[0], 0.3, 1e-7, "consolidated");
    assert_close(
        a.sites[0][crate::util::builtin("market").index()],
        2.0,
        1e-7,
        "site",
    );
    assert_close(
        r.solution.shadow_price("arable_floor").unwrap(),
        -20.0,
        1e-7,
        "arable_floor price",
    );
    assert_close(
        r.solution.shadow_price("site_capacity[S1]").unwrap(),
        10.0,
        1e-7,
        "site price",
    );
    let floor = r.check.as_ref().unwrap().line("arable_floor").unwrap();
    assert!(floor.binding);
    assert_close(floor.value, 50.0, 1e-7, "arable at period end");
}

#[test]
fn an_infeasible_model_is_an_outcome_with_the_conflicting_rule_named() {
    let inst = instance("instances/tiny/two-units.toml");
    let m = model("models/tiny-infeasible.toml");
    let r = solve_checked(&inst, &m);
    assert_eq!(r.solution.status, Status::Infeasible);
    assert!(r.check.is_none());
    let conflicts = r.conflicts.expect("an infeasible model is diagnosed");
    // Two least-give relaxations exist (1 km² more supply, or 1 km² less stock target);
    // either is a right answer, and the total give is 1 km².
    assert!(!conflicts.is_empty());
    for c in &conflicts {
        assert!(
            c.name == "supply_cap" || c.name == "stock_target[z]",
            "{conflicts:?}"
        );
    }
    let total: f64 = conflicts.iter().map(|c| c.violation).sum();
    assert_close(total, 1.0, 1e-7, "total give");
}

#[test]
fn microlp_agrees_with_highs_on_the_tiny_instances() {
    for (i, m) in [
        (
            "instances/tiny/two-units.toml",
            "models/tiny-two-units.toml",
        ),
        ("instances/tiny/reclaim.toml", "models/tiny-reclaim.toml"),
    ] {
        let inst = instance(i);
        let m = model(m);
        let h = solve_checked(&inst, &m);
        let o = SolveOptions {
            backend: Backend::Microlp,
            ..Default::default()
        };
        let mi = solve_with(&inst, &m, &o);
        assert_eq!(mi.solution.status, Status::Optimal);
        assert!(mi.check.as_ref().unwrap().passed());
        assert_close(
            h.solution.objective.unwrap(),
            mi.solution.objective.unwrap(),
            1e-6,
            i,
        );
    }
}

#[test]
fn the_check_catches_an_allocation_that_breaks_a_rule_or_misreports_the_objective() {
    let inst = instance("instances/tiny/two-units.toml");
    let m = model("models/tiny-two-units.toml");
    let r = solve_checked(&inst, &m);
    let mut a = r.solution.allocation.clone();
    // one more km² at the site: breaks the supply cap
    a.sites[0][crate::util::builtin("market").index()] += 1.0;
    let c = check(&inst, &m, &a, None);
    assert!(!c.passed());
    assert!(
        c.failures
            .iter()
            .any(|f| f.message.starts_with("supply_cap")
                && f.row
                    .is_some_and(|r| r.rule == stockland::policy::RuleId::SupplyCap)),
        "{:?}",
        c.failures
    );
    // an allocation to a use the unit does not offer
    let mut a = r.solution.allocation.clone();
    a.units[0][crate::util::builtin("arable").index()] = 0.1;
    a.units[0][crate::util::builtin("market").index()] -= 0.1;
    let c = check(&inst, &m, &a, None);
    assert!(
        c.failures
            .iter()
            .any(|f| f.message.contains("does not offer")),
        "{:?}",
        c.failures
    );
    // the right allocation with a wrong objective
    let c = check(&inst, &m, &r.solution.allocation, Some(30.0));
    assert!(
        c.failures
            .iter()
            .any(|f| f.message.starts_with("objective")),
        "{:?}",
        c.failures
    );
}

#[test]
fn beijing_meets_every_seed_target_with_prices() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let m = stockland::cases::beijing::model().unwrap();
    let r = solve_with(&inst, &m, &SolveOptions::default());
    assert_eq!(r.solution.status, Status::Optimal);
    let c = r.check.as_ref().unwrap();
    assert!(c.passed());
    let line = |n: &str| c.line(n).unwrap_or_else(|| panic!("no line {n}"));
    for (zone, target) in [
        ("extension", 55.0),
        ("new_development", 106.0),
        ("ecological", 39.0),
    ] {
        // the plan states whole km²: within half a km² of the target
        assert_close(
            line(&format!("stock_target[{zone}]")).value,
            target,
            0.5 + 1e-6,
            zone,
        );
    }
    let agg = &c.aggregates;
    let supply = agg.stock_construction + agg.new_construction;
    assert!(supply <= 400.0 + 1e-6);
    // linkage quota comes from reclaimed stock: it counts as stock, and not against the
    // new-construction quota
    let linkage: f64 = r
        .solution
        .allocation
        .flows
        .iter()
        .map(|f| f.quota_km2)
        .sum();
    assert!(linkage > 1.0, "the linkage has work to do: {linkage} km²");
    assert!(agg.stock_construction + linkage >= 0.5 * supply - 1e-6);
    assert!(agg.new_construction - linkage <= 200.0 + 1e-6);
    assert!(
        agg.new_construction > 200.0,
        "demand for new construction exceeds the quota"
    );
    // every project area within one district (the 138号 reading), so within one zone
    let district_of = |id: &str| {
        inst.units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.district)
            .or_else(|| inst.sites.iter().find(|s| s.id == id).map(|s| s.district))
            .unwrap()
    };
    for a in &r.project_areas {
        let d = district_of(&a.units[0]);
        assert!(
            a.units
                .iter()
                .chain(&a.sites)
                .all(|id| district_of(id) == d),
            "project area {} spans districts",
            a.id
        );
    }
    for (i, share) in [0.32, 0.28, 0.40].into_iter().enumerate() {
        let s = (agg.stock_by_group[i] + agg.new_by_group[i]) / supply;
        assert!((s - share).abs() <= 0.02 + 1e-6, "mix {i}: {s}");
    }
    let res = agg.stock_by_group[0] + agg.new_by_group[0];
    assert!(agg.affordable >= 0.5 * res - 1e-6);
    let acc = &c.accounts;
    assert!(acc.arable >= 2205.0 - 1e-6);
    assert!(acc.basic_farmland >= 1867.0 - 1e-6);
    assert!(acc.construction <= 3614.0 + 1e-6);
    assert!(acc.non_construction_share >= 0.77);
    assert!(acc.town <= 1550.0 + 1e-6);
    assert!(line("ecological_zone[ecological]").value <= 1e-6);
    // Land is scarce: several city-wide or zone rules bind with a price.
    let priced: Vec<_> = r
        .solution
        .rows
        .iter()
        .filter(|row| {
            row.rule.is_some()
                && !row.name.starts_with("unit_capacity")
                && !row.name.starts_with("site_capacity")
        })
        .filter(|row| row.shadow_price.is_some_and(|p| p.abs() > 1e-3))
        .collect();
    assert!(priced.len() >= 5, "only {} rules priced", priced.len());
    // Each priced row is binding in the check (rows of a pairing u>s that carries no flow
    // have no line: the check recomputes the flows there are, not every pairing).
    for row in priced {
        if row.name.contains('>') && c.line(&row.name).is_none() {
            continue;
        }
        assert!(
            line(&row.name).binding,
            "{} priced but not binding",
            row.name
        );
    }
}

#[test]
fn beijing_simplex_and_ipm_reach_the_same_optimum() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let m = stockland::cases::beijing::model().unwrap();
    let a = solve_with(
        &inst,
        &m,
        &SolveOptions {
            method: Method::Simplex,
            ..Default::default()
        },
    );
    let b = solve_with(
        &inst,
        &m,
        &SolveOptions {
            method: Method::Ipm,
            ..Default::default()
        },
    );
    let (a, b) = (a.solution.objective.unwrap(), b.solution.objective.unwrap());
    assert_close(a, b, 1e-6 * a.abs(), "simplex vs ipm");
}

#[test]
fn regenerating_beijing_reproduces_the_committed_files_byte_for_byte() {
    let g = stockland::cases::beijing::generate::beijing(
        stockland::cases::beijing::generate::DEFAULT_SEED,
    )
    .unwrap();
    let dir = repo().join("instances/beijing-2011-2015");
    for (name, text) in [
        ("instance.toml", &g.manifest),
        ("units.csv", &g.units_csv),
        ("sites.csv", &g.sites_csv),
        ("projects.csv", &g.projects_csv),
    ] {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(
            committed == *text,
            "{name} differs from what the generator makes with the default seed"
        );
    }
}

#[test]
fn beijing_is_calibrated_as_documented() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let stock = inst.stock_area_by_zone();
    for (zone, target) in [
        ("extension", 55.0),
        ("new_development", 106.0),
        ("ecological", 39.0),
    ] {
        let z = inst.zone_index(zone).unwrap();
        let ratio = stock[z] / target;
        assert!(
            (2.0..=3.0).contains(&ratio),
            "{zone}: candidates {:.1} km² = {ratio:.2}× target",
            stock[z]
        );
    }
    assert!(
        inst.units.len() >= 1000,
        "village scale: thousands of units"
    );
    assert!((100..=1000).contains(&inst.sites.len()));
    let capacity: f64 = inst.sites.iter().map(|s| s.capacity_km2).sum();
    assert!(
        capacity > 200.0,
        "demand for new construction exceeds the 200 km² quota"
    );
    // district accounts add up to the city's (also enforced on load)
    let sum: f64 = inst
        .districts
        .iter()
        .map(|d| d.baseline.unwrap().construction_km2)
        .sum();
    assert_close(sum, 3414.0, 1e-6, "construction");
    // no district's candidates exceed its construction land
    for (di, d) in inst.districts.iter().enumerate() {
        let cand: f64 = inst
            .units
            .iter()
            .filter(|u| u.district == di)
            .map(|u| u.area_km2)
            .sum();
        assert!(cand <= d.baseline.unwrap().construction_km2, "{}", d.id);
    }
}

#[test]
fn the_documented_figures_of_the_beijing_instance_are_computed_from_it() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let readme = std::fs::read_to_string(repo().join("docs/reference/instance.md"))
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let sites: f64 = inst.sites.iter().map(|s| s.capacity_km2).sum();
    let projects: f64 = inst.projects.iter().map(|p| p.capacity_km2).sum();
    for (what, v, n) in [
        ("receiving sites", sites, inst.sites.len()),
        ("consolidation projects", projects, inst.projects.len()),
    ] {
        let figure = format!("all {n} {what} ({v:.2} km²");
        assert!(
            readme.contains(&figure),
            "docs/reference/instance.md does not say `{figure}`"
        );
    }
}

#[test]
fn issue_22_a_session_refuses_what_does_not_fit_its_model_with_an_error() {
    // safe code cannot build an inconsistent programme (its arrays are the crate's); what
    // it can hand a session that does not fit is refused with an error, not a crash
    use stockland::solve::Session;
    let inst = instance("instances/tiny/two-units.toml");
    let m = model("models/tiny-two-units.toml");
    let big = stockland::run::Prepared::prepare(&inst, &m, "m")
        .unwrap()
        .programme;
    let o = SolveOptions::default();
    let mut s = Session::open(&stockland::programme::Programme::default(), &o).unwrap();
    // columns whose entries name rows the empty model lacks
    let Err(e) = s.add_cols(&big) else {
        panic!("columns naming rows the model lacks were accepted")
    };
    assert!(e.to_string().contains("do not fit the model"), "{e}");
    let mut s = Session::open(&big, &o).unwrap();
    let n = big.num_cols();
    assert!(s.add_row(0.0, 1.0, &[(n + 3, 1.0)]).is_err());
    assert!(s.set_row_bounds(big.num_rows(), 0.0, 1.0).is_err());
    assert!(s.set_col_bounds(usize::MAX, 0.0, 1.0).is_err());
    assert!(s.add_empty_rows(&[0.0], &[]).is_err());
    // and the session still solves after the refusals
    assert!(s.run().unwrap().objective.is_some());
}
