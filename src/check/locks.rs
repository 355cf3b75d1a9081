//! The locks of a run ([`crate::plan::Lock`]) verified against the allocation: each locked
//! quantity recomputed from the instance and the allocation alone (never from the column or
//! row the programme placed it in), within the check's tolerance.

use super::tolerance;
use crate::instance::Instance;
use crate::plan::Lock;
use crate::solution::Allocation;

/// Every lock the allocation breaks beyond tolerance, one line each.
pub fn failures(inst: &Instance, alloc: &Allocation, locks: &[Lock]) -> Vec<String> {
    locks
        .iter()
        .filter_map(|l| {
            let v = l.target.value(inst, alloc);
            let tol = tolerance(l.max.min(1e9));
            (v < l.min - tol || v > l.max + tol).then(|| {
                format!(
                    "lock {}: {v:.6} km² outside [{}, {}]",
                    l.target.label(inst),
                    l.min,
                    l.max
                )
            })
        })
        .collect()
}
