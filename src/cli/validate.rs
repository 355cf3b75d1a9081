//! `stockland validate`: instances and models, every problem listed.

use anyhow::{Context, Result};
use std::path::PathBuf;
use stockland::files;

#[derive(clap::Args)]
pub struct Args {
    /// Instance directories or manifests, and model files. Models are also checked
    /// against the instance when exactly one instance is given.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub fn run(a: Args) -> Result<u8> {
    validate(&a.files)
}

/// What a file given to `validate` is.
enum Kind {
    Instance,
    Model,
}

fn kind_of(path: &std::path::Path) -> Result<Kind> {
    if path.is_dir() {
        return Ok(Kind::Instance);
    }
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    // A manifest has a [region]; anything else is taken for a model (and its own errors say why).
    let is_instance = text.lines().any(|l| l.trim_start().starts_with("[region"));
    Ok(if is_instance {
        Kind::Instance
    } else {
        Kind::Model
    })
}

fn validate(paths: &[PathBuf]) -> Result<u8> {
    let mut instances = Vec::new();
    let mut models = Vec::new();
    let mut failed = false;
    for p in paths {
        let kind = match kind_of(p) {
            Ok(k) => k,
            Err(e) => {
                println!("{e:#}");
                failed = true;
                continue;
            }
        };
        match kind {
            Kind::Instance => match files::load_instance(p) {
                Ok(i) => {
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
            Kind::Model => match files::load_model(p) {
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
