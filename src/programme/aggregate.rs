//! Exact aggregation of interchangeable units and sites.
//!
//! Survey data give thousands of parcels the same coefficients: values and costs come from
//! land-price grades and compensation zones, not from the parcel. Two units are
//! **interchangeable** when their blocks of the programme are the same per km² of area:
//! column for column (in the same canonical order: by use, by linkage site), the same
//! objective coefficient, the same bounds divided by the area, the same coefficient in
//! every row shared with other units or sites; and the rows that are theirs alone (the
//! unit's capacity, its quota, its soft rows' slacks) the same per km², with bounds
//! proportional to the area. The test is on the programme's numbers, never on ids or
//! attributes, so anything that tells two units apart (a tag a linear rule reads, a lock, a
//! transport distance) keeps them apart. The same for sites, whose scale is their capacity.
//!
//! A group of interchangeable owners is solved as one: its first member's columns and own
//! rows stand for the group with bounds summed, the other members' columns and own rows
//! are left out. An optimum of
//! the reduced programme is **split back** in proportion to area: each member gets
//! `area / group area` of every group column. The split meets every member's own rows
//! exactly (they are the group's, scaled), gives every shared row the same activity and the
//! objective the same value; and each member's row and column duals are the group's, which
//! with the split is an optimal primal-dual pair of the whole programme. So the answer,
//! its prices and its reduced costs are the whole programme's; the independent check runs on
//! the split plan.
//!
//! What aggregation does not give is the ranging of a member's own row or column cost: a
//! change to one member breaks the tie, which the group cannot show. Those ranges are left
//! unmeasured ([`Aggregation::grouped_row`], [`Aggregation::grouped_column`]).
//!
//! Not applied to a MIP (whole-unit mode keeps units apart: a binary per unit is not a
//! count per group unless the areas are equal too), to a programme with years (the year
//! columns and `bound[...]` rows index decision columns), or to owners whose columns are
//! locked.
//!
//! Floating-point numbers are compared on a grid of 2⁻⁴⁰ relative (about 10⁻¹²), so that
//! a bound computed as `share × area` and divided back by the area matches across units;
//! a group's bounds are the sums of its members' own, never a ratio times the group area.

use super::sparse::{ColumnKey, Programme};
use crate::instance::Instance;
use crate::solution::Outcome;
use serde::Serialize;
use std::collections::HashMap;

const NONE: u32 = u32::MAX;
/// A row touched by more than one owner (or by a column no unit or site owns).
const SHARED: u32 = u32::MAX - 1;

/// What aggregation found, for the summary and the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct AggregationSummary {
    /// Units with columns in the programme.
    pub units: usize,
    /// Groups the units were merged into (a unit alone counts as one).
    pub unit_groups: usize,
    pub sites: usize,
    pub site_groups: usize,
    /// Columns of the whole programme and of the one solved.
    pub columns: usize,
    pub reduced_columns: usize,
    /// Non-zeros of the whole programme and of the one solved.
    pub nonzeros: usize,
    pub reduced_nonzeros: usize,
    /// Seconds spent finding the groups and building the reduced programme.
    pub aggregate_seconds: f64,
}

/// A programme with its interchangeable units and sites merged, and the map back.
#[derive(Debug, Clone)]
pub struct Aggregation {
    /// The programme solved: the rows and columns of owners alone, of each group's first
    /// member, and those no owner has, in the whole programme's order. `None` when no
    /// two owners are interchangeable: the whole programme is solved.
    reduced: Option<Programme>,
    /// Column of the whole programme → its column in the reduced one.
    col_to: Vec<u32>,
    /// Column of the whole programme → its share of that column (area / group area; 1 for
    /// a column that is not grouped).
    col_share: Vec<f64>,
    /// Row of the whole programme → the row of the reduced one that stands for it (for a
    /// grouped member's own row: its group's).
    row_to: Vec<u32>,
    /// Rows that are the own rows of a group of two or more.
    row_grouped: Vec<bool>,
    pub summary: AggregationSummary,
}

/// `x` on a grid of 2⁻⁴⁰ relative (±0 as 0, ±∞ and NaN as themselves).
fn grid(x: f64) -> u64 {
    if x == 0.0 {
        return 0;
    }
    if !x.is_finite() {
        return x.to_bits();
    }
    const LOW: u64 = 12; // 52 - 40 mantissa bits dropped, rounded
    (x.to_bits() + (1 << (LOW - 1))) & !((1u64 << LOW) - 1)
}

/// The owner of a decision column: unit `u` (index `u`) or site `s` (`units + s`); the
/// linkage's flow and resettlement columns belong to their withdrawal unit.
fn owner_of(key: &ColumnKey, units: u32) -> u32 {
    match *key {
        ColumnKey::Alloc { unit, .. }
        | ColumnKey::Flow { unit, .. }
        | ColumnKey::Resettle { unit, .. } => unit,
        ColumnKey::Build { site, .. } => units + site,
        _ => NONE,
    }
}

/// A column's place in its owner's block, the same for every owner: (kind, use or site).
fn canonical(key: &ColumnKey) -> (u8, u32) {
    match *key {
        ColumnKey::Alloc { land_use, .. } => (0, land_use.index() as u32),
        ColumnKey::Build { land_use, .. } => (1, land_use.index() as u32),
        ColumnKey::Flow { site, .. } => (2, site),
        ColumnKey::Resettle { site, .. } => (3, site),
        ColumnKey::Slack { up, .. } => (4, up as u32),
        _ => (5, 0),
    }
}

impl Aggregation {
    /// Merge `p`'s interchangeable units and sites; `keep_apart` lists columns whose owners
    /// stay alone (locked ones). `None` where aggregation does not apply (a MIP, years).
    pub fn of(inst: &Instance, p: &Programme, keep_apart: &[usize]) -> Option<Aggregation> {
        if p.years.is_some() || p.col_integer.iter().any(|&b| b) {
            return None;
        }
        let t0 = std::time::Instant::now();
        let units = inst.units.len() as u32;
        let owners = inst.units.len() + inst.sites.len();
        let scale = |o: usize| {
            if o < inst.units.len() {
                inst.units[o].area_km2
            } else {
                inst.sites[o - inst.units.len()].capacity_km2
            }
        };
        let (n, m) = (p.num_cols(), p.num_rows());
        // owners of the decision columns, then of the rows, then of the soft rows' slacks
        let mut col_owner: Vec<u32> = p.columns.iter().map(|k| owner_of(k, units)).collect();
        let mut row_owner = vec![NONE; m];
        for j in 0..n {
            if matches!(p.columns[j], ColumnKey::Slack { .. }) {
                continue;
            }
            let o = match col_owner[j] {
                NONE => SHARED,
                o => o,
            };
            for k in p.col_start[j]..p.col_start[j + 1] {
                let r = p.row_index[k] as usize;
                row_owner[r] = match row_owner[r] {
                    NONE => o,
                    x if x == o => o,
                    _ => SHARED,
                };
            }
        }
        for j in 0..n {
            if let ColumnKey::Slack { row, .. } = p.columns[j] {
                let o = row_owner[row as usize];
                col_owner[j] = if o == SHARED { NONE } else { o };
            }
        }
        let mut apart = vec![false; owners];
        for &j in keep_apart {
            if let Some(&o) = col_owner.get(j).filter(|&&o| o != NONE) {
                apart[o as usize] = true;
            }
        }
        // each owner's columns in canonical order (a counting sort by owner, then by key)
        let mut start = vec![0usize; owners + 1];
        for &o in &col_owner {
            if o != NONE {
                start[o as usize + 1] += 1;
            }
        }
        for o in 0..owners {
            start[o + 1] += start[o];
        }
        let mut block = vec![0u32; start[owners]];
        let mut next = start.clone();
        for (j, &o) in col_owner.iter().enumerate() {
            if o != NONE {
                block[next[o as usize]] = j as u32;
                next[o as usize] += 1;
            }
        }
        // rows are local to an owner, numbered in the order its canonical columns meet them
        let mut local = vec![NONE; m];
        let mut own_rows: Vec<Vec<u32>> = vec![Vec::new(); owners];
        let mut groups: HashMap<Vec<u64>, u32> = HashMap::new();
        let mut group_of = vec![NONE; owners];
        let mut first: Vec<u32> = Vec::new();
        let mut sig = Vec::new();
        for o in 0..owners {
            let cols = &mut block[start[o]..start[o + 1]];
            if cols.is_empty() {
                continue;
            }
            cols.sort_by_key(|&j| (canonical(&p.columns[j as usize]), j));
            let a = scale(o);
            sig.clear();
            let mut rows = Vec::new();
            let mut alone = apart[o] || !(a.is_finite() && a > 0.0);
            for &j in cols.iter() {
                let j = j as usize;
                let (kind, place) = canonical(&p.columns[j]);
                if kind == 5 {
                    alone = true;
                }
                let slack_row = match p.columns[j] {
                    ColumnKey::Slack { row, .. } => local[row as usize],
                    _ => 0,
                };
                sig.extend([
                    ((kind as u64) << 32) | place as u64,
                    slack_row as u64,
                    grid(p.col_cost[j]),
                    grid(p.col_lower[j] / a),
                    grid(p.col_upper[j] / a),
                    (p.col_start[j + 1] - p.col_start[j]) as u64,
                ]);
                for k in p.col_start[j]..p.col_start[j + 1] {
                    let r = p.row_index[k] as usize;
                    let tag = if row_owner[r] == o as u32 {
                        if local[r] == NONE {
                            local[r] = rows.len() as u32;
                            rows.push(r as u32);
                        }
                        ((local[r] as u64) << 1) | 1
                    } else {
                        (r as u64) << 1
                    };
                    sig.extend([tag, grid(p.value[k])]);
                }
            }
            for &r in &rows {
                let r = r as usize;
                sig.extend([
                    grid(p.row_lower[r] / a),
                    grid(p.row_upper[r] / a),
                    p.row_penalty[r].map_or(u64::MAX, f64::to_bits),
                ]);
            }
            own_rows[o] = rows;
            let g = if alone {
                first.len() as u32
            } else {
                let next = first.len() as u32;
                *groups.entry(sig.clone()).or_insert(next)
            };
            if g as usize == first.len() {
                first.push(o as u32);
            }
            group_of[o] = g;
        }
        drop(groups);
        let mut size = vec![0u32; first.len()];
        let mut area = vec![0.0; first.len()];
        for o in 0..owners {
            if group_of[o] != NONE {
                size[group_of[o] as usize] += 1;
                area[group_of[o] as usize] += scale(o);
            }
        }
        let count = |of_units: bool| {
            let range = if of_units {
                0..inst.units.len()
            } else {
                inst.units.len()..owners
            };
            let mut with: Vec<u32> = range
                .filter(|&o| group_of[o] != NONE)
                .map(|o| group_of[o])
                .collect();
            let owners = with.len();
            with.sort_unstable();
            with.dedup();
            (owners, with.len())
        };
        let ((units_n, unit_groups), (sites_n, site_groups)) = (count(true), count(false));
        let mut summary = AggregationSummary {
            units: units_n,
            unit_groups,
            sites: sites_n,
            site_groups,
            columns: n,
            reduced_columns: n,
            nonzeros: p.num_nonzeros(),
            reduced_nonzeros: p.num_nonzeros(),
            aggregate_seconds: 0.0,
        };
        if size.iter().all(|&s| s == 1) {
            // nothing to merge: the whole programme is solved
            summary.aggregate_seconds = t0.elapsed().as_secs_f64();
            return Some(Aggregation {
                reduced: None,
                col_to: Vec::new(),
                col_share: Vec::new(),
                row_to: Vec::new(),
                row_grouped: Vec::new(),
                summary,
            });
        }
        // the map back and the reduced programme's columns
        let mut keep = vec![true; n];
        let mut col_rep = (0..n as u32).collect::<Vec<u32>>();
        let mut col_share = vec![1.0; n];
        let mut row_rep = (0..m as u32).collect::<Vec<u32>>();
        let mut row_grouped = vec![false; m];
        let (mut lower, mut upper) = (p.col_lower.clone(), p.col_upper.clone());
        let (mut row_lower, mut row_upper) = (p.row_lower.clone(), p.row_upper.clone());
        for o in 0..owners {
            let g = group_of[o];
            if g == NONE || size[g as usize] < 2 {
                continue;
            }
            let rep = first[g as usize] as usize;
            let share = scale(o) / area[g as usize];
            let (mine, theirs) = (
                &block[start[o]..start[o + 1]],
                &block[start[rep]..start[rep + 1]],
            );
            for (&j, &r) in mine.iter().zip(theirs) {
                let (j, r) = (j as usize, r as usize);
                col_rep[j] = r as u32;
                col_share[j] = share;
                if o != rep {
                    keep[j] = false;
                    lower[r] += p.col_lower[j];
                    upper[r] += p.col_upper[j];
                }
            }
            for (&i, &r) in own_rows[o].iter().zip(&own_rows[rep]) {
                let (i, r) = (i as usize, r as usize);
                row_grouped[i] = true;
                if o != rep {
                    row_rep[i] = r as u32;
                    row_lower[r] += p.row_lower[i];
                    row_upper[r] += p.row_upper[i];
                }
            }
        }
        // the rows kept: all but the own rows of a group's later members, renumbered
        let mut new_row = vec![NONE; m];
        let mut reduced = Programme {
            pools: p.pools.clone(),
            quota_years: p.quota_years,
            years: p.years,
            ..Programme::default()
        };
        for r in (0..m).filter(|&r| row_rep[r] as usize == r) {
            new_row[r] = reduced.rows.len() as u32;
            reduced.rows.push(p.rows[r]);
            reduced.row_lower.push(row_lower[r]);
            reduced.row_upper.push(row_upper[r]);
            reduced.row_offset.push(p.row_offset[r]);
            reduced.row_penalty.push(p.row_penalty[r]);
        }
        let mut new_index = vec![NONE; n];
        for j in (0..n).filter(|&j| keep[j]) {
            new_index[j] = reduced.columns.len() as u32;
            reduced.columns.push(match p.columns[j] {
                ColumnKey::Slack { row, up } => ColumnKey::Slack {
                    row: new_row[row as usize],
                    up,
                },
                key => key,
            });
            reduced.col_lower.push(lower[j]);
            reduced.col_upper.push(upper[j]);
            reduced.col_cost.push(p.col_cost[j]);
            reduced.col_integer.push(false);
            for k in p.col_start[j]..p.col_start[j + 1] {
                reduced.row_index.push(new_row[p.row_index[k] as usize]);
                reduced.value.push(p.value[k]);
            }
            reduced.col_start.push(reduced.value.len());
        }
        let row_rep: Vec<u32> = row_rep.iter().map(|&r| new_row[r as usize]).collect();
        let col_to = col_rep.iter().map(|&r| new_index[r as usize]).collect();
        summary.reduced_columns = reduced.num_cols();
        summary.reduced_nonzeros = reduced.num_nonzeros();
        summary.aggregate_seconds = t0.elapsed().as_secs_f64();
        Some(Aggregation {
            reduced: Some(reduced),
            col_to,
            col_share,
            row_to: row_rep,
            row_grouped,
            summary,
        })
    }

    /// The programme to solve: the reduced one, or `whole` when nothing was merged.
    pub fn programme<'a>(&'a self, whole: &'a Programme) -> &'a Programme {
        self.reduced.as_ref().unwrap_or(whole)
    }

    /// The reduced programme's outcome split back over the whole programme: each grouped
    /// column its share of the group's value, each grouped row and column the group's dual.
    pub fn expand(&self, reduced: Outcome) -> Outcome {
        if self.reduced.is_none() {
            return reduced;
        }
        let split = !reduced.col_values.is_empty();
        let col_values = if split {
            self.col_to
                .iter()
                .zip(&self.col_share)
                .map(|(&r, &s)| reduced.col_values[r as usize] * s)
                .collect()
        } else {
            Vec::new()
        };
        let col_duals = reduced
            .col_duals
            .as_ref()
            .map(|d| self.col_to.iter().map(|&r| d[r as usize]).collect());
        let row_duals = reduced
            .row_duals
            .as_ref()
            .map(|d| self.row_to.iter().map(|&r| d[r as usize]).collect());
        Outcome {
            col_values,
            col_duals,
            row_duals,
            ..reduced
        }
    }

    /// Column `j` of the whole programme in the reduced one.
    pub fn column(&self, j: usize) -> usize {
        self.col_to.get(j).map_or(j, |&r| r as usize)
    }

    /// The row of the reduced programme that stands for row `r` of the whole one.
    pub fn row(&self, r: usize) -> usize {
        self.row_to.get(r).map_or(r, |&x| x as usize)
    }

    /// Whether row `r` of the whole programme is the own row of a group of two or more
    /// (its ranging is the group's, not the member's).
    pub fn grouped_row(&self, r: usize) -> bool {
        self.row_grouped.get(r).copied().unwrap_or(false)
    }

    /// Whether column `j` of the whole programme belongs to a group of two or more.
    pub fn grouped_column(&self, j: usize) -> bool {
        self.col_share.get(j).is_some_and(|&s| s < 1.0)
    }
}
