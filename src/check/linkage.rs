//! The check's part for the linkage and resettlement: every flow on an allowed pairing,
//! every balance and the resettlement recomputed from instance, model and allocation. The
//! transport distances are recomputed here (Dijkstra on the instance's links), not taken from
//! the linkage network the programme was built on.

use super::{tolerance, Lines};
use crate::instance::Instance;
use crate::land_use::LandUse;
use crate::policy::{active, quality_weight, PolicyModel, QualityLevel, RuleId};
use crate::solution::Allocation;
use petgraph::algo::dijkstra;
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::HashMap;

/// Shortest-path distances between transport nodes, computed on demand.
struct Distances {
    graph: UnGraph<(), f64>,
    cache: HashMap<usize, Vec<f64>>,
}

impl Distances {
    fn new(inst: &Instance) -> Distances {
        let mut graph = UnGraph::new_undirected();
        for _ in &inst.transport.nodes {
            graph.add_node(());
        }
        for l in &inst.transport.links {
            graph.add_edge(NodeIndex::new(l.from), NodeIndex::new(l.to), l.length_km);
        }
        Distances {
            graph,
            cache: HashMap::new(),
        }
    }
    fn km(&mut self, from: Option<usize>, to: Option<usize>) -> f64 {
        let (Some(a), Some(b)) = (from, to) else {
            return f64::INFINITY;
        };
        let g = &self.graph;
        let d = self.cache.entry(a).or_insert_with(|| {
            let mut out = vec![f64::INFINITY; g.node_count()];
            for (n, v) in dijkstra(g, NodeIndex::new(a), None, |e| *e.weight()) {
                out[n.index()] = v;
            }
            out
        });
        d.get(b).copied().unwrap_or(f64::INFINITY)
    }
}

/// Density of resettlement demand: km² of affordable-housing land per km² redeveloped.
fn density(u: &crate::instance::StockUnit, m2_per_person: f64) -> f64 {
    if u.area_km2 > 0.0 {
        u.population / u.area_km2 * m2_per_person / 1e6
    } else {
        0.0
    }
}

/// Lines of the linkage and resettlement rules; returns the transfer and fixed project costs
/// (weighted by the cost weight) for the objective.
pub(super) fn check(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    l: &mut Lines,
) -> f64 {
    let rules = &model.rules;
    let cw = model.objective.cost_weight;
    let link = active(&rules.linkage_balance);
    let mut cost = 0.0;
    let mut dist = Distances::new(inst);
    if link.is_none() && !alloc.flows.is_empty() {
        l.failures
            .push("the allocation has linkage flows but the model has no linkage".into());
    }
    if let Some(r) = link {
        let mut bad = 0.0;
        let mut sent = vec![0.0; inst.units.len()];
        let mut received = vec![0.0; inst.sites.len()];
        for f in &alloc.flows {
            let (u, s) = (&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
            if f.quota_km2 < -tolerance(0.0)
                || f.resettled_km2 < -tolerance(0.0)
                || !f.quota_km2.is_finite()
            {
                l.failures
                    .push(format!("flow {} > {}: negative or not finite", u.id, s.id));
            }
            let withdrawal = r.withdrawal_kinds.contains(&u.kind)
                && u.uses[LandUse::Arable.index()].is_some()
                && u.reclaimable_share > 0.0;
            let paired = r.site_kinds.contains(&s.kind)
                && if u.district == s.district {
                    r.same_district
                } else {
                    let (zu, zs) = (
                        &inst.zones[inst.unit_zone(u)].id,
                        &inst.zones[inst.site_zone(s)].id,
                    );
                    r.zone_pairs.iter().any(|(a, b)| a == zu && b == zs)
                };
            let km = dist.km(u.node, s.node);
            if !(withdrawal && paired && km <= r.max_distance_km + 1e-9) {
                bad += f.quota_km2.max(0.0);
            }
            if f.resettled_km2 > tolerance(0.0) && u.district == s.district {
                l.failures.push(format!("flow {} > {}: resettlement along a flow within one district (the district pool houses them)", u.id, s.id));
            }
            sent[f.unit as usize] += f.quota_km2;
            received[f.site as usize] += f.quota_km2;
            if km.is_finite() {
                cost += cw * r.transfer_cost_per_km2_km * km * f.quota_km2;
            }
            if model.whole_unit.enabled && f.quota_km2 > tolerance(0.0) {
                cost += cw * r.fixed_project_cost;
                if r.min_project_km2 > 0.0
                    && f.quota_km2 < r.min_project_km2 - tolerance(r.min_project_km2)
                {
                    l.failures.push(format!(
                        "flow {} > {}: {} km², below the minimum project size {}",
                        u.id, s.id, f.quota_km2, r.min_project_km2
                    ));
                }
            }
        }
        // Flows only on allowed pairings: always hard (an edge that does not exist).
        let hard = crate::policy::Eligibility {
            enabled: true,
            mode: crate::policy::Mode::Hard,
            penalty: None,
            redline_uses: Vec::new(),
            basic_farmland_area_uses: Vec::new(),
            allow_sites_on_basic_farmland: true,
        };
        l.push(
            RuleId::LinkageBalance,
            Some("network"),
            bad,
            None,
            Some(0.0),
            &hard,
        );
        for (ui, u) in inst.units.iter().enumerate() {
            let reclaimed = alloc.units[ui][LandUse::Arable.index()];
            let withdrawal = r.withdrawal_kinds.contains(&u.kind)
                && u.uses[LandUse::Arable.index()].is_some()
                && u.reclaimable_share > 0.0;
            if sent[ui] > 0.0 || withdrawal {
                l.push(
                    RuleId::LinkageBalance,
                    Some(&u.id),
                    sent[ui] - r.ratio * reclaimed,
                    None,
                    Some(0.0),
                    r,
                );
            }
        }
        for (si, s) in inst.sites.iter().enumerate() {
            if received[si] > 0.0 || r.site_kinds.contains(&s.kind) {
                let built: f64 = alloc.sites[si].iter().sum();
                l.push(
                    RuleId::LinkageBalance,
                    Some(&s.id),
                    received[si] - built,
                    None,
                    Some(0.0),
                    r,
                );
            }
        }
        let q = |f: &crate::network::Flow| {
            let (u, s) = (&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
            (quality_weight(u.arable_grade) - quality_weight(s.arable_grade) * s.arable_share)
                * f.quota_km2
        };
        match r.quality_level {
            QualityLevel::Off => {}
            QualityLevel::Site => {
                let mut v = vec![0.0; inst.sites.len()];
                for f in &alloc.flows {
                    v[f.site as usize] += q(f);
                }
                for (si, s) in inst.sites.iter().enumerate() {
                    if received[si] > 0.0 || r.site_kinds.contains(&s.kind) {
                        l.push(
                            RuleId::LinkageBalance,
                            Some(&format!("{}.quality", s.id)),
                            v[si],
                            Some(0.0),
                            None,
                            r,
                        );
                    }
                }
            }
            QualityLevel::District => {
                let mut v = vec![0.0; inst.districts.len()];
                let mut any = vec![false; inst.districts.len()];
                for f in &alloc.flows {
                    let d = inst.sites[f.site as usize].district;
                    v[d] += q(f);
                    any[d] = true;
                }
                for (d, district) in inst.districts.iter().enumerate() {
                    if any[d] {
                        l.push(
                            RuleId::LinkageBalance,
                            Some(&format!("{}.quality", district.id)),
                            v[d],
                            Some(0.0),
                            None,
                            r,
                        );
                    }
                }
            }
            QualityLevel::City => {
                let v: f64 = alloc.flows.iter().map(q).sum();
                l.push(
                    RuleId::LinkageBalance,
                    Some("quality"),
                    v,
                    Some(0.0),
                    None,
                    r,
                );
            }
        }
    }
    if let Some(r) = active(&rules.resettlement) {
        let ratio = link.map_or(1.0, |k| k.ratio);
        for (d, district) in inst.districts.iter().enumerate() {
            let mut v = 0.0;
            for (u, a) in inst.units.iter().zip(&alloc.units) {
                if u.district == d {
                    if r.kinds.contains(&u.kind) {
                        v += density(u, r.land_m2_per_person) * a.iter().sum::<f64>();
                    }
                    v -= a[LandUse::Affordable.index()];
                }
            }
            for (s, a) in inst.sites.iter().zip(&alloc.sites) {
                if s.district == d {
                    v -= a[LandUse::Affordable.index()];
                }
            }
            for f in &alloc.flows {
                if inst.units[f.unit as usize].district == d {
                    v -= f.resettled_km2;
                }
                if inst.sites[f.site as usize].district == d {
                    v += f.resettled_km2;
                }
            }
            l.push(
                RuleId::Resettlement,
                Some(&district.id),
                v,
                None,
                Some(0.0),
                r,
            );
        }
        for f in &alloc.flows {
            if f.resettled_km2 > tolerance(0.0) {
                let u = &inst.units[f.unit as usize];
                let key = format!("{}>{}", u.id, inst.sites[f.site as usize].id);
                let cap = density(u, r.land_m2_per_person) * f.quota_km2 / ratio;
                l.push(
                    RuleId::Resettlement,
                    Some(&key),
                    f.resettled_km2 - cap,
                    None,
                    Some(0.0),
                    r,
                );
            }
        }
    }
    cost
}

/// Whole-unit mode: each unit's redeveloped area is 0 or its whole area.
pub(super) fn check_whole_units(
    inst: &Instance,
    model: &PolicyModel,
    alloc: &Allocation,
    l: &mut Lines,
) {
    if !model.whole_unit.enabled {
        return;
    }
    for (u, a) in inst.units.iter().zip(&alloc.units) {
        let t: f64 = a.iter().sum();
        let tol = tolerance(u.area_km2) * 10.0;
        if t > tol && (t - u.area_km2).abs() > tol {
            l.failures.push(format!(
                "unit_capacity[{}]: whole-unit mode, but {t} of {} km² is redeveloped",
                u.id, u.area_km2
            ));
        }
    }
}
