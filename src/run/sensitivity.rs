//! Sensitivity of an LP optimum, from the solver: each row's price with the interval of its
//! bound over which the price holds (HiGHS ranging) and the objective at both ends, and
//! both one-sided prices of every binding row.
//!
//! **One-sided prices.** Where the optimum is degenerate the dual is not unique: "what one
//! more km² of a bound is worth" (`price_up`) can differ from "what one less costs"
//! (`price_down`). Both are d(objective)/d(bound), in million yuan per km², the first for
//! moving the bound up, the second for moving it down. Where ranging shows the basis holds
//! on a side (the interval reaches beyond the bound), that side's price is the dual; where
//! the interval ends at the bound, the side is found by re-solving from the optimal basis
//! with the bound moved by [`STEP_KM2`] (for the rows the caller asks for: the engine asks
//! for every region-, zone- and district-level row; a side of a row per unit, site or
//! pairing that ranging cannot tell stays unmeasured). A row whose two sides differ is
//! marked degenerate, and no single number is its price; a side with no feasible plan is
//! marked infeasible.

use crate::error::Result;
use crate::programme::{Aggregation, AggregationSummary, Programme};
use crate::solution::{Outcome, RangeEnd, Ranging, RowSensitivity};
use crate::solve::Session;

/// The step of a re-solve that measures a one-sided price, km² of the bound.
pub const STEP_KM2: f64 = 0.01;

/// Feasibility tolerance on row activities: the check's.
use crate::check::tolerance as tol;

/// The bounds [lo, hi] with the active one (both, for an equality) moved by `step`.
fn moved_bounds(lo: f64, hi: f64, at_hi: bool, step: f64) -> (f64, f64) {
    if lo == hi {
        (lo + step, hi + step)
    } else if at_hi {
        (lo, hi + step)
    } else {
        (lo + step, hi)
    }
}

/// Sensitivity of every row of `p` after `outcome`, the LP optimum in `session` whose
/// ranging is `ranging` (read once, before any re-solve changes the basis).
/// `resolve(r)` says whether row `r`'s degenerate sides are measured by re-solves (otherwise
/// they are left unknown).
pub fn analyse(
    p: &Programme,
    session: &mut Session,
    outcome: &Outcome,
    ranging: &Ranging,
    resolve: impl Fn(usize) -> bool,
) -> Result<Vec<RowSensitivity>> {
    let (Some(duals), Some(obj)) = (&outcome.row_duals, outcome.objective) else {
        return Ok(Vec::new());
    };
    session.warm_simplex()?;
    let activity = p.activities(&outcome.col_values);
    let mut out = Vec::with_capacity(p.num_rows());
    for r in 0..p.num_rows() {
        let (lo, hi, act, off) = (p.row_lower[r], p.row_upper[r], activity[r], p.row_offset[r]);
        let at_hi = hi.is_finite() && (act - hi).abs() <= tol(hi);
        let at_lo = lo.is_finite() && (act - lo).abs() <= tol(lo);
        if !(at_hi || at_lo) || p.row_penalty[r].is_some() {
            out.push(RowSensitivity::default());
            continue;
        }
        let bound = if at_hi { hi } else { lo };
        let (up, down) = (ranging.row_up[r], ranging.row_down[r]);
        let dual = duals[r];
        let side = |end: RangeEnd, dir: f64| -> Option<f64> {
            // the basis holds on this side when the interval reaches beyond the bound
            ((end.value - bound) * dir > tol(bound)).then_some(dual)
        };
        let mut s = RowSensitivity {
            binding: true,
            price_up: side(up, 1.0),
            price_down: side(down, -1.0),
            infeasible_up: false,
            infeasible_down: false,
            range: Some([down.value + off, up.value + off]),
            range_objective: Some([down.objective, up.objective]),
            degenerate: None,
            resolved: false,
        };
        if (s.price_up.is_none() || s.price_down.is_none()) && resolve(r) {
            for dir in [1.0, -1.0] {
                let known = if dir > 0.0 { s.price_up } else { s.price_down };
                if known.is_some() {
                    continue;
                }
                let step = dir * STEP_KM2;
                let (nlo, nhi) = moved_bounds(lo, hi, at_hi, step);
                session.set_row_bounds(r, nlo, nhi)?;
                let (_, moved) = session.rerun()?;
                session.set_row_bounds(r, lo, hi)?;
                // infeasible on this side: no price, and the side says so
                let price = moved.map(|m| (m - obj) / step);
                if dir > 0.0 {
                    s.price_up = price;
                    s.infeasible_up = price.is_none();
                } else {
                    s.price_down = price;
                    s.infeasible_down = price.is_none();
                }
            }
            s.resolved = true;
        }
        s.degenerate = match (s.price_up, s.price_down) {
            (Some(a), Some(b)) => Some((a - b).abs() > 1e-6 * a.abs().max(b.abs()).max(1.0)),
            // one side infeasible, the other priced: the sides differ
            _ if s.infeasible_up || s.infeasible_down => Some(true),
            _ => None,
        };
        out.push(s);
    }
    Ok(out)
}

/// Both one-sided prices of column `j` at its active bound (a locked decision), by
/// re-solving from the last basis with the bound moved by [`STEP_KM2`]: (up, down), `None`
/// where that side has no feasible plan or the column is at neither bound.
pub fn column_sides(
    p: &Programme,
    session: &mut Session,
    outcome: &Outcome,
    j: usize,
) -> Result<(Option<f64>, Option<f64>)> {
    let (Some(obj), Some(&x)) = (outcome.objective, outcome.col_values.get(j)) else {
        return Ok((None, None));
    };
    let (lo, hi) = (p.col_lower[j], p.col_upper[j]);
    let at_hi = hi.is_finite() && (x - hi).abs() <= tol(hi);
    let at_lo = (x - lo).abs() <= tol(lo);
    if !(at_hi || at_lo) {
        return Ok((Some(0.0), Some(0.0)));
    }
    session.warm_simplex()?;
    let mut sides = [None, None];
    for (i, dir) in [1.0, -1.0].into_iter().enumerate() {
        let step = dir * STEP_KM2;
        let (nlo, nhi) = moved_bounds(lo, hi, at_hi, step);
        if nlo < 0.0 {
            continue;
        }
        session.set_col_bounds(j, nlo, nhi)?;
        let (_, moved) = session.rerun()?;
        session.set_col_bounds(j, lo, hi)?;
        sides[i] = moved.map(|m| (m - obj) / step);
    }
    Ok((sides[0], sides[1]))
}

/// A solve of a prepared run, decoded: the solution, the seconds its sensitivity analysis
/// took, what aggregation did, and the scaling applied to the programme solved.
pub(super) struct Solved {
    pub solution: crate::solution::Solution,
    pub sensitivity_seconds: f64,
    pub aggregation: Option<AggregationSummary>,
    pub scaling: crate::solve::Exponents,
    /// Why `--method auto` chose sifting, when it did.
    pub choice: Option<String>,
}

/// Solve the prepared programme, then (HiGHS, when asked) analyse the sensitivity of the
/// optimum: after an LP its ranging and one-sided prices; after a MIP the same for the LP
/// with every binary fixed at its value (prices conditional on the chosen units, the usual
/// practice). With aggregation ([`Aggregation`]) the reduced programme is solved and
/// analysed and its answer split back; a grouped member's own rows and columns keep their
/// prices and reduced costs, not the group's ranges.
pub(super) fn solve(
    prepared: &super::Prepared<'_>,
    options: &crate::solve::SolveOptions,
    locked_columns: &[usize],
) -> Result<Solved> {
    use crate::programme::RowName;
    use crate::solution::round_off;
    use crate::solve::Backend;
    let whole = &prepared.programme;
    let in_time = super::in_time::applies(prepared, options);
    let agg = if options.aggregate && !in_time {
        Aggregation::of(prepared.instance, whole, locked_columns)
    } else {
        None
    };
    let summary = agg.as_ref().map(|a| a.summary);
    let programme = agg.as_ref().map_or(whole, |a| a.programme(whole));
    let scaling = options.scaling.exponents(programme);
    // a large LP is sifted when the algorithm is stockland's to choose
    let choice = crate::solve::sifting::auto_choice(programme, options);
    let sifted;
    let options = match choice {
        Some(_) => {
            sifted = crate::solve::SolveOptions {
                sifting: true,
                ..options.clone()
            };
            &sifted
        }
        None => options,
    };
    let done = |solution, sensitivity_seconds| Solved {
        solution,
        sensitivity_seconds,
        aggregation: summary,
        scaling,
        choice: choice.clone(),
    };
    let expand = |o: Outcome| match &agg {
        Some(a) => a.expand(o),
        None => o,
    };
    if options.backend != Backend::Highs || !options.sensitivity || options.sifting {
        let outcome = if in_time {
            let mut session = prepared.session(options)?;
            super::in_time::run(prepared, options, &mut session)?.0
        } else {
            expand(crate::solve::solve(programme, options)?)
        };
        return Ok(done(prepared.decode(outcome), 0.0));
    }
    let mut session = Session::open(programme, options)?;
    let outcome = if in_time {
        super::in_time::run(prepared, options, &mut session)?.0
    } else {
        session.run()?
    };
    let t0 = std::time::Instant::now();
    let mut solution = prepared.decode(expand(outcome.clone()));
    if !outcome.status.has_solution() {
        return Ok(done(solution, 0.0));
    }
    // region-, zone- and district-level rows get both sides measured; rows per unit, site or
    // pairing (thousands) keep what ranging tells
    let resolve = |r: usize| match programme.rows[r] {
        RowName::Rule(row) => !row.is_detail(),
        RowName::Lock(_) | RowName::Actual { .. } => true,
        RowName::Total(_) | RowName::Phase(_) => false,
    };
    let lp = if programme.col_integer.iter().any(|&b| b) {
        for (j, &int) in programme.col_integer.iter().enumerate() {
            if int {
                let v = outcome.col_values[j].round();
                session.set_col_bounds(j, v, v)?;
            }
        }
        session.relax_integrality()?;
        let lp = session.run()?;
        solution.prices_conditional = true;
        for (row, d) in solution.rows.iter_mut().zip(lp.row_duals.iter().flatten()) {
            row.shadow_price = Some(round_off(*d));
        }
        lp
    } else {
        outcome
    };
    if lp.row_duals.is_none() {
        return Ok(done(solution, t0.elapsed().as_secs_f64()));
    }
    // ranging once, before the re-solves below move the basis
    let ranging = session.ranging()?;
    let at = |j: usize| agg.as_ref().map_or(j, |a| a.column(j));
    if let Some(d) = &lp.col_duals {
        for c in solution.columns.iter_mut() {
            let j = c.column as usize;
            c.reduced_cost = Some(round_off(d[at(j)]));
            if agg.as_ref().is_some_and(|a| a.grouped_column(j)) {
                continue; // a member's cost range is not the group's
            }
            let (up, down) = (ranging.cost_up[at(j)], ranging.cost_down[at(j)]);
            c.ranging = Some(Box::new(crate::solution::CostRange {
                coefficient: [down.value, up.value],
                objective: [down.objective, up.objective],
            }));
        }
    }
    let mut rows = analyse(programme, &mut session, &lp, &ranging, resolve)?;
    if let Some(a) = &agg {
        rows = (0..whole.num_rows())
            .map(|r| {
                let mut s = rows[a.row(r)];
                if a.grouped_row(r) {
                    // the group's interval, not the member's
                    s.range = None;
                    s.range_objective = None;
                }
                s
            })
            .collect();
    }
    // locked columns: both sides by re-solving (a locked decision is often degenerate), for
    // the first MAX_PRICED_LOCKS of them (a completed plan locks thousands)
    let priced: std::collections::HashSet<usize> = locked_columns
        .iter()
        .copied()
        .take(super::MAX_PRICED_LOCKS)
        .collect();
    for c in &solution.columns {
        let j = c.column as usize;
        if priced.contains(&j) {
            let sides = column_sides(programme, &mut session, &lp, at(j))?;
            solution.column_sides.insert(c.column, sides);
        }
    }
    for ((row, s), name) in solution.rows.iter_mut().zip(rows).zip(&whole.rows) {
        // accounting-total definitions are identities, not rules: no sensitivity
        if s.binding && !matches!(name, RowName::Total(_)) {
            row.sensitivity = Some(s);
        }
    }
    Ok(done(solution, t0.elapsed().as_secs_f64()))
}
