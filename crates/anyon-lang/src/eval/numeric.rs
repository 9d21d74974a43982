//! Floating-point evaluation of exact values (the `eval(f, v)` of a float `v`, and the
//! closed forms of lazy series): coefficients rounded once, then Horner's rule.

use anyon_series::{Polynomial, Rational, RationalFunction};
use malachite::base::num::conversion::traits::RoundingFrom;
use malachite::base::rounding_modes::RoundingMode;

/// The nearest `f64` to a rational (infinite when out of range).
pub fn rational_f64(r: &Rational) -> f64 {
    f64::rounding_from(r, RoundingMode::Nearest).0
}

/// `p(v)` in floating point.
pub fn polynomial_f64(p: &Polynomial, v: f64) -> f64 {
    p.coefficients()
        .iter()
        .rev()
        .fold(0.0, |acc, c| acc * v + rational_f64(c))
}

/// `f(v)` in floating point (infinite or NaN at a pole).
pub fn ratfunc_f64(f: &RationalFunction, v: f64) -> f64 {
    polynomial_f64(f.numerator(), v) / polynomial_f64(f.denominator(), v)
}

/// A float printed so that it reads as a float: `7.38905609893065`, `2.0`, `1e-7`,
/// `inf`, `NaN`.
pub fn format_f64(v: f64) -> String {
    format!("{v:?}")
}
