//! `solution.json`: everything of the summary plus the allocation per unit, site and
//! project, the flows and the project areas.

use super::{
    column_rows, flow_rows, rule_rows, site_rows, unit_rows, ColumnRow, FlowRow, RuleRow, SiteRow,
    UnitRow,
};
use crate::check::{Accounts, Aggregates, ObjectiveParts};
use crate::instance::Instance;
use crate::network::{NetworkSummary, ProjectArea};
use crate::policy::PolicyModel;
use crate::programme::ProgrammeSize;
use crate::run::diagnose::Conflict;
use crate::run::Run;
use crate::solution::Solution;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct SolutionFile<'a> {
    stockland_version: &'static str,
    instance: &'a str,
    model: &'a str,
    /// What the figures rest on (absent when the instance says nothing of it).
    #[serde(skip_serializing_if = "Option::is_none")]
    provenance: Option<super::provenance::Provenance>,
    programme: ProgrammeSize,
    numerics: crate::programme::Numerics,
    solution: &'a Solution,
    objective_parts: Option<ObjectiveParts>,
    /// Each benefit criterion measured on the plan (absent without criteria).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    benefits: &'a [crate::policy::BenefitValue],
    accounts: Option<Accounts>,
    baseline: crate::instance::Accounts,
    stock_by_zone: BTreeMap<&'a str, f64>,
    aggregates: Option<&'a Aggregates>,
    rules: Vec<RuleRow<'a>>,
    conflicts: Option<&'a Vec<Conflict>>,
    network: Option<NetworkSummary>,
    /// The interchangeable units and sites merged for the solve, when any were.
    aggregation: Option<crate::programme::AggregationSummary>,
    /// Why `--method auto` sifted the programme, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    method_choice: Option<&'a str>,
    project_areas: &'a [ProjectArea],
    flows: Vec<FlowRow<'a>>,
    check_passed: Option<bool>,
    units: Vec<UnitRow<'a>>,
    sites: Vec<SiteRow<'a>>,
    projects: BTreeMap<&'a str, f64>,
    columns: Vec<ColumnRow<'a>>,
}

/// `solution.json`: everything of the summary plus the allocation per unit, site and project.
pub fn solution_json(inst: &Instance, model: &PolicyModel, run: &Run) -> String {
    let mut bytes = Vec::new();
    write_solution_json(&mut bytes, inst, model, run).expect("solution serialises");
    String::from_utf8(bytes).expect("JSON is UTF-8")
}

/// [`solution_json`] written to `w` as it is serialised (never whole in memory).
pub fn write_solution_json(
    w: &mut dyn std::io::Write,
    inst: &Instance,
    model: &PolicyModel,
    run: &Run,
) -> std::io::Result<()> {
    let check = run.check.as_ref();
    let has = check.is_some();
    let prices = run.solution.rows_by_ref();
    let file = SolutionFile {
        stockland_version: env!("CARGO_PKG_VERSION"),
        instance: &inst.name,
        model: &model.name,
        provenance: super::provenance::Provenance::of(&inst.metadata),
        programme: run.size,
        numerics: run.numerics,
        solution: &run.solution,
        objective_parts: check.map(|c| c.objective),
        benefits: check.map(|c| c.benefits.as_slice()).unwrap_or_default(),
        accounts: check.map(|c| c.accounts),
        baseline: inst.region.baseline,
        stock_by_zone: check
            .map(|c| {
                inst.zones
                    .iter()
                    .zip(&c.aggregates.stock_by_zone)
                    .map(|(z, v)| (z.id.as_str(), *v))
                    .collect()
            })
            .unwrap_or_default(),
        aggregates: check.map(|c| &c.aggregates),
        rules: check.map(|c| rule_rows(c, &prices)).unwrap_or_default(),
        conflicts: run.conflicts.as_ref(),
        network: run.network,
        aggregation: run.aggregation,
        method_choice: run.choice.as_deref(),
        project_areas: &run.project_areas,
        flows: flow_rows(inst, run),
        check_passed: check.map(|c| c.passed()),
        units: if has {
            unit_rows(inst, run)
        } else {
            Vec::new()
        },
        sites: if has {
            site_rows(inst, run)
        } else {
            Vec::new()
        },
        projects: if has {
            inst.projects
                .iter()
                .zip(&run.solution.allocation.projects)
                .map(|(p, v)| (p.id.as_str(), *v))
                .collect()
        } else {
            BTreeMap::new()
        },
        columns: if has {
            column_rows(inst, run)
        } else {
            Vec::new()
        },
    };
    serde_json::to_writer_pretty(w, &file).map_err(std::io::Error::other)
}
