//! A certified family of instances for researchers: miniatures of the Beijing instance at
//! 1/20, 1/10, 1/5 and 1/2 of its records, each under the built-in model scaled to it and in
//! variants of growing hardness (linkage on or off, whole-unit on or off, tight and loose
//! targets, one infeasible), with each optimum certified by backends that agree.
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
        }
    }
}

/// One case: a miniature (1/`keep_every` of Beijing) under a variant of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Case {
    pub keep_every: usize,
    pub variant: Variant,
}

impl Case {
    /// `m20-plan`, `m10-whole-unit` ...
    pub fn name(&self) -> String {
        format!("m{}-{}", self.keep_every, self.variant.as_str())
    }
    /// The directory of its instance, relative to the family's.
    pub fn instance_dir(&self) -> String {
        format!("m{}", self.keep_every)
    }
    /// Its model file, relative to the family's directory.
    pub fn model_file(&self) -> String {
        format!("models/{}.toml", self.name())
    }
}

/// The miniatures' sizes: 1/k of Beijing's records.
pub const SIZES: [usize; 4] = [20, 10, 5, 2];

/// The family's cases, smallest first.
pub fn cases() -> Vec<Case> {
    use Variant::*;
    let c = |keep_every, variant| Case {
        keep_every,
        variant,
    };
    vec![
        c(20, Plan),
        c(20, NoLinkage),
        c(20, WholeUnit),
        c(10, Plan),
        c(10, Tight),
        c(10, Loose),
        c(10, Infeasible),
        c(5, Plan),
        c(5, NoLinkage),
        c(2, Plan),
    ]
}

/// The miniature of the Beijing instance (generated with `seed`) keeping every
/// `keep_every`-th record.
pub fn miniature(seed: u64, keep_every: usize) -> std::result::Result<Generated, String> {
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
    let r = Records {
        manifest: m,
        units: keep(full.units, k),
        sites: keep(full.sites, k),
        projects: keep(full.projects, k),
    };
    r.write(&format!(
        "# A miniature of the Beijing 2011-2015 instance (1/{k}), generated by `stockland generate --family --seed {seed}`.\n# Do not edit by hand: regenerate.\n\n"
    ))
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

/// The model of `case`, as TOML text: the built-in model scaled to the miniature and varied.
pub fn model(case: &Case) -> std::result::Result<String, String> {
    let mut t: toml::Table = toml::from_str(super::MODEL).map_err(|e| e.to_string())?;
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
    if case.variant == Variant::WholeUnit {
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
        Variant::Plan | Variant::WholeUnit => {}
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
        "# Family case {}: generated by `stockland generate --family` from models/beijing-12th-fyp.toml\n# (every area divided by {}). Do not edit by hand: regenerate.\n\n{text}",
        case.name(),
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
}

/// A case's certificate: every answer, and whether they agree.
#[derive(Debug, Clone, PartialEq)]
pub struct Certificate {
    pub answers: Vec<Answer>,
    /// Largest relative difference of an objective from the first answer's.
    pub max_rel_diff: f64,
    pub columns: usize,
    pub rows: usize,
    pub nonzeros: usize,
    pub integers: usize,
}

impl Certificate {
    /// Whether two or more answers agree: the same status, objectives within [`AGREEMENT`].
    pub fn agrees(&self) -> bool {
        self.answers.len() >= 2 && self.max_rel_diff <= AGREEMENT
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
/// has (Clarabel for LPs only; CBC for both, MIPs to a zero gap); every answer passes the
/// independent check (an error otherwise). The certificate holds whether they agree: the
/// same status and objectives within [`AGREEMENT`].
pub fn certify(instance: &Instance, model: &PolicyModel, extra: &[Backend]) -> Result<Certificate> {
    let mip = model.whole_unit.enabled;
    let base = SolveOptions {
        sensitivity: false,
        mip_rel_gap: mip.then_some(0.0),
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
    for (solver, o) in runs {
        let r = run(instance, model, "model", &o)?;
        answers.push(Answer {
            solver: solver.into(),
            status: r.solution.status.to_string(),
            objective: r
                .solution
                .objective
                .filter(|_| r.solution.status.has_solution()),
        });
    }
    let first = &answers[0];
    let max_rel_diff = answers
        .iter()
        .map(|a| match (a.objective, first.objective) {
            (Some(x), Some(y)) => (x - y).abs() / y.abs().max(1.0),
            (None, None) if a.status == first.status => 0.0,
            _ => f64::INFINITY,
        })
        .fold(0.0, f64::max);
    Ok(Certificate {
        answers,
        max_rel_diff,
        columns: size.columns,
        rows: size.rows,
        nonzeros: size.nonzeros,
        integers,
    })
}
