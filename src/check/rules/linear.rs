//! Check of `linear`: each rule of the model's own summed again from the allocation (the
//! units', sites' and projects' km², the flows' quota) and compared with its bound.

use super::Ctx;
use crate::check::lines::Lines;
use crate::policy::change::arable_gained;
use crate::policy::linear::{Amount, Term};
use crate::policy::Linear;

pub(super) fn check(c: &Ctx<'_>, r: &Linear, l: &mut Lines) {
    for rule in &r.rules {
        let value: f64 = rule.terms.iter().map(|t| t.coefficient * amount(c, t)).sum();
        let (lower, upper) = rule.bounds();
        l.push(
            rule.row(),
            value,
            lower.is_finite().then_some(lower),
            upper.is_finite().then_some(upper),
            rule.soft_penalty(r),
        );
    }
}

/// The term's amount on the allocation.
fn amount(c: &Ctx<'_>, t: &Term) -> f64 {
    let inst = c.inst;
    let uses = |x: &[f64]| -> f64 {
        inst.uses
            .iter()
            .filter(|&k| t.counts(k))
            .map(|k| x[k.index()])
            .sum()
    };
    match t.amount {
        Amount::CurrentArea => inst
            .units
            .iter()
            .filter(|u| t.selects_unit(inst, u))
            .map(|u| u.area_km2)
            .sum(),
        Amount::Consolidation => (0..inst.projects.len())
            .filter(|&p| t.selects_project(inst, p))
            .map(|p| c.alloc.projects[p])
            .sum(),
        Amount::ArableChange => {
            let reclaimed: f64 = inst
                .units
                .iter()
                .zip(&c.alloc.units)
                .filter(|(u, _)| t.selects_unit(inst, u))
                .map(|(u, x)| arable_gained(&inst.uses, u.account, x))
                .sum();
            let consolidated: f64 = (0..inst.projects.len())
                .filter(|&p| t.selects_project(inst, p))
                .map(|p| c.alloc.projects[p])
                .sum();
            let occupied: f64 = inst
                .sites
                .iter()
                .zip(&c.alloc.sites)
                .filter(|(s, _)| t.selects_site(inst, s))
                .map(|(s, y)| {
                    s.arable_share * c.inst.uses.construction().map(|k| y[k.index()]).sum::<f64>()
                })
                .sum();
            reclaimed + consolidated - occupied
        }
        Amount::Quota => c
            .alloc
            .flows
            .iter()
            .filter(|f| t.selects_unit(inst, &inst.units[f.unit as usize]))
            .map(|f| f.quota_km2)
            .sum(),
        Amount::Area | Amount::Stock | Amount::New => {
            let units: f64 = inst
                .units
                .iter()
                .zip(&c.alloc.units)
                .filter(|(u, _)| t.selects_unit(inst, u))
                .map(|(_, x)| uses(x))
                .sum();
            let sites: f64 = inst
                .sites
                .iter()
                .zip(&c.alloc.sites)
                .filter(|(s, _)| t.selects_site(inst, s))
                .map(|(_, y)| uses(y))
                .sum();
            units + sites
        }
    }
}
