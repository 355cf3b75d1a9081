//! Scaling of areas and money for the solver: powers of two applied to the objective and to
//! every bound, so that the numbers HiGHS works on sit around 1 whatever unit the instance
//! measures land and money in.
//!
//! A programme states areas in km² and money in million yuan: a city's costs may run from
//! about 0.2 to 2·10⁴ and its bounds from about 10⁻⁴ to 400 km², and a finer partition
//! of the same land (more, smaller units) pushes the smallest bounds down with the unit
//! areas. HiGHS equilibrates the matrix itself, but its tolerances are absolute, in the
//! units of the costs and bounds it is given. HiGHS's `user_objective_scale` multiplies
//! every cost by 2^k; `user_bound_scale` multiplies every bound and right-hand side of the
//! continuous columns by 2^k (so every continuous value by 2^k). HiGHS removes both before
//! it reports, so the answer, duals and ranging come back in the programme's own units and
//! the independent check sees nothing of it. Powers of two change no digit of the data.
//!
//! [`Scaling::Auto`] centres each kind on 1: the exponent is minus the median base-2
//! logarithm of the magnitudes (costs; bounds and right-hand sides together), rounded.

use crate::programme::Programme;
use serde::{Deserialize, Serialize};

/// How the objective and bounds are scaled for the solver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Scaling {
    /// The programme as built.
    #[default]
    Off,
    /// Exponents chosen from the programme's coefficient ranges (see the module).
    Auto,
    /// Given exponents: costs × 2^objective, bounds × 2^bound.
    Powers { objective: i32, bound: i32 },
}

/// The exponents applied: costs × 2^objective, bounds × 2^bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct Exponents {
    pub objective: i32,
    pub bound: i32,
}

impl Scaling {
    /// The exponents for programme `p`.
    pub fn exponents(self, p: &Programme) -> Exponents {
        match self {
            Scaling::Off => Exponents::default(),
            Scaling::Powers { objective, bound } => Exponents { objective, bound },
            Scaling::Auto => Exponents {
                objective: centre(p.col_cost.iter()),
                bound: centre(
                    (p.col_lower.iter().chain(&p.col_upper))
                        .chain(p.row_lower.iter().chain(&p.row_upper)),
                ),
            },
        }
    }

    /// Parse `off`, `auto` or `OBJECTIVE,BOUND` (two integer exponents).
    pub fn parse(s: &str) -> Result<Scaling, String> {
        match s {
            "off" => Ok(Scaling::Off),
            "auto" => Ok(Scaling::Auto),
            _ => {
                let bad = || {
                    format!("expected off, auto or two powers of two OBJECTIVE,BOUND such as -6,2; found {s:?}")
                };
                let (o, b) = s.split_once(',').ok_or_else(bad)?;
                let parse = |t: &str| t.trim().parse::<i32>().map_err(|_| bad());
                let (objective, bound) = (parse(o)?, parse(b)?);
                if objective.abs() > 60 || bound.abs() > 60 {
                    return Err(format!(
                        "exponents beyond ±60 would push numbers past what a double resolves; found {s:?}"
                    ));
                }
                Ok(Scaling::Powers { objective, bound })
            }
        }
    }
}

/// −round(median of log₂|v|) over the finite non-zero values: the power of two that puts
/// the middle magnitude at 1 (0 when there is none). The median, not the extremes: a few
/// costs that nearly cancel (value − cost ≈ 10⁻¹³) or one large right-hand side must not
/// pull the rest away from 1.
fn centre<'a>(values: impl Iterator<Item = &'a f64>) -> i32 {
    let mut logs: Vec<f32> = values
        .filter(|v| v.is_finite() && **v != 0.0)
        .map(|v| v.abs().log2() as f32)
        .collect();
    if logs.is_empty() {
        return 0;
    }
    let mid = logs.len() / 2;
    let (_, m, _) = logs.select_nth_unstable_by(mid, f32::total_cmp);
    -m.round() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_puts_the_middle_magnitude_at_one() {
        let p = Programme {
            // middle cost 64 = 2^6; a cancelled cost of 1e-13 does not move it
            col_cost: vec![0.25, 64.0, 16384.0, 1e-13, 100.0, 0.0],
            // bounds and right-hand sides together: middle 2^-1 (infinities and zeros left out)
            col_lower: vec![0.0; 6],
            col_upper: vec![1.0 / 1024.0, 0.25, 0.5, 0.5, 4.0, f64::INFINITY],
            row_lower: vec![f64::NEG_INFINITY, 0.125],
            row_upper: vec![0.5, 256.0],
            ..Programme::default()
        };
        assert_eq!(
            Scaling::Auto.exponents(&p),
            Exponents {
                objective: -6,
                bound: 1
            }
        );
        assert_eq!(Scaling::Off.exponents(&p), Exponents::default());
        assert_eq!(
            Scaling::Auto.exponents(&Programme::default()),
            Exponents::default()
        );
    }

    #[test]
    fn parses_and_refuses() {
        assert_eq!(Scaling::parse("auto"), Ok(Scaling::Auto));
        assert_eq!(Scaling::parse("off"), Ok(Scaling::Off));
        assert_eq!(
            Scaling::parse("-6, 2"),
            Ok(Scaling::Powers {
                objective: -6,
                bound: 2
            })
        );
        for bad in ["", "6", "a,b", "1,2,3", "100,0"] {
            assert!(Scaling::parse(bad).is_err(), "{bad}");
        }
    }
}
