//! Beijing 2011-2015: building the programme timed apart from solving it, per HiGHS
//! algorithm, and the independent check. `cargo bench --bench beijing`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use stockland::check::check;
use stockland::programme::build;
use stockland::solve::{solve, Method, SolveOptions};

fn beijing(c: &mut Criterion) {
    let (inst, model) = common::beijing();
    let (inst10, _) = common::beijing_scaled(10.0);
    let mut g = c.benchmark_group("beijing");
    g.bench_function("build", |b| b.iter(|| black_box(build(&inst, &model))));
    g.bench_function("build_x10", |b| {
        b.iter(|| black_box(build(&inst10, &model)))
    });
    let programme = build(&inst, &model);
    g.sample_size(10);
    for method in [Method::Simplex, Method::Ipm] {
        let o = SolveOptions {
            method,
            ..Default::default()
        };
        g.bench_function(format!("solve_lp_{}", method.as_str()), |b| {
            b.iter(|| black_box(solve(&programme, &o).expect("solves")))
        });
    }
    let run =
        stockland::engine::run(&inst, &model, "model", &SolveOptions::default()).expect("solves");
    g.bench_function("check", |b| {
        b.iter(|| {
            black_box(check(
                &inst,
                &model,
                &run.solution.allocation,
                run.solution.objective,
            ))
        })
    });
    g.finish();
}

criterion_group!(benches, beijing);
criterion_main!(benches);
