//! The evaluator's plain error: a message and an optional help line, placed at a span
//! by the evaluator (typst style: operations know no spans, the tree walker does).

use std::fmt;

use crate::syntax::{Diagnostic, Span};

/// What went wrong while evaluating, before it is placed in the source.
///
/// Messages are lowercase, name what was wrong and say what would be right.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// One line saying what is wrong.
    pub message: String,
    /// An optional suggestion (shown as `= help: ...`).
    pub help: Option<String>,
}

/// The evaluator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How a user raises the order limit, named in every limit error.
pub const RAISE_LIMIT_HELP: &str =
    "raise the limit with `:limit N` in the REPL or `--max-order N` on the command line";

impl Error {
    /// An error with a message and no help.
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
            help: None,
        }
    }

    /// The same error with a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Error {
        self.help = Some(help.into());
        self
    }

    /// The error placed at `span`.
    pub fn at(self, span: Span) -> Diagnostic {
        let d = Diagnostic::new(span, self.message);
        match self.help {
            Some(h) => d.with_help(h),
            None => d,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<anyon_series::Error> for Error {
    fn from(e: anyon_series::Error) -> Error {
        let limit = matches!(
            e,
            anyon_series::Error::OrderTooLarge { .. } | anyon_series::Error::DegreeTooLarge { .. }
        );
        let err = Error::new(e.to_string());
        if limit {
            err.with_help(RAISE_LIMIT_HELP)
        } else if e == anyon_series::Error::Cancelled {
            err.with_help("the computation was interrupted; the session and its variables are kept")
        } else {
            err
        }
    }
}

impl From<anyon_pleth::Error> for Error {
    fn from(e: anyon_pleth::Error) -> Error {
        match e {
            anyon_pleth::Error::Series(s) => Error::from(s),
            other => Error::new(other.to_string()),
        }
    }
}

/// Places a plain error of any result at `span`.
pub(crate) trait AtSpan<T> {
    /// The error, if any, as a [`Diagnostic`] at `span`.
    fn at(self, span: Span) -> Result<T, Diagnostic>;
}

impl<T> AtSpan<T> for Result<T, Error> {
    fn at(self, span: Span) -> Result<T, Diagnostic> {
        self.map_err(|e| e.at(span))
    }
}
