//! The programme in time ([`crate::policy::years`]): the year columns of every decision
//! column with their `phase[...]` rows and their discounting, and the linear form of what is
//! done in a year ([`Activity`]) on them, for the rules stated by year.

use super::columns::{Cols, NONE};
use super::sparse::{Builder, ColumnKey, RowName};
use crate::instance::uses::LandUse;
use crate::instance::{ConsolidationProject, Instance, Site, StockUnit};
use crate::network::LinkageNetwork;
use crate::policy::{Activity, Level, PolicyModel};

/// The later-year columns of the decision columns.
pub(super) struct Phases {
    /// The first of a decision column's T − 1 later-year columns, by column index (NONE:
    /// not phased).
    start: Vec<u32>,
    /// Each decision column's own upper bound, now the row `bound[j]` (∞: none).
    upper: Vec<f64>,
}

impl Phases {
    /// Decision column `j` in year index `t`: `j` itself for the first year (and for a
    /// column without years), its later-year column otherwise.
    pub fn at(&self, j: u32, t: usize) -> u32 {
        match self.start.get(j as usize) {
            Some(&s) if s != NONE && t > 0 => s + t as u32 - 1,
            _ => j,
        }
    }
    /// Whether decision column `j` has later years.
    pub fn phased(&self, j: u32) -> bool {
        self.start.get(j as usize).is_some_and(|&s| s != NONE)
    }
    /// Decision column `j`'s own upper bound on the sum of its years.
    pub fn upper(&self, j: u32) -> f64 {
        self.upper.get(j as usize).copied().unwrap_or(f64::INFINITY)
    }
}

/// The years of every decision column (`x[u,k]`, `y[s,k]`, `c[p]`, flows), when the model
/// has more than one year: the column becomes its first year's part, and T − 1 columns
/// `x@t` the later years' parts, each with the column's coefficient and, with a discount
/// rate, m·(d_t − 1) more, m the money of one km² of the decision (value − cost, weighted),
/// so that the objective counts m·d_t per km² done in year t (penalties, benefit criteria
/// and the linkage's transfer cost are not discounted). From here on every row that adds the
/// decision column adds all its years ([`Builder::add`]): the rules stated for the period
/// keep their meaning. A column's own upper bound becomes a row `bound[j]` on the sum of its
/// years.
pub(super) fn phase_columns(
    inst: &Instance,
    model: &PolicyModel,
    cols: &mut Cols,
    b: &mut Builder,
) {
    let Some(years) = model.phased_years().copied() else {
        return;
    };
    let vw = model.objective.effective_value_weight();
    let cw = model.objective.cost_weight;
    let money = |key: ColumnKey| match key {
        ColumnKey::Alloc { unit, land_use } => inst.units[unit as usize].uses[land_use.index()]
            .map_or(0.0, |e| vw * e.value - cw * e.cost),
        ColumnKey::Build { site, land_use } => inst.sites[site as usize].uses[land_use.index()]
            .map_or(0.0, |e| vw * e.value - cw * e.cost),
        ColumnKey::Consolidate { project } => -cw * inst.projects[project as usize].cost,
        _ => 0.0,
    };
    let n = b.num_cols() as u32;
    let later = years.count() as u32 - 1;
    let mut start = vec![NONE; n as usize];
    let mut own = vec![f64::INFINITY; n as usize];
    let mut bounded = Vec::new();
    for j in 0..n {
        let key = b.key(j);
        if !matches!(
            key,
            ColumnKey::Alloc { .. }
                | ColumnKey::Build { .. }
                | ColumnKey::Consolidate { .. }
                | ColumnKey::Flow { .. }
                | ColumnKey::PoolFlow { .. }
        ) {
            continue;
        }
        let (m, c) = (money(key), b.cost(j));
        let (_, upper) = b.col_bounds(j);
        own[j as usize] = upper;
        if upper.is_finite() {
            bounded.push((j, upper));
            b.set_upper(j, f64::INFINITY);
        }
        start[j as usize] = b.num_cols() as u32;
        for t in 1..years.count() {
            let key = ColumnKey::Year {
                column: j,
                t: t as u16,
                year: years.year(t),
            };
            b.column(key, 0.0, f64::INFINITY, c + m * (years.discount(t) - 1.0));
        }
        b.set_later_years(j, start[j as usize], later);
    }
    for (j, upper) in bounded {
        b.begin_row(RowName::Phase(j), f64::NEG_INFINITY, upper, 0.0, None);
        b.add(j, 1.0);
        b.end_row();
    }
    cols.phases = Some(Phases { start, upper: own });
}

/// Coefficients per km² of a linear form over one year's decisions.
pub(super) struct Form<'f> {
    pub unit: &'f dyn Fn(&StockUnit, LandUse) -> f64,
    pub site: &'f dyn Fn(&Site, LandUse) -> f64,
    pub project: &'f dyn Fn(&ConsolidationProject) -> f64,
    pub quota: f64,
}

impl Form<'_> {
    /// The form of activity `a`.
    pub fn of(a: Activity, f: impl FnOnce(&Form<'_>)) {
        f(&Form {
            unit: &|u, k| a.unit(u, k),
            site: &|s, k| a.site(s, k),
            project: &|_| a.project(),
            quota: a.quota(),
        })
    }
    /// The form of level `l`'s change.
    pub fn of_level(l: Level, f: impl FnOnce(&Form<'_>)) {
        f(&Form {
            unit: &|u, k| l.unit(u, k),
            site: &|s, k| l.site(s, k),
            project: &|_| l.project(),
            quota: 0.0,
        })
    }
}

/// Push the terms of `form` in year index `t` (the decision columns' year `t` parts) over
/// the units, sites, projects and quota (by the receiving site) of the districts `here`
/// takes.
pub(super) fn year_terms(
    inst: &Instance,
    cols: &Cols,
    net: Option<&LinkageNetwork>,
    form: &Form<'_>,
    t: usize,
    here: &dyn Fn(usize) -> bool,
    out: &mut Vec<(u32, f64)>,
) {
    for (ui, u) in inst.units.iter().enumerate() {
        if !here(u.district) {
            continue;
        }
        for k in inst.uses.iter() {
            if let Some(j) = cols.unit_use(ui, k) {
                let coef = (form.unit)(u, k);
                if coef != 0.0 {
                    out.push((cols.at(j, t), coef));
                }
            }
        }
    }
    for (si, s) in inst.sites.iter().enumerate() {
        if !here(s.district) {
            continue;
        }
        for k in inst.uses.construction() {
            let coef = (form.site)(s, k);
            if let Some(j) = cols.site_use(si, k).filter(|_| coef != 0.0) {
                out.push((cols.at(j, t), coef));
            }
        }
    }
    for (pi, p) in inst.projects.iter().enumerate() {
        let coef = (form.project)(p);
        if coef != 0.0 && here(p.district) {
            out.push((cols.at(cols.project[pi], t), coef));
        }
    }
    if let (Some(net), true) = (net, form.quota != 0.0) {
        for (e, edge) in net.edges.iter().enumerate() {
            match cols.flow.get(e) {
                Some(&j) if here(inst.sites[edge.site as usize].district) => {
                    out.push((cols.at(j, t), form.quota))
                }
                _ => {}
            }
        }
    }
}
