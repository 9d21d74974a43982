//! Low-level exact kernels on integer coefficient vectors, for crates that build their
//! own algorithms on top of the series core (the Euler transform of `anyon-pleth`).
//!
//! A vector holds the coefficients of `x^0, x^1, ...`; results carry no trailing zeros.

use malachite::Integer;

use crate::zvec;

/// The product of two integer polynomials truncated to `n` coefficients.
///
/// Sparse factors (a few nonzero terms) are applied term by term; dense ones use
/// malachite's integer-polynomial multiplication (Kronecker substitution or
/// Schoenhage-Strassen at large sizes).
///
/// # Examples
/// ```
/// use anyon_series::{Integer, kernels};
/// let a: Vec<Integer> = [1, 1].iter().map(|&c| Integer::from(c)).collect(); // 1 + x
/// let p = kernels::mullow(&a, &a, 2);
/// assert_eq!(p, [Integer::from(1), Integer::from(2)]);
/// ```
pub fn mullow(a: &[Integer], b: &[Integer], n: usize) -> Vec<Integer> {
    zvec::mullow(a, b, n)
}
