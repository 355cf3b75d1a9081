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

impl Problem {
    pub fn new(
        file: impl Into<String>,
        record: impl Into<String>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.into(),
            record: record.into(),
            field: field.into(),
            message: message.into(),
        }
    }
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
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
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
    /// A solve or command option is out of range.
    #[error("{0}")]
    Options(String),
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
