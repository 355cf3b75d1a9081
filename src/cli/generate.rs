//! `stockland generate`: the Beijing instance, a scaled copy of it, or the certified family.

use anyhow::{bail, Result};
use std::path::{Path, PathBuf};
use stockland::cases::beijing::{self, family, generate};
use stockland::files;
use stockland::instance::format::parse_toml;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long, default_value_t = generate::DEFAULT_SEED)]
    seed: u64,
    /// Make N times as many stock units, each N times smaller (a benchmark family).
    #[arg(long, default_value_t = 1.0, conflicts_with = "family")]
    unit_scale: f64,
    /// Write the certified family instead: miniatures of the instance (1/20, 1/10, 1/5, 1/2)
    /// under variants of the built-in model, each solved by every backend that can and
    /// certified when they agree (`optima.csv`).
    #[arg(long)]
    family: bool,
    /// With --family: write the instances and models only, not `optima.csv` (no solving).
    #[arg(long, requires = "family")]
    no_certify: bool,
    /// Output directory [default: instances/beijing-2011-2015, or instances/family with
    /// --family].
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<u8> {
    if a.family {
        let out = a.out.unwrap_or_else(|| "instances/family".into());
        return write_family(a.seed, &out, !a.no_certify);
    }
    let out = a.out.unwrap_or_else(|| beijing::INSTANCE_DIR.into());
    let g = generate::beijing_scaled(a.seed, a.unit_scale).map_err(anyhow::Error::msg)?;
    write_generated(&out, g)?;
    println!(
        "generated the Beijing instance with seed {} in {}",
        a.seed,
        out.display()
    );
    Ok(0)
}

fn write_generated(dir: &Path, g: generate::Generated) -> Result<()> {
    files::write_all(
        dir,
        &[
            ("instance.toml".into(), g.manifest.into_bytes()),
            ("units.csv".into(), g.units_csv.into_bytes()),
            ("sites.csv".into(), g.sites_csv.into_bytes()),
            ("projects.csv".into(), g.projects_csv.into_bytes()),
        ],
    )?;
    Ok(())
}

/// One row of `optima.csv`.
#[derive(serde::Serialize)]
struct Optimum {
    case: String,
    instance: String,
    model: String,
    mode: &'static str,
    units: usize,
    columns: usize,
    rows: usize,
    nonzeros: usize,
    integers: usize,
    status: String,
    objective: Option<f64>,
    certified_by: String,
    max_rel_diff: String,
}

fn write_family(seed: u64, out: &Path, certify: bool) -> Result<u8> {
    let mut generated = Vec::new();
    for k in family::SIZES {
        let g = family::miniature(seed, k).map_err(anyhow::Error::msg)?;
        let inst = beijing::generated_instance(&g)?;
        generated.push((k, inst));
        write_generated(&out.join(format!("m{k}")), g)?;
    }
    let mut models = Vec::new();
    for case in family::cases() {
        models.push((
            case.model_file().trim_start_matches("models/").to_string(),
            family::model(&case)
                .map_err(anyhow::Error::msg)?
                .into_bytes(),
        ));
    }
    files::write_all(&out.join("models"), &models)?;
    if !certify {
        println!(
            "wrote the family's instances and models in {}",
            out.display()
        );
        return Ok(0);
    }
    let mut rows = Vec::new();
    for case in family::cases() {
        let inst = &generated
            .iter()
            .find(|(k, _)| *k == case.keep_every)
            .expect("every size is generated")
            .1;
        let text = family::model(&case).map_err(anyhow::Error::msg)?;
        let model =
            parse_toml(&case.model_file(), &text).map_err(|p| stockland::Error::input(vec![p]))?;
        let c = family::certify(inst, &model, &extra_backends())?;
        let solvers: Vec<&str> = c.answers.iter().map(|a| a.solver.as_str()).collect();
        println!(
            "{:<18} {:>7} columns  {:<12} {:>18}  {} (max relative difference {:.1e})",
            case.name(),
            c.columns,
            c.answers[0].status,
            c.answers[0]
                .objective
                .map_or("—".into(), |v| format!("{v:.4}")),
            solvers.join(", "),
            c.max_rel_diff
        );
        if !c.agrees() {
            bail!(
                "{}: the backends do not agree ({:?}); not certified",
                case.name(),
                c.answers
            );
        }
        rows.push(Optimum {
            case: case.name(),
            instance: case.instance_dir(),
            model: case.model_file(),
            mode: if model.whole_unit.enabled {
                "mip"
            } else {
                "lp"
            },
            units: inst.units.len(),
            columns: c.columns,
            rows: c.rows,
            nonzeros: c.nonzeros,
            integers: c.integers,
            status: c.answers[0].status.clone(),
            objective: c.answers[0].objective,
            certified_by: solvers.join("+"),
            max_rel_diff: format!("{:.1e}", c.max_rel_diff),
        });
    }
    let csv = stockland::instance::format::to_csv(&rows).map_err(anyhow::Error::msg)?;
    files::write_all(out, &[("optima.csv".into(), csv.into_bytes())])?;
    println!(
        "certified {} cases; wrote the family in {}",
        rows.len(),
        out.display()
    );
    Ok(0)
}

/// The optional backends this build has, which certify the family beside HiGHS and microlp.
fn extra_backends() -> Vec<stockland::solve::Backend> {
    let mut v = Vec::new();
    if cfg!(feature = "clarabel") {
        v.push(stockland::solve::Backend::Clarabel);
    }
    if cfg!(feature = "cbc") {
        v.push(stockland::solve::Backend::Cbc);
    }
    v
}
