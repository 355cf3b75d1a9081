//! `stockland generate`.

use anyhow::Result;
use std::path::PathBuf;
use stockland::cases::beijing::generate;
use stockland::files;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = generate::DEFAULT_SEED)]
    seed: u64,
    /// Make N times as many stock units, each N times smaller (a benchmark family).
    #[arg(long, default_value_t = 1.0)]
    unit_scale: f64,
    /// Output directory.
    #[arg(long, default_value = "instances/beijing-2011-2015")]
    out: PathBuf,
}

pub fn run(a: Args) -> Result<u8> {
    let g = generate::beijing_scaled(a.seed, a.unit_scale).map_err(anyhow::Error::msg)?;
    files::write_all(
        &a.out,
        &[
            ("instance.toml".into(), g.manifest.into_bytes()),
            ("units.csv".into(), g.units_csv.into_bytes()),
            ("sites.csv".into(), g.sites_csv.into_bytes()),
            ("projects.csv".into(), g.projects_csv.into_bytes()),
        ],
    )?;
    println!(
        "generated the Beijing instance with seed {} in {}",
        a.seed,
        a.out.display()
    );
    Ok(0)
}
