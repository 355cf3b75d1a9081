//! Errors of the library: bad input (with every problem found), backend failures, failed checks.

use std::fmt;
use thiserror::Error;

/// One problem found in an input: where it is (file, record, field) and what was expected.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Problem {
    /// The file (or embedded source) the record came from.
    pub file: String,
    /// The record: an id, `line N`, or a table path such as `region.baseline`.
    pub record: String,
    /// The field within the record (empty when the whole record is at fault).
    pub field: String,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Longest echo of a value taken from an input (a backticked part of a message), in
/// characters.
pub const MAX_ECHO: usize = 80;

impl Problem {
    /// A problem; whatever it echoes from the input is bounded: a backticked value to
    /// [`MAX_ECHO`] characters, the record to 120, the field to 80, the message to 600.
    pub fn new(
        file: impl Into<String>,
        record: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: clip(&file.into(), 400),
            record: clip(&record.into(), 120),
            field: clip(&field.into(), MAX_ECHO),
            message: clip(&clip_quoted(&message.into()), 600),
        }
    }
}

/// `s` cut to `max` characters, with an ellipsis and the number of characters left out.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((at, _)) => format!(
            "{}… ({} more characters)",
            &s[..at],
            s[at..].chars().count()
        ),
    }
}

/// Every backticked part of `message` cut to [`MAX_ECHO`] characters.
fn clip_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('`');
        if i % 2 == 0 {
            out.push_str(&clip(part, MAX_ECHO));
        } else {
            out.push_str(part);
        }
    }
    out
}

static MAX_SHOWN: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(200);

/// How many problems an error lists before it only counts the rest (default 200; the
/// command line's `--max-problems`).
pub fn set_max_shown_problems(n: usize) {
    MAX_SHOWN.store(n.max(1), std::sync::atomic::Ordering::Relaxed);
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.record)?;
        if !self.field.is_empty() {
            write!(f, ": field `{}`", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything wrong with an input, all at once.
#[derive(Debug, Clone, PartialEq)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = MAX_SHOWN.load(std::sync::atomic::Ordering::Relaxed);
        for (i, p) in self.0.iter().take(shown).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        if self.0.len() > shown {
            write!(
                f,
                "\n... and {} more problem(s), not listed (--max-problems sets how many are)",
                self.0.len() - shown
            )?;
        }
        Ok(())
    }
}

/// The library's error type.
#[derive(Debug, Error)]
pub enum Error {
    /// The input is wrong; every problem found is listed.
    #[error("{n} problem(s) in the input:\n{0}", n = .0 .0.len())]
    Input(Problems),
    /// The solver backend failed (not an infeasible model: that is an outcome).
    #[error("solver backend {backend} failed: {message}")]
    Backend {
        backend: &'static str,
        message: String,
    },
    /// The independent check found a rule violated beyond tolerance.
    #[error("the independent check failed: {0}")]
    CheckFailed(String),
    /// An analysis that starts from the optimum found none (the model is infeasible,
    /// unbounded or stopped by a limit).
    #[error("{0}")]
    Unsolved(String),
    /// A solve or command option is out of range.
    #[error("{0}")]
    Options(String),
    /// An output path is refused before any work (it would lose or mix a user's files).
    #[error("{path}: {message}")]
    Output { path: String, message: String },
    /// Reading or writing a file failed.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
}

impl Error {
    pub fn input(problems: Vec<Problem>) -> Error {
        Error::Input(Problems(problems))
    }
    pub fn one(
        file: impl Into<String>,
        record: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Error {
        Error::input(vec![Problem::new(file, record, field, message)])
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoed_values_are_bounded() {
        let long = "x".repeat(2_000_000);
        let p = Problem::new(
            "f",
            format!("line 1 (unit {long})"),
            "id",
            format!("unknown kind `{long}`: expected idle"),
        );
        assert!(p.message.len() < 300, "{}", p.message.len());
        assert!(p.message.ends_with(": expected idle"));
        assert!(p.record.len() < 200);
    }
}
