//! `stockland validate`: instances and models, every problem listed.

use super::args::InputArgs;
use anyhow::Result;
use std::path::PathBuf;
use stockland::files::{self, ReadPolicy};

#[derive(clap::Args)]
pub struct Args {
    /// Instance directories or manifests, and model files. Models are also checked
    /// against the instance when exactly one instance is given.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

pub fn run(a: Args) -> Result<u8> {
    let policy = a.input.policy()?;
    validate(&a.files, &policy)
}

/// What a file given to `validate` is.
enum Kind {
    Instance,
    Model,
}

/// Tell a manifest from a model by its structure: the tables a TOML document has at its top
/// level. A manifest has `[region]`, `[[zones]]`, `[[districts]]` or table files; a model has
/// `[rules]`, `[objective]` or `[whole_unit]`.
fn kind_of(path: &std::path::Path, policy: &ReadPolicy) -> std::result::Result<Kind, String> {
    if path.is_dir() {
        return Ok(Kind::Instance);
    }
    let (_, text) = files::read_text(path, None, policy).map_err(|p| p.to_string())?;
    let table: toml::Table = match toml::from_str(&text) {
        Ok(t) => t,
        // not TOML at all: the instance reader says where, as it would for a manifest
        Err(_) => return Ok(Kind::Instance),
    };
    let has = |keys: &[&str]| keys.iter().any(|k| table.contains_key(*k));
    let instance = has(&[
        "region",
        "zones",
        "districts",
        "transport",
        "units",
        "sites",
        "projects",
        "units_file",
        "sites_file",
        "projects_file",
        "criteria_file",
        "criteria",
        "metadata",
    ]);
    let model = has(&["rules", "objective", "whole_unit"]);
    match (instance, model) {
        (true, false) => Ok(Kind::Instance),
        (false, true) => Ok(Kind::Model),
        (true, true) => Err(format!(
            "{}: document: has both instance tables (region, zones, districts...) and model tables (rules, objective): expected an instance manifest or a policy model, not both",
            path.display()
        )),
        (false, false) => Err(format!(
            "{}: document: has neither instance tables ([region], [[zones]], [[districts]]) nor model tables ([rules], [objective]): expected an instance manifest or a policy model",
            path.display()
        )),
    }
}

fn validate(paths: &[PathBuf], policy: &ReadPolicy) -> Result<u8> {
    let mut instances = Vec::new();
    let mut models = Vec::new();
    let mut failed = false;
    for p in paths {
        let kind = match kind_of(p, policy) {
            Ok(k) => k,
            Err(e) => {
                println!("{e}");
                failed = true;
                continue;
            }
        };
        match kind {
            Kind::Instance => match files::load_instance_with(p, policy) {
                Ok(loaded) => {
                    let i = loaded.instance;
                    println!(
                        "ok: {} — instance `{}`: {} zones, {} districts, {} stock units, {} sites, {} consolidation projects",
                        p.display(),
                        i.name,
                        i.zones.len(),
                        i.districts.len(),
                        i.units.len(),
                        i.sites.len(),
                        i.projects.len()
                    );
                    instances.push(i);
                }
                Err(e) => {
                    println!("{e}");
                    failed = true;
                }
            },
            Kind::Model => match files::load_model_with(p, policy) {
                Ok(m) => models.push((p.clone(), m)),
                Err(e) => {
                    println!("{e}");
                    failed = true;
                }
            },
        }
    }
    let against = if instances.len() == 1 {
        instances.first()
    } else {
        None
    };
    for (p, m) in &models {
        match m.validate(&p.display().to_string(), against) {
            Ok(()) => println!(
                "ok: {} — model `{}`{}",
                p.display(),
                m.name,
                against
                    .map(|i| format!(", checked against instance `{}`", i.name))
                    .unwrap_or_default()
            ),
            Err(e) => {
                println!("{e}");
                failed = true;
            }
        }
    }
    Ok(if failed { 2 } else { 0 })
}
