//! `stockland init DIR`: a template instance and model to start from (not from Beijing):
//! a commented `instance.toml`, `units.csv`, `sites.csv` and `projects.csv` with a few
//! example rows, a commented `model.toml` and a README of every column. They validate and
//! solve as they stand.

use anyhow::Result;
use std::path::PathBuf;

const FILES: [(&str, &str); 6] = [
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

#[derive(clap::Args)]
pub struct Args {
    /// The directory to write the template into: new, or empty (nothing is overwritten).
    dir: PathBuf,
}

pub fn run(a: Args) -> Result<u8> {
    super::ensure_new_or_empty(&a.dir)?;
    let files: Vec<(String, Vec<u8>)> = FILES
        .iter()
        .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
        .collect();
    stockland::files::write_all(&a.dir, &files)?;
    println!(
        "wrote a template instance and model to {}: {}\nnext: stockland validate {d}/instance.toml {d}/model.toml && stockland solve {d} --model {d}/model.toml",
        a.dir.display(),
        FILES.map(|f| f.0).join(", "),
        d = a.dir.display()
    );
    Ok(0)
}
