//! The error type of the exact core: every failure is a value with a message.

use std::fmt;

use malachite::Rational;

/// What went wrong in an exact computation.
///
/// Messages are lowercase, name the offending value, and say what would be right.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Division by an exactly zero number, polynomial or rational function.
    DivisionByZero,
    /// `log` of a series whose constant term is not 1.
    LogConstantTerm {
        /// The constant term that was found.
        constant: Rational,
    },
    /// `exp` of a series whose constant term is not 0.
    ExpConstantTerm {
        /// The constant term that was found.
        constant: Rational,
    },
    /// The inverse of a series whose constant term is zero.
    InverseZeroConstant {
        /// The valuation of the series (the index of its first nonzero term), if known.
        valuation: Option<usize>,
    },
    /// A rational power of a series whose leading coefficient has no rational root.
    PowConstantTerm {
        /// The constant (or leading) term that was found.
        constant: Rational,
        /// The exponent that was asked for.
        exponent: Rational,
    },
    /// A rational power of a series whose valuation is not divisible as needed.
    PowValuation {
        /// The valuation of the series.
        valuation: usize,
        /// The exponent that was asked for.
        exponent: Rational,
    },
    /// `compose(f, g)` with `g(0) != 0`.
    ComposeConstantTerm {
        /// The constant term of the inner series.
        constant: Rational,
    },
    /// Reversion of a series that does not start `c x + ...` with `c != 0`.
    ReversionShape,
    /// A quotient of series that would have negative powers of x.
    NegativePowers {
        /// The valuation of the numerator.
        numerator_valuation: usize,
        /// The valuation of the denominator.
        denominator_valuation: usize,
    },
    /// A Taylor expansion of a rational function with a pole at x = 0.
    PoleAtZero,
    /// An evaluation at a pole.
    Pole {
        /// The point where the denominator vanishes.
        at: Rational,
    },
    /// A coefficient beyond what a truncated series knows.
    BeyondOrder {
        /// The index that was asked for.
        index: usize,
        /// The truncation order of the series: it is known to O(x^order).
        order: usize,
    },
    /// An order (number of coefficients) above the configured limit.
    OrderTooLarge {
        /// The order that was asked for.
        requested: u128,
        /// The current limit, see [`crate::limits::set_max_order`].
        limit: usize,
    },
    /// A degree or exponent too large to compute.
    DegreeTooLarge {
        /// The degree that would result.
        requested: u128,
        /// The current limit.
        limit: usize,
    },
    /// A zero divisor or modulus in polynomial division.
    ZeroModulus,
    /// The computation was cancelled (see [`crate::limits::cancel`]).
    Cancelled,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::DivisionByZero => write!(f, "division by zero"),
            Error::LogConstantTerm { constant } => write!(
                f,
                "log of a series whose constant term is {constant}: log({constant}) is not rational; \
                 the constant term must be 1 (divide by {constant} first)"
            ),
            Error::ExpConstantTerm { constant } => write!(
                f,
                "exp of a series whose constant term is {constant}: exp({constant}) is not rational; \
                 the constant term must be 0"
            ),
            Error::InverseZeroConstant { valuation } => match valuation {
                Some(v) => write!(
                    f,
                    "inverse of a series with zero constant term (it starts at x^{v}); \
                     the result would have negative powers of x"
                ),
                None => write!(
                    f,
                    "inverse of a series that is zero to its known order; nothing can be inverted"
                ),
            },
            Error::PowConstantTerm { constant, exponent } => write!(
                f,
                "power {exponent} of a series whose constant term is {constant}: \
                 {constant}^({exponent}) is not rational; the constant term must be 1 \
                 (or a perfect power)"
            ),
            Error::PowValuation {
                valuation,
                exponent,
            } => write!(
                f,
                "power {exponent} of a series starting at x^{valuation}: x^({valuation}*{exponent}) \
                 is not an integer power of x"
            ),
            Error::ComposeConstantTerm { constant } => {
                write!(f, "compose(f, g) needs g(0) = 0, but g(0) = {constant}")
            }
            Error::ReversionShape => write!(
                f,
                "reversion needs a series c*x + ... with c != 0 (no constant term, nonzero x term)"
            ),
            Error::NegativePowers {
                numerator_valuation,
                denominator_valuation,
            } => write!(
                f,
                "quotient of a series starting at x^{numerator_valuation} by one starting at \
                 x^{denominator_valuation} has negative powers of x"
            ),
            Error::PoleAtZero => write!(
                f,
                "the rational function has a pole at x = 0, so it has no Taylor series there"
            ),
            Error::Pole { at } => write!(f, "the rational function has a pole at x = {at}"),
            Error::BeyondOrder { index, order } => write!(
                f,
                "coefficient of x^{index} asked of a series known only to O(x^{order}); \
                 it needs order {} or more",
                index + 1
            ),
            Error::OrderTooLarge { requested, limit } => write!(
                f,
                "order {requested} is above the limit of {limit} coefficients; \
                 ask for fewer terms or raise the limit"
            ),
            Error::DegreeTooLarge { requested, limit } => write!(
                f,
                "degree {requested} is above the limit of {limit}; raise the limit to allow it"
            ),
            Error::ZeroModulus => write!(f, "polynomial division by the zero polynomial"),
            Error::Cancelled => write!(f, "computation cancelled"),
        }
    }
}

impl std::error::Error for Error {}

/// The result type of the exact core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
