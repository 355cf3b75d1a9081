//! The programme: the only place that builds LP rows. [`build`] states an instance under a
//! policy model as a [`Programme`]: the columns (`columns`), the accounting totals, then
//! the rows of every enabled family in registry order, one file per family under `rows/`.
//! Each rule row is named by a typed [`RowRef`](crate::policy::RowRef); [`decode`] maps a
//! solver's [`Outcome`](crate::solution::Outcome) back to the instance as a
//! [`Solution`](crate::solution::Solution).

pub mod aggregate;
mod columns;
pub mod criterion;
mod decode;
pub mod export;
mod locks;
mod past;
mod phases;
mod rows;
pub mod sparse;

pub use aggregate::{Aggregation, AggregationSummary};
pub use decode::decode;
pub use locks::LockPlace;
pub use sparse::{Builder, ColumnKey, Numerics, Programme, ProgrammeSize, RowName, Span, Total};

use crate::instance::Instance;
use crate::network::LinkageNetwork;
use crate::policy::{active, PolicyModel};

/// State `instance` under `model` as a programme (maximise net benefit), building the
/// linkage network when the model has the linkage.
pub fn build(inst: &Instance, model: &PolicyModel) -> Programme {
    let net = active(&model.rules.linkage_balance).map(|r| LinkageNetwork::build(inst, r));
    build_with(inst, model, net.as_ref())
}

/// [`build`] with a linkage network built beforehand (`None` when the linkage is off).
pub fn build_with(inst: &Instance, model: &PolicyModel, net: Option<&LinkageNetwork>) -> Programme {
    build_locked(inst, model, net, &[])
        .expect("no locks, nothing to refuse")
        .0
}

/// [`build_with`] with decisions locked (see [`crate::plan::Lock`]), and where each lock
/// lives (a column's bounds or a row of its own; `None` for a column the programme does not
/// have, locked at 0). A lock holding above 0 a column the programme does not have is
/// refused.
pub fn build_locked(
    inst: &Instance,
    model: &PolicyModel,
    net: Option<&LinkageNetwork>,
    locks: &[crate::plan::Lock],
) -> crate::error::Result<(Programme, Vec<Option<LockPlace>>)> {
    build_replan(inst, model, net, locks, None)
}

/// [`build_locked`] re-planning from `past` when given ([`crate::plan::Past`]): its
/// observations as `actual[...]` rows, its re-based levels as `rebase[...]` columns.
pub fn build_replan(
    inst: &Instance,
    model: &PolicyModel,
    net: Option<&LinkageNetwork>,
    locks: &[crate::plan::Lock],
    past: Option<&crate::plan::Past>,
) -> crate::error::Result<(Programme, Vec<Option<LockPlace>>)> {
    let mut b = Builder::new();
    let mut cols = columns::columns(inst, model, &mut b);
    if let Some(net) = net {
        columns::linkage_columns(inst, model, net, &mut cols, &mut b);
    }
    phases::phase_columns(inst, model, &mut cols, &mut b);
    let rebase = past::rebase_columns(model, past, &mut b);
    columns::define_totals(inst, &cols, &mut b);
    let mut ctx = rows::Ctx {
        inst,
        model,
        net,
        cols,
        b,
        rebase,
    };
    rows::all(&mut ctx);
    if let Some(past) = past {
        past::rows(inst, model, net, &ctx.cols, &rebase, past, &mut ctx.b);
    }
    let places = locks::apply(inst, &ctx.cols, &mut ctx.b, locks)?;
    let mut p = ctx.b.finish();
    p.years = model.phased_years().copied();
    if let Some(net) = net.filter(|n| n.pools.iter().any(|p| p.units.len() > 1)) {
        p.pools = net.pools.clone();
        if let (Some(y), Some(l)) = (
            model.phased_years(),
            crate::policy::active(&model.rules.linkage_balance),
        ) {
            let deadline = crate::policy::active(&model.rules.turnover_quota)
                .map_or(y.count(), |q| q.deadline_years as usize);
            p.quota_years = Some(sparse::QuotaYears {
                ratio: l.ratio,
                deadline_years: deadline,
            });
        }
    }
    Ok((p, places))
}

/// Largest magnitude of a coefficient, cost or finite bound handed to a solver. HiGHS takes
/// 10²⁰ for infinity and warns about values far below it; inputs within their documented
/// ranges stay many orders of magnitude under this.
pub const MAX_MAGNITUDE: f64 = 1e12;

/// Refuse, before solving, a programme holding numbers a solver cannot handle (not finite,
/// or beyond [`MAX_MAGNITUDE`]): an input problem, named by row and column.
pub fn check_numbers(inst: &Instance, p: &Programme) -> crate::error::Result<()> {
    let bad = |v: f64| !v.is_finite() || v.abs() > MAX_MAGNITUDE;
    let bad_bound = |v: f64| v.is_nan() || (v.is_finite() && v.abs() > MAX_MAGNITUDE);
    let mut problems = Vec::new();
    let mut report = |record: String, field: &str, v: f64| {
        if problems.len() < 20 {
            problems.push(crate::error::Problem::new(
                "programme",
                record,
                field,
                format!("{v:e} is beyond what a solver handles (|v| ≤ {MAX_MAGNITUDE:e}): check the input numbers that make it"),
            ));
        }
    };
    for j in 0..p.num_cols() {
        let col = || column_label(inst, p, &p.columns[j]);
        if bad(p.col_cost[j]) {
            report(col(), "objective coefficient", p.col_cost[j]);
        }
        for (field, v) in [
            ("lower bound", p.col_lower[j]),
            ("upper bound", p.col_upper[j]),
        ] {
            if bad_bound(v) {
                report(col(), field, v);
            }
        }
        for k in p.col_start[j]..p.col_start[j + 1] {
            if bad(p.value[k]) {
                let row = row_label(inst, &p.rows[p.row_index[k] as usize]);
                report(format!("{row}, {}", col()), "coefficient", p.value[k]);
            }
        }
    }
    for r in 0..p.num_rows() {
        for (field, v) in [
            ("lower bound", p.row_lower[r]),
            ("upper bound", p.row_upper[r]),
        ] {
            if bad_bound(v) {
                report(row_label(inst, &p.rows[r]), field, v);
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(crate::error::Error::input(problems))
    }
}

/// The printed name of a row: `rule_id`, `rule_id[key]` or `total[...]`.
pub fn row_label(instance: &Instance, name: &RowName) -> String {
    match name {
        RowName::Rule(r) => r.label(instance),
        RowName::Total(t) => format!("total[{}]", total_key(instance, t)),
        RowName::Lock(i) => format!("lock[{i}]"),
        RowName::Phase(j) => format!("bound[{j}]"),
        RowName::Actual {
            year,
            scope,
            account,
        } => match scope {
            crate::plan::Scope::Region => format!("actual[{}@{year}]", account.as_str()),
            s => format!(
                "actual[{}.{}@{year}]",
                crate::plan::actuals::scope_label(instance, *s),
                account.as_str()
            ),
        },
    }
}

/// The key of a total's definition row: `stock.zone.use`, `occupied`...
fn total_key(instance: &Instance, t: &Total) -> String {
    match t {
        Total::Stock { zone, land_use } => {
            format!("stock.{}.{}", instance.zones[*zone as usize].id, land_use)
        }
        Total::New { zone, land_use } => {
            format!("new.{}.{}", instance.zones[*zone as usize].id, land_use)
        }
        Total::Occupied => "occupied".into(),
        Total::OccupiedQuality => "occupied_quality".into(),
        Total::ReclaimedQuality => "reclaimed_quality".into(),
        Total::BasicFarmlandOccupied => "basic_farmland_occupied".into(),
        Total::Linkage => "linkage".into(),
    }
}

/// The printed name of a column: `x[unit,use]`, `y[site,use]`, `c[project]`,
/// `slack[row,lo|hi]`.
pub fn column_label(instance: &Instance, p: &Programme, key: &ColumnKey) -> String {
    match (key, p.years) {
        (ColumnKey::Year { column, year, .. }, _) => format!(
            "{}@{year}",
            base_label(instance, p, &p.columns[*column as usize])
        ),
        (
            ColumnKey::Alloc { .. }
            | ColumnKey::Build { .. }
            | ColumnKey::Consolidate { .. }
            | ColumnKey::Flow { .. }
            | ColumnKey::PoolFlow { .. },
            Some(y),
        ) => format!("{}@{}", base_label(instance, p, key), y.first),
        _ => base_label(instance, p, key),
    }
}

/// [`column_label`] without the year.
fn base_label(instance: &Instance, p: &Programme, key: &ColumnKey) -> String {
    let unit = |u: &u32| &instance.units[*u as usize].id;
    let site = |s: &u32| &instance.sites[*s as usize].id;
    match key {
        ColumnKey::Alloc { unit: u, land_use } => format!("x[{},{land_use}]", unit(u)),
        ColumnKey::Build { site: s, land_use } => format!("y[{},{land_use}]", site(s)),
        ColumnKey::Consolidate { project } => {
            format!("c[{}]", instance.projects[*project as usize].id)
        }
        ColumnKey::Total(t) => total_label(instance, t),
        ColumnKey::Flow { unit: u, site: s } => format!("f[{},{}]", unit(u), site(s)),
        ColumnKey::PoolFlow { pool, site: s } => {
            let place = crate::policy::RowKey {
                part: None,
                year: None,
                place: p.pools[*pool as usize].place(),
            };
            format!("f[{},{}]", place.label(instance), site(s))
        }
        ColumnKey::Resettle { unit: u, site: s } => format!("r[{},{}]", unit(u), site(s)),
        ColumnKey::Whole { unit: u } => format!("whole[{}]", unit(u)),
        ColumnKey::EdgeUsed { unit: u, site: s } => format!("used[{},{}]", unit(u), site(s)),
        ColumnKey::Year { column, .. } => base_label(instance, p, &p.columns[*column as usize]),
        ColumnKey::Rebase(l) => format!("rebase[{l}]"),
        ColumnKey::Slack { row, up } => format!(
            "slack[{},{}]",
            row_label(instance, &p.rows[*row as usize]),
            if *up { "hi" } else { "lo" }
        ),
    }
}

/// The printed name of an accounting total: `stock[zone,use]`, `new[zone,use]`, `occupied`...
pub fn total_label(instance: &Instance, t: &Total) -> String {
    match t {
        Total::Stock { zone, land_use } => {
            format!("stock[{},{}]", instance.zones[*zone as usize].id, land_use)
        }
        Total::New { zone, land_use } => {
            format!("new[{},{}]", instance.zones[*zone as usize].id, land_use)
        }
        other => total_key(instance, other),
    }
}
