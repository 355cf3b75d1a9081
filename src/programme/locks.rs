//! Locked decisions ([`crate::plan::Lock`]) in the programme: a column lock tightens the
//! column's bounds; an aggregate lock is a row `lock[...]` over the columns it sums, whose
//! price is what holding the decision costs per km².

use super::columns::Cols;
use super::sparse::{Builder, RowName};
use crate::error::{Error, Problem, Result};
use crate::instance::Instance;
use crate::plan::{Lock, LockTarget, Source};

/// Where a lock lives in the programme: a column's bounds or a row of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockPlace {
    Column(usize),
    Row(usize),
}

/// Apply `locks` to the programme being built; each lock's place (`None`: a column the
/// programme does not have, locked at 0).
pub(super) fn apply(
    inst: &Instance,
    cols: &Cols,
    b: &mut Builder,
    locks: &[Lock],
) -> Result<Vec<Option<LockPlace>>> {
    let mut problems = Vec::new();
    let mut places = Vec::with_capacity(locks.len());
    for (i, lock) in locks.iter().enumerate() {
        let column = match lock.target {
            LockTarget::Unit { unit, land_use } => Some(cols.unit_use(unit, land_use)),
            LockTarget::Site { site, land_use } => Some(cols.site_use(site, land_use)),
            LockTarget::Project { project } => Some(cols.project.get(project).copied()),
            LockTarget::Aggregate { .. } => None,
        };
        // with years a decision is the sum of its years: held by a row
        let phased = |j: u32| cols.phases.as_ref().is_some_and(|p| p.phased(j));
        let own_upper = |j: u32| match &cols.phases {
            Some(p) if p.phased(j) => p.upper(j),
            _ => b.col_bounds(j).1,
        };
        places.push(match column {
            Some(Some(j)) if phased(j) => Some(LockPlace::Row(b.num_rows())),
            Some(Some(j)) => Some(LockPlace::Column(j as usize)),
            Some(None) => None,
            None => Some(LockPlace::Row(b.num_rows())),
        });
        match column {
            Some(Some(j)) if lock.min > own_upper(j) + 1e-9 => {
                let upper = own_upper(j);
                let why = match lock.target {
                    LockTarget::Unit { unit, land_use }
                        if land_use.is(crate::instance::uses::Role::Arable) =>
                    {
                        let u = &inst.units[unit];
                        format!(
                            "what the unit can reclaim: reclaimable_share {} × area {} km² = {upper} km², a bound of the land itself that no rule relaxes",
                            u.reclaimable_share, u.area_km2
                        )
                    }
                    _ => format!("the decision's own bound, {upper} km² (the record's area or capacity)"),
                };
                problems.push(Problem::new(
                    "locks",
                    if lock.line > 0 { format!("line {}", lock.line) } else { "plan".into() },
                    "min_km2",
                    format!(
                        "{} cannot be locked at {} km² or more: that is above {why}",
                        lock.target.label(inst),
                        lock.min
                    ),
                ));
            }
            Some(Some(j)) if phased(j) => {
                b.begin_row(RowName::Lock(i as u32), lock.min, lock.max, 0.0, None);
                b.add(j, 1.0);
                b.end_row();
            }
            Some(Some(j)) => b.tighten(j, lock.min, lock.max),
            Some(None) if lock.min > 0.0 => problems.push(Problem::new(
                "locks",
                if lock.line > 0 { format!("line {}", lock.line) } else { "plan".into() },
                "min_km2",
                format!(
                    "{} cannot be locked in: the programme has no such column (the use is not offered, or eligibility or transport access excludes it)",
                    lock.target.label(inst)
                ),
            )),
            Some(None) => {}
            None => aggregate_row(inst, cols, b, i, lock),
        }
    }
    if problems.is_empty() {
        Ok(places)
    } else {
        Err(Error::input(problems))
    }
}

fn aggregate_row(inst: &Instance, cols: &Cols, b: &mut Builder, i: usize, lock: &Lock) {
    let LockTarget::Aggregate {
        scope,
        land_use,
        source,
    } = lock.target
    else {
        return;
    };
    b.begin_row(RowName::Lock(i as u32), lock.min, lock.max, 0.0, None);
    if source != Source::New {
        for (ui, u) in inst.units.iter().enumerate() {
            if scope.holds(inst, u.district) {
                if let Some(j) = cols.unit_use(ui, land_use) {
                    b.add(j, 1.0);
                }
            }
        }
    }
    if source != Source::Stock {
        for (si, s) in inst.sites.iter().enumerate() {
            if scope.holds(inst, s.district) {
                if let Some(j) = cols.site_use(si, land_use) {
                    b.add(j, 1.0);
                }
            }
        }
    }
    b.end_row();
}
