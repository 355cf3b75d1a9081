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
//! Each family and its formula is documented in [`policy::rules`], one file per family;
//! each row is named by a typed [`policy::RowRef`] (printed `rule_id[key]`), and the same
//! reference labels its shadow price ([`solution`]), its line in the independent [`check`]
//! and its entry in every [`report`].
//!
//! ## Modules, in the order data flows
//!
//! ```text
//! instance   what is given: types, formats, validation that reports every problem;
//!            uses: the instance's catalogue of land uses
//! policy     what is wanted: the objective, the family registry, typed row references
//!   rules/<id>.rs    one file per family: settings, formula, validation, the policy
//!                    definitions it owns (a withdrawal unit, a pairing, a density)
//! solution   plain data: status, allocation, flows, prices (imports none of the layers
//!            below but instance and policy)
//! plan       a plan to evaluate (tables or aggregates) and the locks of a run
//! network    transport distances and the linkage network (petgraph), project areas
//! programme  the only place that builds LP rows; decodes a solver outcome into a solution
//!   rows/<id>.rs     the same family's rows
//! solve      options and backends (HiGHS via highs-sys; microlp, Clarabel, CBC via good_lp)
//! check      recomputes every rule and lock from instance, model and allocation; never
//!            the programme
//!   rules/<id>.rs    the same family's independent recomputation
//! run        one prepared run (validate, network, programme, numbers once; solve; decode;
//!            check), the sensitivity of its optimum, the diagnosis of an infeasible one
//! analysis   what is asked of many runs: prices, Pareto fronts, alternatives, evaluation
//!            of a plan, sweeps, profiles
//! report     text, JSON, CSV, DOT, HTML, GeoJSON, xlsx of a run and of an evaluation
//! files      the only module that touches the file system: safe reading (inside the
//!            instance, regular files, bounded) and outputs written as one transaction
//! cases      the Beijing case (generator and built-in files), imported by the CLI and tests
//! ```
//!
//! Dependencies run one way, down this list: `instance` ← `policy` ← `solution` ← `plan`
//! ← `network` ← {`programme` ← `solve`, `check`} ← `run` ← `analysis` ← `report`; `error`
//! and `intern` serve every layer, `files` and `cases` sit at the edge, and no module but
//! `cases` (and the binary's `cli`) names a city (`tests/it/architecture.rs` reads the
//! source to hold all three).

pub mod analysis;
pub mod cases;
pub mod check;
pub mod error;
pub mod files;
pub mod instance;
pub mod intern;
pub mod network;
pub mod plan;
pub mod policy;
pub mod programme;
pub mod report;
pub mod run;
pub mod solution;
pub mod solve;

pub use error::{Error, Problem, Result};
