//! Benchmark measurements: one case under one solver setting, prepared once and solved a
//! number of times, its phases timed apart (load, build, solve min/median/max, sensitivity,
//! check) beside the programme's size and coefficient spans. The harness that chooses the
//! cases, prints the table and reads the process's memory is the CLI's `benchmark`.

use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::policy::PolicyModel;
use crate::run::{Prepared, Run};
use crate::solve::SolveOptions;
use serde::Serialize;

/// One benchmark row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub case: String,
    pub units: usize,
    pub mode: &'static str,
    pub backend: &'static str,
    pub method: String,
    pub columns: usize,
    pub rows: usize,
    pub nonzeros: usize,
    /// max/min magnitude of the matrix, costs and bounds.
    pub matrix_span: Option<f64>,
    pub cost_span: Option<f64>,
    pub bound_span: Option<f64>,
    pub rhs_span: Option<f64>,
    /// The powers of two HiGHS scaled costs and bounds by (`--scale`).
    pub objective_scale: i32,
    pub bound_scale: i32,
    pub load_s: f64,
    pub build_s: f64,
    pub solve_s_min: f64,
    pub solve_s_median: f64,
    pub solve_s_max: f64,
    pub sensitivity_s: f64,
    pub check_s: f64,
    pub simplex_iterations: Option<i64>,
    pub ipm_iterations: Option<i64>,
    pub status: String,
    pub objective: Option<f64>,
    pub mip_gap: Option<f64>,
    /// The process's peak resident memory so far (VmHWM), MiB; filled in by the caller,
    /// which may read the process's accounts.
    pub peak_rss_mib: Option<f64>,
}

/// The median of sorted `times`: the middle one, or the mean of the two middle ones for an
/// even count (`--repeat 2` is not its maximum).
fn median(times: &[f64]) -> f64 {
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2.0
    }
}

/// Prepare `model` on `instance` once and solve it `repeat` times (at least once) under
/// `options`: the row of the measurements and the last run. `load_s` is the time the caller
/// took to load or generate the case; `mode` labels the row (`lp`, `mip`, `lp/pool` …).
pub fn measure(
    case: &str,
    instance: &Instance,
    model: &PolicyModel,
    options: &SolveOptions,
    repeat: usize,
    load_s: f64,
    mode: &'static str,
) -> Result<(Row, Run)> {
    if repeat == 0 {
        return Err(Error::Options("--repeat: expected at least 1".into()));
    }
    let prepared = Prepared::prepare(instance, model, case)?;
    let mut times = Vec::with_capacity(repeat);
    let mut last = None;
    for _ in 0..repeat {
        let r = prepared.solve(options)?;
        times.push(r.solution.solve_seconds);
        last = Some(r);
    }
    let r = last.expect("repeat ≥ 1");
    times.sort_by(f64::total_cmp);
    let row = Row {
        case: case.to_string(),
        units: instance.units.len(),
        mode,
        backend: options.backend.as_str(),
        method: r
            .solution
            .method
            .map_or("—".into(), |m| m.as_str().to_string()),
        columns: r.size.columns,
        rows: r.size.rows,
        nonzeros: r.size.nonzeros,
        matrix_span: r.numerics.matrix.ratio(),
        cost_span: r.numerics.costs.ratio(),
        bound_span: r.numerics.bounds.ratio(),
        rhs_span: r.numerics.rhs.ratio(),
        objective_scale: r.scaling.objective,
        bound_scale: r.scaling.bound,
        load_s,
        build_s: prepared.build_seconds,
        solve_s_min: times[0],
        solve_s_median: median(&times),
        solve_s_max: times[times.len() - 1],
        sensitivity_s: r.sensitivity_seconds,
        check_s: r.check_seconds,
        simplex_iterations: r.solution.simplex_iterations,
        ipm_iterations: r.solution.ipm_iterations,
        status: r.solution.status.to_string(),
        objective: r.solution.objective,
        mip_gap: r.solution.mip_gap,
        peak_rss_mib: None,
    };
    Ok((row, r))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(super::median(&[1.0, 2.0, 4.0]), 2.0);
        assert_eq!(super::median(&[1.0, 3.0]), 2.0);
        assert_eq!(super::median(&[1.0, 2.0, 3.0, 10.0]), 2.5);
        assert_eq!(super::median(&[5.0]), 5.0);
    }
}
