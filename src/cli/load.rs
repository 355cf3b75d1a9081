//! Loading what a command works on: the instance and the model (the built-in Beijing case
//! when neither is given), locks, and the list of input files (so that outputs never
//! overwrite them).

use anyhow::Result;
use std::path::{Path, PathBuf};
use stockland::cases::beijing;
use stockland::files::{self, ReadPolicy};
use stockland::instance::Instance;
use stockland::plan::Lock;
use stockland::policy::PolicyModel;

pub struct Loaded {
    pub instance: Instance,
    pub model_name: String,
    pub model: PolicyModel,
    /// Every file read, for the output checks.
    pub inputs: Vec<PathBuf>,
    /// How they were read, for the files a command reads next.
    pub policy: ReadPolicy,
}

/// The instance and model of a command.
pub fn load(
    instance: Option<&PathBuf>,
    model: Option<&PathBuf>,
    policy: &ReadPolicy,
) -> Result<Loaded> {
    let mut inputs = Vec::new();
    let Some(m) = model else {
        anyhow::ensure!(
            instance.is_none(),
            "an instance of your own needs a policy model: add --model FILE"
        );
        return Ok(Loaded {
            instance: beijing::instance()?,
            model_name: beijing::MODEL_FILE.to_string(),
            model: beijing::model()?,
            inputs,
            policy: policy.clone(),
        });
    };
    let instance = match instance {
        None => beijing::instance()?,
        Some(i) => {
            let loaded = files::load_instance_with(i, policy)?;
            inputs.extend(loaded.files);
            for w in &loaded.instance.warnings {
                eprintln!("warning: {w}");
            }
            loaded.instance
        }
    };
    inputs.push(m.clone());
    Ok(Loaded {
        instance,
        model_name: m.display().to_string(),
        model: files::load_model_with(m, policy)?,
        inputs,
        policy: policy.clone(),
    })
}

/// The locks of `--lock FILE`, if given.
pub fn locks(
    file: Option<&PathBuf>,
    inst: &Instance,
    policy: &ReadPolicy,
    inputs: &mut Vec<PathBuf>,
) -> Result<Vec<Lock>> {
    let Some(f) = file else { return Ok(Vec::new()) };
    let (_, text) =
        files::read_text(f, None, policy).map_err(|p| stockland::Error::input(vec![p]))?;
    inputs.push(f.clone());
    Ok(stockland::plan::read_locks(
        inst,
        &f.display().to_string(),
        &text,
    )?)
}

/// The observations of `--actuals FILE`, if given.
pub fn actuals(
    file: Option<&PathBuf>,
    inst: &Instance,
    policy: &ReadPolicy,
    inputs: &mut Vec<PathBuf>,
) -> Result<Option<stockland::plan::Actuals>> {
    let Some(f) = file else { return Ok(None) };
    let (_, text) =
        files::read_text(f, None, policy).map_err(|p| stockland::Error::input(vec![p]))?;
    inputs.push(f.clone());
    Ok(Some(stockland::plan::read_actuals(
        inst,
        &f.display().to_string(),
        &text,
    )?))
}

/// An input file and its digest, so that a reader can tell whether they hold the same case.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Input {
    pub path: PathBuf,
    pub sha256: String,
}

impl Input {
    /// The digests of the files at `paths`, each once: a directory (an instance directory)
    /// stands for the regular files in it, in name order.
    pub fn of_all(paths: &[PathBuf]) -> Vec<Input> {
        let mut files: Vec<PathBuf> = Vec::new();
        for p in paths {
            let mut add = |f: PathBuf| {
                if !files.contains(&f) {
                    files.push(f);
                }
            };
            if p.is_dir() {
                let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                    .map(|d| {
                        d.filter_map(|e| e.ok().map(|e| e.path()))
                            .filter(|f| f.is_file())
                            .collect()
                    })
                    .unwrap_or_default();
                inside.sort();
                inside.into_iter().for_each(&mut add);
            } else {
                add(p.clone());
            }
        }
        files.iter().map(|f| Input::of(f)).collect()
    }
    pub fn of(path: &Path) -> Input {
        let sha256 = std::fs::read(path).map_or_else(
            |e| format!("unreadable: {e}"),
            |bytes| {
                <sha2::Sha256 as sha2::Digest>::digest(&bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect()
            },
        );
        Input {
            path: path.to_path_buf(),
            sha256,
        }
    }
}
