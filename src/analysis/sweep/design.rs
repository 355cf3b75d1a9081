//! A sweep's design: which parameters move, over which values, and the scenarios that
//! result — every combination (`grid`), the i-th value of every list together (`zip`), or
//! seeded draws (`draws`, Latin hypercube or plain random) for uncertainty.
//!
//! A parameter is named by its path: a number in the policy model
//! (`rules.stock_target.targets_km2.extension`, set to the value; in a list, a segment is an
//! index or an entry's id: `rules.annual_plan.limits.supply.max_km2.2013`), or a column of the
//! instance's units, sites or projects (`units.cost_market`, `sites.value_affordable`,
//! `projects.cost`: every entry multiplied by the value, a factor).

use crate::error::{Error, Problem, Result};
use crate::instance::format::parse_toml;
use crate::instance::uses::UseRef;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// The most scenarios one sweep may have.
pub const MAX_SCENARIOS: usize = 100_000;

/// How the parameters' values combine into scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DesignKind {
    /// Every combination of the parameters' values (the first parameter varies slowest).
    #[default]
    Grid,
    /// The i-th value of every parameter together (lists of one length).
    Zip,
    /// `draws` scenarios drawn from each parameter's distribution.
    Draws,
}

/// How draws are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sampling {
    /// Latin hypercube: each parameter's range cut into `draws` strata of equal
    /// probability, one draw in each, strata paired at random across parameters.
    #[default]
    LatinHypercube,
    /// Independent draws.
    Random,
}

/// `range = { from, to, step }` or `{ from, to, count }`, both ends included.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeSpec {
    pub from: f64,
    pub to: f64,
    pub step: Option<f64>,
    pub count: Option<usize>,
}

/// One `[[parameter]]` of a sweep file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParameterSpec {
    pub path: String,
    /// Column name in the tables (default: the path).
    pub name: Option<String>,
    pub values: Option<Vec<f64>>,
    pub range: Option<RangeSpec>,
    /// `[low, high]`.
    pub uniform: Option<[f64; 2]>,
    /// `[low, mode, high]`.
    pub triangular: Option<[f64; 3]>,
}

/// A sweep file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepSpec {
    pub name: Option<String>,
    /// Instance directory or manifest, relative to the sweep file (default: the built-in
    /// case).
    pub instance: Option<String>,
    /// Policy model, relative to the sweep file (needed with `instance`).
    pub model: Option<String>,
    #[serde(default)]
    pub design: DesignKind,
    pub draws: Option<usize>,
    pub seed: Option<u64>,
    #[serde(default)]
    pub sampling: Sampling,
    #[serde(rename = "parameter", default)]
    pub parameters: Vec<ParameterSpec>,
}

impl SweepSpec {
    pub fn parse(file: &str, text: &str) -> Result<SweepSpec> {
        parse_toml(file, text).map_err(|p| Error::input(vec![p]))
    }
}

/// A column of an instance table: the value or cost of a use, named by its id (resolved
/// against the instance's uses when a scenario is applied).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Value(UseRef),
    Cost(UseRef),
}

impl Column {
    /// The use and whether the column is its value.
    pub fn parts(&self) -> (&UseRef, bool) {
        match self {
            Column::Value(k) => (k, true),
            Column::Cost(k) => (k, false),
        }
    }
}

/// What a parameter changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A number in the policy model, by its key path.
    Model(Vec<String>),
    /// Every unit's value or cost of a use, times the parameter.
    Units(Column),
    /// Every site's value or cost of a use, times the parameter.
    Sites(Column),
    /// Every consolidation project's cost, times the parameter.
    ProjectCost,
}

impl Target {
    /// Whether the parameter is a factor (a table column) rather than a value.
    pub fn is_factor(&self) -> bool {
        !matches!(self, Target::Model(_))
    }
}

/// Where a parameter's values come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Values {
    List(Vec<f64>),
    Uniform(f64, f64),
    Triangular(f64, f64, f64),
}

/// A parameter, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: String,
    pub path: String,
    pub target: Target,
    pub values: Values,
}

/// A checked design.
#[derive(Debug, Clone, PartialEq)]
pub struct Design {
    pub name: String,
    pub kind: DesignKind,
    pub parameters: Vec<Parameter>,
    pub draws: usize,
    pub seed: u64,
    pub sampling: Sampling,
}

/// One scenario: its index in the design and one value per parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    pub index: usize,
    pub values: Vec<f64>,
}

fn column(name: &str) -> Option<Column> {
    let word = |u: &str| !u.is_empty() && u.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if let Some(u) = name.strip_prefix("value_").filter(|u| word(u)) {
        return Some(Column::Value(u.into()));
    }
    name.strip_prefix("cost_")
        .filter(|u| word(u))
        .map(|u| Column::Cost(u.into()))
}

/// The target of `path`, checked against the model's table.
fn target(path: &str, model: &toml::Table) -> std::result::Result<Target, String> {
    let segs: Vec<&str> = path.split('.').collect();
    let uses = "the instance's use ids (affordable, market … for the built-in uses)";
    match segs.as_slice() {
        ["units", c] | ["sites", c] => {
            let col = column(c).ok_or_else(|| {
                format!("`{c}` is not a column a factor can scale: expected value_<use> or cost_<use>, the uses being {uses}")
            })?;
            Ok(if segs[0] == "units" {
                Target::Units(col)
            } else {
                Target::Sites(col)
            })
        }
        ["projects", "cost"] => Ok(Target::ProjectCost),
        ["projects", c] => Err(format!("`{c}`: a factor can scale projects.cost only")),
        _ => {
            let root = toml::Value::Table(model.clone());
            let mut t = &root;
            for (i, s) in segs.iter().enumerate() {
                let last = i + 1 == segs.len();
                match child(t, s) {
                    Some(next @ (toml::Value::Table(_) | toml::Value::Array(_))) if !last => {
                        t = next
                    }
                    Some(toml::Value::Integer(_) | toml::Value::Float(_)) if last => {
                        return Ok(Target::Model(segs.iter().map(|s| s.to_string()).collect()))
                    }
                    Some(_) if last => {
                        return Err(format!("`{path}` is not a number in the model"))
                    }
                    _ => {
                        let at = segs[..i].join(".");
                        let under = if at.is_empty() {
                            String::new()
                        } else {
                            format!(" under `{at}`")
                        };
                        let expected = match t {
                            toml::Value::Table(t) if t.is_empty() => "(none)".to_string(),
                            toml::Value::Table(t) => {
                                t.keys().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
                            }
                            toml::Value::Array(a) => format!(
                                "an index 0-{} or an element's id",
                                a.len().saturating_sub(1)
                            ),
                            _ => "(none)".to_string(),
                        };
                        return Err(format!(
                            "the model has no `{s}`{under}: expected one of {expected}, or a table column (units.<column>, sites.<column>, projects.cost)"
                        ));
                    }
                }
            }
            Err(format!("`{path}` names no number"))
        }
    }
}

/// Where `seg` leads from `v`: a table's key, an array's index, or the table in an array
/// whose `id` is `seg` (an annual plan's limit by its id: `rules.annual_plan.limits.supply`).
pub(super) fn child<'a>(v: &'a toml::Value, seg: &str) -> Option<&'a toml::Value> {
    match v {
        toml::Value::Table(t) => t.get(seg),
        toml::Value::Array(a) => match seg.parse::<usize>() {
            Ok(i) => a.get(i),
            Err(_) => a
                .iter()
                .find(|e| e.get("id").and_then(|x| x.as_str()) == Some(seg)),
        },
        _ => None,
    }
}

/// [`child`], to change.
pub(super) fn child_mut<'a>(v: &'a mut toml::Value, seg: &str) -> Option<&'a mut toml::Value> {
    match v {
        toml::Value::Table(t) => t.get_mut(seg),
        toml::Value::Array(a) => match seg.parse::<usize>() {
            Ok(i) => a.get_mut(i),
            Err(_) => a
                .iter_mut()
                .find(|e| e.get("id").and_then(|x| x.as_str()) == Some(seg)),
        },
        _ => None,
    }
}

fn range_values(r: &RangeSpec) -> std::result::Result<Vec<f64>, String> {
    if !(r.from.is_finite() && r.to.is_finite()) || r.from > r.to {
        return Err(format!(
            "expected finite from ≤ to, found from = {} and to = {}",
            r.from, r.to
        ));
    }
    let n = match (r.step, r.count) {
        (Some(step), None) => {
            if !(step.is_finite() && step > 0.0) {
                return Err(format!("step: expected a number > 0, found {step}"));
            }
            let n = ((r.to - r.from) / step + 1e-9).floor() + 1.0;
            if n > MAX_SCENARIOS as f64 {
                return Err(format!("{n} values: expected at most {MAX_SCENARIOS}"));
            }
            return Ok((0..n as usize).map(|i| r.from + step * i as f64).collect());
        }
        (None, Some(n)) => n,
        _ => return Err("expected exactly one of step and count".into()),
    };
    if n == 0 || n > MAX_SCENARIOS {
        return Err(format!("count: expected 1 to {MAX_SCENARIOS}, found {n}"));
    }
    if n == 1 {
        return Ok(vec![r.from]);
    }
    Ok((0..n)
        .map(|i| r.from + (r.to - r.from) * i as f64 / (n - 1) as f64)
        .collect())
}

impl Design {
    /// Check `spec` (read from `file`) against the model's table; every problem is listed.
    pub fn new(file: &str, spec: &SweepSpec, model: &toml::Table) -> Result<Design> {
        let mut problems = Vec::new();
        let mut parameters = Vec::new();
        let draws = spec.kind_draws();
        for (i, p) in spec.parameters.iter().enumerate() {
            if let Some(q) = parameter(file, i, p, spec, model, &parameters, &mut problems) {
                parameters.push(q);
            }
        }
        if spec.parameters.is_empty() {
            problems.push(Problem::new(
                file,
                "document",
                "parameter",
                "expected at least one [[parameter]]",
            ));
        }
        let lens: Vec<usize> = parameters
            .iter()
            .filter_map(|p| match &p.values {
                Values::List(v) => Some(v.len()),
                _ => None,
            })
            .collect();
        match spec.design {
            DesignKind::Grid => {
                let n = lens.iter().fold(1f64, |a, &b| a * b as f64);
                if n > MAX_SCENARIOS as f64 {
                    problems.push(Problem::new(
                        file,
                        "document",
                        "design",
                        format!("the grid has {n} scenarios: expected at most {MAX_SCENARIOS}"),
                    ));
                }
            }
            DesignKind::Zip => {
                if lens.windows(2).any(|w| w[0] != w[1]) {
                    problems.push(Problem::new(file, "document", "design", format!("a zip design pairs the i-th values of every parameter: expected lists of one length, found lengths {lens:?}")));
                }
            }
            DesignKind::Draws => {
                match spec.draws {
                    Some(n) if (1..=MAX_SCENARIOS).contains(&n) => {}
                    Some(n) => problems.push(Problem::new(
                        file,
                        "document",
                        "draws",
                        format!("expected 1 to {MAX_SCENARIOS} draws, found {n}"),
                    )),
                    None => problems.push(Problem::new(
                        file,
                        "document",
                        "draws",
                        "a design of draws needs their number: expected draws = N",
                    )),
                }
                if spec.seed.is_none() {
                    problems.push(Problem::new(
                        file,
                        "document",
                        "seed",
                        "draws are reproducible from a seed: expected seed = <integer>",
                    ));
                }
            }
        }
        if !draws && (spec.draws.is_some() || spec.seed.is_some()) {
            problems.push(Problem::new(
                file,
                "document",
                if spec.draws.is_some() {
                    "draws"
                } else {
                    "seed"
                },
                "only a design of draws takes draws and seed: expected design = \"draws\"",
            ));
        }
        if !problems.is_empty() {
            return Err(Error::input(problems));
        }
        Ok(Design {
            name: spec.name.clone().unwrap_or_else(|| "sweep".into()),
            kind: spec.design,
            parameters,
            draws: spec.draws.unwrap_or(0),
            seed: spec.seed.unwrap_or(0),
            sampling: spec.sampling,
        })
    }

    /// Every scenario, in index order. Draws depend on the seed alone (not on threads or
    /// shards): the whole design is drawn up front.
    pub fn scenarios(&self) -> Vec<Scenario> {
        let lists: Vec<&[f64]> = self
            .parameters
            .iter()
            .map(|p| match &p.values {
                Values::List(v) => v.as_slice(),
                _ => &[],
            })
            .collect();
        let rows: Vec<Vec<f64>> = match self.kind {
            DesignKind::Grid => {
                let n: usize = lists.iter().map(|l| l.len()).product();
                (0..n)
                    .map(|mut i| {
                        let mut v = vec![0.0; lists.len()];
                        for (k, l) in lists.iter().enumerate().rev() {
                            v[k] = l[i % l.len()];
                            i /= l.len();
                        }
                        v
                    })
                    .collect()
            }
            DesignKind::Zip => {
                let n = lists.first().map_or(0, |l| l.len());
                (0..n)
                    .map(|i| lists.iter().map(|l| l[i]).collect())
                    .collect()
            }
            DesignKind::Draws => self.draw(),
        };
        rows.into_iter()
            .enumerate()
            .map(|(index, values)| Scenario { index, values })
            .collect()
    }

    fn draw(&self) -> Vec<Vec<f64>> {
        let n = self.draws;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(self.seed);
        let mut out = vec![vec![0.0; self.parameters.len()]; n];
        for (k, p) in self.parameters.iter().enumerate() {
            let mut strata: Vec<usize> = (0..n).collect();
            if self.sampling == Sampling::LatinHypercube {
                strata.shuffle(&mut rng);
            }
            for (i, row) in out.iter_mut().enumerate() {
                let u: f64 = rng.random();
                let q = match self.sampling {
                    Sampling::LatinHypercube => (strata[i] as f64 + u) / n as f64,
                    Sampling::Random => u,
                };
                row[k] = quantile(&p.values, q);
            }
        }
        out
    }
}

/// One parameter checked; its problems added to `problems`.
fn parameter(
    file: &str,
    i: usize,
    p: &ParameterSpec,
    spec: &SweepSpec,
    model: &toml::Table,
    taken: &[Parameter],
    problems: &mut Vec<Problem>,
) -> Option<Parameter> {
    let draws = spec.kind_draws();
    let record = format!("parameter {} ({})", i + 1, p.path);
    let mut bad =
        |field: &str, m: String| problems.push(Problem::new(file, record.clone(), field, m));
    let target = match target(&p.path, model) {
        Ok(t) => t,
        Err(m) => {
            bad("path", m);
            return None;
        }
    };
    let given = [
        p.values.is_some(),
        p.range.is_some(),
        p.uniform.is_some(),
        p.triangular.is_some(),
    ];
    if given.iter().filter(|b| **b).count() != 1 {
        bad(
            "values",
            "expected exactly one of values, range, uniform and triangular".into(),
        );
        return None;
    }
    let is_draw = p.uniform.is_some() || p.triangular.is_some();
    if is_draw != draws {
        bad(
            if is_draw { "uniform" } else { "values" },
            if draws {
                "a design of draws needs a distribution: expected uniform = [low, high] or triangular = [low, mode, high]".into()
            } else {
                format!("a distribution needs design = \"draws\"; this design is {:?}: expected values or range", spec.design).to_lowercase()
            },
        );
        return None;
    }
    let values = if let Some(v) = &p.values {
        if v.is_empty() {
            bad("values", "expected at least one value".into());
            return None;
        }
        Values::List(v.clone())
    } else if let Some(r) = &p.range {
        match range_values(r) {
            Ok(v) => Values::List(v),
            Err(m) => {
                bad("range", m);
                return None;
            }
        }
    } else if let Some([lo, hi]) = p.uniform {
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            bad(
                "uniform",
                format!("expected finite low < high, found [{lo}, {hi}]"),
            );
            return None;
        }
        Values::Uniform(lo, hi)
    } else if let Some([lo, mode, hi]) = p.triangular {
        if !([lo, mode, hi].iter().all(|v| v.is_finite()) && lo <= mode && mode <= hi && lo < hi) {
            bad(
                "triangular",
                format!(
                    "expected finite low ≤ mode ≤ high with low < high, found [{lo}, {mode}, {hi}]"
                ),
            );
            return None;
        }
        Values::Triangular(lo, mode, hi)
    } else {
        return None;
    };
    let (lo, all_finite) = match &values {
        Values::List(v) => (
            v.iter().cloned().fold(f64::INFINITY, f64::min),
            v.iter().all(|x| x.is_finite()),
        ),
        Values::Uniform(lo, _) | Values::Triangular(lo, _, _) => (*lo, true),
    };
    if !all_finite {
        bad("values", "expected finite numbers".into());
        return None;
    }
    if target.is_factor() && lo < 0.0 {
        bad(
            "values",
            format!("a table column is scaled by a factor: expected factors ≥ 0, found {lo}"),
        );
        return None;
    }
    let name = p.name.clone().unwrap_or_else(|| p.path.clone());
    if taken.iter().any(|q: &Parameter| q.name == name) {
        bad(
            "name",
            format!("`{name}` names two parameters: expected each once"),
        );
        return None;
    }
    Some(Parameter {
        name,
        path: p.path.clone(),
        target,
        values,
    })
}

impl SweepSpec {
    fn kind_draws(&self) -> bool {
        self.design == DesignKind::Draws
    }
}

/// The `q`-quantile of a distribution (a list's values are not drawn from).
pub fn quantile(v: &Values, q: f64) -> f64 {
    match *v {
        Values::Uniform(lo, hi) => lo + q * (hi - lo),
        Values::Triangular(lo, mode, hi) => {
            let f = (mode - lo) / (hi - lo);
            if q < f {
                lo + (q * (hi - lo) * (mode - lo)).sqrt()
            } else {
                hi - ((1.0 - q) * (hi - lo) * (hi - mode)).sqrt()
            }
        }
        Values::List(_) => f64::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> toml::Table {
        toml::from_str("[rules.supply_cap]\nmax_km2 = 400.0\n[rules.stock_target]\ntargets_km2 = { a = 1.0, b = 2 }\n").unwrap()
    }

    fn design(text: &str) -> Result<Design> {
        Design::new("s.toml", &SweepSpec::parse("s.toml", text)?, &model())
    }

    #[test]
    fn a_grid_is_every_combination_first_parameter_slowest() {
        let d = design("[[parameter]]\npath = \"rules.supply_cap.max_km2\"\nvalues = [1, 2]\n[[parameter]]\npath = \"units.cost_market\"\nrange = { from = 0.5, to = 1.5, count = 3 }\n").unwrap();
        let s = d.scenarios();
        assert_eq!(s.len(), 6);
        assert_eq!(s[0].values, vec![1.0, 0.5]);
        assert_eq!(s[1].values, vec![1.0, 1.0]);
        assert_eq!(s[5].values, vec![2.0, 1.5]);
        assert_eq!(
            d.parameters[1].target,
            Target::Units(Column::Cost("market".into()))
        );
    }

    #[test]
    fn draws_fill_every_stratum_once_and_repeat_from_the_seed() {
        let text = "design = \"draws\"\ndraws = 50\nseed = 7\n[[parameter]]\npath = \"units.cost_market\"\nuniform = [0.0, 1.0]\n[[parameter]]\npath = \"projects.cost\"\ntriangular = [0.7, 1.0, 1.3]\n";
        let a = design(text).unwrap().scenarios();
        let b = design(text).unwrap().scenarios();
        assert_eq!(a, b);
        let mut strata: Vec<usize> = a.iter().map(|s| (s.values[0] * 50.0) as usize).collect();
        strata.sort();
        assert_eq!(strata, (0..50).collect::<Vec<_>>());
        assert!(a.iter().all(|s| (0.7..=1.3).contains(&s.values[1])));
        let other = design(&text.replace("seed = 7", "seed = 8"))
            .unwrap()
            .scenarios();
        assert_ne!(a, other);
    }

    #[test]
    fn triangular_quantiles_meet_at_the_mode() {
        let t = Values::Triangular(0.0, 1.0, 4.0);
        assert!((quantile(&t, 0.25) - 1.0).abs() < 1e-12);
        assert_eq!(quantile(&t, 0.0), 0.0);
        assert_eq!(quantile(&t, 1.0), 4.0);
    }

    #[test]
    fn bad_designs_name_the_parameter_and_the_field() {
        let e = design("[[parameter]]\npath = \"rules.supply_cap.max\"\nvalues = [1]\n[[parameter]]\npath = \"units.colour\"\nvalues = [1]\n[[parameter]]\npath = \"units.cost_market\"\nvalues = [-1]\n[[parameter]]\npath = \"rules.supply_cap.max_km2\"\nuniform = [1, 2]\n").unwrap_err().to_string();
        assert!(
            e.contains("parameter 1 (rules.supply_cap.max)")
                && e.contains("no `max` under `rules.supply_cap`: expected one of max_km2"),
            "{e}"
        );
        assert!(
            e.contains("parameter 2 (units.colour)") && e.contains("value_<use>"),
            "{e}"
        );
        assert!(e.contains("factors ≥ 0"), "{e}");
        assert!(e.contains("needs design = \"draws\""), "{e}");
        let e = design("design = \"zip\"\n[[parameter]]\npath = \"units.cost_market\"\nvalues = [1, 2]\n[[parameter]]\npath = \"projects.cost\"\nvalues = [1]\n").unwrap_err().to_string();
        assert!(e.contains("lists of one length"), "{e}");
        let e = design("design = \"draws\"\ndraws = 3\n[[parameter]]\npath = \"projects.cost\"\nuniform = [1, 2]\n").unwrap_err().to_string();
        assert!(e.contains("seed"), "{e}");
    }
}
