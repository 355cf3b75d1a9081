//! Property tests on random small instances: every solve passes the independent check (which
//! also recomputes the objective and compares it with the solver's), HiGHS and microlp agree
//! on the optimum, and scaling every value, cost and penalty scales the optimum.

use crate::util::*;
use proptest::prelude::*;
use stockland::instance::format::{
    AccountsRecord, AreaUnit, DistrictRecord, InstanceFile, InstanceParts, ProjectRecord,
    RegionRecord, SiteRecord, UnitRecord, ZoneRecord,
};
use stockland::instance::Instance;
use stockland::policy::PolicyModel;
use stockland::solve::{Backend, Method, SolveOptions, Status};

const KINDS: [&str; 5] = [
    "rural_homestead",
    "collective_industrial",
    "urban_village",
    "inefficient_industrial",
    "idle",
];

#[derive(Debug, Clone)]
struct RandUnit {
    zone: usize,
    kind: usize,
    area: f64,
    town: bool,
    redline: bool,
    station: f64,
    reclaimable: f64,
    grade: i64,
    econ: [(f64, f64); 6],
    offered: [bool; 6],
    /// The land now: 0-2 stock (town or rural by `town`), 3 an arable patch group, 4 a
    /// patch group of other land.
    now: usize,
}

#[derive(Debug, Clone)]
struct RandSite {
    zone: usize,
    capacity: f64,
    arable: f64,
    grade: i64,
    econ: [(f64, f64); 4],
}

fn unit() -> impl Strategy<Value = RandUnit> {
    (
        0..2usize,
        0..5usize,
        0.1..3.0f64,
        any::<bool>(),
        prop::bool::weighted(0.2),
        0.0..6.0f64,
        0.0..1.0f64,
        1..16i64,
        prop::array::uniform6((0.0..100.0f64, 0.0..60.0f64)),
        prop::array::uniform6(prop::bool::weighted(0.7)),
        0..5usize,
    )
        .prop_map(
            |(zone, kind, area, town, redline, station, reclaimable, grade, econ, offered, now)| {
                RandUnit {
                    zone,
                    kind,
                    area,
                    town,
                    redline,
                    station,
                    reclaimable,
                    grade,
                    econ,
                    offered,
                    now,
                }
            },
        )
}

fn site() -> impl Strategy<Value = RandSite> {
    (
        0..2usize,
        0.1..3.0f64,
        0.0..1.0f64,
        1..16i64,
        prop::array::uniform4((0.0..100.0f64, 0.0..60.0f64)),
    )
        .prop_map(|(zone, capacity, arable, grade, econ)| RandSite {
            zone,
            capacity,
            arable,
            grade,
            econ,
        })
}

fn instance_of(units: &[RandUnit], sites: &[RandSite], scale: f64) -> Instance {
    let zones = ["a", "b"];
    let mut m = InstanceFile {
        schema_version: 1,
        name: "random".into(),
        metadata: Default::default(),
        uses: Vec::new(),
        units_file: None,
        sites_file: None,
        projects_file: None,
        criteria_file: None,
        criteria: Vec::new(),
        farmland_areas: Vec::new(),
        boundaries_file: None,
        region: RegionRecord {
            name: "R".into(),
            baseline_year: 2010,
            baseline: AccountsRecord {
                unit: AreaUnit::Km2,
                total: 100.0,
                arable: 30.0,
                basic_farmland: 20.0,
                construction: 20.0,
                urban_rural: 15.0,
                town: 8.0,
            },
            gdp: None,
            exogenous: Default::default(),
        },
        zones: zones
            .iter()
            .map(|z| ZoneRecord {
                id: z.to_string(),
                name: z.to_string(),
            })
            .collect(),
        districts: zones
            .iter()
            .map(|z| DistrictRecord {
                id: format!("d{z}"),
                name: z.to_string(),
                name_zh: None,
                zone: z.to_string(),
                population: 1.0,
                area_km2: 50.0,
                seat_lon: None,
                seat_lat: None,
                baseline: None,
            })
            .collect(),
        transport: None,
        units: Vec::new(),
        sites: Vec::new(),
        projects: vec![ProjectRecord {
            id: "P1".into(),
            district: "da".into(),
            capacity_km2: Some(0.5),
            cost: 3.0 * scale,
            arable_grade: 8,
            ..Default::default()
        }],
    };
    for (i, u) in units.iter().enumerate() {
        let pick = |k: usize| {
            if u.offered[k] {
                (Some(u.econ[k].0 * scale), Some(u.econ[k].1 * scale))
            } else {
                (None, None)
            }
        };
        let mut rec = UnitRecord {
            id: format!("U{i}"),
            district: format!("d{}", zones[u.zone]),
            kind: if u.now < 3 { KINDS[u.kind] } else { "patch" }.into(),
            land_class: match u.now {
                3 => "0103",
                4 => "0404",
                _ => "0702",
            }
            .into(),
            account: match (u.now, u.town) {
                (3, _) => "arable",
                (4, _) => "non_construction",
                (_, true) => "town",
                (_, false) => "rural",
            }
            .into(),
            in_town: u.town,
            area_km2: Some(u.area),
            in_redline: u.redline,
            in_basic_farmland_area: false,
            station_km: u.station,
            population: 0.0,
            reclaimable_share: u.reclaimable,
            arable_grade: u.grade,
            ..Default::default()
        };
        rec.set_economics(std::array::from_fn(pick));
        m.units.push(rec);
    }
    for (i, s) in sites.iter().enumerate() {
        let mut rec = SiteRecord {
            id: format!("S{i}"),
            district: format!("d{}", zones[s.zone]),
            kind: "new_town".into(),
            capacity_km2: Some(s.capacity),
            arable_share: s.arable,
            basic_farmland_share: s.arable * 0.5,
            in_town: true,
            station_km: 1.0,
            arable_grade: s.grade,
            ..Default::default()
        };
        rec.set_economics(s.econ.map(|(v, c)| (Some(v * scale), Some(c * scale))));
        m.sites.push(rec);
    }
    Instance::from_parts(InstanceParts::from_manifest("random.toml", m))
        .expect("random instance is valid")
}

/// Every family, the city-wide ones soft (so any random instance is feasible), with
/// penalties scaled with the money.
fn model_of(scale: f64, target_a: f64) -> PolicyModel {
    let p = 500.0 * scale;
    model_from(&format!(
        r#"schema_version = 1
name = "random"
[rules.unit_capacity]
[rules.site_capacity]
[rules.eligibility]
[rules.transport_access]
mode = "soft"
penalty = {t}
max_station_km = 3.0
[rules.stock_target]
mode = "soft"
penalty = {p}
targets_km2 = {{ a = {target_a} }}
[rules.supply_cap]
mode = "soft"
penalty = {p}
max_km2 = 4.0
[rules.stock_share]
mode = "soft"
penalty = {p}
min_share = 0.5
[rules.supply_mix]
mode = "soft"
penalty = {p}
shares.residential = {{ share = 0.3, band = 0.1 }}
shares.infrastructure = {{ share = 0.4, band = 0.1 }}
[rules.affordable_share]
mode = "soft"
penalty = {p}
min_share = 0.5
[rules.new_construction_quota]
mode = "soft"
penalty = {p}
max_km2 = 2.0
[rules.arable_floor]
mode = "soft"
penalty = {p}
min_km2 = 29.5
[rules.occupation_balance]
mode = "soft"
penalty = {p}
quality_weighted = true
[rules.basic_farmland]
mode = "soft"
penalty = {p}
min_km2 = 19.8
[rules.town_construction_cap]
mode = "soft"
penalty = {p}
max_km2 = 9.0
[rules.ecological_zone]
mode = "soft"
penalty = {p}
zones = ["b"]
"#,
        t = 5.0 * scale
    ))
}

/// Candidate stock of zone a, km² (the stock target may not exceed it).
fn zone_a_stock(units: &[RandUnit]) -> f64 {
    units.iter().filter(|u| u.zone == 0).map(|u| u.area).sum()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn every_solve_checks_and_backends_agree(
        units in prop::collection::vec(unit(), 1..7),
        sites in prop::collection::vec(site(), 0..4),
        share in 0.0..1.0f64,
    ) {
        let inst = instance_of(&units, &sites, 1.0);
        let m = model_of(1.0, share * zone_a_stock(&units));
        // solve_with runs the independent check and fails on any violation or objective mismatch
        let h = solve_with(&inst, &m, &SolveOptions { method: Method::Simplex, ..Default::default() });
        prop_assert_eq!(&h.solution.status, &Status::Optimal);
        let c = h.check.as_ref().unwrap();
        prop_assert!((c.objective.total - h.solution.objective.unwrap()).abs() <= 1e-6 * c.objective.value.abs().max(1.0));
        let ipm = solve_with(&inst, &m, &SolveOptions { method: Method::Ipm, ..Default::default() });
        let micro = solve_with(&inst, &m, &SolveOptions { backend: Backend::Microlp, ..Default::default() });
        let (a, b, d) = (h.solution.objective.unwrap(), ipm.solution.objective.unwrap(), micro.solution.objective.unwrap());
        let tol = 1e-6 * a.abs().max(1.0);
        prop_assert!((a - b).abs() <= tol, "simplex {} vs ipm {}", a, b);
        prop_assert!((a - d).abs() <= tol, "highs {} vs microlp {}", a, d);
    }

    #[test]
    fn scaling_money_scales_the_optimum(
        units in prop::collection::vec(unit(), 1..6),
        sites in prop::collection::vec(site(), 0..3),
        scale in 0.1..10.0f64,
    ) {
        let m1 = model_of(1.0, 0.5 * zone_a_stock(&units));
        let ms = model_of(scale, 0.5 * zone_a_stock(&units));
        let a = solve_checked(&instance_of(&units, &sites, 1.0), &m1).solution.objective.unwrap();
        let b = solve_checked(&instance_of(&units, &sites, scale), &ms).solution.objective.unwrap();
        prop_assert!((b - scale * a).abs() <= 1e-6 * (scale * a).abs().max(1.0), "{} × {} vs {}", scale, a, b);
    }
}
