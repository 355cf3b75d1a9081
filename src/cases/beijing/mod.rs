//! The Beijing 2011-2015 case: the instance and model built into the binary, and the
//! generator of the instance's synthetic parts ([`generate`]).

pub mod family;
pub mod generate;

use crate::error::{Error, Problem, Result};
use crate::files::instance_from_texts;
use crate::instance::format::parse_toml;
use crate::instance::Instance;
use crate::policy::PolicyModel;

/// Where the built-in files live in the repository, and their text.
pub const INSTANCE_DIR: &str = "instances/beijing-2011-2015";
pub const MANIFEST: &str = include_str!("../../../instances/beijing-2011-2015/instance.toml");
pub const UNITS: &str = include_str!("../../../instances/beijing-2011-2015/units.csv");
pub const SITES: &str = include_str!("../../../instances/beijing-2011-2015/sites.csv");
pub const PROJECTS: &str = include_str!("../../../instances/beijing-2011-2015/projects.csv");
pub const MODEL_FILE: &str = "models/beijing-12th-fyp.toml";
pub const MODEL: &str = include_str!("../../../models/beijing-12th-fyp.toml");
/// The five-year model (the built-in model's rules year by year), for the family's years
/// cases.
pub const MODEL_YEARS: &str = include_str!("../../../models/beijing-12th-fyp-years.toml");

/// The built-in Beijing instance.
pub fn instance() -> Result<Instance> {
    let dir = INSTANCE_DIR;
    instance_from_texts(&format!("{dir}/instance.toml"), MANIFEST, |f| {
        let text = match f {
            "units.csv" => UNITS,
            "sites.csv" => SITES,
            "projects.csv" => PROJECTS,
            other => {
                return Err(Problem::new(
                    format!("{dir}/instance.toml"),
                    "document",
                    "",
                    format!("the built-in instance names an unknown file {other}"),
                ))
            }
        };
        Ok((format!("{dir}/{f}"), text.to_string()))
    })
}

/// The built-in Beijing model.
pub fn model() -> Result<PolicyModel> {
    parse_toml(MODEL_FILE, MODEL).map_err(|p| Error::input(vec![p]))
}

/// An instance from the generator's output, in memory (no files written).
pub fn generated_instance(g: &generate::Generated) -> Result<Instance> {
    instance_from_texts("generated/instance.toml", &g.manifest, |f| {
        let text = match f {
            "units.csv" => &g.units_csv,
            "sites.csv" => &g.sites_csv,
            "projects.csv" => &g.projects_csv,
            other => {
                return Err(Problem::new(
                    "generated/instance.toml",
                    "document",
                    "",
                    format!("unknown file {other}"),
                ))
            }
        };
        Ok((format!("generated/{f}"), text.clone()))
    })
}
