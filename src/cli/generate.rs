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
    /// Write the instance as survey parcels: every stock unit split into N parcels of
    /// different areas sharing everything else per km² (interchangeable, as parcels of one
    /// land-price grade are); the same land and optimum (a benchmark of survey-sized inputs).
    #[arg(long, conflicts_with_all = ["family", "unit_scale"])]
    parcels: Option<usize>,
    /// Write the certified family instead: miniatures of the instance (1/20, 1/10, 1/5, 1/2)
    /// under variants of the built-in model, each solved by every backend that can and
    /// certified when they agree (`optima.csv`).
    #[arg(long)]
    family: bool,
    /// With --family: write the instances and models only, not `optima.csv` (no solving).
    #[arg(long, requires = "family")]
    no_certify: bool,
    /// With --family: the hard family (`instances/family-hard`): whole-unit MIPs with a
    /// binary and a fixed cost per linkage project, larger whole-unit MIPs, the five-year
    /// model, tie-heavy instances (values and costs by grade), infeasible cases.
    #[arg(long, requires = "family")]
    hard: bool,
    /// With --family: every variant of the family at these sizes (1/K of Beijing's
    /// records each, K ≥ 1) instead of the family's own list.
    #[arg(long, requires = "family", num_args = 1..)]
    sizes: Vec<usize>,
    /// With --family: each certifying solve stops after this many seconds (a MIP that no
    /// solver proves optimal in time is written with its best objective and gap, not
    /// certified).
    #[arg(long, requires = "family")]
    time_limit: Option<f64>,
    /// Output directory [default: instances/beijing-2011-2015, or instances/family with
    /// --family].
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<u8> {
    if a.family {
        let set = if a.hard {
            family::Set::Hard
        } else {
            family::Set::Standard
        };
        let out = a.out.unwrap_or_else(|| {
            if a.hard {
                "instances/family-hard".into()
            } else {
                "instances/family".into()
            }
        });
        anyhow::ensure!(
            a.sizes.iter().all(|&k| k >= 1),
            "--sizes: expected K ≥ 1 (1/K of Beijing's records)"
        );
        let sizes = (!a.sizes.is_empty()).then_some(a.sizes.as_slice());
        let cases = family::cases_of(set, sizes);
        return write_family(a.seed, &out, &cases, !a.no_certify, a.time_limit);
    }
    let out = a.out.unwrap_or_else(|| beijing::INSTANCE_DIR.into());
    let g = match a.parcels {
        Some(n) => generate::beijing_parcels(a.seed, n),
        None => generate::beijing_scaled(a.seed, a.unit_scale),
    }
    .map_err(anyhow::Error::msg)?;
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
    /// For a MIP no solver proved optimal in the time limit: the smallest gap any stopped at.
    mip_gap: Option<f64>,
    certified_by: String,
    max_rel_diff: String,
    /// How hard the case is: each solver's seconds.
    seconds: String,
}

fn write_family(
    seed: u64,
    out: &Path,
    cases: &[family::Case],
    certify: bool,
    time_limit: Option<f64>,
) -> Result<u8> {
    let mut generated = Vec::new();
    for (k, ties) in family::miniatures(cases) {
        let g = family::miniature(seed, k, ties).map_err(anyhow::Error::msg)?;
        let inst = beijing::generated_instance(&g)?;
        generated.push(((k, ties), inst));
        let dir = format!("m{k}{}", if ties { "t" } else { "" });
        write_generated(&out.join(dir), g)?;
    }
    let mut models = Vec::new();
    for case in cases {
        models.push((
            case.model_file().trim_start_matches("models/").to_string(),
            family::model(case)
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
    for case in cases {
        let inst = &generated
            .iter()
            .find(|(k, _)| *k == (case.keep_every, case.ties))
            .expect("every miniature is generated")
            .1;
        let text = family::model(case).map_err(anyhow::Error::msg)?;
        let model =
            parse_toml(&case.model_file(), &text).map_err(|p| stockland::Error::input(vec![p]))?;
        let c = family::certify(inst, &model, &extra_backends(), time_limit)?;
        let seconds = c
            .answers
            .iter()
            .map(|a| {
                if a.status == "optimal" || a.status == "infeasible" {
                    format!("{} {:.2}", a.solver, a.seconds)
                } else {
                    format!("{} >{:.0} (limit)", a.solver, a.seconds)
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        let mode = if model.whole_unit.enabled {
            "mip"
        } else {
            "lp"
        };
        let mut row = Optimum {
            case: case.name(),
            instance: case.instance_dir(),
            model: case.model_file(),
            mode,
            units: inst.units.len(),
            columns: c.columns,
            rows: c.rows,
            nonzeros: c.nonzeros,
            integers: c.integers,
            status: String::new(),
            objective: None,
            mip_gap: None,
            certified_by: String::new(),
            max_rel_diff: String::new(),
            seconds,
        };
        match c.finding() {
            family::Finding::Proven {
                status,
                objective,
                by,
                max_rel_diff,
            } => {
                println!(
                    "{:<18} {:>7} columns  {:<12} {:>18}  {} (max relative difference {:.1e})",
                    case.name(),
                    c.columns,
                    status,
                    objective.map_or("—".into(), |v| format!("{v:.4}")),
                    by.join(", "),
                    max_rel_diff
                );
                if by.len() < 2 && c.answers.len() < 2 {
                    bail!("{}: one solver only; not certified", case.name());
                }
                row.status = status;
                row.objective = objective;
                row.certified_by = by.join("+");
                row.max_rel_diff = format!("{max_rel_diff:.1e}");
            }
            family::Finding::BestKnown { objective, gap, by } => {
                println!(
                    "{:<18} {:>7} columns  not proven in the time limit: best {objective:.4} ({by}), gap {:.4}%",
                    case.name(),
                    c.columns,
                    100.0 * gap
                );
                row.status = "time limit".into();
                row.objective = Some(objective);
                row.mip_gap = Some(gap);
            }
            family::Finding::Disagree => bail!(
                "{}: the backends do not agree ({:?}); not certified",
                case.name(),
                c.answers
            ),
        }
        rows.push(row);
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
