//! Period-end land accounts and supply aggregates, recomputed from an allocation.

use crate::instance::uses::{LandUse, Role, UseGroup};
use crate::instance::{Account, Instance};
use crate::solution::Allocation;
use serde::Serialize;

/// Land accounts at the end of the period, km² (see the design's "Land accounts").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Accounts {
    pub arable: f64,
    pub basic_farmland: f64,
    pub construction: f64,
    pub urban_rural: f64,
    pub town: f64,
    pub rural: f64,
    /// Transport, water, energy and special land.
    pub other_construction: f64,
    /// Non-construction land = total − construction.
    pub non_construction: f64,
    /// Non-construction share of the total area.
    pub non_construction_share: f64,
}

/// Stock redevelopment and supply, km².
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Aggregates {
    /// Stock redeveloped per zone (every use), by zone index.
    pub stock_by_zone: Vec<f64>,
    /// Stock re-used for construction, all units.
    pub stock_construction: f64,
    /// Stock reclaimed to arable, all units.
    pub stock_arable: f64,
    /// Stock restored to ecological land, all units.
    pub stock_ecological: f64,
    /// New construction at sites.
    pub new_construction: f64,
    /// Stock re-use by group: residential, industrial, infrastructure.
    pub stock_by_group: [f64; 3],
    /// New construction by group: residential, industrial, infrastructure.
    pub new_by_group: [f64; 3],
    /// Affordable housing, stock and sites.
    pub affordable: f64,
    /// New arable from consolidation projects.
    pub consolidated: f64,
    /// Arable occupied by new construction.
    pub arable_occupied: f64,
    /// Basic farmland occupied by new construction.
    pub basic_farmland_occupied: f64,
}

fn group(k: LandUse) -> Option<usize> {
    match k.group() {
        UseGroup::Residential => Some(0),
        UseGroup::Industrial => Some(1),
        UseGroup::Infrastructure => Some(2),
        UseGroup::NonConstruction => None,
    }
}

pub fn aggregates(inst: &Instance, a: &Allocation) -> Aggregates {
    let mut g = Aggregates {
        stock_by_zone: vec![0.0; inst.zones.len()],
        ..Default::default()
    };
    for (u, x) in inst.units.iter().zip(&a.units) {
        g.stock_by_zone[inst.districts[u.district].zone] += x.iter().sum::<f64>();
        for k in inst.uses.iter() {
            let v = x[k.index()];
            if let Some(i) = group(k) {
                g.stock_by_group[i] += v;
                g.stock_construction += v;
            }
        }
        g.stock_arable += inst.uses.sum_role(x, Role::Arable);
        g.stock_ecological += inst.uses.sum_role(x, Role::Ecological);
        g.affordable += inst.uses.sum_role(x, Role::Affordable);
    }
    for (s, y) in inst.sites.iter().zip(&a.sites) {
        let total: f64 = y.iter().sum();
        g.new_construction += total;
        for k in inst.uses.iter() {
            if let Some(i) = group(k) {
                g.new_by_group[i] += y[k.index()];
            }
        }
        g.affordable += inst.uses.sum_role(y, Role::Affordable);
        g.arable_occupied += s.arable_share * total;
        g.basic_farmland_occupied += s.basic_farmland_share * total;
    }
    g.consolidated = a.projects.iter().sum();
    g
}

/// The accounts at period end: baseline, plus new construction at sites, minus stock
/// leaving its account, plus stock re-used in its new account; arable gains reclamation and
/// consolidation and loses what sites occupy, plus the exogenous change.
pub fn period_end(inst: &Instance, a: &Allocation) -> Accounts {
    let exo = &inst.region.exogenous;
    accounts_of(
        inst,
        a,
        &inst.region.baseline,
        (exo.arable_km2, exo.basic_farmland_km2),
        |_| true,
    )
}

/// The accounts at the end of a year: [`period_end`] of the allocation done by then, with
/// `exo_share` of the region's exogenous change.
pub fn year_end(inst: &Instance, done: &Allocation, exo_share: f64) -> Accounts {
    let exo = &inst.region.exogenous;
    accounts_of(
        inst,
        done,
        &inst.region.baseline,
        (
            exo.arable_km2 * exo_share,
            exo.basic_farmland_km2 * exo_share,
        ),
        |_| true,
    )
}

/// District `d`'s accounts at period end, from its baseline (`None` when the instance gives
/// no district baseline): its own units, sites and projects. The region's exogenous change
/// is not split over districts, so it is left out.
pub fn district_period_end(inst: &Instance, a: &Allocation, d: usize) -> Option<Accounts> {
    let b = inst.districts[d].baseline.as_ref()?;
    Some(accounts_of(inst, a, b, (0.0, 0.0), |x| x == d))
}

/// The accounts from `b` plus what the allocation changes in the districts `keep` holds.
fn accounts_of(
    inst: &Instance,
    a: &Allocation,
    b: &crate::instance::Accounts,
    (exo_arable, exo_basic): (f64, f64),
    keep: impl Fn(usize) -> bool,
) -> Accounts {
    // [town, rural, transport/water/special]
    let mut c = [b.town_km2, b.rural_km2(), b.other_construction_km2()];
    // construction uses of a unit or site add to town or rural land (residential and
    // industrial, by location) or to transport/water/special land (infrastructure)
    let add_uses = |c: &mut [f64; 3], uses: &[f64], in_town: bool| {
        for k in inst.uses.construction() {
            let i = match (k.is_urban_rural(), in_town) {
                (true, true) => 0,
                (true, false) => 1,
                (false, _) => 2,
            };
            c[i] += uses[k.index()];
        }
    };
    let mut arable = b.arable_km2 + exo_arable;
    let mut basic = b.basic_farmland_km2 + exo_basic;
    for (u, x) in inst
        .units
        .iter()
        .zip(&a.units)
        .filter(|(u, _)| keep(u.district))
    {
        let total: f64 = x.iter().sum();
        match u.account {
            Account::Town => c[0] -= total,
            Account::Rural => c[1] -= total,
            Account::Arable => arable -= total,
            Account::NonConstruction => {}
        }
        add_uses(&mut c, x, u.in_town);
        arable += inst.uses.sum_role(x, Role::Arable);
    }
    for (s, y) in inst
        .sites
        .iter()
        .zip(&a.sites)
        .filter(|(s, _)| keep(s.district))
    {
        let total: f64 = y.iter().sum();
        add_uses(&mut c, y, s.in_town);
        arable -= s.arable_share * total;
        basic -= s.basic_farmland_share * total;
    }
    arable += inst
        .projects
        .iter()
        .zip(&a.projects)
        .filter(|(p, _)| keep(p.district))
        .map(|(_, c)| c)
        .sum::<f64>();
    let [town, rural, other] = c;
    let construction = town + rural + other;
    let non_construction = b.total_km2 - construction;
    Accounts {
        arable,
        basic_farmland: basic,
        construction,
        urban_rural: town + rural,
        town,
        rural,
        other_construction: other,
        non_construction,
        non_construction_share: if b.total_km2 > 0.0 {
            non_construction / b.total_km2
        } else {
            0.0
        },
    }
}
