//! Performance profiles (Dolan and Moré, 2002) for comparing solvers or methods over a
//! family of problems: for each solver, the share of problems it solves within a factor τ
//! of the fastest solver on that problem, as a step function of τ ≥ 1. A failed run (a
//! wrong answer, or a limit reached) never counts as solved; what counts as solved is the
//! caller's (the benchmark counts a proven infeasibility of a case certified infeasible).
//! A solver run several times on a problem (under several seeds) is timed by the median,
//! and fails the problem if any run failed.

use serde::Serialize;

/// One timed run.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    pub problem: String,
    pub solver: String,
    /// Seconds to the optimum; `None` when the run did not reach one.
    pub seconds: Option<f64>,
}

/// A solver's profile: (τ, share of problems solved within τ × the best time), at every τ
/// where the share steps, from τ = 1.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Profile {
    pub solver: String,
    pub points: Vec<(f64, f64)>,
}

fn first_seen<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for x in it {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

/// The profile of every solver in `runs` (solvers and problems in order of first
/// appearance; a problem no solver solved counts for none).
pub fn profiles(runs: &[Timing]) -> Vec<Profile> {
    let problems = first_seen(runs.iter().map(|r| r.problem.as_str()));
    let solvers = first_seen(runs.iter().map(|r| r.solver.as_str()));
    // a solver run several times on a problem (under several seeds) counts with the median
    // of its times if every run solved it, and as failed otherwise
    let time = |p: &str, s: &str| -> Option<f64> {
        let mut t: Vec<f64> = runs
            .iter()
            .filter(|r| r.problem == p && r.solver == s)
            .map(|r| r.seconds.filter(|t| t.is_finite() && *t >= 0.0))
            .collect::<Option<_>>()?;
        t.sort_by(f64::total_cmp);
        (!t.is_empty()).then(|| super::bench::median(&t))
    };
    // the best time per problem, floored so that a run of 0 s does not divide by zero
    let best: Vec<Option<f64>> = problems
        .iter()
        .map(|p| {
            solvers
                .iter()
                .filter_map(|s| time(p, s))
                .reduce(f64::min)
                .map(|t| t.max(1e-9))
        })
        .collect();
    let n = problems.len().max(1) as f64;
    solvers
        .iter()
        .map(|s| {
            let mut ratios: Vec<f64> = problems
                .iter()
                .zip(&best)
                .filter_map(|(p, b)| Some(time(p, s)?.max(1e-9) / (*b)?))
                .collect();
            ratios.sort_by(f64::total_cmp);
            let mut points = vec![(
                1.0,
                ratios.iter().filter(|r| **r <= 1.0 + 1e-12).count() as f64 / n,
            )];
            for (i, r) in ratios.iter().enumerate() {
                let share = (i + 1) as f64 / n;
                if *r > 1.0 + 1e-12 {
                    match points.last_mut() {
                        Some(last) if (last.0 - r).abs() < 1e-12 => last.1 = share,
                        _ => points.push((*r, share)),
                    }
                }
            }
            Profile {
                solver: s.to_string(),
                points,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(p: &str, s: &str, x: Option<f64>) -> Timing {
        Timing {
            problem: p.into(),
            solver: s.into(),
            seconds: x,
        }
    }

    #[test]
    fn hand_derived_profiles_with_a_failure() {
        // p1: A 1 s, B 2 s; p2: A 4 s, B 2 s; p3: A failed, B 3 s.
        // ratios A: 1, 2, ∞ → 1/3 at τ = 1, 2/3 from τ = 2; B: 2, 1, 1 → 2/3 at 1, 1 from 2.
        let runs = [
            t("p1", "A", Some(1.0)),
            t("p1", "B", Some(2.0)),
            t("p2", "A", Some(4.0)),
            t("p2", "B", Some(2.0)),
            t("p3", "A", None),
            t("p3", "B", Some(3.0)),
        ];
        let p = profiles(&runs);
        assert_eq!(p[0].solver, "A");
        assert_eq!(p[0].points, vec![(1.0, 1.0 / 3.0), (2.0, 2.0 / 3.0)]);
        assert_eq!(p[1].points, vec![(1.0, 2.0 / 3.0), (2.0, 1.0)]);
    }

    #[test]
    fn every_profile_starts_at_one_and_never_falls() {
        let runs: Vec<Timing> = (0..20)
            .flat_map(|i| {
                let p = format!("p{i}");
                [
                    t(&p, "A", Some(1.0 + (i % 7) as f64)),
                    t(&p, "B", Some(1.0 + (i % 5) as f64 * 1.5)),
                    t(&p, "C", (i % 4 != 0).then_some(2.0)),
                ]
            })
            .collect();
        for prof in profiles(&runs) {
            assert_eq!(prof.points[0].0, 1.0);
            assert!(prof
                .points
                .windows(2)
                .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1));
            assert!(prof.points.last().unwrap().1 <= 1.0);
        }
    }
}
