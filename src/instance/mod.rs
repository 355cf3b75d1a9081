//! An instance: the facts of a region — baseline land accounts, zones, districts, stock units,
//! receiving sites and consolidation projects, with their costs and values. Never rules or
//! targets (those are the policy model's).
//!
//! Units of measure: every area is km² once loaded (files may give ha or mu, see
//! [`format`](mod@format)); every money figure is million yuan per km², which is numerically yuan per m².
//!
//! An [`Instance`] is built only through [`Instance::from_parts`], which validates it
//! and reports every problem found, so the rest of the library can rely on:
//! ids unique, every reference resolved, areas finite and non-negative, shares in [0, 1].

pub mod format;
pub mod geojson;
pub mod land_class;
pub mod location;
pub mod uses;
mod validate;

use crate::instance::uses::{LandUse, PerUse, Uses};
use serde::{Deserialize, Serialize};

pub use format::{AreaUnit, InstanceFile, ProjectRecord, SiteRecord, UnitRecord};

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Land accounts of a region or district at one date, km².
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Accounts {
    /// Total land area.
    pub total_km2: f64,
    /// Arable land (耕地).
    pub arable_km2: f64,
    /// Basic farmland (基本农田), part of arable.
    pub basic_farmland_km2: f64,
    /// All construction land (建设用地).
    pub construction_km2: f64,
    /// Urban-rural construction land (城乡建设用地) = town + rural.
    pub urban_rural_km2: f64,
    /// Town construction land (城镇建设用地).
    pub town_km2: f64,
}

impl Accounts {
    /// Rural (village) construction land = urban-rural − town.
    pub fn rural_km2(&self) -> f64 {
        self.urban_rural_km2 - self.town_km2
    }
    /// Transport, water, energy, tourism and special land = construction − urban-rural.
    pub fn other_construction_km2(&self) -> f64 {
        self.construction_km2 - self.urban_rural_km2
    }
}

/// Changes over the period that happen outside the allocation (forecasts), km².
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct ExogenousChange {
    /// Arable land gained (+) or lost (−) outside the plan's choices, e.g. ecological
    /// conversion of farmland to forest.
    pub arable_km2: f64,
    /// Basic farmland gained (+) or lost (−) outside the plan's choices.
    pub basic_farmland_km2: f64,
}

/// The region as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    pub name: String,
    /// Year the baseline accounts refer to.
    pub baseline_year: i32,
    pub baseline: Accounts,
    pub exogenous: ExogenousChange,
    /// GDP at the baseline and at period end, when the instance gives it.
    pub gdp: Option<Gdp>,
}

/// Gross domestic product at the baseline year and at period end, in one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Gdp {
    pub baseline: f64,
    pub period_end: f64,
    pub unit: String,
}

impl Gdp {
    /// GDP at period end over GDP at the baseline.
    pub fn growth(&self) -> f64 {
        self.period_end / self.baseline
    }
}

/// A functional zone.
#[derive(Debug, Clone, PartialEq)]
pub struct Zone {
    pub id: String,
    pub name: String,
}

/// A district (county-level unit); each lies in one zone.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    pub id: String,
    pub name: String,
    /// The name in Chinese, when the instance gives it.
    pub name_zh: Option<String>,
    /// Index into [`Instance::zones`].
    pub zone: usize,
    /// Resident population, persons.
    pub population: f64,
    /// Land area, km².
    pub area_km2: f64,
    /// District seat (longitude, latitude), when known.
    pub seat: Option<(f64, f64)>,
    /// Baseline accounts of the district, when known.
    pub baseline: Option<Accounts>,
    /// The district's boundary, when the instance gives a boundaries layer.
    pub boundary: Option<geo::MultiPolygon<f64>>,
}

/// What a stock unit is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    RuralHomestead,
    CollectiveIndustrial,
    UrbanVillage,
    InefficientIndustrial,
    Idle,
    /// A patch group of any present class (图斑组), allocated across target uses.
    Patch,
}

impl UnitKind {
    pub const ALL: [UnitKind; 6] = [
        UnitKind::RuralHomestead,
        UnitKind::CollectiveIndustrial,
        UnitKind::UrbanVillage,
        UnitKind::InefficientIndustrial,
        UnitKind::Idle,
        UnitKind::Patch,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::RuralHomestead => "rural_homestead",
            UnitKind::CollectiveIndustrial => "collective_industrial",
            UnitKind::UrbanVillage => "urban_village",
            UnitKind::InefficientIndustrial => "inefficient_industrial",
            UnitKind::Idle => "idle",
            UnitKind::Patch => "patch",
        }
    }
}

/// The account a unit's land is counted in now: town or rural construction land (stock to
/// redevelop), or, for a patch group of a land-use structure programme, arable or other
/// non-construction land.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    Town,
    Rural,
    Arable,
    NonConstruction,
}

impl Account {
    pub const ALL: [Account; 4] = [
        Account::Town,
        Account::Rural,
        Account::Arable,
        Account::NonConstruction,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Account::Town => "town",
            Account::Rural => "rural",
            Account::Arable => "arable",
            Account::NonConstruction => "non_construction",
        }
    }
    /// Whether the land is construction land now (stock).
    pub fn is_construction(self) -> bool {
        matches!(self, Account::Town | Account::Rural)
    }
    /// Whether a land class (GB/T 21010-2017 code) can be counted in this account: arable
    /// land is class 01; other non-construction land garden, forest, grass, water or other
    /// land (02, 03, 04, 11, 12); construction land anything but 01.
    pub fn admits(self, class: &str) -> bool {
        let first = class.get(..2).unwrap_or("");
        match self {
            Account::Arable => first == "01",
            Account::NonConstruction => ["02", "03", "04", "11", "12"].contains(&first),
            Account::Town | Account::Rural => first != "01",
        }
    }
}

/// Value and cost of one use, million yuan per km² (= yuan per m²).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Economics {
    pub value: f64,
    pub cost: f64,
}

/// A candidate stock parcel or village.
#[derive(Debug, Clone, PartialEq)]
pub struct StockUnit {
    pub id: String,
    /// Index into [`Instance::districts`].
    pub district: usize,
    pub kind: UnitKind,
    /// GB/T 21010-2017 second-level class of the current use (0702 rural homestead, 0601
    /// industrial...), validated against [`land_class`].
    pub land_class: String,
    /// The construction account the unit is in now.
    pub account: Account,
    /// Whether the unit lies in a town (城镇) area: residential and industrial re-use counts
    /// as town land there, as rural land elsewhere.
    pub in_town: bool,
    /// Redevelopable area, km².
    pub area_km2: f64,
    pub in_redline: bool,
    pub in_basic_farmland_area: bool,
    /// Distance to the nearest rail or public-transport station, km.
    pub station_km: f64,
    /// Transport node the unit is at (`None` when the instance has no network).
    pub node: Option<usize>,
    /// km from the record's location to its node, when the node was found as the nearest
    /// one (added to every transport distance of the record); 0 otherwise.
    pub access_km: f64,
    /// (longitude, latitude) in WGS 84 degrees, when given.
    pub location: Option<(f64, f64)>,
    /// Resident population, persons.
    pub population: f64,
    /// Share of the area that can be reclaimed to arable.
    pub reclaimable_share: f64,
    /// Arable grade of land reclaimed here (1 best ... 15 worst, national grading).
    pub arable_grade: u8,
    /// Value and cost of each use the unit may take, by [`LandUse::index`] in the
    /// instance's catalogue; `None`: not offered.
    pub uses: Vec<Option<Economics>>,
    /// The planner's own labels (the `tags` column), for `linear` rules to select by.
    pub tags: Vec<String>,
    /// Index into [`Instance::farmland_areas`] of the concentration area it lies in.
    pub farmland_area: Option<usize>,
}

/// What kind of place a receiving site is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteKind {
    NewTown,
    CentralTown,
    DevelopmentZone,
}

impl SiteKind {
    pub const ALL: [SiteKind; 3] = [
        SiteKind::NewTown,
        SiteKind::CentralTown,
        SiteKind::DevelopmentZone,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::NewTown => "new_town",
            SiteKind::CentralTown => "central_town",
            SiteKind::DevelopmentZone => "development_zone",
        }
    }
}

/// A place where new construction may go.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    pub id: String,
    pub district: usize,
    pub kind: SiteKind,
    /// New construction the site can take, km².
    pub capacity_km2: f64,
    /// Share of the occupied land that is arable now.
    pub arable_share: f64,
    /// Share of the occupied land that is basic farmland now (part of the arable share).
    pub basic_farmland_share: f64,
    pub in_town: bool,
    pub station_km: f64,
    /// Transport node the site is at (`None` when the instance has no network).
    pub node: Option<usize>,
    /// km from the record's location to its node, when the node was found as the nearest
    /// one (added to every transport distance of the record); 0 otherwise.
    pub access_km: f64,
    /// (longitude, latitude) in WGS 84 degrees, when given.
    pub location: Option<(f64, f64)>,
    /// Arable grade of the arable it would occupy.
    pub arable_grade: u8,
    /// Value and cost of each construction use, by [`LandUse::index`] (non-construction
    /// uses are never offered at a site).
    pub uses: Vec<Option<Economics>>,
    /// Index into [`Instance::farmland_areas`] of the concentration area it lies in.
    pub farmland_area: Option<usize>,
}

/// A farmland concentration area (基本农田集中区): an overlay of units and sites whose arable
/// and basic farmland a plan keeps together.
#[derive(Debug, Clone, PartialEq)]
pub struct FarmlandArea {
    pub id: String,
    pub name: String,
    pub district: usize,
    /// Arable land inside at the baseline, km².
    pub arable_km2: f64,
    /// Basic farmland inside at the baseline, km² (part of the arable).
    pub basic_farmland_km2: f64,
}

/// A land-consolidation project: agricultural or unused land turned into new arable, outside
/// the construction stock.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsolidationProject {
    pub id: String,
    pub district: usize,
    /// New arable land it can yield, km².
    pub capacity_km2: f64,
    /// Cost per km² of new arable, million yuan.
    pub cost: f64,
    pub arable_grade: u8,
    /// (longitude, latitude) in WGS 84 degrees, when given.
    pub location: Option<(f64, f64)>,
}

/// Free-text provenance: what is sourced, what is synthetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    #[serde(default)]
    pub description: String,
    /// Sources of sourced figures.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Every synthetic field, with its range and the reasoning behind it.
    #[serde(default)]
    pub synthetic: Vec<SyntheticField>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub what: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyntheticField {
    pub field: String,
    pub how: String,
}

/// What a transport node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    DistrictSeat,
    Town,
    Station,
}

/// A transport node.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    pub district: usize,
    pub location: Option<(f64, f64)>,
    pub rail: bool,
}

/// A transport link between two nodes (undirected).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub from: usize,
    pub to: usize,
    pub length_km: f64,
    pub time_min: f64,
}

/// The transport network. Every unit and site sits at a node ([`StockUnit::node`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Transport {
    pub note: String,
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
}

/// A validated instance.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub name: String,
    pub metadata: Metadata,
    pub region: Region,
    pub zones: Vec<Zone>,
    pub districts: Vec<District>,
    pub units: Vec<StockUnit>,
    pub sites: Vec<Site>,
    pub projects: Vec<ConsolidationProject>,
    /// The transport network (empty when the instance gives none).
    pub transport: Transport,
    /// The uses units and sites may be turned to (`[[uses]]`; the built-in six when the
    /// instance declares none).
    pub uses: Uses,
    /// Benefit criteria by id: yield per km² by unit or site and use, where the criteria
    /// table gives one (the benefit criteria of a policy model read them).
    pub criteria: std::collections::BTreeMap<String, CriterionTable>,
    /// Farmland concentration areas (empty when the instance gives none).
    pub farmland_areas: Vec<FarmlandArea>,
    /// What reading found doubtful but not wrong; a caller shows them.
    pub warnings: Vec<crate::error::Problem>,
}

/// One benefit criterion's values, by unit and by site, by [`LandUse::index`]; `None`
/// where the table gives none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CriterionTable {
    pub units: PerUse<Option<f64>>,
    pub sites: PerUse<Option<f64>>,
    /// The uses the units or sites table gives this criterion a column for
    /// (`value_<criterion>_<use>`): there a blank cell of a record that offers the use is a
    /// yield left out, which the model must then give per use.
    pub columns: Vec<LandUse>,
}

impl Instance {
    /// Zone index of a unit.
    pub fn unit_zone(&self, u: &StockUnit) -> usize {
        self.districts[u.district].zone
    }
    /// Zone index of a site.
    pub fn site_zone(&self, s: &Site) -> usize {
        self.districts[s.district].zone
    }
    /// Index of a zone by id.
    pub fn zone_index(&self, id: &str) -> Option<usize> {
        self.zones.iter().position(|z| z.id == id)
    }
    /// Candidate stock area per zone, km².
    pub fn stock_area_by_zone(&self) -> Vec<f64> {
        let mut a = vec![0.0; self.zones.len()];
        for u in &self.units {
            a[self.unit_zone(u)] += u.area_km2;
        }
        a
    }
    /// Whether `unit` offers `land_use` at all.
    pub fn offers(u: &StockUnit, land_use: LandUse) -> bool {
        u.uses[land_use.index()].is_some()
    }
}

impl Instance {
    /// Build and validate an instance from its file records; `names` says which file each
    /// part came from, for error messages.
    pub fn from_parts(parts: format::InstanceParts) -> crate::error::Result<Instance> {
        validate::from_parts(parts)
    }
}
