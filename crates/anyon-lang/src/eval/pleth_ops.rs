//! Plethystic operations and partition functions on exact values, as the language
//! uses them: thin wrappers over `anyon_pleth` that turn its refusals into the
//! language's `Option`s (fall back to a series) or errors (with help).
//!
//! The closed forms follow THEORY.md section 4: `PE[sum a_d x^d] = prod_d (1 - x^d)^(-a_d)`,
//! built from the cyclotomic factorisation, so no polynomial gcd is needed.

use anyon_pleth::pleth;
use anyon_pleth::{Dynamic, PartitionFunction};
use anyon_series::{Natural, Polynomial, Rational, RationalFunction, Series, limits};
use malachite::base::num::basic::traits::{One, Zero};

use super::error::{Error, Result};

/// Past this degree, `PLog` of a rational function goes through its series rather
/// than a search for cyclotomic factors.
const PLOG_CLOSED_FORM_DEGREE: usize = 200;

/// `PE[f] = exp(sum_{k>=1} f(x^k)/k)` to the order of `f`, for `f(0) = 0`.
///
/// # Errors
/// When `f(0) != 0`; a cancellation.
pub fn pe(f: &Series) -> Result<Series> {
    Ok(pleth::pe(f)?)
}

/// `PLog[g] = sum_{k>=1} mu(k)/k log(g(x^k))` to the order of `g`, for `g(0) = 1`.
///
/// # Errors
/// When `g(0) != 1`; a cancellation.
pub fn plog(g: &Series) -> Result<Series> {
    Ok(pleth::plog(g)?)
}

/// The degree of `prod_d (1 - x^d)^(-a_d)` written out: `sum_d d |a_d|`.
fn product_degree(profile: &[(u64, i64)]) -> u128 {
    profile
        .iter()
        .map(|&(d, a)| d as u128 * a.unsigned_abs() as u128)
        .sum()
}

/// `prod_d (1 - x^d)^(-a_d)` as an exact rational function, or `None` when its
/// degree would pass the order limit.
///
/// # Errors
/// A cancellation.
pub fn euler_closed_form(profile: &[(u64, i64)]) -> Result<Option<RationalFunction>> {
    if product_degree(profile) > limits::max_order() as u128 {
        return Ok(None);
    }
    Ok(Some(pleth::euler_product_rational(profile)?))
}

/// The exact PE of a polynomial with integer coefficients and no constant term;
/// `None` for any other polynomial or past the degree limit.
///
/// # Errors
/// A cancellation.
pub fn pe_closed_form(p: &Polynomial) -> Result<Option<RationalFunction>> {
    if *p.denominator() != Natural::ONE || p.coefficient(0) != Rational::ZERO {
        return Ok(None);
    }
    let profile: Option<Vec<(u64, i64)>> = p
        .numerators()
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, a)| **a != 0u32)
        .map(|(d, a)| i64::try_from(a).ok().map(|a| (d as u64, a)))
        .collect();
    match profile {
        Some(profile) => euler_closed_form(&profile),
        None => Ok(None),
    }
}

/// The exact PLog of a rational function that is a finite Euler product
/// `prod_d (1 - x^d)^(-a_d)` (every `Z` is): the polynomial `sum a_d x^d`, or `None`
/// (then the series path answers, with its own messages).
///
/// # Errors
/// A cancellation.
pub fn plog_closed_form(f: &RationalFunction) -> Result<Option<Polynomial>> {
    let deg = f
        .numerator()
        .degree()
        .unwrap_or(0)
        .max(f.denominator().degree().unwrap_or(0));
    if deg > PLOG_CLOSED_FORM_DEGREE || f.denominator().coefficient(0) == Rational::ZERO {
        return Ok(None);
    }
    match pleth::plog_rational(f) {
        Ok(p) => Ok(p),
        Err(anyon_pleth::Error::Series(anyon_series::Error::Cancelled)) => {
            Err(Error::from(anyon_series::Error::Cancelled))
        }
        Err(_) => Ok(None),
    }
}

/// `Z` of a learning dynamic: `prod_d (1 - x^d)^(-a_d)` over its order profile.
///
/// # Errors
/// From the group code, or when the degree passes the order limit.
pub fn partition_function(dynamic: &Dynamic) -> Result<RationalFunction> {
    let z = PartitionFunction::of(dynamic)?;
    let degree = product_degree(z.profile());
    if degree > limits::max_order() as u128 {
        return Err(Error::new(format!(
            "Z for {dynamic} has degree {degree}, above the limit of {}",
            limits::max_order()
        ))
        .with_help(super::error::RAISE_LIMIT_HELP));
    }
    Ok(z.rational_function()?)
}
