//! Where each lock of a run lives in the programme, and its value and prices after the
//! solve. (Whether the allocation keeps the locks is the check's: [`crate::check::locks`].)

use crate::instance::Instance;
use crate::plan::Lock;
use crate::programme::LockPlace;
use crate::solution::Solution;
use serde::Serialize;

/// A locked decision after the solve.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LockResult {
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub value: f64,
    /// What one more km² of the lock is worth (d objective / d bound, moving it up) and what
    /// one less costs (moving it down); they differ where the optimum is degenerate.
    pub price_up: Option<f64>,
    pub price_down: Option<f64>,
}

/// How many locked columns get both one-sided prices measured by re-solves.
pub const MAX_PRICED_LOCKS: usize = 200;

/// The locked columns, in lock order (those whose prices are measured by re-solves).
pub(super) fn locked_columns(places: &[Option<LockPlace>]) -> Vec<usize> {
    places
        .iter()
        .filter_map(|x| match x {
            Some(LockPlace::Column(j)) => Some(*j),
            _ => None,
        })
        .collect()
}

/// Each lock's value in the solution and its prices, read from the place the programme gave
/// it.
pub(super) fn results(
    inst: &Instance,
    sol: &Solution,
    places: &[Option<LockPlace>],
    locks: &[Lock],
) -> Vec<LockResult> {
    locks
        .iter()
        .zip(places)
        .map(|(l, place)| {
            let (price_up, price_down) = match place {
                Some(LockPlace::Row(r)) => {
                    let x = &sol.rows[*r];
                    match x.sensitivity {
                        Some(s) => (s.price_up, s.price_down),
                        None => (x.shadow_price, x.shadow_price),
                    }
                }
                Some(LockPlace::Column(j)) => sol
                    .column_sides
                    .get(&(*j as u32))
                    .copied()
                    .unwrap_or((None, None)),
                None => (None, None),
            };
            LockResult {
                label: l.target.label(inst),
                min: l.min,
                max: l.max,
                value: if sol.status.has_solution() {
                    l.target.value(inst, &sol.allocation)
                } else {
                    f64::NAN
                },
                price_up,
                price_down,
            }
        })
        .collect()
}
