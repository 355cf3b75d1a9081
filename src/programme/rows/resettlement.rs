//! Rows of `resettlement`: a pool per district, per cross-district pairing people
//! following their quota, and per receiving site their housing there. See [`crate::policy::Resettlement`].

use super::Ctx;
use crate::instance::uses::Role;
use crate::network::LinkageNetwork;
use crate::policy::{active, Family, Place, Resettlement, RowRef, RuleId};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &Resettlement) {
    let empty = LinkageNetwork::empty();
    let net = c.net.unwrap_or(&empty);
    districts(c, r, net);
    let ratio = active(&c.model.rules.linkage_balance).map_or(1.0, |l| l.ratio);
    follow_quota(c, r, net, ratio);
    at_the_site(c, r, net);
}

/// People resettled across districts live at the site their quota backs:
/// Σ_{e into s} r[e] ≤ y[s,affordable], one row per site that can receive them.
fn at_the_site(c: &mut Ctx<'_>, r: &Resettlement, net: &LinkageNetwork) {
    let mut into: Vec<Vec<u32>> = vec![Vec::new(); c.inst.sites.len()];
    for (e, edge) in net.edges.iter().enumerate() {
        if let Some(j) = c.cols.resettle(e) {
            into[edge.site as usize].push(j);
        }
    }
    for (si, cols) in into.iter().enumerate() {
        if cols.is_empty() {
            continue;
        }
        let row = RowRef::at(RuleId::Resettlement, Place::Site(si as u32));
        c.begin(row, -INF, 0.0, 0.0, r.soft_penalty());
        for &j in cols {
            c.b.add(j, 1.0);
        }
        for j in c.inst.uses.with_role(Role::Affordable).filter_map(|k| c.cols.site_use(si, k)) {
            c.b.add(j, -1.0);
        }
        c.b.end_row();
    }
}

/// Σ_{u∈d} δ_u Σ_k x[u,k] − affordable housing in d − r out of d + r into d ≤ 0.
fn districts(c: &mut Ctx<'_>, r: &Resettlement, net: &LinkageNetwork) {
    let inst = c.inst;
    for d in 0..inst.districts.len() {
        let row = RowRef::at(RuleId::Resettlement, Place::District(d as u32));
        c.begin(row, -INF, 0.0, 0.0, r.soft_penalty());
        for (ui, u) in inst.units.iter().enumerate() {
            if u.district != d {
                continue;
            }
            let delta = r.density(u);
            if delta > 0.0 {
                for k in c.inst.uses.iter() {
                    if let Some(j) = c.cols.unit_use(ui, k) {
                        c.b.add(j, delta);
                    }
                }
            }
            for j in c.inst.uses.with_role(Role::Affordable).filter_map(|k| c.cols.unit_use(ui, k)) {
                c.b.add(j, -1.0);
            }
        }
        for (si, s) in inst.sites.iter().enumerate() {
            if s.district == d {
                for j in c.inst.uses.with_role(Role::Affordable).filter_map(|k| c.cols.site_use(si, k)) {
                    c.b.add(j, -1.0);
                }
            }
        }
        for (e, edge) in net.edges.iter().enumerate() {
            let Some(j) = c.cols.resettle(e) else { continue };
            if net.pools[edge.pool as usize].district as usize == d {
                c.b.add(j, -1.0);
            }
            if inst.sites[edge.site as usize].district == d {
                c.b.add(j, 1.0);
            }
        }
        c.b.end_row();
    }
}

/// People follow their quota: r[e] ≤ δ_u · f[e] / ratio.
fn follow_quota(c: &mut Ctx<'_>, r: &Resettlement, net: &LinkageNetwork, ratio: f64) {
    let inst = c.inst;
    for (e, edge) in net.edges.iter().enumerate() {
        let Some(j) = c.cols.resettle(e) else { continue };
        // a pairing across districts is never pooled: its pool is its unit
        let unit = net.units_of(edge)[0];
        let u = &inst.units[unit as usize];
        let row = RowRef::at(
            RuleId::Resettlement,
            Place::Pair {
                unit,
                site: edge.site,
            },
        );
        // soft with the family, as the check prices it
        c.begin(row, -INF, 0.0, 0.0, r.soft_penalty());
        c.b.add(j, 1.0);
        c.b.add(c.cols.flow[e], -r.density(u) / ratio);
        c.b.end_row();
    }
}
