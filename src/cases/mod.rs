//! Cases: the places stockland ships with, at the edge of the library. The core
//! (`instance`, `policy`, `network`, `programme`, `solve`, `solution`, `check`, `report`)
//! names no city; only the command line and the tests import this module.

pub mod beijing;
