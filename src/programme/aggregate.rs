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
/// Only the kinds [`owner_of`] gives an owner (and soft rows' slacks) occur.
fn canonical(key: &ColumnKey) -> (u8, u32) {
    match *key {
        ColumnKey::Alloc { land_use, .. } => (0, land_use.index() as u32),
        ColumnKey::Build { land_use, .. } => (1, land_use.index() as u32),
        ColumnKey::Flow { site, .. } => (2, site),
        ColumnKey::Resettle { site, .. } => (3, site),
        ColumnKey::Slack { up, .. } => (4, up as u32),
        _ => (5, 0), // never owned
    }
}

/// Who owns each column and row of a programme: a unit, a site, or no one ([`NONE`] for a
/// column, [`SHARED`] for a row that more than one owner meets); and each owner's columns,
/// `block[start[o]..start[o + 1]]`, in canonical order once [`Groups::find`] has sorted them.
struct Owners {
    col: Vec<u32>,
    row: Vec<u32>,
    start: Vec<usize>,
    block: Vec<u32>,
}

impl Owners {
    fn of(p: &Programme, units: u32, owners: usize) -> Owners {
        // the decision columns' owners, then the rows', then the soft rows' slacks'
        let mut col: Vec<u32> = p.columns.iter().map(|k| owner_of(k, units)).collect();
        let mut row = vec![NONE; p.num_rows()];
        for (j, &owner) in col.iter().enumerate() {
            if matches!(p.columns[j], ColumnKey::Slack { .. }) {
                continue;
            }
            let o = if owner == NONE { SHARED } else { owner };
            for &r in &p.row_index[p.col_start[j]..p.col_start[j + 1]] {
                let r = r as usize;
                row[r] = match row[r] {
                    NONE => o,
                    x if x == o => o,
                    _ => SHARED,
                };
            }
        }
        for (owner, key) in col.iter_mut().zip(&p.columns) {
            if let ColumnKey::Slack { row: r, .. } = *key {
                let o = row[r as usize];
                *owner = if o == SHARED { NONE } else { o };
            }
        }
        // each owner's columns together (a counting sort by owner)
        let mut start = vec![0usize; owners + 1];
        for &o in col.iter().filter(|&&o| o != NONE) {
            start[o as usize + 1] += 1;
        }
        for o in 0..owners {
            start[o + 1] += start[o];
        }
        let mut block = vec![0u32; start[owners]];
        let mut next = start.clone();
        for (j, &o) in col.iter().enumerate().filter(|(_, &o)| o != NONE) {
            block[next[o as usize]] = j as u32;
            next[o as usize] += 1;
        }
        Owners {
            col,
            row,
            start,
            block,
        }
    }

    fn columns(&self, o: usize) -> &[u32] {
        &self.block[self.start[o]..self.start[o + 1]]
    }
}

/// The groups of interchangeable owners: each owner's group (`NONE` for an owner without
/// columns), each group's first member, size and summed scale, and each owner's own rows in
/// its local order.
struct Groups {
    of: Vec<u32>,
    first: Vec<u32>,
    size: Vec<u32>,
    scale: Vec<f64>,
    own_rows: Vec<Vec<u32>>,
}

impl Groups {
    /// Group the owners by their blocks per unit of `scale`; the owners `apart` stay alone.
    fn find(
        p: &Programme,
        owners: &mut Owners,
        scale: &dyn Fn(usize) -> f64,
        apart: &[bool],
    ) -> Groups {
        let n_owners = apart.len();
        let mut local = vec![NONE; p.num_rows()];
        let mut seen: HashMap<Vec<u64>, u32> = HashMap::new();
        let mut g = Groups {
            of: vec![NONE; n_owners],
            first: Vec::new(),
            size: Vec::new(),
            scale: Vec::new(),
            own_rows: vec![Vec::new(); n_owners],
        };
        let mut sig = Vec::new();
        for (o, &alone) in apart.iter().enumerate() {
            let (s, e) = (owners.start[o], owners.start[o + 1]);
            if s == e {
                continue;
            }
            owners.block[s..e].sort_by_key(|&j| (canonical(&p.columns[j as usize]), j));
            let a = scale(o);
            let rows = signature(
                p,
                o as u32,
                &owners.block[s..e],
                &owners.row,
                &mut local,
                a,
                &mut sig,
            );
            g.own_rows[o] = rows;
            let next = g.first.len() as u32;
            let group = if alone || !(a.is_finite() && a > 0.0) {
                next
            } else {
                *seen.entry(sig.clone()).or_insert(next)
            };
            if group == next {
                g.first.push(o as u32);
                g.size.push(0);
                g.scale.push(0.0);
            }
            g.of[o] = group;
            g.size[group as usize] += 1;
            g.scale[group as usize] += a;
        }
        g
    }

    /// (owners with columns, groups) among `range`.
    fn count(&self, range: std::ops::Range<usize>) -> (usize, usize) {
        let mut with: Vec<u32> = self.of[range]
            .iter()
            .copied()
            .filter(|&g| g != NONE)
            .collect();
        let owners = with.len();
        with.sort_unstable();
        with.dedup();
        (owners, with.len())
    }
}

/// Owner `o`'s block per unit of its scale `a` into `sig` (cleared first), its columns
/// `cols` in canonical order: each column's place, cost, bounds per unit and entries (a
/// shared row by its index, an own row by its local number), then each own row's bounds per
/// unit and penalty. Returns the own rows in local order (numbered in `local`).
fn signature(
    p: &Programme,
    o: u32,
    cols: &[u32],
    row_owner: &[u32],
    local: &mut [u32],
    a: f64,
    sig: &mut Vec<u64>,
) -> Vec<u32> {
    sig.clear();
    let mut rows = Vec::new();
    for &j in cols {
        let j = j as usize;
        let (kind, place) = canonical(&p.columns[j]);
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
            let tag = if row_owner[r] == o {
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
    rows
}

impl Aggregation {
    /// Merge `p`'s interchangeable units and sites; `keep_apart` lists columns whose owners
    /// stay alone (locked ones). `None` where aggregation does not apply (a MIP, years).
    pub fn of(inst: &Instance, p: &Programme, keep_apart: &[usize]) -> Option<Aggregation> {
        if p.years.is_some() || p.col_integer.iter().any(|&b| b) {
            return None;
        }
        let t0 = std::time::Instant::now();
        let n_units = inst.units.len();
        let n_owners = n_units + inst.sites.len();
        let scale = |o: usize| {
            if o < n_units {
                inst.units[o].area_km2
            } else {
                inst.sites[o - n_units].capacity_km2
            }
        };
        let owners = Owners::of(p, n_units as u32, n_owners);
        let mut apart = vec![false; n_owners];
        for &j in keep_apart {
            if let Some(&o) = owners.col.get(j).filter(|&&o| o != NONE) {
                apart[o as usize] = true;
            }
        }
        let mut agg = Aggregation::by_scale(p, owners, n_units, &scale, &apart);
        agg.summary.aggregate_seconds = t0.elapsed().as_secs_f64();
        Some(agg)
    }

    /// [`Aggregation::of`] with the owners found, the first `n_units` of them units, each
    /// owner's scale given by `scale`, and those `apart` kept alone.
    fn by_scale(
        p: &Programme,
        mut owners: Owners,
        n_units: usize,
        scale: &dyn Fn(usize) -> f64,
        apart: &[bool],
    ) -> Aggregation {
        let groups = Groups::find(p, &mut owners, scale, apart);
        let ((units, unit_groups), (sites, site_groups)) =
            (groups.count(0..n_units), groups.count(n_units..apart.len()));
        let mut agg = Aggregation {
            reduced: None,
            col_to: Vec::new(),
            col_share: Vec::new(),
            row_to: Vec::new(),
            row_grouped: Vec::new(),
            summary: AggregationSummary {
                units,
                unit_groups,
                sites,
                site_groups,
                columns: p.num_cols(),
                reduced_columns: p.num_cols(),
                nonzeros: p.num_nonzeros(),
                reduced_nonzeros: p.num_nonzeros(),
                aggregate_seconds: 0.0,
            },
        };
        if groups.size.iter().any(|&s| s > 1) {
            agg.reduce(p, &owners, &groups, scale);
        }
        agg
    }

    /// Build the reduced programme and the maps back from `groups`.
    fn reduce(
        &mut self,
        p: &Programme,
        owners: &Owners,
        groups: &Groups,
        scale: &dyn Fn(usize) -> f64,
    ) {
        let (n, m) = (p.num_cols(), p.num_rows());
        let mut keep = vec![true; n];
        let mut col_rep = (0..n as u32).collect::<Vec<u32>>();
        let mut col_share = vec![1.0; n];
        let mut row_rep = (0..m as u32).collect::<Vec<u32>>();
        let mut row_grouped = vec![false; m];
        let (mut lower, mut upper) = (p.col_lower.clone(), p.col_upper.clone());
        let (mut row_lower, mut row_upper) = (p.row_lower.clone(), p.row_upper.clone());
        for (o, &g) in groups.of.iter().enumerate() {
            if g == NONE || groups.size[g as usize] < 2 {
                continue;
            }
            let rep = groups.first[g as usize] as usize;
            let share = scale(o) / groups.scale[g as usize];
            for (&j, &r) in owners.columns(o).iter().zip(owners.columns(rep)) {
                let (j, r) = (j as usize, r as usize);
                col_rep[j] = r as u32;
                col_share[j] = share;
                if o != rep {
                    keep[j] = false;
                    lower[r] += p.col_lower[j];
                    upper[r] += p.col_upper[j];
                }
            }
            for (&i, &r) in groups.own_rows[o].iter().zip(&groups.own_rows[rep]) {
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
        self.row_to = row_rep.iter().map(|&r| new_row[r as usize]).collect();
        self.col_to = col_rep.iter().map(|&r| new_index[r as usize]).collect();
        self.col_share = col_share;
        self.row_grouped = row_grouped;
        self.summary.reduced_columns = reduced.num_cols();
        self.summary.reduced_nonzeros = reduced.num_nonzeros();
        self.reduced = Some(reduced);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Part, RowRef, RuleId};
    use crate::programme::sparse::{Builder, RowName};
    use crate::solution::{Backend, Status};

    fn row(part: Part) -> RowName {
        RowName::Rule(RowRef::whole(RuleId::SupplyCap).part(part))
    }

    /// Three units of one use, areas 1, 3 and 2: the first two worth 5 per km², the third
    /// 4; a capacity row each (`x[u] ≤ area`) and a shared cap `Σ x ≤ 2.5`.
    fn three_units() -> (Programme, [f64; 3]) {
        let areas = [1.0, 3.0, 2.0];
        let k = crate::instance::uses::Uses::builtin().all()[0];
        let mut b = Builder::new();
        let cols: Vec<u32> = (0..3)
            .map(|u| {
                let cost = if u == 2 { 4.0 } else { 5.0 };
                b.column(
                    ColumnKey::Alloc {
                        unit: u,
                        land_use: k,
                    },
                    0.0,
                    f64::INFINITY,
                    cost,
                )
            })
            .collect();
        for (u, &j) in cols.iter().enumerate() {
            b.begin_row(row(Part::Max), f64::NEG_INFINITY, areas[u], 0.0, None);
            b.add(j, 1.0);
            b.end_row();
        }
        b.begin_row(row(Part::Min), f64::NEG_INFINITY, 2.5, 0.0, None);
        for &j in &cols {
            b.add(j, 1.0);
        }
        b.end_row();
        (b.finish(), areas)
    }

    #[test]
    fn units_alike_per_km2_merge_and_split_back_by_area() {
        let (p, areas) = three_units();
        let owners = Owners::of(&p, 3, 3);
        assert_eq!(owners.row, vec![0, 1, 2, SHARED]);
        let agg = Aggregation::by_scale(&p, owners, 3, &|o| areas[o], &[false; 3]);
        assert_eq!((agg.summary.units, agg.summary.unit_groups), (3, 2));
        let r = agg.reduced.as_ref().unwrap();
        // units 0 and 1 as one column bounded by the summed capacity 4; unit 2 apart
        assert_eq!(r.num_cols(), 2);
        assert_eq!(r.num_rows(), 3);
        assert_eq!(
            (r.row_upper[0], r.row_upper[1], r.row_upper[2]),
            (4.0, 2.0, 2.5)
        );
        // the reduced optimum by hand: 2.5 of the group (worth 5), none of unit 2; its duals:
        // the shared cap 5, the capacity rows 0
        let reduced = Outcome {
            status: Status::Optimal,
            backend: Backend::Highs,
            method: None,
            objective: Some(12.5),
            col_values: vec![2.5, 0.0],
            row_duals: Some(vec![0.0, 0.0, 5.0]),
            col_duals: Some(vec![0.0, -1.0]),
            mip_gap: None,
            simplex_iterations: None,
            ipm_iterations: None,
            solve_seconds: 0.0,
        };
        let whole = agg.expand(reduced);
        assert_eq!(whole.col_values, vec![0.625, 1.875, 0.0]);
        // every unit's own row holds, the shared row keeps its activity and the objective
        let act = p.activities(&whole.col_values);
        for (a, hi) in act.iter().zip(&p.row_upper).take(3) {
            assert!(*a <= hi + 1e-12);
        }
        assert!((act[3] - 2.5).abs() < 1e-12);
        assert!((p.objective(&whole.col_values) - 12.5).abs() < 1e-12);
        assert_eq!(whole.row_duals, Some(vec![0.0, 0.0, 0.0, 5.0]));
        assert_eq!(whole.col_duals, Some(vec![0.0, 0.0, -1.0]));
        assert!(agg.grouped_row(1) && !agg.grouped_row(2) && !agg.grouped_row(3));
        assert!(agg.grouped_column(0) && !agg.grouped_column(2));
    }

    #[test]
    fn a_unit_kept_apart_or_without_area_is_not_merged() {
        let (p, areas) = three_units();
        let owners = Owners::of(&p, 3, 3);
        let agg = Aggregation::by_scale(&p, owners, 3, &|o| areas[o], &[true, false, false]);
        assert_eq!(agg.summary.unit_groups, 3);
        assert!(agg.reduced.is_none());
        let owners = Owners::of(&p, 3, 3);
        let agg = Aggregation::by_scale(&p, owners, 3, &|o| [0.0, 3.0, 2.0][o], &[false; 3]);
        assert_eq!(agg.summary.unit_groups, 3);
    }

    #[test]
    fn the_grid_matches_within_a_part_in_a_trillion_only() {
        let a = 0.3 * 1.7;
        assert_eq!(grid(a / 1.7), grid(0.3 * 2.9 / 2.9));
        assert_ne!(grid(0.3), grid(0.3 * (1.0 + 1e-9)));
        assert_eq!(grid(0.0), grid(-0.0));
        assert_eq!(grid(f64::INFINITY), f64::INFINITY.to_bits());
    }
}
