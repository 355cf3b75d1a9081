//! The hand-over to HiGHS against the floor of any hand-over: one raw `Highs_passModel` of
//! the same arrays, already in HiGHS's integer type (create, pass, destroy). Beside it,
//! stockland's `Session::open` (the index conversion, the options and the same call) and the
//! build of the programme followed by that hand-over, on Beijing and on the 10× family
//! member. `cargo bench --bench handover`.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use highs_sys::*;
use std::hint::black_box;
use stockland::programme::{build, Programme};
use stockland::solve::{Session, SolveOptions};

/// The arrays as HiGHS takes them, converted before the clock starts.
struct Raw {
    start: Vec<HighsInt>,
    index: Vec<HighsInt>,
}

impl Raw {
    fn of(p: &Programme) -> Raw {
        Raw {
            start: p.col_start()[..p.num_cols()]
                .iter()
                .map(|&s| s as HighsInt)
                .collect(),
            index: p.row_index().iter().map(|&r| r as HighsInt).collect(),
        }
    }

    /// Create a HiGHS instance, pass the model, destroy the instance.
    fn pass(&self, p: &Programme) {
        // SAFETY: every array has the length HiGHS reads (ncol, nrow, nnz); the instance is
        // created and destroyed here.
        unsafe {
            let h = Highs_create();
            Highs_setBoolOptionValue(h, c"output_flag".as_ptr(), 0);
            let st = Highs_passModel(
                h,
                p.num_cols() as HighsInt,
                p.num_rows() as HighsInt,
                p.num_nonzeros() as HighsInt,
                0,
                MATRIX_FORMAT_COLUMN_WISE,
                0,
                OBJECTIVE_SENSE_MAXIMIZE,
                0.0,
                p.col_cost().as_ptr(),
                p.col_lower().as_ptr(),
                p.col_upper().as_ptr(),
                p.row_lower().as_ptr(),
                p.row_upper().as_ptr(),
                self.start.as_ptr(),
                self.index.as_ptr(),
                p.value().as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null(),
            );
            assert_ne!(st, STATUS_ERROR, "HiGHS takes the model");
            Highs_destroy(h);
        }
    }
}

fn handover(c: &mut Criterion) {
    let o = SolveOptions::default();
    for (name, scale) in [("beijing", 1.0), ("beijing_x10", 10.0)] {
        let (inst, model) = if scale == 1.0 {
            common::beijing()
        } else {
            common::beijing_scaled(scale)
        };
        let p = build(&inst, &model);
        let raw = Raw::of(&p);
        let mut g = c.benchmark_group(format!("handover_{name}"));
        g.sample_size(20);
        g.bench_function("raw_pass_model", |b| b.iter(|| raw.pass(black_box(&p))));
        g.bench_function("session_open", |b| {
            b.iter(|| black_box(Session::open(&p, &o).expect("opens")))
        });
        g.bench_function("build_and_open", |b| {
            b.iter(|| {
                let p = build(&inst, &model);
                black_box(Session::open(&p, &o).expect("opens"))
            })
        });
        g.finish();
    }
}

criterion_group!(benches, handover);
criterion_main!(benches);
