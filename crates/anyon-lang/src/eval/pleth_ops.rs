//! Plethystic operations and partition functions on exact values: PE and PLog of
//! series, their exact closed forms for polynomials with integer coefficients, and
//! `Z` of a learning dynamic from its order profile.
//!
//! The series versions call `anyon_pleth::pleth` (its fast Euler transform), falling
//! back on the language's own forms below for its refusals (so that their messages
//! stay the language's); the closed forms follow THEORY.md section 4:
//! `PE[sum a_d x^d] = prod_d (1 - x^d)^(-a_d)`.

use anyon_pleth::Dynamic;
use anyon_series::{Integer, Natural, Polynomial, Rational, RationalFunction, Series, limits};
use malachite::base::num::basic::traits::{One, Zero};

use super::error::{Error, Result};

/// `PE[f] = exp(sum_{k>=1} f(x^k)/k)` to the order of `f`, for `f(0) = 0`.
///
/// With integer coefficients `a_k` this is the Euler product
/// `prod_k (1 - x^k)^(-a_k)`, multiplied in one factor at a time in integers;
/// otherwise the exponential of the sum.
///
/// # Errors
/// When `f(0) != 0`; a cancellation.
pub fn pe(f: &Series) -> Result<Series> {
    if let Ok(s) = anyon_pleth::pleth::pe(f) {
        return Ok(s);
    }
    let n = f.order();
    if n > 0 && f.coefficient(0)? != Rational::ZERO {
        return Err(Error::new(format!(
            "PE needs a series with constant term 0, but f(0) = {}",
            f.coefficient(0)?
        )));
    }
    if *f.denominator() == Natural::ONE {
        return euler_product(f.numerators(), n);
    }
    let mut sum = Series::zero(n)?;
    for k in 1..n.max(1) {
        limits::check_cancel()?;
        let term = f.adams(k)?.truncate(n);
        if term.is_zero() {
            break;
        }
        sum = &sum + &term.scale(&Rational::from_unsigneds(1u64, k as u64));
    }
    Ok(sum.exp()?)
}

/// `prod_{k>=1} (1 - x^k)^(-a_k) + O(x^n)` in integers.
fn euler_product(a: &[Integer], n: usize) -> Result<Series> {
    let mut c = vec![Integer::ZERO; n];
    if n == 0 {
        return Ok(Series::zero(0)?);
    }
    c[0] = Integer::ONE;
    for (k, ak) in a.iter().enumerate().skip(1) {
        if k >= n {
            break;
        }
        limits::check_cancel()?;
        if *ak == Integer::ZERO {
            continue;
        }
        match i64::try_from(ak) {
            Ok(e) if e.unsigned_abs() <= 8 => {
                for _ in 0..e.unsigned_abs() {
                    if e > 0 {
                        // divide by (1 - x^k): c_m += c_(m-k), ascending
                        for m in k..n {
                            let prev = c[m - k].clone();
                            c[m] += prev;
                        }
                    } else {
                        // multiply by (1 - x^k): c_m -= c_(m-k), descending
                        for m in (k..n).rev() {
                            let prev = c[m - k].clone();
                            c[m] -= prev;
                        }
                    }
                }
            }
            _ => {
                // (1 - x^k)^(-a) = sum_j binom(a + j - 1, j) x^(kj)
                let mut b = vec![Integer::ONE];
                let mut j = 1usize;
                while j * k < n {
                    let prev = b[j - 1].clone();
                    let num = prev * (ak + Integer::from(j as u64 - 1));
                    b.push(num / Integer::from(j as u64));
                    j += 1;
                }
                let mut out = vec![Integer::ZERO; n];
                for (m, slot) in out.iter_mut().enumerate() {
                    for (j, bj) in b.iter().enumerate() {
                        if j * k > m {
                            break;
                        }
                        if c[m - j * k] != Integer::ZERO {
                            *slot += bj * &c[m - j * k];
                        }
                    }
                }
                c = out;
            }
        }
    }
    Ok(Series::from_integers(c, n)?)
}

/// `PLog[g] = sum_{k>=1} mu(k)/k log(g(x^k))` to the order of `g`, for `g(0) = 1`.
///
/// # Errors
/// When `g(0) != 1`; a cancellation.
pub fn plog(g: &Series) -> Result<Series> {
    if let Ok(s) = anyon_pleth::pleth::plog(g) {
        return Ok(s);
    }
    let n = g.order();
    if n > 0 && g.coefficient(0)? != Rational::ONE {
        return Err(Error::new(format!(
            "PLog needs a series with constant term 1, but g(0) = {}",
            g.coefficient(0)?
        )));
    }
    let l = g.log()?;
    let mut sum = Series::zero(n)?;
    for k in 1..n.max(1) {
        limits::check_cancel()?;
        let mu = anyon_pleth::arith::mobius(k as u64)?;
        if mu == 0 {
            continue;
        }
        let term = l.adams(k)?.truncate(n);
        if term.is_zero() {
            break;
        }
        sum = &sum + &term.scale(&Rational::from_signeds(mu, k as i64));
    }
    Ok(sum)
}

/// `prod_d (1 - x^d)^(-a_d)` as an exact rational function, or `None` when its
/// degree would pass the order limit.
///
/// # Errors
/// A cancellation.
pub fn euler_closed_form(profile: &[(u64, i64)]) -> Result<Option<RationalFunction>> {
    let degree: u128 = profile
        .iter()
        .map(|&(d, a)| d as u128 * a.unsigned_abs() as u128)
        .sum();
    if degree > limits::max_order() as u128 {
        return Ok(None);
    }
    let mut num = Polynomial::one();
    let mut den = Polynomial::one();
    for &(d, a) in profile {
        limits::check_cancel()?;
        let d = usize::try_from(d).map_err(|_| Error::new("element order too large"))?;
        let factor = &Polynomial::one() - &Polynomial::monomial(Rational::ONE, d);
        let power = factor.pow(a.unsigned_abs())?;
        if a > 0 {
            den = &den * &power;
        } else {
            num = &num * &power;
        }
    }
    Ok(Some(RationalFunction::new(num, den)?))
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
    let mut profile = Vec::new();
    for (d, a) in p.numerators().iter().enumerate().skip(1) {
        if *a == Integer::ZERO {
            continue;
        }
        let Ok(a) = i64::try_from(a) else {
            return Ok(None);
        };
        profile.push((d as u64, a));
    }
    euler_closed_form(&profile)
}

/// The exact PLog of a rational function that is a finite Euler product
/// `prod_d (1 - x^d)^(-a_d)` (every `Z` is): the polynomial `sum a_d x^d`, or `None`.
///
/// # Errors
/// A cancellation.
pub fn plog_closed_form(f: &RationalFunction) -> Result<Option<Polynomial>> {
    let deg = f
        .numerator()
        .degree()
        .unwrap_or(0)
        .max(f.denominator().degree().unwrap_or(0));
    if deg > 200 || f.denominator().coefficient(0) == Rational::ZERO {
        return Ok(None);
    }
    // A cyclotomic factor Phi_n of degree phi(n) <= deg can appear, so PLog can reach
    // x^n for the largest such n (n <= 2 deg^2 since phi(n) >= sqrt(n/2)).
    let mut n_max = 1u64;
    for n in 1..=(2 * (deg as u64) * (deg as u64) + 2) {
        if anyon_pleth::arith::totient(n)? <= deg as u64 {
            n_max = n;
        }
    }
    let s = f.taylor(n_max as usize + 1)?;
    if s.coefficient(0)? != Rational::ONE {
        return Ok(None);
    }
    let candidate = plog(&s)?.to_polynomial();
    Ok(match pe_closed_form(&candidate)? {
        Some(back) if back == *f => Some(candidate),
        _ => None,
    })
}

/// `Z` of a learning dynamic: `prod_d (1 - x^d)^(-a_d)` over its order profile.
///
/// # Errors
/// From the group code, or when the degree passes the order limit.
pub fn partition_function(dynamic: &Dynamic) -> Result<RationalFunction> {
    let profile = dynamic.order_profile()?;
    let degree: u128 = profile
        .iter()
        .map(|&(d, a)| d as u128 * a.unsigned_abs() as u128)
        .sum();
    euler_closed_form(&profile)?.ok_or_else(|| {
        Error::new(format!(
            "Z for {dynamic} has degree {degree}, above the limit of {}",
            limits::max_order()
        ))
        .with_help(super::error::RAISE_LIMIT_HELP)
    })
}
