//! # stockland
//!
//! An optimisation engine for stock-land redevelopment allocation. A region must redevelop
//! a fixed amount of existing construction land across functional zones while rural
//! homesteads are withdrawn and reclaimed to farmland; farmland floors, ecological rules and
//! transport access bound every choice.
//!
//! ## The problem
//!
//! With `x[u,k]` km² of stock unit `u` turned to use `k`, `y[s,k]` km² of new construction
//! for use `k` at receiving site `s` and `c[p]` km² of new arable from consolidation project
//! `p`:
//!
//! ```text
//! maximise   Σ (w_v·value − w_c·cost)·x  +  Σ (w_v·value − w_c·cost)·y  −  Σ w_c·cost_p·c
//!            − Σ penalty · violation(soft rules)
//! subject to every enabled rule family of the policy model (unit capacity, stock target by
//!            zone, supply cap and mix, affordable share, new-construction quota, arable
//!            floor, occupation balance, basic farmland, construction caps, ecological zone...)
//!            0 ≤ x[u,k] ≤ area(u),  0 ≤ y[s,k] ≤ capacity(s),  0 ≤ c[p] ≤ capacity(p)
//! ```
//!
//! Each family and its formula is documented in [`policy::rules`]; each row is named
//! `rule_id[key]`, and the same name labels its shadow price ([`solution`]), its line in the
//! independent [`check`] and in every [`report`].
//!
//! ## Modules, in the order data flows
//!
//! [`instance`] (facts) and [`policy`] (rules) → [`programme`] (the sparse LP, the only place
//! that builds rows) → [`solve`] (HiGHS via `highs-sys`, microlp via `good_lp`) →
//! [`solution`] (plain data) → [`check`] (recomputes every rule from instance, model and
//! allocation; never reads the programme) → [`report`]. [`engine`] runs them in that order;
//! [`diagnose`] explains an infeasible model; [`generate`] makes the synthetic parts of the
//! Beijing case; [`files`] is the only module that touches the file system.

pub mod check;
pub mod diagnose;
pub mod engine;
pub mod error;
pub mod files;
pub mod generate;
pub mod instance;
pub mod land_use;
pub mod policy;
pub mod programme;
pub mod report;
pub mod solution;
pub mod solve;

pub use error::{Error, Problem, Result};
pub mod network;
