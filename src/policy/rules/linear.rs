//! `linear`: the model's own rules, each a linear inequality on named sums of the plan
//! (规划自定义约束): "orchards at most 30 % of slope land", "industrial land in zone X at most
//! twice the residential", "at least 99 ha of terraces".
//!
//! The family among the whole programme (sets, variables, objective, every family):
//! `docs/formulation.md#linear`.

/// The family's planning name, as a plan writes it.
pub const NAME: super::PlanningName = super::PlanningName {
    en: "the plan's own rule",
    zh: "自定义约束",
};

use super::{yes, Family, Mode, Validator};
use crate::instance::{Instance, Site, SiteKind, StockUnit, UnitKind};
use crate::instance::uses::{LandUse, Role, UseGroup, UseRef};
use crate::policy::{Name, Place, RowRef, RuleId};
use serde::{Deserialize, Serialize};

/// `linear[id]`: Σ_t coefficient_t · amount_t  (≤ | ≥ | =)  bound, one row per rule.
///
/// An amount is a sum over the records its filters select:
/// - `area` (the default): Σ `x[u,k]` + Σ `y[s,k]` over the selected units and sites and uses;
/// - `stock`: Σ `x[u,k]` over the selected units only; `new`: Σ `y[s,k]` over the selected sites;
/// - `current_area`: Σ area(u) of the selected units — a constant, moved to the bound;
/// - `quota`: Σ `f[u>s]`, the linkage quota sent by the selected units (needs the linkage);
/// - `consolidation`: Σ `c[p]`, new arable of the consolidation projects selected by `zones`,
///   `districts` or `ids`;
/// - `arable_change`: the change of arable land over the period at the selected places,
///   Σ `x[u,arable]` + Σ `c[p]` − Σ a_s Σ_k `y[s,k]` (reclaimed at units, consolidated by projects,
///   occupied by construction at sites, `a_s` the site's arable share): a district's arable
///   responsibility (耕地保护责任) as a rule.
///
/// Filters, each a list, all optional: a record is selected when it matches every filter
/// given, and a filter when the record matches any of its entries. `uses` (the instance's
/// use ids), `roles` (`arable`, `ecological` …) and `groups` select uses (none given: every
/// use); `zones`, `districts`, `ids` and `kinds` (unit or
/// site kinds) select places; `flags` (`in_town`, `in_redline`, `in_basic_farmland_area`,
/// or `not_` before one) and `tags` (the units table's `tags` column) select units — a
/// term with either selects no site.
///
/// Each rule may be soft on its own (`mode`, `penalty`); the family's `mode` and `penalty`
/// are the default of its rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Linear {
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub rules: Vec<LinearRule>,
}

/// One rule of the model's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinearRule {
    /// The rule's id: the row is `linear[id]` in the programme, the prices and every report.
    pub id: String,
    /// The plan's sentence the rule states (quoted in reports).
    #[serde(default)]
    pub source: String,
    /// `<=`, `>=` or `=`.
    pub relation: Relation,
    #[serde(default)]
    pub bound: f64,
    /// Hard or soft, when it differs from the family's.
    #[serde(default)]
    pub mode: Option<Mode>,
    #[serde(default)]
    pub penalty: Option<f64>,
    pub terms: Vec<Term>,
}

/// How a rule's sum relates to its bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    #[serde(rename = "<=")]
    AtMost,
    #[serde(rename = ">=")]
    AtLeast,
    #[serde(rename = "=")]
    Equal,
}

/// What a term sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Amount {
    /// Allocated area, at units and sites.
    #[default]
    Area,
    /// Allocated area at units.
    Stock,
    /// New construction at sites.
    New,
    /// The selected units' present area (a constant).
    CurrentArea,
    /// Linkage quota sent by the selected units.
    Quota,
    /// New arable from the selected consolidation projects.
    Consolidation,
    /// Arable reclaimed and consolidated minus arable occupied, at the selected places.
    ArableChange,
}

impl Amount {
    pub fn as_str(self) -> &'static str {
        match self {
            Amount::Area => "area",
            Amount::Stock => "stock",
            Amount::New => "new",
            Amount::CurrentArea => "current_area",
            Amount::Quota => "quota",
            Amount::Consolidation => "consolidation",
            Amount::ArableChange => "arable_change",
        }
    }
    fn units(self) -> bool {
        matches!(
            self,
            Amount::Area
                | Amount::Stock
                | Amount::CurrentArea
                | Amount::Quota
                | Amount::ArableChange
        )
    }
    fn sites(self) -> bool {
        matches!(self, Amount::Area | Amount::New | Amount::ArableChange)
    }
    /// The filters the amount does not select by (refused when given).
    fn ignores(self) -> &'static [&'static str] {
        match self {
            Amount::Consolidation => &["uses", "roles", "groups", "kinds", "flags", "tags"],
            Amount::CurrentArea | Amount::Quota | Amount::ArableChange => {
                &["uses", "roles", "groups"]
            }
            Amount::Area | Amount::Stock | Amount::New => &[],
        }
    }
}

/// A unit flag a term may select on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    InTown,
    NotInTown,
    InRedline,
    NotInRedline,
    InBasicFarmlandArea,
    NotInBasicFarmlandArea,
}

impl Flag {
    fn holds(self, u: &StockUnit) -> bool {
        match self {
            Flag::InTown => u.in_town,
            Flag::NotInTown => !u.in_town,
            Flag::InRedline => u.in_redline,
            Flag::NotInRedline => !u.in_redline,
            Flag::InBasicFarmlandArea => u.in_basic_farmland_area,
            Flag::NotInBasicFarmlandArea => !u.in_basic_farmland_area,
        }
    }
}

/// One term: `coefficient × amount` over the records its filters select.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    #[serde(default = "one")]
    pub coefficient: f64,
    #[serde(default)]
    pub amount: Amount,
    #[serde(default)]
    pub uses: Vec<UseRef>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub groups: Vec<UseGroup>,
    #[serde(default)]
    pub zones: Vec<String>,
    #[serde(default)]
    pub districts: Vec<String>,
    #[serde(default)]
    pub ids: Vec<String>,
    #[serde(default)]
    pub kinds: Vec<String>,
    #[serde(default)]
    pub flags: Vec<Flag>,
    #[serde(default)]
    pub tags: Vec<String>,
}

fn one() -> f64 {
    1.0
}

fn any_or<T>(list: &[T], f: impl Fn(&T) -> bool) -> bool {
    list.is_empty() || list.iter().any(f)
}

impl Term {
    /// Whether the term counts use `k`.
    pub fn counts(&self, k: LandUse) -> bool {
        any_or(&self.uses, |u| u.is(k))
            && any_or(&self.roles, |&r| k.is(r))
            && any_or(&self.groups, |g| g.contains(k))
    }
    fn place(&self, inst: &Instance, id: &str, district: usize) -> bool {
        let d = &inst.districts[district];
        any_or(&self.ids, |i| i == id)
            && any_or(&self.districts, |x| *x == d.id)
            && any_or(&self.zones, |z| *z == inst.zones[d.zone].id)
    }
    /// Whether the term selects unit `u` (for an amount that sums over units).
    pub fn selects_unit(&self, inst: &Instance, u: &StockUnit) -> bool {
        self.amount.units()
            && self.place(inst, &u.id, u.district)
            && any_or(&self.kinds, |k| k == u.kind.as_str())
            && self.flags.iter().all(|f| f.holds(u))
            && any_or(&self.tags, |t| u.tags.contains(t))
    }
    /// Whether the term selects site `s` (a term with flags or tags selects none).
    pub fn selects_site(&self, inst: &Instance, s: &Site) -> bool {
        self.amount.sites()
            && self.flags.is_empty()
            && self.tags.is_empty()
            && self.place(inst, &s.id, s.district)
            && any_or(&self.kinds, |k| k == s.kind.as_str())
    }
    /// Whether the term selects consolidation project `p` (by index).
    pub fn selects_project(&self, inst: &Instance, p: usize) -> bool {
        let p = &inst.projects[p];
        matches!(self.amount, Amount::Consolidation | Amount::ArableChange)
            && self.flags.is_empty()
            && self.tags.is_empty()
            && self.kinds.is_empty()
            && self.place(inst, &p.id, p.district)
    }
    /// The constant part: coefficient × the selected units' present area.
    pub fn constant(&self, inst: &Instance) -> f64 {
        if self.amount != Amount::CurrentArea {
            return 0.0;
        }
        let area: f64 = inst
            .units
            .iter()
            .filter(|u| self.selects_unit(inst, u))
            .map(|u| u.area_km2)
            .sum();
        self.coefficient * area
    }
}

impl LinearRule {
    /// The rule's row.
    pub fn row(&self) -> RowRef {
        RowRef::at(RuleId::Linear, Place::Named(Name::new(&self.id)))
    }
    /// Bounds on the rule's sum.
    pub fn bounds(&self) -> (f64, f64) {
        match self.relation {
            Relation::AtMost => (f64::NEG_INFINITY, self.bound),
            Relation::AtLeast => (self.bound, f64::INFINITY),
            Relation::Equal => (self.bound, self.bound),
        }
    }
    /// The constant part of the sum (the `current_area` terms).
    pub fn constant(&self, inst: &Instance) -> f64 {
        self.terms.iter().map(|t| t.constant(inst)).sum()
    }
    /// The penalty per unit of violation when soft (the rule's own mode, else the
    /// family's), `None` when hard.
    pub fn soft_penalty(&self, family: &Linear) -> Option<f64> {
        match self.mode.unwrap_or(family.mode) {
            Mode::Hard => None,
            Mode::Soft => Some(self.penalty.or(family.penalty).unwrap_or(0.0)),
        }
    }
}

impl Family for Linear {
    fn enabled(&self) -> bool {
        self.enabled
    }
    fn mode(&self) -> Mode {
        self.mode
    }
    fn penalty(&self) -> Option<f64> {
        self.penalty
    }
    fn make_soft(&mut self, penalty: f64) {
        self.mode = Mode::Soft;
        self.penalty = Some(penalty);
        // every rule takes the family's: the elastic diagnosis prices all alike
        for r in &mut self.rules {
            r.mode = None;
            r.penalty = None;
        }
    }
    fn validate(&self, v: &mut Validator<'_>) {
        if self.rules.is_empty() {
            v.push("rules", "expected at least one rule ([[rules.linear.rules]])");
        }
        for (i, r) in self.rules.iter().enumerate() {
            let at = format!("rules[{i}]");
            validate_rule(self, r, &at, v);
            if self.rules[..i].iter().any(|o| o.id == r.id) {
                v.push(&format!("{at}.id"), format!("rule id `{}` is given twice: expected each rule's id once", r.id));
            }
        }
    }
}

fn validate_rule(family: &Linear, r: &LinearRule, at: &str, v: &mut Validator<'_>) {
    if r.id.is_empty() || !r.id.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
        v.push(
            &format!("{at}.id"),
            format!("expected an id of letters, digits, `_` or `-`, found `{}`", r.id),
        );
    }
    if !(r.bound.is_finite() && r.bound.abs() <= 1e12) {
        v.push(&format!("{at}.bound"), format!("expected a number within ±10¹², found {}", r.bound));
    }
    match (r.mode.unwrap_or(family.mode), r.penalty.or(family.penalty)) {
        (Mode::Soft, None) => v.push(
            &format!("{at}.penalty"),
            "a soft rule needs a penalty (million yuan per unit of violation)",
        ),
        (_, Some(p)) if !p.is_finite() || p < 0.0 => v.push(
            &format!("{at}.penalty"),
            format!("expected a finite penalty ≥ 0, found {p}"),
        ),
        _ => {}
    }
    if r.terms.is_empty() {
        v.push(&format!("{at}.terms"), "expected at least one term");
    }
    for (j, t) in r.terms.iter().enumerate() {
        validate_term(t, &format!("{at}.terms[{j}]"), v);
    }
}

fn validate_term(t: &Term, at: &str, v: &mut Validator<'_>) {
    if !(t.coefficient.is_finite() && t.coefficient != 0.0 && t.coefficient.abs() <= 1e6) {
        v.push(
            &format!("{at}.coefficient"),
            format!("expected a non-zero coefficient within ±10⁶ (a matrix entry the solver can trust), found {}", t.coefficient),
        );
    }
    v.uses(&format!("{at}.uses"), &t.uses);
    let given = [
        ("uses", !t.uses.is_empty()),
        ("roles", !t.roles.is_empty()),
        ("groups", !t.groups.is_empty()),
        ("kinds", !t.kinds.is_empty()),
        ("flags", !t.flags.is_empty()),
        ("tags", !t.tags.is_empty()),
    ];
    for (field, _) in given
        .iter()
        .filter(|(f, g)| *g && t.amount.ignores().contains(f))
    {
        v.push(
            &format!("{at}.{field}"),
            format!("`amount = \"{}\"` does not select by this: expected it left out", t.amount.as_str()),
        );
    }
    for k in &t.kinds {
        let known = UnitKind::ALL.iter().any(|u| u.as_str() == k)
            || SiteKind::ALL.iter().any(|s| s.as_str() == k);
        if !known {
            let names: Vec<&str> = UnitKind::ALL
                .iter()
                .map(|u| u.as_str())
                .chain(SiteKind::ALL.iter().map(|s| s.as_str()))
                .collect();
            v.push(
                &format!("{at}.kinds"),
                format!("unknown kind `{k}`: expected one of {}", names.join(", ")),
            );
        }
    }
    let Some(inst) = v.instance() else { return };
    let unknown_zones: Vec<&String> = t.zones.iter().filter(|z| inst.zone_index(z).is_none()).collect();
    let unknown_districts: Vec<&String> = t
        .districts
        .iter()
        .filter(|d| !inst.districts.iter().any(|x| x.id == **d))
        .collect();
    let unknown_ids: Vec<&String> = t
        .ids
        .iter()
        .filter(|i| {
            !inst.units.iter().any(|u| u.id == **i)
                && !inst.sites.iter().any(|s| s.id == **i)
                && !inst.projects.iter().any(|p| p.id == **i)
        })
        .collect();
    let unknown_tags: Vec<&String> = t
        .tags
        .iter()
        .filter(|g| !inst.units.iter().any(|u| u.tags.contains(g)))
        .collect();
    let mut named = false;
    for (field, unknown, what) in [
        ("zones", unknown_zones, "zone"),
        ("districts", unknown_districts, "district"),
        ("ids", unknown_ids, "unit, site or project id"),
        ("tags", unknown_tags, "tag of any unit"),
    ] {
        for u in unknown {
            named = true;
            v.push(
                &format!("{at}.{field}"),
                format!("`{u}` is no {what} of the instance"),
            );
        }
    }
    if !named && matches(inst, t) == 0 {
        v.push(
            at,
            format!(
                "the term selects nothing on this instance (amount `{}`{}): expected filters that select some {}",
                t.amount.as_str(),
                if t.uses.is_empty() && t.roles.is_empty() && t.groups.is_empty() { String::new() } else { ", with its uses, roles and groups".into() },
                match t.amount {
                    Amount::Consolidation => "consolidation project",
                    Amount::ArableChange => "unit offering arable, site on arable or consolidation project",
                    Amount::CurrentArea | Amount::Quota => "unit",
                    Amount::Stock => "unit offering one of its uses",
                    Amount::New => "site offering one of its uses",
                    Amount::Area => "unit or site offering one of its uses",
                }
            ),
        );
    }
}

/// How many (record, use) pairs (or records, for amounts without uses) the term selects.
fn matches(inst: &Instance, t: &Term) -> usize {
    let offered = |uses: &[Option<crate::instance::Economics>]| {
        inst.uses
            .iter()
            .filter(|&k| t.counts(k) && uses[k.index()].is_some())
            .count()
    };
    match t.amount {
        Amount::Consolidation => (0..inst.projects.len())
            .filter(|&p| t.selects_project(inst, p))
            .count(),
        Amount::ArableChange => {
            let units = inst
                .units
                .iter()
                .filter(|u| {
                    t.selects_unit(inst, u)
                        && inst.uses.with_role(Role::Arable).any(|k| u.uses[k.index()].is_some())
                })
                .count();
            let sites = inst
                .sites
                .iter()
                .filter(|s| t.selects_site(inst, s) && s.arable_share > 0.0)
                .count();
            let projects = (0..inst.projects.len())
                .filter(|&p| t.selects_project(inst, p))
                .count();
            units + sites + projects
        }
        Amount::CurrentArea | Amount::Quota => {
            inst.units.iter().filter(|u| t.selects_unit(inst, u)).count()
        }
        _ => {
            let units: usize = inst
                .units
                .iter()
                .filter(|u| t.selects_unit(inst, u))
                .map(|u| offered(&u.uses))
                .sum();
            let sites: usize = inst
                .sites
                .iter()
                .filter(|s| t.selects_site(inst, s))
                .map(|s| offered(&s.uses))
                .sum();
            units + sites
        }
    }
}
