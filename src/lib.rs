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
//! ## A run through the library
//!
//! Two stock units and one receiving site in one zone (`instances/tiny/two-units.toml`
//! derives the optimum by hand: 31 million yuan, the supply cap's price 5 per km²):
//!
//! ```
//! use stockland::run::Prepared;
//! use stockland::solve::{Method, SolveOptions};
//!
//! let instance = stockland::files::instance_from_texts(
//!     "tiny.toml",
//!     r#"
//! schema_version = 1
//! name = "tiny"
//! [region]
//! name = "Tiny"
//! baseline_year = 2010
//! [region.baseline]
//! total = 100.0
//! arable = 50.0
//! basic_farmland = 40.0
//! construction = 20.0
//! urban_rural = 15.0
//! town = 10.0
//! [[zones]]
//! id = "z"
//! name = "Zone"
//! [[districts]]
//! id = "d"
//! name = "District"
//! zone = "z"
//! population = 1000.0
//! area_km2 = 100.0
//! [[units]]
//! id = "U1"
//! district = "d"
//! kind = "inefficient_industrial"
//! land_class = "0601"
//! account = "town"
//! in_town = true
//! area_km2 = 2.0
//! in_redline = false
//! in_basic_farmland_area = false
//! station_km = 1.0
//! population = 0.0
//! reclaimable_share = 0.0
//! arable_grade = 5
//! value_market = 11.0
//! cost_market = 4.0
//! [[units]]
//! id = "U2"
//! district = "d"
//! kind = "urban_village"
//! land_class = "0702"
//! account = "rural"
//! in_town = true
//! area_km2 = 3.0
//! in_redline = false
//! in_basic_farmland_area = false
//! station_km = 1.0
//! population = 500.0
//! reclaimable_share = 0.0
//! arable_grade = 5
//! value_market = 8.0
//! cost_market = 5.0
//! value_ecological = 1.0
//! cost_ecological = 0.0
//! [[sites]]
//! id = "S1"
//! district = "d"
//! kind = "new_town"
//! capacity_km2 = 4.0
//! arable_share = 0.5
//! basic_farmland_share = 0.0
//! in_town = true
//! station_km = 1.0
//! arable_grade = 5
//! value_market = 7.0
//! cost_market = 2.0
//! "#,
//!     |file| Err(stockland::Problem::new(file, "", "", "an inline instance names no files")),
//! )?;
//! let model: stockland::policy::PolicyModel = stockland::instance::format::parse_toml(
//!     "tiny-model.toml",
//!     r#"
//! schema_version = 1
//! name = "tiny"
//! [rules.unit_capacity]
//! [rules.site_capacity]
//! [rules.stock_target]
//! targets_km2 = { z = 4.0 }
//! [rules.supply_cap]
//! max_km2 = 5.0
//! "#,
//! )
//! .map_err(|p| stockland::Error::input(vec![p]))?;
//!
//! // validate, build and check the numbers once; solve; decode; check independently
//! let prepared = Prepared::prepare(&instance, &model, "tiny-model.toml")?;
//! let options = SolveOptions { method: Method::Simplex, ..SolveOptions::default() };
//! let run = prepared.solve(&options)?;
//! assert!(run.check.as_ref().is_some_and(|c| c.passed()));
//! assert!((run.solution.objective.unwrap() - 31.0).abs() < 1e-6);
//! let price = run.solution.shadow_price("supply_cap").unwrap();
//! assert!((price - 5.0).abs() < 1e-6);
//! # Ok::<(), stockland::Error>(())
//! ```
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
pub mod version;

pub use error::{Error, Problem, Result};
