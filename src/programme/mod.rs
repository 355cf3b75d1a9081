//! The programme: the only place that builds LP rows. [`build`] states an instance under a
//! policy model as a [`Programme`]: the columns ([`columns`]), the accounting totals, then
//! the rows of every enabled family in registry order, one file per family under `rows/`.
//! Each rule row is named by a typed [`RowRef`](crate::policy::RowRef); [`decode`] maps a
//! solver's [`Outcome`] back to the instance as a [`Solution`].

mod columns;
mod decode;
mod rows;
pub mod sparse;

pub use decode::decode;
pub use sparse::{Builder, ColumnKey, Programme, ProgrammeSize, RowName, Total};

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
    let mut b = Builder::new();
    let mut cols = columns::columns(inst, model, &mut b);
    if let Some(net) = net {
        columns::linkage_columns(inst, model, net, &mut cols, &mut b);
    }
    columns::define_totals(inst, &cols, &mut b);
    let mut ctx = rows::Ctx {
        inst,
        model,
        net,
        cols,
        b,
    };
    rows::all(&mut ctx);
    ctx.b.finish()
}

/// The printed name of a row: `rule_id`, `rule_id[key]` or `total[...]`.
pub fn row_label(instance: &Instance, name: &RowName) -> String {
    match name {
        RowName::Rule(r) => r.label(instance),
        RowName::Total(t) => format!("total[{}]", total_key(instance, t)),
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
        ColumnKey::Resettle { unit: u, site: s } => format!("r[{},{}]", unit(u), site(s)),
        ColumnKey::Whole { unit: u } => format!("whole[{}]", unit(u)),
        ColumnKey::EdgeUsed { unit: u, site: s } => format!("used[{},{}]", unit(u), site(s)),
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
