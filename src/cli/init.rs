//! `stockland init DIR [--template basic|structure]`: a template instance and model to
//! start from (not from Beijing), each with a README of every column. They validate and
//! solve as they stand.
//!
//! - `basic`: stock redevelopment: a commented `instance.toml`, `units.csv`, `sites.csv`
//!   and `projects.csv` with a few example rows and a commented `model.toml`.
//! - `structure`: a land-use structure programme (土地利用结构优化): twelve patch groups of
//!   arable and other land wholly allocated across six non-construction uses the instance
//!   declares, under an ecological floor stated as a `linear` rule and the arable floor; its
//!   README derives the optimum by hand.

use anyhow::Result;
use std::path::PathBuf;

const BASIC: [(&str, &str); 6] = [
    (
        "instance.toml",
        include_str!("../../templates/basic/instance.toml"),
    ),
    ("units.csv", include_str!("../../templates/basic/units.csv")),
    ("sites.csv", include_str!("../../templates/basic/sites.csv")),
    (
        "projects.csv",
        include_str!("../../templates/basic/projects.csv"),
    ),
    (
        "model.toml",
        include_str!("../../templates/basic/model.toml"),
    ),
    ("README.md", include_str!("../../templates/basic/README.md")),
];

const STRUCTURE: [(&str, &str); 4] = [
    (
        "instance.toml",
        include_str!("../../templates/structure/instance.toml"),
    ),
    (
        "units.csv",
        include_str!("../../templates/structure/units.csv"),
    ),
    (
        "model.toml",
        include_str!("../../templates/structure/model.toml"),
    ),
    (
        "README.md",
        include_str!("../../templates/structure/README.md"),
    ),
];

/// Which template to write.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Template {
    /// Stock redevelopment: units, sites, projects and the supply rules.
    Basic,
    /// A land-use structure programme: patch groups wholly allocated across declared uses.
    Structure,
}

#[derive(clap::Args)]
pub struct Args {
    /// The directory to write the template into: new, or empty (nothing is overwritten).
    dir: PathBuf,
    /// Which template.
    #[arg(long, value_enum, default_value = "basic")]
    template: Template,
}

pub fn run(a: Args) -> Result<u8> {
    super::ensure_new_or_empty(&a.dir)?;
    let chosen: &[(&str, &str)] = match a.template {
        Template::Basic => &BASIC,
        Template::Structure => &STRUCTURE,
    };
    let files: Vec<(String, Vec<u8>)> = chosen
        .iter()
        .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
        .collect();
    stockland::files::write_all(&a.dir, &files)?;
    let names: Vec<&str> = chosen.iter().map(|f| f.0).collect();
    println!(
        "wrote a template instance and model to {}: {}\nnext: stockland validate {d}/instance.toml {d}/model.toml && stockland solve {d} --model {d}/model.toml",
        a.dir.display(),
        names.join(", "),
        d = a.dir.display()
    );
    Ok(0)
}
