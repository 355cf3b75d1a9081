//! Beijing 2011-2015: building the programme (with the linkage network) timed apart from
//! solving it, the LP per HiGHS algorithm, the whole-unit MIP to a 1% gap, and the
//! independent check; `prices` warm against cold. `cargo bench --bench beijing`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use stockland::check::check;
use stockland::network::LinkageNetwork;
use stockland::policy::active;
use stockland::programme::{build, build_with};
use stockland::solve::{solve, Method, SolveOptions};

fn beijing(c: &mut Criterion) {
    let (inst, model) = common::beijing();
    let link = active(&model.rules.linkage_balance).expect("the Beijing model has the linkage");
    let mut g = c.benchmark_group("beijing");
    g.bench_function("network", |b| {
        b.iter(|| black_box(LinkageNetwork::build(&inst, link)))
    });
    let net = LinkageNetwork::build(&inst, link);
    g.bench_function("build", |b| {
        b.iter(|| black_box(build_with(&inst, &model, Some(&net))))
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
    let mut whole = model.clone();
    whole.whole_unit.enabled = true;
    let mip = build(&inst, &whole);
    let o = SolveOptions {
        method: Method::Simplex,
        mip_rel_gap: Some(0.01),
        ..Default::default()
    };
    g.bench_function("solve_whole_unit_mip_gap_1pct", |b| {
        b.iter(|| black_box(solve(&mip, &o).expect("solves")))
    });
    let run =
        stockland::run::run(&inst, &model, "model", &SolveOptions::default()).expect("solves");
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

/// `prices` warm from the base basis against the same re-solves from scratch, on the
/// stock-target groups (4 of Beijing's 47: the whole set is `stockland benchmark --prices`).
fn prices(c: &mut Criterion) {
    let (inst, model) = common::beijing();
    let programme = build(&inst, &model);
    let labels: Vec<String> = programme
        .rows()
        .iter()
        .map(|r| stockland::programme::row_label(&inst, r))
        .collect();
    let groups = stockland::analysis::prices::groups(
        &programme,
        &labels,
        &[stockland::policy::RuleId::StockTarget],
    );
    let o = SolveOptions {
        method: Method::Simplex,
        sensitivity: false,
        ..Default::default()
    };
    let mut g = c.benchmark_group("prices");
    g.sample_size(10);
    for (name, cold) in [("warm", false), ("cold", true)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    stockland::analysis::prices::price(&programme, &o, &groups, None, 2, cold)
                        .expect("solves"),
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, beijing, prices);
criterion_main!(benches);
