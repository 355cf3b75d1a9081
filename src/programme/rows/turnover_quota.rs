//! Rows of `turnover_quota`: quota used in a year backs that year's construction at its
//! site; quota used by a year's end is reclaimed by the deadline. See
//! [`crate::policy::TurnoverQuota`].

use super::Ctx;
use crate::instance::uses::Role;
use crate::policy::{active, Family, Part, Place, RowRef, RuleId, TurnoverQuota};
use crate::programme::columns::INF;

pub(super) fn rows(c: &mut Ctx<'_>, r: &TurnoverQuota) {
    let (Some(net), Some(link)) = (c.net, active(&c.model.rules.linkage_balance)) else {
        return;
    };
    let years = c.years();
    let n = years.count();
    let pen = r.soft_penalty();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); net.pools.len()];
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); c.inst.sites.len()];
    for (e, edge) in net.edges.iter().enumerate() {
        out[edge.pool as usize].push(e);
        into[edge.site as usize].push(e);
    }
    for (si, edges) in into.iter().enumerate() {
        if edges.is_empty() {
            continue;
        }
        for t in 0..n {
            let row = RowRef::at(RuleId::TurnoverQuota, Place::Site(si as u32)).in_year(years.year(t));
            c.begin(row, -INF, 0.0, 0.0, pen);
            for &e in edges {
                c.b.add_raw(c.cols.at(c.cols.flow[e], t), 1.0);
            }
            for k in c.inst.uses.construction() {
                if let Some(j) = c.cols.site_use(si, k) {
                    c.b.add_raw(c.cols.at(j, t), -1.0);
                }
            }
            c.b.end_row();
        }
    }
    let deadline = r.deadline_years as usize;
    for (p, pool) in net.pools.iter().enumerate() {
        if out[p].is_empty() {
            continue;
        }
        // beyond the horizon the period row linkage_balance[pool] holds
        for t in (0..n).filter(|t| t + deadline < n - 1) {
            let row = RowRef::at(RuleId::TurnoverQuota, pool.place()).in_year(years.year(t));
            c.begin(row, -INF, 0.0, 0.0, pen);
            for tau in 0..=t {
                for &e in &out[p] {
                    c.b.add_raw(c.cols.at(c.cols.flow[e], tau), 1.0);
                }
            }
            for tau in 0..=t + deadline {
                for &u in &pool.units {
                    for k in c.inst.uses.with_role(Role::Arable) {
                        if let Some(j) = c.cols.unit_use(u as usize, k) {
                            c.b.add_raw(c.cols.at(j, tau), -link.ratio);
                        }
                    }
                }
            }
            c.b.end_row();
        }
    }
    if let Some(cap) = r.max_outstanding_km2 {
        for t in 0..n {
            let row = RowRef::whole(RuleId::TurnoverQuota)
                .part(Part::Max)
                .in_year(years.year(t));
            c.begin(row, -INF, cap, 0.0, pen);
            for tau in 0..=t {
                for j in &c.cols.flow {
                    c.b.add_raw(c.cols.at(*j, tau), 1.0);
                }
                for pool in &net.pools {
                    for &u in &pool.units {
                        for k in c.inst.uses.with_role(Role::Arable) {
                            if let Some(j) = c.cols.unit_use(u as usize, k) {
                                c.b.add_raw(c.cols.at(j, tau), -link.ratio);
                            }
                        }
                    }
                }
            }
            c.b.end_row();
        }
    }
}
