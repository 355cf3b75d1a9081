//! The HiGHS backend: the programme handed over in one `Highs_passModel` call.

use super::{Backend, Method, Outcome, RangeEnd, Ranging, SolveOptions, Status};
use crate::error::{Error, Result};
use crate::programme::Programme;
use highs_sys::*;
use std::ffi::CString;
use std::os::raw::c_void;
use std::time::Instant;

/// Owns a HiGHS instance and frees it on drop (also on an early return).
struct Handle(*mut c_void);

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: the pointer came from Highs_create and is destroyed once.
        unsafe { Highs_destroy(self.0) }
    }
}

fn fail(message: impl Into<String>) -> Error {
    Error::Backend {
        backend: "highs",
        message: message.into(),
    }
}

fn cstr(s: &str) -> CString {
    CString::new(s).expect("option names and values have no NUL byte")
}

impl Handle {
    fn set_string(&self, name: &str, value: &str) -> Result<()> {
        let (n, v) = (cstr(name), cstr(value));
        // SAFETY: valid handle and NUL-terminated strings that outlive the call.
        let st = unsafe { Highs_setStringOptionValue(self.0, n.as_ptr(), v.as_ptr()) };
        check(st, &format!("setting option {name} = {value}"))
    }
    fn set_bool(&self, name: &str, value: bool) -> Result<()> {
        let n = cstr(name);
        // SAFETY: as above.
        let st = unsafe { Highs_setBoolOptionValue(self.0, n.as_ptr(), value as HighsInt) };
        check(st, &format!("setting option {name}"))
    }
    fn set_double(&self, name: &str, value: f64) -> Result<()> {
        let n = cstr(name);
        // SAFETY: as above.
        let st = unsafe { Highs_setDoubleOptionValue(self.0, n.as_ptr(), value) };
        check(st, &format!("setting option {name} = {value}"))
    }
    fn set_int(&self, name: &str, value: i32) -> Result<()> {
        let n = cstr(name);
        // SAFETY: as above.
        let st = unsafe { Highs_setIntOptionValue(self.0, n.as_ptr(), value as HighsInt) };
        check(st, &format!("setting option {name} = {value}"))
    }
    fn int_info(&self, name: &str) -> Option<i64> {
        let n = cstr(name);
        let mut v: HighsInt = 0;
        // SAFETY: as above; v is a valid out pointer.
        let st = unsafe { Highs_getIntInfoValue(self.0, n.as_ptr(), &mut v) };
        (st == STATUS_OK).then_some(v as i64)
    }
    fn double_info(&self, name: &str) -> Option<f64> {
        let n = cstr(name);
        let mut v = 0.0;
        // SAFETY: as above.
        let st = unsafe { Highs_getDoubleInfoValue(self.0, n.as_ptr(), &mut v) };
        (st == STATUS_OK).then_some(v)
    }
}

fn check(status: HighsInt, what: &str) -> Result<()> {
    if status == STATUS_ERROR {
        Err(fail(format!("error {what}")))
    } else {
        Ok(())
    }
}

fn to_highs_int(n: usize, what: &str) -> Result<HighsInt> {
    HighsInt::try_from(n).map_err(|_| fail(format!("{what} ({n}) exceeds HiGHS's index range")))
}

/// stockland's status for a HiGHS model status and whether a feasible primal solution
/// exists. Kept apart on purpose: unbounded-or-infeasible is not infeasible, and a time or
/// iteration limit says whether it stopped with a solution.
pub(super) fn status_of(model_status: HighsInt, primal_feasible: bool) -> Status {
    match model_status {
        MODEL_STATUS_OPTIMAL | MODEL_STATUS_MODEL_EMPTY => Status::Optimal,
        MODEL_STATUS_INFEASIBLE => Status::Infeasible,
        MODEL_STATUS_UNBOUNDED => Status::Unbounded,
        MODEL_STATUS_UNBOUNDED_OR_INFEASIBLE => Status::UnboundedOrInfeasible,
        MODEL_STATUS_REACHED_TIME_LIMIT => Status::TimeLimit {
            has_solution: primal_feasible,
        },
        MODEL_STATUS_REACHED_ITERATION_LIMIT => Status::IterationLimit {
            has_solution: primal_feasible,
        },
        other => Status::Other {
            reason: format!("HiGHS model status {other}"),
        },
    }
}

/// Solve `p` with `o` in a fresh HiGHS instance.
pub fn solve(p: &Programme, o: &SolveOptions) -> Result<Outcome> {
    Session::open(p, o)?.run()
}

/// A simplex basis in HiGHS's codes: one status per column and per row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Basis {
    pub cols: Vec<i32>,
    pub rows: Vec<i32>,
}

/// A HiGHS instance holding a programme: run it, read its ranging, change bounds and run
/// again from the last basis (a warm start), as sensitivity analysis and price re-solves do.
pub struct Session {
    h: Handle,
    ncol: usize,
    nrow: usize,
    is_mip: bool,
    method: Method,
}

// SAFETY: a HiGHS instance is used by one thread at a time (the session is moved, never
// shared), which HiGHS supports.
unsafe impl Send for Session {}

impl Session {
    /// A HiGHS instance with `o`'s options and `p` passed in one call.
    pub fn open(p: &Programme, o: &SolveOptions) -> Result<Session> {
        if let Some(e) = p.shape_problem(p.num_rows()) {
            return Err(fail(format!("an inconsistent programme: {e}")));
        }
        let ncol = to_highs_int(p.num_cols(), "number of columns")?;
        let nrow = to_highs_int(p.num_rows(), "number of rows")?;
        let nnz = to_highs_int(p.num_nonzeros(), "number of non-zeros")?;
        let start: Vec<HighsInt> = p.col_start[..p.num_cols()]
            .iter()
            .map(|&s| s as HighsInt)
            .collect();
        let index: Vec<HighsInt> = p.row_index.iter().map(|&r| r as HighsInt).collect();
        let is_mip = p.col_integer.iter().any(|&b| b);
        let integrality: Vec<HighsInt> = p
            .col_integer
            .iter()
            .map(|&b| {
                if b {
                    VAR_TYPE_INTEGER
                } else {
                    VAR_TYPE_CONTINUOUS
                }
            })
            .collect();
        // SAFETY: Highs_create returns an owned instance, freed by Handle's Drop.
        let h = Handle(unsafe { Highs_create() });
        if h.0.is_null() {
            return Err(fail("Highs_create returned null"));
        }
        h.set_bool("output_flag", o.log)?;
        let method = o.method.resolve();
        h.set_string("solver", method.as_str())?;
        h.set_string("presolve", if o.presolve { "on" } else { "off" })?;
        h.set_string("run_crossover", "on")?;
        h.set_int("random_seed", o.random_seed)?;
        h.set_int("threads", o.threads as i32)?;
        if let Some(t) = o.time_limit_s {
            h.set_double("time_limit", t)?;
        }
        if let Some(g) = o.mip_rel_gap {
            h.set_double("mip_rel_gap", g)?;
        }
        // SAFETY: every array has the length HiGHS reads: ncol for column arrays, nrow for
        // row arrays, ncol for starts, nnz for index and value.
        let st = unsafe {
            Highs_passModel(
                h.0,
                ncol,
                nrow,
                nnz,
                0,
                MATRIX_FORMAT_COLUMN_WISE,
                0,
                OBJECTIVE_SENSE_MAXIMIZE,
                0.0,
                p.col_cost.as_ptr(),
                p.col_lower.as_ptr(),
                p.col_upper.as_ptr(),
                p.row_lower.as_ptr(),
                p.row_upper.as_ptr(),
                start.as_ptr(),
                index.as_ptr(),
                p.value.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null(),
                if is_mip {
                    integrality.as_ptr()
                } else {
                    std::ptr::null()
                },
            )
        };
        check(st, "passing the model")?;
        let e = o.scaling.exponents(p);
        if e.objective != 0 {
            h.set_int("user_objective_scale", e.objective)?;
        }
        if e.bound != 0 {
            h.set_int("user_bound_scale", e.bound)?;
        }
        Ok(Session {
            h,
            ncol: p.num_cols(),
            nrow: p.num_rows(),
            is_mip,
            method,
        })
    }

    /// Run HiGHS (from the last basis when there is one) and read the outcome.
    pub fn run(&mut self) -> Result<Outcome> {
        let (status, solve_seconds) = self.run_status()?;
        let h = &self.h;
        let mut out = Outcome {
            status,
            backend: Backend::Highs,
            method: Some(self.method),
            objective: None,
            col_values: Vec::new(),
            row_duals: None,
            col_duals: None,
            mip_gap: None,
            simplex_iterations: h.int_info("simplex_iteration_count"),
            ipm_iterations: h.int_info("ipm_iteration_count"),
            solve_seconds,
        };
        if out.status.has_solution() {
            let mut col_value = vec![0.0; self.ncol];
            let mut col_dual = vec![0.0; self.ncol];
            let mut row_value = vec![0.0; self.nrow];
            let mut row_dual = vec![0.0; self.nrow];
            // SAFETY: the buffers have ncol / nrow entries as HiGHS writes.
            let st = unsafe {
                Highs_getSolution(
                    h.0,
                    col_value.as_mut_ptr(),
                    col_dual.as_mut_ptr(),
                    row_value.as_mut_ptr(),
                    row_dual.as_mut_ptr(),
                )
            };
            check(st, "reading the solution")?;
            out.objective = self.objective();
            out.col_values = col_value;
            let dual_ok =
                h.int_info("dual_solution_status").unwrap_or(0) == SOLUTION_STATUS_FEASIBLE as i64;
            if !self.is_mip && dual_ok {
                // HiGHS's row dual is the derivative of the objective (in the model's own
                // sense) with respect to the row bound, which is the shadow price as
                // stockland states it; a column dual is its reduced cost.
                out.row_duals = Some(row_dual);
                out.col_duals = Some(col_dual);
            }
            if self.is_mip {
                out.mip_gap = h.double_info("mip_gap");
            }
        }
        Ok(out)
    }

    /// Run and return only the status and the seconds spent.
    fn run_status(&mut self) -> Result<(Status, f64)> {
        let t0 = Instant::now();
        // SAFETY: valid handle with a model.
        let run = unsafe { Highs_run(self.h.0) };
        let seconds = t0.elapsed().as_secs_f64();
        check(run, "running the solver")?;
        // SAFETY: valid handle.
        let model_status = unsafe { Highs_getModelStatus(self.h.0) };
        let primal = self.h.int_info("primal_solution_status").unwrap_or(0)
            == SOLUTION_STATUS_FEASIBLE as i64;
        Ok((status_of(model_status, primal), seconds))
    }

    fn objective(&self) -> Option<f64> {
        // SAFETY: valid handle.
        Some(unsafe { Highs_getObjectiveValue(self.h.0) })
    }

    /// Run from the last basis and return the status and, when solved, the objective.
    pub fn rerun(&mut self) -> Result<(Status, Option<f64>)> {
        let (status, _) = self.run_status()?;
        let obj = if status.has_solution() {
            self.objective()
        } else {
            None
        };
        Ok((status, obj))
    }

    /// Run later re-solves with the dual simplex, which starts from the last basis (after an
    /// interior-point solve, the crossover's): a warm start instead of a solve from scratch.
    pub fn warm_simplex(&mut self) -> Result<()> {
        self.h.set_string("solver", "simplex")
    }

    /// Run later re-solves with the primal simplex from the last basis: the warm start for a
    /// programme whose costs changed and whose bounds did not (the basis stays primal
    /// feasible; the dual simplex would first have to repair dual feasibility).
    pub fn warm_primal(&mut self) -> Result<()> {
        self.h.set_string("solver", "simplex")?;
        self.h.set_int("simplex_strategy", 4)
    }

    /// Set the bounds of row `row` (on its activity).
    pub fn set_row_bounds(&mut self, row: usize, lower: f64, upper: f64) -> Result<()> {
        if row >= self.nrow {
            return Err(fail(format!("row {row} of a model of {} rows", self.nrow)));
        }
        // SAFETY: valid handle; row is within the model (checked), so it fits HighsInt.
        let st = unsafe { Highs_changeRowBounds(self.h.0, row as HighsInt, lower, upper) };
        check(st, "changing a row's bounds")
    }

    /// Set the bounds of column `col`.
    pub fn set_col_bounds(&mut self, col: usize, lower: f64, upper: f64) -> Result<()> {
        if col >= self.ncol {
            return Err(fail(format!(
                "column {col} of a model of {} columns",
                self.ncol
            )));
        }
        // SAFETY: valid handle; col is within the model (checked), so it fits HighsInt.
        let st = unsafe { Highs_changeColBounds(self.h.0, col as HighsInt, lower, upper) };
        check(st, "changing a column's bounds")
    }

    /// The simplex basis of the last LP solve (`None` when HiGHS holds no valid basis: after
    /// a MIP, or an interior-point solve without crossover).
    // HighsInt is i32 in this build and i64 in HiGHS builds with 64-bit indices
    #[allow(clippy::unnecessary_cast)]
    pub fn basis(&self) -> Option<Basis> {
        if self.h.int_info("basis_validity") != Some(1) {
            return None;
        }
        let mut cols = vec![0 as HighsInt; self.ncol];
        let mut rows = vec![0 as HighsInt; self.nrow];
        // SAFETY: the buffers have ncol / nrow entries as HiGHS writes.
        let st = unsafe { Highs_getBasis(self.h.0, cols.as_mut_ptr(), rows.as_mut_ptr()) };
        (st != STATUS_ERROR).then(|| Basis {
            cols: cols.into_iter().map(|v| v as i32).collect(),
            rows: rows.into_iter().map(|v| v as i32).collect(),
        })
    }

    /// Start the next run from `basis` (taken from a programme of the same shape: the same
    /// columns and rows in the same order). The next run then skips presolve and runs the
    /// simplex from it.
    #[allow(clippy::unnecessary_cast)]
    pub fn set_basis(&mut self, basis: &Basis) -> Result<()> {
        if basis.cols.len() != self.ncol || basis.rows.len() != self.nrow {
            return Err(fail(format!(
                "a basis of {} columns and {} rows does not fit a programme of {} and {}",
                basis.cols.len(),
                basis.rows.len(),
                self.ncol,
                self.nrow
            )));
        }
        let cols: Vec<HighsInt> = basis.cols.iter().map(|&v| v as HighsInt).collect();
        let rows: Vec<HighsInt> = basis.rows.iter().map(|&v| v as HighsInt).collect();
        // SAFETY: the arrays have ncol / nrow entries as HiGHS reads.
        let st = unsafe { Highs_setBasis(self.h.0, cols.as_ptr(), rows.as_ptr()) };
        check(st, "setting a basis")
    }

    /// Append the row `lower ≤ Σ coefficient · x[column] ≤ upper`; returns its index.
    pub fn add_row(&mut self, lower: f64, upper: f64, terms: &[(usize, f64)]) -> Result<usize> {
        if let Some(&(j, _)) = terms.iter().find(|&&(j, _)| j >= self.ncol) {
            return Err(fail(format!(
                "a row naming column {j} of a model of {} columns",
                self.ncol
            )));
        }
        to_highs_int(self.nrow + 1, "number of rows")?;
        let index: Vec<HighsInt> = terms.iter().map(|&(j, _)| j as HighsInt).collect();
        let value: Vec<f64> = terms.iter().map(|&(_, v)| v).collect();
        let nz = to_highs_int(terms.len(), "number of non-zeros")?;
        // SAFETY: index and value have nz entries; every index is a column of the model.
        let st =
            unsafe { Highs_addRow(self.h.0, lower, upper, nz, index.as_ptr(), value.as_ptr()) };
        check(st, "adding a row")?;
        self.nrow += 1;
        Ok(self.nrow - 1)
    }

    /// Append the columns of `q` (costs, bounds and entries in `q`'s compressed-column form;
    /// every entry's row already in the model): the warm start keeps the basis, the new
    /// columns entering at their lower bound.
    pub fn add_cols(&mut self, q: &Programme) -> Result<()> {
        if let Some(e) = q.shape_problem(self.nrow) {
            return Err(fail(format!("columns that do not fit the model: {e}")));
        }
        to_highs_int(self.ncol + q.num_cols(), "number of columns")?;
        let n = to_highs_int(q.num_cols(), "number of new columns")?;
        let nz = to_highs_int(q.num_nonzeros(), "number of new non-zeros")?;
        if q.num_cols() == 0 {
            return Ok(());
        }
        let start: Vec<HighsInt> = q.col_start[..q.num_cols()]
            .iter()
            .map(|&s| s as HighsInt)
            .collect();
        let index: Vec<HighsInt> = q.row_index.iter().map(|&r| r as HighsInt).collect();
        // SAFETY: the column arrays have n entries, index and value nz, every row index is a
        // row of the model.
        let st = unsafe {
            Highs_addCols(
                self.h.0,
                n,
                q.col_cost.as_ptr(),
                q.col_lower.as_ptr(),
                q.col_upper.as_ptr(),
                nz,
                start.as_ptr(),
                index.as_ptr(),
                q.value.as_ptr(),
            )
        };
        check(st, "adding columns")?;
        self.ncol += q.num_cols();
        Ok(())
    }

    /// Append empty rows with these bounds (their entries come with columns added later);
    /// returns the index of the first.
    pub fn add_empty_rows(&mut self, lower: &[f64], upper: &[f64]) -> Result<usize> {
        if lower.len() != upper.len() {
            return Err(fail(format!(
                "{} lower and {} upper bounds for new rows",
                lower.len(),
                upper.len()
            )));
        }
        to_highs_int(self.nrow + lower.len(), "number of rows")?;
        let n = to_highs_int(lower.len(), "number of new rows")?;
        let first = self.nrow;
        if lower.is_empty() {
            return Ok(first);
        }
        let start = vec![0 as HighsInt; lower.len()];
        // SAFETY: lower, upper and start have n entries; there are no entries to read.
        let st = unsafe {
            Highs_addRows(
                self.h.0,
                n,
                lower.as_ptr(),
                upper.as_ptr(),
                0,
                start.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
            )
        };
        check(st, "adding rows")?;
        self.nrow += lower.len();
        Ok(first)
    }

    /// Replace the objective's coefficients (maximised), one per column.
    pub fn set_costs(&mut self, costs: &[f64]) -> Result<()> {
        if costs.len() != self.ncol {
            return Err(fail("an objective of the wrong length"));
        }
        if self.ncol == 0 {
            return Ok(());
        }
        // SAFETY: valid handle; the array has ncol entries for the range 0..ncol.
        let st = unsafe {
            Highs_changeColsCostByRange(self.h.0, 0, self.ncol as HighsInt - 1, costs.as_ptr())
        };
        check(st, "changing the objective")
    }

    /// Make every column continuous (after fixing the integer ones, the LP conditional on
    /// them).
    pub fn relax_integrality(&mut self) -> Result<()> {
        let cont = vec![VAR_TYPE_CONTINUOUS; self.ncol];
        // SAFETY: valid handle; the array has ncol entries.
        let st = unsafe {
            Highs_changeColsIntegralityByRange(
                self.h.0,
                0,
                self.ncol as HighsInt - 1,
                cont.as_ptr(),
            )
        };
        self.is_mip = false;
        check(st, "relaxing integrality")
    }

    /// HiGHS's ranging of the last LP solve (it needs a basis: simplex, or interior point
    /// with crossover).
    pub fn ranging(&mut self) -> Result<Ranging> {
        let (n, m) = (self.ncol, self.nrow);
        let v = |k: usize| vec![0.0f64; k];
        let (mut cuv, mut cuo, mut cdv, mut cdo) = (v(n), v(n), v(n), v(n));
        let (mut buv, mut buo, mut bdv, mut bdo) = (v(n), v(n), v(n), v(n));
        let (mut ruv, mut ruo, mut rdv, mut rdo) = (v(m), v(m), v(m), v(m));
        let iv = |k: usize| vec![0 as HighsInt; k];
        let (mut a1, mut a2, mut a3, mut a4) = (iv(n), iv(n), iv(n), iv(n));
        let (mut a5, mut a6, mut a7, mut a8) = (iv(n), iv(n), iv(n), iv(n));
        let (mut a9, mut a10, mut a11, mut a12) = (iv(m), iv(m), iv(m), iv(m));
        // SAFETY: every buffer has ncol (column records) or nrow (row records) entries.
        let st = unsafe {
            Highs_getRanging(
                self.h.0,
                cuv.as_mut_ptr(),
                cuo.as_mut_ptr(),
                a1.as_mut_ptr(),
                a2.as_mut_ptr(),
                cdv.as_mut_ptr(),
                cdo.as_mut_ptr(),
                a3.as_mut_ptr(),
                a4.as_mut_ptr(),
                buv.as_mut_ptr(),
                buo.as_mut_ptr(),
                a5.as_mut_ptr(),
                a6.as_mut_ptr(),
                bdv.as_mut_ptr(),
                bdo.as_mut_ptr(),
                a7.as_mut_ptr(),
                a8.as_mut_ptr(),
                ruv.as_mut_ptr(),
                ruo.as_mut_ptr(),
                a9.as_mut_ptr(),
                a10.as_mut_ptr(),
                rdv.as_mut_ptr(),
                rdo.as_mut_ptr(),
                a11.as_mut_ptr(),
                a12.as_mut_ptr(),
            )
        };
        if st == STATUS_ERROR {
            return Err(fail("ranging needs an LP solved to a basis"));
        }
        let zip = |a: Vec<f64>, b: Vec<f64>| -> Vec<RangeEnd> {
            a.into_iter()
                .zip(b)
                .map(|(value, objective)| RangeEnd { value, objective })
                .collect()
        };
        Ok(Ranging {
            row_up: zip(ruv, ruo),
            row_down: zip(rdv, rdo),
            cost_up: zip(cuv, cuo),
            cost_down: zip(cdv, cdo),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Part, RowRef, RuleId};
    use crate::programme::{Builder, ColumnKey, RowName};

    #[test]
    fn issue_22_an_inconsistent_programme_is_refused_not_handed_to_highs() {
        // the reproduction of the segfault: 4 columns, empty cost and bound arrays
        let p = Programme {
            columns: vec![ColumnKey::Consolidate { project: 0 }; 4],
            col_start: vec![0; 5],
            ..Default::default()
        };
        let e = Session::open(&p, &SolveOptions::default()).err().unwrap();
        assert!(
            e.to_string()
                .contains("col_lower has 0 entries for 4 columns"),
            "{e}"
        );
        assert!(crate::solve::solve(&p, &SolveOptions::default()).is_err());
        // an entry naming a row the programme lacks
        let mut q = tiny();
        q.row_index[0] = 7;
        let e = Session::open(&q, &SolveOptions::default()).err().unwrap();
        assert!(e.to_string().contains("names row 7 of 2"), "{e}");
        // col_start out of order
        let mut q = tiny();
        q.col_start[1] = 5;
        assert!(Session::open(&q, &SolveOptions::default()).is_err());
    }

    /// max x − y  s.t.  cap: x ≤ 3,  floor: y ≥ 2,  x, y ∈ [0, 10].
    /// Optimum 3 − 2 = 1; d obj / d cap = +1, d obj / d floor = −1.
    fn tiny() -> Programme {
        let mut b = Builder::new();
        let x = b.column(ColumnKey::Consolidate { project: 0 }, 0.0, 10.0, 1.0);
        let y = b.column(ColumnKey::Consolidate { project: 1 }, 0.0, 10.0, -1.0);
        let n = |w: &str| {
            let part = if w == "cap" { Part::Max } else { Part::Min };
            RowName::Rule(RowRef::whole(RuleId::SupplyCap).part(part))
        };
        b.begin_row(n("cap"), f64::NEG_INFINITY, 3.0, 0.0, None);
        b.add(x, 1.0);
        b.end_row();
        b.begin_row(n("floor"), 2.0, f64::INFINITY, 0.0, None);
        b.add(y, 1.0);
        b.end_row();
        b.finish()
    }

    #[test]
    fn duals_are_derivatives_of_the_maximised_objective() {
        for method in [super::super::Method::Simplex, super::super::Method::Ipm] {
            let o = SolveOptions {
                method,
                ..Default::default()
            };
            let out = solve(&tiny(), &o).unwrap();
            assert_eq!(out.status, Status::Optimal);
            assert!((out.objective.unwrap() - 1.0).abs() < 1e-9);
            let d = out.row_duals.unwrap();
            assert!((d[0] - 1.0).abs() < 1e-9, "cap dual {}", d[0]);
            assert!((d[1] + 1.0).abs() < 1e-9, "floor dual {}", d[1]);
        }
    }

    #[test]
    fn every_highs_status_maps_to_its_own_outcome() {
        assert_eq!(status_of(MODEL_STATUS_OPTIMAL, true), Status::Optimal);
        assert_eq!(
            status_of(MODEL_STATUS_INFEASIBLE, false),
            Status::Infeasible
        );
        assert_eq!(status_of(MODEL_STATUS_UNBOUNDED, false), Status::Unbounded);
        assert_eq!(
            status_of(MODEL_STATUS_UNBOUNDED_OR_INFEASIBLE, false),
            Status::UnboundedOrInfeasible
        );
        let with = status_of(MODEL_STATUS_REACHED_TIME_LIMIT, true);
        let without = status_of(MODEL_STATUS_REACHED_TIME_LIMIT, false);
        assert_eq!(with, Status::TimeLimit { has_solution: true });
        assert!(with.has_solution() && !without.has_solution());
        assert_eq!(
            status_of(MODEL_STATUS_REACHED_ITERATION_LIMIT, false),
            Status::IterationLimit {
                has_solution: false
            }
        );
        assert!(matches!(
            status_of(MODEL_STATUS_SOLVE_ERROR, false),
            Status::Other { .. }
        ));
        assert!(!Status::UnboundedOrInfeasible.has_solution());
        assert_ne!(Status::Infeasible, Status::UnboundedOrInfeasible);
    }

    #[test]
    fn a_mip_stopped_by_its_time_limit_says_whether_it_has_a_solution() {
        // A knapsack-like MIP with many binaries and a time limit of zero seconds: HiGHS stops
        // at once, with or without an incumbent; either way the status says which.
        let mut b = Builder::new();
        let n = 60;
        let cols: Vec<u32> = (0..n)
            .map(|i| {
                let j = b.column(ColumnKey::Whole { unit: i }, 0.0, 1.0, 1.0 + (i % 7) as f64);
                b.set_integer(j);
                j
            })
            .collect();
        b.begin_row(
            RowName::Rule(RowRef::whole(RuleId::SupplyCap)),
            f64::NEG_INFINITY,
            17.5,
            0.0,
            None,
        );
        for (i, &j) in cols.iter().enumerate() {
            b.add(j, 1.0 + (i % 5) as f64 * 0.37);
        }
        b.end_row();
        let o = SolveOptions {
            time_limit_s: Some(0.0),
            method: super::super::Method::Simplex,
            ..Default::default()
        };
        let out = solve(&b.finish(), &o).unwrap();
        match out.status {
            Status::TimeLimit { has_solution } => {
                assert_eq!(has_solution, !out.col_values.is_empty());
                assert_eq!(has_solution, out.mip_gap.is_some());
            }
            Status::Optimal => assert!(out.mip_gap.is_some()),
            other => panic!("unexpected status {other}"),
        }
        assert!(out.row_duals.is_none(), "a MIP has no duals");
    }

    #[test]
    fn infeasible_is_reported_as_such() {
        let mut b = Builder::new();
        let x = b.column(ColumnKey::Consolidate { project: 0 }, 0.0, 1.0, 1.0);
        b.begin_row(
            RowName::Rule(RowRef::whole(RuleId::SupplyCap)),
            2.0,
            f64::INFINITY,
            0.0,
            None,
        );
        b.add(x, 1.0);
        b.end_row();
        let out = solve(&b.finish(), &SolveOptions::default()).unwrap();
        assert_eq!(out.status, Status::Infeasible);
        assert!(!out.status.has_solution());
    }
}
