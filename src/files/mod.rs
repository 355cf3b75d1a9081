//! Files: reading instances and models from disk safely (`read`: inside the instance,
//! regular files only, bounded in size, UTF-8 checked) or from texts given by a caller (a
//! built-in case), and writing the outputs of a run as one transaction ([`write`]). The only
//! module of the library that touches the file system; everything else works on parsed data.

use crate::error::{Error, Problem, Result};
use crate::instance::format::{parse_csv, parse_toml, InstanceFile, InstanceParts};
use crate::instance::geojson::{parse_boundaries, parse_layer};
use crate::instance::Instance;
use crate::policy::PolicyModel;
use std::path::{Path, PathBuf};

mod read;
mod write;

pub use read::{read_text, resolve, ReadPolicy, DEFAULT_MAX_FILE_BYTES};
pub use write::{Content, OutputPlan, Stream, MARKER};

/// Whether a table file is a GeoJSON layer (by its extension) rather than CSV.
fn is_geojson(file: &str) -> bool {
    let f = file.to_ascii_lowercase();
    f.ends_with(".geojson") || f.ends_with(".json")
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
                    Ok((name, text)) if text.trim().is_empty() => problems.push(Problem::new(
                        manifest_name,
                        "document",
                        stringify!($field),
                        format!(
                            "`{f}` ({name}) is empty: expected a header line and the {} (or no `{}` when there are none)",
                            $what,
                            stringify!($field)
                        ),
                    )),
                    Ok((name, text)) => {
                        let parsed = if is_geojson(f) {
                            parse_layer(&name, &text, &mut parts.warnings)
                        } else {
                            parse_csv(&name, &text)
                        };
                        match parsed {
                            Ok(recs) => parts.$target = recs,
                            Err(ps) => problems.extend(ps),
                        }
                    }
                    Err(p) => problems.push(named_by(manifest_name, stringify!($field), f, p)),
                }
            }
        };
    }
    table!(units_file, units, "units");
    table!(sites_file, sites, "sites");
    table!(projects_file, projects, "projects");
    if let Some(f) = &manifest.criteria_file {
        if !parts.criteria.is_empty() {
            problems.push(Problem::new(
                manifest_name,
                "document",
                "criteria_file",
                format!("criteria are given both inline and in {f}: expected one or the other"),
            ));
        }
        if is_geojson(f) {
            problems.push(Problem::new(
                manifest_name,
                "document",
                "criteria_file",
                format!("{f}: expected a CSV table (id,criterion,use,value), not a GeoJSON layer"),
            ));
        } else {
            match read(f).map(|(name, text)| parse_csv(&name, &text)) {
                Ok(Ok(recs)) => parts.criteria = recs,
                Ok(Err(ps)) => problems.extend(ps),
                Err(p) => problems.push(named_by(manifest_name, "criteria_file", f, p)),
            }
        }
    }
    if let Some(f) = &manifest.boundaries_file {
        match read(f).map(|(name, text)| parse_boundaries(&name, &text)) {
            Ok(Ok(b)) => parts.boundaries = b,
            Ok(Err(ps)) => problems.extend(ps),
            Err(p) => problems.push(named_by(manifest_name, "boundaries_file", f, p)),
        }
    }
    if !problems.is_empty() {
        return Err(Error::input(problems));
    }
    Instance::from_parts(parts)
}

/// A file the manifest names could not be read: the problem keeps the file's own place and
/// says which field of the manifest points there.
fn named_by(manifest: &str, field: &str, file: &str, mut p: Problem) -> Problem {
    p.message = format!(
        "{} (`{file}` is named by `{field}` in {manifest})",
        p.message
    );
    p
}

/// An instance loaded from disk, with the files it was read from (canonical paths).
pub struct LoadedInstance {
    pub instance: Instance,
    pub files: Vec<PathBuf>,
}

/// Load an instance from a directory holding `instance.toml`, or from a manifest file.
pub fn load_instance(path: &Path) -> Result<Instance> {
    load_instance_with(path, &ReadPolicy::default()).map(|l| l.instance)
}

/// [`load_instance`] under `policy`: the tables a manifest names must resolve inside the
/// manifest's directory unless the policy allows outside paths.
pub fn load_instance_with(path: &Path, policy: &ReadPolicy) -> Result<LoadedInstance> {
    let manifest = if path.is_dir() {
        path.join("instance.toml")
    } else {
        path.to_path_buf()
    };
    let (canon, text) =
        read::read_text(&manifest, None, policy).map_err(|p| Error::input(vec![p]))?;
    let base: PathBuf = canon.parent().map(Path::to_path_buf).unwrap_or_default();
    let shown_base: PathBuf = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = manifest.display().to_string();
    let files = std::cell::RefCell::new(vec![canon.clone()]);
    let instance = instance_from_texts(&name, &text, |f| {
        let shown = shown_base.join(f);
        let (c, t) = read::read_text(&base.join(f), Some(&base), policy).map_err(|mut p| {
            p.file = shown.display().to_string();
            p
        })?;
        files.borrow_mut().push(c);
        Ok((shown.display().to_string(), t))
    })?;
    Ok(LoadedInstance {
        instance,
        files: files.into_inner(),
    })
}

/// Read the tables of a plan directory (any of `units.csv`, `sites.csv`, `projects.csv`,
/// `flows.csv`, `aggregates.csv`; at least one), each inside the directory.
pub fn read_plan(dir: &Path, policy: &ReadPolicy) -> Result<crate::plan::PlanTexts> {
    if !dir.is_dir() {
        return Err(Error::one(
            dir.display().to_string(),
            "file",
            "",
            "expected a plan directory holding units.csv, sites.csv, projects.csv, flows.csv or aggregates.csv",
        ));
    }
    let mut texts = crate::plan::PlanTexts::default();
    let mut problems = Vec::new();
    for (name, slot) in [
        ("units.csv", &mut texts.units),
        ("sites.csv", &mut texts.sites),
        ("projects.csv", &mut texts.projects),
        ("flows.csv", &mut texts.flows),
        ("aggregates.csv", &mut texts.aggregates),
    ] {
        let path = dir.join(name);
        if path.exists() {
            match read::read_text(&path, Some(dir), policy) {
                Ok((_, text)) => *slot = Some((path.display().to_string(), text)),
                Err(p) => problems.push(p),
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::input(problems));
    }
    let none = texts.units.is_none()
        && texts.sites.is_none()
        && texts.projects.is_none()
        && texts.aggregates.is_none();
    if none {
        return Err(Error::one(
            dir.display().to_string(),
            "directory",
            "",
            "holds none of units.csv, sites.csv, projects.csv or aggregates.csv: expected a plan's tables",
        ));
    }
    Ok(texts)
}

/// Load a policy model from a TOML file (schema checks only; see
/// [`PolicyModel::validate`] for the checks against an instance).
pub fn load_model(path: &Path) -> Result<PolicyModel> {
    load_model_with(path, &ReadPolicy::default())
}

/// [`load_model`] under `policy`.
pub fn load_model_with(path: &Path, policy: &ReadPolicy) -> Result<PolicyModel> {
    let (_, text) = read::read_text(path, None, policy).map_err(|p| Error::input(vec![p]))?;
    let name = path.display().to_string();
    let model: PolicyModel = parse_toml(&name, &text).map_err(|p| Error::input(vec![p]))?;
    model.validate(&name, None)?;
    Ok(model)
}
/// Write `bytes` to `path` atomically: to a temporary file in the same directory, then
/// rename. A reader never sees a half-written file. A `path` that exists and is not a
/// regular file (a device, a FIFO) is written in place, never replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if write::in_place(path) {
        return write::write_in_place(path, bytes);
    }
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

/// Write several files into `dir` (created if missing), each atomically, leaving other files
/// of `dir` alone (for the generator, whose directory also holds sources). A run's outputs go
/// through [`OutputPlan`] instead.
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
