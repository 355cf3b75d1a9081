//! Building the rows of every enabled rule family. Each block states one family; the
//! formulas are those of [`crate::policy::rules`].
//!
//! Unit and site columns enter their capacity row, one `total[stock|new...]` row and, where
//! their attributes matter (arable grades, shares, town accounts), one or two more; every
//! city-wide or zone rule is stated on the accounting totals ([`Total`]).

use super::sparse::{Builder, ColumnKey, Programme, RowKey, RowName, Total};
use crate::instance::{Account, Instance};
use crate::land_use::{LandUse, UseGroup};
use crate::network::LinkageNetwork;
use crate::policy::{active, quality_weight, Enforced, PolicyModel, RuleId};

const NONE: u32 = u32::MAX;
const INF: f64 = f64::INFINITY;

/// Column indices of the programme by unit, site and project, and of the totals.
struct Cols {
    unit: Vec<[u32; 6]>,
    site: Vec<[u32; 6]>,
    project: Vec<u32>,
    /// `stock[z,k]` by zone and use.
    stock: Vec<[u32; 6]>,
    /// `new[z,k]` by zone and use.
    new: Vec<[u32; 6]>,
    occupied: u32,
    occupied_quality: u32,
    reclaimed_quality: u32,
    basic_farmland_occupied: u32,
    /// Σ_e f[e], when the linkage is on.
    linkage: Option<u32>,
    /// f[e] by network edge.
    flow: Vec<u32>,
    /// r[e] by network edge (NONE where no resettlement column).
    resettle: Vec<u32>,
}

impl Cols {
    fn unit_use(&self, u: usize, k: LandUse) -> Option<u32> {
        let j = self.unit[u][k.index()];
        (j != NONE).then_some(j)
    }
    fn site_use(&self, s: usize, k: LandUse) -> Option<u32> {
        let j = self.site[s][k.index()];
        (j != NONE).then_some(j)
    }
    /// Add Σ_z coef(k) · stock[z,k] over `uses`.
    fn add_stock(&self, b: &mut Builder, uses: &[LandUse], coef: impl Fn(LandUse) -> f64) {
        for z in &self.stock {
            for &k in uses {
                let c = coef(k);
                if c != 0.0 {
                    b.add(z[k.index()], c);
                }
            }
        }
    }
    /// Add Σ_z coef(k) · new[z,k] over `uses`.
    fn add_new(&self, b: &mut Builder, uses: &[LandUse], coef: impl Fn(LandUse) -> f64) {
        for z in &self.new {
            for &k in uses {
                let c = coef(k);
                if c != 0.0 {
                    b.add(z[k.index()], c);
                }
            }
        }
    }
}

/// The transport penalty per km² of use `k` at `station_km` (`None`: not allowed).
fn access_penalty(model: &PolicyModel, k: LandUse, station_km: f64) -> Option<f64> {
    match active(&model.rules.transport_access) {
        Some(t) if t.uses.contains(&k) && station_km > t.max_station_km => t
            .soft_penalty()
            .map(|p| p * (station_km - t.max_station_km)),
        _ => Some(0.0),
    }
}

fn columns(inst: &Instance, model: &PolicyModel, b: &mut Builder) -> Cols {
    let vw = model.objective.effective_value_weight();
    let cw = model.objective.cost_weight;
    let elig = active(&model.rules.eligibility);
    // With a capacity row, a column's own bound would duplicate it and take its dual:
    // the column is left unbounded above and the row carries the price.
    let unit_row = active(&model.rules.unit_capacity).is_some_and(|r| r.soft_penalty().is_none());
    let site_row = active(&model.rules.site_capacity).is_some_and(|r| r.soft_penalty().is_none());
    let mut unit = Vec::with_capacity(inst.units.len());
    for (ui, u) in inst.units.iter().enumerate() {
        let mut cols = [NONE; 6];
        for k in LandUse::ALL {
            let Some(e) = u.uses[k.index()] else { continue };
            if let Some(el) = elig {
                if u.in_redline && !el.redline_uses.contains(&k) {
                    continue;
                }
                if u.in_basic_farmland_area && !el.basic_farmland_area_uses.contains(&k) {
                    continue;
                }
            }
            let Some(pen) = access_penalty(model, k, u.station_km) else {
                continue;
            };
            let upper = if k == LandUse::Arable {
                u.reclaimable_share * u.area_km2
            } else if unit_row {
                INF
            } else {
                u.area_km2
            };
            if upper <= 0.0 || u.area_km2 <= 0.0 {
                continue;
            }
            let key = ColumnKey::Alloc {
                unit: ui as u32,
                land_use: k,
            };
            cols[k.index()] = b.column(key, 0.0, upper, vw * e.value - cw * e.cost - pen);
        }
        unit.push(cols);
    }
    let mut site = Vec::with_capacity(inst.sites.len());
    for (si, s) in inst.sites.iter().enumerate() {
        let mut cols = [NONE; 6];
        let barred = elig
            .is_some_and(|el| !el.allow_sites_on_basic_farmland && s.basic_farmland_share > 0.0);
        for k in LandUse::CONSTRUCTION {
            let Some(e) = s.uses[k.index()] else { continue };
            if barred || s.capacity_km2 <= 0.0 {
                continue;
            }
            let Some(pen) = access_penalty(model, k, s.station_km) else {
                continue;
            };
            let key = ColumnKey::Build {
                site: si as u32,
                land_use: k,
            };
            let upper = if site_row { INF } else { s.capacity_km2 };
            cols[k.index()] = b.column(key, 0.0, upper, vw * e.value - cw * e.cost - pen);
        }
        site.push(cols);
    }
    let project = inst
        .projects
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            b.column(
                ColumnKey::Consolidate { project: pi as u32 },
                0.0,
                p.capacity_km2,
                -cw * p.cost,
            )
        })
        .collect();
    let mut total = |t: Total| b.column(ColumnKey::Total(t), 0.0, INF, 0.0);
    let zones = inst.zones.len() as u32;
    let stock = (0..zones)
        .map(|zone| LandUse::ALL.map(|land_use| total(Total::Stock { zone, land_use })))
        .collect();
    let new = (0..zones)
        .map(|zone| LandUse::ALL.map(|land_use| total(Total::New { zone, land_use })))
        .collect();
    Cols {
        unit,
        site,
        project,
        stock,
        new,
        occupied: total(Total::Occupied),
        occupied_quality: total(Total::OccupiedQuality),
        reclaimed_quality: total(Total::ReclaimedQuality),
        basic_farmland_occupied: total(Total::BasicFarmlandOccupied),
        linkage: None,
        flow: Vec::new(),
        resettle: Vec::new(),
    }
}

/// Resettlement demand per km² redeveloped of unit `u`: km² of affordable-housing land.
pub fn resettlement_density(u: &crate::instance::StockUnit, land_m2_per_person: f64) -> f64 {
    if u.area_km2 > 0.0 {
        u.population / u.area_km2 * land_m2_per_person / 1e6
    } else {
        0.0
    }
}

/// Flow (and resettlement) columns on the network's edges, and the linkage total.
fn linkage_columns(
    inst: &Instance,
    model: &PolicyModel,
    net: &LinkageNetwork,
    cols: &mut Cols,
    b: &mut Builder,
) {
    let Some(r) = active(&model.rules.linkage_balance) else {
        return;
    };
    let cw = model.objective.cost_weight;
    let resettle = active(&model.rules.resettlement);
    for e in &net.edges {
        let f = b.column(
            ColumnKey::Flow {
                unit: e.unit,
                site: e.site,
            },
            0.0,
            INF,
            -cw * r.transfer_cost_per_km2_km * e.distance_km,
        );
        cols.flow.push(f);
        let u = &inst.units[e.unit as usize];
        let wants = resettle.is_some_and(|rs| {
            rs.kinds.contains(&u.kind) && resettlement_density(u, rs.land_m2_per_person) > 0.0
        });
        cols.resettle.push(if e.cross_district && wants {
            b.column(
                ColumnKey::Resettle {
                    unit: e.unit,
                    site: e.site,
                },
                0.0,
                INF,
                0.0,
            )
        } else {
            NONE
        });
    }
    cols.linkage = Some(b.column(ColumnKey::Total(Total::Linkage), 0.0, INF, 0.0));
}

/// The `total[...]` rows: each total column equals the sum it stands for.
fn define_totals(inst: &Instance, cols: &Cols, b: &mut Builder) {
    let define =
        |b: &mut Builder, key: String, total: u32, terms: &mut dyn Iterator<Item = (u32, f64)>| {
            b.begin_row(
                RowName {
                    rule: None,
                    key: RowKey::Word(key),
                },
                0.0,
                0.0,
                0.0,
                None,
            );
            b.add(total, -1.0);
            for (j, c) in terms {
                if c != 0.0 {
                    b.add(j, c);
                }
            }
            b.end_row();
        };
    let mut units_by_zone: Vec<Vec<usize>> = vec![Vec::new(); inst.zones.len()];
    for (ui, u) in inst.units.iter().enumerate() {
        units_by_zone[inst.unit_zone(u)].push(ui);
    }
    let mut sites_by_zone: Vec<Vec<usize>> = vec![Vec::new(); inst.zones.len()];
    for (si, s) in inst.sites.iter().enumerate() {
        sites_by_zone[inst.site_zone(s)].push(si);
    }
    for (z, zone) in inst.zones.iter().enumerate() {
        for k in LandUse::ALL {
            let mut terms = units_by_zone[z]
                .iter()
                .filter_map(|&u| cols.unit_use(u, k))
                .map(|j| (j, 1.0));
            define(
                b,
                format!("stock.{}.{k}", zone.id),
                cols.stock[z][k.index()],
                &mut terms,
            );
            let mut terms = sites_by_zone[z]
                .iter()
                .filter_map(|&s| cols.site_use(s, k))
                .map(|j| (j, 1.0));
            define(
                b,
                format!("new.{}.{k}", zone.id),
                cols.new[z][k.index()],
                &mut terms,
            );
        }
    }
    let site_terms = |w: &dyn Fn(&crate::instance::Site) -> f64| -> Vec<(u32, f64)> {
        let mut v = Vec::new();
        for (si, s) in inst.sites.iter().enumerate() {
            for k in LandUse::CONSTRUCTION {
                if let Some(j) = cols.site_use(si, k) {
                    v.push((j, w(s)));
                }
            }
        }
        v
    };
    define(
        b,
        "occupied".into(),
        cols.occupied,
        &mut site_terms(&|s| s.arable_share).into_iter(),
    );
    define(
        b,
        "occupied_quality".into(),
        cols.occupied_quality,
        &mut site_terms(&|s| quality_weight(s.arable_grade) * s.arable_share).into_iter(),
    );
    define(
        b,
        "basic_farmland_occupied".into(),
        cols.basic_farmland_occupied,
        &mut site_terms(&|s| s.basic_farmland_share).into_iter(),
    );
    let mut reclaimed = inst.units.iter().enumerate().filter_map(|(ui, u)| {
        cols.unit_use(ui, LandUse::Arable)
            .map(|j| (j, quality_weight(u.arable_grade)))
    });
    define(
        b,
        "reclaimed_quality".into(),
        cols.reclaimed_quality,
        &mut reclaimed,
    );
    if let Some(l) = cols.linkage {
        define(
            b,
            "linkage".into(),
            l,
            &mut cols.flow.iter().map(|&j| (j, 1.0)),
        );
    }
}

fn row(rule: RuleId, key: RowKey) -> RowName {
    RowName {
        rule: Some(rule),
        key,
    }
}

fn group_uses(g: UseGroup) -> Vec<LandUse> {
    LandUse::ALL
        .into_iter()
        .filter(|k| g.contains(*k))
        .collect()
}

const UR: [LandUse; 3] = [LandUse::Affordable, LandUse::Market, LandUse::Industrial];
const RECLAIM: [LandUse; 2] = [LandUse::Arable, LandUse::Ecological];

/// State `instance` under `model` as a programme (maximise net benefit), building the
/// linkage network when the model has the linkage.
pub fn build(inst: &Instance, model: &PolicyModel) -> Programme {
    let net = active(&model.rules.linkage_balance).map(|r| LinkageNetwork::build(inst, r));
    build_with(inst, model, net.as_ref())
}

/// [`build`] with a linkage network built beforehand (`None` when the linkage is off).
pub fn build_with(inst: &Instance, model: &PolicyModel, net: Option<&LinkageNetwork>) -> Programme {
    let mut b = Builder::new();
    let mut cols = columns(inst, model, &mut b);
    if let Some(net) = net {
        linkage_columns(inst, model, net, &mut cols, &mut b);
    }
    define_totals(inst, &cols, &mut b);
    let whole_unit = model.whole_unit.enabled;
    let rules = &model.rules;
    let base = &inst.region.baseline;
    let exo = &inst.region.exogenous;
    let one = |_: LandUse| 1.0;

    if let Some(r) = active(&rules.unit_capacity) {
        for (ui, u) in inst.units.iter().enumerate() {
            let has_columns = LandUse::ALL.iter().any(|&k| cols.unit_use(ui, k).is_some());
            if whole_unit && has_columns {
                // Σ_k x[u,k] = area(u) · whole[u]: redeveloped whole or not at all.
                let w = b.column(ColumnKey::Whole { unit: ui as u32 }, 0.0, 1.0, 0.0);
                b.set_integer(w);
                b.begin_row(
                    row(RuleId::UnitCapacity, RowKey::Unit(ui as u32)),
                    0.0,
                    0.0,
                    0.0,
                    None,
                );
                b.add(w, -u.area_km2);
            } else {
                b.begin_row(
                    row(RuleId::UnitCapacity, RowKey::Unit(ui as u32)),
                    -INF,
                    u.area_km2,
                    0.0,
                    r.soft_penalty(),
                );
            }
            for k in LandUse::ALL {
                if let Some(j) = cols.unit_use(ui, k) {
                    b.add(j, 1.0);
                }
            }
            b.end_row();
        }
    }
    if let Some(r) = active(&rules.site_capacity) {
        for (si, s) in inst.sites.iter().enumerate() {
            b.begin_row(
                row(RuleId::SiteCapacity, RowKey::Site(si as u32)),
                -INF,
                s.capacity_km2,
                0.0,
                r.soft_penalty(),
            );
            for k in LandUse::CONSTRUCTION {
                if let Some(j) = cols.site_use(si, k) {
                    b.add(j, 1.0);
                }
            }
            b.end_row();
        }
    }
    if let Some(r) = active(&rules.stock_target) {
        for (zone, &target) in &r.targets_km2 {
            let Some(z) = inst.zone_index(zone) else {
                continue;
            };
            b.begin_row(
                row(RuleId::StockTarget, RowKey::Zone(z as u32)),
                (target - r.tolerance_km2).max(0.0),
                target + r.tolerance_km2,
                0.0,
                r.soft_penalty(),
            );
            for &k in &r.counts {
                b.add(cols.stock[z][k.index()], 1.0);
            }
            b.end_row();
        }
    }
    if let Some(r) = active(&rules.supply_cap) {
        b.begin_row(
            row(RuleId::SupplyCap, RowKey::None),
            -INF,
            r.max_km2,
            0.0,
            r.soft_penalty(),
        );
        cols.add_stock(&mut b, &LandUse::CONSTRUCTION, one);
        cols.add_new(&mut b, &LandUse::CONSTRUCTION, one);
        b.end_row();
    }
    if let Some(r) = active(&rules.stock_share) {
        let s = r.min_share;
        b.begin_row(
            row(RuleId::StockShare, RowKey::None),
            0.0,
            INF,
            0.0,
            r.soft_penalty(),
        );
        cols.add_stock(&mut b, &LandUse::CONSTRUCTION, |_| 1.0 - s);
        cols.add_new(&mut b, &LandUse::CONSTRUCTION, |_| -s);
        if let (Some(l), Some(_)) = (
            cols.linkage,
            active(&rules.linkage_balance).filter(|r| r.counts_as_stock),
        ) {
            b.add(l, 1.0);
        }
        b.end_row();
    }
    if let Some(r) = active(&rules.urban_rural_supply) {
        let (lo, hi) = (
            (r.target_km2 - r.tolerance_km2).max(0.0),
            r.target_km2 + r.tolerance_km2,
        );
        b.begin_row(
            row(RuleId::UrbanRuralSupply, RowKey::None),
            lo,
            hi,
            0.0,
            r.soft_penalty(),
        );
        cols.add_stock(&mut b, &UR, one);
        cols.add_new(&mut b, &UR, one);
        b.end_row();
    }
    if let Some(r) = active(&rules.urban_rural_stock) {
        let (lo, hi) = (
            (r.target_km2 - r.tolerance_km2).max(0.0),
            r.target_km2 + r.tolerance_km2,
        );
        b.begin_row(
            row(RuleId::UrbanRuralStock, RowKey::None),
            lo,
            hi,
            0.0,
            r.soft_penalty(),
        );
        cols.add_stock(&mut b, &UR, one);
        b.end_row();
    }
    if let Some(r) = active(&rules.supply_mix) {
        for (&g, m) in &r.shares {
            let members = group_uses(g);
            for (side, share, lo, hi) in [
                ("min", (m.share - m.band).max(0.0), 0.0, INF),
                ("max", (m.share + m.band).min(1.0), -INF, 0.0),
            ] {
                b.begin_row(
                    row(RuleId::SupplyMix, RowKey::Word(format!("{g}.{side}"))),
                    lo,
                    hi,
                    0.0,
                    r.soft_penalty(),
                );
                let coef = |k: LandUse| {
                    if members.contains(&k) {
                        1.0 - share
                    } else {
                        -share
                    }
                };
                cols.add_stock(&mut b, &LandUse::CONSTRUCTION, coef);
                cols.add_new(&mut b, &LandUse::CONSTRUCTION, coef);
                b.end_row();
            }
        }
    }
    if let Some(r) = active(&rules.affordable_share) {
        let s = r.min_share;
        let coef = |k: LandUse| {
            if k == LandUse::Affordable {
                1.0 - s
            } else {
                -s
            }
        };
        let res = [LandUse::Affordable, LandUse::Market];
        b.begin_row(
            row(RuleId::AffordableShare, RowKey::None),
            0.0,
            INF,
            0.0,
            r.soft_penalty(),
        );
        cols.add_stock(&mut b, &res, coef);
        cols.add_new(&mut b, &res, coef);
        b.end_row();
    }
    if let Some(r) = active(&rules.new_construction_quota) {
        b.begin_row(
            row(RuleId::NewConstructionQuota, RowKey::None),
            -INF,
            r.max_km2,
            0.0,
            r.soft_penalty(),
        );
        cols.add_new(&mut b, &LandUse::CONSTRUCTION, one);
        if let Some(l) = cols.linkage {
            b.add(l, -1.0);
        }
        b.end_row();
    }
    // arable reclaimed + consolidated − occupied, the body of the arable rules
    let arable_change = |b: &mut Builder| {
        cols.add_stock(b, &[LandUse::Arable], one);
        for &j in &cols.project {
            b.add(j, 1.0);
        }
        b.add(cols.occupied, -1.0);
    };
    if let Some(r) = active(&rules.arable_floor) {
        b.begin_row(
            row(RuleId::ArableFloor, RowKey::None),
            r.min_km2,
            INF,
            base.arable_km2 + exo.arable_km2,
            r.soft_penalty(),
        );
        arable_change(&mut b);
        b.end_row();
    }
    if let Some(r) = active(&rules.occupation_balance) {
        b.begin_row(
            row(RuleId::OccupationBalance, RowKey::Word("area".into())),
            0.0,
            INF,
            0.0,
            r.soft_penalty(),
        );
        arable_change(&mut b);
        b.end_row();
        if r.quality_weighted {
            b.begin_row(
                row(RuleId::OccupationBalance, RowKey::Word("quality".into())),
                0.0,
                INF,
                0.0,
                r.soft_penalty(),
            );
            b.add(cols.reclaimed_quality, 1.0);
            for (pi, p) in inst.projects.iter().enumerate() {
                b.add(cols.project[pi], quality_weight(p.arable_grade));
            }
            b.add(cols.occupied_quality, -1.0);
            b.end_row();
        }
    }
    if let Some(r) = active(&rules.basic_farmland) {
        let offset = base.basic_farmland_km2 + exo.basic_farmland_km2;
        b.begin_row(
            row(RuleId::BasicFarmland, RowKey::None),
            r.min_km2,
            INF,
            offset,
            r.soft_penalty(),
        );
        b.add(cols.basic_farmland_occupied, -1.0);
        b.end_row();
    }
    // construction at period end minus baseline, times `sign`
    let construction_change = |b: &mut Builder, sign: f64| {
        cols.add_new(b, &LandUse::CONSTRUCTION, |_| sign);
        cols.add_stock(b, &RECLAIM, |_| -sign);
    };
    if let Some(r) = active(&rules.construction_cap) {
        b.begin_row(
            row(RuleId::ConstructionCap, RowKey::None),
            -INF,
            r.max_km2,
            base.construction_km2,
            r.soft_penalty(),
        );
        construction_change(&mut b, 1.0);
        b.end_row();
    }
    if let Some(r) = active(&rules.non_construction_share) {
        b.begin_row(
            row(RuleId::NonConstructionShare, RowKey::None),
            r.min_share * base.total_km2,
            INF,
            base.total_km2 - base.construction_km2,
            r.soft_penalty(),
        );
        construction_change(&mut b, -1.0);
        b.end_row();
    }
    if let Some(r) = active(&rules.town_construction_cap) {
        // Depends on each unit's account and town location and each site's: stated on the
        // unit and site columns directly (one row).
        b.begin_row(
            row(RuleId::TownConstructionCap, RowKey::None),
            -INF,
            r.max_km2,
            base.town_km2,
            r.soft_penalty(),
        );
        for (si, s) in inst.sites.iter().enumerate() {
            if s.in_town {
                for k in UR {
                    if let Some(j) = cols.site_use(si, k) {
                        b.add(j, 1.0);
                    }
                }
            }
        }
        for (ui, u) in inst.units.iter().enumerate() {
            let left = if u.account == Account::Town { 1.0 } else { 0.0 };
            for k in LandUse::ALL {
                let gained = if u.in_town && k.is_urban_rural() {
                    1.0
                } else {
                    0.0
                };
                if let Some(j) = cols.unit_use(ui, k) {
                    if gained - left != 0.0 {
                        b.add(j, gained - left);
                    }
                }
            }
        }
        b.end_row();
    }
    if let Some(r) = active(&rules.ecological_zone) {
        for zone in &r.zones {
            let Some(z) = inst.zone_index(zone) else {
                continue;
            };
            b.begin_row(
                row(RuleId::EcologicalZone, RowKey::Zone(z as u32)),
                -INF,
                0.0,
                0.0,
                r.soft_penalty(),
            );
            for k in LandUse::CONSTRUCTION {
                b.add(cols.new[z][k.index()], 1.0);
            }
            for k in RECLAIM {
                b.add(cols.stock[z][k.index()], -1.0);
            }
            b.end_row();
        }
    }
    if let (Some(r), Some(net)) = (active(&rules.linkage_balance), net) {
        linkage_rows(inst, model, r, net, &cols, &mut b, whole_unit);
    }
    if let (Some(r), Some(net)) = (active(&rules.resettlement), net) {
        resettlement_rows(
            inst,
            r,
            active(&rules.linkage_balance).map_or(1.0, |l| l.ratio),
            net,
            &cols,
            &mut b,
        );
    } else if let Some(r) = active(&rules.resettlement) {
        resettlement_rows(inst, r, 1.0, &LinkageNetwork::empty(), &cols, &mut b);
    }
    b.finish()
}

fn linkage_rows(
    inst: &Instance,
    model: &PolicyModel,
    r: &crate::policy::LinkageBalance,
    net: &LinkageNetwork,
    cols: &Cols,
    b: &mut Builder,
    whole_unit: bool,
) {
    use crate::policy::QualityLevel;
    let pen = r.soft_penalty();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); inst.units.len()];
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); inst.sites.len()];
    for (e, edge) in net.edges.iter().enumerate() {
        out[edge.unit as usize].push(e);
        into[edge.site as usize].push(e);
    }
    // quota sent ≤ ratio × reclaimed to arable
    for &u in &net.withdrawal_units {
        let ui = u as usize;
        if out[ui].is_empty() {
            continue;
        }
        b.begin_row(
            row(RuleId::LinkageBalance, RowKey::Unit(u)),
            -INF,
            0.0,
            0.0,
            pen,
        );
        for &e in &out[ui] {
            b.add(cols.flow[e], 1.0);
        }
        if let Some(j) = cols.unit_use(ui, LandUse::Arable) {
            b.add(j, -r.ratio);
        }
        b.end_row();
    }
    // quota received = linkage-backed construction ≤ construction at the site
    for (si, edges) in into.iter().enumerate() {
        if edges.is_empty() {
            continue;
        }
        b.begin_row(
            row(RuleId::LinkageBalance, RowKey::Site(si as u32)),
            -INF,
            0.0,
            0.0,
            pen,
        );
        for &e in edges {
            b.add(cols.flow[e], 1.0);
        }
        for k in LandUse::CONSTRUCTION {
            if let Some(j) = cols.site_use(si, k) {
                b.add(j, -1.0);
            }
        }
        b.end_row();
    }
    // quality: Σ (w(g_u) − w(g_s)·a_s)·f ≥ 0 per site, district or city
    let coef = |e: usize| {
        let edge = &net.edges[e];
        let (u, s) = (
            &inst.units[edge.unit as usize],
            &inst.sites[edge.site as usize],
        );
        quality_weight(u.arable_grade) - quality_weight(s.arable_grade) * s.arable_share
    };
    let mut groups: Vec<(RowKey, Vec<usize>)> = Vec::new();
    match r.quality_level {
        QualityLevel::Off => {}
        QualityLevel::Site => {
            for (si, edges) in into.iter().enumerate() {
                if !edges.is_empty() {
                    groups.push((
                        RowKey::Word(format!("{}.quality", inst.sites[si].id)),
                        edges.clone(),
                    ));
                }
            }
        }
        QualityLevel::District => {
            for (d, district) in inst.districts.iter().enumerate() {
                let edges: Vec<usize> = (0..net.edges.len())
                    .filter(|&e| inst.sites[net.edges[e].site as usize].district == d)
                    .collect();
                if !edges.is_empty() {
                    groups.push((RowKey::Word(format!("{}.quality", district.id)), edges));
                }
            }
        }
        QualityLevel::City => groups.push((
            RowKey::Word("quality".into()),
            (0..net.edges.len()).collect(),
        )),
    }
    for (key, edges) in groups {
        b.begin_row(row(RuleId::LinkageBalance, key), 0.0, INF, 0.0, pen);
        for e in edges {
            b.add(cols.flow[e], coef(e));
        }
        b.end_row();
    }
    // whole-unit mode: used edges
    if whole_unit && (r.fixed_project_cost > 0.0 || r.min_project_km2 > 0.0) {
        let cw = model.objective.cost_weight;
        for (e, edge) in net.edges.iter().enumerate() {
            let u = &inst.units[edge.unit as usize];
            let big = r.ratio * u.reclaimable_share * u.area_km2;
            let used = b.column(
                ColumnKey::EdgeUsed {
                    unit: edge.unit,
                    site: edge.site,
                },
                0.0,
                1.0,
                -cw * r.fixed_project_cost,
            );
            b.set_integer(used);
            let key = format!("{}>{}", u.id, inst.sites[edge.site as usize].id);
            b.begin_row(
                row(RuleId::LinkageBalance, RowKey::Word(format!("{key}.used"))),
                -INF,
                0.0,
                0.0,
                None,
            );
            b.add(cols.flow[e], 1.0);
            b.add(used, -big);
            b.end_row();
            if r.min_project_km2 > 0.0 {
                b.begin_row(
                    row(RuleId::LinkageBalance, RowKey::Word(format!("{key}.min"))),
                    0.0,
                    INF,
                    0.0,
                    None,
                );
                b.add(cols.flow[e], 1.0);
                b.add(used, -r.min_project_km2);
                b.end_row();
            }
        }
    }
}

fn resettlement_rows(
    inst: &Instance,
    r: &crate::policy::Resettlement,
    ratio: f64,
    net: &LinkageNetwork,
    cols: &Cols,
    b: &mut Builder,
) {
    let pen = r.soft_penalty();
    for (d, district) in inst.districts.iter().enumerate() {
        b.begin_row(
            row(RuleId::Resettlement, RowKey::Word(district.id.clone())),
            -INF,
            0.0,
            0.0,
            pen,
        );
        for (ui, u) in inst.units.iter().enumerate() {
            if u.district != d {
                continue;
            }
            if r.kinds.contains(&u.kind) {
                let delta = resettlement_density(u, r.land_m2_per_person);
                if delta > 0.0 {
                    for k in LandUse::ALL {
                        if let Some(j) = cols.unit_use(ui, k) {
                            b.add(j, delta);
                        }
                    }
                }
            }
            if let Some(j) = cols.unit_use(ui, LandUse::Affordable) {
                b.add(j, -1.0);
            }
        }
        for (si, s) in inst.sites.iter().enumerate() {
            if s.district == d {
                if let Some(j) = cols.site_use(si, LandUse::Affordable) {
                    b.add(j, -1.0);
                }
            }
        }
        for (e, edge) in net.edges.iter().enumerate() {
            let j = cols.resettle.get(e).copied().unwrap_or(NONE);
            if j == NONE {
                continue;
            }
            if inst.units[edge.unit as usize].district == d {
                b.add(j, -1.0);
            }
            if inst.sites[edge.site as usize].district == d {
                b.add(j, 1.0);
            }
        }
        b.end_row();
    }
    // people follow their quota
    for (e, edge) in net.edges.iter().enumerate() {
        let j = cols.resettle.get(e).copied().unwrap_or(NONE);
        if j == NONE {
            continue;
        }
        let u = &inst.units[edge.unit as usize];
        let key = format!("{}>{}", u.id, inst.sites[edge.site as usize].id);
        b.begin_row(
            row(RuleId::Resettlement, RowKey::Word(key)),
            -INF,
            0.0,
            0.0,
            None,
        );
        b.add(j, 1.0);
        b.add(
            cols.flow[e],
            -resettlement_density(u, r.land_m2_per_person) / ratio,
        );
        b.end_row();
    }
}
