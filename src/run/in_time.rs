//! Reaching the optimum of a programme with years faster than a cold solve: most of a
//! decision's later-year columns stay at zero, so they are held at zero until the prices
//! ask for them.
//!
//! 1. Solve the one-period programme of the same model (no years, no rule stated by year):
//!    its decisions that are done at all are the *support*.
//! 2. Hold every later-year column of a decision outside the support at 0 (HiGHS's
//!    presolve takes them out) and solve.
//! 3. Price every held column at the answer's prices: one whose reduced profit is positive
//!    is released (its bound back to [0, ∞)), and the programme is solved again from the
//!    last basis. When none is positive, the answer with every held column at 0 meets the
//!    whole programme's optimality conditions: it is the optimum, not an approximation.
//!    The bounds are restored and the session solved once more (no iteration), so that
//!    ranging and the re-solves of the sensitivity analysis see the whole programme.
//!
//! A held programme that comes out infeasible (the annual rules need decisions the one
//! period does not use) releases every column and solves the whole. Measured in
//! docs/performance.md (Years).

use super::Prepared;
use crate::error::Result;
use crate::programme::ColumnKey;
use crate::solution::Outcome;
use crate::solve::{Session, SolveOptions};
use std::collections::HashSet;

/// Reduced profit above which a held column is released.
const TOL: f64 = 1e-7;

/// How the optimum was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InTime {
    /// Later-year columns held at zero at first.
    pub held: usize,
    /// Of those, released by their prices.
    pub released: usize,
    /// Solves of the programme with years (the first, and one per round of releases).
    pub rounds: usize,
    /// Whether the held programme was infeasible and the whole was solved instead.
    pub fell_back: bool,
}

/// Whether `run` applies: HiGHS on an LP with years.
pub fn applies(prepared: &Prepared<'_>, options: &SolveOptions) -> bool {
    options.backend == crate::solve::Backend::Highs
        && !options.sifting
        && prepared.model.phased_years().is_some()
        && !prepared.programme.col_integer.iter().any(|&b| b)
}

/// Solve `session` (holding `prepared`'s programme) to its optimum as the module says.
pub fn run(
    prepared: &Prepared<'_>,
    options: &SolveOptions,
    session: &mut Session,
) -> Result<(Outcome, InTime)> {
    let p = &prepared.programme;
    let mut stats = InTime::default();
    let (support, mut seconds, mut iterations) = support(prepared, options)?;
    let Some(support) = support else {
        stats.rounds = 1;
        return Ok((session.run()?, stats));
    };
    // every run's time and iterations, the one period's included, count for the answer
    let mut tally = |out: Outcome| -> Outcome {
        seconds += out.solve_seconds;
        iterations += out.simplex_iterations.unwrap_or(0);
        Outcome {
            solve_seconds: seconds,
            simplex_iterations: Some(iterations),
            ..out
        }
    };
    let mut held: Vec<usize> = (0..p.num_cols())
        .filter(|&j| match p.columns[j] {
            ColumnKey::Year { column, .. } => !support.contains(&p.columns[column as usize]),
            _ => false,
        })
        .collect();
    stats.held = held.len();
    for &j in &held {
        session.set_col_bounds(j, 0.0, 0.0)?;
    }
    let release = |session: &mut Session, cols: &[usize]| -> Result<()> {
        for &j in cols {
            session.set_col_bounds(j, p.col_lower[j], p.col_upper[j])?;
        }
        Ok(())
    };
    loop {
        let out = tally(session.run()?);
        stats.rounds += 1;
        if !out.status.has_solution() {
            // the annual rules need more than the one period's decisions: solve the whole
            release(session, &held)?;
            stats.fell_back = true;
            stats.rounds += 1;
            return Ok((tally(session.run()?), stats));
        }
        let Some(d) = out.col_duals.as_ref() else {
            release(session, &held)?;
            stats.rounds += 1;
            return Ok((tally(session.run()?), stats));
        };
        let (free, keep): (Vec<usize>, Vec<usize>) = held.iter().partition(|&&j| d[j] > TOL);
        if free.is_empty() {
            // optimal for the whole: restore the bounds (the basis stays optimal)
            release(session, &held)?;
            return Ok((tally(session.run()?), stats));
        }
        stats.released += free.len();
        release(session, &free)?;
        held = keep;
    }
}

/// The decisions the one-period programme of the same model does at all (`None` when it
/// has no optimum to read them from).
/// With the seconds and simplex iterations it took.
fn support(
    prepared: &Prepared<'_>,
    options: &SolveOptions,
) -> Result<(Option<HashSet<ColumnKey>>, f64, i64)> {
    let mut period = prepared.model.clone();
    period.years = None;
    period.rules.supplement_first = None;
    period.rules.turnover_quota = None;
    period.rules.annual_plan = None;
    let programme =
        crate::programme::build_with(prepared.instance, &period, prepared.network.as_deref());
    let options = SolveOptions {
        sensitivity: false,
        ..options.clone()
    };
    let out = crate::solve::solve(&programme, &options)?;
    let spent = (out.solve_seconds, out.simplex_iterations.unwrap_or(0));
    if !out.status.has_solution() {
        return Ok((None, spent.0, spent.1));
    }
    let support = programme
        .columns
        .iter()
        .zip(&out.col_values)
        .filter(|(_, &v)| v > 1e-9)
        .map(|(k, _)| *k)
        .collect();
    Ok((Some(support), spent.0, spent.1))
}
