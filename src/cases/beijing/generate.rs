//! The deterministic generator of the Beijing 2011-2015 instance.
//!
//! District rows (name, zone, resident population, area, seat) are the sourced figures in
//! `instances/beijing-2011-2015/sources/beijing_districts_2010.csv`. City baseline accounts
//! are the seed plan's 2010 figures. Everything else is **synthetic**, drawn from a
//! ChaCha8 generator seeded by `seed`, and calibrated so that:
//! - district baseline accounts add up exactly to the city's (construction, urban-rural,
//!   town, arable, basic farmland);
//! - each zone's candidate stock area is `STOCK_RATIO` (2.5) × its stock target
//!   (55 / 106 / 39 km²), and no district's candidates exceed its construction land;
//! - demand for new construction at receiving sites exceeds the 200 km² new-construction
//!   quota, so that land is scarce.
//!
//! Every synthetic field, with its range and reasoning, is listed in the instance's
//! metadata (`[metadata]` in `instance.toml`). The same seed reproduces the same files byte for byte.

use crate::instance::format::{
    records_to_csv, AccountsRecord, AreaUnit, DistrictRecord, ExogenousRecord, FarmlandAreaRecord,
    GdpRecord, InstanceFile, LinkRecord, NodeRecord, ProjectRecord, RegionRecord, SiteRecord,
    TransportRecord, UnitRecord, ZoneRecord,
};
use crate::instance::{Metadata, Source, SyntheticField, SCHEMA_VERSION};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// The seed the committed instance was generated with.
pub const DEFAULT_SEED: u64 = 2011;
/// Candidate stock area as a multiple of each zone's target.
pub const STOCK_RATIO: f64 = 2.5;

const DISTRICTS_CSV: &str =
    include_str!("../../../instances/beijing-2011-2015/sources/beijing_districts_2010.csv");

/// Seed plan, 2010 baseline (km²).
const TOTAL: f64 = 16408.0;
const ARABLE: f64 = 2237.0;
const CONSTRUCTION: f64 = 3414.0;
const URBAN_RURAL: f64 = 2541.0;
const TOWN: f64 = 1323.0;
/// Synthetic: 2010 basic farmland is not in the seed; the 2006-2020 plan's floor is 1,867.
const BASIC_FARMLAND: f64 = 1880.0;
/// Synthetic: arable lost outside the allocation over 2011-2015.
const EXOGENOUS_ARABLE: f64 = -40.0;
/// 2010 GDP, 亿元 (sourced: see the metadata).
const GDP_2010: f64 = 14113.6;
/// 2015 GDP at 2010 prices, 亿元: a forecast, GDP_2010 · 1.08⁵ (synthetic: see the metadata).
const GDP_2015_FORECAST: f64 = 20737.5;

/// The generated files: manifest and the three tables, as text.
pub struct Generated {
    pub manifest: String,
    pub units_csv: String,
    pub sites_csv: String,
    pub projects_csv: String,
}

#[derive(Debug, serde::Deserialize)]
struct DistrictRow {
    code_2010: String,
    name_zh_2010: String,
    name_en: String,
    zone_en: String,
    pop_resident_2010census_10k: f64,
    area_km2_yearbook_recalled_unverified: f64,
    seat_lon_mit: f64,
    seat_lat_mit: f64,
}

fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// Split `total` over weights, rounded to 0.01, with the residual on the largest share, so
/// the parts add up to `total` exactly (to float precision).
fn split(total: f64, weights: &[f64]) -> Vec<f64> {
    let sum: f64 = weights.iter().sum();
    let mut parts: Vec<f64> = weights.iter().map(|w| round(total * w / sum, 2)).collect();
    let largest = (0..parts.len())
        .max_by(|&a, &b| parts[a].total_cmp(&parts[b]))
        .unwrap_or(0);
    let rest: f64 = parts
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != largest)
        .map(|(_, v)| v)
        .sum();
    parts[largest] = round(total - rest, 2);
    parts
}

fn zone_index(z: &str) -> usize {
    match z {
        "core" => 0,
        "extension" => 1,
        "new_development" => 2,
        _ => 3,
    }
}

/// Stock targets of the seed plan per zone index (core has none).
const TARGETS: [f64; 4] = [0.0, 55.0, 106.0, 39.0];

struct Range(f64, f64);
impl Range {
    fn draw(&self, rng: &mut ChaCha8Rng) -> f64 {
        if self.1 <= self.0 {
            self.0
        } else {
            rng.random_range(self.0..self.1)
        }
    }
}

/// Land value of market housing per zone, million yuan per km² (= yuan/m² of land).
/// Calibrated on the sourced 2012 average residential floor price of 9,381 yuan/m² at a
/// floor-area ratio of about 2 in the extension zone, falling outwards.
const MARKET_VALUE: [Range; 4] = [
    Range(20000.0, 30000.0),
    Range(12000.0, 22000.0),
    Range(5000.0, 11000.0),
    Range(2000.0, 5000.0),
];
const INDUSTRIAL_VALUE: [Range; 4] = [
    Range(4000.0, 6000.0),
    Range(2500.0, 5000.0),
    Range(1500.0, 3500.0),
    Range(800.0, 1800.0),
];
const INFRA_VALUE: [Range; 4] = [
    Range(2500.0, 3500.0),
    Range(2000.0, 3200.0),
    Range(1600.0, 2800.0),
    Range(1200.0, 2400.0),
];

/// Compensation and acquisition cost of a stock unit per kind and zone, million yuan/km².
fn acquisition(kind: &str, zone: usize) -> Range {
    let z = [1.6, 1.0, 0.5, 0.2][zone];
    let (a, b) = match kind {
        "urban_village" => (6000.0, 12000.0),
        "rural_homestead" => (2500.0, 6000.0),
        "collective_industrial" => (1200.0, 3000.0),
        "inefficient_industrial" => (1500.0, 3500.0),
        _ => (200.0, 800.0), // idle
    };
    Range(a * z, b * z)
}

/// Generate the Beijing instance with `seed`.
pub fn beijing(seed: u64) -> Result<Generated, String> {
    beijing_scaled(seed, 1.0)
}

/// The Beijing instance with `unit_scale` times as many stock units, each `unit_scale` times
/// smaller (the same candidate area per zone, so the Beijing model stays feasible): a family
/// of instances of growing size for benchmarks. `unit_scale = 1` is [`beijing`].
pub fn beijing_scaled(seed: u64, unit_scale: f64) -> Result<Generated, String> {
    let header = "# The Beijing 2011-2015 instance, generated by `stockland generate --seed ".to_string()
        + &seed.to_string()
        + &if unit_scale == 1.0 { String::new() } else { format!(" --unit-scale {unit_scale}") }
        + "`.\n# Do not edit by hand: regenerate. Sourced and synthetic fields are listed under [metadata].\n\n";
    records(seed, unit_scale)?.write(&header)
}

/// The Beijing instance surveyed as parcels, the shape survey layers give: every stock unit
/// split into `parcels` parcels of different areas (drawn with `seed`, to the m², as a
/// survey's TBMJ) that share everything else per km² — district, zone, kind, flags, node,
/// station distance, arable grade, reclaimable share, values and costs, and population
/// density (each parcel's population is its share of the unit's). Parcels of one unit are
/// interchangeable, as a village's homestead parcels are when their value comes from one
/// land-price grade; the instance is the same land as [`beijing`] and has the same optimum.
pub fn beijing_parcels(seed: u64, parcels: usize) -> Result<Generated, String> {
    parcel_records(seed, parcels)?.write(&format!(
        "# The Beijing 2011-2015 instance as survey parcels, generated by `stockland generate --seed {seed} --parcels {parcels}`.\n# Do not edit by hand: regenerate.\n\n"
    ))
}

/// The records of [`beijing_parcels`].
pub fn parcel_records(seed: u64, parcels: usize) -> Result<Records, String> {
    if parcels < 1 {
        return Err(format!(
            "parcels per unit must be at least 1, found {parcels}"
        ));
    }
    let mut r = records(seed, 1.0)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ PARCEL_STREAM);
    let mut out = Vec::with_capacity(r.units.len() * parcels);
    for u in &r.units {
        let area = u.area_km2.unwrap_or(0.0);
        // whole m²: a parcel of at least 1 m², the last taking what is left
        let m2 = (area * 1e6).round() as i64;
        let n = parcels.min(m2.max(1) as usize) as i64;
        let weights: Vec<f64> = (0..n).map(|_| rng.random_range(0.5..1.5)).collect();
        let total: f64 = weights.iter().sum();
        let mut left = m2;
        for (i, w) in weights.iter().enumerate() {
            let rest = n - 1 - i as i64;
            let a = if rest == 0 {
                left
            } else {
                ((m2 as f64 * w / total).round() as i64).clamp(1, left - rest)
            };
            left -= a;
            let mut p = u.clone();
            p.id = format!("{}-{:04}", u.id, i + 1);
            p.area_km2 = Some(a as f64 / 1e6);
            p.population = u.population * (a as f64 / 1e6) / area;
            out.push(p);
        }
    }
    r.units = out;
    r.manifest.name = format!("beijing-2011-2015-parcels{parcels}");
    r.manifest.metadata.description = format!(
        "The Beijing 2011-2015 instance as survey parcels: every stock unit of the generated instance (seed {seed}) split into {parcels} parcels of different areas that share every other attribute per km² (population in proportion to area); the same land, accounts and optimum. Made for benchmarks of survey-sized inputs. {}",
        r.manifest.metadata.description
    );
    Ok(r)
}

/// The generated records of an instance, before they are written.
pub struct Records {
    pub manifest: InstanceFile,
    pub units: Vec<UnitRecord>,
    pub sites: Vec<SiteRecord>,
    pub projects: Vec<ProjectRecord>,
}

impl Records {
    /// The manifest (after `header`) and the three tables, as text.
    pub fn write(&self, header: &str) -> Result<Generated, String> {
        Ok(Generated {
            manifest: header.to_string()
                + &toml::to_string(&self.manifest).map_err(|e| e.to_string())?,
            units_csv: records_to_csv(&self.units)?,
            sites_csv: records_to_csv(&self.sites)?,
            projects_csv: records_to_csv(&self.projects)?,
        })
    }
}

/// The records of [`beijing_scaled`].
pub fn records(seed: u64, unit_scale: f64) -> Result<Records, String> {
    if !(unit_scale.is_finite() && unit_scale >= 1.0) {
        return Err(format!(
            "unit scale must be a finite number ≥ 1, found {unit_scale}"
        ));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut rdr = csv::Reader::from_reader(DISTRICTS_CSV.as_bytes());
    let rows: Vec<DistrictRow> = rdr
        .deserialize()
        .collect::<Result<_, _>>()
        .map_err(|e| format!("sources/beijing_districts_2010.csv: {e}"))?;
    let dz: Vec<usize> = rows.iter().map(|r| zone_index(&r.zone_en)).collect();
    let acc = district_accounts(&rows, &dz);
    let districts = district_records(&rows, &dz, &acc);
    let mut units = stock_units(&mut rng, &rows, &dz, &acc, &districts, unit_scale);
    let mut sites = receiving_sites(&mut rng, &rows, &dz);
    let projects = consolidation_projects(&mut rng, &rows, &dz);
    let areas = farmland_areas(&districts, &mut units, &mut sites);
    // towns from a stream of their own, so the units' and sites' other fields stay as drawn
    let towns = towns(
        &mut ChaCha8Rng::seed_from_u64(seed ^ TOWN_STREAM),
        &rows,
        &dz,
        &acc,
    );
    place(
        &mut ChaCha8Rng::seed_from_u64(seed ^ PLACE_STREAM),
        &towns,
        &rows,
        &mut units,
        &mut sites,
    );
    let mut manifest = manifest(seed, unit_scale, &rows, &dz, districts, &towns);
    manifest.farmland_areas = areas;
    // the totals the metadata states, computed from what was drawn
    let site_km2: f64 = sites.iter().filter_map(|s| s.capacity_km2).sum();
    let project_km2: f64 = projects.iter().filter_map(|p| p.capacity_km2).sum();
    for f in &mut manifest.metadata.synthetic {
        f.how = f
            .how
            .replace("{site_km2}", &format!("{site_km2:.2}"))
            .replace("{project_km2}", &format!("{project_km2:.2}"));
    }
    Ok(Records {
        manifest,
        units,
        sites,
        projects,
    })
}

/// The districts of the nine concentrated basic-farmland areas (九田): the plain districts of
/// the new development zone and the ecological zone but Mentougou (mountains).
const FARMLAND_AREA_DISTRICTS: [&str; 9] = [
    "fangshan",
    "tongzhou",
    "shunyi",
    "changping",
    "daxing",
    "huairou",
    "pinggu",
    "miyun",
    "yanqing",
];
/// 140万亩 of concentrated basic farmland, km² (the seed plan's 九田).
const FARMLAND_AREAS_BASIC_KM2: f64 = 933.0;

/// The nine concentration areas (synthetic, see the metadata): one per district of
/// [`FARMLAND_AREA_DISTRICTS`], each holding the same share of its district's basic
/// farmland and arable so that their basic farmland adds up to 933 km²; the district's units
/// in basic-farmland protection areas and its sites holding basic farmland lie inside.
/// Drawn from nothing random: the units and sites are those already generated.
fn farmland_areas(
    districts: &[DistrictRecord],
    units: &mut [UnitRecord],
    sites: &mut [SiteRecord],
) -> Vec<FarmlandAreaRecord> {
    let chosen: Vec<&DistrictRecord> = FARMLAND_AREA_DISTRICTS
        .iter()
        .filter_map(|id| districts.iter().find(|d| d.id == *id))
        .collect();
    let basic = |d: &DistrictRecord| d.baseline.map_or(0.0, |b| b.basic_farmland);
    let total: f64 = chosen.iter().map(|d| basic(d)).sum();
    let share = FARMLAND_AREAS_BASIC_KM2 / total;
    let mut out = Vec::new();
    for (i, d) in chosen.iter().enumerate() {
        let id = format!("F{}", i + 1);
        for u in units
            .iter_mut()
            .filter(|u| u.district == d.id && u.in_basic_farmland_area)
        {
            u.farmland_area = Some(id.clone());
        }
        for s in sites
            .iter_mut()
            .filter(|s| s.district == d.id && s.basic_farmland_share > 0.0)
        {
            s.farmland_area = Some(id.clone());
        }
        out.push(FarmlandAreaRecord {
            name: format!("{} concentrated basic farmland (synthetic)", d.name),
            district: d.id.clone(),
            arable_km2: round(share * d.baseline.map_or(0.0, |b| b.arable), 2),
            basic_farmland_km2: round(share * basic(d), 2),
            id,
        });
    }
    out
}

/// Synthetic district accounts, km² per district (in the districts' order).
struct DistrictAccounts {
    construction: Vec<f64>,
    town: Vec<f64>,
    rural: Vec<f64>,
    arable: Vec<f64>,
    basic: Vec<f64>,
}

fn district_accounts(rows: &[DistrictRow], dz: &[usize]) -> DistrictAccounts {
    let area: Vec<f64> = rows
        .iter()
        .map(|r| r.area_km2_yearbook_recalled_unverified)
        .collect();
    // District accounts: synthetic shares by zone intensity, scaled to the city totals.
    let w = |f: [f64; 4]| -> Vec<f64> {
        rows.iter()
            .zip(dz)
            .zip(&area)
            .map(|((_, &z), &a)| a * f[z])
            .collect()
    };
    let construction = split(CONSTRUCTION, &w([0.9, 0.6, 0.25, 0.08]));
    let cw = |f: [f64; 4]| -> Vec<f64> {
        construction
            .iter()
            .zip(dz)
            .map(|(&c, &z)| c * f[z])
            .collect()
    };
    let town = split(TOWN, &cw([0.85, 0.7, 0.4, 0.25]));
    let rural = split(URBAN_RURAL - TOWN, &cw([0.0, 0.1, 0.35, 0.45]));
    let arable = split(ARABLE, &w([0.0, 0.05, 0.35, 0.1]));
    let basic = split(BASIC_FARMLAND, &arable);
    DistrictAccounts {
        construction,
        town,
        rural,
        arable,
        basic,
    }
}

fn district_records(
    rows: &[DistrictRow],
    dz: &[usize],
    acc: &DistrictAccounts,
) -> Vec<DistrictRecord> {
    let zones = ZONES;
    let DistrictAccounts {
        construction,
        town,
        rural,
        arable,
        basic,
    } = acc;
    rows.iter()
        .enumerate()
        .map(|(i, r)| DistrictRecord {
            id: r.name_en.to_lowercase(),
            name: format!("{} ({})", r.name_en, r.code_2010),
            name_zh: Some(r.name_zh_2010.clone()),
            zone: zones[dz[i]].to_string(),
            population: round(r.pop_resident_2010census_10k * 1e4, 0),
            area_km2: r.area_km2_yearbook_recalled_unverified,
            seat_lon: Some(r.seat_lon_mit),
            seat_lat: Some(r.seat_lat_mit),
            baseline: Some(AccountsRecord {
                unit: AreaUnit::Km2,
                total: r.area_km2_yearbook_recalled_unverified,
                arable: arable[i],
                basic_farmland: basic[i],
                construction: construction[i],
                urban_rural: round(town[i] + rural[i], 2),
                town: town[i],
            }),
        })
        .collect()
}

fn stock_units(
    rng: &mut ChaCha8Rng,
    rows: &[DistrictRow],
    dz: &[usize],
    acc: &DistrictAccounts,
    districts: &[DistrictRecord],
    unit_scale: f64,
) -> Vec<UnitRecord> {
    let (town, rural) = (&acc.town, &acc.rural);
    // Stock units: each zone's candidates = STOCK_RATIO × target, split over its districts by
    // rural construction land (plus town land in the extension zone).
    let mut units = Vec::new();
    let kinds: [&[(&str, f64)]; 4] = [
        &[],
        &[
            ("urban_village", 0.40),
            ("inefficient_industrial", 0.30),
            ("collective_industrial", 0.15),
            ("idle", 0.10),
            ("rural_homestead", 0.05),
        ],
        &[
            ("rural_homestead", 0.35),
            ("collective_industrial", 0.25),
            ("inefficient_industrial", 0.15),
            ("urban_village", 0.15),
            ("idle", 0.10),
        ],
        &[
            ("rural_homestead", 0.60),
            ("collective_industrial", 0.20),
            ("idle", 0.10),
            ("inefficient_industrial", 0.10),
        ],
    ];
    for z in 1..4 {
        let members: Vec<usize> = (0..rows.len()).filter(|&i| dz[i] == z).collect();
        let weights: Vec<f64> = members.iter().map(|&i| rural[i] + 0.2 * town[i]).collect();
        let budgets = split(STOCK_RATIO * TARGETS[z], &weights);
        for (mi, &d) in members.iter().enumerate() {
            for &(kind, share) in kinds[z] {
                let budget = budgets[mi] * share;
                let mut used = 0.0;
                while used < budget - 1e-9 {
                    let size = match kind {
                        "rural_homestead" => Range(0.05, 0.35),
                        "collective_industrial" => Range(0.03, 0.25),
                        "urban_village" => Range(0.05, 0.40),
                        "inefficient_industrial" => Range(0.02, 0.30),
                        _ => Range(0.005, 0.10),
                    }
                    .draw(rng)
                        / unit_scale;
                    // four significant decimals at village scale, more as units shrink
                    let a = round(
                        size.min(budget - used),
                        4 + unit_scale.log10().ceil() as i32,
                    );
                    if a <= 0.0 {
                        break;
                    }
                    used += a;
                    units.push(unit(rng, units.len(), &districts[d].id, z, kind, a));
                }
            }
        }
    }
    units
}

fn receiving_sites(rng: &mut ChaCha8Rng, rows: &[DistrictRow], dz: &[usize]) -> Vec<SiteRecord> {
    // Receiving sites.
    let mut sites = Vec::new();
    let site_plan: [&[(&str, usize)]; 4] = [
        &[],
        &[("development_zone", 8)],
        &[
            ("new_town", 14),
            ("central_town", 16),
            ("development_zone", 8),
        ],
        &[
            ("new_town", 6),
            ("central_town", 14),
            ("development_zone", 2),
        ],
    ];
    for (d, row) in rows.iter().enumerate() {
        let z = dz[d];
        for &(kind, n) in site_plan[z] {
            for _ in 0..n {
                sites.push(site(rng, sites.len(), &row.name_en.to_lowercase(), z, kind));
            }
        }
    }
    sites
}

fn consolidation_projects(
    rng: &mut ChaCha8Rng,
    rows: &[DistrictRow],
    dz: &[usize],
) -> Vec<ProjectRecord> {
    // Consolidation projects, in the new and ecological zones: capacity ~105 km² in all,
    // against the 71.73 km² of new arable delivered in 2006-2010.
    let mut projects = Vec::new();
    for (d, row) in rows.iter().enumerate() {
        let n = match dz[d] {
            2 => 18,
            3 => 12,
            _ => 0,
        };
        for _ in 0..n {
            let grade = if dz[d] == 2 {
                rng.random_range(4..=9)
            } else {
                rng.random_range(7..=12)
            };
            projects.push(ProjectRecord {
                id: format!("P{:04}", projects.len() + 1),
                district: row.name_en.to_lowercase(),
                capacity_km2: Some(round(Range(0.3, 1.1).draw(rng), 4)),
                capacity_ha: None,
                capacity_mu: None,
                cost: round(Range(18.0, 45.0).draw(rng), 2),
                arable_grade: grade,
                ..Default::default()
            });
        }
    }
    projects
}

/// The six uses of Beijing's stock redevelopment, declared in the instance: the four
/// construction uses the plan's supply targets name (保障性住房, 商品住房, 产业, 基础设施) and
/// the two ways stock leaves construction (复垦 to arable, 生态 restoration). Each GB/T
/// 21010-2017 class is the standard's nearest second-level class (stockland's reading, not
/// the plan's): urban housing 0701 for both kinds of housing, industry 0601, public
/// utilities 0809 for infrastructure, dry land 0103 for reclaimed arable (Beijing's farmland
/// is almost all dry or irrigated land) and arbour forest 0301 for ecological restoration
/// (the plan's 平原造林).
fn uses() -> Vec<crate::instance::format::UseRecord> {
    crate::instance::uses::Uses::builtin()
        .iter()
        .map(|k| {
            let d = k.def();
            crate::instance::format::UseRecord {
                id: d.id.clone(),
                role: d.role,
                class: d.class.clone(),
                name_zh: d.name_zh.clone(),
                name_en: d.name_en.clone(),
            }
        })
        .collect()
}

fn manifest(
    seed: u64,
    unit_scale: f64,
    rows: &[DistrictRow],
    dz: &[usize],
    districts: Vec<DistrictRecord>,
    towns: &[Town],
) -> InstanceFile {
    let zones = ZONES;
    let zone_names = [
        "Capital function core zone (首都功能核心区)",
        "Urban function expansion zone (城市功能拓展区)",
        "Urban development new zone (城市发展新区)",
        "Ecological conservation zone (生态涵养发展区)",
    ];
    InstanceFile {
        schema_version: SCHEMA_VERSION,
        name: if unit_scale == 1.0 {
            "beijing-2011-2015".into()
        } else {
            format!("beijing-2011-2015-x{unit_scale}")
        },
        metadata: metadata(seed),
        units_file: Some("units.csv".into()),
        sites_file: Some("sites.csv".into()),
        projects_file: Some("projects.csv".into()),
        criteria_file: None,
        criteria: Vec::new(),
        farmland_areas: Vec::new(),
        boundaries_file: None,
        uses: uses(),
        region: RegionRecord {
            name: "Beijing".into(),
            baseline_year: 2010,
            baseline: AccountsRecord {
                unit: AreaUnit::Km2,
                total: TOTAL,
                arable: ARABLE,
                basic_farmland: BASIC_FARMLAND,
                construction: CONSTRUCTION,
                urban_rural: URBAN_RURAL,
                town: TOWN,
            },
            // 2010 GDP sourced; 2015 a forecast at the plan's 8 % a year (metadata)
            gdp: Some(GdpRecord {
                baseline: GDP_2010,
                period_end: GDP_2015_FORECAST,
                unit: "100 million yuan".into(),
            }),
            exogenous: ExogenousRecord {
                unit: AreaUnit::Km2,
                arable: EXOGENOUS_ARABLE,
                basic_farmland: 0.0,
                note: "SYNTHETIC: arable converted to forest, orchards and green belts outside the allocation, 2011-2015 (assumption; the seed's arable floor of 2,205 km² against 2,237 km² in 2010 implies planned losses of this order)".into(),
            },
        },
        zones: zones
            .iter()
            .zip(zone_names)
            .map(|(id, name)| ZoneRecord { id: id.to_string(), name: name.to_string() })
            .collect(),
        transport: Some(transport(rows, dz, towns)),
        districts,
        units: Vec::new(),
        sites: Vec::new(),
        projects: Vec::new(),
    }
}

/// The zone ids, in zone-index order.
const ZONES: [&str; 4] = ["core", "extension", "new_development", "ecological"];

/// Districts that share a border (2010-2015 boundaries), by English name.
/// Recalled from the administrative map, not from a stored source: verify before publishing.
const NEIGHBOURS: [(&str, &str); 37] = [
    ("Dongcheng", "Xicheng"),
    ("Dongcheng", "Chaoyang"),
    ("Dongcheng", "Fengtai"),
    ("Xicheng", "Chaoyang"),
    ("Xicheng", "Haidian"),
    ("Xicheng", "Fengtai"),
    ("Chaoyang", "Haidian"),
    ("Chaoyang", "Fengtai"),
    ("Chaoyang", "Changping"),
    ("Chaoyang", "Shunyi"),
    ("Chaoyang", "Tongzhou"),
    ("Chaoyang", "Daxing"),
    ("Haidian", "Fengtai"),
    ("Haidian", "Shijingshan"),
    ("Haidian", "Mentougou"),
    ("Haidian", "Changping"),
    ("Fengtai", "Shijingshan"),
    ("Fengtai", "Mentougou"),
    ("Fengtai", "Fangshan"),
    ("Fengtai", "Daxing"),
    ("Shijingshan", "Mentougou"),
    ("Mentougou", "Fangshan"),
    ("Mentougou", "Changping"),
    ("Fangshan", "Daxing"),
    ("Tongzhou", "Shunyi"),
    ("Tongzhou", "Daxing"),
    ("Shunyi", "Changping"),
    ("Shunyi", "Huairou"),
    ("Shunyi", "Miyun"),
    ("Shunyi", "Pinggu"),
    ("Changping", "Yanqing"),
    ("Changping", "Huairou"),
    ("Huairou", "Miyun"),
    ("Huairou", "Yanqing"),
    ("Pinggu", "Miyun"),
    ("Mentougou", "Yanqing"),
    ("Changping", "Yanqing"),
];

/// Synthetic detour factor: road distance / great-circle distance between seats.
const DETOUR: f64 = 1.3;
/// Synthetic average road speed between district seats, km/h.
const SPEED_KMH: f64 = 40.0;

/// Great-circle distance in km between two (lon, lat) points.
pub fn great_circle_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Township-level places (乡镇): Beijing had about 180 towns and townships in 2010-2015.
pub const TOWNS: usize = 180;
/// Fewest town nodes a district outside the core zone gets.
const MIN_TOWNS: usize = 2;
/// Town positions: uniform in a disc around the seat of this share of the radius of a disc
/// of the district's area (synthetic).
const TOWN_SPREAD: f64 = 0.6;
/// Seed offsets of the random streams that place towns and put units and sites at them,
/// apart from the main stream so that every other drawn field is unchanged.
const TOWN_STREAM: u64 = 0x746f_776e;
const PARCEL_STREAM: u64 = 0x7061_7263;
const PLACE_STREAM: u64 = 0x706c_6163;

/// A synthetic township node.
struct Town {
    id: String,
    district: usize,
    lon: f64,
    lat: f64,
}

/// The town nodes: [`TOWNS`] split over the districts outside the core zone by rural
/// construction land (at least [`MIN_TOWNS`] each), placed uniformly in a disc around the
/// district seat (see [`TOWN_SPREAD`]).
fn towns(
    rng: &mut ChaCha8Rng,
    rows: &[DistrictRow],
    dz: &[usize],
    acc: &DistrictAccounts,
) -> Vec<Town> {
    let members: Vec<usize> = (0..rows.len()).filter(|&i| dz[i] != 0).collect();
    let weights: Vec<f64> = members.iter().map(|&i| acc.rural[i]).collect();
    let spare = (TOWNS - MIN_TOWNS * members.len()) as f64;
    let shares = split(spare, &weights);
    // largest remainders, so the counts add up to TOWNS exactly
    let mut counts: Vec<usize> = shares
        .iter()
        .map(|s| MIN_TOWNS + s.floor() as usize)
        .collect();
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| {
        (shares[b] - shares[b].floor())
            .total_cmp(&(shares[a] - shares[a].floor()))
            .then(a.cmp(&b))
    });
    let short = TOWNS - counts.iter().sum::<usize>();
    for &k in order.iter().take(short) {
        counts[k] += 1;
    }
    let mut out = Vec::new();
    for (k, &d) in members.iter().enumerate() {
        let r = &rows[d];
        let radius =
            TOWN_SPREAD * (r.area_km2_yearbook_recalled_unverified / std::f64::consts::PI).sqrt();
        for n in 0..counts[k] {
            let (dist, angle) = (
                radius * rng.random::<f64>().sqrt(),
                std::f64::consts::TAU * rng.random::<f64>(),
            );
            let lat = r.seat_lat_mit + dist * angle.sin() / 110.57;
            let lon =
                r.seat_lon_mit + dist * angle.cos() / (111.32 * r.seat_lat_mit.to_radians().cos());
            out.push(Town {
                id: format!("town:{}:{:02}", r.name_en.to_lowercase(), n + 1),
                district: d,
                lon: round(lon, 4),
                lat: round(lat, 4),
            });
        }
    }
    out
}

/// Put every unit at a town of its district (villages and parcels lie in townships) and every
/// site by kind: new towns (新城) at the district seat, central towns (中心镇) at a town, development
/// zones at either; each drawn uniformly.
fn place(
    rng: &mut ChaCha8Rng,
    towns: &[Town],
    rows: &[DistrictRow],
    units: &mut [UnitRecord],
    sites: &mut [SiteRecord],
) {
    let district = |id: &str| rows.iter().position(|r| r.name_en.to_lowercase() == id);
    let of = |d: Option<usize>| -> Vec<&Town> {
        towns.iter().filter(|t| Some(t.district) == d).collect()
    };
    let seat = |id: &str| format!("seat:{id}");
    for u in units.iter_mut() {
        let here = of(district(&u.district));
        u.node = Some(if here.is_empty() {
            seat(&u.district)
        } else {
            here[rng.random_range(0..here.len())].id.clone()
        });
    }
    for s in sites.iter_mut() {
        let here = of(district(&s.district));
        let at_seat = match s.kind.as_str() {
            "new_town" => true,
            "central_town" => false,
            _ => rng.random_bool(0.5),
        };
        s.node = Some(if at_seat || here.is_empty() {
            seat(&s.district)
        } else {
            here[rng.random_range(0..here.len())].id.clone()
        });
    }
}

fn link(a: (&str, (f64, f64)), b: (&str, (f64, f64))) -> LinkRecord {
    let km = round(DETOUR * great_circle_km(a.1, b.1), 2);
    LinkRecord {
        from: a.0.to_string(),
        to: b.0.to_string(),
        length_km: km,
        time_min: round(km / SPEED_KMH * 60.0, 1),
    }
}

fn transport(rows: &[DistrictRow], dz: &[usize], towns: &[Town]) -> TransportRecord {
    let id = |r: &DistrictRow| format!("seat:{}", r.name_en.to_lowercase());
    let mut nodes: Vec<NodeRecord> = rows
        .iter()
        .zip(dz)
        .map(|(r, &z)| NodeRecord {
            id: id(r),
            kind: "district_seat".into(),
            district: r.name_en.to_lowercase(),
            lon: Some(r.seat_lon_mit),
            lat: Some(r.seat_lat_mit),
            // Urban rail in 2015: the core, extension and new zones; none in the ecological zone.
            rail: z != 3,
        })
        .collect();
    nodes.extend(towns.iter().map(|t| NodeRecord {
        id: t.id.clone(),
        kind: "town".into(),
        district: rows[t.district].name_en.to_lowercase(),
        lon: Some(t.lon),
        lat: Some(t.lat),
        rail: false,
    }));
    let mut seen = std::collections::BTreeSet::new();
    let mut links = Vec::new();
    for (a, b) in NEIGHBOURS {
        let key = if a < b { (a, b) } else { (b, a) };
        if !seen.insert(key) {
            continue;
        }
        let (Some(ra), Some(rb)) = (
            rows.iter().find(|r| r.name_en == a),
            rows.iter().find(|r| r.name_en == b),
        ) else {
            continue;
        };
        links.push(link(
            (&id(ra), (ra.seat_lon_mit, ra.seat_lat_mit)),
            (&id(rb), (rb.seat_lon_mit, rb.seat_lat_mit)),
        ));
    }
    // each town to its seat and to its nearest towns of the district (a local road grid)
    let mut pairs = std::collections::BTreeSet::new();
    for (i, t) in towns.iter().enumerate() {
        let r = &rows[t.district];
        links.push(link(
            (&t.id, (t.lon, t.lat)),
            (&id(r), (r.seat_lon_mit, r.seat_lat_mit)),
        ));
        let mut near: Vec<(f64, usize)> = towns
            .iter()
            .enumerate()
            .filter(|&(j, o)| j != i && o.district == t.district)
            .map(|(j, o)| (great_circle_km((t.lon, t.lat), (o.lon, o.lat)), j))
            .collect();
        near.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        for &(_, j) in near.iter().take(TOWN_NEIGHBOURS) {
            if pairs.insert((i.min(j), i.max(j))) {
                let o = &towns[j];
                let (a, b) = if i < j { (t, o) } else { (o, t) };
                links.push(link((&a.id, (a.lon, a.lat)), (&b.id, (b.lon, b.lat))));
            }
        }
    }
    TransportRecord {
        note: format!("District seats (sourced coordinates) linked where districts share a border (adjacency recalled from the administrative map, unverified). SYNTHETIC: {TOWNS} town nodes (乡镇; Beijing had about 180 towns and townships), split over the districts outside the core zone by rural construction land (at least {MIN_TOWNS} each) and placed uniformly in a disc around the seat of {TOWN_SPREAD} × the radius of a disc of the district's area; each linked to its seat and its {TOWN_NEIGHBOURS} nearest towns of the district. Length = great-circle distance × {DETOUR} detour factor; time at {SPEED_KMH} km/h. Rail: urban rail served the 11 districts of the core, extension and new zones in 2015, none of the ecological zone (sourced); no town node is marked as served."),
        nodes,
        links,
    }
}

/// Links from each town to its nearest towns of the district.
const TOWN_NEIGHBOURS: usize = 2;

fn unit(
    rng: &mut ChaCha8Rng,
    n: usize,
    district: &str,
    z: usize,
    kind: &str,
    area: f64,
) -> UnitRecord {
    let land_class = match kind {
        "rural_homestead" | "urban_village" => "0702",
        "collective_industrial" | "inefficient_industrial" => "0601",
        _ => "1201",
    };
    let account = match kind {
        "inefficient_industrial" => "town",
        "idle" if z == 1 || rng.random_bool(0.5) => "town",
        _ => "rural",
    };
    let in_town = match kind {
        "urban_village" | "inefficient_industrial" => true,
        "rural_homestead" => z == 2 && rng.random_bool(0.2),
        "collective_industrial" => rng.random_bool(0.3),
        _ => account == "town",
    };
    let rural_kind = matches!(kind, "rural_homestead" | "collective_industrial");
    let in_redline = rural_kind && rng.random_bool([0.0, 0.0, 0.05, 0.35][z]);
    let in_bf =
        !in_redline && kind == "rural_homestead" && rng.random_bool([0.0, 0.0, 0.10, 0.05][z]);
    let station_km = round(
        [
            Range(0.0, 0.0),
            Range(0.2, 2.5),
            Range(0.5, 8.0),
            Range(1.0, 20.0),
        ][z]
            .draw(rng),
        2,
    );
    let m2_per_person = match kind {
        "rural_homestead" => Some(Range(150.0, 250.0)),
        "urban_village" => Some(Range(40.0, 80.0)),
        _ => None,
    };
    let population = m2_per_person.map_or(0.0, |r| round(area * 1e6 / r.draw(rng), 0));
    let reclaimable_share = round(
        match kind {
            "rural_homestead" => Range(0.6, 0.9),
            "collective_industrial" => Range(0.3, 0.7),
            "idle" => Range(0.3, 0.8),
            "inefficient_industrial" => Range(0.0, 0.2),
            _ => Range(0.0, 0.0),
        }
        .draw(rng)
            * if z == 1 { 0.3 } else { 1.0 },
        3,
    );
    let arable_grade = match z {
        1 => rng.random_range(5..=9),
        2 => rng.random_range(3..=8),
        _ => rng.random_range(8..=13),
    };
    let acq = acquisition(kind, z).draw(rng);
    let market = MARKET_VALUE[z].draw(rng);
    let industrial = INDUSTRIAL_VALUE[z].draw(rng);
    let infra = INFRA_VALUE[z].draw(rng);
    let works = Range(300.0, 800.0).draw(rng);
    let r2 = |v: f64| Some(round(v, 2));
    let mut rec = UnitRecord {
        id: format!("U{:05}", n + 1),
        district: district.to_string(),
        kind: kind.to_string(),
        land_class: land_class.to_string(),
        account: account.to_string(),
        in_town,
        area_km2: Some(area),
        area_ha: None,
        area_mu: None,
        in_redline,
        in_basic_farmland_area: in_bf,
        station_km,
        node: None,
        population,
        reclaimable_share,
        arable_grade,
        ..Default::default()
    };
    // drawn in this order: the committed files depend on it
    let arable = if reclaimable_share > 0.0 {
        let value = r2(Range(20.0, 60.0).draw(rng));
        (value, r2(acq + Range(60.0, 150.0).draw(rng)))
    } else {
        (None, None)
    };
    let ecological = (
        r2(Range(30.0, 150.0).draw(rng)),
        r2(acq + Range(40.0, 120.0).draw(rng)),
    );
    rec.set_economics([
        (r2(0.35 * market), r2(acq + works)),
        (r2(market), r2(acq + works)),
        (r2(industrial), r2(acq + 0.8 * works)),
        (r2(infra), r2(acq + 0.6 * works)),
        arable,
        ecological,
    ]);
    rec
}

fn site(rng: &mut ChaCha8Rng, n: usize, district: &str, z: usize, kind: &str) -> SiteRecord {
    let capacity = round(
        match kind {
            "new_town" => Range(0.5, 2.0),
            "central_town" => Range(0.3, 1.2),
            _ => Range(0.5, 2.5),
        }
        .draw(rng),
        4,
    );
    let arable_share = round(
        [
            Range(0.0, 0.0),
            Range(0.0, 0.3),
            Range(0.3, 0.7),
            Range(0.2, 0.5),
        ][z]
            .draw(rng),
        3,
    );
    let basic_farmland_share = if z >= 2 && rng.random_bool(0.3) {
        round(arable_share * Range(0.1, 0.5).draw(rng), 3)
    } else {
        0.0
    };
    let station_km = round(
        match kind {
            "new_town" => Range(0.3, 3.0),
            "central_town" => Range(1.0, 10.0),
            _ => Range(0.5, 4.0),
        }
        .draw(rng),
        2,
    );
    let arable_grade = match z {
        1 => rng.random_range(5..=9),
        2 => rng.random_range(3..=8),
        _ => rng.random_range(7..=12),
    };
    let market = MARKET_VALUE[z].draw(rng) * 0.9;
    let acq = [
        Range(0.0, 0.0),
        Range(3000.0, 6000.0),
        Range(800.0, 2000.0),
        Range(400.0, 1200.0),
    ][z]
        .draw(rng);
    let works = Range(300.0, 800.0).draw(rng);
    let (res, ind) = match kind {
        "development_zone" => (false, true),
        _ => (true, true),
    };
    let r2 = |v: f64| Some(round(v, 2));
    let opt = |on: bool, v: f64| if on { r2(v) } else { None };
    let mut rec = SiteRecord {
        id: format!("S{:04}", n + 1),
        district: district.to_string(),
        kind: kind.to_string(),
        capacity_km2: Some(capacity),
        capacity_ha: None,
        capacity_mu: None,
        arable_share,
        basic_farmland_share,
        in_town: true,
        station_km,
        node: None,
        arable_grade,
        ..Default::default()
    };
    // drawn in this order: the committed files depend on it
    let industrial = opt(ind, INDUSTRIAL_VALUE[z].draw(rng));
    let infrastructure = r2(INFRA_VALUE[z].draw(rng));
    rec.set_economics([
        (opt(res, 0.35 * market), opt(res, acq + works)),
        (opt(res, market), opt(res, acq + works)),
        (industrial, opt(ind, acq + 0.8 * works)),
        (infrastructure, r2(acq + 0.6 * works)),
    ]);
    rec
}

fn metadata(seed: u64) -> Metadata {
    let s = |what: &str, source: &str| Source {
        what: what.into(),
        source: source.into(),
    };
    Metadata {
        description: format!(
            "Beijing's 2011-2015 stock-land redevelopment (12th five-year land plan). District rows and city baseline accounts are sourced; stock units, receiving sites, consolidation projects and district baseline accounts are SYNTHETIC, generated with seed {seed}."
        ),
        sources: vec![
            s("region.baseline (total 16,408; arable 2,237; construction 3,414; urban-rural 2,541; town 1,323 km², 2010)", "北京市“十二五”时期土地资源保护与开发利用规划, Part 1, 一(一)"),
            s("districts: code, name, zone", "GB/T 2260 codes in use 2010-2015; four functional zones as published with the 2010 census (China News Service, 2011-05-05)"),
            s("districts.population", "2010 (6th) census resident population, 北京市公共卫生信息中心 '全市分区县人口情况' citing 市统计局"),
            s("districts.area_km2", "Beijing Statistical Yearbook as recalled (unverified); agrees with polygon-derived areas within 1%"),
            s("districts.seat_lon, seat_lat", "sfyc23/China-zip-code-latitude-and-longitude resource/region.csv (MIT)"),
            s("market housing land value calibration", "Q2 2012 average residential floor-area land price 9,381 yuan/m² (China Index Academy, via China Daily 2012-07-13)"),
            s("consolidation cost calibration", "seed 2006-2010 record: 186 projects, 2.003 bn yuan, 71.73 km² new arable ≈ 28 yuan per m² of new arable"),
            s("region.gdp.baseline (14,113.6 亿元, 2010)", "北京市2010年国民经济和社会发展统计公报 (Beijing Municipal Bureau of Statistics, 2011), as recalled (unverified)"),
            s("homestead population density", "rural residential land 150 m²/person (national standard) to 182 m²/person (national average), 资源科学 2009"),
        ],
        synthetic: [
            ("region.baseline.basic_farmland", "1,880 km²: not in the seed; set just above the 1,867 km² floor so that basic farmland is scarce (assumption)"),
            ("farmland_areas (九田)", "nine concentrated basic-farmland areas, one per plain district of the new development and ecological zones (Fangshan, Tongzhou, Shunyi, Changping, Daxing, Huairou, Pinggu, Miyun, Yanqing; not mountainous Mentougou), each holding 53.2 % of its district's synthetic arable and basic farmland so that their basic farmland adds up to the plan's 140万亩 ≈ 933 km²; inside lie the district's units in basic-farmland protection areas and its sites holding basic farmland. Positions and extents are not public: the overlay is a modelling assumption"),
            ("region.gdp.period_end", "20,737.5 亿元 at 2010 prices: the 2010 GDP grown 8 % a year for five years, the growth the city's 12th five-year plan outline aimed at (as recalled, unverified); range 19,795-21,716 for 7-9 % a year. The −30 % of construction land per unit of GDP is measured at comparable prices, so a real-growth forecast is the reading; the rule's bound moves one for one with it"),
            ("uses (classes)", "the six uses' GB/T 21010-2017 classes are stockland's reading, not the plan's: the standard's nearest second-level class for each (0701 urban housing for both kinds of housing, 0601 industry, 0809 public utilities for infrastructure, 0103 dry land for reclaimed arable, 0301 arbour forest for ecological restoration)"),
            ("region.exogenous.arable", "-40 km² over 2011-2015: arable converted to forest and green belts outside the allocation (assumption)"),
            ("districts.baseline", "city accounts split over districts by area × zone intensity (construction: core 0.9, extension 0.6, new 0.25, ecological 0.08 of area; town 0.85/0.7/0.4/0.25 and rural 0/0.1/0.35/0.45 of construction; arable 0/0.05/0.35/0.1 of area; basic farmland in proportion to arable), scaled to add up exactly to the city's"),
            ("units (all fields)", "each zone's candidates = 2.5 × its stock target (137.5 / 265 / 97.5 km²), split over districts by rural construction + 0.2 × town land; kind mix per zone (extension: urban villages 40%, inefficient industrial 30%, ...; new: homesteads 35%, collective industrial 25%, ...; ecological: homesteads 60%, ...); sizes 0.005-0.40 km² by kind (village scale)"),
            ("units.in_redline, in_basic_farmland_area", "redline: 5% (new zone) and 35% (ecological zone) of homesteads and collective industrial land; basic-farmland areas: 10% / 5% of homesteads"),
            ("units.station_km", "uniform 0.2-2.5 km (extension), 0.5-8 (new), 1-20 (ecological; no rail there in 2015, bus stations only)"),
            ("units.population", "homesteads: area / U(150, 250) m² per person (sourced bracket widened for courtyards); urban villages: area / U(40, 80) m² per person (dense migrant renting)"),
            ("units.reclaimable_share", "homesteads 0.6-0.9, collective industrial 0.3-0.7, idle 0.3-0.8, inefficient industrial 0-0.2, urban villages 0; × 0.3 in the extension zone"),
            ("units.arable_grade, sites.arable_grade, projects.arable_grade", "national grades 1 (best) - 15: plains better (new zone 3-8) than mountains (ecological 8-13)"),
            ("units.value_market", "million yuan/km² (= yuan/m²): extension 12,000-22,000, new 5,000-11,000, ecological 2,000-5,000; calibrated on the sourced 9,381 yuan/m² floor price at a floor-area ratio near 2"),
            ("units.value_affordable", "0.35 × market value: affordable housing land is allocated near cost; its value is social (assumption)"),
            ("units.value_industrial, value_infrastructure", "industrial 800-5,000 and infrastructure 1,200-3,200 million yuan/km² by zone (assumption: economic and social value above industrial land prices)"),
            ("units.value_arable, value_ecological", "20-60 and 30-150 million yuan/km²: present value of farm output (~2 yuan/m²/yr) and ecosystem services (assumption)"),
            ("units.cost_*", "compensation and acquisition by kind (urban villages 6,000-12,000, homesteads 2,500-6,000, collective industrial 1,200-3,000, inefficient industrial 1,500-3,500, idle 200-800 million yuan/km²), × 1.0 / 0.5 / 0.2 in the extension / new / ecological zone; plus works 300-800 (construction), 60-150 (reclamation), 40-120 (greening). Beijing compensation figures were not found in public sources"),
            ("transport.nodes (kind town), transport.links to and between towns", "180 town nodes (Beijing had about 180 towns and townships, 乡镇, in 2010-2015; their number per district and positions are not taken from a source): split over the 14 districts outside the core zone by rural construction land, at least 2 each; placed uniformly in a disc around the district seat of 0.6 × the radius of a disc of the district's area; each linked to its seat and its 2 nearest towns, length = great-circle distance × 1.3"),
            ("units.node, sites.node", "every unit at a town of its district drawn uniformly (villages and parcels lie in townships); new-town sites (新城) at the district seat, central-town sites (中心镇) at a town, development zones at either with equal chance"),
            ("sites (all fields)", "per district: extension 8 development zones; new zone 14 new-town, 16 central-town, 8 development-zone sites; ecological 6 / 14 / 2; capacity 0.3-2.5 km² ({site_km2} km² in all, well above the 200 km² quota)"),
            ("sites.arable_share, basic_farmland_share", "arable share 0-0.3 (extension), 0.3-0.7 (new), 0.2-0.5 (ecological); 30% of new and ecological sites hold basic farmland, 10-50% of their arable"),
            ("sites.value_*, cost_*", "values as for units of the zone (market × 0.9); land acquisition and servicing 3,000-6,000 / 800-2,000 / 400-1,200 million yuan/km² by zone plus works"),
            ("projects (all fields)", "18 per new-zone district and 12 per ecological district, 0.3-1.1 km² of new arable each ({project_km2} km² of capacity, against 71.73 km² delivered in 2006-2010: the 12th plan expands consolidation; assumption), cost 18-45 million yuan/km² around the sourced 28"),
        ]
        .into_iter()
        .map(|(f, h)| SyntheticField { field: f.into(), how: h.into() })
        .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_adds_up_exactly() {
        let parts = split(1323.0, &[1.0, 2.0, 3.3, 0.7]);
        let s: f64 = parts.iter().sum();
        assert!((s - 1323.0).abs() < 1e-9, "{s}");
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let a = beijing(7).unwrap();
        let b = beijing(7).unwrap();
        let c = beijing(8).unwrap();
        assert_eq!(a.units_csv, b.units_csv);
        assert_eq!(a.manifest, b.manifest);
        assert_ne!(a.units_csv, c.units_csv);
    }
}
