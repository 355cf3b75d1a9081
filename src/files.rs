//! Files: reading instances and models from disk or from the copies built into the binary,
//! and writing outputs atomically. The only module of the library that touches the file
//! system; everything else works on parsed data.

use crate::error::{Error, Problem, Result};
use crate::instance::format::{parse_csv, parse_toml, InstanceFile, InstanceParts};
use crate::instance::Instance;
use crate::policy::PolicyModel;
use std::path::{Path, PathBuf};

/// The built-in Beijing 2011-2015 instance and model, embedded at compile time.
pub mod builtin {
    pub const INSTANCE_DIR: &str = "instances/beijing-2011-2015";
    pub const MANIFEST: &str = include_str!("../instances/beijing-2011-2015/instance.toml");
    pub const UNITS: &str = include_str!("../instances/beijing-2011-2015/units.csv");
    pub const SITES: &str = include_str!("../instances/beijing-2011-2015/sites.csv");
    pub const PROJECTS: &str = include_str!("../instances/beijing-2011-2015/projects.csv");
    pub const MODEL_FILE: &str = "models/beijing-12th-fyp.toml";
    pub const MODEL: &str = include_str!("../models/beijing-12th-fyp.toml");
}

/// Assemble an instance from a manifest's text and a way to read the files it names.
pub fn instance_from_texts(
    manifest_name: &str,
    manifest_text: &str,
    read: impl Fn(&str) -> std::result::Result<(String, String), Problem>,
) -> Result<Instance> {
    let manifest: InstanceFile =
        parse_toml(manifest_name, manifest_text).map_err(|p| Error::input(vec![p]))?;
    let mut parts = InstanceParts::from_manifest(manifest_name, manifest.clone());
    let mut problems = Vec::new();
    macro_rules! table {
        ($field:ident, $target:ident, $what:literal) => {
            if let Some(f) = &manifest.$field {
                if !parts.$target.is_empty() {
                    problems.push(Problem::new(
                        manifest_name,
                        "document",
                        stringify!($field),
                        format!(
                            "{} are given both inline and in {f}: expected one or the other",
                            $what
                        ),
                    ));
                }
                match read(f) {
                    Ok((name, text)) => match parse_csv(&name, &text) {
                        Ok(recs) => parts.$target = recs,
                        Err(ps) => problems.extend(ps),
                    },
                    Err(p) => problems.push(p),
                }
            }
        };
    }
    table!(units_file, units, "units");
    table!(sites_file, sites, "sites");
    table!(projects_file, projects, "projects");
    if !problems.is_empty() {
        return Err(Error::input(problems));
    }
    Instance::from_parts(parts)
}

/// The built-in Beijing instance.
pub fn builtin_instance() -> Result<Instance> {
    let dir = builtin::INSTANCE_DIR;
    instance_from_texts(&format!("{dir}/instance.toml"), builtin::MANIFEST, |f| {
        let text = match f {
            "units.csv" => builtin::UNITS,
            "sites.csv" => builtin::SITES,
            "projects.csv" => builtin::PROJECTS,
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

/// An instance from the generator's output, in memory (no files written).
pub fn generated_instance(g: &crate::generate::Generated) -> Result<Instance> {
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

/// The built-in Beijing model.
pub fn builtin_model() -> Result<PolicyModel> {
    parse_toml(builtin::MODEL_FILE, builtin::MODEL).map_err(|p| Error::input(vec![p]))
}

fn read_text(path: &Path) -> std::result::Result<String, Problem> {
    std::fs::read_to_string(path).map_err(|e| {
        Problem::new(
            path.display().to_string(),
            "file",
            "",
            format!("cannot read: {e}"),
        )
    })
}

/// Load an instance from a directory holding `instance.toml`, or from a manifest file.
pub fn load_instance(path: &Path) -> Result<Instance> {
    let manifest = if path.is_dir() {
        path.join("instance.toml")
    } else {
        path.to_path_buf()
    };
    let text = read_text(&manifest).map_err(|p| Error::input(vec![p]))?;
    let base: PathBuf = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = manifest.display().to_string();
    instance_from_texts(&name, &text, |f| {
        let p = base.join(f);
        read_text(&p).map(|t| (p.display().to_string(), t))
    })
}

/// Load a policy model from a TOML file (schema checks only; see
/// [`PolicyModel::validate`] for the checks against an instance).
pub fn load_model(path: &Path) -> Result<PolicyModel> {
    let text = read_text(path).map_err(|p| Error::input(vec![p]))?;
    let name = path.display().to_string();
    let model: PolicyModel = parse_toml(&name, &text).map_err(|p| Error::input(vec![p]))?;
    model.validate(&name, None)?;
    Ok(model)
}

/// Write `bytes` to `path` atomically: to a temporary file in the same directory, then
/// rename. A reader never sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |e: std::io::Error| Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{file_name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}

/// Write several files into `dir` (created if missing), each atomically.
pub fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::Io {
        path: dir.display().to_string(),
        message: e.to_string(),
    })?;
    for (name, bytes) in files {
        write_atomic(&dir.join(name), bytes)?;
    }
    Ok(())
}
