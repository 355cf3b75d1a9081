//! Writing the outputs of a run as one transaction.
//!
//! Every output path is checked before any work starts ([`OutputPlan::check`]): an output
//! directory must be new, empty, or one stockland wrote before (it holds the marker file
//! [`MARKER`]), and must neither be nor contain an input; a single output file (a DOT graph)
//! must not be a directory or an input (inside the output directory, it is written with
//! the directory's set).
//!
//! The files are then written into a fresh temporary directory (and temporary files) beside
//! their targets and moved into place only when all of them were written
//! ([`OutputPlan::commit`]): an existing output directory is swapped with the new one in one
//! atomic `renameat2(RENAME_EXCHANGE)` on Linux (two renames elsewhere), so a reader sees the
//! complete old set or the complete new set, also when the process is killed mid-way.
//!
//! A single output that exists and is not a regular file — a character device such as
//! `/dev/null`, a FIFO, `/dev/stdout` — is never replaced: it is written in place, after
//! everything else was moved into place. Only regular files and directories stockland
//! wrote are replaced.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The marker stockland leaves in every output directory it writes; a directory holding it
/// may be replaced by the next run.
pub const MARKER: &str = ".stockland-output";

/// What writes a file's content into a writer, when asked.
pub type Stream<'a> = Box<dyn Fn(&mut dyn Write) -> std::io::Result<()> + 'a>;

/// One file of an output directory: bytes made beforehand, or written straight into the
/// staged file, row by row, so that a large table is never held whole in memory.
pub enum Content<'a> {
    Bytes(&'a [u8]),
    Stream(Stream<'a>),
}

/// Where a run will write: an output directory and single files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutputPlan {
    pub dir: Option<PathBuf>,
    pub files: Vec<PathBuf>,
}

fn io(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Whether `path`'s parent directory takes a new file (where the outputs are staged before
/// they move into place): tried with a file made and removed at once, so that an output
/// that cannot be written is refused before the solve, not after it.
fn writable(path: &Path) -> Result<()> {
    let parent = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(p) => p.to_path_buf(),
        None => PathBuf::from("."),
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let probe = parent.join(format!(".stockland-probe-{}-{nanos}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(refuse(
            path,
            format!(
                "cannot be written: its directory {} refuses a new file ({e}): expected a writable place",
                parent.display()
            ),
        )),
    }
}

fn refuse(path: &Path, message: impl Into<String>) -> Error {
    Error::Output {
        path: path.display().to_string(),
        message: message.into(),
    }
}

/// `path` made absolute with symlinks resolved as far as it exists (the rest appended).
fn absolute(path: &Path) -> PathBuf {
    if let Ok(c) = path.canonicalize() {
        return c;
    }
    let base = if path.is_absolute() {
        PathBuf::new()
    } else {
        std::env::current_dir().unwrap_or_default()
    };
    let full = base.join(path);
    let mut existing = full.as_path();
    let mut rest = Vec::new();
    while let Some(parent) = existing.parent() {
        if let Some(name) = existing.file_name() {
            rest.push(name.to_os_string());
        }
        existing = parent;
        if let Ok(c) = existing.canonicalize() {
            let mut out = c;
            for n in rest.iter().rev() {
                out.push(n);
            }
            return out;
        }
    }
    full
}

impl OutputPlan {
    /// Refuse, before any work, outputs that could lose or mix a user's files. `inputs` are
    /// the files the run reads (any form of path).
    pub fn check(&self, inputs: &[PathBuf]) -> Result<()> {
        let inputs: Vec<PathBuf> = inputs.iter().map(|p| absolute(p)).collect();
        if let Some(dir) = &self.dir {
            let abs = absolute(dir);
            if let Some(i) = inputs.iter().find(|i| i.starts_with(&abs)) {
                return Err(refuse(
                    dir,
                    format!(
                        "is or contains an input of this run ({}): expected an output directory apart from the inputs",
                        i.display()
                    ),
                ));
            }
            if dir.exists() {
                check_existing_dir(dir)?;
            } else if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
                if !parent.is_dir() {
                    return Err(refuse(dir, "its parent directory does not exist"));
                }
            }
            writable(dir)?;
        }
        for f in &self.files {
            let abs = absolute(f);
            if f.is_dir() {
                return Err(refuse(f, "is a directory: expected a file name"));
            }
            if inputs.contains(&abs) {
                return Err(refuse(
                    f,
                    "is an input of this run: expected another file name",
                ));
            }
            if self.inside_dir(f).is_some() {
                // written with the directory's set
                continue;
            }
            if let Some(parent) = f.parent().filter(|p| !p.as_os_str().is_empty()) {
                if !parent.is_dir() {
                    return Err(refuse(f, "its parent directory does not exist"));
                }
            }
            if !in_place(f) {
                writable(f)?;
            }
        }
        Ok(())
    }

    /// The path of single file `f` relative to the output directory, when it lies inside it
    /// (it is then written with the directory's set).
    fn inside_dir(&self, f: &Path) -> Option<PathBuf> {
        let dir = absolute(self.dir.as_ref()?);
        absolute(f).strip_prefix(&dir).ok().map(Path::to_path_buf)
    }

    /// Write `dir_files` into the output directory and `files[i]`'s bytes to each single file,
    /// all or nothing (see the module documentation).
    pub fn commit(&self, dir_files: &[(String, Vec<u8>)], files: &[Vec<u8>]) -> Result<()> {
        let contents: Vec<(String, Content)> = dir_files
            .iter()
            .map(|(name, bytes)| (name.clone(), Content::Bytes(bytes)))
            .collect();
        self.commit_streamed(&contents, files)
    }

    /// [`OutputPlan::commit`] with the directory's files as [`Content`]: a streamed file is
    /// written into the staged directory as it is made, and the set still moves into place
    /// all or nothing.
    pub fn commit_streamed(
        &self,
        dir_files: &[(String, Content)],
        files: &[Vec<u8>],
    ) -> Result<()> {
        if files.len() != self.files.len() {
            return Err(Error::Options(format!(
                "{} contents for {} output files",
                files.len(),
                self.files.len()
            )));
        }
        let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
        let result = self.stage(dir_files, files, &mut staged);
        if let Err(e) = result {
            for (tmp, _) in &staged {
                let _ = if tmp.is_dir() {
                    std::fs::remove_dir_all(tmp)
                } else {
                    std::fs::remove_file(tmp)
                };
            }
            return Err(e);
        }
        for (tmp, target) in staged {
            if tmp.is_dir() {
                swap_in_dir(&tmp, &target)?;
            } else {
                std::fs::rename(&tmp, &target).map_err(|e| io(&target, e))?;
            }
        }
        for (target, bytes) in self.files.iter().zip(files) {
            if self.inside_dir(target).is_none() && in_place(target) {
                write_in_place(target, bytes)?;
            }
        }
        Ok(())
    }

    fn stage(
        &self,
        dir_files: &[(String, Content)],
        files: &[Vec<u8>],
        staged: &mut Vec<(PathBuf, PathBuf)>,
    ) -> Result<()> {
        let mut inside = Vec::new();
        for (target, bytes) in self.files.iter().zip(files) {
            if let Some(rel) = self.inside_dir(target) {
                inside.push((rel, bytes));
                continue;
            }
            if in_place(target) {
                // a device or a FIFO: written in place by commit, never replaced
                continue;
            }
            let tmp = temp_beside(target);
            staged.push((tmp.clone(), target.clone()));
            write_new(&tmp, bytes)?;
        }
        if let Some(dir) = &self.dir {
            let tmp = temp_beside(dir);
            staged.push((tmp.clone(), dir.clone()));
            std::fs::create_dir(&tmp).map_err(|e| io(&tmp, e))?;
            let marker = format!(
                "written by stockland {}; each run replaces this directory whole\n",
                env!("CARGO_PKG_VERSION")
            );
            write_new(&tmp.join(MARKER), marker.as_bytes())?;
            for (name, content) in dir_files {
                let path = tmp.join(name);
                match content {
                    Content::Bytes(bytes) => write_new(&path, bytes)?,
                    Content::Stream(write) => stream_new(&path, write)?,
                }
                test_delay();
            }
            for (rel, bytes) in inside {
                let path = tmp.join(rel);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
                }
                write_new(&path, bytes)?;
            }
        }
        Ok(())
    }
}

/// An existing output directory is accepted when empty or written by stockland before.
fn check_existing_dir(dir: &Path) -> Result<()> {
    let meta = std::fs::symlink_metadata(dir).map_err(|e| io(dir, e))?;
    if !meta.is_dir() {
        return Err(refuse(
            dir,
            "exists and is not a directory: expected a directory name",
        ));
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if names.is_empty() || names.iter().any(|n| n == MARKER) {
        return Ok(());
    }
    names.sort();
    names.truncate(5);
    Err(refuse(
        dir,
        format!(
            "holds files stockland did not write ({}): expected a new or empty directory, or one stockland wrote before (each run replaces it whole)",
            names.join(", ")
        ),
    ))
}

/// A fresh temporary name in the same directory as `target`.
fn temp_beside(target: &Path) -> PathBuf {
    let parent = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    parent.join(format!(
        ".{name}.stockland-tmp-{}-{nanos}",
        std::process::id()
    ))
}

/// Whether `path` exists and is neither a regular file nor a directory (after symlinks): a
/// device, a FIFO or a socket, which an output is written into and never replaces.
pub(super) fn in_place(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Write `bytes` into the existing non-regular file `path` (a device, a FIFO).
pub(super) fn write_in_place(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| io(path, e))?;
    f.write_all(bytes).map_err(|e| io(path, e))?;
    f.flush().map_err(|e| io(path, e))
}

/// Write a new file (never an existing one) and flush it to disk.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| io(path, e))?;
    f.write_all(bytes).map_err(|e| io(path, e))?;
    f.sync_all().map_err(|e| io(path, e))
}

/// Create `path` (which must not exist) and fill it with what `write` writes, buffered,
/// then sync it.
fn stream_new(path: &Path, write: &dyn Fn(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| io(path, e))?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    write(&mut w).map_err(|e| io(path, e))?;
    let f = w.into_inner().map_err(|e| io(path, e.error()))?;
    f.sync_all().map_err(|e| io(path, e))
}

/// For the crash-safety test only: `STOCKLAND_TEST_WRITE_DELAY_MS` slows the staging of
/// each output file so that a test can kill the process while it writes.
fn test_delay() {
    if let Some(ms) = std::env::var("STOCKLAND_TEST_WRITE_DELAY_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms.min(10_000)));
    }
}

/// Move the staged directory `tmp` to `target`, replacing an existing `target` atomically
/// where the system can, and remove the old one.
fn swap_in_dir(tmp: &Path, target: &Path) -> Result<()> {
    if !target.exists() {
        return std::fs::rename(tmp, target).map_err(|e| io(target, e));
    }
    if exchange(tmp, target).is_ok() {
        // `tmp` now holds the old set
        return std::fs::remove_dir_all(tmp).map_err(|e| io(tmp, e));
    }
    let old = temp_beside(target);
    std::fs::rename(target, &old).map_err(|e| io(target, e))?;
    std::fs::rename(tmp, target).map_err(|e| io(target, e))?;
    std::fs::remove_dir_all(&old).map_err(|e| io(&old, e))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange on this system"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_run_replaces_the_whole_set_and_a_foreign_directory_is_refused() {
        let t = tempfile::tempdir().unwrap();
        let out = t.path().join("out");
        let plan = OutputPlan {
            dir: Some(out.clone()),
            files: vec![],
        };
        plan.check(&[]).unwrap();
        plan.commit(
            &[
                ("a.csv".into(), b"1".to_vec()),
                ("b.csv".into(), b"2".to_vec()),
            ],
            &[],
        )
        .unwrap();
        plan.check(&[]).unwrap();
        plan.commit(&[("a.csv".into(), b"3".to_vec())], &[])
            .unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"3");
        assert!(!out.join("b.csv").exists(), "the old set is replaced whole");
        let leftovers: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary directory left behind");

        let foreign = t.path().join("mine");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("notes.txt"), "keep").unwrap();
        let plan = OutputPlan {
            dir: Some(foreign.clone()),
            files: vec![],
        };
        let e = plan.check(&[]).unwrap_err().to_string();
        assert!(e.contains("notes.txt"), "{e}");
    }

    #[test]
    fn outputs_that_are_or_hold_inputs_are_refused() {
        let t = tempfile::tempdir().unwrap();
        let input = t.path().join("inst").join("units.csv");
        std::fs::create_dir(t.path().join("inst")).unwrap();
        std::fs::write(&input, "x").unwrap();
        let into_input = OutputPlan {
            dir: Some(t.path().join("inst")),
            files: vec![],
        };
        assert!(into_input.check(std::slice::from_ref(&input)).is_err());
        let onto_input = OutputPlan {
            dir: None,
            files: vec![input.clone()],
        };
        assert!(onto_input.check(&[input]).is_err());
    }
}
