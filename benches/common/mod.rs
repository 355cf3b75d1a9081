//! Loaders shared by the benchmarks.
#![allow(dead_code)]

use stockland::instance::Instance;
use stockland::policy::PolicyModel;

/// The built-in Beijing instance and model.
pub fn beijing() -> (Instance, PolicyModel) {
    (
        stockland::cases::beijing::instance().expect("built-in instance"),
        stockland::cases::beijing::model().expect("built-in model"),
    )
}

/// The Beijing case with `scale` times as many (smaller) stock units.
pub fn beijing_scaled(scale: f64) -> (Instance, PolicyModel) {
    let g = stockland::cases::beijing::generate::beijing_scaled(
        stockland::cases::beijing::generate::DEFAULT_SEED,
        scale,
    )
    .expect("generator");
    (
        stockland::cases::beijing::generated_instance(&g).expect("generated instance"),
        stockland::cases::beijing::model().expect("built-in model"),
    )
}
