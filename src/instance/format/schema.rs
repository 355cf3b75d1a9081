//! The records of an instance's files, as serde reads and writes them: the manifest, the
//! region's parts, and the unit, site, project and criterion records.

use super::*;

/// A unit of area a file may declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum AreaUnit {
    #[default]
    Km2,
    Ha,
    Mu,
}

impl AreaUnit {
    /// km² per one of this unit.
    pub fn to_km2(self) -> f64 {
        match self {
            AreaUnit::Km2 => 1.0,
            AreaUnit::Ha => 0.01,
            AreaUnit::Mu => 1.0 / 1500.0,
        }
    }
}

/// The manifest, `instance.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InstanceFile {
    pub schema_version: u32,
    pub name: String,
    #[serde(default)]
    pub metadata: crate::instance::Metadata,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sites_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projects_file: Option<String>,
    /// Benefit criteria per unit or site and use, a CSV table (`id,criterion,use,value`);
    /// optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria_file: Option<String>,
    /// District boundaries, a GeoJSON layer (each feature's `id` property a district id);
    /// optional. Every located unit, site and project is then checked to lie in its district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundaries_file: Option<String>,
    /// The uses units and sites may be turned to; default: the built-in six
    /// ([`crate::instance::uses::Uses::builtin`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uses: Vec<UseRecord>,
    pub region: RegionRecord,
    pub zones: Vec<ZoneRecord>,
    pub districts: Vec<DistrictRecord>,
    /// The transport network; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transport: Option<TransportRecord>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_inline"
    )]
    pub units: Vec<UnitRecord>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_inline"
    )]
    pub sites: Vec<SiteRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<CriterionRecord>,
    /// Farmland concentration areas (基本农田集中区): an overlay the units and sites name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub farmland_areas: Vec<FarmlandAreaRecord>,
}

/// One use as declared in `[[uses]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UseRecord {
    /// The word in column names (`value_<id>`), model files and reports.
    pub id: String,
    /// What the rule families count it as: `affordable`, `market`, `industrial`,
    /// `infrastructure`, `arable`, `agricultural` or `ecological`.
    pub role: crate::instance::uses::Role,
    /// Its GB/T 21010-2017 second-level class (`0101` 水田 …).
    pub class: String,
    pub name_zh: String,
    pub name_en: String,
}

/// A farmland concentration area as written in `[[farmland_areas]]`: its arable and basic
/// farmland at the baseline, km².
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FarmlandAreaRecord {
    pub id: String,
    pub name: String,
    pub district: String,
    pub arable_km2: f64,
    pub basic_farmland_km2: f64,
}

/// One benefit-criterion value as written in the criteria table or `[[criteria]]`: what one
/// km² of `use` at unit or site `id` yields of `criterion` (in the criterion's own unit).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct CriterionRecord {
    pub id: String,
    pub criterion: String,
    #[serde(rename = "use")]
    pub land_use: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionRecord {
    pub name: String,
    pub baseline_year: i32,
    pub baseline: AccountsRecord,
    #[serde(default)]
    pub exogenous: ExogenousRecord,
    /// Gross domestic product at the baseline year and at period end (the latter usually a
    /// forecast: say so in the metadata); optional, needed by `land_per_gdp`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gdp: Option<GdpRecord>,
}

/// GDP at the baseline and at period end, both in `unit` (default 亿元, 100 million yuan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GdpRecord {
    pub baseline: f64,
    pub period_end: f64,
    #[serde(default = "gdp_unit")]
    pub unit: String,
}

pub(super) fn gdp_unit() -> String {
    "100 million yuan".into()
}

/// Land accounts as written in a file, in the declared `unit`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountsRecord {
    #[serde(default)]
    pub unit: AreaUnit,
    pub total: f64,
    pub arable: f64,
    pub basic_farmland: f64,
    pub construction: f64,
    pub urban_rural: f64,
    pub town: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ExogenousRecord {
    #[serde(default)]
    pub unit: AreaUnit,
    #[serde(default)]
    pub arable: f64,
    #[serde(default)]
    pub basic_farmland: f64,
    /// Why, and whether it is sourced or synthetic.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneRecord {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictRecord {
    pub id: String,
    pub name: String,
    /// The district's name in Chinese, for the Chinese reports (房山区).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    pub zone: String,
    pub population: f64,
    pub area_km2: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat_lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seat_lat: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<AccountsRecord>,
}

/// The transport network: nodes (district seats, towns, stations) and links.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TransportRecord {
    /// How the links were made, and whether sourced or synthetic.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default)]
    pub nodes: Vec<NodeRecord>,
    #[serde(default)]
    pub links: Vec<LinkRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NodeRecord {
    pub id: String,
    /// `district_seat`, `town` or `station`.
    pub kind: String,
    pub district: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Whether urban rail serves the node.
    #[serde(default)]
    pub rail: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkRecord {
    pub from: String,
    pub to: String,
    pub length_km: f64,
    pub time_min: f64,
}

/// One stock unit as written in `units.csv` or `[[units]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct UnitRecord {
    pub id: String,
    pub district: String,
    pub kind: String,
    pub land_class: String,
    pub account: String,
    pub in_town: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_km2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_ha: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_mu: Option<f64>,
    pub in_redline: bool,
    pub in_basic_farmland_area: bool,
    pub station_km: f64,
    /// Transport node the unit is at; default: the node nearest its location, or its
    /// district's seat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Location (WGS 84 degrees): from a GeoJSON geometry (a point, or a polygon's
    /// centroid) or `lon`/`lat` columns; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    pub population: f64,
    pub reclaimable_share: f64,
    pub arable_grade: i64,
    /// The planner's own labels for the unit (`slope`, `orchard_belt` ...), separated by
    /// spaces or `;`, for the `linear` rules to select by; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<String>,
    /// The farmland concentration area the unit lies in (an id of `[[farmland_areas]]`);
    /// optional (always a column when written: some records have it and others not).
    #[serde(default)]
    pub farmland_area: Option<String>,
    /// The `value_<use>` and `cost_<use>` columns, for whatever uses the instance declares.
    #[serde(skip)]
    pub economics: UseColumns,
}

impl UnitRecord {
    /// Set the (value, cost) pairs of the [built-in uses](crate::instance::uses::Uses::builtin),
    /// in their order.
    pub fn set_economics(&mut self, e: [(Option<f64>, Option<f64>); 6]) {
        self.economics = UseColumns::builtin(&e);
    }
}

/// One receiving site as written in `sites.csv` or `[[sites]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SiteRecord {
    pub id: String,
    pub district: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_km2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_ha: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_mu: Option<f64>,
    pub arable_share: f64,
    pub basic_farmland_share: f64,
    pub in_town: bool,
    pub station_km: f64,
    /// Transport node the site is at; default: the node nearest its location, or its
    /// district's seat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Location (WGS 84 degrees): from a GeoJSON geometry (a point, or a polygon's
    /// centroid) or `lon`/`lat` columns; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// The farmland concentration area the site lies in; optional (always a column when
    /// written).
    #[serde(default)]
    pub farmland_area: Option<String>,
    pub arable_grade: i64,
    /// The `value_<use>` and `cost_<use>` columns, for whatever construction uses the
    /// instance declares.
    #[serde(skip)]
    pub economics: UseColumns,
}

impl SiteRecord {
    /// Set the (value, cost) pairs of the four construction uses of the
    /// [built-in uses](crate::instance::uses::Uses::builtin), in their order.
    pub fn set_economics(&mut self, e: [(Option<f64>, Option<f64>); 4]) {
        self.economics = UseColumns::builtin(&e);
    }
}

/// One consolidation project as written in `projects.csv` or `[[projects]]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ProjectRecord {
    pub id: String,
    pub district: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_km2: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_ha: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_mu: Option<f64>,
    /// Million yuan per km² of new arable.
    pub cost: f64,
    pub arable_grade: i64,
    /// Location (WGS 84 degrees): from a GeoJSON geometry (a point, or a polygon's
    /// centroid) or `lon`/`lat` columns; optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
}

/// A record and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub file: String,
    /// `line N` for a CSV row, `units[i]` for an inline TOML table.
    pub at: String,
    pub record: T,
}

/// Everything an instance is made of, parsed but not yet validated.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceParts {
    pub manifest_file: String,
    pub manifest: InstanceFile,
    pub units: Vec<Located<UnitRecord>>,
    pub sites: Vec<Located<SiteRecord>>,
    pub projects: Vec<Located<ProjectRecord>>,
    pub criteria: Vec<Located<CriterionRecord>>,
    /// District boundaries from `boundaries_file`: (district id, polygons).
    pub boundaries: Vec<Located<(String, geo::MultiPolygon<f64>)>>,
    /// What reading found doubtful but not wrong (a given area far from its polygon's).
    pub warnings: Vec<Problem>,
}

impl InstanceParts {
    /// Parts from a manifest alone, with its inline records.
    pub fn from_manifest(manifest_file: &str, manifest: InstanceFile) -> InstanceParts {
        fn inline<T: Clone>(file: &str, what: &str, v: &[T]) -> Vec<Located<T>> {
            v.iter()
                .enumerate()
                .map(|(i, r)| Located {
                    file: file.to_string(),
                    at: format!("{what}[{i}]"),
                    record: r.clone(),
                })
                .collect()
        }
        InstanceParts {
            manifest_file: manifest_file.to_string(),
            units: inline(manifest_file, "units", &manifest.units),
            sites: inline(manifest_file, "sites", &manifest.sites),
            projects: inline(manifest_file, "projects", &manifest.projects),
            criteria: inline(manifest_file, "criteria", &manifest.criteria),
            boundaries: Vec::new(),
            warnings: Vec::new(),
            manifest,
        }
    }
}
