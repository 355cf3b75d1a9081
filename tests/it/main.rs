//! The integration tests, one binary (so the static HiGHS library is linked once), one
//! module per subject; `util` runs the real CLI and loads the committed instances.

mod aggregate;
mod architecture;
mod backends;
mod bad_input;
mod benchmark;
mod cli;
mod docs;
mod evaluate;
mod export;
mod family;
mod fuzz;
mod geo;
mod golden;
mod hostile;
mod labels;
mod linkage;
mod own_rules;
mod planners;
mod prices;
mod properties;
mod rules;
mod sensitivity;
mod sifting;
mod solve;
mod structure;
mod sweep;
mod tradeoffs;
mod years;

mod util;
