//! The CSV tables of a run: `units.csv` and `sites.csv` (allocation and reduced costs),
//! `accounts.csv` (every rule line with value, bounds, slack, shadow price, one-sided prices
//! and range), `sources.csv` (what the instance says is sourced and what synthetic, when it
//! says), `project_areas.csv` (and `project_area_years.csv`, each area's timeline, in a
//! multi-year run), `flows.csv`, `columns.csv` (every decision column
//! with its reduced cost and coefficient range) and `districts.csv` (each district's totals,
//! accounts against its baseline, and the prices of its own rows).

use super::{column_rows, flow_rows, rule_rows, site_rows, unit_rows};
use crate::instance::Instance;
use crate::run::Run;
use serde::Serialize;
use std::io::Write;

/// A table of a run: its file name and what writes its rows (made when written, so that
/// only one table's rows are held at a time and its text never whole).
pub struct Table<'a> {
    pub name: String,
    pub write: crate::files::Stream<'a>,
}

impl Table<'_> {
    /// The table as text.
    pub fn text(&self) -> Result<String, String> {
        let mut bytes = Vec::new();
        (self.write)(&mut bytes).map_err(|e| e.to_string())?;
        String::from_utf8(bytes).map_err(|e| e.to_string())
    }
}

/// The table `name` whose records `rows` makes, written as CSV with a header row (nothing
/// for no records).
fn table<'a, T: Serialize>(name: &str, rows: impl Fn() -> Vec<T> + 'a) -> Table<'a> {
    Table {
        name: name.to_string(),
        write: Box::new(move |w: &mut dyn Write| {
            let mut cw = ::csv::WriterBuilder::new().from_writer(w);
            for r in rows() {
                cw.serialize(r).map_err(std::io::Error::other)?;
            }
            cw.flush()
        }),
    }
}

#[derive(Serialize)]
struct ProjectAreaRow {
    id: usize,
    units: usize,
    sites: usize,
    unit_zones: String,
    site_zones: String,
    reclaimed_km2: f64,
    quota_km2: f64,
    people_resettled: f64,
    cost_myuan: f64,
    unit_ids: String,
    site_ids: String,
}

fn project_area_rows(run: &Run) -> Vec<ProjectAreaRow> {
    run.project_areas
        .iter()
        .map(|a| ProjectAreaRow {
            id: a.id,
            units: a.units.len(),
            sites: a.sites.len(),
            unit_zones: a.unit_zones.join(" "),
            site_zones: a.site_zones.join(" "),
            reclaimed_km2: a.reclaimed_km2,
            quota_km2: a.quota_km2,
            people_resettled: a.people_resettled.round(),
            cost_myuan: a.cost,
            unit_ids: a.units.join(" "),
            site_ids: a.sites.join(" "),
        })
        .collect()
}

#[derive(Serialize)]
struct AreaYearRow {
    id: usize,
    year: u16,
    withdrawn_km2: f64,
    reclaimed_km2: f64,
    quota_km2: f64,
    outstanding_km2: f64,
}

/// Each project area's timeline, area by area and year by year.
fn area_year_rows(run: &Run) -> Vec<AreaYearRow> {
    run.project_areas
        .iter()
        .flat_map(|a| {
            a.years.iter().map(|y| AreaYearRow {
                id: a.id,
                year: y.year,
                withdrawn_km2: y.withdrawn_km2,
                reclaimed_km2: y.reclaimed_km2,
                quota_km2: y.quota_km2,
                outstanding_km2: y.outstanding_km2,
            })
        })
        .collect()
}

#[derive(Serialize)]
struct ProjectRow<'a> {
    id: &'a str,
    district: &'a str,
    capacity_km2: f64,
    consolidated_km2: f64,
}

/// The CSV tables as text, by file name; none when the run has no checked allocation.
pub fn csv_tables(inst: &Instance, run: &Run) -> Result<Vec<(String, String)>, String> {
    texts(&tables(inst, run))
}

/// Each of `tables` as text, by file name.
pub fn texts(tables: &[Table]) -> Result<Vec<(String, String)>, String> {
    tables
        .iter()
        .map(|t| Ok((t.name.clone(), t.text()?)))
        .collect()
}

/// The CSV tables, each written when asked ([`Table`]); none when the run has no checked
/// allocation.
pub fn tables<'a>(inst: &'a Instance, run: &'a Run) -> Vec<Table<'a>> {
    let Some(check) = &run.check else {
        return Vec::new();
    };
    let mut tables = vec![
        table("units.csv", move || unit_rows(inst, run)),
        table("sites.csv", move || site_rows(inst, run)),
        table("accounts.csv", move || {
            rule_rows(check, &run.solution.rows_by_ref())
        }),
        table("project_areas.csv", move || project_area_rows(run)),
        table("flows.csv", move || flow_rows(inst, run)),
        table("projects.csv", move || project_rows(inst, run)),
        table("columns.csv", move || column_rows(inst, run)),
        table("districts.csv", move || super::district_rows(inst, run)),
    ];
    if !check.years.is_empty() {
        tables.push(table("years.csv", move || {
            super::years::rows(inst, &check.years)
        }));
        if !run.project_areas.is_empty() {
            tables.push(table("project_area_years.csv", move || area_year_rows(run)));
        }
    }
    if super::is_structure(inst) {
        tables.push(table("structure.csv", move || {
            super::structure_rows(inst, run).0
        }));
    }
    if !super::provenance::Provenance::rows(&inst.metadata).is_empty() {
        tables.push(table("sources.csv", move || {
            super::provenance::Provenance::rows(&inst.metadata)
        }));
    }
    tables
}

fn project_rows<'a>(inst: &'a Instance, run: &Run) -> Vec<ProjectRow<'a>> {
    inst.projects
        .iter()
        .zip(&run.solution.allocation.projects)
        .map(|(p, &v)| ProjectRow {
            id: &p.id,
            district: &inst.districts[p.district].id,
            capacity_km2: p.capacity_km2,
            consolidated_km2: v,
        })
        .collect()
}
