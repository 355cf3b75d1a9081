//! The programme's columns: one per (unit, use) and (site, use) a unit or site may take,
//! one per consolidation project, the accounting totals with their `total[...]` definition
//! rows, and the linkage's flow and resettlement columns on the network's edges.
//!
//! Which (unit, use) pairs get a column is decided here from the policy's definitions:
//! [`Eligibility`](crate::policy::Eligibility) and, when hard,
//! [`TransportAccess`](crate::policy::TransportAccess).

use super::sparse::{Builder, ColumnKey, RowName, Total};
use crate::instance::uses::{LandUse, PerUse, Role};
use crate::instance::{Account, Instance, Site};
use crate::network::LinkageNetwork;
use crate::policy::benefits::Weighted;
use crate::policy::change::arable_gain;
use crate::policy::{active, quality_weight, Family, PolicyModel};

pub(super) use super::phases::Phases;

pub(super) const NONE: u32 = u32::MAX;
pub(super) const INF: f64 = f64::INFINITY;

/// Column indices of the programme by unit, site and project, and of the totals.
pub(super) struct Cols {
    pub unit: PerUse<u32>,
    pub site: PerUse<u32>,
    pub project: Vec<u32>,
    /// `stock[z,k]` by zone and use.
    pub stock: PerUse<u32>,
    /// `new[z,k]` by zone and use.
    pub new: PerUse<u32>,
    pub occupied: u32,
    pub occupied_quality: u32,
    pub reclaimed_quality: u32,
    pub basic_farmland_occupied: u32,
    /// Σ_e f[e], when the linkage is on.
    pub linkage: Option<u32>,
    /// f[e] by network edge.
    pub flow: Vec<u32>,
    /// r[e] by network edge (NONE where no resettlement column).
    pub resettle: Vec<u32>,
    /// The year columns of every decision column, when the model has years.
    pub phases: Option<Phases>,
}

impl Cols {
    /// Decision column `j` in year index `t`: its year column, or `j` itself for one period.
    pub fn at(&self, j: u32, t: usize) -> u32 {
        match &self.phases {
            Some(p) => p.at(j, t),
            None => j,
        }
    }
    pub fn unit_use(&self, u: usize, k: LandUse) -> Option<u32> {
        let j = self.unit[u][k.index()];
        (j != NONE).then_some(j)
    }
    pub fn site_use(&self, s: usize, k: LandUse) -> Option<u32> {
        let j = self.site[s][k.index()];
        (j != NONE).then_some(j)
    }
    /// Unit `u`'s columns with the arable each km² of them gains ([`arable_gain`]: reclaimed
    /// stock, or for an arable patch group a loss to other uses); those that gain none left out.
    pub fn arable_gains<'a>(
        &'a self,
        inst: &'a Instance,
        u: usize,
    ) -> impl Iterator<Item = (u32, f64)> + 'a {
        let now = inst.units[u].account;
        inst.uses.iter().filter_map(move |k| {
            let gain = arable_gain(now, k);
            self.unit_use(u, k)
                .filter(|_| gain != 0.0)
                .map(|j| (j, gain))
        })
    }
    /// The resettlement column of edge `e`, if it has one.
    pub fn resettle(&self, e: usize) -> Option<u32> {
        self.resettle.get(e).copied().filter(|&j| j != NONE)
    }
    /// Add Σ_z coef(k) · stock[z,k] over `uses`.
    pub fn add_stock(
        &self,
        b: &mut Builder,
        uses: impl Iterator<Item = LandUse> + Clone,
        coef: impl Fn(LandUse) -> f64,
    ) {
        for z in &self.stock {
            for k in uses.clone() {
                let c = coef(k);
                if c != 0.0 {
                    b.add(z[k.index()], c);
                }
            }
        }
    }
    /// Add Σ_z coef(k) · new[z,k] over `uses`.
    pub fn add_new(
        &self,
        b: &mut Builder,
        uses: impl Iterator<Item = LandUse> + Clone,
        coef: impl Fn(LandUse) -> f64,
    ) {
        for z in &self.new {
            for k in uses.clone() {
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
        Some(t) if t.km_beyond(k, station_km) > 0.0 => {
            t.soft_penalty().map(|p| p * t.km_beyond(k, station_km))
        }
        _ => Some(0.0),
    }
}

/// Unit, site, project and total columns.
pub(super) fn columns(inst: &Instance, model: &PolicyModel, b: &mut Builder) -> Cols {
    let benefits = Weighted::new(inst, &model.objective);
    let unit = unit_columns(inst, model, &benefits, b);
    let site = site_columns(inst, model, &benefits, b);
    let cw = model.objective.cost_weight;
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
    // totals are amounts ≥ 0, but for the quality of arable gained when arable patch groups
    // turned to other uses make it a loss
    let arable_patches = inst.units.iter().any(|u| u.account == Account::Arable);
    let mut total = |t: Total| {
        let lower = match t {
            Total::ReclaimedQuality if arable_patches => -INF,
            _ => 0.0,
        };
        b.column(ColumnKey::Total(t), lower, INF, 0.0)
    };
    // `stock[z,k]` and `new[z,k]`, zone by zone in the uses' order
    let mut by_zone = |of: fn(u32, LandUse) -> Total| {
        let mut cols = PerUse::new(inst.zones.len(), inst.uses.len(), NONE);
        for (z, row) in cols.iter_mut().enumerate() {
            for k in inst.uses.iter() {
                row[k.index()] = total(of(z as u32, k));
            }
        }
        cols
    };
    let stock = by_zone(|zone, land_use| Total::Stock { zone, land_use });
    let new = by_zone(|zone, land_use| Total::New { zone, land_use });
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
        phases: None,
    }
}

fn unit_columns(
    inst: &Instance,
    model: &PolicyModel,
    benefits: &Weighted<'_>,
    b: &mut Builder,
) -> PerUse<u32> {
    let vw = model.objective.effective_value_weight();
    let cw = model.objective.cost_weight;
    let elig = active(&model.rules.eligibility);
    // With a capacity row, a column's own bound would duplicate it and take its dual:
    // the column is left unbounded above and the row carries the price.
    let unit_row = active(&model.rules.unit_capacity).is_some_and(|r| r.soft_penalty().is_none());
    let mut unit = PerUse::new(inst.units.len(), inst.uses.len(), NONE);
    for (ui, u) in inst.units.iter().enumerate() {
        let cols = &mut unit[ui];
        for k in inst.uses.iter() {
            let Some(e) = u.uses[k.index()] else { continue };
            if elig.is_some_and(|el| !el.unit_allows(u, k)) {
                continue;
            }
            let Some(pen) = access_penalty(model, k, u.station_km) else {
                continue;
            };
            // an arable column's own bound states what can be reclaimed; at a share of 1 it
            // is the area itself, which the capacity row already bounds: left off then, so
            // that the row's price is what one more km² of the unit is worth
            let upper = if k.is(Role::Arable) && !(unit_row && u.reclaimable_share >= 1.0) {
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
            let obj = vw * e.value - cw * e.cost - pen + benefits.unit(ui, k);
            cols[k.index()] = b.column(key, 0.0, upper, obj);
        }
    }
    unit
}

fn site_columns(
    inst: &Instance,
    model: &PolicyModel,
    benefits: &Weighted<'_>,
    b: &mut Builder,
) -> PerUse<u32> {
    let vw = model.objective.effective_value_weight();
    let cw = model.objective.cost_weight;
    let elig = active(&model.rules.eligibility);
    let site_row = active(&model.rules.site_capacity).is_some_and(|r| r.soft_penalty().is_none());
    let mut site = PerUse::new(inst.sites.len(), inst.uses.len(), NONE);
    for (si, s) in inst.sites.iter().enumerate() {
        let cols = &mut site[si];
        let barred = elig.is_some_and(|el| !el.site_allows(s));
        for k in inst.uses.construction() {
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
            let obj = vw * e.value - cw * e.cost - pen + benefits.site(si, k);
            cols[k.index()] = b.column(key, 0.0, upper, obj);
        }
    }
    site
}

/// Flow (and resettlement) columns on the network's edges, and the linkage total.
pub(super) fn linkage_columns(
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
        let units = net.units_of(e);
        let key = match units {
            [unit] => ColumnKey::Flow {
                unit: *unit,
                site: e.site,
            },
            _ => ColumnKey::PoolFlow {
                pool: e.pool,
                site: e.site,
            },
        };
        let f = b.column(
            key,
            0.0,
            INF,
            -cw * r.transfer_cost_per_km2_km * e.distance_km,
        );
        cols.flow.push(f);
        // a pairing across districts is never pooled: its pool is its unit
        let u = &inst.units[units[0] as usize];
        let wants = resettle.is_some_and(|rs| rs.density(u) > 0.0);
        cols.resettle.push(if e.cross_district && wants {
            b.column(
                ColumnKey::Resettle {
                    unit: units[0],
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

/// A `total[...]` row: the total column equals the sum of `terms`.
fn define(b: &mut Builder, total: Total, column: u32, terms: impl IntoIterator<Item = (u32, f64)>) {
    b.begin_row(RowName::Total(total), 0.0, 0.0, 0.0, None);
    b.add(column, -1.0);
    for (j, c) in terms {
        if c != 0.0 {
            b.add(j, c);
        }
    }
    b.end_row();
}

/// The `total[...]` rows: each total column equals the sum it stands for.
pub(super) fn define_totals(inst: &Instance, cols: &Cols, b: &mut Builder) {
    let mut units_by_zone: Vec<Vec<usize>> = vec![Vec::new(); inst.zones.len()];
    for (ui, u) in inst.units.iter().enumerate() {
        units_by_zone[inst.unit_zone(u)].push(ui);
    }
    let mut sites_by_zone: Vec<Vec<usize>> = vec![Vec::new(); inst.zones.len()];
    for (si, s) in inst.sites.iter().enumerate() {
        sites_by_zone[inst.site_zone(s)].push(si);
    }
    for z in 0..inst.zones.len() {
        for land_use in inst.uses.iter() {
            let k = land_use;
            let zone = z as u32;
            let terms = units_by_zone[z]
                .iter()
                .filter_map(|&u| cols.unit_use(u, k))
                .map(|j| (j, 1.0));
            define(
                b,
                Total::Stock { zone, land_use },
                cols.stock[z][k.index()],
                terms,
            );
            let terms = sites_by_zone[z]
                .iter()
                .filter_map(|&s| cols.site_use(s, k))
                .map(|j| (j, 1.0));
            define(
                b,
                Total::New { zone, land_use },
                cols.new[z][k.index()],
                terms,
            );
        }
    }
    let site_terms = |w: &dyn Fn(&Site) -> f64| -> Vec<(u32, f64)> {
        let mut v = Vec::new();
        for (si, s) in inst.sites.iter().enumerate() {
            for k in inst.uses.construction() {
                if let Some(j) = cols.site_use(si, k) {
                    v.push((j, w(s)));
                }
            }
        }
        v
    };
    define(
        b,
        Total::Occupied,
        cols.occupied,
        site_terms(&|s| s.arable_share),
    );
    define(
        b,
        Total::OccupiedQuality,
        cols.occupied_quality,
        site_terms(&|s| quality_weight(s.arable_grade) * s.arable_share),
    );
    define(
        b,
        Total::BasicFarmlandOccupied,
        cols.basic_farmland_occupied,
        site_terms(&|s| s.basic_farmland_share),
    );
    // arable gained at units, weighted by its quality: reclaimed stock, and for patch
    // groups of arable land, arable turned to other uses as a loss (policy::change)
    let reclaimed = inst.units.iter().enumerate().flat_map(|(ui, u)| {
        let w = quality_weight(u.arable_grade);
        cols.arable_gains(inst, ui)
            .map(move |(j, gain)| (j, gain * w))
    });
    define(
        b,
        Total::ReclaimedQuality,
        cols.reclaimed_quality,
        reclaimed,
    );
    if let Some(l) = cols.linkage {
        define(b, Total::Linkage, l, cols.flow.iter().map(|&j| (j, 1.0)));
    }
}
