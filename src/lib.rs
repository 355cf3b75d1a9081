pub mod error;
pub mod instance;
pub mod land_use;
pub mod policy;
pub mod programme;
pub mod solve;
