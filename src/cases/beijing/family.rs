//! Certified families of instances for researchers: miniatures of the Beijing instance at
//! 1/20, 1/10, 1/5 and 1/2 of its records, each under the built-in model scaled to it and in
//! variants of growing hardness, with each optimum certified by backends that agree. The
//! standard family ([`Set::Standard`]: linkage on or off, whole-unit on or off, tight and
//! loose targets, one infeasible) solves in seconds; the hard one ([`Set::Hard`]: whole-unit
//! MIPs with a binary and a fixed cost per linkage project, larger whole-unit MIPs, the
//! five-year model, tie-heavy instances whose values and costs come by grade, infeasible
//! cases) is meant to separate solvers.
//!
//! A miniature keeps every k-th stock unit, receiving site and consolidation project of the
//! generated Beijing instance (the generator draws them zone by zone, district by district,
//! so every k-th is a stratified sample) at their own size, and divides every area of the
//! region, its districts and its farmland areas, and every district's population, by k; the
//! transport network, GDP, values and costs stay. The model is the built-in one with every
//! `*_km2` figure (not a density) and the affordable-homes count divided by k: the same plan for a region
//! 1/k the size. Everything here is text; solving and certifying is [`certify`].

use super::generate::{records, Generated, Records};
use crate::error::Result;
use crate::instance::Instance;
use crate::policy::PolicyModel;
use crate::run::run;
use crate::solution::Backend;
use crate::solve::{Method, SolveOptions};

/// How a family case varies the scaled built-in model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The built-in model, scaled.
    Plan,
    /// Without the increase-decrease linkage (and the resettlement that follows it).
    NoLinkage,
    /// Whole-unit mode: a binary per unit (a MIP).
    WholeUnit,
    /// The zone targets of stock redevelopment read `exact` (no band).
    Tight,
    /// The zone targets read `at_least` (力争).
    Loose,
    /// With construction land per unit of GDP −30 % as a hard rule, which the plan's supply
    /// targets cannot meet at the GDP forecast: infeasible.
    Infeasible,
    /// Whole-unit mode with linkage projects: a binary per unit and one per linkage pairing,
    /// each pairing used paying a fixed cost of 20 million yuan and carrying at least
    /// 0.05 km² (a MIP with fixed charges).
    Projects,
    /// The five-year model (`models/beijing-12th-fyp-years.toml`, scaled): the built-in
    /// model's rules year by year, 先补后占, the turnover-quota deadline and the annual plan.
    Years,
}

impl Variant {
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Plan => "plan",
            Variant::NoLinkage => "no-linkage",
            Variant::WholeUnit => "whole-unit",
            Variant::Tight => "tight",
            Variant::Loose => "loose",
            Variant::Infeasible => "infeasible",
            Variant::Projects => "projects",
            Variant::Years => "years",
        }
    }
}

/// One case: a miniature (1/`keep_every` of Beijing, tie-heavy with `ties`) under a variant
/// of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    pub keep_every: usize,
    pub variant: Variant,
    /// Values and costs by grade rather than per unit ([`miniature`]).
    pub ties: bool,
}

impl Case {
    /// `m20-plan`, `m10-whole-unit`, `m10t-plan` (tie-heavy) ...
    pub fn name(&self) -> String {
        format!("{}-{}", self.instance_dir(), self.variant.as_str())
    }
    /// The directory of its instance, relative to the family's: `m10`, or `m10t` for the
    /// tie-heavy miniature.
    pub fn instance_dir(&self) -> String {
        format!("m{}{}", self.keep_every, if self.ties { "t" } else { "" })
    }
    /// Its model file, relative to the family's directory.
    pub fn model_file(&self) -> String {
        format!("models/{}.toml", self.name())
    }
}

/// Which family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Set {
    /// `instances/family`: small and quick, every case certified by five solvers.
    Standard,
    /// `instances/family-hard`: cases that take a solver seconds to minutes.
    Hard,
}

impl Set {
    /// The variants a set makes at each size of `--sizes`, and whether on the tie-heavy
    /// miniature.
    fn variants(self) -> &'static [(Variant, bool)] {
        use Variant::*;
        match self {
            Set::Standard => &[
                (Plan, false),
                (NoLinkage, false),
                (WholeUnit, false),
                (Tight, false),
                (Loose, false),
                (Infeasible, false),
            ],
            Set::Hard => &[
                (Projects, false),
                (WholeUnit, false),
                (Years, false),
                (Plan, true),
                (WholeUnit, true),
                (Infeasible, true),
            ],
        }
    }
}

/// The family's cases, smallest first: its own list, or with `sizes` every variant of the
/// set at each size (1/k of Beijing's records for k in `sizes`).
pub fn cases_of(set: Set, sizes: Option<&[usize]>) -> Vec<Case> {
    use Variant::*;
    let c = |keep_every, variant, ties| Case {
        keep_every,
        variant,
        ties,
    };
    if let Some(sizes) = sizes {
        return sizes
            .iter()
            .flat_map(|&k| set.variants().iter().map(move |&(v, t)| c(k, v, t)))
            .collect();
    }
    match set {
        Set::Standard => vec![
            c(20, Plan, false),
            c(20, NoLinkage, false),
            c(20, WholeUnit, false),
            c(10, Plan, false),
            c(10, Tight, false),
            c(10, Loose, false),
            c(10, Infeasible, false),
            c(5, Plan, false),
            c(5, NoLinkage, false),
            c(2, Plan, false),
        ],
        Set::Hard => vec![
            c(20, Projects, false),
            c(10, Projects, false),
            c(10, WholeUnit, false),
            c(10, Years, false),
            c(10, Plan, true),
            c(10, WholeUnit, true),
            c(10, Infeasible, true),
            c(5, Projects, false),
            c(5, Years, false),
            c(2, Years, false),
            c(2, Plan, true),
        ],
    }
}

/// The standard family's cases.
pub fn cases() -> Vec<Case> {
    cases_of(Set::Standard, None)
}

/// The miniatures `cases` need: (keep_every, ties), each once, in order of first use.
pub fn miniatures(cases: &[Case]) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    for c in cases {
        if !out.contains(&(c.keep_every, c.ties)) {
            out.push((c.keep_every, c.ties));
        }
    }
    out
}

/// The miniature of the Beijing instance (generated with `seed`) keeping every
/// `keep_every`-th record. With `ties`, values and costs come by grade, as benchmark land
/// prices give them: every unit's value and cost of each use replaced by the mean over the
/// units of its district and kind (and every site's over the sites of its district and
/// kind), rounded to 0.1 million yuan per km², so that most columns share their objective
/// coefficients with many others (units still differ in area, population, arable grade and
/// distance to a station).
pub fn miniature(
    seed: u64,
    keep_every: usize,
    ties: bool,
) -> std::result::Result<Generated, String> {
    if keep_every < 1 {
        return Err("keep_every must be at least 1".into());
    }
    let full = records(seed, 1.0)?;
    let k = keep_every;
    let f = 1.0 / k as f64;
    let mut m = full.manifest;
    m.name = format!("beijing-2011-2015-1of{k}");
    let scale = |a: &mut crate::instance::format::AccountsRecord| {
        for v in [
            &mut a.total,
            &mut a.arable,
            &mut a.basic_farmland,
            &mut a.construction,
            &mut a.urban_rural,
            &mut a.town,
        ] {
            *v *= f;
        }
    };
    scale(&mut m.region.baseline);
    m.region.exogenous.arable *= f;
    m.region.exogenous.basic_farmland *= f;
    for d in &mut m.districts {
        d.population *= f;
        d.area_km2 *= f;
        if let Some(b) = &mut d.baseline {
            scale(b);
        }
    }
    for a in &mut m.farmland_areas {
        a.arable_km2 *= f;
        a.basic_farmland_km2 *= f;
    }
    m.metadata.description = format!(
        "A miniature of the Beijing 2011-2015 instance for benchmarks: every {k}th stock unit, receiving site and consolidation project of the generated instance (seed {seed}), every area of the region, its districts and farmland areas and every district's population divided by {k}; the transport network, GDP, values and costs unchanged. {}",
        m.metadata.description
    );
    m.metadata.synthetic.insert(
        0,
        crate::instance::SyntheticField {
            field: "the whole instance (a miniature)".into(),
            how: format!("1/{k} of the Beijing instance: a stratified sample of its records (every {k}th, in the generator's zone, district and kind order) and its accounts divided by {k}; made for benchmarks, not a place"),
        },
    );
    fn keep<T>(v: Vec<T>, k: usize) -> Vec<T> {
        v.into_iter().step_by(k).collect()
    }
    let mut r = Records {
        manifest: m,
        units: keep(full.units, k),
        sites: keep(full.sites, k),
        projects: keep(full.projects, k),
    };
    if ties {
        r.manifest.name = format!("beijing-2011-2015-1of{k}-graded");
        r.manifest.metadata.description = format!(
            "Tie-heavy: values and costs by grade (the mean over the units, and over the sites, of a district and kind, to 0.1 million yuan per km²). {}",
            r.manifest.metadata.description
        );
        let unit_groups: Vec<String> = r
            .units
            .iter()
            .map(|u| format!("{}/{}", u.district, u.kind))
            .collect();
        by_grade(&mut r.units, &unit_groups, |u| &mut u.economics);
        let site_groups: Vec<String> = r
            .sites
            .iter()
            .map(|s| format!("{}/{}", s.district, s.kind))
            .collect();
        by_grade(&mut r.sites, &site_groups, |s| &mut s.economics);
    }
    let graded = if ties {
        ", values and costs by grade"
    } else {
        ""
    };
    r.write(&format!(
        "# A miniature of the Beijing 2011-2015 instance (1/{k}{graded}), generated by `stockland generate --family --seed {seed}`.\n# Do not edit by hand: regenerate.\n\n"
    ))
}

/// Every record's value and cost of each use replaced by the mean over the records of its
/// group (`groups[i]` the group of record i), rounded to 0.1.
fn by_grade<T>(
    records: &mut [T],
    groups: &[String],
    economics: impl Fn(&mut T) -> &mut crate::instance::format::UseColumns,
) {
    use std::collections::BTreeMap;
    // (group, use, value?) → (sum, count)
    let mut sums: BTreeMap<(&str, &str, bool), (f64, usize)> = BTreeMap::new();
    for (rec, g) in records.iter_mut().zip(groups) {
        for &(k, v, c) in &economics(rec).0 {
            for (is_value, x) in [(true, v), (false, c)] {
                if let Some(x) = x {
                    let e = sums.entry((g.as_str(), k, is_value)).or_insert((0.0, 0));
                    e.0 += x;
                    e.1 += 1;
                }
            }
        }
    }
    let mean = |g: &str, k: &str, is_value: bool| {
        let (s, n) = sums[&(g, k, is_value)];
        (s / n as f64 * 10.0).round() / 10.0
    };
    let means: Vec<Vec<(Option<f64>, Option<f64>)>> = records
        .iter_mut()
        .zip(groups)
        .map(|(rec, g)| {
            economics(rec)
                .0
                .iter()
                .map(|&(k, v, c)| (v.map(|_| mean(g, k, true)), c.map(|_| mean(g, k, false))))
                .collect()
        })
        .collect();
    for (rec, m) in records.iter_mut().zip(means) {
        for (col, (v, c)) in economics(rec).0.iter_mut().zip(m) {
            col.1 = v;
            col.2 = c;
        }
    }
}

/// Divide every `*_km2` figure (numbers, or tables of numbers; not a density `*_per_km2`)
/// and every `homes` count of a model table by `k`.
fn scale_areas(t: &mut toml::Table, k: f64) {
    fn scale(v: &mut toml::Value, k: f64) {
        match v {
            toml::Value::Float(x) => *x /= k,
            toml::Value::Integer(i) => *v = toml::Value::Float(*i as f64 / k),
            toml::Value::Table(t) => t.iter_mut().for_each(|(_, v)| scale(v, k)),
            _ => {}
        }
    }
    for (key, v) in t.iter_mut() {
        if (key.ends_with("_km2") && !key.contains("_per_")) || key == "homes" {
            scale(v, k);
        } else if let toml::Value::Table(inner) = v {
            scale_areas(inner, k);
        }
    }
}

/// The model of `case`, as TOML text: the built-in model (the five-year one for
/// [`Variant::Years`]) scaled to the miniature and varied.
pub fn model(case: &Case) -> std::result::Result<String, String> {
    let base = if case.variant == Variant::Years {
        super::MODEL_YEARS
    } else {
        super::MODEL
    };
    let mut t: toml::Table = toml::from_str(base).map_err(|e| e.to_string())?;
    scale_areas(&mut t, case.keep_every as f64);
    t.insert("name".into(), format!("family-{}", case.name()).into());
    let about = match case.variant {
        Variant::Plan => "the built-in model",
        Variant::NoLinkage => "the built-in model without the linkage and resettlement",
        Variant::WholeUnit => "the built-in model in whole-unit mode (a MIP)",
        Variant::Tight => "the built-in model with the zone targets read exact",
        Variant::Loose => "the built-in model with the zone targets read as floors",
        Variant::Infeasible => {
            "the built-in model with land per unit of GDP −30 % hard (infeasible)"
        }
        Variant::Projects => {
            "the built-in model in whole-unit mode with a binary, a fixed cost of 20 million yuan and at least 0.05 km² per linkage pairing used (a MIP with fixed charges)"
        }
        Variant::Years => "the five-year model (models/beijing-12th-fyp-years.toml)",
    };
    t.insert(
        "description".into(),
        format!(
            "Family case {}: {about}, every area divided by {} for the 1/{} miniature of the Beijing instance.",
            case.name(),
            case.keep_every,
            case.keep_every
        )
        .into(),
    );
    if matches!(case.variant, Variant::WholeUnit | Variant::Projects) {
        let mut w = toml::Table::new();
        w.insert("enabled".into(), true.into());
        t.insert("whole_unit".into(), w.into());
    }
    let rules = t
        .get_mut("rules")
        .and_then(|r| r.as_table_mut())
        .ok_or("the built-in model has no rules")?;
    // a rule's table of the built-in model, to change in place
    fn rule<'a>(
        rules: &'a mut toml::Table,
        id: &str,
    ) -> std::result::Result<&'a mut toml::Table, String> {
        rules
            .get_mut(id)
            .and_then(|r| r.as_table_mut())
            .ok_or(format!("the built-in model has no {id}"))
    }
    match case.variant {
        Variant::Plan | Variant::WholeUnit | Variant::Years => {}
        Variant::Projects => {
            let r = rule(rules, "linkage_balance")?;
            r.insert("fixed_project_cost".into(), 20.0.into());
            r.insert("min_project_km2".into(), 0.05.into());
        }
        Variant::NoLinkage => {
            for id in ["linkage_balance", "resettlement"] {
                rule(rules, id)?.insert("enabled".into(), false.into());
            }
        }
        Variant::Tight | Variant::Loose => {
            let r = rule(rules, "stock_target")?;
            r.remove("tolerance_km2");
            let reading = if case.variant == Variant::Tight {
                "exact"
            } else {
                "at_least"
            };
            r.insert("reading".into(), reading.into());
        }
        Variant::Infeasible => {
            let mut r = toml::Table::new();
            r.insert("decline".into(), 0.30.into());
            rules.insert("land_per_gdp".into(), r.into());
        }
    }
    let text = toml::to_string(&t).map_err(|e| e.to_string())?;
    Ok(format!(
        "# Family case {}: generated by `stockland generate --family` from {}\n# (every area divided by {}). Do not edit by hand: regenerate.\n\n{text}",
        case.name(),
        if case.variant == Variant::Years {
            "models/beijing-12th-fyp-years.toml"
        } else {
            "models/beijing-12th-fyp.toml"
        },
        case.keep_every
    ))
}

/// One backend's (and method's) answer on a case.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// `highs:simplex`, `highs:ipm`, `microlp`, `clarabel`.
    pub solver: String,
    pub status: String,
    pub objective: Option<f64>,
    /// The relative gap a MIP stopped at (0 when proven optimal; above it at a limit).
    pub mip_gap: Option<f64>,
    /// Seconds the solver took.
    pub seconds: f64,
}

/// A case's certificate: every answer, and whether they agree.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    pub answers: Vec<Answer>,
    pub columns: usize,
    pub rows: usize,
    pub nonzeros: usize,
    pub integers: usize,
}

/// What a certificate establishes.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The answers that ended with a proof (an optimum, or infeasibility) agree: the same
    /// status, objectives within [`AGREEMENT`] (`max_rel_diff`); `by` names them (the others
    /// stopped at the time limit).
    Proven {
        status: String,
        objective: Option<f64>,
        by: Vec<String>,
        max_rel_diff: f64,
    },
    /// No answer proved its optimum within the time limit: the best objective found, by
    /// which solver, and the smallest gap any stopped at.
    BestKnown {
        objective: f64,
        gap: f64,
        by: String,
    },
    /// Answers that ended with a proof disagree (or none found anything): not certified.
    Disagree,
}

impl Certificate {
    /// What the answers establish together.
    pub fn finding(&self) -> Finding {
        let proven: Vec<&Answer> = self
            .answers
            .iter()
            .filter(|a| a.status == "optimal" || a.status == "infeasible")
            .collect();
        if let Some(first) = proven.first() {
            let diff = proven
                .iter()
                .map(|a| match (a.objective, first.objective) {
                    _ if a.status != first.status => f64::INFINITY,
                    (Some(x), Some(y)) => (x - y).abs() / y.abs().max(1.0),
                    (None, None) => 0.0,
                    _ => f64::INFINITY,
                })
                .fold(0.0, f64::max);
            return if diff <= AGREEMENT {
                Finding::Proven {
                    status: first.status.clone(),
                    objective: first.objective,
                    by: proven.iter().map(|a| a.solver.clone()).collect(),
                    max_rel_diff: diff,
                }
            } else {
                Finding::Disagree
            };
        }
        let best = self
            .answers
            .iter()
            .filter_map(|a| Some((a.objective?, a.solver.as_str())))
            .max_by(|x, y| x.0.total_cmp(&y.0));
        let gap = self
            .answers
            .iter()
            .filter_map(|a| a.mip_gap)
            .fold(f64::INFINITY, f64::min);
        match best {
            Some((objective, by)) if gap.is_finite() => Finding::BestKnown {
                objective,
                gap,
                by: by.to_string(),
            },
            _ => Finding::Disagree,
        }
    }
}

/// Relative agreement the backends must reach.
pub const AGREEMENT: f64 = 1e-6;
/// microlp (exact simplex, branch and bound) certifies LPs up to this many columns, and
/// MIPs up to [`MICROLP_MAX_MIP_COLUMNS`]: on the 1/10 miniature in whole-unit mode
/// (about 2,900 columns, 350 binaries) its branch and bound grew past 10 GB, and at a zero
/// gap HiGHS took 47 s and CBC did not finish in 120 s, so the family's one MIP is the 1/20.
pub const MICROLP_MAX_COLUMNS: usize = 6_000;
pub const MICROLP_MAX_MIP_COLUMNS: usize = 1_500;

/// Solve `instance` under `model` with HiGHS (dual simplex and, for an LP, interior point),
/// microlp when the programme is small enough, and each of the `extra` backends this build
/// has (Clarabel for LPs only; CBC for both, MIPs to a zero gap), each within `time_limit`
/// seconds when given; every answer passes the independent check (an error otherwise). The
/// certificate's [`Certificate::finding`] says what they establish together.
pub fn certify(
    instance: &Instance,
    model: &PolicyModel,
    extra: &[Backend],
    time_limit: Option<f64>,
) -> Result<Certificate> {
    let mip = model.whole_unit.enabled;
    let base = SolveOptions {
        sensitivity: false,
        mip_rel_gap: mip.then_some(0.0),
        time_limit_s: time_limit,
        ..SolveOptions::default()
    };
    let mut runs = vec![(
        "highs:simplex",
        SolveOptions {
            method: Method::Simplex,
            ..base.clone()
        },
    )];
    if !mip {
        runs.push((
            "highs:ipm",
            SolveOptions {
                method: Method::Ipm,
                ..base.clone()
            },
        ));
    }
    let p = crate::run::Prepared::prepare(instance, model, "model")?.programme;
    let (size, integers) = (p.size(), p.col_integer.iter().filter(|&&b| b).count());
    let microlp_max = if mip {
        MICROLP_MAX_MIP_COLUMNS
    } else {
        MICROLP_MAX_COLUMNS
    };
    if size.columns <= microlp_max {
        runs.push((
            "microlp",
            SolveOptions {
                backend: Backend::Microlp,
                ..base.clone()
            },
        ));
    }
    for &b in extra {
        // Clarabel solves LPs only; it takes no time limit
        if b == Backend::Clarabel && mip {
            continue;
        }
        runs.push((
            b.as_str(),
            SolveOptions {
                backend: b,
                ..base.clone()
            },
        ));
    }
    let mut answers = Vec::new();
    for (solver, mut o) in runs {
        // a backend that takes no time limit or no gap runs without (it would refuse them;
        // microlp's branch and bound proves its optimum, a zero gap)
        let can = o.backend.capabilities();
        if !can.time_limit {
            o.time_limit_s = None;
        }
        if !can.mip_gap {
            o.mip_rel_gap = None;
        }
        let r = run(instance, model, "model", &o)?;
        answers.push(Answer {
            solver: solver.into(),
            status: r.solution.status.to_string(),
            objective: r
                .solution
                .objective
                .filter(|_| r.solution.status.has_solution()),
            mip_gap: r.solution.mip_gap,
            seconds: r.solution.solve_seconds,
        });
    }
    Ok(Certificate {
        answers,
        columns: size.columns,
        rows: size.rows,
        nonzeros: size.nonzeros,
        integers,
    })
}
