//! The instance file format: a TOML manifest (`instance.toml`) with region, zones and
//! districts, and the stock units, receiving sites and consolidation projects either inline
//! (`[[units]]`, `[[sites]]`, `[[projects]]`) or in CSV files named by the manifest
//! (`units_file`, `sites_file`, `projects_file`, relative to the manifest).
//!
//! Areas: a record gives its area as exactly one of `area_km2`, `area_ha`, `area_mu`
//! (a site's and a project's capacity likewise as `capacity_km2|ha|mu`), and an accounts table
//! gives `unit = "km2" | "ha" | "mu"` (default km2); everything is km² once loaded
//! (1 km² = 100 ha = 1,500 mu).
//!
//! Money: `value_<use>` and `cost_<use>` are million yuan per km² (= yuan per m²); an empty
//! pair means the use is not offered.
//!
//! These functions parse text; they never touch the file system.

use crate::error::Problem;
use serde::{Deserialize, Serialize};

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

fn gdp_unit() -> String {
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

/// The `value_<use>` and `cost_<use>` columns of a unit or site: (use id, value, cost) in
/// the order the columns first appear. Read beside the record's typed fields (the use ids
/// are the instance's own, so no fixed field list can hold them) and checked against the
/// instance's uses when it is validated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UseColumns(pub Vec<(&'static str, Option<f64>, Option<f64>)>);

impl UseColumns {
    /// The columns of the first `e.len()` built-in uses.
    pub fn builtin(e: &[(Option<f64>, Option<f64>)]) -> UseColumns {
        let uses = crate::instance::uses::Uses::builtin();
        UseColumns(
            uses.iter()
                .zip(e)
                .map(|(k, &(v, c))| (k.as_str(), v, c))
                .collect(),
        )
    }
    /// The use a column name speaks of and whether it is its value (`value_<use>`) or its
    /// cost (`cost_<use>`); `None` for any other column.
    pub fn column(name: &str) -> Option<(&str, bool)> {
        if let Some(u) = name.strip_prefix("value_") {
            Some((u, true))
        } else {
            name.strip_prefix("cost_").map(|u| (u, false))
        }
    }
    /// Record `v` as the value (or cost) of `use_id`.
    pub fn set(&mut self, use_id: &'static str, is_value: bool, v: Option<f64>) {
        let i = match self.0.iter().position(|(u, _, _)| *u == use_id) {
            Some(i) => i,
            None => {
                self.0.push((use_id, None, None));
                self.0.len() - 1
            }
        };
        if is_value {
            self.0[i].1 = v;
        } else {
            self.0[i].2 = v;
        }
    }
    /// The cells in the order of `header` (use ids), empty where absent: what a CSV row
    /// writes after the record's typed fields (numbers as the csv crate writes them).
    fn cells(&self, header: &[&str]) -> Vec<String> {
        let mut out = Vec::with_capacity(2 * header.len());
        let fmt = |v: Option<f64>| v.map(|v| ryu::Buffer::new().format(v).to_string());
        for h in header {
            let (v, c) = self
                .0
                .iter()
                .find(|(u, _, _)| u == h)
                .map_or((None, None), |&(_, v, c)| (v, c));
            out.push(fmt(v).unwrap_or_default());
            out.push(fmt(c).unwrap_or_default());
        }
        out
    }
}

/// A record whose table may carry `value_<use>`/`cost_<use>` columns beside its typed
/// fields.
pub trait Record: serde::de::DeserializeOwned + Serialize {
    /// Whether the record takes use columns (elsewhere a `value_…` column is an unknown
    /// field like any other).
    const TAKES_USE_COLUMNS: bool = false;
    /// The record's use columns, when it takes them.
    fn use_columns(&mut self) -> Option<&mut UseColumns> {
        None
    }
    fn use_columns_ref(&self) -> Option<&UseColumns> {
        None
    }
}

impl Record for UnitRecord {
    const TAKES_USE_COLUMNS: bool = true;
    fn use_columns(&mut self) -> Option<&mut UseColumns> {
        Some(&mut self.economics)
    }
    fn use_columns_ref(&self) -> Option<&UseColumns> {
        Some(&self.economics)
    }
}
impl Record for SiteRecord {
    const TAKES_USE_COLUMNS: bool = true;
    fn use_columns(&mut self) -> Option<&mut UseColumns> {
        Some(&mut self.economics)
    }
    fn use_columns_ref(&self) -> Option<&UseColumns> {
        Some(&self.economics)
    }
}
impl Record for ProjectRecord {}
impl Record for CriterionRecord {}

/// How the rows of one table (CSV or a GeoJSON layer's properties) become records: which
/// columns are `value_<use>`/`cost_<use>` (when the record takes them), read aside from the
/// typed fields, and the header of the rest. Worked out once per header.
pub(crate) struct Layout {
    /// The header without the use columns.
    rest: csv::StringRecord,
    /// Per column of the full header: `Some((use, is_value))` for a use column.
    columns: Vec<Option<(&'static str, bool)>>,
    /// A use column given twice: its name.
    twice: Option<String>,
}

impl Layout {
    pub(crate) fn new<T: Record>(headers: &csv::StringRecord) -> Layout {
        let takes = T::TAKES_USE_COLUMNS;
        let mut rest = csv::StringRecord::new();
        let mut columns = Vec::with_capacity(headers.len());
        let mut seen: Vec<&str> = Vec::new();
        let mut twice = None;
        for h in headers {
            match UseColumns::column(h).filter(|_| takes) {
                Some((u, is_value)) => {
                    if seen.contains(&h) {
                        twice.get_or_insert_with(|| h.to_string());
                    }
                    seen.push(h);
                    columns.push(Some((crate::intern::intern(u), is_value)));
                }
                None => {
                    rest.push_field(h);
                    columns.push(None);
                }
            }
        }
        Layout {
            rest,
            columns,
            twice,
        }
    }

    /// `row` as a `T`.
    pub(crate) fn record<T: Record>(&self, row: &csv::StringRecord) -> Result<T, RecordError> {
        if self.rest.len() == self.columns.len() {
            return row.deserialize(Some(&self.rest)).map_err(RecordError::Csv);
        }
        if let Some(h) = &self.twice {
            return Err(RecordError::Cell(
                h.clone(),
                "the column appears twice in the header: expected each use's value and cost once"
                    .into(),
            ));
        }
        let mut rest = csv::StringRecord::with_capacity(row.as_slice().len(), self.rest.len());
        let mut cols = UseColumns::default();
        for (c, cell) in self.columns.iter().zip(row.iter()) {
            match c {
                Some((u, is_value)) => {
                    let v = if cell.is_empty() {
                        None
                    } else {
                        match cell.parse::<f64>() {
                            Ok(v) => Some(v),
                            Err(_) => {
                                let h = format!("{}_{u}", if *is_value { "value" } else { "cost" });
                                return Err(RecordError::Cell(
                                    h,
                                    format!("`{cell}` is not a number: expected a number or an empty cell (the use not offered)"),
                                ));
                            }
                        }
                    };
                    cols.set(u, *is_value, v);
                }
                None => rest.push_field(cell),
            }
        }
        if let Some(pos) = row.position() {
            rest.set_position(Some(pos.clone()));
        }
        let mut rec: T = rest
            .deserialize(Some(&self.rest))
            .map_err(|e| RecordError::Shifted(e, self.rest.clone()))?;
        if let Some(c) = rec.use_columns() {
            *c = cols;
        }
        Ok(rec)
    }
}

/// Why a row is not a record.
pub(crate) enum RecordError {
    /// From the csv crate, field indices into the table's header.
    Csv(csv::Error),
    /// From the csv crate, field indices into this header (the use columns taken out).
    Shifted(csv::Error, csv::StringRecord),
    /// A use column's cell: (field, message).
    Cell(String, String),
}

/// One record of an inline TOML table (`[[units]]`), its `value_<use>`/`cost_<use>` keys
/// taken aside first.
pub(crate) fn deserialize_inline<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Record,
{
    use serde::de::Error as _;
    let tables: Vec<toml::Table> = Deserialize::deserialize(d)?;
    let mut out = Vec::with_capacity(tables.len());
    for (i, mut t) in tables.into_iter().enumerate() {
        let mut cols = UseColumns::default();
        let keys: Vec<String> = t
            .keys()
            .filter(|k| UseColumns::column(k).is_some())
            .cloned()
            .collect();
        for k in keys {
            let (u, is_value) = UseColumns::column(&k).expect("filtered above");
            let u = crate::intern::intern(u);
            let v = match t.remove(&k) {
                Some(toml::Value::Float(v)) => v,
                Some(toml::Value::Integer(v)) => v as f64,
                other => {
                    return Err(D::Error::custom(format!(
                        "record {i}, field `{k}`: expected a number, found {}",
                        other.map_or("nothing".into(), |o| o.type_str().to_string())
                    )))
                }
            };
            cols.set(u, is_value, Some(v));
        }
        // through text, so that an error's span names its field
        let text = toml::to_string(&t).map_err(|e| D::Error::custom(format!("record {i}: {e}")))?;
        let mut rec: T = toml::from_str(&text).map_err(|e: toml::de::Error| {
            let field = toml_field(&text, &e);
            let message = e.message().trim().to_string();
            if field.is_empty() || message.contains(&format!("`{field}`")) {
                D::Error::custom(format!("record {i}: {message}"))
            } else {
                D::Error::custom(format!("record {i}, field `{field}`: {message}"))
            }
        })?;
        if let Some(c) = rec.use_columns() {
            *c = cols;
        }
        out.push(rec);
    }
    Ok(out)
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

/// Line (1-based) of a byte offset in `text`.
fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Physical line numbers of CSV records from the reader's byte positions (a CRLF file and
/// quoted fields spanning lines count as the file shows them), counted incrementally:
/// records come in order.
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            line: 1,
        }
    }
    /// The line a record starting at `byte` is on (the reader may point at the line end
    /// before it).
    pub(crate) fn at(&mut self, byte: u64) -> usize {
        let mut b = (byte as usize).min(self.text.len());
        while b < self.text.len() && matches!(self.text[b], b'\r' | b'\n') {
            b += 1;
        }
        if b < self.byte {
            self.byte = 0;
            self.line = 1;
        }
        self.line += self.text[self.byte..b]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
        self.byte = b;
        self.line
    }
}

/// The field a TOML error speaks of: a backticked name in its message, or the key on the
/// line it points at.
fn toml_field(text: &str, err: &toml::de::Error) -> String {
    let msg = err.message();
    for marker in ["unknown field `", "missing field `", "unknown variant `"] {
        if let Some(i) = msg.find(marker) {
            if marker != "unknown variant `" {
                let rest = &msg[i + marker.len()..];
                if let Some(j) = rest.find('`') {
                    return rest[..j].to_string();
                }
            }
        }
    }
    if let Some(span) = err.span() {
        let start = text[..span.start.min(text.len())]
            .rfind('\n')
            .map(|i| i + 1)
            .unwrap_or(0);
        let line_text = &text[start..];
        let line_text = line_text.lines().next().unwrap_or("");
        if let Some(eq) = line_text.find('=') {
            return line_text[..eq].trim().trim_matches('"').to_string();
        }
    }
    String::new()
}

/// Parse a TOML document into `T`, turning a syntax or type error into a [`Problem`] that
/// names the file, the line and the field.
pub fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, Problem> {
    toml::from_str(text).map_err(|e| {
        let record = match e.span() {
            Some(span) => format!("line {}", line_of(text, span.start)),
            None => "document".to_string(),
        };
        if e.message().trim() == "duplicate key" {
            if let Some(span) = e.span() {
                let key = text
                    .get(span)
                    .unwrap_or("")
                    .trim()
                    .trim_matches(|c| c == '"' || c == '\'' || c == '[' || c == ']');
                return Problem::new(
                    file,
                    record,
                    key,
                    format!("duplicate key `{key}`: expected each key and table once"),
                );
            }
        }
        let message = e
            .message()
            .trim()
            .replace("expected f64", "expected a number")
            .replace("expected u32", "expected a whole number")
            .replace("expected i64", "expected a whole number")
            .replace("expected a boolean", "expected true or false");
        Problem::new(file, record, toml_field(text, &e), message)
    })
}

/// Parse a CSV table with a header row into records, reporting every bad row.
pub fn parse_csv<T: Record>(file: &str, text: &str) -> Result<Vec<Located<T>>, Vec<Problem>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Err(vec![Problem::new(
                file,
                "line 1",
                "",
                format!("header: {e}"),
            )])
        }
    };
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut lines = LineCounter::new(text);
    let layout = Layout::new::<T>(&headers);
    for result in rdr.records() {
        let row = match result {
            Ok(row) => row,
            Err(e) => {
                problems.push(csv_problem(file, &headers, &e, &mut lines));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| lines.at(p.byte()));
        match layout.record::<T>(&row) {
            Ok(record) => out.push(Located {
                file: file.to_string(),
                at: format!("line {line}"),
                record,
            }),
            Err(RecordError::Csv(e)) => problems.push(csv_problem(file, &headers, &e, &mut lines)),
            Err(RecordError::Shifted(e, head)) => {
                problems.push(csv_problem(file, &head, &e, &mut lines))
            }
            Err(RecordError::Cell(field, m)) => {
                problems.push(Problem::new(file, format!("line {line}"), field, m))
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(out)
}

fn csv_problem(
    file: &str,
    headers: &csv::StringRecord,
    e: &csv::Error,
    lines: &mut LineCounter,
) -> Problem {
    let line = e
        .position()
        .map(|p| format!("line {}", lines.at(p.byte())))
        .unwrap_or_else(|| "table".to_string());
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => {
            let field = err
                .field()
                .and_then(|i| headers.get(i as usize))
                .map(str::to_string)
                .unwrap_or_else(|| {
                    // missing/unknown field messages name the field themselves
                    let m = err.to_string();
                    m.split('`').nth(1).unwrap_or("").to_string()
                });
            Problem::new(file, line, field, expected_message(&err.kind().to_string()))
        }
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Problem::new(
            file,
            line,
            "",
            format!("expected {expected_len} fields as in the header, found {len}"),
        ),
        _ => Problem::new(file, line, "", e.to_string()),
    }
}

fn expected_message(m: &str) -> String {
    if m.contains("invalid float") {
        format!("{m}: expected a number")
    } else if m.contains("invalid integer") {
        format!("{m}: expected a whole number")
    } else if m.contains("invalid bool") || m.contains("boolean") {
        format!("{m}: expected true or false")
    } else {
        m.to_string()
    }
}

/// Write records as CSV text with a header row.
pub fn to_csv<T: Serialize>(records: &[T]) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for r in records {
        w.serialize(r).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// Write instance records as CSV text with a header row, a unit's or site's use columns
/// (`value_<use>`, `cost_<use>`) after its typed fields, for every use any record has, in
/// the order they first appear.
pub fn records_to_csv<T: Record>(records: &[T]) -> Result<String, String> {
    let mut header: Vec<&str> = Vec::new();
    for c in records.iter().filter_map(|r| r.use_columns_ref()) {
        for &(u, _, _) in &c.0 {
            if !header.contains(&u) {
                header.push(u);
            }
        }
    }
    let mut typed = csv::WriterBuilder::new()
        .has_headers(true)
        .from_writer(Vec::new());
    for r in records {
        typed.serialize(r).map_err(|e| e.to_string())?;
    }
    let typed = typed.into_inner().map_err(|e| e.to_string())?;
    if header.is_empty() {
        return String::from_utf8(typed).map_err(|e| e.to_string());
    }
    // append the use columns to each row the csv crate wrote
    let mut rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(typed.as_slice());
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    for (i, row) in rows.records().enumerate() {
        let mut row = row.map_err(|e| e.to_string())?;
        if i == 0 {
            for u in &header {
                row.push_field(&format!("value_{u}"));
                row.push_field(&format!("cost_{u}"));
            }
        } else {
            let cells = records[i - 1]
                .use_columns_ref()
                .map(|c| c.cells(&header))
                .unwrap_or_else(|| vec![String::new(); 2 * header.len()]);
            for c in &cells {
                row.push_field(c);
            }
        }
        w.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_units_convert() {
        assert_eq!(AreaUnit::Km2.to_km2(), 1.0);
        assert!((AreaUnit::Ha.to_km2() * 100.0 - 1.0).abs() < 1e-12);
        assert!((AreaUnit::Mu.to_km2() * 1500.0 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn csv_error_names_line_and_field() {
        let text = "id,district,cost,arable_grade,capacity_km2\np1,d1,abc,5,1.0\n";
        let err = parse_csv::<ProjectRecord>("projects.csv", text).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].record, "line 2");
        assert_eq!(err[0].field, "cost");
        assert!(
            err[0].message.contains("expected a number"),
            "{}",
            err[0].message
        );
    }

    #[test]
    fn csv_lines_follow_records() {
        let text = "id,district,cost,arable_grade,capacity_km2\np1,d1,1,5,1.0\np2,d1,1,5,2.0\n";
        let recs = parse_csv::<ProjectRecord>("projects.csv", text).unwrap();
        assert_eq!(recs[1].at, "line 3");
        assert_eq!(recs[1].record.capacity_km2, Some(2.0));
    }

    #[test]
    fn csv_lines_are_physical_with_crlf_and_quoted_line_breaks() {
        let text = "id,district,cost,arable_grade,capacity_km2\r\n\"p\n1\",d1,1,5,1.0\r\np2,d1,x,5,2.0\r\n";
        let ps = parse_csv::<ProjectRecord>("projects.csv", text).unwrap_err();
        assert_eq!(ps[0].record, "line 4", "{:?}", ps[0]);
        let ok = "id,district,cost,arable_grade,capacity_km2\r\n\"p\n1\",d1,1,5,1.0\r\np2,d1,1,5,2.0\r\n";
        let recs = parse_csv::<ProjectRecord>("projects.csv", ok).unwrap();
        assert_eq!(
            (recs[0].at.as_str(), recs[1].at.as_str()),
            ("line 2", "line 4")
        );
    }

    #[test]
    fn a_duplicated_table_or_key_is_named() {
        let p =
            parse_toml::<toml::Table>("i.toml", "[region]\nname = \"a\"\n[region]\n").unwrap_err();
        assert_eq!((p.record.as_str(), p.field.as_str()), ("line 3", "region"));
        assert!(p.message.contains("`region`"), "{}", p.message);
    }

    #[test]
    fn toml_error_names_line_and_field() {
        let text = "schema_version = 1\nname = 3\n";
        let p = parse_toml::<InstanceFile>("i.toml", text).unwrap_err();
        assert_eq!(p.record, "line 2");
        assert_eq!(p.field, "name");
    }
}
