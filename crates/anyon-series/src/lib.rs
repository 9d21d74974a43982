//! Exact arithmetic over the rationals for anyon: polynomials, rational functions and
//! truncated power series that carry their own order.
//!
//! Everything here is exact: coefficients are reduced rationals (stored as integer
//! numerators over one common denominator), and no floating point is used anywhere.
//!
//! ```
//! use anyon_series::{Polynomial, Series};
//! // PE[x/(1-x)] = 1/prod(1 - x^k): the partition numbers
//! let mut p = Series::one(9)?;
//! for k in 1..9 {
//!     let one_minus = &Polynomial::one() - &Polynomial::x().pow(k)?;
//!     p = &p * &Series::from_polynomial(&one_minus, 9)?.inverse()?;
//! }
//! let c: Vec<String> = p.coefficients().iter().map(|c| c.to_string()).collect();
//! assert_eq!(c, ["1", "1", "2", "3", "5", "7", "11", "15", "22"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Architecture invariant
//! This crate does no I/O and knows no parsing or syntax; it depends on no other anyon
//! crate. Errors are values ([`Error`]); no input panics.
//!
//! # API boundary
//! [`Polynomial`], [`RationalFunction`], [`Series`], [`Error`], the [`limits`] module, and
//! the re-exported exact number types [`Integer`], [`Natural`], [`Rational`] (malachite).

mod error;
mod fmt;
pub mod kernels;
pub mod limits;
mod newton;
mod ops_macros;
mod poly;
mod ratfunc;
mod series;
mod zvec;

pub use error::{Error, Result};
pub use malachite::{Integer, Natural, Rational};
pub use poly::Polynomial;
pub use ratfunc::RationalFunction;
pub use series::Series;

/// Entry points for measuring algorithm cut-overs (benchmarks only; not a stable API).
#[doc(hidden)]
pub mod tuning {
    use crate::{Result, Series, newton, zvec};

    /// `1/f` with the O(n^2) base case used up to `cutoff` terms, Newton above.
    pub fn inverse_with_cutoff(f: &Series, cutoff: usize) -> Result<Series> {
        let (g, den) = newton::inverse_with_cutoff(f.numerators(), f.order(), cutoff)?;
        let mut g = g;
        let mut den = den;
        zvec::scale(&mut g, &crate::Integer::from(f.denominator()));
        zvec::canonicalise(&mut g, &mut den);
        Series::from_parts(g, den, f.order())
    }

    /// `exp(f)` with the O(n^2) base case used up to `cutoff` terms, Newton above.
    pub fn exp_with_cutoff(f: &Series, cutoff: usize) -> Result<Series> {
        let (g, den) = newton::exp_with_cutoff(f.numerators(), f.denominator(), f.order(), cutoff)?;
        Series::from_parts(g, den, f.order())
    }
}
