//! The full price of a rule: the optimum with the rule dropped (or relaxed by an amount),
//! and the difference to the base optimum — the non-marginal cost of keeping it, next to
//! its marginal price.
//!
//! The re-solves run in parallel, one HiGHS instance per worker ([`Session`]): each worker
//! solves the base programme once, then for each of its rule groups changes only the
//! group's row bounds and re-runs from the previous basis (a warm start), and restores them.
//! `cold` re-solves every group from scratch in a fresh instance instead (to measure what
//! the warm start saves).

use crate::error::Result;
use crate::policy::{RowRef, RuleId};
use crate::programme::{Programme, RowName};
use crate::solution::Status;
use crate::solve::{Session, SolveOptions};
use rayon::prelude::*;
use serde::Serialize;

/// A group of rows priced together: a whole family, or one row of a family with several.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub name: String,
    pub rule: RuleId,
    /// Row indices in the programme.
    pub rows: Vec<usize>,
}

/// What dropping or relaxing a group does to the optimum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RulePrice {
    pub group: String,
    /// The group's row, when it is a single row.
    #[serde(skip)]
    pub row: Option<usize>,
    pub rows: usize,
    /// The base optimum, million yuan.
    pub base: f64,
    /// The optimum with the group dropped (`None`: no optimum, e.g. unbounded).
    pub dropped: Option<f64>,
    /// dropped − base: what keeping the rule costs (≥ 0 up to solver tolerance).
    pub full_price: Option<f64>,
    /// The optimum with every row of the group relaxed by `relax_km2` (when asked).
    pub relaxed: Option<f64>,
    /// relaxed − base.
    pub relaxed_gain: Option<f64>,
    /// The status of the dropped re-solve.
    pub status: String,
    /// A soft row of the group is violated at the base optimum: its price is the penalty
    /// the model sets, and its full price mostly the penalty saved ([`mark_penalties`]).
    pub made_by_penalty: bool,
}

/// Mark the groups with a soft row violated at the base optimum (`check`, the base's
/// independent check): their prices are made by the penalty, not by what the rule costs.
pub fn mark_penalties(
    prices: &mut [RulePrice],
    groups: &[Group],
    p: &Programme,
    check: &crate::check::CheckReport,
) {
    for (x, g) in prices.iter_mut().zip(groups) {
        x.made_by_penalty = g.rows.iter().any(|&r| {
            let RowName::Rule(row) = &p.rows[r] else {
                return false;
            };
            check
                .get(row)
                .is_some_and(|l| l.penalty.is_some() && l.violated())
        });
    }
}

/// The rule groups of `p`: each family with rows, and each region-, zone- or district-level
/// row of a family that has several of them; restricted to `only` when given.
pub fn groups(p: &Programme, labels: &[String], only: &[RuleId]) -> Vec<Group> {
    let mut by_rule: Vec<(RuleId, Vec<usize>)> = Vec::new();
    let mut singles = Vec::new();
    for (r, name) in p.rows.iter().enumerate() {
        let RowName::Rule(row) = name else { continue };
        if !only.is_empty() && !only.contains(&row.rule) {
            continue;
        }
        match by_rule.iter_mut().find(|(id, _)| *id == row.rule) {
            Some((_, v)) => v.push(r),
            None => by_rule.push((row.rule, vec![r])),
        }
        if !row.is_detail() {
            singles.push((*row, r));
        }
    }
    let mut out = Vec::new();
    for (rule, rows) in by_rule {
        let own: Vec<&(RowRef, usize)> = singles.iter().filter(|(x, _)| x.rule == rule).collect();
        out.push(Group {
            name: rule.as_str().to_string(),
            rule,
            rows,
        });
        if own.len() > 1 {
            for (_, r) in own {
                out.push(Group {
                    name: labels[*r].clone(),
                    rule,
                    rows: vec![*r],
                });
            }
        }
    }
    out
}

/// Bounds of `rows` dropped (free) or relaxed outward by `by` km².
fn moved(p: &Programme, rows: &[usize], by: Option<f64>) -> Vec<(usize, f64, f64)> {
    rows.iter()
        .map(|&r| {
            let (l, u) = (p.row_lower[r], p.row_upper[r]);
            match by {
                None => (r, f64::NEG_INFINITY, f64::INFINITY),
                Some(d) => (r, l - d, u + d),
            }
        })
        .collect()
}

fn objective(status: &Status, obj: Option<f64>) -> Option<f64> {
    status.has_solution().then_some(obj).flatten()
}

/// Price every group; `workers` HiGHS instances in parallel (at least 1).
pub fn price(
    p: &Programme,
    options: &SolveOptions,
    groups: &[Group],
    relax_km2: Option<f64>,
    workers: usize,
    cold: bool,
) -> Result<Vec<RulePrice>> {
    options.refuse_unless_whole_highs("pricing the rules")?;
    let workers = workers.max(1).min(groups.len().max(1));
    let chunk = groups.len().div_ceil(workers).max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers)
        .build()
        .map_err(|e| crate::error::Error::Backend {
            backend: "rayon",
            message: e.to_string(),
        })?;
    let parts: Vec<Result<Vec<RulePrice>>> = pool.install(|| {
        groups
            .par_chunks(chunk)
            .map(|part| price_chunk(p, options, part, relax_km2, cold))
            .collect()
    });
    let mut out = Vec::with_capacity(groups.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// One worker: the base once, then each group warm (or cold).
fn price_chunk(
    p: &Programme,
    options: &SolveOptions,
    groups: &[Group],
    relax_km2: Option<f64>,
    cold: bool,
) -> Result<Vec<RulePrice>> {
    let mut s = Session::open(p, options)?;
    let base_out = s.run()?;
    let base = base_out.objective.unwrap_or(f64::NAN);
    s.warm_simplex()?;
    let mut out = Vec::new();
    for g in groups {
        let mut once = |by: Option<f64>| -> Result<(Status, Option<f64>)> {
            let changes = moved(p, &g.rows, by);
            if cold {
                let mut q = p.clone();
                for &(r, l, u) in &changes {
                    q.row_lower[r] = l;
                    q.row_upper[r] = u;
                }
                let o = Session::open(&q, options)?.run()?;
                return Ok((o.status.clone(), objective(&o.status, o.objective)));
            }
            for &(r, l, u) in &changes {
                s.set_row_bounds(r, l, u)?;
            }
            let (status, obj) = s.rerun()?;
            for &r in &g.rows {
                s.set_row_bounds(r, p.row_lower[r], p.row_upper[r])?;
            }
            Ok((status.clone(), objective(&status, obj)))
        };
        let (status, dropped) = once(None)?;
        let relaxed = match relax_km2 {
            Some(d) => once(Some(d))?.1,
            None => None,
        };
        out.push(RulePrice {
            group: g.name.clone(),
            row: (g.rows.len() == 1).then(|| g.rows[0]),
            rows: g.rows.len(),
            base,
            dropped,
            full_price: dropped.map(|d| d - base),
            relaxed,
            relaxed_gain: relaxed.map(|x| x - base),
            status: status.to_string(),
            made_by_penalty: false,
        });
    }
    Ok(out)
}
