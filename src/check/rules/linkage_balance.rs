//! Check of `linkage_balance`: every flow on an allowed pairing (with distances on the
//! transport network, not taken from the linkage network the programme was built on), quota
//! sent ≤ ratio × reclaimed per withdrawal unit, quota received ≤ construction per site, the
//! quality balance, minimum project sizes; adds the transfer and fixed project costs to the
//! objective.

use super::Ctx;
use crate::check::{lines::Lines, tolerance};
use crate::instance::uses::Role;
use crate::network::TransportGraph;
use crate::policy::{quality_weight, Family, LinkageBalance, Part, Place, QualityLevel, RowRef, RuleId};
use crate::solution::Flow;

pub(super) fn check(c: &Ctx<'_>, r: &LinkageBalance, l: &mut Lines) {
    let (inst, alloc) = (c.inst, c.alloc);
    let cw = c.model.objective.cost_weight;
    let mut dist = TransportGraph::new(inst).cached();
    let mut bad = 0.0;
    let mut sent = vec![0.0; inst.units.len()];
    let mut received = vec![0.0; inst.sites.len()];
    for f in &alloc.flows {
        let (u, s) = (&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
        if f.quota_km2 < -tolerance(0.0) || f.resettled_km2 < -tolerance(0.0) || !f.quota_km2.is_finite() {
            l.fail(format!("flow {} > {}: negative or not finite", u.id, s.id));
        }
        let km = dist.unit_site_km(u, s);
        if !r.allows(inst, u, s, km - 1e-9) {
            bad += f.quota_km2.max(0.0);
        }
        if f.resettled_km2 > tolerance(0.0) && u.district == s.district {
            l.fail(format!("flow {} > {}: resettlement along a flow within one district (the district pool houses them)", u.id, s.id));
        }
        sent[f.unit as usize] += f.quota_km2;
        received[f.site as usize] += f.quota_km2;
        if km.is_finite() {
            l.linkage_cost += cw * r.transfer_cost_per_km2_km * km * f.quota_km2;
        }
        if c.model.whole_unit.enabled && f.quota_km2 > tolerance(0.0) {
            l.linkage_cost += cw * r.fixed_project_cost;
            if r.min_project_km2 > 0.0 && f.quota_km2 < r.min_project_km2 - tolerance(r.min_project_km2) {
                l.fail(format!(
                    "flow {} > {}: {} km², below the minimum project size {}",
                    u.id, s.id, f.quota_km2, r.min_project_km2
                ));
            }
        }
    }
    // Flows only on allowed pairings: always hard (an edge that does not exist).
    let network = RowRef::whole(RuleId::LinkageBalance).part(Part::Network);
    l.push(network, bad, None, Some(0.0), None);
    balances(c, r, l, &sent, &received);
    quality(c, r, l, &received);
}

/// Quota sent ≤ ratio × reclaimed per withdrawal unit; received ≤ construction per site.
fn balances(c: &Ctx<'_>, r: &LinkageBalance, l: &mut Lines, sent: &[f64], received: &[f64]) {
    let pen = r.soft_penalty();
    for (ui, u) in c.inst.units.iter().enumerate() {
        let reclaimed = c.inst.uses.sum_role(&c.alloc.units[ui], Role::Arable);
        if sent[ui] > 0.0 || r.withdraws(c.inst, u) {
            let row = RowRef::at(RuleId::LinkageBalance, Place::Unit(ui as u32));
            l.push(row, sent[ui] - r.ratio * reclaimed, None, Some(0.0), pen);
        }
    }
    for (si, s) in c.inst.sites.iter().enumerate() {
        if received[si] > 0.0 || r.receives(s) {
            let built: f64 = c.alloc.sites[si].iter().sum();
            let row = RowRef::at(RuleId::LinkageBalance, Place::Site(si as u32));
            l.push(row, received[si] - built, None, Some(0.0), pen);
        }
    }
}

/// Σ (w(g_u) − w(g_s)·a_s)·f ≥ 0 per site, district or city.
fn quality(c: &Ctx<'_>, r: &LinkageBalance, l: &mut Lines, received: &[f64]) {
    let (inst, flows) = (c.inst, &c.alloc.flows);
    let pen = r.soft_penalty();
    let q = |f: &Flow| {
        let (u, s) = (&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
        (quality_weight(u.arable_grade) - quality_weight(s.arable_grade) * s.arable_share)
            * f.quota_km2
    };
    let row = |place| RowRef::at(RuleId::LinkageBalance, place).part(Part::Quality);
    match r.quality_level {
        QualityLevel::Off => {}
        QualityLevel::Site => {
            let mut v = vec![0.0; inst.sites.len()];
            for f in flows {
                v[f.site as usize] += q(f);
            }
            for (si, s) in inst.sites.iter().enumerate() {
                if received[si] > 0.0 || r.receives(s) {
                    l.push(row(Place::Site(si as u32)), v[si], Some(0.0), None, pen);
                }
            }
        }
        QualityLevel::District => {
            let mut v = vec![0.0; inst.districts.len()];
            let mut any = vec![false; inst.districts.len()];
            for f in flows {
                let d = inst.sites[f.site as usize].district;
                v[d] += q(f);
                any[d] = true;
            }
            for d in 0..inst.districts.len() {
                if any[d] {
                    l.push(row(Place::District(d as u32)), v[d], Some(0.0), None, pen);
                }
            }
        }
        QualityLevel::City => {
            let v: f64 = flows.iter().map(q).sum();
            l.push(row(Place::Region), v, Some(0.0), None, pen);
        }
    }
}
