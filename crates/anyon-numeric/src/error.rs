//! The crate's error type: one enum, lowercase messages without a trailing period.

use std::fmt;

/// Everything that can go wrong in `anyon-numeric`.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An argument is outside the accepted domain (the message says which and why).
    InvalidInput(String),
    /// The requested computation is not supported for this profile or configuration.
    Unsupported(String),
    /// Reading or writing a file failed.
    Io {
        /// The file involved.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A file was read but its contents could not be understood.
    Parse {
        /// The file or source name.
        source_name: String,
        /// One-based line number, 0 when not applicable.
        line: usize,
        /// What was wrong.
        message: String,
    },
    /// Drawing a chart failed.
    Plot(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput(m) => write!(f, "invalid input: {m}"),
            Error::Unsupported(m) => write!(f, "unsupported: {m}"),
            Error::Io { path, source } => write!(f, "{path}: {source}"),
            Error::Parse {
                source_name,
                line,
                message,
            } => {
                if *line > 0 {
                    write!(f, "{source_name}:{line}: {message}")
                } else {
                    write!(f, "{source_name}: {message}")
                }
            }
            Error::Plot(m) => write!(f, "plot: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, Error>;

pub(crate) fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidInput(msg.into())
}
