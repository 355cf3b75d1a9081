//! The rule families of a policy model, one settings struct each, with the rule's formula.
//!
//! Notation: `x[u,k]` km² of stock unit `u` turned to use `k`; `y[s,k]` km² of new
//! construction for use `k` at receiving site `s`; `c[p]` km² of new arable from
//! consolidation project `p`. `C` = construction uses (affordable, market, industrial,
//! infrastructure), `UR` = urban-rural uses (residential and industrial).
//! Stock re-use `X = Σ_u Σ_{k∈C} x[u,k]`, new construction `Y = Σ_s Σ_k y[s,k]`,
//! supply `S = X + Y`; reclaimed arable `R = Σ_u x[u,arable]`; arable occupied
//! `O = Σ_s a_s Σ_k y[s,k]` (`a_s` the site's arable share).
//!
//! Every family has `enabled` (default true), `mode` (`hard` or `soft`, default hard) and
//! `penalty` (million yuan per km² of violation, required when soft).

use crate::error::Problem;
use crate::instance::Instance;
use crate::land_use::{LandUse, UseGroup};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Hard (a constraint) or soft (a penalty per km² of violation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Hard,
    Soft,
}

/// The stable id of a rule family. The same word names it in model files, row names
/// (`rule_id[key]`), duals, the check and every report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    UnitCapacity,
    SiteCapacity,
    Eligibility,
    TransportAccess,
    StockTarget,
    SupplyCap,
    StockShare,
    UrbanRuralSupply,
    UrbanRuralStock,
    SupplyMix,
    AffordableShare,
    NewConstructionQuota,
    ArableFloor,
    OccupationBalance,
    BasicFarmland,
    ConstructionCap,
    NonConstructionShare,
    TownConstructionCap,
    EcologicalZone,
    LinkageBalance,
    Resettlement,
}

impl RuleId {
    pub const ALL: [RuleId; 21] = [
        RuleId::UnitCapacity,
        RuleId::SiteCapacity,
        RuleId::Eligibility,
        RuleId::TransportAccess,
        RuleId::StockTarget,
        RuleId::SupplyCap,
        RuleId::StockShare,
        RuleId::UrbanRuralSupply,
        RuleId::UrbanRuralStock,
        RuleId::SupplyMix,
        RuleId::AffordableShare,
        RuleId::NewConstructionQuota,
        RuleId::ArableFloor,
        RuleId::OccupationBalance,
        RuleId::BasicFarmland,
        RuleId::ConstructionCap,
        RuleId::NonConstructionShare,
        RuleId::TownConstructionCap,
        RuleId::EcologicalZone,
        RuleId::LinkageBalance,
        RuleId::Resettlement,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::UnitCapacity => "unit_capacity",
            RuleId::SiteCapacity => "site_capacity",
            RuleId::Eligibility => "eligibility",
            RuleId::TransportAccess => "transport_access",
            RuleId::StockTarget => "stock_target",
            RuleId::SupplyCap => "supply_cap",
            RuleId::StockShare => "stock_share",
            RuleId::UrbanRuralSupply => "urban_rural_supply",
            RuleId::UrbanRuralStock => "urban_rural_stock",
            RuleId::SupplyMix => "supply_mix",
            RuleId::AffordableShare => "affordable_share",
            RuleId::NewConstructionQuota => "new_construction_quota",
            RuleId::ArableFloor => "arable_floor",
            RuleId::OccupationBalance => "occupation_balance",
            RuleId::BasicFarmland => "basic_farmland",
            RuleId::ConstructionCap => "construction_cap",
            RuleId::NonConstructionShare => "non_construction_share",
            RuleId::TownConstructionCap => "town_construction_cap",
            RuleId::EcologicalZone => "ecological_zone",
            RuleId::LinkageBalance => "linkage_balance",
            RuleId::Resettlement => "resettlement",
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn yes() -> bool {
    true
}

/// Enforcement settings common to every family.
pub trait Enforced {
    fn enabled(&self) -> bool;
    fn mode(&self) -> Mode;
    fn penalty(&self) -> Option<f64>;
    /// The penalty per km² when soft, `None` when hard.
    fn soft_penalty(&self) -> Option<f64> {
        match self.mode() {
            Mode::Hard => None,
            Mode::Soft => Some(self.penalty().unwrap_or(0.0)),
        }
    }
}

macro_rules! enforced {
    ($($t:ty),* $(,)?) => {$(
        impl Enforced for $t {
            fn enabled(&self) -> bool { self.enabled }
            fn mode(&self) -> Mode { self.mode }
            fn penalty(&self) -> Option<f64> { self.penalty }
        }
    )*};
}

/// `unit_capacity[u]`: Σ_k x[u,k] ≤ area(u); and x[u,arable] ≤ reclaimable_share(u) · area(u)
/// (a column bound, checked under the same id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitCapacity {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
}

/// `site_capacity[s]`: Σ_k y[s,k] ≤ capacity(s).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteCapacity {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
}

/// `eligibility`: a unit inside an ecological redline takes only `redline_uses`; a unit
/// inside a basic-farmland protection area takes only `basic_farmland_area_uses`; a site
/// with basic farmland (`basic_farmland_share > 0`) takes no new construction unless
/// `allow_sites_on_basic_farmland`. Ineligible pairs get no column; the check verifies
/// that the allocation gives them nothing. Always hard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Eligibility {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    #[serde(default = "non_construction")]
    pub redline_uses: Vec<LandUse>,
    #[serde(default = "non_construction")]
    pub basic_farmland_area_uses: Vec<LandUse>,
    #[serde(default = "yes")]
    pub allow_sites_on_basic_farmland: bool,
}

fn non_construction() -> Vec<LandUse> {
    vec![LandUse::Arable, LandUse::Ecological]
}

/// `transport_access`: uses in `uses` (default residential and industrial) need a rail or
/// public-transport station within `max_station_km`, at stock units and at sites. Hard:
/// a unit or site farther away gets no such column. Soft: it may, at a cost of
/// `penalty` million yuan per km² per km beyond `max_station_km`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransportAccess {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_station_km: f64,
    #[serde(default = "urban_rural_uses")]
    pub uses: Vec<LandUse>,
}

fn urban_rural_uses() -> Vec<LandUse> {
    vec![LandUse::Affordable, LandUse::Market, LandUse::Industrial]
}

/// `stock_target[zone]`: Σ_{u∈zone} Σ_{k∈counts} x[u,k] = target(zone) ± tolerance.
/// `counts` says which uses count as redevelopment (default all six: re-use for
/// construction and reclamation to arable or ecological land both count).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StockTarget {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    /// km² per zone id.
    pub targets_km2: BTreeMap<String, f64>,
    #[serde(default)]
    pub tolerance_km2: f64,
    #[serde(default = "all_uses")]
    pub counts: Vec<LandUse>,
}

fn all_uses() -> Vec<LandUse> {
    LandUse::ALL.to_vec()
}

/// `supply_cap`: S = X + Y ≤ max_km2 (construction land supply over the period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyCap {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

/// `stock_share`: X ≥ min_share · S, stated as (1 − min_share)·X − min_share·Y ≥ 0
/// (km² of stock re-use above the required share).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StockShare {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_share: f64,
}

/// A target with a tolerance band, km².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub target_km2: f64,
    #[serde(default)]
    pub tolerance_km2: f64,
}

/// `urban_rural_supply`: Σ_{k∈UR} (Σ_u x[u,k] + Σ_s y[s,k]) = target ± tolerance.
pub type UrbanRuralSupply = Band;
/// `urban_rural_stock`: Σ_{k∈UR} Σ_u x[u,k] = target ± tolerance.
pub type UrbanRuralStock = Band;

/// One group's share of supply, with a band: share − band ≤ group/S ≤ share + band.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MixShare {
    pub share: f64,
    #[serde(default)]
    pub band: f64,
}

/// `supply_mix[group.min]`, `supply_mix[group.max]`: for each group g (residential,
/// industrial, infrastructure), G_g − (share_g − band_g)·S ≥ 0 and
/// G_g − (share_g + band_g)·S ≤ 0, where G_g is the group's supply from stock and sites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplyMix {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub shares: BTreeMap<UseGroup, MixShare>,
}

/// `affordable_share`: affordable supply ≥ min_share · residential supply, stated as
/// (1 − min_share)·A − min_share·M ≥ 0 (A affordable, M market, from stock and sites).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AffordableShare {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_share: f64,
}

/// `new_construction_quota`: Y = Σ_s Σ_k y[s,k] ≤ max_km2 (new construction land).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewConstructionQuota {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

/// `arable_floor`: arable at period end = baseline arable + exogenous change + R +
/// Σ_p c[p] − O ≥ min_km2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArableFloor {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_km2: f64,
}

/// `occupation_balance[area]`: R + Σ_p c[p] − O ≥ 0 (占补平衡: arable supplemented ≥ arable
/// occupied by new construction). With `quality_weighted`, also
/// `occupation_balance[quality]`: Σ_u w(g_u)·x[u,arable] + Σ_p w(g_p)·c[p] −
/// Σ_s w(g_s)·a_s·Σ_k y[s,k] ≥ 0 (占优补优), with quality weight w(g) = (16 − g)/15 for
/// arable grade g (1 best → 1, 15 worst → 1/15).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OccupationBalance {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    #[serde(default)]
    pub quality_weighted: bool,
}

/// Quality weight of arable grade `g` (1 best ... 15 worst): w(g) = (16 − g)/15.
pub fn quality_weight(grade: u8) -> f64 {
    (16.0 - grade as f64) / 15.0
}

/// `basic_farmland`: baseline basic farmland + exogenous change − Σ_s b_s·Σ_k y[s,k] ≥
/// min_km2 (`b_s` the site's basic-farmland share).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicFarmland {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_km2: f64,
}

/// `construction_cap`: construction at period end = baseline construction + Y −
/// Σ_u (x[u,arable] + x[u,ecological]) ≤ max_km2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConstructionCap {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

/// `non_construction_share`: non-construction land at period end = total area −
/// construction at period end ≥ min_share · total area (stated in km²).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NonConstructionShare {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub min_share: f64,
}

/// `town_construction_cap`: town construction at period end ≤ max_km2, where town land at
/// period end = baseline town + Σ_{s in town} Σ_{k∈UR} y[s,k] + Σ_{u in town}
/// Σ_{k∈UR} x[u,k] − Σ_{u with account town} Σ_k x[u,k] (a unit leaves its account when
/// redeveloped, and residential or industrial re-use counts as town land where the unit
/// lies in a town).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TownConstructionCap {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub max_km2: f64,
}

/// `ecological_zone[zone]`: construction land in each listed zone does not grow:
/// Σ_{s∈zone} Σ_k y[s,k] − Σ_{u∈zone} (x[u,arable] + x[u,ecological]) ≤ 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EcologicalZone {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub zones: Vec<String>,
}

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

/// `linkage_balance`: the urban-rural increase-decrease linkage (城乡建设用地增减挂钩).
/// Quota flows `f[e]` run along the edges `e = (u, s)` of the linkage network (see
/// [`crate::network`]): a withdrawal unit `u` (a unit of `withdrawal_kinds`) and a site `s`
/// (of `site_kinds`) in
/// the same district (`same_district`), or in a listed pair of zones (`zone_pairs`, from the
/// unit's zone to the site's), within `max_distance_km` by shortest path on the transport
/// network. Rows:
/// - `linkage_balance[u]`: Σ_{e from u} f[e] ≤ ratio · x[u,arable] (quota sent ≤ what is
///   reclaimed);
/// - `linkage_balance[s]`: l[s] = Σ_{e into s} f[e] ≤ Σ_k y[s,k] (quota received backs
///   construction at the site; so in every project area reclaimed ≥ used);
/// - `new_construction_quota` then caps Y − L (L = Σ_e f[e]): linkage-backed construction
///   does not use the new-construction quota; and with `counts_as_stock`, `stock_share`
///   counts L as stock (the quota comes from stock land): X + L ≥ min_share · S;
/// - quality (占优补优) at `quality_level`: Σ_e (w(g_u) − w(g_s)·a_s)·f[e] ≥ 0 over the
///   flows into each site (`linkage_balance[s.quality]`), into each district's sites
///   (`linkage_balance[district.quality]`) or all (`linkage_balance[quality]`).
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
    pub withdrawal_kinds: Vec<crate::instance::UnitKind>,
    /// Kinds of receiving site that may take linkage quota (default: all).
    #[serde(default = "all_site_kinds")]
    pub site_kinds: Vec<crate::instance::SiteKind>,
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
}

fn one() -> f64 {
    1.0
}

fn all_site_kinds() -> Vec<crate::instance::SiteKind> {
    crate::instance::SiteKind::ALL.to_vec()
}

fn withdrawal_kinds() -> Vec<crate::instance::UnitKind> {
    vec![
        crate::instance::UnitKind::RuralHomestead,
        crate::instance::UnitKind::CollectiveIndustrial,
    ]
}

/// `resettlement`: people moved out of redeveloped units of `kinds` are housed in
/// affordable housing, at `land_m2_per_person` m² of affordable-housing land per person.
/// A unit's demand is δ_u · Σ_k x[u,k] km², δ_u = population / area · land_m2_per_person /
/// 10⁶. Rows:
/// - `resettlement[district]`: Σ_{u∈d} δ_u Σ_k x[u,k] − Σ_{e out of d} r[e] + Σ_{e into d}
///   r[e] ≤ affordable housing in d (stock and sites), where r[e] is affordable land at a
///   site in another district taken by people from the unit at the edge's other end;
/// - `resettlement[u>s]`: r[e] ≤ δ_u · f[e] / ratio (people follow their quota: only sites
///   linked to them by a flow house them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resettlement {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    #[serde(default = "homesteads")]
    pub kinds: Vec<crate::instance::UnitKind>,
    pub land_m2_per_person: f64,
}

fn homesteads() -> Vec<crate::instance::UnitKind> {
    vec![crate::instance::UnitKind::RuralHomestead]
}

enforced!(
    LinkageBalance,
    Resettlement,
    UnitCapacity,
    SiteCapacity,
    Eligibility,
    TransportAccess,
    StockTarget,
    SupplyCap,
    StockShare,
    Band,
    SupplyMix,
    AffordableShare,
    NewConstructionQuota,
    ArableFloor,
    OccupationBalance,
    BasicFarmland,
    ConstructionCap,
    NonConstructionShare,
    TownConstructionCap,
    EcologicalZone,
);

/// All rule families of a model. A family left out of the file is absent (not applied).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_capacity: Option<UnitCapacity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_capacity: Option<SiteCapacity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<Eligibility>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport_access: Option<TransportAccess>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock_target: Option<StockTarget>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supply_cap: Option<SupplyCap>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock_share: Option<StockShare>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urban_rural_supply: Option<UrbanRuralSupply>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urban_rural_stock: Option<UrbanRuralStock>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supply_mix: Option<SupplyMix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affordable_share: Option<AffordableShare>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_construction_quota: Option<NewConstructionQuota>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arable_floor: Option<ArableFloor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation_balance: Option<OccupationBalance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basic_farmland: Option<BasicFarmland>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub construction_cap: Option<ConstructionCap>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub non_construction_share: Option<NonConstructionShare>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub town_construction_cap: Option<TownConstructionCap>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecological_zone: Option<EcologicalZone>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linkage_balance: Option<LinkageBalance>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resettlement: Option<Resettlement>,
}

/// Returns the family if present and enabled.
pub fn active<T: Enforced>(r: &Option<T>) -> Option<&T> {
    r.as_ref().filter(|r| r.enabled())
}

struct V<'a> {
    file: &'a str,
    problems: &'a mut Vec<Problem>,
}

impl V<'_> {
    fn push(&mut self, record: &str, field: &str, msg: String) {
        self.problems
            .push(Problem::new(self.file, record, field, msg));
    }
    fn enforced(&mut self, id: RuleId, r: &dyn Enforced) {
        let rec = format!("rules.{id}");
        match (r.mode(), r.penalty()) {
            (Mode::Soft, None) => self.push(
                &rec,
                "penalty",
                "a soft rule needs a penalty (million yuan per km² of violation)".into(),
            ),
            (_, Some(p)) if !p.is_finite() || p < 0.0 => self.push(
                &rec,
                "penalty",
                format!("expected a finite penalty ≥ 0, found {p}"),
            ),
            _ => {}
        }
    }
    fn km2(&mut self, id: RuleId, field: &str, v: f64) {
        if !v.is_finite() || v < 0.0 {
            self.push(
                &format!("rules.{id}"),
                field,
                format!("expected a finite area ≥ 0 km², found {v}"),
            );
        }
    }
    fn share(&mut self, id: RuleId, field: &str, v: f64) {
        if !v.is_finite() || !(0.0..=1.0).contains(&v) {
            self.push(
                &format!("rules.{id}"),
                field,
                format!("expected a share in [0, 1], found {v}"),
            );
        }
    }
    fn zone(&mut self, id: RuleId, field: &str, zone: &str, inst: Option<&Instance>) {
        if let Some(inst) = inst {
            if inst.zone_index(zone).is_none() {
                let known: Vec<&str> = inst.zones.iter().map(|z| z.id.as_str()).collect();
                self.push(
                    &format!("rules.{id}"),
                    field,
                    format!(
                        "unknown zone `{zone}`: expected one of the instance's zones ({})",
                        known.join(", ")
                    ),
                );
            }
        }
    }
}

impl Rules {
    /// Every problem of the rules, alone and against `instance` when given.
    pub fn validate(&self, file: &str, inst: Option<&Instance>, problems: &mut Vec<Problem>) {
        let mut v = V { file, problems };
        macro_rules! each {
            ($($f:ident => $id:expr),* $(,)?) => {$(
                if let Some(r) = &self.$f { v.enforced($id, r); }
            )*};
        }
        each!(
            unit_capacity => RuleId::UnitCapacity,
            site_capacity => RuleId::SiteCapacity,
            eligibility => RuleId::Eligibility,
            transport_access => RuleId::TransportAccess,
            stock_target => RuleId::StockTarget,
            supply_cap => RuleId::SupplyCap,
            stock_share => RuleId::StockShare,
            urban_rural_supply => RuleId::UrbanRuralSupply,
            urban_rural_stock => RuleId::UrbanRuralStock,
            supply_mix => RuleId::SupplyMix,
            affordable_share => RuleId::AffordableShare,
            new_construction_quota => RuleId::NewConstructionQuota,
            arable_floor => RuleId::ArableFloor,
            occupation_balance => RuleId::OccupationBalance,
            basic_farmland => RuleId::BasicFarmland,
            construction_cap => RuleId::ConstructionCap,
            non_construction_share => RuleId::NonConstructionShare,
            town_construction_cap => RuleId::TownConstructionCap,
            ecological_zone => RuleId::EcologicalZone,
            linkage_balance => RuleId::LinkageBalance,
            resettlement => RuleId::Resettlement,
        );
        if let Some(r) = &self.linkage_balance {
            let id = RuleId::LinkageBalance;
            if !r.ratio.is_finite() || r.ratio <= 0.0 || r.ratio > 1.0 {
                v.push("rules.linkage_balance", "ratio", format!("expected a ratio in (0, 1] (construction land must not grow through the linkage), found {}", r.ratio));
            }
            v.km2(id, "max_distance_km", r.max_distance_km);
            v.km2(id, "transfer_cost_per_km2_km", r.transfer_cost_per_km2_km);
            v.km2(id, "fixed_project_cost", r.fixed_project_cost);
            v.km2(id, "min_project_km2", r.min_project_km2);
            for (i, (a, b)) in r.zone_pairs.iter().enumerate() {
                v.zone(id, &format!("zone_pairs[{i}]"), a, inst);
                v.zone(id, &format!("zone_pairs[{i}]"), b, inst);
            }
            if r.withdrawal_kinds.is_empty() {
                v.push(
                    "rules.linkage_balance",
                    "withdrawal_kinds",
                    "expected at least one kind of unit that can be withdrawn".into(),
                );
            }
            if let Some(inst) = inst {
                if inst.transport.nodes.is_empty() {
                    v.push("rules.linkage_balance", "max_distance_km", "the linkage measures distance on the transport network, and the instance has none: add [transport] to the instance".into());
                }
            }
        }
        if let Some(r) = &self.resettlement {
            if !r.land_m2_per_person.is_finite() || r.land_m2_per_person < 0.0 {
                v.push(
                    "rules.resettlement",
                    "land_m2_per_person",
                    format!(
                        "expected a finite area ≥ 0 m² per person, found {}",
                        r.land_m2_per_person
                    ),
                );
            }
        }
        if let Some(e) = &self.eligibility {
            if e.mode == Mode::Soft {
                v.push(
                    "rules.eligibility",
                    "mode",
                    "eligibility is always hard: expected mode = \"hard\"".into(),
                );
            }
        }
        if let Some(t) = &self.transport_access {
            v.km2(RuleId::TransportAccess, "max_station_km", t.max_station_km);
        }
        if let Some(t) = &self.stock_target {
            v.km2(RuleId::StockTarget, "tolerance_km2", t.tolerance_km2);
            if t.counts.is_empty() {
                v.push(
                    "rules.stock_target",
                    "counts",
                    "expected at least one use that counts as redevelopment".into(),
                );
            }
            let stock = inst.map(|i| i.stock_area_by_zone());
            for (zone, &target) in &t.targets_km2 {
                let field = format!("targets_km2.{zone}");
                v.km2(RuleId::StockTarget, &field, target);
                v.zone(RuleId::StockTarget, &field, zone, inst);
                if let (Some(inst), Some(stock)) = (inst, &stock) {
                    if let Some(z) = inst.zone_index(zone) {
                        if target - t.tolerance_km2 > stock[z] + 1e-9 {
                            v.push(
                                "rules.stock_target",
                                &field,
                                format!(
                                    "target {target} km² is larger than the zone's candidate stock ({:.3} km²): expected at most what exists",
                                    stock[z]
                                ),
                            );
                        }
                    }
                }
            }
        }
        if let Some(r) = &self.supply_cap {
            v.km2(RuleId::SupplyCap, "max_km2", r.max_km2);
        }
        if let Some(r) = &self.stock_share {
            v.share(RuleId::StockShare, "min_share", r.min_share);
        }
        for (r, id) in [
            (&self.urban_rural_supply, RuleId::UrbanRuralSupply),
            (&self.urban_rural_stock, RuleId::UrbanRuralStock),
        ] {
            if let Some(r) = r {
                v.km2(id, "target_km2", r.target_km2);
                v.km2(id, "tolerance_km2", r.tolerance_km2);
            }
        }
        if let Some(r) = &self.supply_mix {
            for (g, s) in &r.shares {
                if *g == UseGroup::NonConstruction {
                    v.push(
                        "rules.supply_mix",
                        &format!("shares.{g}"),
                        "expected residential, industrial or infrastructure".into(),
                    );
                }
                v.share(RuleId::SupplyMix, &format!("shares.{g}.share"), s.share);
                v.share(RuleId::SupplyMix, &format!("shares.{g}.band"), s.band);
            }
        }
        if let Some(r) = &self.affordable_share {
            v.share(RuleId::AffordableShare, "min_share", r.min_share);
        }
        if let Some(r) = &self.new_construction_quota {
            v.km2(RuleId::NewConstructionQuota, "max_km2", r.max_km2);
        }
        if let Some(r) = &self.arable_floor {
            v.km2(RuleId::ArableFloor, "min_km2", r.min_km2);
        }
        if let Some(r) = &self.basic_farmland {
            v.km2(RuleId::BasicFarmland, "min_km2", r.min_km2);
        }
        if let Some(r) = &self.construction_cap {
            v.km2(RuleId::ConstructionCap, "max_km2", r.max_km2);
        }
        if let Some(r) = &self.non_construction_share {
            v.share(RuleId::NonConstructionShare, "min_share", r.min_share);
        }
        if let Some(r) = &self.town_construction_cap {
            v.km2(RuleId::TownConstructionCap, "max_km2", r.max_km2);
        }
        if let Some(r) = &self.ecological_zone {
            for (i, z) in r.zones.iter().enumerate() {
                v.zone(RuleId::EcologicalZone, &format!("zones[{i}]"), z, inst);
            }
        }
    }
}

impl Rules {
    /// The same rules, each made soft with `penalty` per km² of violation (eligibility
    /// stays hard: it decides which columns exist). Used by the elastic relaxation that
    /// explains an infeasible model.
    pub fn all_soft(&self, penalty: f64) -> Rules {
        let mut r = self.clone();
        macro_rules! soften {
            ($($f:ident),*) => {$(
                if let Some(x) = r.$f.as_mut() {
                    x.mode = Mode::Soft;
                    x.penalty = Some(penalty);
                }
            )*};
        }
        soften!(
            unit_capacity,
            site_capacity,
            transport_access,
            stock_target,
            supply_cap,
            stock_share,
            urban_rural_supply,
            urban_rural_stock,
            supply_mix,
            affordable_share,
            new_construction_quota,
            arable_floor,
            occupation_balance,
            basic_farmland,
            construction_cap,
            non_construction_share,
            town_construction_cap,
            ecological_zone,
            linkage_balance,
            resettlement
        );
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_snake_case() {
        for id in RuleId::ALL {
            let s = serde_json::to_string(&id).unwrap();
            assert_eq!(s, format!("\"{}\"", id.as_str()));
        }
    }

    #[test]
    fn quality_weight_spans_grades() {
        assert_eq!(quality_weight(1), 1.0);
        assert!((quality_weight(15) - 1.0 / 15.0).abs() < 1e-12);
    }

    #[test]
    fn soft_without_penalty_is_rejected() {
        let mut p = Vec::new();
        let rules = Rules {
            supply_cap: Some(SupplyCap {
                enabled: true,
                mode: Mode::Soft,
                penalty: None,
                max_km2: 400.0,
            }),
            ..Default::default()
        };
        rules.validate("m.toml", None, &mut p);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].record, "rules.supply_cap");
        assert_eq!(p[0].field, "penalty");
    }
}
