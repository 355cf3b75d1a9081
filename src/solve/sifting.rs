//! Solving a large allocation LP by fixing the units whose choice the prices of the
//! city-wide rows already settle, and proving the result optimal.
//!
//! An allocation programme is block-angular: a stock unit's columns `x[u,k]` meet one row of
//! their own (`Σ_k x[u,k] ≤ area(u)`, or `=` with `full`) and the few hundred rows every unit
//! shares (zone targets, supply caps, mixes, accounts: the *coupling* rows). Given prices
//! `y` of the coupling rows, each unit's best allocation is a tiny LP solved greedily: fill
//! its uses in order of reduced profit `r[u,k] = c[u,k] − Σ_i y_i a[i,(u,k)]` while it is
//! positive (or until the area is used, for `full`). Most units' choice does not hang on the
//! last digit of the prices: the margin by which the best choice beats the next one is wide.
//!
//! 1. Prices from a proxy: a sample of the units (every k-th, about
//!    [`Settings::sample_units`]), each standing for k units (area and bounds × k), with
//!    every other column of the programme.
//! 2. Fix every unit whose margin at those prices is wide, at its greedy allocation; keep the
//!    narrowest margins free ([`Settings`]).
//!    The fixed units' use of each coupling row moves into that row's bounds.
//! 3. Solve the restricted LP (the free units, every other column, the coupling rows).
//! 4. Check every fixed unit at the new prices: its fixed allocation must be optimal for its
//!    own row (there is a price μ_u ≥ 0 of the unit's row with `r[u,k]` ≤ μ_u where `x[u,k]` is
//!    below its bound, `r[u,k]` ≥ μ_u where it is above zero, μ_u = 0 where the area is not
//!    used). If every one passes, the prices and the μ_u are a dual solution of the whole
//!    programme that meets the combined answer with complementary slackness: it is optimal,
//!    not approximately so. Otherwise free the units that failed into the same HiGHS
//!    instance (their row and columns added, their use taken back out of the coupling rows'
//!    bounds) and go back to 3, which starts from the last basis (a restricted LP that comes
//!    out infeasible frees the narrowest half of the fixed units and starts afresh).
//!
//! The answer, its row prices and reduced costs are of the whole programme, and the plan
//! goes through the same independent check as any other. Ranging is not available (no basis
//! of the whole programme is formed). Applies to LPs whose every stock-unit column meets one
//! row of its own with unit coefficients; anything else (the linkage's per-village rows,
//! whole-unit binaries) is refused with the reason.

use super::{Method, Outcome, SolveOptions, Status};
use crate::error::{Error, Result};
use crate::programme::{ColumnKey, Programme};
use std::time::Instant;

/// How much of the programme sifting keeps free.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// Units in the proxy that gives the first prices (every k-th unit standing for k).
    pub sample_units: usize,
    /// The fewest units left free in the first restricted LP.
    pub min_free_units: usize,
    /// The share of the units left free, when more than `min_free_units`.
    pub free_share: f64,
}

impl Default for Settings {
    /// 20,000 units in the proxy; 20,000 units or 2 % free. Measured on the
    /// generated family without the linkage: at 104,622 units one fixed unit in 6,500
    /// failed its proof at the first prices, at 994,889 units one in 180.
    fn default() -> Settings {
        Settings {
            sample_units: 20_000,
            min_free_units: 20_000,
            free_share: 0.02,
        }
    }
}
/// Tolerance of the optimality test of a fixed unit, relative to its largest |r|.
const TOL: f64 = 1e-7;

fn refuse(why: impl Into<String>) -> Error {
    Error::Backend {
        backend: "highs",
        message: format!("--sift: {}", why.into()),
    }
}

/// A unit's block: its columns and its own row.
#[derive(Debug, Clone)]
struct Block {
    cols: Vec<usize>,
    row: usize,
}

/// The structure the method needs, read from the programme.
struct Structure {
    blocks: Vec<Block>,
    /// Whether each row is a unit's own row.
    own_row: Vec<bool>,
}

fn structure(p: &Programme) -> Result<Structure> {
    if p.col_integer.iter().any(|&b| b) {
        return Err(refuse("whole-unit mode is a MIP; sifting solves LPs"));
    }
    if p.columns
        .iter()
        .any(|k| matches!(k, ColumnKey::Year { .. }))
    {
        return Err(refuse(
            "a model with years ties every decision to its year columns, which sifting's unit blocks do not hold: solve without --sift",
        ));
    }
    let n = p.num_cols();
    let unit_of = |j: usize| match p.columns[j] {
        ColumnKey::Alloc { unit, .. } => Some(unit),
        _ => None,
    };
    // a row is a unit's own when every entry is a column of that one unit
    #[derive(Clone, Copy, PartialEq)]
    enum Owner {
        Empty,
        Unit(u32),
        Shared,
    }
    let mut owner = vec![Owner::Empty; p.num_rows()];
    for j in 0..n {
        for e in p.col_start[j]..p.col_start[j + 1] {
            let r = p.row_index[e] as usize;
            owner[r] = match (owner[r], unit_of(j)) {
                (Owner::Empty, Some(u)) => Owner::Unit(u),
                (Owner::Unit(v), Some(u)) if u == v => Owner::Unit(u),
                _ => Owner::Shared,
            };
        }
    }
    let units = p
        .columns
        .iter()
        .filter_map(|c| match c {
            ColumnKey::Alloc { unit, .. } => Some(*unit as usize + 1),
            _ => None,
        })
        .max()
        .unwrap_or(0);
    let mut blocks: Vec<Block> = vec![
        Block {
            cols: Vec::new(),
            row: usize::MAX
        };
        units
    ];
    for j in 0..n {
        let Some(u) = unit_of(j) else { continue };
        let b = &mut blocks[u as usize];
        b.cols.push(j);
        if p.col_lower[j] != 0.0 {
            return Err(refuse(format!(
                "column {j} of unit {u} has a lower bound {}; sifting needs 0",
                p.col_lower[j]
            )));
        }
        for e in p.col_start[j]..p.col_start[j + 1] {
            let r = p.row_index[e] as usize;
            if owner[r] == Owner::Unit(u) {
                if p.value[e] != 1.0 {
                    return Err(refuse(format!(
                        "row {r} of unit {u} has a coefficient {}; sifting needs Σ x ≤ area",
                        p.value[e]
                    )));
                }
                if b.row != usize::MAX && b.row != r {
                    return Err(refuse(format!(
                        "unit {u} has more than one row of its own (a lock, or a rule on that unit alone); sifting needs exactly one: solve without --sift"
                    )));
                }
                b.row = r;
            }
        }
    }
    let mut own_row = vec![false; p.num_rows()];
    for (u, b) in blocks.iter().enumerate() {
        if b.cols.is_empty() {
            continue;
        }
        if b.row == usize::MAX {
            return Err(refuse(format!("unit {u} has no row of its own")));
        }
        let (lo, hi) = (p.row_lower[b.row], p.row_upper[b.row]);
        if !(hi.is_finite() && hi >= 0.0 && (lo <= 0.0 || lo == hi)) {
            return Err(refuse(format!(
                "the row of unit {u} is [{lo}, {hi}]; sifting needs Σ x ≤ area or Σ x = area"
            )));
        }
        own_row[b.row] = true;
    }
    Ok(Structure { blocks, own_row })
}

/// A unit's best allocation at reduced profits `r` (by the block's columns): greedy over
/// its uses in order of `r`, while positive (or until the area is used, for `=` rows).
fn best(p: &Programme, b: &Block, r: &[f64]) -> Vec<f64> {
    let cap = p.row_upper[b.row];
    let full = p.row_lower[b.row] == cap;
    let mut order: Vec<usize> = (0..b.cols.len()).collect();
    order.sort_by(|&a, &c| r[c].total_cmp(&r[a]));
    let mut x = vec![0.0; b.cols.len()];
    let mut left = cap;
    for &k in &order {
        if left <= 0.0 || (!full && r[k] <= 0.0) {
            break;
        }
        let v = p.col_upper[b.cols[k]].min(left);
        x[k] = v;
        left -= v;
    }
    x
}

/// How far the reduced profits may move before allocation `x` stops being the unit's best:
/// the width of the interval of its row's price that proves it, or, where the area is not
/// all used (the price is 0), how far each profit is from 0.
fn margin(p: &Programme, b: &Block, x: &[f64], r: &[f64]) -> f64 {
    let (full, tight) = own_row(p, b, x);
    let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
    // the uses taken against the uses left: a use partly taken sets the row's price itself,
    // so the margin is the gap between the worst use taken and the best one left
    for (k, &v) in x.iter().enumerate() {
        if v == 0.0 && p.col_upper[b.cols[k]] > 0.0 {
            lo = lo.max(r[k]);
        }
        if v > 0.0 {
            hi = hi.min(r[k]);
        }
    }
    if full {
        hi - lo
    } else if tight {
        hi - lo.max(0.0)
    } else {
        hi.min(-lo)
    }
}

/// Whether the unit's own row is an equality (`full`), and whether allocation `x` uses its
/// whole area (to a relative 1e-12).
fn own_row(p: &Programme, b: &Block, x: &[f64]) -> (bool, bool) {
    let cap = p.row_upper[b.row];
    let used: f64 = x.iter().sum();
    (
        p.row_lower[b.row] == cap,
        used >= cap - (1e-12 * cap).max(1e-15),
    )
}

/// The interval of prices μ of the unit's row under which allocation `x` is optimal for the
/// unit at reduced profits `r` (empty when lo > hi).
fn price_interval(p: &Programme, b: &Block, x: &[f64], r: &[f64]) -> (f64, f64) {
    let (full, tight) = own_row(p, b, x);
    let tol = 1e-12 * p.row_upper[b.row].max(1e-300);
    let (mut lo, mut hi) = if full {
        (f64::NEG_INFINITY, f64::INFINITY)
    } else if tight {
        (0.0, f64::INFINITY)
    } else {
        (0.0, 0.0)
    };
    for (k, &v) in x.iter().enumerate() {
        let ub = p.col_upper[b.cols[k]];
        if v < ub - tol {
            lo = lo.max(r[k]); // not at its bound: r ≤ μ
        }
        if v > tol {
            hi = hi.min(r[k]); // above zero: r ≥ μ
        }
    }
    (lo, hi)
}

/// Reduced profits of every column at coupling-row prices `y` (own rows left out).
fn reduced(p: &Programme, s: &Structure, y: &[f64]) -> Vec<f64> {
    (0..p.num_cols())
        .map(|j| {
            let mut r = p.col_cost[j];
            for e in p.col_start[j]..p.col_start[j + 1] {
                let i = p.row_index[e] as usize;
                if !s.own_row[i] {
                    r -= y[i] * p.value[e];
                }
            }
            r
        })
        .collect()
}

/// The restricted programme: every column but the fixed units', the coupling rows with the
/// fixed units' use moved into their bounds, and the free units' own rows. Also the map from
/// its columns and rows to the whole programme's, and the fixed units' objective.
struct Restricted {
    p: Programme,
    cols: Vec<usize>,
    rows: Vec<usize>,
    constant: f64,
    /// The restricted index of each row of the whole programme (`u32::MAX`: left out).
    new_row: Vec<u32>,
    /// Each row's use by the fixed units, moved into its bounds.
    shift: Vec<f64>,
}

/// Bounds multiplied per column and per row: the proxy's sampled units stand for k units.
struct Scale {
    col: Vec<f64>,
    row: Vec<f64>,
}

fn restrict(
    p: &Programme,
    s: &Structure,
    fixed: &[Option<Vec<f64>>],
    scale: Option<&Scale>,
) -> Restricted {
    let mut keep_row = vec![true; p.num_rows()];
    let mut shift = vec![0.0; p.num_rows()];
    let mut constant = 0.0;
    let mut keep_col = vec![true; p.num_cols()];
    for (b, f) in s.blocks.iter().zip(fixed) {
        let Some(x) = f else { continue };
        if b.cols.is_empty() {
            continue;
        }
        keep_row[b.row] = false;
        for (&j, &v) in b.cols.iter().zip(x) {
            keep_col[j] = false;
            constant += p.col_cost[j] * v;
            if v != 0.0 {
                for e in p.col_start[j]..p.col_start[j + 1] {
                    shift[p.row_index[e] as usize] += p.value[e] * v;
                }
            }
        }
    }
    let rows: Vec<usize> = (0..p.num_rows()).filter(|&r| keep_row[r]).collect();
    let mut new_row = vec![u32::MAX; p.num_rows()];
    for (i, &r) in rows.iter().enumerate() {
        new_row[r] = i as u32;
    }
    let cols: Vec<usize> = (0..p.num_cols()).filter(|&j| keep_col[j]).collect();
    let mut q = Programme {
        columns: cols.iter().map(|&j| p.columns[j]).collect(),
        col_integer: vec![false; cols.len()],
        rows: rows.iter().map(|&r| p.rows[r]).collect(),
        row_offset: vec![0.0; rows.len()],
        row_penalty: vec![None; rows.len()],
        ..Programme::default()
    };
    for &r in &rows {
        let k = scale.map_or(1.0, |sc| sc.row[r]);
        q.row_lower.push(p.row_lower[r] * k - shift[r]);
        q.row_upper.push(p.row_upper[r] * k - shift[r]);
    }
    for &j in &cols {
        let k = scale.map_or(1.0, |sc| sc.col[j]);
        q.col_lower.push(p.col_lower[j] * k);
        q.col_upper.push(p.col_upper[j] * k);
        q.col_cost.push(p.col_cost[j]);
        for e in p.col_start[j]..p.col_start[j + 1] {
            let r = new_row[p.row_index[e] as usize];
            if r != u32::MAX {
                q.row_index.push(r);
                q.value.push(p.value[e]);
            }
        }
        q.col_start.push(q.row_index.len());
    }
    Restricted {
        p: q,
        cols,
        rows,
        constant,
        new_row,
        shift,
    }
}

/// Free the units `freed` in a restricted programme already handed to HiGHS: their rows and
/// columns are added to the session, their use moved back out of the coupling rows' bounds,
/// so that the next run starts from the last basis.
fn free_units(
    p: &Programme,
    s: &Structure,
    r: &mut Restricted,
    session: &mut super::Session,
    fixed: &mut [Option<Vec<f64>>],
    freed: &[usize],
) -> Result<()> {
    let mut touched = Vec::new();
    let (mut lower, mut upper) = (Vec::new(), Vec::new());
    for &u in freed {
        let b = &s.blocks[u];
        let x = fixed[u].take().expect("only fixed units are freed");
        r.new_row[b.row] = (r.rows.len()) as u32;
        r.rows.push(b.row);
        lower.push(p.row_lower[b.row]);
        upper.push(p.row_upper[b.row]);
        for (&j, &v) in b.cols.iter().zip(&x) {
            r.constant -= p.col_cost[j] * v;
            if v != 0.0 {
                for e in p.col_start[j]..p.col_start[j + 1] {
                    let i = p.row_index[e] as usize;
                    if !s.own_row[i] {
                        r.shift[i] -= p.value[e] * v;
                        touched.push(i);
                    }
                }
            }
        }
    }
    session.add_empty_rows(&lower, &upper)?;
    let mut q = Programme::default();
    for &u in freed {
        for &j in &s.blocks[u].cols {
            q.columns.push(p.columns[j]);
            q.col_cost.push(p.col_cost[j]);
            q.col_lower.push(p.col_lower[j]);
            q.col_upper.push(p.col_upper[j]);
            q.col_integer.push(false);
            for e in p.col_start[j]..p.col_start[j + 1] {
                q.row_index.push(r.new_row[p.row_index[e] as usize]);
                q.value.push(p.value[e]);
            }
            q.col_start.push(q.row_index.len());
            r.cols.push(j);
        }
    }
    session.add_cols(&q)?;
    touched.sort_unstable();
    touched.dedup();
    for i in touched {
        session.set_row_bounds(
            r.new_row[i] as usize,
            p.row_lower[i] - r.shift[i],
            p.row_upper[i] - r.shift[i],
        )?;
    }
    Ok(())
}

/// Row prices of the whole programme from a restricted solve (0 for rows it left out).
fn whole_prices(p: &Programme, r: &Restricted, out: &Outcome) -> Option<Vec<f64>> {
    let d = out.row_duals.as_ref()?;
    let mut y = vec![0.0; p.num_rows()];
    for (i, &row) in r.rows.iter().enumerate() {
        y[row] = d[i];
    }
    Some(y)
}

/// Solve `p` by sifting with the default [`Settings`] (see the module). `o` gives the HiGHS
/// options of every restricted solve.
pub fn solve(p: &Programme, o: &SolveOptions) -> Result<Outcome> {
    Ok(solve_with(p, o, Settings::default())?.0)
}

/// Units from which `--method auto` sifts an LP (after aggregation): measured on the
/// project's machine, the dual simplex on the whole programme took 22.0 s at 35,052 units
/// and 224.4 s at 104,622, sifting 17.6 s and 20.2 s (`docs/performance.md#sifting`); below
/// 20,000 units sifting fixes nothing.
pub const AUTO_UNITS: usize = 30_000;

/// Whether `--method auto` sifts `p` with options `o`, and why: a HiGHS LP without years
/// of at least [`AUTO_UNITS`] units, the algorithm left to stockland. `None` otherwise.
pub fn auto_choice(p: &Programme, o: &SolveOptions) -> Option<String> {
    if o.backend != crate::solve::Backend::Highs
        || o.method != crate::solve::Method::Auto
        || o.sifting
        || p.years.is_some()
        || p.col_integer.iter().any(|&b| b)
    {
        return None;
    }
    let mut seen = Vec::new();
    let mut units = 0;
    for key in &p.columns {
        if let ColumnKey::Alloc { unit, .. } = *key {
            let u = unit as usize;
            if seen.len() <= u {
                seen.resize(u + 1, false);
            }
            if !seen[u] {
                seen[u] = true;
                units += 1;
            }
        }
    }
    (units >= AUTO_UNITS).then(|| {
        format!(
            "--method auto: sifting, for {units} units to solve (≥ {AUTO_UNITS}; at 104,622 units the dual simplex took 224 s here, sifting 20 s); sifting forms no basis of the whole programme, so no ranging (--method simplex to have it)"
        )
    })
}

/// What sifting did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sifted {
    /// HiGHS runs: the proxy's (when there is one) and every restricted one.
    pub runs: usize,
    /// Units fixed at the proxy's prices.
    pub fixed: usize,
    /// Fixed units freed again: not proved at a later run's prices, or to make a restricted
    /// LP feasible.
    pub freed: usize,
}

/// HiGHS runs so far and their iterations.
#[derive(Default)]
struct Tally {
    runs: usize,
    simplex: i64,
    ipm: i64,
}

impl Tally {
    fn add(&mut self, out: &Outcome) {
        self.runs += 1;
        self.simplex += out.simplex_iterations.unwrap_or(0);
        self.ipm += out.ipm_iterations.unwrap_or(0);
    }
}

/// Solve `p` by sifting with `settings`; also what it did.
pub fn solve_with(
    p: &Programme,
    o: &SolveOptions,
    settings: Settings,
) -> Result<(Outcome, Sifted)> {
    let t0 = Instant::now();
    let s = structure(p)?;
    let n_units = s.blocks.iter().filter(|b| !b.cols.is_empty()).count();
    let inner = SolveOptions {
        sensitivity: false,
        ..o.clone()
    };
    let mut tally = Tally::default();
    // 1. prices from a proxy; 2. fix the units with the widest margins at them
    let step = n_units.div_ceil(settings.sample_units.max(1)).max(1);
    let mut y = if step > 1 {
        proxy_prices(p, &s, step, &inner, &mut tally)?
    } else {
        vec![0.0; p.num_rows()]
    };
    let free_target = settings
        .min_free_units
        .max((settings.free_share * n_units as f64) as usize);
    let mut fixed: Vec<Option<Vec<f64>>> = vec![None; s.blocks.len()];
    let mut did = Sifted::default();
    if n_units > free_target {
        let rr = reduced(p, &s, &y);
        for (u, b) in s.blocks.iter().enumerate() {
            if !b.cols.is_empty() {
                fixed[u] = Some(best(p, b, &profits(b, &rr)));
            }
        }
        for u in narrowest(p, &s, &rr, &fixed, free_target) {
            fixed[u] = None;
        }
        did.fixed = n_units - free_target;
        if o.log {
            let taken = fixed
                .iter()
                .flatten()
                .filter(|x| x.iter().any(|&v| v > 0.0));
            println!(
                "sifting: prices from every {step}th unit; {} units fixed ({} of them taken up), the {free_target} with the narrowest margins free",
                did.fixed,
                taken.count(),
            );
        }
    }
    // 3-4. restricted solves until every fixed unit is proved; a unit that fails is freed
    // into the same HiGHS instance, which goes on from its last basis
    let mut r = restrict(p, &s, &fixed, None);
    let mut session = super::Session::open(&r.p, &inner)?;
    loop {
        let out = session.run()?;
        tally.add(&out);
        let n_fixed = fixed.iter().filter(|f| f.is_some()).count();
        if o.log {
            println!(
                "sifting: restricted LP of {} columns ({n_fixed} units fixed): {} after {:.2} s",
                r.cols.len(),
                out.status,
                t0.elapsed().as_secs_f64()
            );
        }
        let infeasible = matches!(
            out.status,
            Status::Infeasible | Status::UnboundedOrInfeasible
        );
        if out.status != Status::Optimal && !(infeasible && n_fixed > 0) {
            did.runs = tally.runs;
            return Ok((finish(no_plan(p, &r, out, n_fixed), &tally, t0), did));
        }
        if out.status != Status::Optimal {
            // too little freedom: free the half of the fixed units with the narrowest margins
            let half = n_fixed.div_ceil(2);
            for u in narrowest(p, &s, &reduced(p, &s, &y), &fixed, half) {
                fixed[u] = None;
            }
            did.freed += half;
            r = restrict(p, &s, &fixed, None);
            session = super::Session::open(&r.p, &inner)?;
            continue;
        }
        y = whole_prices(p, &r, &out)
            .ok_or_else(|| refuse("HiGHS gave no row prices for a restricted LP"))?;
        let (failed, mu) = prove(p, &s, &fixed, &reduced(p, &s, &y));
        if !failed.is_empty() {
            if o.log {
                println!(
                    "sifting: {} fixed units are not proved at the new prices; freed",
                    failed.len()
                );
            }
            free_units(p, &s, &mut r, &mut session, &mut fixed, &failed)?;
            did.freed += failed.len();
            session.warm_simplex()?;
            continue;
        }
        if o.log {
            println!(
                "sifting: every fixed unit proved at the prices of the last run; optimal after {} runs",
                tally.runs
            );
        }
        did.runs = tally.runs;
        let whole = assemble(p, &s, &r, out, &fixed, y, &mu);
        return Ok((finish(whole, &tally, t0), did));
    }
}

/// A unit's reduced profits, by its block's columns.
fn profits(b: &Block, r: &[f64]) -> Vec<f64> {
    b.cols.iter().map(|&j| r[j]).collect()
}

/// Prices of the coupling rows from the proxy: every `step`-th unit standing for `step`
/// (its bounds and its row × step), the others left out.
fn proxy_prices(
    p: &Programme,
    s: &Structure,
    step: usize,
    o: &SolveOptions,
    tally: &mut Tally,
) -> Result<Vec<f64>> {
    let mut scale = Scale {
        col: vec![1.0; p.num_cols()],
        row: vec![1.0; p.num_rows()],
    };
    let mut fixed: Vec<Option<Vec<f64>>> = Vec::with_capacity(s.blocks.len());
    let mut seen = 0usize;
    for b in &s.blocks {
        if b.cols.is_empty() {
            fixed.push(None);
            continue;
        }
        if seen.is_multiple_of(step) {
            fixed.push(None);
            scale.row[b.row] = step as f64;
            for &j in &b.cols {
                scale.col[j] = step as f64;
            }
        } else {
            fixed.push(Some(vec![0.0; b.cols.len()]));
        }
        seen += 1;
    }
    let r = restrict(p, s, &fixed, Some(&scale));
    let out = super::highs::solve(&r.p, o)?;
    tally.add(&out);
    Ok(whole_prices(p, &r, &out).unwrap_or_else(|| vec![0.0; p.num_rows()]))
}

/// The `n` fixed units whose allocation at reduced profits `rr` has the narrowest margin.
fn narrowest(
    p: &Programme,
    s: &Structure,
    rr: &[f64],
    fixed: &[Option<Vec<f64>>],
    n: usize,
) -> Vec<usize> {
    let mut margins: Vec<(f64, usize)> = s
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(u, b)| {
            let x = fixed[u].as_ref()?;
            Some((margin(p, b, x, &profits(b, rr)), u))
        })
        .collect();
    margins.sort_by(|a, b| a.0.total_cmp(&b.0));
    margins.into_iter().take(n).map(|(_, u)| u).collect()
}

/// The fixed units whose allocation is not optimal for them at reduced profits `rr`, and
/// for the others a price μ_u of their own row that proves it.
fn prove(
    p: &Programme,
    s: &Structure,
    fixed: &[Option<Vec<f64>>],
    rr: &[f64],
) -> (Vec<usize>, Vec<f64>) {
    let mut failed = Vec::new();
    let mut mu = vec![0.0; s.blocks.len()];
    for (u, b) in s.blocks.iter().enumerate() {
        let Some(x) = &fixed[u] else { continue };
        let ru = profits(b, rr);
        let (lo, hi) = price_interval(p, b, x, &ru);
        let big = ru.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        if lo > hi + TOL * big {
            failed.push(u);
        } else {
            mu[u] = if lo.is_finite() {
                lo
            } else if hi.is_finite() {
                hi
            } else {
                0.0
            };
        }
    }
    (failed, mu)
}

/// The whole programme's answer once every fixed unit is proved: the restricted solution
/// with the fixed units' allocations, the coupling rows' prices with the units' own, and
/// every column's reduced cost at them.
fn assemble(
    p: &Programme,
    s: &Structure,
    r: &Restricted,
    out: Outcome,
    fixed: &[Option<Vec<f64>>],
    mut y: Vec<f64>,
    mu: &[f64],
) -> Outcome {
    let mut x = vec![0.0; p.num_cols()];
    for (i, &j) in r.cols.iter().enumerate() {
        x[j] = out.col_values[i];
    }
    for (u, b) in s.blocks.iter().enumerate() {
        if let Some(xf) = &fixed[u] {
            for (&j, &v) in b.cols.iter().zip(xf) {
                x[j] = v;
            }
            y[b.row] = mu[u];
        }
    }
    let col_duals: Vec<f64> = (0..p.num_cols())
        .map(|j| {
            let mut d = p.col_cost[j];
            for e in p.col_start[j]..p.col_start[j + 1] {
                d -= y[p.row_index[e] as usize] * p.value[e];
            }
            d
        })
        .collect();
    Outcome {
        objective: out.objective.map(|v| v + r.constant),
        col_values: x,
        row_duals: Some(y),
        col_duals: Some(col_duals),
        ..out
    }
}

/// A run that ends without a proved optimum: a verdict on the whole programme (nothing
/// fixed, the restricted LP is the whole: its values put back in the whole's order), or a
/// limit reached with units fixed, when the restricted answer is no plan of the whole.
fn no_plan(p: &Programme, r: &Restricted, out: Outcome, n_fixed: usize) -> Outcome {
    if n_fixed == 0 {
        let n = if out.col_values.is_empty() {
            0
        } else {
            p.num_cols()
        };
        let mut x = vec![0.0; n];
        for (i, &v) in out.col_values.iter().enumerate() {
            x[r.cols[i]] = v;
        }
        return Outcome {
            col_values: x,
            row_duals: None,
            col_duals: None,
            ..out
        };
    }
    let status = match out.status {
        Status::TimeLimit { .. } => Status::TimeLimit {
            has_solution: false,
        },
        Status::IterationLimit { .. } => Status::IterationLimit {
            has_solution: false,
        },
        st => st,
    };
    Outcome {
        status,
        objective: None,
        col_values: Vec::new(),
        row_duals: None,
        col_duals: None,
        ..out
    }
}

/// The outcome with every run's iterations and the whole time.
fn finish(mut out: Outcome, tally: &Tally, t0: Instant) -> Outcome {
    out.simplex_iterations = Some(tally.simplex);
    out.ipm_iterations = Some(tally.ipm);
    out.solve_seconds = t0.elapsed().as_secs_f64();
    out.method = out.method.or(Some(Method::Simplex));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::programme::Builder;

    fn units(n: u32) -> Programme {
        let k = crate::instance::uses::Uses::builtin().all()[0];
        let mut b = Builder::new();
        for unit in 0..n {
            // two columns of one unit count once
            b.column(ColumnKey::Alloc { unit, land_use: k }, 0.0, 1.0, 1.0);
            b.column(ColumnKey::Alloc { unit, land_use: k }, 0.0, 1.0, 1.0);
        }
        b.finish()
    }

    #[test]
    fn auto_sifts_an_lp_from_its_threshold_of_units_only() {
        let auto = SolveOptions::default();
        assert!(auto_choice(&units(AUTO_UNITS as u32 - 1), &auto).is_none());
        let large = units(AUTO_UNITS as u32);
        let why = auto_choice(&large, &auto).expect("sifted");
        assert!(why.contains("30000 units"), "{why}");
        for o in [
            SolveOptions {
                method: Method::Simplex,
                ..auto.clone()
            },
            SolveOptions {
                sifting: true,
                ..auto.clone()
            },
            SolveOptions {
                backend: crate::solve::Backend::Microlp,
                ..auto.clone()
            },
        ] {
            assert!(auto_choice(&large, &o).is_none());
        }
    }
}
