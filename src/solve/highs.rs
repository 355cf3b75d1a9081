//! The HiGHS backend: the programme handed over in one `Highs_passModel` call.

use super::{Backend, Outcome, SolveOptions, Status};
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

pub fn solve(p: &Programme, o: &SolveOptions) -> Result<Outcome> {
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
    let method = o.method.resolve(p.num_cols());
    h.set_string("solver", method.as_str())?;
    h.set_string("presolve", if o.presolve { "on" } else { "off" })?;
    h.set_string("run_crossover", "on")?;
    h.set_int("random_seed", o.random_seed)?;
    if let Some(t) = o.time_limit_s {
        h.set_double("time_limit", t)?;
    }
    if let Some(g) = o.mip_rel_gap {
        h.set_double("mip_rel_gap", g)?;
    }
    // SAFETY: every array has the length HiGHS reads: ncol for column arrays, nrow for row
    // arrays, ncol for starts, nnz for index and value.
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
    let t0 = Instant::now();
    // SAFETY: valid handle with a model.
    let run = unsafe { Highs_run(h.0) };
    let solve_seconds = t0.elapsed().as_secs_f64();
    check(run, "running the solver")?;
    // SAFETY: valid handle.
    let model_status = unsafe { Highs_getModelStatus(h.0) };
    let primal =
        h.int_info("primal_solution_status").unwrap_or(0) == SOLUTION_STATUS_FEASIBLE as i64;
    let status = status_of(model_status, primal);

    let mut out = Outcome {
        status,
        backend: Backend::Highs,
        method: Some(method),
        objective: None,
        col_values: Vec::new(),
        row_duals: None,
        mip_gap: None,
        simplex_iterations: h.int_info("simplex_iteration_count"),
        ipm_iterations: h.int_info("ipm_iteration_count"),
        solve_seconds,
    };
    if out.status.has_solution() {
        let mut col_value = vec![0.0; p.num_cols()];
        let mut col_dual = vec![0.0; p.num_cols()];
        let mut row_value = vec![0.0; p.num_rows()];
        let mut row_dual = vec![0.0; p.num_rows()];
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
        // SAFETY: valid handle.
        out.objective = Some(unsafe { Highs_getObjectiveValue(h.0) });
        out.col_values = col_value;
        let dual_ok =
            h.int_info("dual_solution_status").unwrap_or(0) == SOLUTION_STATUS_FEASIBLE as i64;
        if !is_mip && dual_ok {
            // HiGHS's row dual is the derivative of the objective (in the model's own sense)
            // with respect to the row bound, which is the shadow price as stockland states it.
            out.row_duals = Some(row_dual);
        }
        if is_mip {
            out.mip_gap = h.double_info("mip_gap");
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Part, RowRef, RuleId};
    use crate::programme::{Builder, ColumnKey, RowName};

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
