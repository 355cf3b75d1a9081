//! Loaders shared by the benchmarks.
#![allow(dead_code)]

use stockland::instance::Instance;
use stockland::policy::PolicyModel;

/// The built-in Beijing instance and model.
pub fn beijing() -> (Instance, PolicyModel) {
    (
        stockland::files::builtin_instance().expect("built-in instance"),
        stockland::files::builtin_model().expect("built-in model"),
    )
}

/// The Beijing case with `scale` times as many (smaller) stock units.
pub fn beijing_scaled(scale: f64) -> (Instance, PolicyModel) {
    let g = stockland::generate::beijing_scaled(stockland::generate::DEFAULT_SEED, scale)
        .expect("generator");
    (
        stockland::files::generated_instance(&g).expect("generated instance"),
        stockland::files::builtin_model().expect("built-in model"),
    )
}
