//! One scenario: the base instance and model with the scenario's values applied, solved
//! (warm from the base optimum's basis when the programme keeps its shape), checked, and
//! summed up as a [`ScenarioResult`] — a row of the sweep, never an error: an infeasible,
//! invalid or unsolved scenario is a row with its status, message and conflicts.

use super::design::{Column, Design, Scenario, Target};
use super::metric::{Account, Metric, StockTo, YearAmount};
use crate::check::CheckReport;
use crate::error::{Error, Result};
use crate::instance::uses::LandUse;
use crate::instance::{Economics, Instance};
use crate::policy::{Level, PolicyModel};
use crate::programme::Programme;
use crate::run::{Checked, Prepared};
use crate::solution::{Solution, Status};
use crate::solve::{Basis, Session, SolveOptions};
use serde::{Deserialize, Serialize};
use std::time::Instant;

/// Below this, km² count as not chosen.
pub const CHOSEN_KM2: f64 = 1e-6;

/// A decision a scenario's plan allocates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chosen {
    /// `unit`, `site` or `project`.
    pub place: String,
    pub id: String,
    /// The use (empty for a project).
    pub land_use: String,
    pub km2: f64,
}

/// How a scenario ended: the solver's status (optimal and checked, or not optimal), or
/// refused before or after the solve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScenarioStatus {
    /// Solved to this status; an optimal one passed the check.
    Solver(Status),
    /// The scenario's model or instance is refused.
    Invalid,
    /// The solution failed the independent check.
    CheckFailed,
    /// Anything else went wrong (the message says what).
    Error,
}

impl std::fmt::Display for ScenarioStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScenarioStatus::Solver(s) => write!(f, "{s}"),
            ScenarioStatus::Invalid => write!(f, "invalid"),
            ScenarioStatus::CheckFailed => write!(f, "check_failed"),
            ScenarioStatus::Error => write!(f, "error"),
        }
    }
}

/// What one scenario gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioResult {
    pub index: usize,
    pub values: Vec<f64>,
    pub status: ScenarioStatus,
    /// Net benefit recomputed by the independent check, million yuan.
    pub objective: Option<f64>,
    /// Named amounts of the checked plan: accounts, aggregates, every region-, zone- and
    /// district-level rule's value and price.
    pub metrics: Vec<(Metric, f64)>,
    pub chosen: Vec<Chosen>,
    /// For an infeasible scenario: the rules that must give, and by how much.
    pub conflicts: Vec<(String, f64)>,
    pub message: Option<String>,
    /// Started from the base optimum's basis.
    pub warm: bool,
    pub seconds: f64,
    pub iterations: Option<i64>,
}

impl ScenarioResult {
    /// Solved to optimality and passed the check.
    pub fn solved(&self) -> bool {
        self.status == ScenarioStatus::Solver(Status::Optimal)
    }
}

/// What every scenario starts from.
pub struct Base<'a> {
    pub design: &'a Design,
    pub instance: &'a Instance,
    /// The model as a TOML table, so that any number in it can be set by path.
    pub model: toml::Table,
    pub model_name: String,
    pub options: SolveOptions,
    /// Solve every scenario from scratch instead of from the base basis.
    pub cold: bool,
    programme: Option<Programme>,
    basis: Option<Basis>,
}

impl<'a> Base<'a> {
    /// Solve the base once and keep its basis (LP only; a MIP's scenarios start cold).
    pub fn new(
        design: &'a Design,
        instance: &'a Instance,
        model: toml::Table,
        model_name: &str,
        options: &SolveOptions,
        cold: bool,
    ) -> Result<Base<'a>> {
        options.refuse_unless_whole_highs("a sweep")?;
        let mut options = options.clone();
        options.sensitivity = false;
        let mut base = Base {
            design,
            instance,
            model,
            model_name: model_name.to_string(),
            options,
            cold,
            programme: None,
            basis: None,
        };
        if !cold {
            let m = base.parse_model(&base.model.clone(), None)?;
            let p = Prepared::prepare(instance, &m, model_name)?.programme;
            if !p.col_integer.iter().any(|&b| b) {
                let mut s = Session::open(&p, &base.options)?;
                let out = s.run()?;
                if out.status == Status::Optimal {
                    base.basis = s.basis();
                }
            }
            base.programme = Some(p);
        }
        Ok(base)
    }

    /// Whether the base optimum's basis is there to start from.
    pub fn has_basis(&self) -> bool {
        self.basis.is_some()
    }

    fn parse_model(&self, table: &toml::Table, scenario: Option<usize>) -> Result<PolicyModel> {
        let name = match scenario {
            Some(i) => format!("{} (scenario {i})", self.model_name),
            None => self.model_name.clone(),
        };
        let text = toml::to_string(table).map_err(|e| Error::Options(e.to_string()))?;
        crate::instance::format::parse_toml(&name, &text).map_err(|p| Error::input(vec![p]))
    }

    /// The scenario's instance and model.
    pub fn apply(&self, s: &Scenario) -> Result<(Instance, PolicyModel)> {
        let mut table = self.model.clone();
        let mut inst = self.instance.clone();
        for (p, &v) in self.design.parameters.iter().zip(&s.values) {
            match &p.target {
                Target::Model(path) => set(&mut table, path, v),
                Target::Units(c) => {
                    let k = use_of(&inst, c)?;
                    for u in &mut inst.units {
                        scale(&mut u.uses, k, c, v);
                    }
                }
                Target::Sites(c) => {
                    let k = use_of(&inst, c)?;
                    for site in &mut inst.sites {
                        scale(&mut site.uses, k, c, v);
                    }
                }
                Target::ProjectCost => {
                    for q in &mut inst.projects {
                        q.cost *= v;
                    }
                }
            }
        }
        let model = self.parse_model(&table, Some(s.index))?;
        Ok((inst, model))
    }

    /// Solve, check and sum up one scenario.
    pub fn solve(&self, s: &Scenario) -> ScenarioResult {
        let t0 = Instant::now();
        let mut r = ScenarioResult {
            index: s.index,
            values: s.values.clone(),
            status: ScenarioStatus::Error,
            objective: None,
            metrics: Vec::new(),
            chosen: Vec::new(),
            conflicts: Vec::new(),
            message: None,
            warm: false,
            seconds: 0.0,
            iterations: None,
        };
        if let Err(e) = self.solve_into(s, &mut r) {
            r.status = match e {
                Error::Input(_) | Error::Options(_) => ScenarioStatus::Invalid,
                Error::CheckFailed(_) => ScenarioStatus::CheckFailed,
                _ => ScenarioStatus::Error,
            };
            r.message = Some(e.to_string());
        }
        r.seconds = t0.elapsed().as_secs_f64();
        r
    }

    fn solve_into(&self, s: &Scenario, r: &mut ScenarioResult) -> Result<()> {
        let (inst, model) = self.apply(s)?;
        let name = format!("{} (scenario {})", self.model_name, s.index);
        let prepared = Prepared::prepare(&inst, &model, &name)?;
        let p = &prepared.programme;
        let mut session = prepared.session(&self.options)?;
        let same_shape = self
            .programme
            .as_ref()
            .is_some_and(|b| b.columns == p.columns && b.rows == p.rows);
        if let (Some(basis), true) = (&self.basis, same_shape) {
            session.set_basis(basis)?;
            let b = self
                .programme
                .as_ref()
                .expect("a basis comes with its programme");
            let costs_only = b.col_lower == p.col_lower
                && b.col_upper == p.col_upper
                && b.row_lower == p.row_lower
                && b.row_upper == p.row_upper
                && b.value == p.value;
            // costs moved, bounds kept: the base basis stays primal feasible, and the primal
            // simplex goes on from it (16 cost draws on the built-in case: 8.3 s of scenario time against
            // 23 s with the dual simplex, which must first repair dual feasibility)
            if costs_only {
                session.warm_primal()?;
            } else {
                session.warm_simplex()?;
            }
            r.warm = true;
        }
        let outcome = session.run()?;
        r.iterations = outcome.simplex_iterations.or(outcome.ipm_iterations);
        let status = outcome.status.clone();
        r.status = ScenarioStatus::Solver(status.clone());
        let Some(Checked {
            solution: sol,
            check: report,
        }) = prepared.finish(outcome)?
        else {
            if status.is_infeasible() {
                let (_, conflicts) = crate::run::diagnose::elastic(&prepared, &self.options)?;
                r.conflicts = conflicts
                    .into_iter()
                    .map(|c| (c.name, c.violation))
                    .collect();
            }
            return Ok(());
        };
        if sol.status != Status::Optimal {
            // a time-limited incumbent: reported, but not counted as solved
            r.objective = Some(report.objective.total);
            return Ok(());
        }
        r.objective = Some(report.objective.total);
        r.metrics = metrics(&inst, &sol, &report);
        r.chosen = chosen(&inst, &sol);
        Ok(())
    }
}

/// Set the number at `path` (which [`super::design`] checked exists): an integer stays an
/// integer when the value is whole.
fn set(table: &mut toml::Table, path: &[String], v: f64) {
    /// The number at `path` below `v` (the design checked that there is one).
    fn leaf<'a>(v: &'a mut toml::Value, path: &[String]) -> Option<&'a mut toml::Value> {
        match path.split_first() {
            None => Some(v),
            Some((k, rest)) => leaf(super::design::child_mut(v, k)?, rest),
        }
    }
    let mut root = toml::Value::Table(std::mem::take(table));
    if let Some(x) = leaf(&mut root, path) {
        let whole = v.fract() == 0.0 && v.abs() < 9e15;
        *x = match x {
            toml::Value::Integer(_) if whole => toml::Value::Integer(v as i64),
            _ => toml::Value::Float(v),
        };
    }
    if let toml::Value::Table(back) = root {
        *table = back;
    }
}

/// The instance's use a column names.
fn use_of(inst: &Instance, c: &Column) -> Result<LandUse> {
    let (r, _) = c.parts();
    r.resolve(&inst.uses).ok_or_else(|| {
        Error::Options(format!(
            "a sweep parameter scales `{r}`, which is not a use of the instance: expected one of {}",
            inst.uses.list()
        ))
    })
}

fn scale(uses: &mut [Option<Economics>], k: LandUse, c: &Column, f: f64) {
    let (_, value) = c.parts();
    if let Some(e) = uses[k.index()].as_mut() {
        if value {
            e.value *= f;
        } else {
            e.cost *= f;
        }
    }
}

/// The amounts of a checked plan, in a fixed order.
fn metrics(inst: &Instance, sol: &Solution, report: &CheckReport) -> Vec<(Metric, f64)> {
    let a = &report.accounts;
    let g = &report.aggregates;
    let account = |x: Account| match x {
        Account::Arable => a.arable,
        Account::BasicFarmland => a.basic_farmland,
        Account::Construction => a.construction,
        Account::UrbanRural => a.urban_rural,
        Account::Town => a.town,
        Account::Rural => a.rural,
        Account::OtherConstruction => a.other_construction,
        Account::NonConstructionShare => a.non_construction_share,
    };
    let mut m: Vec<(Metric, f64)> = Account::ALL
        .iter()
        .map(|&x| (Metric::Account(x), account(x)))
        .collect();
    for (z, v) in inst.zones.iter().zip(&g.stock_by_zone) {
        m.push((Metric::ZoneStock(z.id.clone()), *v));
    }
    m.extend([
        (Metric::StockTo(StockTo::Construction), g.stock_construction),
        (Metric::StockTo(StockTo::Arable), g.stock_arable),
        (Metric::StockTo(StockTo::Ecological), g.stock_ecological),
        (Metric::NewConstruction, g.new_construction),
        (Metric::Affordable, g.affordable),
        (Metric::Consolidated, g.consolidated),
        (
            Metric::LinkageQuota,
            sol.allocation.flows.iter().map(|f| f.quota_km2).sum(),
        ),
    ]);
    let prices = sol.rows_by_ref();
    for line in report.lines.iter().filter(|l| !l.row.is_detail()) {
        m.push((Metric::RuleValue(line.name.clone()), line.value));
        if let Some(p) = prices.get(&line.row).and_then(|r| r.shadow_price) {
            m.push((Metric::RulePrice(line.name.clone()), p));
        }
    }
    // a multi-year plan's years: what is done in each, the levels at its end
    for y in &report.years {
        let mut add = |what, v| m.push((Metric::Year { year: y.year, what }, v));
        for &(a, v) in &y.activities {
            add(YearAmount::Activity(a), v);
        }
        for l in Level::ALL {
            add(
                YearAmount::Level(l),
                crate::check::past::level(&y.accounts, l),
            );
        }
        add(YearAmount::QuotaOutstanding, y.quota_outstanding);
    }
    m
}

/// Every unit use, site use and project the plan allocates.
fn chosen(inst: &Instance, sol: &Solution) -> Vec<Chosen> {
    let a = &sol.allocation;
    let mut out = Vec::new();
    let mut uses = |place: &str, id: &str, x: &[f64]| {
        for k in inst.uses.iter() {
            if x[k.index()] > CHOSEN_KM2 {
                out.push(Chosen {
                    place: place.into(),
                    id: id.into(),
                    land_use: k.as_str().into(),
                    km2: x[k.index()],
                });
            }
        }
    };
    for (u, x) in inst.units.iter().zip(&a.units) {
        uses("unit", &u.id, x);
    }
    for (s, y) in inst.sites.iter().zip(&a.sites) {
        uses("site", &s.id, y);
    }
    for (q, &c) in inst.projects.iter().zip(&a.projects) {
        if c > CHOSEN_KM2 {
            out.push(Chosen {
                place: "project".into(),
                id: q.id.clone(),
                land_use: String::new(),
                km2: c,
            });
        }
    }
    out
}
