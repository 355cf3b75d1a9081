//! Rows of `linear`: one per rule of the model's own, Σ coefficient · amount against its
//! bound, the `current_area` terms moved to the bound. See [`crate::policy::Linear`].

use super::Ctx;
use crate::policy::linear::{Amount, Term};
use crate::policy::Linear;

pub(super) fn rows(c: &mut Ctx<'_>, r: &Linear) {
    for rule in &r.rules {
        let (lower, upper) = rule.bounds();
        let offset = rule.constant(c.inst);
        c.begin(rule.row(), lower, upper, offset, rule.soft_penalty(r));
        for t in &rule.terms {
            term(c, t);
        }
        c.b.end_row();
    }
}

/// Add one term's columns to the open row.
fn term(c: &mut Ctx<'_>, t: &Term) {
    let inst = c.inst;
    let a = t.coefficient;
    match t.amount {
        Amount::CurrentArea => {}
        Amount::Consolidation => {
            for p in (0..inst.projects.len()).filter(|&p| t.selects_project(inst, p)) {
                c.b.add(c.cols.project[p], a);
            }
        }
        Amount::ArableChange => {
            for (ui, u) in inst.units.iter().enumerate() {
                if t.selects_unit(inst, u) {
                    for (j, gain) in c.cols.arable_gains(inst, ui) {
                        c.b.add(j, a * gain);
                    }
                }
            }
            for p in (0..inst.projects.len()).filter(|&p| t.selects_project(inst, p)) {
                c.b.add(c.cols.project[p], a);
            }
            for (si, s) in inst.sites.iter().enumerate() {
                if t.selects_site(inst, s) && s.arable_share > 0.0 {
                    for k in c.inst.uses.construction() {
                        if let Some(j) = c.cols.site_use(si, k) {
                            c.b.add(j, -a * s.arable_share);
                        }
                    }
                }
            }
        }
        Amount::Quota => {
            let Some(net) = c.net else { return };
            // (validation refuses quota terms when units are pooled: a pool is one unit here)
            for (e, edge) in net.edges.iter().enumerate() {
                let units = net.units_of(edge);
                if units
                    .iter()
                    .all(|&u| t.selects_unit(inst, &inst.units[u as usize]))
                {
                    c.b.add(c.cols.flow[e], a);
                }
            }
        }
        Amount::Area | Amount::Stock | Amount::New => {
            for (ui, u) in inst.units.iter().enumerate() {
                if t.selects_unit(inst, u) {
                    for k in c.inst.uses.iter().filter(|&k| t.counts(k)) {
                        if let Some(j) = c.cols.unit_use(ui, k) {
                            c.b.add(j, a);
                        }
                    }
                }
            }
            for (si, s) in inst.sites.iter().enumerate() {
                if t.selects_site(inst, s) {
                    for k in c.inst.uses.iter().filter(|&k| t.counts(k)) {
                        if let Some(j) = c.cols.site_use(si, k) {
                            c.b.add(j, a);
                        }
                    }
                }
            }
        }
    }
}
