//! stockland's own sparse representation of a linear programme: named columns and named
//! rows with bounds, an objective, and the matrix as compressed sparse columns.
//!
//! Rows are built one at a time ([`Builder::begin_row`], [`Builder::add`],
//! [`Builder::end_row`]); a column added twice to the same row has its coefficients merged
//! in O(1) through a stamp array (no hashing), and the finished row-wise matrix is transposed
//! to compressed sparse columns in O(nnz).

use crate::instance::uses::LandUse;
use crate::policy::RowRef;
use serde::Serialize;

/// What a column stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnKey {
    /// `x[u,k]`: km² of stock unit `u` turned to use `k`.
    Alloc { unit: u32, land_use: LandUse },
    /// `y[s,k]`: km² of new construction for use `k` at site `s`.
    Build { site: u32, land_use: LandUse },
    /// `c[p]`: km² of new arable from consolidation project `p`.
    Consolidate { project: u32 },
    /// Violation of soft row `row` below its lower bound (`up = false`) or above its upper
    /// bound (`up = true`).
    Slack { row: u32, up: bool },
    /// An accounting total (see [`Total`]), defined by its own `total[...]` row.
    Total(Total),
    /// `f[u,s]`: km² of linkage quota from withdrawal unit `u` to site `s`.
    Flow { unit: u32, site: u32 },
    /// `f[p,s]`: km² of linkage quota from pool `p` ([`Programme::pools`]) to site `s`.
    PoolFlow { pool: u32, site: u32 },
    /// `r[u,s]`: km² of affordable-housing land at site `s` for people resettled from `u`.
    Resettle { unit: u32, site: u32 },
    /// Whole-unit binary: unit `u` redeveloped whole (1) or not at all (0).
    Whole { unit: u32 },
    /// Whole-unit binary: linkage edge (u, s) used (1) or not (0).
    EdgeUsed { unit: u32, site: u32 },
    /// `x@year`: the part of decision column `column` done in year index `t` ≥ 1 (calendar
    /// year `year`), when the model has years ([`crate::policy::years`]); the decision
    /// column itself is then the part done in the first year.
    Year { column: u32, t: u16, year: u16 },
    /// `rebase[level]`: in a re-plan, what was observed of a level less what the plan's
    /// decisions give by then ([`crate::plan::Past`]).
    Rebase(crate::policy::Level),
}

/// Accounting totals: auxiliary columns, each defined by an equality row
/// `total[...]`: column − Σ(its terms) = 0. City-wide rules are stated on these few totals
/// instead of on every unit and site column, which keeps each column in two or three rows
/// rather than a dozen (a dense block that slows interior point and simplex alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Total {
    /// Σ_{u in zone} `x[u,k]`
    Stock { zone: u32, land_use: LandUse },
    /// Σ_{s in zone} `y[s,k]`
    New { zone: u32, land_use: LandUse },
    /// Arable occupied by new construction: Σ_s a_s Σ_k `y[s,k]`
    Occupied,
    /// Quality-weighted arable occupied: Σ_s w(g_s) a_s Σ_k `y[s,k]`
    OccupiedQuality,
    /// Quality-weighted arable reclaimed: Σ_u w(g_u) `x[u,arable]`
    ReclaimedQuality,
    /// Basic farmland occupied: Σ_s b_s Σ_k `y[s,k]`
    BasicFarmlandOccupied,
    /// Linkage quota used: Σ_e `f[e]`
    Linkage,
}

/// A row's name: a rule row, or the definition row of an accounting total
/// (`total[...]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RowName {
    Rule(RowRef),
    Total(Total),
    /// The `i`-th locked aggregate of the run.
    Lock(u32),
    /// `bound[col]`: with years, decision column `col`'s own bound on the sum of its years.
    Phase(u32),
    /// `actual[scope.account@year]`: in a re-plan, an observation of the past
    /// ([`crate::plan::Past`]).
    Actual {
        year: u16,
        scope: crate::plan::Scope,
        account: crate::plan::actuals::Account,
    },
}

impl RowName {
    /// The rule row, `None` for a total's definition.
    pub fn rule_row(&self) -> Option<RowRef> {
        match self {
            RowName::Rule(r) => Some(*r),
            RowName::Total(_) | RowName::Lock(_) | RowName::Phase(_) | RowName::Actual { .. } => {
                None
            }
        }
    }
}

/// Size of a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ProgrammeSize {
    pub columns: usize,
    pub rows: usize,
    pub nonzeros: usize,
}

/// The smallest and largest magnitude of the non-zero, finite numbers of one kind: what a
/// solver's scaling has to bridge (`None`: no such number).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Span {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Span {
    fn of(values: impl Iterator<Item = f64>) -> Span {
        let mut s = Span::default();
        for v in values.map(f64::abs).filter(|v| *v > 0.0 && v.is_finite()) {
            s.min = Some(s.min.map_or(v, |m: f64| m.min(v)));
            s.max = Some(s.max.map_or(v, |m: f64| m.max(v)));
        }
        s
    }
    /// max / min, the span in orders of magnitude's terms.
    pub fn ratio(&self) -> Option<f64> {
        Some(self.max? / self.min?)
    }
}

/// Coefficient ranges of a programme: matrix, objective, column bounds, row bounds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Numerics {
    pub matrix: Span,
    pub costs: Span,
    pub bounds: Span,
    pub rhs: Span,
}

/// A finished programme. The objective is maximised.
///
/// Sound by construction: its arrays are the crate's to write (the [`Builder`], decoding,
/// the analyses that move bounds), read outside through the accessors of the same names;
/// outside the crate a programme comes only from a [`Builder`] or a prepared run. A solver
/// session checks the shape again before it hands the arrays to HiGHS
/// ([`Programme::shape_problem`]).
#[derive(Debug, Clone)]
pub struct Programme {
    pub(crate) columns: Vec<ColumnKey>,
    pub(crate) col_lower: Vec<f64>,
    pub(crate) col_upper: Vec<f64>,
    pub(crate) col_cost: Vec<f64>,
    pub(crate) col_integer: Vec<bool>,
    pub(crate) rows: Vec<RowName>,
    /// Bounds on the row activity `a·x`.
    pub(crate) row_lower: Vec<f64>,
    pub(crate) row_upper: Vec<f64>,
    /// Constant added to the activity to give the rule's reported value (an account's
    /// baseline, for instance): value = a·x + offset.
    pub(crate) row_offset: Vec<f64>,
    /// Penalty per unit of violation for soft rows, `None` for hard ones.
    pub(crate) row_penalty: Vec<Option<f64>>,
    /// Compressed sparse columns: column `j` has entries `col_start[j]..col_start[j+1]`.
    pub(crate) col_start: Vec<usize>,
    pub(crate) row_index: Vec<u32>,
    pub(crate) value: Vec<f64>,
    /// The linkage network's pools of withdrawal units, which [`ColumnKey::PoolFlow`]
    /// indexes: its flow is split back over their units when the answer is decoded.
    pub(crate) pools: Vec<crate::network::Pool>,
    /// With years and pooled units: how the years' pooled flows are split over the units.
    pub(crate) quota_years: Option<QuotaYears>,
    /// The model's years when it has more than one: decision columns are then their first
    /// year's part, with a [`ColumnKey::Year`] column for each later year.
    pub(crate) years: Option<crate::policy::Years>,
}

/// The linkage's terms in time for splitting pooled flows year by year: quota per km²
/// reclaimed and the turnover deadline in years (the plan's length when no
/// `turnover_quota`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct QuotaYears {
    pub ratio: f64,
    pub deadline_years: usize,
}

/// The empty programme: no column, no row (`col_start = [0]`, as every programme has).
impl Default for Programme {
    fn default() -> Programme {
        Programme {
            columns: Vec::new(),
            col_lower: Vec::new(),
            col_upper: Vec::new(),
            col_cost: Vec::new(),
            col_integer: Vec::new(),
            rows: Vec::new(),
            row_lower: Vec::new(),
            row_upper: Vec::new(),
            row_offset: Vec::new(),
            row_penalty: Vec::new(),
            col_start: vec![0],
            row_index: Vec::new(),
            value: Vec::new(),
            pools: Vec::new(),
            quota_years: None,
            years: None,
        }
    }
}

impl Programme {
    /// Move row `r`'s bounds (on its activity); refused for a row the programme lacks.
    pub fn set_row_bounds(&mut self, r: usize, lower: f64, upper: f64) -> crate::error::Result<()> {
        if r >= self.rows.len() {
            return Err(crate::error::Error::Options(format!(
                "row {r} of a programme of {} rows",
                self.rows.len()
            )));
        }
        self.row_lower[r] = lower;
        self.row_upper[r] = upper;
        Ok(())
    }

    /// What is inconsistent in the arrays, if anything: every column array one entry per
    /// column, every row array one per row, `col_start` non-decreasing from 0 to the number
    /// of entries, `row_index` and `value` of equal length, every row index below
    /// `rows_in_model` (the programme's own rows, or a solver session's when columns are
    /// added to it), and every count within a solver's 32-bit indices.
    pub fn shape_problem(&self, rows_in_model: usize) -> Option<String> {
        let (n, m, nnz) = (self.columns.len(), self.rows.len(), self.value.len());
        for (name, len) in [
            ("col_lower", self.col_lower.len()),
            ("col_upper", self.col_upper.len()),
            ("col_cost", self.col_cost.len()),
            ("col_integer", self.col_integer.len()),
        ] {
            if len != n {
                return Some(format!("{name} has {len} entries for {n} columns"));
            }
        }
        for (name, len) in [
            ("row_lower", self.row_lower.len()),
            ("row_upper", self.row_upper.len()),
            ("row_offset", self.row_offset.len()),
            ("row_penalty", self.row_penalty.len()),
        ] {
            if len != m {
                return Some(format!("{name} has {len} entries for {m} rows"));
            }
        }
        if self.col_start.len() != n + 1 {
            return Some(format!(
                "col_start has {} entries for {n} columns (expected {})",
                self.col_start.len(),
                n + 1
            ));
        }
        if self.row_index.len() != nnz {
            return Some(format!(
                "row_index has {} entries and value {nnz}",
                self.row_index.len()
            ));
        }
        if self.col_start[0] != 0 || self.col_start[n] != nnz {
            return Some(format!(
                "col_start runs from {} to {} (expected 0 to {nnz})",
                self.col_start[0], self.col_start[n]
            ));
        }
        if let Some(j) = (0..n).find(|&j| self.col_start[j] > self.col_start[j + 1]) {
            return Some(format!("col_start decreases at column {j}"));
        }
        if let Some(k) = self
            .row_index
            .iter()
            .position(|&r| r as usize >= rows_in_model)
        {
            return Some(format!(
                "entry {k} names row {} of {rows_in_model}",
                self.row_index[k]
            ));
        }
        let limit = i32::MAX as usize;
        if n > limit || rows_in_model > limit || nnz > limit {
            return Some(format!(
                "{n} columns, {rows_in_model} rows and {nnz} entries exceed a solver's 32-bit indices"
            ));
        }
        None
    }

    pub fn columns(&self) -> &[ColumnKey] {
        &self.columns
    }
    pub fn col_lower(&self) -> &[f64] {
        &self.col_lower
    }
    pub fn col_upper(&self) -> &[f64] {
        &self.col_upper
    }
    pub fn col_cost(&self) -> &[f64] {
        &self.col_cost
    }
    pub fn col_integer(&self) -> &[bool] {
        &self.col_integer
    }
    pub fn rows(&self) -> &[RowName] {
        &self.rows
    }
    pub fn row_lower(&self) -> &[f64] {
        &self.row_lower
    }
    pub fn row_upper(&self) -> &[f64] {
        &self.row_upper
    }
    pub fn row_offset(&self) -> &[f64] {
        &self.row_offset
    }
    pub fn row_penalty(&self) -> &[Option<f64>] {
        &self.row_penalty
    }
    pub fn col_start(&self) -> &[usize] {
        &self.col_start
    }
    pub fn row_index(&self) -> &[u32] {
        &self.row_index
    }
    pub fn value(&self) -> &[f64] {
        &self.value
    }
    /// The linkage pools [`ColumnKey::PoolFlow`] indexes.
    pub fn pools(&self) -> &[crate::network::Pool] {
        &self.pools
    }
    pub fn num_cols(&self) -> usize {
        self.columns.len()
    }
    pub fn num_rows(&self) -> usize {
        self.rows.len()
    }
    pub fn num_nonzeros(&self) -> usize {
        self.value.len()
    }
    /// The coefficient ranges (see [`Numerics`]).
    pub fn numerics(&self) -> Numerics {
        Numerics {
            matrix: Span::of(self.value.iter().copied()),
            costs: Span::of(self.col_cost.iter().copied()),
            bounds: Span::of(self.col_lower.iter().chain(&self.col_upper).copied()),
            rhs: Span::of(self.row_lower.iter().chain(&self.row_upper).copied()),
        }
    }

    /// Columns, rows and non-zeros.
    pub fn size(&self) -> ProgrammeSize {
        ProgrammeSize {
            columns: self.num_cols(),
            rows: self.num_rows(),
            nonzeros: self.num_nonzeros(),
        }
    }
    /// Row activities `A·x` for a column vector.
    pub fn activities(&self, x: &[f64]) -> Vec<f64> {
        let mut act = vec![0.0; self.num_rows()];
        for (j, &xj) in x.iter().enumerate() {
            if xj != 0.0 {
                for p in self.col_start[j]..self.col_start[j + 1] {
                    act[self.row_index[p] as usize] += self.value[p] * xj;
                }
            }
        }
        act
    }
    /// Objective value `c·x`.
    pub fn objective(&self, x: &[f64]) -> f64 {
        self.col_cost.iter().zip(x).map(|(c, v)| c * v).sum()
    }
}

/// Builds a [`Programme`] row by row.
#[derive(Debug, Default)]
pub struct Builder {
    p: Programme,
    // row-wise storage while building
    row_start: Vec<usize>,
    entries_col: Vec<u32>,
    entries_val: Vec<f64>,
    // stamp[col] = 1 + index of the row that last touched col; slot[col] = its entry index
    stamp: Vec<u32>,
    slot: Vec<u32>,
    open: bool,
    /// With years: the first of each decision column's later-year columns (`u32::MAX`
    /// for a column without), and the number of later years.
    later: Vec<u32>,
    later_years: u32,
}

impl Builder {
    pub fn new() -> Builder {
        Builder {
            row_start: vec![0],
            ..Default::default()
        }
    }

    /// Narrow column `j`'s bounds to [lower, upper] (intersected with its own).
    pub fn tighten(&mut self, j: u32, lower: f64, upper: f64) {
        let j = j as usize;
        self.p.col_lower[j] = self.p.col_lower[j].max(lower);
        self.p.col_upper[j] = self.p.col_upper[j].min(upper);
    }

    /// Set column `j`'s upper bound.
    pub fn set_upper(&mut self, j: u32, upper: f64) {
        self.p.col_upper[j as usize] = upper;
    }

    /// Column `j`'s bounds as they stand.
    pub fn col_bounds(&self, j: u32) -> (f64, f64) {
        (self.p.col_lower[j as usize], self.p.col_upper[j as usize])
    }

    /// Column `j`'s objective coefficient as it stands.
    pub fn cost(&self, j: u32) -> f64 {
        self.p.col_cost[j as usize]
    }

    /// The key of column `j`.
    pub fn key(&self, j: u32) -> ColumnKey {
        self.p.columns[j as usize]
    }

    /// Mark column `j` integer.
    pub fn set_integer(&mut self, j: u32) {
        self.p.col_integer[j as usize] = true;
    }

    /// Add a column; returns its index.
    pub fn column(&mut self, key: ColumnKey, lower: f64, upper: f64, cost: f64) -> u32 {
        let j = self.p.columns.len() as u32;
        self.p.columns.push(key);
        self.p.col_lower.push(lower);
        self.p.col_upper.push(upper);
        self.p.col_cost.push(cost);
        self.p.col_integer.push(false);
        self.stamp.push(0);
        self.slot.push(0);
        j
    }

    pub fn num_cols(&self) -> usize {
        self.p.columns.len()
    }
    pub fn num_rows(&self) -> usize {
        self.p.rows.len()
    }

    /// Start a row `lower ≤ a·x + offset ≤ upper` named `name`; `lower`/`upper` are the
    /// rule's bounds on its value (±∞ for none). `penalty` makes it soft.
    pub fn begin_row(
        &mut self,
        name: RowName,
        lower: f64,
        upper: f64,
        offset: f64,
        penalty: Option<f64>,
    ) {
        assert!(!self.open, "begin_row while a row is open");
        self.open = true;
        self.p.rows.push(name);
        self.p.row_lower.push(lower - offset);
        self.p.row_upper.push(upper - offset);
        self.p.row_offset.push(offset);
        self.p.row_penalty.push(penalty);
    }

    /// With years: decision column `j`'s later years are the `n` columns from `start`, and
    /// from now on [`Builder::add`] of `j` adds all its years.
    pub fn set_later_years(&mut self, j: u32, start: u32, n: u32) {
        if self.later.len() <= j as usize {
            self.later.resize(j as usize + 1, u32::MAX);
        }
        self.later[j as usize] = start;
        self.later_years = n;
    }

    /// Add `coef · column` to the open row; with years, a decision column stands for the
    /// sum of its years, and each year's column is added.
    #[inline]
    pub fn add(&mut self, col: u32, coef: f64) {
        if let Some(&start) = self.later.get(col as usize).filter(|&&s| s != u32::MAX) {
            for i in 0..self.later_years {
                self.add_raw(start + i, coef);
            }
        }
        self.add_raw(col, coef);
    }

    /// Add `coef · column` to the open row, that column alone (with years: a decision
    /// column's first year), merging with an earlier entry of the column.
    #[inline]
    pub fn add_raw(&mut self, col: u32, coef: f64) {
        debug_assert!(self.open);
        let stamp = self.p.rows.len() as u32; // 1 + current row index
        let c = col as usize;
        if self.stamp[c] == stamp {
            self.entries_val[self.slot[c] as usize] += coef;
        } else {
            self.stamp[c] = stamp;
            self.slot[c] = self.entries_col.len() as u32;
            self.entries_col.push(col);
            self.entries_val.push(coef);
        }
    }

    /// Close the open row.
    pub fn end_row(&mut self) {
        assert!(self.open, "end_row without begin_row");
        self.open = false;
        self.row_start.push(self.entries_col.len());
    }

    /// Finish: add slack columns for soft rows and transpose to compressed sparse columns.
    pub fn finish(mut self) -> Programme {
        assert!(!self.open, "finish while a row is open");
        // Soft rows: slack columns, entered as extra triplets.
        let mut extra: Vec<(u32, u32, f64)> = Vec::new(); // (col, row, val)
        for r in 0..self.p.rows.len() {
            if let Some(pen) = self.p.row_penalty[r] {
                let (lo, hi) = (self.p.row_lower[r], self.p.row_upper[r]);
                if lo.is_finite() {
                    let j = self.column(
                        ColumnKey::Slack {
                            row: r as u32,
                            up: false,
                        },
                        0.0,
                        f64::INFINITY,
                        -pen,
                    );
                    extra.push((j, r as u32, 1.0));
                }
                if hi.is_finite() {
                    let j = self.column(
                        ColumnKey::Slack {
                            row: r as u32,
                            up: true,
                        },
                        0.0,
                        f64::INFINITY,
                        -pen,
                    );
                    extra.push((j, r as u32, -1.0));
                }
            }
        }
        let ncols = self.p.columns.len();
        let mut count = vec![0usize; ncols + 1];
        for (k, &c) in self.entries_col.iter().enumerate() {
            if self.entries_val[k] != 0.0 {
                count[c as usize + 1] += 1;
            }
        }
        for &(c, _, _) in &extra {
            count[c as usize + 1] += 1;
        }
        for j in 0..ncols {
            count[j + 1] += count[j];
        }
        let nnz = count[ncols];
        let mut next = count.clone();
        let mut row_index = vec![0u32; nnz];
        let mut value = vec![0.0; nnz];
        for r in 0..self.p.rows.len() {
            for k in self.row_start[r]..self.row_start[r + 1] {
                let v = self.entries_val[k];
                if v != 0.0 {
                    let c = self.entries_col[k] as usize;
                    row_index[next[c]] = r as u32;
                    value[next[c]] = v;
                    next[c] += 1;
                }
            }
        }
        for (c, r, v) in extra {
            let c = c as usize;
            row_index[next[c]] = r;
            value[next[c]] = v;
            next[c] += 1;
        }
        self.p.col_start = count;
        self.p.row_index = row_index;
        self.p.value = value;
        // the column and row arrays grew by doubling: give back what they do not hold (a
        // million-unit programme keeps them for the whole run)
        let p = &mut self.p;
        p.columns.shrink_to_fit();
        p.col_lower.shrink_to_fit();
        p.col_upper.shrink_to_fit();
        p.col_cost.shrink_to_fit();
        p.col_integer.shrink_to_fit();
        p.rows.shrink_to_fit();
        p.row_lower.shrink_to_fit();
        p.row_upper.shrink_to_fit();
        p.row_offset.shrink_to_fit();
        p.row_penalty.shrink_to_fit();
        self.p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(w: &str) -> RowName {
        use crate::policy::{Part, RuleId};
        let part = if w == "a" { Part::Min } else { Part::Max };
        RowName::Rule(RowRef::whole(RuleId::SupplyCap).part(part))
    }

    #[test]
    fn repeated_coefficients_merge_and_zeros_drop() {
        let mut b = Builder::new();
        let x = b.column(ColumnKey::Consolidate { project: 0 }, 0.0, 1.0, 1.0);
        let y = b.column(ColumnKey::Consolidate { project: 1 }, 0.0, 1.0, 1.0);
        b.begin_row(name("a"), f64::NEG_INFINITY, 5.0, 0.0, None);
        b.add(x, 1.0);
        b.add(y, 2.0);
        b.add(x, 0.5);
        b.end_row();
        b.begin_row(name("b"), 1.0, 1.0, 0.0, None);
        b.add(y, 1.0);
        b.add(y, -1.0); // cancels
        b.add(x, 3.0);
        b.end_row();
        let p = b.finish();
        assert_eq!(p.col_start, vec![0, 2, 3]);
        assert_eq!(p.row_index, vec![0, 1, 0]);
        assert_eq!(p.value, vec![1.5, 3.0, 2.0]);
        assert_eq!(p.activities(&[1.0, 1.0]), vec![3.5, 3.0]);
    }

    #[test]
    fn offset_moves_bounds_and_soft_rows_get_slacks() {
        let mut b = Builder::new();
        let x = b.column(ColumnKey::Consolidate { project: 0 }, 0.0, 10.0, 0.0);
        b.begin_row(name("a"), 100.0, 120.0, 90.0, Some(7.0));
        b.add(x, 1.0);
        b.end_row();
        let p = b.finish();
        assert_eq!((p.row_lower[0], p.row_upper[0]), (10.0, 30.0));
        assert_eq!(p.num_cols(), 3);
        assert_eq!(p.col_cost[1..], [-7.0, -7.0]);
        assert_eq!(p.value, vec![1.0, 1.0, -1.0]);
    }
}
