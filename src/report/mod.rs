//! Reports of a run, one file per form: the text summary ([`summary`]), `solution.json`
//! ([`solution_json`]), the CSV tables ([`csv_tables`]) and the linkage graph in DOT
//! ([`dot`]). Each returns text; the caller decides where it goes. Prices are joined to the
//! check's lines by their typed [`RowRef`], through maps built once.

pub mod brief;
pub mod chart;
mod csv;
mod dot;
pub mod evaluation;
pub mod geojson;
pub mod html;
mod json;
pub mod labels;
pub mod provenance;
pub mod sweep;
mod text;
pub mod xlsx;
pub mod years;

pub use self::csv::{csv_tables, tables, texts as csv_texts, Table};
pub use dot::dot;
pub use json::{solution_json, write_solution_json};
pub use text::{price_cell, summary, verdict};

use crate::check::{CheckReport, RuleLine};
use crate::instance::uses::LandUse;
use crate::instance::{Account, Instance};
use crate::policy::RowRef;
use crate::run::Run;
use crate::solution::{ColumnPlace, RowResult};
use serde::Serialize;
use std::collections::HashMap;

/// The solved rows by their reference: price, and sensitivity when analysed.
pub(crate) type Prices<'a> = HashMap<RowRef, &'a RowResult>;

/// A rule line's bound as printed: `= v`, `[lo, hi]`, `≥ lo`, `≤ hi` or `—`.
pub(crate) fn fmt_bound(l: &RuleLine) -> String {
    if let Some(sh) = &l.share {
        return format!(
            "{} {}",
            if sh.at_least { "≥" } else { "≤" },
            percent(sh.target)
        );
    }
    match (l.lower, l.upper) {
        (Some(a), Some(b)) if (a - b).abs() < 1e-12 => format!("= {}", f2(a)),
        (Some(a), Some(b)) => format!("[{}, {}]", f2(a), f2(b)),
        (Some(a), None) => format!("≥ {}", f2(a)),
        (None, Some(b)) => format!("≤ {}", f2(b)),
        (None, None) => "—".into(),
    }
}

/// A rule line's value as a reader reads it: a share rule as the share reached (50.0%; its
/// km² above or below the share is the slack), every other in km².
pub(crate) fn fmt_value(l: &RuleLine) -> String {
    match &l.share {
        Some(sh) => percent(sh.value()),
        None => f2(l.value),
    }
}

/// A share as a percentage with one decimal (never −0.0%).
pub(crate) fn percent(share: f64) -> String {
    let p = 100.0 * share;
    format!("{:.1}%", if p.abs() < 0.05 { 0.0 } else { p })
}

/// Two decimals, with what rounds to zero printed as 0.00 (never −0.00).
pub(crate) fn f2(v: f64) -> String {
    fixed(v, 2)
}

/// `dp` decimals, with what rounds to zero printed as zero (never −0.000).
pub(crate) fn fixed(v: f64, dp: usize) -> String {
    let half = 0.5 * 10f64.powi(-(dp as i32));
    format!("{:.dp$}", if v.abs() < half { 0.0 } else { v })
}

/// The per-use columns of a table of units or sites: the uses and their
/// `reduced_cost_<use>` headings, worked out once per table.
pub(crate) struct UseHeads {
    uses: Vec<LandUse>,
    reduced: Vec<&'static str>,
}

impl UseHeads {
    fn new(uses: impl Iterator<Item = LandUse>) -> std::rc::Rc<UseHeads> {
        let uses: Vec<LandUse> = uses.collect();
        let reduced = uses
            .iter()
            .map(|k| crate::intern::intern(&format!("reduced_cost_{k}")))
            .collect();
        std::rc::Rc::new(UseHeads { uses, reduced })
    }
}

/// A unit's or site's per-use cells: km² of each use, and each use's reduced cost.
pub(crate) struct UseCells {
    heads: std::rc::Rc<UseHeads>,
    km2: Vec<f64>,
    reduced: Vec<Option<f64>>,
}

impl UseCells {
    fn new(heads: &std::rc::Rc<UseHeads>, x: &[f64], r: &Reduced, place: ColumnPlace) -> UseCells {
        UseCells {
            km2: heads.uses.iter().map(|k| x[k.index()]).collect(),
            reduced: heads.uses.iter().map(|&k| rc(r, place, k)).collect(),
            heads: heads.clone(),
        }
    }
    fn len(&self) -> usize {
        self.heads.uses.len()
    }
    fn write_km2<M: serde::ser::SerializeStruct>(&self, m: &mut M) -> Result<(), M::Error> {
        for (k, v) in self.heads.uses.iter().zip(&self.km2) {
            m.serialize_field(k.as_str(), v)?;
        }
        Ok(())
    }
    fn write_reduced<M: serde::ser::SerializeStruct>(&self, m: &mut M) -> Result<(), M::Error> {
        for (h, v) in self.heads.reduced.iter().zip(&self.reduced) {
            m.serialize_field(h, v)?;
        }
        Ok(())
    }
}

/// One row of the allocation by unit, in `units.csv` and `solution.json`: km² per use,
/// then the reduced cost per use, in the instance's use order.
pub(crate) struct UnitRow<'a> {
    id: &'a str,
    district: &'a str,
    zone: &'a str,
    kind: &'a str,
    area_km2: f64,
    cells: UseCells,
    redeveloped: f64,
}

impl Serialize for UnitRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("UnitRow", 6 + 2 * self.cells.len())?;
        m.serialize_field("id", self.id)?;
        m.serialize_field("district", self.district)?;
        m.serialize_field("zone", self.zone)?;
        m.serialize_field("kind", self.kind)?;
        m.serialize_field("area_km2", &self.area_km2)?;
        self.cells.write_km2(&mut m)?;
        m.serialize_field("redeveloped", &self.redeveloped)?;
        self.cells.write_reduced(&mut m)?;
        m.end()
    }
}

/// One row of the allocation by site, in `sites.csv` and `solution.json`: km² per
/// construction use, then the reduced cost per construction use.
pub(crate) struct SiteRow<'a> {
    id: &'a str,
    district: &'a str,
    zone: &'a str,
    capacity_km2: f64,
    cells: UseCells,
    total: f64,
}

impl Serialize for SiteRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut m = s.serialize_struct("SiteRow", 5 + 2 * self.cells.len())?;
        m.serialize_field("id", self.id)?;
        m.serialize_field("district", self.district)?;
        m.serialize_field("zone", self.zone)?;
        m.serialize_field("capacity_km2", &self.capacity_km2)?;
        self.cells.write_km2(&mut m)?;
        m.serialize_field("total", &self.total)?;
        self.cells.write_reduced(&mut m)?;
        m.end()
    }
}

/// Whether the instance is a land-use structure programme: some unit is a patch group of
/// land that is not construction land now. Its reports then give the structure by use
/// ([`structure_rows`]) instead of stock redevelopment by zone and supply by group.
pub(crate) fn is_structure(inst: &Instance) -> bool {
    inst.units.iter().any(|u| !u.account.is_construction())
}

/// One use of the land-use structure at the period end, in `structure.csv`: km² of units
/// turned to it, by the account their land is in now.
#[derive(Serialize)]
pub(crate) struct StructureRow {
    #[serde(rename = "use")]
    pub land_use: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub role: &'static str,
    pub class: &'static str,
    pub from_construction: f64,
    pub from_arable: f64,
    pub from_non_construction: f64,
    pub km2: f64,
    /// Of every unit's area.
    pub share: f64,
}

impl StructureRow {
    /// The row as table cells after the use's `name`: class, km² from construction land,
    /// arable and other land, total, share.
    pub(crate) fn cells(&self, name: &str) -> Vec<String> {
        vec![
            name.to_string(),
            self.class.to_string(),
            f2(self.from_construction),
            f2(self.from_arable),
            f2(self.from_non_construction),
            f2(self.km2),
            format!("{:.1}%", 100.0 * self.share),
        ]
    }
}

/// The structure by use (every use of the catalogue, in its order), and what is left
/// unallocated, km².
pub(crate) fn structure_rows(inst: &Instance, run: &Run) -> (Vec<StructureRow>, f64) {
    let a = &run.solution.allocation;
    let area: f64 = inst.units.iter().map(|u| u.area_km2).sum();
    let rows = inst
        .uses
        .iter()
        .map(|k| {
            let mut from = [0.0; 3];
            for (u, x) in inst.units.iter().zip(&a.units) {
                let i = match u.account {
                    Account::Town | Account::Rural => 0,
                    Account::Arable => 1,
                    Account::NonConstruction => 2,
                };
                from[i] += x[k.index()];
            }
            let km2 = from.iter().sum::<f64>();
            let d = k.def();
            StructureRow {
                land_use: k.as_str(),
                name_zh: &d.name_zh,
                name_en: &d.name_en,
                role: k.role().as_str(),
                class: &d.class,
                from_construction: from[0],
                from_arable: from[1],
                from_non_construction: from[2],
                km2,
                share: if area > 0.0 { km2 / area } else { 0.0 },
            }
        })
        .collect::<Vec<_>>();
    let allocated: f64 = rows.iter().map(|r| r.km2).sum();
    (rows, (area - allocated).max(0.0))
}

/// One rule line with its price, in `accounts.csv` and `solution.json`.
#[derive(Serialize)]
pub(crate) struct RuleRow<'a> {
    name: &'a str,
    rule: &'a str,
    value: f64,
    lower: Option<f64>,
    upper: Option<f64>,
    slack: f64,
    violation: f64,
    binding: bool,
    shadow_price: Option<f64>,
    /// d(objective)/d(bound) moving the bound up and down (they differ where degenerate).
    price_up: Option<f64>,
    price_down: Option<f64>,
    /// Where moving the bound leaves no feasible plan: `up`, `down` or empty.
    infeasible_side: &'static str,
    degenerate: Option<bool>,
    /// The bound's interval over which the price holds, and the objective at its ends.
    range_lower: Option<f64>,
    range_upper: Option<f64>,
    objective_at_lower: Option<f64>,
    objective_at_upper: Option<f64>,
}

/// One decision column with its reduced cost and coefficient range, in `columns.csv` and
/// `solution.json`.
#[derive(Serialize)]
pub(crate) struct ColumnRow<'a> {
    kind: &'static str,
    id: &'a str,
    land_use: &'static str,
    km2: f64,
    coefficient: f64,
    reduced_cost: Option<f64>,
    coefficient_lower: Option<f64>,
    coefficient_upper: Option<f64>,
    objective_at_lower: Option<f64>,
    objective_at_upper: Option<f64>,
}

/// Reduced costs by (place, use), from the solution's columns.
type Reduced = HashMap<(ColumnPlace, Option<LandUse>), Option<f64>>;

fn reduced(run: &Run) -> Reduced {
    run.solution
        .columns
        .iter()
        .map(|c| ((c.place, c.land_use), c.reduced_cost))
        .collect()
}

fn rc(r: &Reduced, place: ColumnPlace, k: LandUse) -> Option<f64> {
    r.get(&(place, Some(k))).copied().flatten()
}

/// One flow, in `flows.csv` and `solution.json`.
#[derive(Serialize)]
pub(crate) struct FlowRow<'a> {
    unit: &'a str,
    site: &'a str,
    unit_district: &'a str,
    site_district: &'a str,
    quota_km2: f64,
    resettled_km2: f64,
}

pub(crate) fn unit_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<UnitRow<'a>> {
    let r = reduced(run);
    let heads = UseHeads::new(inst.uses.iter());
    inst.units
        .iter()
        .zip(&run.solution.allocation.units)
        .enumerate()
        .map(|(i, (u, a))| UnitRow {
            id: &u.id,
            district: &inst.districts[u.district].id,
            zone: &inst.zones[inst.unit_zone(u)].id,
            kind: u.kind.as_str(),
            area_km2: u.area_km2,
            cells: UseCells::new(&heads, a, &r, ColumnPlace::Unit(i as u32)),
            redeveloped: a.iter().sum(),
        })
        .collect()
}

pub(crate) fn site_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<SiteRow<'a>> {
    let r = reduced(run);
    let heads = UseHeads::new(inst.uses.construction());
    inst.sites
        .iter()
        .zip(&run.solution.allocation.sites)
        .enumerate()
        .map(|(i, (s, a))| SiteRow {
            id: &s.id,
            district: &inst.districts[s.district].id,
            zone: &inst.zones[inst.site_zone(s)].id,
            capacity_km2: s.capacity_km2,
            cells: UseCells::new(&heads, a, &r, ColumnPlace::Site(i as u32)),
            total: a.iter().sum(),
        })
        .collect()
}

pub(crate) fn rule_rows<'a>(check: &'a CheckReport, prices: &Prices<'_>) -> Vec<RuleRow<'a>> {
    check
        .lines
        .iter()
        .map(|l: &'a RuleLine| {
            let row = prices.get(&l.row);
            let sens = row.and_then(|r| r.sensitivity);
            let range = sens.and_then(|s| s.range);
            let objective = sens.and_then(|s| s.range_objective);
            let finite = |v: f64| v.is_finite().then_some(v);
            RuleRow {
                name: &l.name,
                rule: l.rule.as_str(),
                value: l.value,
                lower: l.lower,
                upper: l.upper,
                slack: if l.slack.is_finite() {
                    l.slack
                } else {
                    f64::MAX
                },
                violation: l.violation,
                binding: l.binding,
                shadow_price: row.and_then(|r| r.shadow_price),
                price_up: sens.and_then(|s| s.price_up),
                price_down: sens.and_then(|s| s.price_down),
                infeasible_side: match sens {
                    Some(s) if s.infeasible_up => "up",
                    Some(s) if s.infeasible_down => "down",
                    _ => "",
                },
                degenerate: sens.and_then(|s| s.degenerate),
                range_lower: range.and_then(|r| finite(r[0])),
                range_upper: range.and_then(|r| finite(r[1])),
                objective_at_lower: objective.and_then(|o| finite(o[0])),
                objective_at_upper: objective.and_then(|o| finite(o[1])),
            }
        })
        .collect()
}

pub(crate) fn column_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<ColumnRow<'a>> {
    let a = &run.solution.allocation;
    let finite = |v: f64| v.is_finite().then_some(v);
    run.solution
        .columns
        .iter()
        .map(|c| {
            let (kind, id, km2) = match c.place {
                ColumnPlace::Unit(u) => (
                    "unit",
                    inst.units[u as usize].id.as_str(),
                    a.units[u as usize][c.land_use.map_or(0, |k| k.index())],
                ),
                ColumnPlace::Site(s) => (
                    "site",
                    inst.sites[s as usize].id.as_str(),
                    a.sites[s as usize][c.land_use.map_or(0, |k| k.index())],
                ),
                ColumnPlace::Project(p) => (
                    "project",
                    inst.projects[p as usize].id.as_str(),
                    a.projects[p as usize],
                ),
            };
            ColumnRow {
                kind,
                id,
                land_use: c.land_use.map_or("consolidation", |k| k.as_str()),
                km2,
                coefficient: c.coefficient,
                reduced_cost: c.reduced_cost,
                coefficient_lower: c.ranging.as_ref().and_then(|r| finite(r.coefficient[0])),
                coefficient_upper: c.ranging.as_ref().and_then(|r| finite(r.coefficient[1])),
                objective_at_lower: c.ranging.as_ref().and_then(|r| finite(r.objective[0])),
                objective_at_upper: c.ranging.as_ref().and_then(|r| finite(r.objective[1])),
            }
        })
        .collect()
}

pub(crate) fn flow_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<FlowRow<'a>> {
    run.solution
        .allocation
        .flows
        .iter()
        .map(|f| {
            let (u, s) = (&inst.units[f.unit as usize], &inst.sites[f.site as usize]);
            FlowRow {
                unit: &u.id,
                site: &s.id,
                unit_district: &inst.districts[u.district].id,
                site_district: &inst.districts[s.district].id,
                quota_km2: f.quota_km2,
                resettled_km2: f.resettled_km2,
            }
        })
        .collect()
}

/// One district's totals, km², in `districts.csv`, the HTML report and the GeoJSON
/// districts. Accounts at the period end are given when the instance has district baselines
/// (the region's exogenous change is not split over districts).
#[derive(Serialize)]
pub(crate) struct DistrictRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub zone: &'a str,
    pub stock_redeveloped_km2: f64,
    pub reclaimed_km2: f64,
    pub new_construction_km2: f64,
    pub consolidated_km2: f64,
    pub quota_sent_km2: f64,
    pub quota_received_km2: f64,
    /// Residents of the redeveloped land: population × redeveloped / area, per unit.
    pub people_displaced: f64,
    pub arable_baseline_km2: Option<f64>,
    pub arable_end_km2: Option<f64>,
    pub basic_farmland_baseline_km2: Option<f64>,
    pub basic_farmland_end_km2: Option<f64>,
    pub construction_baseline_km2: Option<f64>,
    pub construction_end_km2: Option<f64>,
    pub town_baseline_km2: Option<f64>,
    pub town_end_km2: Option<f64>,
    /// The shadow prices of the district's own rule rows, `rule=price; …`.
    pub row_prices: String,
}

pub(crate) fn district_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<DistrictRow<'a>> {
    let a = &run.solution.allocation;
    let prices = run.solution.rows_by_ref();
    let mut rows: Vec<DistrictRow> = inst
        .districts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let end = crate::check::district_period_end(inst, a, i);
            let b = d.baseline.as_ref();
            let mut own: Vec<(String, f64)> = prices
                .iter()
                .filter(|(r, _)| r.key.place == crate::policy::Place::District(i as u32))
                .filter_map(|(r, x)| x.shadow_price.map(|p| (r.rule.as_str().to_string(), p)))
                .collect();
            own.sort_by(|x, y| x.0.cmp(&y.0));
            DistrictRow {
                id: &d.id,
                name: &d.name,
                zone: &inst.zones[d.zone].id,
                stock_redeveloped_km2: 0.0,
                reclaimed_km2: 0.0,
                new_construction_km2: 0.0,
                consolidated_km2: 0.0,
                quota_sent_km2: 0.0,
                quota_received_km2: 0.0,
                people_displaced: 0.0,
                arable_baseline_km2: b.map(|b| b.arable_km2),
                arable_end_km2: end.map(|e| e.arable),
                basic_farmland_baseline_km2: b.map(|b| b.basic_farmland_km2),
                basic_farmland_end_km2: end.map(|e| e.basic_farmland),
                construction_baseline_km2: b.map(|b| b.construction_km2),
                construction_end_km2: end.map(|e| e.construction),
                town_baseline_km2: b.map(|b| b.town_km2),
                town_end_km2: end.map(|e| e.town),
                row_prices: own
                    .iter()
                    .map(|(r, p)| format!("{r}={p}"))
                    .collect::<Vec<_>>()
                    .join("; "),
            }
        })
        .collect();
    for (u, x) in inst.units.iter().zip(&a.units) {
        let done: f64 = x.iter().sum();
        let r = &mut rows[u.district];
        r.stock_redeveloped_km2 += done;
        r.reclaimed_km2 += inst
            .uses
            .non_construction()
            .map(|k| x[k.index()])
            .sum::<f64>();
        if u.area_km2 > 0.0 {
            r.people_displaced += u.population * done / u.area_km2;
        }
    }
    for (s, y) in inst.sites.iter().zip(&a.sites) {
        rows[s.district].new_construction_km2 += y.iter().sum::<f64>();
    }
    for (p, c) in inst.projects.iter().zip(&a.projects) {
        rows[p.district].consolidated_km2 += c;
    }
    for f in &a.flows {
        rows[inst.units[f.unit as usize].district].quota_sent_km2 += f.quota_km2;
        rows[inst.sites[f.site as usize].district].quota_received_km2 += f.quota_km2;
    }
    rows
}
