//! The programme: the only place that builds LP rows. [`build`] states an instance under a
//! policy model as a [`Programme`] whose rows are named `rule_id[key]`.

mod build;
pub mod sparse;

pub use build::{build, build_with};
pub use sparse::{Builder, ColumnKey, Programme, RowKey, RowName, Total};

use crate::instance::Instance;

/// The printed name of a row: `rule_id` or `rule_id[key]`, keys being unit, site and zone
/// ids or fixed words.
pub fn row_label(instance: &Instance, name: &RowName) -> String {
    let rule = name.rule.map_or("total", |r| r.as_str());
    match &name.key {
        RowKey::None => rule.to_string(),
        RowKey::Unit(u) => format!("{rule}[{}]", instance.units[*u as usize].id),
        RowKey::Site(s) => format!("{rule}[{}]", instance.sites[*s as usize].id),
        RowKey::Zone(z) => format!("{rule}[{}]", instance.zones[*z as usize].id),
        RowKey::Word(w) => format!("{rule}[{w}]"),
    }
}

/// The printed name of a column: `x[unit,use]`, `y[site,use]`, `c[project]`,
/// `slack[row,lo|hi]`.
pub fn column_label(instance: &Instance, p: &Programme, key: &ColumnKey) -> String {
    match key {
        ColumnKey::Alloc { unit, land_use } => {
            format!("x[{},{}]", instance.units[*unit as usize].id, land_use)
        }
        ColumnKey::Build { site, land_use } => {
            format!("y[{},{}]", instance.sites[*site as usize].id, land_use)
        }
        ColumnKey::Consolidate { project } => {
            format!("c[{}]", instance.projects[*project as usize].id)
        }
        ColumnKey::Total(t) => total_label(instance, t),
        ColumnKey::Flow { unit, site } => format!(
            "f[{},{}]",
            instance.units[*unit as usize].id, instance.sites[*site as usize].id
        ),
        ColumnKey::Resettle { unit, site } => format!(
            "r[{},{}]",
            instance.units[*unit as usize].id, instance.sites[*site as usize].id
        ),
        ColumnKey::Whole { unit } => format!("whole[{}]", instance.units[*unit as usize].id),
        ColumnKey::EdgeUsed { unit, site } => format!(
            "used[{},{}]",
            instance.units[*unit as usize].id, instance.sites[*site as usize].id
        ),
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
        Total::Occupied => "occupied".into(),
        Total::OccupiedQuality => "occupied_quality".into(),
        Total::ReclaimedQuality => "reclaimed_quality".into(),
        Total::BasicFarmlandOccupied => "basic_farmland_occupied".into(),
        Total::Linkage => "linkage".into(),
    }
}
