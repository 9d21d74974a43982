//! The error type of `anyon-pleth`: every refused input is a value with a message.

use std::fmt;

/// What went wrong in number theory, group or projection code.
///
/// Messages are lowercase, name the offending value, and say what would be right.
/// Errors of the exact core pass through as [`Error::Series`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// An error of the exact core (`anyon_series`).
    Series(anyon_series::Error),
    /// A function defined only for positive integers was given 0.
    Zero {
        /// The function or quantity, e.g. `"divisors"`.
        what: &'static str,
    },
    /// A group order that is not a positive integer.
    InvalidOrder {
        /// The value that was given, as text.
        value: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// A character that does not belong to the group it was paired with.
    InvalidCharacter {
        /// The group, e.g. `"D_5"`.
        group: String,
        /// The character that was given, e.g. `"rho_3"`.
        character: String,
        /// What the valid characters are.
        expected: String,
    },
    /// A size above a limit (an enumeration, a degree, an order).
    TooLarge {
        /// What was too large, e.g. `"the degree of cyclotomic(10000019)"`.
        what: String,
        /// The size that would be needed.
        requested: u128,
        /// The limit.
        limit: u128,
        /// How to get past it, e.g. `"raise it with limits::set_max_order"`.
        hint: &'static str,
    },
    /// A value that does not fit the machine integer it must be returned in.
    Overflow {
        /// What overflowed.
        what: String,
    },
    /// An argument outside the domain of an operation (PE of a series with a constant
    /// term, PLog of one whose constant term is not 1, ...). The message says what
    /// would be right.
    Domain {
        /// The full message.
        message: String,
    },
    /// The complex verification route found a value that is not (close to) an integer:
    /// the mathematics or the floating point could not be trusted.
    NotIntegral {
        /// What was being summed.
        what: String,
        /// The value that was found, as text.
        value: String,
        /// The distance to the nearest integer allowed, as text.
        tolerance: String,
    },
}

impl Error {
    pub(crate) fn domain(message: impl Into<String>) -> Self {
        Error::Domain {
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Series(e) => e.fmt(f),
            Error::Domain { message } => f.write_str(message),
            Error::Zero { what } => write!(
                f,
                "{what} of 0 is not defined here: the argument must be a positive integer"
            ),
            Error::InvalidOrder { value, reason } => write!(
                f,
                "group order {value} is not valid: {reason}; it must be a positive integer"
            ),
            Error::InvalidCharacter {
                group,
                character,
                expected,
            } => write!(
                f,
                "{character} is not an irreducible character of {group}; expected {expected}"
            ),
            Error::TooLarge {
                what,
                requested,
                limit,
                hint,
            } => write!(
                f,
                "{what} is {requested}, above the limit of {limit}; {hint}"
            ),
            Error::Overflow { what } => write!(f, "{what} does not fit in 64 bits"),
            Error::NotIntegral {
                what,
                value,
                tolerance,
            } => write!(
                f,
                "{what} came out as {value}, not within {tolerance} of an integer: \
                 the complex verification failed"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Series(e) => Some(e),
            _ => None,
        }
    }
}

impl From<anyon_series::Error> for Error {
    fn from(e: anyon_series::Error) -> Self {
        Error::Series(e)
    }
}

/// The result type of `anyon-pleth`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
