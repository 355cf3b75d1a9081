//! Rows of `linkage_balance` on the linkage network: quota sent ≤ ratio × reclaimed per
//! withdrawal unit (per pool of units when pooled), quota received ≤ construction per site, the quality balance at the
//! model's level, and in whole-unit mode a binary per pairing with a fixed cost or a minimum
//! size. See [`crate::policy::LinkageBalance`].

use super::Ctx;
use crate::instance::uses::Role;
use crate::network::LinkageNetwork;
use crate::policy::{quality_weight, Family, LinkageBalance, Part, Place, QualityLevel, RowRef, RuleId};
use crate::programme::columns::INF;
use crate::programme::ColumnKey;

pub(super) fn rows(c: &mut Ctx<'_>, r: &LinkageBalance) {
    let Some(net) = c.net else { return };
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); net.pools.len()];
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); c.inst.sites.len()];
    for (e, edge) in net.edges.iter().enumerate() {
        out[edge.pool as usize].push(e);
        into[edge.site as usize].push(e);
    }
    sent(c, r, net, &out);
    received(c, r, &into);
    quality(c, r, net, &into);
    if c.model.whole_unit.enabled && r.has_edge_binaries() {
        used_edges(c, r, net);
    }
}

/// Quota sent ≤ ratio × reclaimed to arable, per withdrawal unit (or pool of units) with
/// an edge: `linkage_balance[unit]`, or `linkage_balance[pool]`.
fn sent(c: &mut Ctx<'_>, r: &LinkageBalance, net: &LinkageNetwork, out: &[Vec<usize>]) {
    for (p, pool) in net.pools.iter().enumerate() {
        if out[p].is_empty() {
            continue;
        }
        let place = pool.place();
        let row = RowRef::at(RuleId::LinkageBalance, place);
        c.begin(row, -INF, 0.0, 0.0, r.soft_penalty());
        for &e in &out[p] {
            c.b.add(c.cols.flow[e], 1.0);
        }
        for &u in &pool.units {
            for j in c.inst.uses.with_role(Role::Arable).filter_map(|k| c.cols.unit_use(u as usize, k)) {
                c.b.add(j, -r.ratio);
            }
        }
        c.b.end_row();
    }
}

/// Quota received = linkage-backed construction ≤ construction at the site.
fn received(c: &mut Ctx<'_>, r: &LinkageBalance, into: &[Vec<usize>]) {
    for (si, edges) in into.iter().enumerate() {
        if edges.is_empty() {
            continue;
        }
        let row = RowRef::at(RuleId::LinkageBalance, Place::Site(si as u32));
        c.begin(row, -INF, 0.0, 0.0, r.soft_penalty());
        for &e in edges {
            c.b.add(c.cols.flow[e], 1.0);
        }
        for k in c.inst.uses.construction() {
            if let Some(j) = c.cols.site_use(si, k) {
                c.b.add(j, -1.0);
            }
        }
        c.b.end_row();
    }
}

/// Quality: Σ (w(g_u) − w(g_s)·a_s)·f ≥ 0 per site, district or city.
fn quality(c: &mut Ctx<'_>, r: &LinkageBalance, net: &LinkageNetwork, into: &[Vec<usize>]) {
    let inst = c.inst;
    let coef = |e: usize| {
        let edge = &net.edges[e];
        let (grade, s) = (
            net.pools[edge.pool as usize].grade,
            &inst.sites[edge.site as usize],
        );
        quality_weight(grade) - quality_weight(s.arable_grade) * s.arable_share
    };
    let mut groups: Vec<(Place, Vec<usize>)> = Vec::new();
    match r.quality_level {
        QualityLevel::Off => {}
        QualityLevel::Site => {
            for (si, edges) in into.iter().enumerate() {
                if !edges.is_empty() {
                    groups.push((Place::Site(si as u32), edges.clone()));
                }
            }
        }
        QualityLevel::District => {
            for d in 0..inst.districts.len() {
                let edges: Vec<usize> = (0..net.edges.len())
                    .filter(|&e| inst.sites[net.edges[e].site as usize].district == d)
                    .collect();
                if !edges.is_empty() {
                    groups.push((Place::District(d as u32), edges));
                }
            }
        }
        QualityLevel::City => groups.push((Place::Region, (0..net.edges.len()).collect())),
    }
    for (place, edges) in groups {
        let row = RowRef::at(RuleId::LinkageBalance, place).part(Part::Quality);
        c.begin(row, 0.0, INF, 0.0, r.soft_penalty());
        for e in edges {
            c.b.add(c.cols.flow[e], coef(e));
        }
        c.b.end_row();
    }
}

/// Whole-unit mode: a binary per pairing, used (f ≥ min, fixed cost paid) or not (f = 0).
fn used_edges(c: &mut Ctx<'_>, r: &LinkageBalance, net: &LinkageNetwork) {
    let cw = c.model.objective.cost_weight;
    for (e, edge) in net.edges.iter().enumerate() {
        // validation refuses pooling with edge binaries: a pool is one unit here
        let unit = net.units_of(edge)[0];
        let u = &c.inst.units[unit as usize];
        let big = r.ratio * u.reclaimable_share * u.area_km2;
        let used = c.b.column(
            ColumnKey::EdgeUsed {
                unit,
                site: edge.site,
            },
            0.0,
            1.0,
            -cw * r.fixed_project_cost,
        );
        c.b.set_integer(used);
        let pair = RowRef::at(
            RuleId::LinkageBalance,
            Place::Pair {
                unit,
                site: edge.site,
            },
        );
        c.begin(pair.part(Part::Used), -INF, 0.0, 0.0, None);
        c.b.add(c.cols.flow[e], 1.0);
        c.b.add(used, -big);
        c.b.end_row();
        if r.min_project_km2 > 0.0 {
            c.begin(pair.part(Part::Min), 0.0, INF, 0.0, None);
            c.b.add(c.cols.flow[e], 1.0);
            c.b.add(used, -r.min_project_km2);
            c.b.end_row();
        }
    }
}
