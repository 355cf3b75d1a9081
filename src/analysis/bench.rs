//! Benchmark measurements: one case under one solver setting, prepared once and solved a
//! number of times, its phases timed apart (load, build, solve min/median/max, sensitivity,
//! check) beside the programme's size and coefficient spans, and the answer judged against
//! the one a family certifies ([`judge`]). The harness that chooses the cases, prints the
//! table, reads the machine and the process's memory and writes the manifest is the CLI's
//! `benchmark`.

use crate::error::{Error, Result};
use crate::instance::Instance;
use crate::policy::PolicyModel;
use crate::run::{Prepared, Run};
use crate::solution::{Backend, Status};
use crate::solve::SolveOptions;
use serde::Serialize;

/// The relative tolerance within which an LP's objective must meet the certified optimum
/// (|found − certified| ≤ tolerance × max(1, |certified|)). A MIP stopped at a relative gap
/// `g` is held to `g` plus this.
pub const TOLERANCE: f64 = 1e-6;

/// What a family certifies for a case (its `optima.csv` row): the status and, for an
/// optimum, the objective.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Certified {
    pub status: String,
    pub objective: Option<f64>,
}

/// How a row's answer stands against the certified one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The certified status, and for an optimum the certified objective within tolerance;
    /// a proven infeasibility of a case certified infeasible is correct.
    Correct,
    /// Another status, or an objective outside the tolerance.
    Wrong,
    /// No answer to judge: a limit reached, or the solver gave up.
    Unsolved,
    /// Solved and checked, with nothing certified to compare with.
    Uncertified,
    /// The case could not be loaded, built, solved or checked (the row's `error`).
    Error,
}

impl Verdict {
    /// Whether the row counts as a failure (in the exit code).
    pub fn failed(self) -> bool {
        matches!(self, Verdict::Wrong | Verdict::Unsolved | Verdict::Error)
    }
    /// Whether the case counts as solved in a performance profile: the certified answer
    /// reached, a proven infeasibility included, or an uncertified optimum that passed the
    /// check.
    pub fn solved(self) -> bool {
        matches!(self, Verdict::Correct | Verdict::Uncertified)
    }
}

/// The tolerance a row is held to: [`TOLERANCE`] for an LP, the gap it stopped at plus
/// [`TOLERANCE`] for a MIP.
pub fn tolerance(mip_gap: Option<f64>) -> f64 {
    TOLERANCE + mip_gap.unwrap_or(0.0)
}

/// The answer (`status`, `objective`, whether it passed the check) judged against
/// `certified` within `tolerance`: the verdict and the relative difference of the
/// objectives where both exist.
pub fn judge(
    status: &Status,
    objective: Option<f64>,
    checked: bool,
    certified: Option<&Certified>,
    tolerance: f64,
) -> (Verdict, Option<f64>) {
    let Some(c) = certified else {
        let v = if *status == Status::Optimal && checked {
            Verdict::Uncertified
        } else {
            Verdict::Unsolved
        };
        return (v, None);
    };
    match c.status.as_str() {
        "optimal" => match (status, objective, c.objective) {
            (Status::Optimal, Some(found), Some(want)) => {
                let rel = (found - want).abs() / want.abs().max(1.0);
                let v = if rel <= tolerance && checked {
                    Verdict::Correct
                } else {
                    Verdict::Wrong
                };
                (v, Some(rel))
            }
            (Status::Optimal, _, None) => (Verdict::Uncertified, None),
            (s, _, _) if s.is_infeasible() || *s == Status::Unbounded => (Verdict::Wrong, None),
            _ => (Verdict::Unsolved, None),
        },
        // a MIP no solver proved in the family's time limit: its best known objective
        // (maximised) must be met, within the tolerance, by an answer proved optimal
        "time limit" => match (status, objective, c.objective) {
            (Status::Optimal, Some(found), Some(best)) => {
                let rel = (found - best).abs() / best.abs().max(1.0);
                let v = if found >= best - tolerance * best.abs().max(1.0) && checked {
                    Verdict::Correct
                } else {
                    Verdict::Wrong
                };
                (v, Some(rel))
            }
            (s, _, _) if s.is_infeasible() => (Verdict::Wrong, None),
            _ => (Verdict::Unsolved, None),
        },
        "infeasible" if status.is_infeasible() => (Verdict::Correct, None),
        "infeasible" if status.has_solution() || *status == Status::Unbounded => {
            (Verdict::Wrong, None)
        }
        other if other == status.to_string() => (Verdict::Correct, None),
        _ if status.has_solution() || status.is_infeasible() => (Verdict::Wrong, None),
        _ => (Verdict::Unsolved, None),
    }
}

/// The rule a solver stops by: an LP at its optimum; a MIP at HiGHS's or CBC's relative gap
/// (`gap`, 1e-4 when not set) or, for microlp, which has no gap, at a proven optimum.
pub fn stopping_rule(backend: Backend, mip: bool, gap: Option<f64>) -> String {
    if !mip {
        return "lp optimum".into();
    }
    match backend {
        Backend::Microlp => "proven optimum (no gap)".into(),
        Backend::Highs | Backend::Cbc => format!("relative gap {}", gap.unwrap_or(1e-4)),
        Backend::Clarabel => "lp only".into(),
    }
}

/// One benchmark row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub case: String,
    pub units: usize,
    pub mode: &'static str,
    pub backend: &'static str,
    pub method: String,
    /// HiGHS's random seed (none for another backend).
    pub seed: Option<i32>,
    pub threads: u32,
    /// The rule the solver stopped by ([`stopping_rule`]).
    pub stop: String,
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
    /// Every repeat's solve time in order, seconds (written space-separated, so that the
    /// row stays one CSV record; the JSON report adds them as an array, `solve_s`).
    #[serde(serialize_with = "spaced")]
    pub solve_s_each: Vec<f64>,
    pub sensitivity_s: f64,
    pub check_s: f64,
    /// Seconds finding the interchangeable units and building the reduced programme
    /// (none with `--no-aggregate` or where aggregation does not apply).
    pub aggregate_s: Option<f64>,
    /// The groups the units were merged into (as many as units when none are alike).
    pub unit_groups: Option<usize>,
    /// Seconds writing every output of `solve --out` (with `benchmark --write`).
    pub write_s: Option<f64>,
    pub simplex_iterations: Option<i64>,
    pub ipm_iterations: Option<i64>,
    pub status: String,
    pub objective: Option<f64>,
    pub mip_gap: Option<f64>,
    /// The process's peak resident memory so far (VmHWM), MiB; filled in by the caller,
    /// which may read the process's accounts.
    pub peak_rss_mib: Option<f64>,
    /// What the family certifies for the case, when it does.
    pub certified_status: Option<String>,
    pub certified_objective: Option<f64>,
    /// |objective − certified| / max(1, |certified|).
    pub rel_diff: Option<f64>,
    /// The tolerance the row was held to ([`tolerance`]).
    pub tolerance: f64,
    pub verdict: Verdict,
    /// Why the case failed, for a [`Verdict::Error`] row.
    pub error: Option<String>,
}

impl Row {
    /// The row of a case that could not be loaded, built, solved or checked: the error, and
    /// zeros where nothing was measured.
    pub fn failed(case: &str, mode: &'static str, options: &SolveOptions, error: String) -> Row {
        Row {
            case: case.to_string(),
            units: 0,
            mode,
            backend: options.backend.as_str(),
            method: options.method.as_str().to_string(),
            seed: (options.backend == Backend::Highs).then_some(options.random_seed),
            threads: options.threads,
            stop: String::new(),
            columns: 0,
            rows: 0,
            nonzeros: 0,
            matrix_span: None,
            cost_span: None,
            bound_span: None,
            rhs_span: None,
            objective_scale: 0,
            bound_scale: 0,
            load_s: 0.0,
            build_s: 0.0,
            solve_s_min: 0.0,
            solve_s_median: 0.0,
            solve_s_max: 0.0,
            solve_s_each: Vec::new(),
            sensitivity_s: 0.0,
            check_s: 0.0,
            aggregate_s: None,
            unit_groups: None,
            write_s: None,
            simplex_iterations: None,
            ipm_iterations: None,
            status: "error".into(),
            objective: None,
            mip_gap: None,
            peak_rss_mib: None,
            certified_status: None,
            certified_objective: None,
            rel_diff: None,
            tolerance: TOLERANCE,
            verdict: Verdict::Error,
            error: Some(error),
        }
    }
}

/// One case and solver's solve time over HiGHS's random seeds (a performance variability
/// study: the same programme, the same options, another seed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Spread {
    pub case: String,
    pub mode: &'static str,
    /// The backend, and for HiGHS the method (`highs:simplex`).
    pub solver: String,
    pub seeds: usize,
    /// The seeds' median solve times: least, median, largest.
    pub min_s: f64,
    pub median_s: f64,
    pub max_s: f64,
    /// Coefficient of variation (standard deviation over mean) of those times.
    pub cv: f64,
    /// Whether every seed's objective (or status) is the first one's, within the row's
    /// tolerance.
    pub objectives_agree: bool,
}

/// The spread over seeds of every (case, mode, solver) run under two or more seeds, in
/// order of first appearance; rows in error are left out.
pub fn variability(rows: &[Row]) -> Vec<Spread> {
    let mut groups: Vec<(&Row, Vec<&Row>)> = Vec::new();
    for r in rows
        .iter()
        .filter(|r| r.verdict != Verdict::Error && r.seed.is_some())
    {
        let same = |g: &Row| {
            g.case == r.case && g.mode == r.mode && g.backend == r.backend && g.method == r.method
        };
        match groups.iter_mut().find(|(g, _)| same(g)) {
            Some((_, members)) => members.push(r),
            None => groups.push((r, vec![r])),
        }
    }
    groups
        .into_iter()
        .filter(|(_, m)| m.len() >= 2)
        .map(|(first, members)| {
            let mut t: Vec<f64> = members.iter().map(|r| r.solve_s_median).collect();
            t.sort_by(f64::total_cmp);
            let n = t.len() as f64;
            let mean = t.iter().sum::<f64>() / n;
            let var = t.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
            let objectives_agree = members.iter().all(|r| {
                r.status == first.status
                    && match (r.objective, first.objective) {
                        (Some(a), Some(b)) => (a - b).abs() <= r.tolerance * b.abs().max(1.0),
                        (a, b) => a.is_none() && b.is_none(),
                    }
            });
            Spread {
                case: first.case.clone(),
                mode: first.mode,
                solver: format!("{}:{}", first.backend, first.method),
                seeds: members.len(),
                min_s: t[0],
                median_s: median(&t),
                max_s: t[t.len() - 1],
                cv: if mean > 0.0 { var.sqrt() / mean } else { 0.0 },
                objectives_agree,
            }
        })
        .collect()
}

/// Numbers written space-separated in one field.
fn spaced<S: serde::Serializer>(v: &[f64], s: S) -> std::result::Result<S::Ok, S::Error> {
    let text: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    s.serialize_str(&text.join(" "))
}

/// The median of sorted `times`: the middle one, or the mean of the two middle ones for an
/// even count (`--repeat 2` is not its maximum).
pub(crate) fn median(times: &[f64]) -> f64 {
    let n = times.len();
    if n % 2 == 1 {
        times[n / 2]
    } else {
        (times[n / 2 - 1] + times[n / 2]) / 2.0
    }
}

/// One case as the harness hands it over: its name, instance and model, the time taken to
/// load or generate it, the mode that labels its rows (`lp`, `whole`, `lp/pool` …) and what
/// its family certifies for it.
#[derive(Debug, Clone, Copy)]
pub struct Case<'a> {
    pub name: &'a str,
    pub instance: &'a Instance,
    pub model: &'a PolicyModel,
    pub load_s: f64,
    pub mode: &'static str,
    pub certified: Option<&'a Certified>,
}

/// Prepare the case once and solve it `repeat` times (at least once) under `options`: the
/// row of the measurements, judged against what is certified, and the last run.
pub fn measure(case: &Case, options: &SolveOptions, repeat: usize) -> Result<(Row, Run)> {
    let Case {
        name: case,
        instance,
        model,
        load_s,
        mode,
        certified,
    } = *case;
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
    let each = times.clone();
    times.sort_by(f64::total_cmp);
    let mip = model.whole_unit.enabled;
    let checked = r.check.is_some();
    let tol = tolerance(mip.then(|| options.mip_rel_gap.unwrap_or(1e-4)));
    let (verdict, rel_diff) = judge(
        &r.solution.status,
        r.solution.objective,
        checked,
        certified,
        tol,
    );
    let row = Row {
        case: case.to_string(),
        units: instance.units.len(),
        mode,
        backend: options.backend.as_str(),
        method: match (r.solution.method, &r.choice) {
            (Some(m), Some(_)) => format!("{} (auto: sifted)", m.as_str()),
            (Some(m), None) => m.as_str().to_string(),
            (None, _) => "—".into(),
        },
        seed: (options.backend == Backend::Highs).then_some(options.random_seed),
        threads: options.threads,
        stop: stopping_rule(options.backend, mip, options.mip_rel_gap),
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
        solve_s_each: each,
        sensitivity_s: r.sensitivity_seconds,
        check_s: r.check_seconds,
        aggregate_s: r.aggregation.map(|a| a.aggregate_seconds),
        unit_groups: r.aggregation.map(|a| a.unit_groups),
        write_s: None,
        simplex_iterations: r.solution.simplex_iterations,
        ipm_iterations: r.solution.ipm_iterations,
        status: r.solution.status.to_string(),
        objective: r.solution.objective,
        mip_gap: r.solution.mip_gap,
        peak_rss_mib: None,
        certified_status: certified.map(|c| c.status.clone()),
        certified_objective: certified.and_then(|c| c.objective),
        rel_diff,
        tolerance: tol,
        verdict,
        error: None,
    };
    Ok((row, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(super::median(&[1.0, 2.0, 4.0]), 2.0);
        assert_eq!(super::median(&[1.0, 3.0]), 2.0);
        assert_eq!(super::median(&[1.0, 2.0, 3.0, 10.0]), 2.5);
        assert_eq!(super::median(&[5.0]), 5.0);
    }

    #[test]
    fn the_spread_over_seeds_groups_by_case_and_solver() {
        let o = SolveOptions::default();
        let row = |seed: i32, t: f64, obj: f64| {
            let mut r = Row::failed("c", "lp", &o, String::new());
            r.verdict = Verdict::Correct;
            r.error = None;
            r.status = "optimal".into();
            r.seed = Some(seed);
            r.solve_s_median = t;
            r.objective = Some(obj);
            r
        };
        // times 1, 2, 3: median 2, mean 2, population sd sqrt(2/3)
        let rows = [row(0, 1.0, 5.0), row(1, 3.0, 5.0), row(2, 2.0, 5.0)];
        let v = variability(&rows);
        assert_eq!(v.len(), 1);
        assert_eq!(
            (v[0].seeds, v[0].min_s, v[0].median_s, v[0].max_s),
            (3, 1.0, 2.0, 3.0)
        );
        assert!((v[0].cv - (2.0f64 / 3.0).sqrt() / 2.0).abs() < 1e-12);
        assert!(v[0].objectives_agree);
        let rows = [row(0, 1.0, 5.0), row(1, 1.0, 6.0)];
        assert!(!variability(&rows)[0].objectives_agree);
        // one seed: no spread
        assert!(variability(&rows[..1]).is_empty());
    }

    fn cert(status: &str, objective: Option<f64>) -> Certified {
        Certified {
            status: status.into(),
            objective,
        }
    }

    #[test]
    fn answers_are_judged_against_the_certified_ones() {
        let opt = cert("optimal", Some(1000.0));
        let tol = tolerance(None);
        // within 1e-6 relative, checked: correct; 2e-6 off: wrong, with its difference
        let (v, d) = judge(&Status::Optimal, Some(1000.0005), true, Some(&opt), tol);
        assert_eq!(v, Verdict::Correct);
        assert!((d.unwrap() - 5e-7).abs() < 1e-15);
        let (v, d) = judge(&Status::Optimal, Some(1000.002), true, Some(&opt), tol);
        assert_eq!(v, Verdict::Wrong);
        assert!((d.unwrap() - 2e-6).abs() < 1e-12);
        // a MIP stopped at a 1e-4 gap may be that far below
        let (v, _) = judge(
            &Status::Optimal,
            Some(999.95),
            true,
            Some(&opt),
            tolerance(Some(1e-4)),
        );
        assert_eq!(v, Verdict::Correct);
        // infeasible where an optimum is certified, and the reverse: wrong
        assert_eq!(
            judge(&Status::Infeasible, None, false, Some(&opt), tol).0,
            Verdict::Wrong
        );
        let inf = cert("infeasible", None);
        assert_eq!(
            judge(&Status::Optimal, Some(5.0), true, Some(&inf), tol).0,
            Verdict::Wrong
        );
        // a proven infeasibility of a case certified infeasible is correct and solved
        let (v, _) = judge(&Status::Infeasible, None, false, Some(&inf), tol);
        assert_eq!(v, Verdict::Correct);
        assert!(v.solved() && !v.failed());
        // a time limit without an answer is unsolved, a failure either way
        let limit = Status::TimeLimit {
            has_solution: false,
        };
        assert_eq!(
            judge(&limit, None, false, Some(&inf), tol).0,
            Verdict::Unsolved
        );
        assert_eq!(judge(&limit, None, false, None, tol).0, Verdict::Unsolved);
        // a best known objective (no solver proved it): an optimum at or above it is correct
        let best = cert("time limit", Some(1000.0));
        assert_eq!(
            judge(&Status::Optimal, Some(1010.0), true, Some(&best), tol).0,
            Verdict::Correct
        );
        assert_eq!(
            judge(&Status::Optimal, Some(990.0), true, Some(&best), tol).0,
            Verdict::Wrong
        );
        assert_eq!(
            judge(&limit, None, false, Some(&best), tol).0,
            Verdict::Unsolved
        );
        // nothing certified: a checked optimum stands as uncertified, not a failure
        let (v, _) = judge(&Status::Optimal, Some(1.0), true, None, tol);
        assert_eq!(v, Verdict::Uncertified);
        assert!(!v.failed());
    }
}
