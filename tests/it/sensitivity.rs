//! Sensitivity from the solver, checked against independent re-solves: ranging intervals
//! (the objective at each end equals a re-solve there), reduced costs (forcing a column by a
//! little changes the objective by its reduced cost), one-sided prices (equal to re-solving a
//! fresh model with the bound moved), and prices after a MIP (those of the LP with the
//! binaries fixed).

use crate::util::*;
use stockland::policy::{RowRef, RuleId};
use stockland::programme::{build, RowName};
use stockland::solve::{Method, Session, SolveOptions};

fn simplex() -> SolveOptions {
    SolveOptions {
        method: Method::Simplex,
        ..Default::default()
    }
}

#[test]
fn the_objective_at_each_end_of_a_range_is_what_a_re_solve_there_gives() {
    for (inst_file, model_file) in [
        (
            "instances/tiny/two-units.toml",
            "models/tiny-two-units.toml",
        ),
        ("instances/tiny/reclaim.toml", "models/tiny-reclaim.toml"),
        (
            "instances/tiny/linkage.toml",
            "models/tiny-linkage-quality.toml",
        ),
    ] {
        let (i, m) = (instance(inst_file), model(model_file));
        let p = build(&i, &m);
        let mut session = Session::open(&p, &simplex()).unwrap();
        let out = session.run().unwrap();
        let ranging = session.ranging().unwrap();
        let rows =
            stockland::run::sensitivity::analyse(&p, &mut session, &out, &ranging, |_| false)
                .unwrap();
        let act = p.activities(&out.col_values);
        let mut checked = 0;
        for (r, s) in rows.iter().enumerate() {
            let (Some([lo, hi]), Some([olo, ohi])) = (s.range, s.range_objective) else {
                continue;
            };
            let (l, u, off) = (p.row_lower()[r], p.row_upper()[r], p.row_offset()[r]);
            let at_upper = u.is_finite() && (act[r] - u).abs() < 1e-9 * u.abs().max(1.0);
            for (end, want) in [(lo, olo), (hi, ohi)] {
                if !end.is_finite() || !want.is_finite() {
                    continue;
                }
                // the row's active bound moved to the end of its range, solved from scratch
                let mut q = p.clone();
                let b = end - off;
                if l == u {
                    q.set_row_bounds(r, b, b).unwrap();
                } else if at_upper {
                    q.set_row_bounds(r, l, b).unwrap();
                } else {
                    q.set_row_bounds(r, b, u).unwrap();
                }
                let got = Session::open(&q, &simplex()).unwrap().run().unwrap();
                let what = format!("{inst_file}: row {r} moved to {end}");
                assert_close(
                    got.objective.unwrap(),
                    want,
                    1e-6 * want.abs().max(1.0),
                    &what,
                );
                checked += 1;
            }
        }
        assert!(
            checked >= 4,
            "{inst_file}: only {checked} range ends checked"
        );
    }
}

#[test]
fn a_reduced_cost_is_what_forcing_the_column_costs() {
    let (i, m) = (instance("instances/tiny/mixed.toml"), model_from(
        "schema_version = 1\nname = \"x\"\n[rules.unit_capacity]\n[rules.site_capacity]\n[rules.supply_cap]\nmax_km2 = 5.0\n",
    ));
    let r = solve_checked(&i, &m);
    let p = build(&i, &m);
    let base = r.solution.objective.unwrap();
    let eps = 1e-3;
    let mut checked = 0;
    for c in &r.solution.columns {
        let j = c.column as usize;
        let rc = c.reduced_cost.unwrap();
        if rc < -1e-6 && p.col_upper()[j] > eps {
            let mut s = Session::open(&p, &simplex()).unwrap();
            s.set_col_bounds(j, eps, p.col_upper()[j]).unwrap();
            let (_, obj) = s.rerun().unwrap();
            assert_close(
                (obj.unwrap() - base) / eps,
                rc,
                1e-6 * rc.abs().max(1.0),
                "reduced cost",
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} columns checked");
}

#[test]
fn one_sided_prices_are_what_moving_the_bound_in_a_fresh_model_gives() {
    let inst = stockland::cases::beijing::instance().unwrap();
    let m = stockland::cases::beijing::model().unwrap();
    let r = solve_checked(&inst, &m);
    let base = r.solution.objective.unwrap();
    let row = r
        .solution
        .rows
        .iter()
        .find(|x| x.row == Some(RowRef::whole(RuleId::SupplyCap)))
        .unwrap();
    let s = row.sensitivity.unwrap();
    assert_eq!(
        s.degenerate,
        Some(true),
        "supply_cap binds together with others"
    );
    for (cap, side) in [
        (400.01, s.price_up.unwrap()),
        (399.99, s.price_down.unwrap()),
    ] {
        let mut moved = m.clone();
        moved.rules.supply_cap.as_mut().unwrap().max_km2 = cap;
        let o = solve_checked(&inst, &moved).solution.objective.unwrap();
        let fd = (o - base) / (cap - 400.0);
        // both are secants over 0.01 km², solved to HiGHS's tolerances
        assert_close(fd, side, 0.5, &format!("supply_cap at {cap}"));
    }
    assert!(
        s.price_down > s.price_up,
        "the value function is concave in the cap"
    );
}

#[test]
fn prices_after_a_whole_unit_solve_are_those_of_the_lp_with_the_binaries_fixed() {
    let i = instance("instances/tiny/linkage.toml");
    let mut m = model("models/tiny-linkage.toml");
    m.whole_unit.enabled = true;
    let r = solve_checked(&i, &m);
    assert!(r.solution.prices_conditional);
    let quota = r
        .solution
        .rows
        .iter()
        .find(|x| x.row == Some(RowRef::whole(RuleId::NewConstructionQuota)))
        .unwrap();
    // with V1 and V3 withdrawn whole, one more km² of quota is still worth 80 at S1
    assert_close(
        quota.shadow_price.unwrap(),
        80.0,
        1e-6,
        "new_construction_quota",
    );
    // the same LP by hand: the programme with its binaries fixed at the MIP's values
    let p = build(&i, &m);
    let mut s = Session::open(&p, &simplex()).unwrap();
    let mip = s.run().unwrap();
    for (j, &int) in p.col_integer().iter().enumerate() {
        if int {
            let v = mip.col_values[j].round();
            s.set_col_bounds(j, v, v).unwrap();
        }
    }
    s.relax_integrality().unwrap();
    let lp = s.run().unwrap();
    let k = p
        .rows()
        .iter()
        .position(|n| *n == RowName::Rule(RowRef::whole(RuleId::NewConstructionQuota)))
        .unwrap();
    assert_close(
        lp.row_duals.unwrap()[k],
        quota.shadow_price.unwrap(),
        1e-9,
        "same LP",
    );
}
