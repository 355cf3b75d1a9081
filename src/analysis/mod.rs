//! The analyses around a run: each prepares the programme once through [`crate::run`] and
//! solves variants of it, checking every answer independently.
//!
//! - [`prices`]: what each rule costs (the optimum with the rule dropped or relaxed);
//! - [`pareto`]: the trade-off front between net benefit and a second criterion;
//! - [`alternatives`]: near-optimal plans that differ in their whole-unit choices;
//! - [`evaluate`]: a plan, or what happened, against the optimum;
//! - [`sweep`]: scenarios over parameters, locally or as a cluster array;
//! - [`bench`](mod@bench): one case's phases timed apart, for the benchmark harness;
//! - [`profile`]: performance profiles of methods over a family of cases.

pub mod alternatives;
pub mod bench;
pub mod evaluate;
pub mod pareto;
pub mod prices;
pub mod profile;
pub mod sweep;
