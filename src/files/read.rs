//! Reading input files safely: a referenced file must resolve (after symlinks) inside the
//! instance's directory unless the caller allows otherwise, only regular files are read
//! (never a device, a FIFO or a directory: checked before opening, so reading never blocks),
//! a file larger than the limit is refused before it is read, and text must be UTF-8 (an
//! invalid byte is reported with its line and column; a leading byte-order mark is dropped).

use crate::error::Problem;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Default size limit of one input file: 1 GiB (a 200,000-unit table is about 40 MB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

/// How input files may be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadPolicy {
    /// Follow references that resolve outside the instance's directory. Default: no.
    pub allow_outside: bool,
    /// Refuse a file larger than this many bytes. Default: [`DEFAULT_MAX_FILE_BYTES`].
    pub max_file_bytes: u64,
}

impl Default for ReadPolicy {
    fn default() -> ReadPolicy {
        ReadPolicy {
            allow_outside: false,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
        }
    }
}

fn problem(path: &Path, message: impl Into<String>) -> Problem {
    Problem::new(path.display().to_string(), "file", "", message)
}

/// The canonical path of `path` (symlinks resolved), which must exist.
pub fn resolve(path: &Path) -> Result<PathBuf, Problem> {
    path.canonicalize()
        .map_err(|e| problem(path, format!("cannot read: {e}")))
}

/// Read `path` as text under `policy`; when `root` is given, `path` must resolve inside it
/// (unless the policy allows outside paths). Returns the canonical path and the text.
pub fn read_text(
    path: &Path,
    root: Option<&Path>,
    policy: &ReadPolicy,
) -> Result<(PathBuf, String), Problem> {
    let canon = resolve(path)?;
    if let (Some(root), false) = (root, policy.allow_outside) {
        let root = resolve(root)?;
        if !canon.starts_with(&root) {
            return Err(problem(
                path,
                format!(
                    "resolves to {}, outside the instance directory {}: expected a file inside it (or pass --allow-outside-paths)",
                    canon.display(),
                    root.display()
                ),
            ));
        }
    }
    let meta = std::fs::metadata(&canon).map_err(|e| problem(path, format!("cannot read: {e}")))?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file (a device, FIFO or socket)"
        };
        return Err(problem(path, format!("is {what}: expected a regular file")));
    }
    if meta.len() > policy.max_file_bytes {
        return Err(problem(
            path,
            format!(
                "is {} bytes, more than the limit of {} bytes: expected a smaller file (or raise --max-file-size)",
                meta.len(),
                policy.max_file_bytes
            ),
        ));
    }
    let file =
        std::fs::File::open(&canon).map_err(|e| problem(path, format!("cannot read: {e}")))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(policy.max_file_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| problem(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > policy.max_file_bytes {
        return Err(problem(
            path,
            format!(
                "grew past the limit of {} bytes while being read",
                policy.max_file_bytes
            ),
        ));
    }
    let text = utf8(path, bytes)?;
    Ok((canon, text))
}

/// The bytes as UTF-8 text without a leading byte-order mark, or a problem naming the line
/// and byte column of the first invalid byte.
pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Problem> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let valid = &e.as_bytes()[..at];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = at - valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
            Err(Problem::new(
                path.display().to_string(),
                format!("line {line}"),
                "",
                format!("invalid UTF-8 at byte column {column}: expected UTF-8 text (save the file as UTF-8)"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let p = utf8(Path::new("u.csv"), b"a,b\nc,\xffd\n".to_vec()).unwrap_err();
        assert_eq!(p.record, "line 2");
        assert!(p.message.contains("byte column 3"), "{}", p.message);
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(
            utf8(Path::new("u.csv"), b"\xef\xbb\xbfid\n".to_vec()).unwrap(),
            "id\n"
        );
    }
}
