//! Building the rows of every enabled rule family. Each function states one family; the
//! formulas are those of [`crate::policy::rules`].

use super::sparse::{Builder, ColumnKey, Programme, RowKey, RowName};
use crate::instance::{Account, Instance};
use crate::land_use::{LandUse, UseGroup};
use crate::policy::{active, quality_weight, Enforced, PolicyModel, RuleId};

const NONE: u32 = u32::MAX;
const INF: f64 = f64::INFINITY;

/// Column indices of the programme by unit, site and project.
struct Cols {
    unit: Vec<[u32; 6]>,
    site: Vec<[u32; 6]>,
    project: Vec<u32>,
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
}

/// Whether unit/site use `k` is allowed by eligibility, and the transport penalty per km²
/// (`None`: not allowed).
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
    Cols {
        unit,
        site,
        project,
    }
}

fn row(rule: RuleId, key: RowKey) -> RowName {
    RowName { rule, key }
}

/// Add Σ over all units of coef(unit, use) · x[u,k] for the uses in `uses`.
fn add_stock(
    b: &mut Builder,
    cols: &Cols,
    inst: &Instance,
    uses: &[LandUse],
    coef: impl Fn(&crate::instance::StockUnit, LandUse) -> f64,
) {
    for (ui, u) in inst.units.iter().enumerate() {
        for &k in uses {
            if let Some(j) = cols.unit_use(ui, k) {
                let c = coef(u, k);
                if c != 0.0 {
                    b.add(j, c);
                }
            }
        }
    }
}

/// Add Σ over all sites of coef(site, use) · y[s,k] for the uses in `uses`.
fn add_sites(
    b: &mut Builder,
    cols: &Cols,
    inst: &Instance,
    uses: &[LandUse],
    coef: impl Fn(&crate::instance::Site, LandUse) -> f64,
) {
    for (si, s) in inst.sites.iter().enumerate() {
        for &k in uses {
            if let Some(j) = cols.site_use(si, k) {
                let c = coef(s, k);
                if c != 0.0 {
                    b.add(j, c);
                }
            }
        }
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

/// State `instance` under `model` as a programme (maximise net benefit).
pub fn build(inst: &Instance, model: &PolicyModel) -> Programme {
    let mut b = Builder::new();
    let cols = columns(inst, model, &mut b);
    let rules = &model.rules;
    let base = &inst.region.baseline;
    let exo = &inst.region.exogenous;

    if let Some(r) = active(&rules.unit_capacity) {
        for (ui, u) in inst.units.iter().enumerate() {
            b.begin_row(
                row(RuleId::UnitCapacity, RowKey::Unit(ui as u32)),
                -INF,
                u.area_km2,
                0.0,
                r.soft_penalty(),
            );
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
        let mut by_zone: Vec<Vec<usize>> = vec![Vec::new(); inst.zones.len()];
        for (ui, u) in inst.units.iter().enumerate() {
            by_zone[inst.unit_zone(u)].push(ui);
        }
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
            for &ui in &by_zone[z] {
                for &k in &r.counts {
                    if let Some(j) = cols.unit_use(ui, k) {
                        b.add(j, 1.0);
                    }
                }
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
        add_stock(&mut b, &cols, inst, &LandUse::CONSTRUCTION, |_, _| 1.0);
        add_sites(&mut b, &cols, inst, &LandUse::CONSTRUCTION, |_, _| 1.0);
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
        add_stock(&mut b, &cols, inst, &LandUse::CONSTRUCTION, |_, _| 1.0 - s);
        add_sites(&mut b, &cols, inst, &LandUse::CONSTRUCTION, |_, _| -s);
        b.end_row();
    }
    if let Some(r) = active(&rules.urban_rural_supply) {
        b.begin_row(
            row(RuleId::UrbanRuralSupply, RowKey::None),
            (r.target_km2 - r.tolerance_km2).max(0.0),
            r.target_km2 + r.tolerance_km2,
            0.0,
            r.soft_penalty(),
        );
        add_stock(&mut b, &cols, inst, &UR, |_, _| 1.0);
        add_sites(&mut b, &cols, inst, &UR, |_, _| 1.0);
        b.end_row();
    }
    if let Some(r) = active(&rules.urban_rural_stock) {
        b.begin_row(
            row(RuleId::UrbanRuralStock, RowKey::None),
            (r.target_km2 - r.tolerance_km2).max(0.0),
            r.target_km2 + r.tolerance_km2,
            0.0,
            r.soft_penalty(),
        );
        add_stock(&mut b, &cols, inst, &UR, |_, _| 1.0);
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
                add_stock(&mut b, &cols, inst, &LandUse::CONSTRUCTION, |_, k| coef(k));
                add_sites(&mut b, &cols, inst, &LandUse::CONSTRUCTION, |_, k| coef(k));
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
        add_stock(&mut b, &cols, inst, &res, |_, k| coef(k));
        add_sites(&mut b, &cols, inst, &res, |_, k| coef(k));
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
        add_sites(&mut b, &cols, inst, &LandUse::CONSTRUCTION, |_, _| 1.0);
        b.end_row();
    }
    // arable gained minus arable occupied, the body of the arable rules
    let arable_change = |b: &mut Builder, w: &dyn Fn(u8) -> f64| {
        add_stock(b, &cols, inst, &[LandUse::Arable], |u, _| w(u.arable_grade));
        for (pi, p) in inst.projects.iter().enumerate() {
            b.add(cols.project[pi], w(p.arable_grade));
        }
        add_sites(b, &cols, inst, &LandUse::CONSTRUCTION, |s, _| {
            -s.arable_share * w(s.arable_grade)
        });
    };
    if let Some(r) = active(&rules.arable_floor) {
        b.begin_row(
            row(RuleId::ArableFloor, RowKey::None),
            r.min_km2,
            INF,
            base.arable_km2 + exo.arable_km2,
            r.soft_penalty(),
        );
        arable_change(&mut b, &|_| 1.0);
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
        arable_change(&mut b, &|_| 1.0);
        b.end_row();
        if r.quality_weighted {
            b.begin_row(
                row(RuleId::OccupationBalance, RowKey::Word("quality".into())),
                0.0,
                INF,
                0.0,
                r.soft_penalty(),
            );
            arable_change(&mut b, &quality_weight);
            b.end_row();
        }
    }
    if let Some(r) = active(&rules.basic_farmland) {
        b.begin_row(
            row(RuleId::BasicFarmland, RowKey::None),
            r.min_km2,
            INF,
            base.basic_farmland_km2 + exo.basic_farmland_km2,
            r.soft_penalty(),
        );
        add_sites(&mut b, &cols, inst, &LandUse::CONSTRUCTION, |s, _| {
            -s.basic_farmland_share
        });
        b.end_row();
    }
    // construction at period end minus baseline
    let construction_change = |b: &mut Builder, sign: f64| {
        add_sites(b, &cols, inst, &LandUse::CONSTRUCTION, |_, _| sign);
        add_stock(b, &cols, inst, &RECLAIM, |_, _| -sign);
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
        b.begin_row(
            row(RuleId::TownConstructionCap, RowKey::None),
            -INF,
            r.max_km2,
            base.town_km2,
            r.soft_penalty(),
        );
        add_sites(
            &mut b,
            &cols,
            inst,
            &UR,
            |s, _| if s.in_town { 1.0 } else { 0.0 },
        );
        add_stock(&mut b, &cols, inst, &LandUse::ALL, |u, k| {
            let gained = if u.in_town && k.is_urban_rural() {
                1.0
            } else {
                0.0
            };
            let left = if u.account == Account::Town { 1.0 } else { 0.0 };
            gained - left
        });
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
            for (si, s) in inst.sites.iter().enumerate() {
                if inst.site_zone(s) == z {
                    for k in LandUse::CONSTRUCTION {
                        if let Some(j) = cols.site_use(si, k) {
                            b.add(j, 1.0);
                        }
                    }
                }
            }
            for (ui, u) in inst.units.iter().enumerate() {
                if inst.unit_zone(u) == z {
                    for k in RECLAIM {
                        if let Some(j) = cols.unit_use(ui, k) {
                            b.add(j, -1.0);
                        }
                    }
                }
            }
            b.end_row();
        }
    }
    b.finish()
}
