//! A criterion ([`crate::policy::Criterion`]) as a linear form over a programme's columns:
//! value = Σ coefficient · x + offset. Mirrored by `check::criterion`, which measures the
//! same amount from an allocation.

use super::sparse::{ColumnKey, Programme, Total};
use crate::instance::uses::Role;
use crate::instance::Instance;
use crate::policy::change::{arable_gain, construction_gain};
use crate::policy::Criterion;

/// The terms (column index, coefficient) and the constant of `c` over `p`'s columns: a
/// decision's later years (`ColumnKey::Year`) count as the decision does, so the form is
/// the plan's over all its years. A re-plan's re-basing columns are not in it (the
/// criterion measures what the plan does, as `check::criterion` does).
pub fn terms(inst: &Instance, p: &Programme, c: Criterion) -> (Vec<(usize, f64)>, f64) {
    let mut out = Vec::new();
    for (j, key) in p.columns.iter().enumerate() {
        let key = match key {
            ColumnKey::Year { column, .. } => &p.columns[*column as usize],
            k => k,
        };
        let coef = match (c, key) {
            (Criterion::Arable, ColumnKey::Alloc { unit, land_use }) => {
                arable_gain(inst.units[*unit as usize].account, *land_use)
            }
            (Criterion::Arable, ColumnKey::Consolidate { .. }) => 1.0,
            (Criterion::Arable, ColumnKey::Total(Total::Occupied)) => -1.0,
            (Criterion::Construction, ColumnKey::Build { land_use, .. }) => {
                land_use.is_construction() as u8 as f64
            }
            (Criterion::Construction, ColumnKey::Alloc { unit, land_use }) => {
                construction_gain(inst.units[*unit as usize].account, *land_use)
            }
            (Criterion::StockRedeveloped, ColumnKey::Alloc { .. }) => 1.0,
            (Criterion::NewConstruction, ColumnKey::Build { land_use, .. }) => {
                land_use.is_construction() as u8 as f64
            }
            (Criterion::Ecological, ColumnKey::Alloc { land_use, .. }) => {
                land_use.is(Role::Ecological) as u8 as f64
            }
            (
                Criterion::Affordable,
                ColumnKey::Alloc { land_use, .. } | ColumnKey::Build { land_use, .. },
            ) => land_use.is(Role::Affordable) as u8 as f64,
            (Criterion::LinkageQuota, ColumnKey::Flow { .. } | ColumnKey::PoolFlow { .. }) => 1.0,
            _ => 0.0,
        };
        if coef != 0.0 {
            out.push((j, coef));
        }
    }
    let (base, exo) = (&inst.region.baseline, &inst.region.exogenous);
    let offset = match c {
        Criterion::Arable => base.arable_km2 + exo.arable_km2,
        Criterion::Construction => base.construction_km2,
        _ => 0.0,
    };
    (out, offset)
}

/// The value of `c` at `x` (a column vector of `p`).
pub fn value(inst: &Instance, p: &Programme, c: Criterion, x: &[f64]) -> f64 {
    let (t, offset) = terms(inst, p, c);
    offset + t.iter().map(|&(j, a)| a * x[j]).sum::<f64>()
}
