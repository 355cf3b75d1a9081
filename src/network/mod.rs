//! The transport and linkage networks, with `petgraph`.
//!
//! The **transport network** links the instance's nodes (district seats, towns, stations);
//! distances between them are shortest paths (Dijkstra) over link lengths.
//!
//! The **linkage network** pairs withdrawal units with receiving sites: an edge is a pairing
//! the policy allows — same district, or a listed (unit zone, site zone) pair — within the
//! maximum travel distance (the policy's definitions: [`LinkageBalance::withdraws`],
//! [`LinkageBalance::receives`], [`LinkageBalance::pairs`]). Its connected components are
//! independent project areas; after a solve, the edges that carry flow decompose into the
//! project areas actually used ([`project_areas`]).
//!
//! Shortest paths are computed here once for the whole library ([`TransportGraph`],
//! [`Distances`]): the network build, the project areas and the independent check all use
//! them.

use crate::instance::uses::Role;
use crate::instance::Instance;
use crate::policy::{LinkageBalance, Years};
use crate::solution::{Allocation, Flow};
use petgraph::algo::{connected_components, dijkstra};
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::unionfind::UnionFind;
use serde::Serialize;
use std::collections::HashMap;

/// The transport network as a graph: node weights are instance node indices, edge weights
/// link lengths in km.
pub struct TransportGraph {
    graph: UnGraph<usize, f64>,
}

impl TransportGraph {
    pub fn new(inst: &Instance) -> TransportGraph {
        let mut graph =
            UnGraph::with_capacity(inst.transport.nodes.len(), inst.transport.links.len());
        for i in 0..inst.transport.nodes.len() {
            graph.add_node(i);
        }
        for l in &inst.transport.links {
            graph.add_edge(NodeIndex::new(l.from), NodeIndex::new(l.to), l.length_km);
        }
        TransportGraph { graph }
    }

    /// Shortest-path distance (km) from `from` to every node; `f64::INFINITY` where
    /// unreachable.
    pub fn distances_from(&self, from: usize) -> Vec<f64> {
        let d = dijkstra(&self.graph, NodeIndex::new(from), None, |e| *e.weight());
        let mut out = vec![f64::INFINITY; self.graph.node_count()];
        for (n, v) in d {
            out[n.index()] = v;
        }
        out
    }

    /// Distances from every node a caller asks for, each computed once.
    pub fn cached(self) -> Distances {
        Distances {
            transport: self,
            cache: HashMap::new(),
        }
    }

    /// Number of connected components of the transport network.
    pub fn components(&self) -> usize {
        connected_components(&self.graph)
    }
}

/// Shortest-path distances on the transport network, one Dijkstra per source node.
pub struct Distances {
    transport: TransportGraph,
    cache: HashMap<usize, Vec<f64>>,
}

impl Distances {
    /// Distances (km) from `from` to every node.
    pub fn from(&mut self, from: usize) -> &[f64] {
        let t = &self.transport;
        self.cache
            .entry(from)
            .or_insert_with(|| t.distances_from(from))
    }

    /// Distance (km) from a unit to a site: from the unit's location to its node, over the
    /// network, and from the site's node to its location (the access legs are 0 unless
    /// the node was found as the nearest to a location).
    pub fn unit_site_km(
        &mut self,
        u: &crate::instance::StockUnit,
        s: &crate::instance::Site,
    ) -> f64 {
        u.access_km + self.km(u.node, s.node) + s.access_km
    }

    /// Distance (km) between two nodes; infinite when either is missing or unreachable.
    pub fn km(&mut self, from: Option<usize>, to: Option<usize>) -> f64 {
        match (from, to) {
            (Some(a), Some(b)) => self.from(a)[b],
            _ => f64::INFINITY,
        }
    }
}

/// An allowed pairing of a pool of withdrawal units (one unit unless the rule pools them)
/// with a receiving site.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LinkageEdge {
    /// Index into [`LinkageNetwork::pools`].
    pub pool: u32,
    pub site: u32,
    /// Shortest-path distance between their nodes, km.
    pub distance_km: f64,
    /// Whether unit and site are in different districts.
    pub cross_district: bool,
}

/// Withdrawal units that send quota as one: a single unit, or with
/// [`crate::policy::Pooling::Node`] the units of one district at one node with one arable
/// grade (they share every pairing, distance and quality weight).
#[derive(Debug, Clone, PartialEq)]
pub struct Pool {
    /// Unit indices, ascending.
    pub units: Vec<u32>,
    pub district: u32,
    pub node: Option<u32>,
    pub grade: u8,
}

impl Pool {
    /// The place its `linkage_balance` row and flow columns are named by: the unit itself,
    /// or the (district, node, grade) the units share.
    pub fn place(&self) -> crate::policy::Place {
        match self.node {
            Some(node) if self.units.len() > 1 => crate::policy::Place::Pool {
                district: self.district,
                node,
                grade: self.grade,
            },
            _ => crate::policy::Place::Unit(self.units[0]),
        }
    }
}

/// A node of the linkage graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkageNode {
    /// A pool, by index.
    Pool(u32),
    Site(u32),
}

/// The linkage network.
pub struct LinkageNetwork {
    pub edges: Vec<LinkageEdge>,
    /// The pools, in the order of their first unit: one per withdrawal unit unless pooled.
    pub pools: Vec<Pool>,
    /// Units that can be withdrawn (of a withdrawal kind, with reclaimable arable).
    pub withdrawal_units: Vec<u32>,
    pub graph: UnGraph<LinkageNode, u32>,
}

/// Size of the linkage network, for the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NetworkSummary {
    pub withdrawal_units: usize,
    pub sites: usize,
    /// Flow edges: (pool, site) pairings.
    pub edges: usize,
    pub cross_district_edges: usize,
    /// Connected components among units and sites that have at least one edge.
    pub components: usize,
    /// Withdrawal units with no allowed site.
    pub isolated_units: usize,
    /// Sites no withdrawal unit can reach.
    pub unreachable_sites: usize,
    /// With pooled units: the (unit, site) pairings the pools stand for, and the pools.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pooled: Option<Pooled>,
}

/// What pooling saves: (unit, site) pairings and the pools standing for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Pooled {
    pub pairings: usize,
    pub pools: usize,
}

impl LinkageNetwork {
    /// A network with no edges.
    pub fn empty() -> LinkageNetwork {
        LinkageNetwork {
            edges: Vec::new(),
            pools: Vec::new(),
            withdrawal_units: Vec::new(),
            graph: UnGraph::new_undirected(),
        }
    }

    /// The units of an edge's pool.
    pub fn units_of(&self, e: &LinkageEdge) -> &[u32] {
        &self.pools[e.pool as usize].units
    }

    /// Every withdrawal unit of `rule` with the sites it may send quota to and their
    /// distances, unit by unit (`each(unit, sites)`, `sites` reused between calls): the
    /// pairings of the network before pooling, without holding them.
    pub fn each_reach(
        inst: &Instance,
        rule: &LinkageBalance,
        mut each: impl FnMut(usize, &[(u32, f64)]),
    ) {
        let mut distances = TransportGraph::new(inst).cached();
        let mut sites = Vec::new();
        for (ui, u) in inst.units.iter().enumerate() {
            if !rule.withdraws(inst, u) {
                continue;
            }
            let dist = u.node.map(|n| distances.from(n));
            sites.clear();
            for (si, s) in inst.sites.iter().enumerate() {
                if !rule.receives(s) || !rule.pairs(inst, u.district, s.district) {
                    continue;
                }
                let d = match (&dist, s.node) {
                    (Some(dist), Some(sn)) => u.access_km + dist[sn] + s.access_km,
                    _ => f64::INFINITY,
                };
                if d <= rule.max_distance_km {
                    sites.push((si as u32, d));
                }
            }
            each(ui, &sites);
        }
    }

    /// Build the network of `rule` on `inst`.
    pub fn build(inst: &Instance, rule: &LinkageBalance) -> LinkageNetwork {
        // every withdrawal unit's allowed sites, with the distance
        let mut reach: Vec<(u32, Vec<(u32, f64)>)> = Vec::new();
        LinkageNetwork::each_reach(inst, rule, |ui, sites| {
            reach.push((ui as u32, sites.to_vec()));
        });
        let pooling = rule.pool == crate::policy::Pooling::Node;
        let mut pools: Vec<Pool> = Vec::new();
        let mut first_reach: Vec<usize> = Vec::new();
        let mut by_key: HashMap<(usize, usize, u8), usize> = HashMap::new();
        for (i, (ui, sites)) in reach.iter().enumerate() {
            let u = &inst.units[*ui as usize];
            let poolable = pooling
                && u.access_km == 0.0
                && !sites.is_empty()
                && sites
                    .iter()
                    .all(|&(s, _)| inst.sites[s as usize].district == u.district);
            let key = u.node.map(|n| (u.district, n, u.arable_grade));
            match key.filter(|_| poolable).and_then(|k| by_key.get(&k)) {
                Some(&p) => pools[p].units.push(*ui),
                None => {
                    if let Some(k) = key.filter(|_| poolable) {
                        by_key.insert(k, pools.len());
                    }
                    pools.push(Pool {
                        units: vec![*ui],
                        district: u.district as u32,
                        node: u.node.map(|n| n as u32),
                        grade: u.arable_grade,
                    });
                    first_reach.push(i);
                }
            }
        }
        // sized beforehand: at a million units the network has ten million edges, which
        // growing by doubling would hold up to twice over
        let n_edges: usize = first_reach.iter().map(|&i| reach[i].1.len()).sum();
        let mut graph = UnGraph::with_capacity(inst.sites.len() + pools.len(), n_edges);
        let site_nodes: Vec<NodeIndex> = (0..inst.sites.len())
            .map(|s| graph.add_node(LinkageNode::Site(s as u32)))
            .collect();
        let mut edges = Vec::with_capacity(n_edges);
        for (p, pool) in pools.iter().enumerate() {
            let pn = graph.add_node(LinkageNode::Pool(p as u32));
            for &(si, d) in &reach[first_reach[p]].1 {
                let e = edges.len() as u32;
                edges.push(LinkageEdge {
                    pool: p as u32,
                    site: si,
                    distance_km: d,
                    cross_district: pool.district as usize != inst.sites[si as usize].district,
                });
                graph.add_edge(pn, site_nodes[si as usize], e);
            }
        }
        LinkageNetwork {
            edges,
            pools,
            withdrawal_units: reach.iter().map(|(u, _)| *u).collect(),
            graph,
        }
    }

    pub fn summary(&self) -> NetworkSummary {
        let mut pool_degree = vec![0usize; self.pools.len()];
        let mut degree_site: HashMap<u32, usize> = HashMap::new();
        for e in &self.edges {
            pool_degree[e.pool as usize] += 1;
            *degree_site.entry(e.site).or_default() += 1;
        }
        let isolated_nodes = self.graph.node_count()
            - self
                .graph
                .node_indices()
                .filter(|&n| self.graph.neighbors(n).next().is_some())
                .count();
        let sites = self.graph.node_count() - self.pools.len();
        // units with an edge, and the (unit, site) pairings the pool edges stand for
        let (mut reaching, mut pairings) = (0, 0);
        for (p, &d) in self.pools.iter().zip(&pool_degree) {
            if d > 0 {
                reaching += p.units.len();
                pairings += p.units.len() * d;
            }
        }
        NetworkSummary {
            withdrawal_units: self.withdrawal_units.len(),
            sites,
            edges: self.edges.len(),
            cross_district_edges: self.edges.iter().filter(|e| e.cross_district).count(),
            components: connected_components(&self.graph) - isolated_nodes,
            isolated_units: self.withdrawal_units.len() - reaching,
            unreachable_sites: sites - degree_site.len(),
            pooled: (self.pools.len() < self.withdrawal_units.len()).then_some(Pooled {
                pairings,
                pools: self.pools.len(),
            }),
        }
    }
}

/// A project area: villages withdrawn and sites served, connected by flows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectArea {
    pub id: usize,
    pub units: Vec<String>,
    pub sites: Vec<String>,
    /// Zones of the units and of the sites.
    pub unit_zones: Vec<String>,
    pub site_zones: Vec<String>,
    /// km² reclaimed to arable at the area's units.
    pub reclaimed_km2: f64,
    /// km² of quota used at the area's sites.
    pub quota_km2: f64,
    /// Residents of the withdrawn land (population × redeveloped share).
    pub people_resettled: f64,
    /// Redevelopment and reclamation cost of the units' arable use, plus transfer costs,
    /// million yuan.
    pub cost: f64,
    /// The area's timeline, one entry per plan year (empty for one period, and then not
    /// written).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<AreaYear>,
}

/// One year of a project area: what is withdrawn, reclaimed and built in it, and the
/// turnover quota not yet returned at its end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaYear {
    pub year: u16,
    /// km² of the area's units redeveloped in the year (every use: the villages withdrawn).
    pub withdrawn_km2: f64,
    /// km² of them reclaimed to arable in the year.
    pub reclaimed_km2: f64,
    /// km² of quota used at the area's sites in the year (construction it backs).
    pub quota_km2: f64,
    /// Quota used and not yet returned at the year's end, km²: per unit, quota sent by
    /// then less ratio × reclaimed by then, when positive (the definition of the year
    /// accounts' `quota_outstanding`, so the areas sum to it).
    pub outstanding_km2: f64,
}

/// The timeline of a project area's `units` from the allocation's years.
/// `sent[t]` is each unit's quota sent in year index `t` (the flows summed once for every
/// area).
fn area_years(
    inst: &Instance,
    alloc: &Allocation,
    units: &[u32],
    ratio: f64,
    years: Option<&Years>,
    sent_in: &[HashMap<u32, f64>],
) -> Vec<AreaYear> {
    let Some(ys) = years else {
        return Vec::new();
    };
    if alloc.by_year.len() != ys.count() || sent_in.len() != ys.count() {
        return Vec::new();
    }
    let mut sent = vec![0.0; units.len()];
    let mut reclaimed = vec![0.0; units.len()];
    alloc
        .by_year
        .iter()
        .enumerate()
        .map(|(t, a)| {
            let (mut withdrawn, mut recl, mut quota) = (0.0, 0.0, 0.0);
            for (i, &u) in units.iter().enumerate() {
                let x = &a.units[u as usize];
                withdrawn += x.iter().sum::<f64>();
                let r = inst.uses.sum_role(x, Role::Arable);
                recl += r;
                reclaimed[i] += r;
                let s = sent_in[t].get(&u).copied().unwrap_or(0.0);
                sent[i] += s;
                quota += s;
            }
            AreaYear {
                year: ys.year(t),
                withdrawn_km2: withdrawn,
                reclaimed_km2: recl,
                quota_km2: quota,
                outstanding_km2: crate::policy::years::quota_outstanding(
                    sent.iter().copied().zip(reclaimed.iter().copied()),
                    ratio,
                ),
            }
        })
        .collect()
}

/// Decompose the flows into project areas: connected components of the edges carrying
/// more than `eps` km²; with the plan's `years`, each area's timeline.
pub fn project_areas(
    inst: &Instance,
    alloc: &Allocation,
    rule: &LinkageBalance,
    years: Option<&Years>,
    eps: f64,
) -> Vec<ProjectArea> {
    let flows: Vec<&Flow> = alloc.flows.iter().filter(|f| f.quota_km2 > eps).collect();
    let n_units = inst.units.len();
    let mut uf = UnionFind::<usize>::new(n_units + inst.sites.len());
    for f in &flows {
        uf.union(f.unit as usize, n_units + f.site as usize);
    }
    let mut by_root: std::collections::BTreeMap<usize, Vec<&Flow>> =
        std::collections::BTreeMap::new();
    for f in &flows {
        by_root.entry(uf.find(f.unit as usize)).or_default().push(f);
    }
    let mut distances = TransportGraph::new(inst).cached();
    // each unit's quota sent in each year, summed once for every area's timeline
    let sent_in: Vec<HashMap<u32, f64>> = alloc
        .by_year
        .iter()
        .map(|a| {
            let mut m = HashMap::new();
            for f in &a.flows {
                *m.entry(f.unit).or_insert(0.0) += f.quota_km2;
            }
            m
        })
        .collect();
    let mut areas: Vec<ProjectArea> = by_root
        .into_values()
        .map(|fs| {
            let mut units: Vec<u32> = fs.iter().map(|f| f.unit).collect();
            units.sort_unstable();
            units.dedup();
            let mut sites: Vec<u32> = fs.iter().map(|f| f.site).collect();
            sites.sort_unstable();
            sites.dedup();
            let mut reclaimed = 0.0;
            let mut people = 0.0;
            let mut cost = 0.0;
            for &u in &units {
                let unit = &inst.units[u as usize];
                let a = &alloc.units[u as usize];
                let r = inst.uses.sum_role(a, Role::Arable);
                reclaimed += r;
                if unit.area_km2 > 0.0 {
                    people += unit.population * a.iter().sum::<f64>() / unit.area_km2;
                }
                cost += inst
                    .uses
                    .with_role(Role::Arable)
                    .map(|k| unit.uses[k.index()].map_or(0.0, |e| e.cost) * a[k.index()])
                    .sum::<f64>();
            }
            for f in &fs {
                let km = distances
                    .unit_site_km(&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
                if km.is_finite() {
                    cost += rule.transfer_cost_per_km2_km * km * f.quota_km2;
                }
            }
            let zone_ids = |zs: Vec<usize>| {
                let mut v: Vec<String> = zs.into_iter().map(|z| inst.zones[z].id.clone()).collect();
                v.sort();
                v.dedup();
                v
            };
            ProjectArea {
                id: 0,
                unit_zones: zone_ids(
                    units
                        .iter()
                        .map(|&u| inst.unit_zone(&inst.units[u as usize]))
                        .collect(),
                ),
                site_zones: zone_ids(
                    sites
                        .iter()
                        .map(|&s| inst.site_zone(&inst.sites[s as usize]))
                        .collect(),
                ),
                units: units
                    .iter()
                    .map(|&u| inst.units[u as usize].id.clone())
                    .collect(),
                sites: sites
                    .iter()
                    .map(|&s| inst.sites[s as usize].id.clone())
                    .collect(),
                reclaimed_km2: reclaimed,
                quota_km2: fs.iter().map(|f| f.quota_km2).sum(),
                people_resettled: people,
                cost,
                years: area_years(inst, alloc, &units, rule.ratio, years, &sent_in),
            }
        })
        .collect();
    areas.sort_by(|a, b| b.quota_km2.total_cmp(&a.quota_km2));
    for (i, a) in areas.iter_mut().enumerate() {
        a.id = i + 1;
    }
    areas
}
