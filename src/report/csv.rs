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

/// Records as CSV text with a header row (nothing for no records).
fn to_csv<T: Serialize>(records: &[T]) -> Result<String, String> {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    for r in records {
        w.serialize(r).map_err(|e| e.to_string())?;
    }
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
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

/// The CSV tables, by file name; none when the run has no checked allocation.
pub fn csv_tables(inst: &Instance, run: &Run) -> Result<Vec<(String, String)>, String> {
    let Some(check) = &run.check else {
        return Ok(Vec::new());
    };
    let prices = run.solution.rows_by_ref();
    let mut tables = vec![
        ("units.csv".into(), to_csv(&unit_rows(inst, run))?),
        ("sites.csv".into(), to_csv(&site_rows(inst, run))?),
        ("accounts.csv".into(), to_csv(&rule_rows(check, &prices))?),
        ("project_areas.csv".into(), to_csv(&project_area_rows(run))?),
        ("flows.csv".into(), to_csv(&flow_rows(inst, run))?),
        ("projects.csv".into(), to_csv(&project_rows(inst, run))?),
        ("columns.csv".into(), to_csv(&column_rows(inst, run))?),
        (
            "districts.csv".into(),
            to_csv(&super::district_rows(inst, run))?,
        ),
    ];
    if !check.years.is_empty() {
        tables.push((
            "years.csv".into(),
            to_csv(&super::years::rows(inst, &check.years))?,
        ));
        if !run.project_areas.is_empty() {
            tables.push((
                "project_area_years.csv".into(),
                to_csv(&area_year_rows(run))?,
            ));
        }
    }
    if super::is_structure(inst) {
        let (rows, _) = super::structure_rows(inst, run);
        tables.push(("structure.csv".into(), to_csv(&rows)?));
    }
    let sources = super::provenance::Provenance::rows(&inst.metadata);
    if !sources.is_empty() {
        tables.push(("sources.csv".into(), to_csv(&sources)?));
    }
    Ok(tables)
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
