//! Scenario sweeps: a policy model and instance solved under many values of their
//! parameters — lists, ranges and grids for what-ifs, seeded draws for uncertainty — each
//! scenario solved, checked and summed up as a row; tables of the whole from the rows
//! alone (the report's `sweep` tables).
//!
//! Scenarios run in parallel, one HiGHS instance per scenario on a pool of workers. The
//! base is solved once; a scenario whose programme keeps the base's shape (same columns and
//! rows: the scenario moved bounds, costs or coefficients) starts from the base optimum's
//! basis: with the primal simplex when only costs moved (the basis stays primal feasible),
//! with the dual simplex otherwise. Starting every scenario from the same basis, rather than from
//! whichever scenario the worker solved before, makes each result a function of the
//! scenario alone: the same bytes whatever the number of workers or shards.

pub mod design;
pub mod metric;
pub mod scenario;

pub use design::{Design, Scenario, SweepSpec};
pub use metric::Metric;
pub use scenario::{Base, ScenarioResult, ScenarioStatus};

use crate::error::{Error, Result};
use rayon::prelude::*;

/// The scenarios of shard `shard` of `shards`: a contiguous block, the blocks in order.
pub fn shard(scenarios: &[Scenario], shard: usize, shards: usize) -> &[Scenario] {
    let n = scenarios.len();
    let (lo, hi) = (n * shard / shards, n * (shard + 1) / shards);
    &scenarios[lo..hi]
}

/// Solve `scenarios` on `workers` threads; `done` is called with each result as it comes
/// (from any worker), and its first error stops the sweep.
pub fn run(
    base: &Base<'_>,
    scenarios: &[Scenario],
    workers: usize,
    done: &(dyn Fn(ScenarioResult) -> Result<()> + Sync),
) -> Result<()> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(workers.max(1))
        .build()
        .map_err(|e| Error::Options(format!("starting {workers} workers: {e}")))?;
    pool.install(|| {
        scenarios
            .par_iter()
            .with_max_len(1)
            .try_for_each(|s| done(base.solve(s)))
    })
}
