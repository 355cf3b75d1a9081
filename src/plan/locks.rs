//! Decisions locked in or out of a run ([`Lock`]): read from a lock file, or made from a
//! plan ([`Plan::as_locks`]); placed in the programme when it is built, and verified
//! against the allocation by the check.

use super::{scope_of, table, unknown, Ids, Plan, Scope, Source, Table};
use crate::error::{Error, Problem, Result};
use crate::instance::uses::LandUse;
use crate::instance::Instance;
use crate::solution::Allocation;

/// A decision locked in or out, as prioritizr's locked-in and locked-out planning units:
/// a column (a unit's or site's km² in a use, a project's km²) or an aggregate kept within
/// [min, max] km². Locked out is `max = 0`; locked in at an amount is `min = max`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lock {
    pub target: LockTarget,
    pub min: f64,
    pub max: f64,
    /// The line of the lock file it came from (or 0 when made from a plan).
    pub line: usize,
}

/// What a lock holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LockTarget {
    Unit {
        unit: usize,
        land_use: LandUse,
    },
    Site {
        site: usize,
        land_use: LandUse,
    },
    Project {
        project: usize,
    },
    Aggregate {
        scope: Scope,
        land_use: LandUse,
        source: Source,
    },
}

impl LockTarget {
    /// The locked quantity in `alloc`, km².
    pub fn value(&self, inst: &Instance, alloc: &Allocation) -> f64 {
        match *self {
            LockTarget::Unit { unit, land_use } => alloc.units[unit][land_use.index()],
            LockTarget::Site { site, land_use } => alloc.sites[site][land_use.index()],
            LockTarget::Project { project } => alloc.projects[project],
            LockTarget::Aggregate {
                scope,
                land_use,
                source,
            } => {
                let k = land_use.index();
                let stock: f64 = inst
                    .units
                    .iter()
                    .zip(&alloc.units)
                    .filter(|(u, _)| scope.holds(inst, u.district))
                    .map(|(_, a)| a[k])
                    .sum();
                let new: f64 = inst
                    .sites
                    .iter()
                    .zip(&alloc.sites)
                    .filter(|(s, _)| scope.holds(inst, s.district))
                    .map(|(_, a)| a[k])
                    .sum();
                match source {
                    Source::Stock => stock,
                    Source::New => new,
                    Source::All => stock + new,
                }
            }
        }
    }

    /// A readable name: `unit U1 market`, `zone extension market (stock)`.
    pub fn label(&self, inst: &Instance) -> String {
        match *self {
            LockTarget::Unit { unit, land_use } => {
                format!("unit {} {land_use}", inst.units[unit].id)
            }
            LockTarget::Site { site, land_use } => {
                format!("site {} {land_use}", inst.sites[site].id)
            }
            LockTarget::Project { project } => format!("project {}", inst.projects[project].id),
            LockTarget::Aggregate {
                scope,
                land_use,
                source,
            } => {
                let place = match scope {
                    Scope::Region => "region".to_string(),
                    Scope::Zone(z) => format!("zone {}", inst.zones[z].id),
                    Scope::District(d) => format!("district {}", inst.districts[d].id),
                };
                let src = match source {
                    Source::Stock => " (stock)",
                    Source::New => " (new)",
                    Source::All => "",
                };
                format!("{place} {land_use}{src}")
            }
        }
    }
}

impl Scope {
    /// Whether district `d` lies in the scope.
    pub fn holds(&self, inst: &Instance, d: usize) -> bool {
        match *self {
            Scope::Region => true,
            Scope::Zone(z) => inst.districts[d].zone == z,
            Scope::District(x) => x == d,
        }
    }
}

impl Plan {
    /// The plan as locks: every listed column fixed at its value and every aggregate as an
    /// equality (for a plan completed by the optimiser, or stated in aggregates).
    pub fn as_locks(&self, inst: &Instance) -> Vec<Lock> {
        let mut out = Vec::new();
        let fixed = |target, v: f64| Lock {
            target,
            min: v,
            max: v,
            line: 0,
        };
        for (unit, listed) in self.listed_units.iter().enumerate() {
            if *listed {
                for land_use in inst.uses.iter() {
                    let v = self.allocation.units[unit][land_use.index()];
                    if v > 0.0 || inst.units[unit].uses[land_use.index()].is_some() {
                        out.push(fixed(LockTarget::Unit { unit, land_use }, v));
                    }
                }
            }
        }
        for (site, listed) in self.listed_sites.iter().enumerate() {
            if *listed {
                for land_use in inst.uses.construction() {
                    let v = self.allocation.sites[site][land_use.index()];
                    if v > 0.0 || inst.sites[site].uses[land_use.index()].is_some() {
                        out.push(fixed(LockTarget::Site { site, land_use }, v));
                    }
                }
            }
        }
        for (project, listed) in self.listed_projects.iter().enumerate() {
            if *listed {
                out.push(fixed(
                    LockTarget::Project { project },
                    self.allocation.projects[project],
                ));
            }
        }
        for a in &self.aggregates {
            let target = LockTarget::Aggregate {
                scope: a.scope,
                land_use: a.land_use,
                source: a.source,
            };
            out.push(Lock {
                target,
                min: a.km2,
                max: a.km2,
                line: a.at.1,
            });
        }
        out
    }
}

/// Read a lock file: `kind,id,use,min_km2,max_km2[,source]`, kind one of `unit`, `site`,
/// `project` (a column) or `region`, `zone`, `district` (an aggregate, from `source` stock,
/// new or all); an empty `min_km2` is 0, an empty `max_km2` unbounded; `use = *` with
/// `max_km2 = 0` locks a unit or site out of every use.
pub fn read_locks(inst: &Instance, file: &str, text: &str) -> Result<Vec<Lock>> {
    let mut p = Vec::new();
    let mut out = Vec::new();
    if let Some(t) = table(file, text, &mut p) {
        if ["kind", "id", "use"].iter().all(|c| t.require(c, &mut p)) {
            let ids = Ids::of(inst);
            for (line, rec) in &t.rows {
                lock_row(inst, &ids, &t, *line, rec, &mut out, &mut p);
            }
        }
    }
    if p.is_empty() {
        Ok(out)
    } else {
        Err(Error::input(p))
    }
}

#[allow(clippy::too_many_arguments)]
fn lock_row(
    inst: &Instance,
    ids: &Ids,
    t: &Table,
    line: usize,
    rec: &csv::StringRecord,
    out: &mut Vec<Lock>,
    p: &mut Vec<Problem>,
) {
    let at = format!("line {line}");
    let (kind, id) = (
        t.get(rec, "kind").unwrap_or(""),
        t.get(rec, "id").unwrap_or(""),
    );
    let use_name = t.get(rec, "use").unwrap_or("");
    let min = t.km2(line, rec, "min_km2", p);
    let max = match t.get(rec, "max_km2") {
        None => f64::INFINITY,
        Some(_) => t.km2(line, rec, "max_km2", p),
    };
    if min > max {
        p.push(Problem::new(
            t.file,
            &at,
            "min_km2",
            format!("min {min} is above max {max}"),
        ));
        return;
    }
    let uses: Vec<LandUse> = if use_name == "*" && kind != "project" {
        if max != 0.0 {
            p.push(Problem::new(
                t.file,
                &at,
                "use",
                "`*` locks a place out of every use: expected max_km2 = 0",
            ));
            return;
        }
        inst.uses.all().to_vec()
    } else if kind == "project" {
        // a project has one column, its new arable: no use to name
        Vec::new()
    } else {
        match inst.uses.get(use_name) {
            Some(k) => vec![k],
            None => {
                p.push(Problem::new(
                    t.file,
                    &at,
                    "use",
                    format!("unknown use `{use_name}`"),
                ));
                return;
            }
        }
    };
    let mut push = |target| {
        out.push(Lock {
            target,
            min,
            max,
            line,
        })
    };
    match kind {
        "unit" => match ids.units.get(id).copied() {
            Some(unit) => uses
                .into_iter()
                .for_each(|land_use| push(LockTarget::Unit { unit, land_use })),
            None => p.push(unknown(t.file, line, "unit", id)),
        },
        "site" => match ids.sites.get(id).copied() {
            Some(site) => uses
                .into_iter()
                .filter(|k| k.is_construction())
                .for_each(|land_use| push(LockTarget::Site { site, land_use })),
            None => p.push(unknown(t.file, line, "site", id)),
        },
        "project" => match ids.projects.get(id).copied() {
            Some(project) => push(LockTarget::Project { project }),
            None => p.push(unknown(t.file, line, "project", id)),
        },
        "region" | "zone" | "district" => {
            let scope = scope_of(inst, kind, id);
            let Some(source) = t.source(line, rec, p) else {
                return;
            };
            match scope {
                Some(scope) => uses.into_iter().for_each(|land_use| {
                    push(LockTarget::Aggregate {
                        scope,
                        land_use,
                        source,
                    })
                }),
                None => p.push(unknown(t.file, line, kind, id)),
            }
        }
        other => p.push(Problem::new(
            t.file,
            &at,
            "kind",
            format!(
                "unknown kind `{other}`: expected unit, site, project, region, zone or district"
            ),
        )),
    }
}
