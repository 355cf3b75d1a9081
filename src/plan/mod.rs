//! A plan to evaluate: an allocation stated in the same tables as stockland's own `--out`
//! (`units.csv`, `sites.csv`, `projects.csv`, `flows.csv`), so that any solution can be fed
//! back, and a planner can fill the same tables from a spreadsheet; or a plan stated only in
//! aggregates (`aggregates.csv`: km² per zone, district or the region and use), as
//! statistics publish what happened.
//!
//! **How a plan is read.** A unit-level plan is the allocation its tables state: a unit,
//! site or project it does not list is read as untouched (0 km²), and a table it omits as
//! all zero; with `complete`, the listed ones are kept and the rest is left to the
//! optimiser instead (the best plan that keeps these decisions). Columns other than `id` and
//! the use names are ignored, so stockland's own tables read back as they are. An aggregate
//! plan is read as fixed totals: the evaluation finds the best unit-level allocation that
//! meets them (and says so).

use crate::error::{Error, Problem, Result};
use crate::instance::format::LineCounter;
use crate::instance::uses::{LandUse, PerUse, Uses};
use crate::instance::Instance;
use crate::solution::{Allocation, Flow};
use std::collections::HashMap;

pub mod actuals;
mod locks;
pub use actuals::{read_actuals, Actuals, Past};
pub use locks::{read_locks, Lock, LockTarget};

/// The texts of a plan's tables (file name, text), any of which may be absent.
#[derive(Debug, Clone, Default)]
pub struct PlanTexts {
    pub units: Option<(String, String)>,
    pub sites: Option<(String, String)>,
    pub projects: Option<(String, String)>,
    pub flows: Option<(String, String)>,
    pub aggregates: Option<(String, String)>,
}

/// What an aggregate sums over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Region,
    Zone(usize),
    District(usize),
}

/// Where aggregated land comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// Stock units.
    Stock,
    /// New construction at sites.
    New,
    /// Both.
    All,
}

/// One aggregate of a plan: km² of `land_use` from `source` within `scope`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aggregate {
    pub scope: Scope,
    pub land_use: LandUse,
    pub source: Source,
    pub km2: f64,
    /// Where it was stated (`file: line N`).
    pub at: (usize, usize),
}

/// A plan as read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub allocation: Allocation,
    /// Which units, sites and projects the plan lists.
    pub listed_units: Vec<bool>,
    pub listed_sites: Vec<bool>,
    pub listed_projects: Vec<bool>,
    pub aggregates: Vec<Aggregate>,
}

impl Plan {
    /// Whether the plan is stated only in aggregates.
    pub fn is_aggregate(&self) -> bool {
        !self.aggregates.is_empty()
    }
}

/// The instance's unit, site and project indices by id.
struct Ids {
    units: HashMap<String, usize>,
    sites: HashMap<String, usize>,
    projects: HashMap<String, usize>,
}

impl Ids {
    fn of(inst: &Instance) -> Ids {
        let index = |ids: Vec<&str>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.to_string(), i))
                .collect()
        };
        Ids {
            units: index(inst.units.iter().map(|u| u.id.as_str()).collect()),
            sites: index(inst.sites.iter().map(|s| s.id.as_str()).collect()),
            projects: index(inst.projects.iter().map(|x| x.id.as_str()).collect()),
        }
    }
}

/// The scope named by `level` (`region`, `zone` or `district`) and `id`: `None` for an
/// unknown level or id.
fn scope_of(inst: &Instance, level: &str, id: &str) -> Option<Scope> {
    match level {
        "region" => Some(Scope::Region),
        "zone" => inst.zone_index(id).map(Scope::Zone),
        "district" => inst
            .districts
            .iter()
            .position(|d| d.id == id)
            .map(Scope::District),
        _ => None,
    }
}

/// A CSV table as records of named fields, with physical line numbers.
struct Table<'a> {
    file: &'a str,
    header: HashMap<String, usize>,
    rows: Vec<(usize, csv::StringRecord)>,
}

fn table<'a>(file: &'a str, text: &str, problems: &mut Vec<Problem>) -> Option<Table<'a>> {
    let mut rdr = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header = match rdr.headers() {
        Ok(h) => h
            .iter()
            .enumerate()
            .map(|(i, n)| (n.trim_start_matches('\u{feff}').to_string(), i))
            .collect(),
        Err(e) => {
            problems.push(Problem::new(file, "line 1", "", format!("header: {e}")));
            return None;
        }
    };
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(text);
    for r in rdr.records() {
        match r {
            Ok(rec) => {
                let line = rec.position().map_or(0, |p| lines.at(p.byte()));
                rows.push((line, rec));
            }
            Err(e) => problems.push(Problem::new(file, "table", "", e.to_string())),
        }
    }
    Some(Table { file, header, rows })
}

impl Table<'_> {
    fn get<'r>(&self, rec: &'r csv::StringRecord, field: &str) -> Option<&'r str> {
        self.header
            .get(field)
            .and_then(|&i| rec.get(i))
            .filter(|s| !s.is_empty())
    }
    fn require(&self, field: &str, problems: &mut Vec<Problem>) -> bool {
        if self.header.contains_key(field) {
            return true;
        }
        problems.push(Problem::new(
            self.file,
            "line 1",
            field,
            format!("missing column `{field}`"),
        ));
        false
    }
    /// The `source` field (default `all`), or a problem.
    fn source(&self, line: usize, rec: &csv::StringRecord, p: &mut Vec<Problem>) -> Option<Source> {
        match self.get(rec, "source").unwrap_or("all") {
            "stock" => Some(Source::Stock),
            "new" => Some(Source::New),
            "all" => Some(Source::All),
            other => {
                p.push(Problem::new(
                    self.file,
                    format!("line {line}"),
                    "source",
                    format!("unknown source `{other}`: expected stock, new or all"),
                ));
                None
            }
        }
    }
    /// A km² field: empty reads as 0; anything else must be a finite number ≥ 0.
    fn km2(&self, line: usize, rec: &csv::StringRecord, field: &str, p: &mut Vec<Problem>) -> f64 {
        let Some(s) = self.get(rec, field) else {
            return 0.0;
        };
        match s.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 => v,
            _ => {
                p.push(Problem::new(
                    self.file,
                    format!("line {line}"),
                    field,
                    format!("expected km² ≥ 0, found `{s}`"),
                ));
                0.0
            }
        }
    }
}

/// Read a plan for `inst` from its tables' texts; every problem is reported.
pub fn read(inst: &Instance, texts: &PlanTexts) -> Result<Plan> {
    let mut p = Vec::new();
    let mut plan = Plan {
        allocation: Allocation::zeros(inst),
        listed_units: vec![false; inst.units.len()],
        listed_sites: vec![false; inst.sites.len()],
        listed_projects: vec![false; inst.projects.len()],
        aggregates: Vec::new(),
    };
    let Ids {
        units,
        sites,
        projects,
    } = Ids::of(inst);
    // an empty file (stockland writes one for a table with no rows) is an empty table
    let given =
        |t: &Option<(String, String)>| t.clone().filter(|(_, text)| !text.trim().is_empty());
    let texts = &PlanTexts {
        units: given(&texts.units),
        sites: given(&texts.sites),
        projects: given(&texts.projects),
        flows: given(&texts.flows),
        aggregates: given(&texts.aggregates),
    };
    if let Some((f, text)) = &texts.units {
        read_uses(
            f,
            text,
            &units,
            "unit",
            &inst.uses,
            inst.uses.all(),
            &mut plan.allocation.units,
            &mut plan.listed_units,
            &mut p,
        );
    }
    if let Some((f, text)) = &texts.sites {
        read_uses(
            f,
            text,
            &sites,
            "site",
            &inst.uses,
            &inst.uses.construction().collect::<Vec<_>>(),
            &mut plan.allocation.sites,
            &mut plan.listed_sites,
            &mut p,
        );
    }
    if let Some((f, text)) = &texts.projects {
        if let Some(t) = table(f, text, &mut p) {
            if t.require("id", &mut p) {
                for (line, rec) in &t.rows {
                    let id = t.get(rec, "id").unwrap_or("");
                    match projects.get(id) {
                        Some(&i) => {
                            plan.listed_projects[i] = true;
                            plan.allocation.projects[i] =
                                t.km2(*line, rec, "consolidated_km2", &mut p);
                        }
                        None => p.push(unknown(f, *line, "project", id)),
                    }
                }
            }
        }
    }
    if let Some((f, text)) = &texts.flows {
        read_flows(f, text, &units, &sites, &mut plan.allocation.flows, &mut p);
    }
    if let Some((f, text)) = &texts.aggregates {
        plan.aggregates = read_aggregates(inst, f, text, &mut p);
    }
    if p.is_empty() {
        Ok(plan)
    } else {
        Err(Error::input(p))
    }
}

fn unknown(file: &str, line: usize, what: &str, id: &str) -> Problem {
    Problem::new(
        file,
        format!("line {line}"),
        "id",
        format!("unknown {what} `{id}`: expected an id of the instance"),
    )
}

#[allow(clippy::too_many_arguments)]
fn read_uses(
    f: &str,
    text: &str,
    ids: &HashMap<String, usize>,
    what: &str,
    all: &Uses,
    uses: &[LandUse],
    out: &mut PerUse<f64>,
    listed: &mut [bool],
    p: &mut Vec<Problem>,
) {
    let Some(t) = table(f, text, p) else { return };
    if !t.require("id", p) {
        return;
    }
    for k in all.iter() {
        if !uses.contains(&k) && t.header.contains_key(k.as_str()) {
            let nonzero = t.rows.iter().any(|(_, r)| {
                t.get(r, k.as_str()).is_some_and(|s| {
                    s.parse::<f64>().is_err_and(|_| true)
                        || s.parse::<f64>().is_ok_and(|v| v != 0.0)
                })
            });
            if nonzero {
                p.push(Problem::new(
                    f,
                    "line 1",
                    k.as_str(),
                    format!(
                        "a {what} cannot take {k}: expected one of {}",
                        uses.iter()
                            .map(|u| u.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
        }
    }
    for (line, rec) in &t.rows {
        let id = t.get(rec, "id").unwrap_or("");
        let Some(&i) = ids.get(id) else {
            p.push(unknown(f, *line, what, id));
            continue;
        };
        if listed[i] {
            p.push(Problem::new(
                f,
                format!("line {line}"),
                "id",
                format!("{what} `{id}` is listed twice"),
            ));
        }
        listed[i] = true;
        for &k in uses {
            out[i][k.index()] = t.km2(*line, rec, k.as_str(), p);
        }
    }
}

fn read_flows(
    f: &str,
    text: &str,
    units: &HashMap<String, usize>,
    sites: &HashMap<String, usize>,
    out: &mut Vec<Flow>,
    p: &mut Vec<Problem>,
) {
    let Some(t) = table(f, text, p) else { return };
    if !(t.require("unit", p) && t.require("site", p)) {
        return;
    }
    for (line, rec) in &t.rows {
        let (u, s) = (
            t.get(rec, "unit").unwrap_or(""),
            t.get(rec, "site").unwrap_or(""),
        );
        match (units.get(u), sites.get(s)) {
            (Some(&u), Some(&s)) => out.push(Flow {
                unit: u as u32,
                site: s as u32,
                quota_km2: t.km2(*line, rec, "quota_km2", p),
                resettled_km2: t.km2(*line, rec, "resettled_km2", p),
            }),
            (None, _) => p.push(unknown(f, *line, "unit", u)),
            (_, None) => p.push(unknown(f, *line, "site", s)),
        }
    }
    out.sort_by_key(|x| (x.unit, x.site));
}

fn read_aggregates(inst: &Instance, f: &str, text: &str, p: &mut Vec<Problem>) -> Vec<Aggregate> {
    let mut out = Vec::new();
    let Some(t) = table(f, text, p) else {
        return out;
    };
    for c in ["level", "use", "km2"] {
        if !t.require(c, p) {
            return out;
        }
    }
    for (line, rec) in &t.rows {
        let at = format!("line {line}");
        let id = t.get(rec, "id").unwrap_or("");
        let level = t.get(rec, "level").unwrap_or("");
        if !matches!(level, "region" | "zone" | "district") {
            p.push(Problem::new(
                f,
                &at,
                "level",
                format!("unknown level `{level}`: expected region, zone or district"),
            ));
            continue;
        }
        let Some(scope) = scope_of(inst, level, id) else {
            p.push(Problem::new(
                f,
                &at,
                "id",
                format!("unknown zone or district `{id}`"),
            ));
            continue;
        };
        let use_name = t.get(rec, "use").unwrap_or("");
        let Some(land_use) = inst.uses.get(use_name) else {
            p.push(Problem::new(
                f,
                &at,
                "use",
                format!(
                    "unknown use `{use_name}`: expected one of the instance's uses ({})",
                    inst.uses.list()
                ),
            ));
            continue;
        };
        let Some(source) = t.source(*line, rec, p) else {
            continue;
        };
        let km2 = t.km2(*line, rec, "km2", p);
        out.push(Aggregate {
            scope,
            land_use,
            source,
            km2,
            at: (0, *line),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Instance {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/instances/tiny/two-units.toml"
        ))
        .unwrap();
        let manifest = crate::instance::format::parse_toml("t.toml", &text).unwrap();
        let parts = crate::instance::format::InstanceParts::from_manifest("t.toml", manifest);
        Instance::from_parts(parts).unwrap()
    }

    #[test]
    fn a_plan_reads_its_own_tables_and_names_unknown_ids() {
        let inst = tiny();
        let ids: Vec<&str> = inst.units.iter().map(|u| u.id.as_str()).collect();
        let texts = PlanTexts {
            units: Some((
                "u.csv".into(),
                format!("id,district,market\n{},d,0.5\n", ids[0]),
            )),
            ..Default::default()
        };
        let plan = read(&inst, &texts).unwrap();
        assert_eq!(
            plan.allocation.units[0][inst.uses.get("market").unwrap().index()],
            0.5
        );
        assert!(plan.listed_units[0] && !plan.listed_units[1]);
        let bad = PlanTexts {
            units: Some(("u.csv".into(), "id,market\nnobody,-1\n".into())),
            ..Default::default()
        };
        let e = read(&inst, &bad).unwrap_err().to_string();
        assert!(
            e.contains("u.csv: line 2") && e.contains("unknown unit `nobody`"),
            "{e}"
        );
    }
}
