//! A criterion ([`crate::policy::Criterion`]) measured from an allocation, independently of
//! the programme (its linear form is `programme::criterion`).

use super::accounts::{aggregates, period_end};
use crate::instance::Instance;
use crate::policy::Criterion;
use crate::solution::Allocation;

/// The amount of `c` in `a`, km².
pub fn measure(inst: &Instance, a: &Allocation, c: Criterion) -> f64 {
    let g = aggregates(inst, a);
    match c {
        Criterion::Arable => period_end(inst, a).arable,
        Criterion::Construction => period_end(inst, a).construction,
        Criterion::StockRedeveloped => g.stock_by_zone.iter().sum(),
        Criterion::NewConstruction => g.new_construction,
        Criterion::Ecological => g.stock_ecological,
        Criterion::Affordable => g.affordable,
        Criterion::LinkageQuota => a.flows.iter().map(|f| f.quota_km2).sum(),
    }
}
