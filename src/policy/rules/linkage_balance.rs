//! `linkage_balance`: the urban-rural increase-decrease linkage (城乡建设用地增减挂钩), with
//! the policy definitions it owns: what a withdrawal unit is and which pairings it allows.
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#linkage_balance`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "urban-rural increase-decrease linkage",
    zh: "城乡建设用地增减挂钩",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::{Instance, Site, SiteKind, StockUnit, UnitKind};
use crate::instance::uses::Role;
use serde::{Deserialize, Serialize};

/// At which level the linkage's arable quality is balanced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum QualityLevel {
    /// Per receiving site, through the flows that reach it.
    #[default]
    Site,
    /// Per district of the receiving sites.
    District,
    /// City-wide.
    City,
    /// Not balanced in quality.
    Off,
}

/// How withdrawal units send quota: one flow per (unit, site), or pooled by transport node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Pooling {
    /// One flow column per allowed (unit, site) pairing.
    #[default]
    None,
    /// The withdrawal units of one district at one transport node (located at the node, no
    /// access distance) with one arable grade send quota as one pool: one flow per (pool,
    /// site). Exact: they share every distance, pairing and quality weight, so any pooled
    /// flow splits back over the units in proportion to their reclaimed arable and meets each
    /// unit's row (the plan reported and checked is that split). Units with a pairing across
    /// districts stay on their own (people follow their quota there, per unit).
    Node,
}

/// `linkage_balance`: the urban-rural increase-decrease linkage (城乡建设用地增减挂钩).
/// Quota flows `f[e]` run along the edges `e = (u, s)` of the linkage network (built by
/// the `network` module from these definitions): a withdrawal unit `u` ([`LinkageBalance::withdraws`]) and a site
/// `s` ([`LinkageBalance::receives`]) in the same district (`same_district`), or in a listed
/// pair of zones (`zone_pairs`, from the unit's zone to the site's), within
/// `max_distance_km` by shortest path on the transport network. Rows:
/// - `linkage_balance[u]`: Σ_{e from u} `f[e]` ≤ ratio · `x[u,arable]` (quota sent ≤ what is
///   reclaimed);
/// - `linkage_balance[s]`: `l[s]` = Σ_{e into s} `f[e]` ≤ Σ_k `y[s,k]` (quota received backs
///   construction at the site; so in every project area reclaimed ≥ used);
/// - `new_construction_quota` then caps Y − L (L = Σ_e `f[e]`): linkage-backed construction
///   does not use the new-construction quota; and with `counts_as_stock`, `stock_share`
///   counts L as stock (the quota comes from stock land): X + L ≥ min_share · S;
/// - quality (占优补优) at `quality_level`: Σ_e (w(g_u) − w(g_s)·a_s)·`f[e]` ≥ 0 over the
///   flows into each site (`linkage_balance[s.quality]`), into each district's sites
///   (`linkage_balance[district.quality]`) or all (`linkage_balance[quality]`).
///
/// With `pool = "node"` the per-unit row becomes one per pool, `linkage_balance[pool]`
/// (Σ_{e from pool} `f[e]` ≤ ratio · Σ_{u in pool} `x[u,arable]`), and pairings grow as
/// nodes × sites instead of units × sites ([`Pooling::Node`]).
///
/// Each km² of quota costs `transfer_cost_per_km2_km` × the edge's length (million yuan).
/// In whole-unit mode, an edge with `fixed_project_cost` > 0 or `min_project_km2` > 0 gets a
/// binary: used (f ≥ min, fixed cost paid) or not (f = 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkageBalance {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// km² of quota per km² reclaimed to arable; at most 1 (construction land does not grow
    /// through the linkage).
    #[serde(default = "one")]
    pub ratio: f64,
    #[serde(default = "withdrawal_kinds")]
    pub withdrawal_kinds: Vec<UnitKind>,
    /// Kinds of receiving site that may take linkage quota (default: all).
    #[serde(default = "all_site_kinds")]
    pub site_kinds: Vec<SiteKind>,
    #[serde(default = "yes")]
    pub same_district: bool,
    /// (unit zone, site zone) pairs allowed across districts.
    #[serde(default)]
    pub zone_pairs: Vec<(String, String)>,
    pub max_distance_km: f64,
    #[serde(default)]
    pub transfer_cost_per_km2_km: f64,
    #[serde(default)]
    pub quality_level: QualityLevel,
    #[serde(default = "yes")]
    pub counts_as_stock: bool,
    #[serde(default)]
    pub fixed_project_cost: f64,
    #[serde(default)]
    pub min_project_km2: f64,
    /// `none` (default) or `node`: see [`Pooling`].
    #[serde(default)]
    pub pool: Pooling,
}

fn one() -> f64 {
    1.0
}

fn all_site_kinds() -> Vec<SiteKind> {
    SiteKind::ALL.to_vec()
}

fn withdrawal_kinds() -> Vec<UnitKind> {
    vec![UnitKind::RuralHomestead, UnitKind::CollectiveIndustrial]
}

impl LinkageBalance {
    /// Whether `u` can be withdrawn: of a withdrawal kind, with land that can be reclaimed
    /// to arable.
    pub fn withdraws(&self, inst: &Instance, u: &StockUnit) -> bool {
        self.withdrawal_kinds.contains(&u.kind)
            && inst.uses.with_role(Role::Arable).any(|k| u.uses[k.index()].is_some())
            && u.reclaimable_share > 0.0
            && u.area_km2 > 0.0
    }

    /// Whether `s` is of a kind that may receive quota.
    pub fn receives(&self, s: &Site) -> bool {
        self.site_kinds.contains(&s.kind)
    }

    /// Whether a pairing between a unit of `unit_district` and a site of `site_district` is
    /// allowed by district and zone (distance and kinds apart).
    pub fn pairs(&self, inst: &Instance, unit_district: usize, site_district: usize) -> bool {
        if unit_district == site_district {
            return self.same_district;
        }
        let (zu, zs) = (
            &inst.zones[inst.districts[unit_district].zone].id,
            &inst.zones[inst.districts[site_district].zone].id,
        );
        self.zone_pairs.iter().any(|(a, b)| a == zu && b == zs)
    }

    /// Whether the pairing of `u` with `s` at `distance_km` is an edge of the linkage
    /// network.
    pub fn allows(&self, inst: &Instance, u: &StockUnit, s: &Site, distance_km: f64) -> bool {
        self.withdraws(inst, u)
            && self.receives(s)
            && self.pairs(inst, u.district, s.district)
            && distance_km <= self.max_distance_km
    }

    /// Whether edges get a binary in whole-unit mode (a fixed cost or a minimum size).
    pub fn has_edge_binaries(&self) -> bool {
        self.fixed_project_cost > 0.0 || self.min_project_km2 > 0.0
    }
}

impl Family for LinkageBalance {
    enforcement!();
    fn validate(&self, v: &mut Validator<'_>) {
        if !self.ratio.is_finite() || self.ratio <= 0.0 || self.ratio > 1.0 {
            v.push("ratio", format!("expected a ratio in (0, 1] (construction land must not grow through the linkage), found {}", self.ratio));
        }
        v.km2("max_distance_km", self.max_distance_km);
        v.km2("transfer_cost_per_km2_km", self.transfer_cost_per_km2_km);
        v.km2("fixed_project_cost", self.fixed_project_cost);
        v.km2("min_project_km2", self.min_project_km2);
        for (i, (a, b)) in self.zone_pairs.iter().enumerate() {
            v.zone(&format!("zone_pairs[{i}]"), a);
            v.zone(&format!("zone_pairs[{i}]"), b);
        }
        if self.withdrawal_kinds.is_empty() {
            v.push(
                "withdrawal_kinds",
                "expected at least one kind of unit that can be withdrawn",
            );
        }
        if self.pool == Pooling::Node && self.has_edge_binaries() {
            v.push("pool", "pooled quota has no per-pairing flow for fixed_project_cost or min_project_km2 to act on: set pool = \"none\", or both to 0");
        }
        if v.instance().is_some_and(|i| i.transport.nodes.is_empty()) {
            v.push("max_distance_km", "the linkage measures distance on the transport network, and the instance has none: add [transport] to the instance");
        }
    }
}
