//! The roots-of-unity projection `Omega_chi(x) = sum_g chi(g) Omega(g, x)` as an exact
//! truncated series, by the order profile and (for verification) by complex numbers.
//!
//! For an element `g` of order `|g|`, the post sums over its orbit:
//! `Omega(g, x) = sum_{n>=1} sum_{k=1}^{|g|} (g^k x)^n / n = -ln(1 - x^|g|)`, because the
//! roots-of-unity filter `sum_{k=1}^{|g|} g^(k n)` is `|g|` when `|g|` divides `n` and 0
//! otherwise. Grouping the elements by order gives
//! `[x^n] Omega_chi = (1/n) sum_{d | n} a_d d`, with `a_d` the order profile
//! ([`Dynamic::order_profile`]), and `exp(Omega_chi) = prod_d (1 - x^d)^(-a_d)`.

use std::collections::BTreeMap;

use anyon_series::{Integer, Rational, Series, limits};
use num_complex::Complex64;

use crate::error::{Error, Result};
use crate::group::{CompensatedSum, Dynamic, TOLERANCE, root_of_unity};

/// The most roots of unity [`omega_complex`] will sum (the distinct element orders,
/// times the order of the series, times each element order).
pub const COMPLEX_BUDGET: u128 = 10_000_000;

/// The largest `sum_g |chi(g)| |g|` [`omega_complex`] accepts: above it the floating
/// point error could approach the rounding tolerance.
pub const COMPLEX_SCALE_LIMIT: f64 = 1e6;

/// `Omega_chi(x) + O(x^order)`, exactly: `[x^n] Omega_chi = (1/n) sum_{d | n} a_d d`
/// from the order profile. The constant term is 0.
///
/// # Errors
/// As for [`Dynamic::order_profile`] and [`omega_from_profile`].
///
/// # Examples
/// ```
/// use anyon_pleth::{Dynamic, projection::omega};
/// // Z_2, chi_1: Omega = -ln(1 - x) + ln(1 - x^2) = ln(1 + x)
/// let z2 = Dynamic::cyclic(2, 1)?;
/// assert_eq!(omega(&z2, 5)?.to_string(), "x - 1/2*x^2 + 1/3*x^3 - 1/4*x^4 + O(x^5)");
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn omega(dynamic: &Dynamic, order: usize) -> Result<Series> {
    omega_from_profile(&dynamic.order_profile()?, order)
}

/// `-sum_d a_d ln(1 - x^d) + O(x^order)` for any list of pairs `(d, a_d)`:
/// `[x^n] = (1/n) sum_{d | n} a_d d`. Pairs with `d >= order` do not contribute; a
/// repeated `d` adds up.
///
/// # Errors
/// [`Error::InvalidOrder`] for `d = 0`; [`anyon_series::Error::OrderTooLarge`] (as
/// [`Error::Series`]) past the order limit; [`Error::Overflow`] if a numerator passes
/// `i128` (not reachable with the default limits).
///
/// # Examples
/// ```
/// use anyon_pleth::projection::omega_from_profile;
/// // a_1 = 1: -ln(1 - x)
/// assert_eq!(omega_from_profile(&[(1, 1)], 4)?.to_string(), "x + 1/2*x^2 + 1/3*x^3 + O(x^4)");
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn omega_from_profile(profile: &[(u64, i64)], order: usize) -> Result<Series> {
    let order = limits::check_order(order as u128)?;
    // t[n] = sum_{d | n} a_d d, so that [x^n] = t[n] / n
    let mut t = vec![0i128; order];
    for &(d, a) in profile {
        if d == 0 {
            return Err(Error::InvalidOrder {
                value: "0".to_string(),
                reason: "an element order in a profile is at least 1",
            });
        }
        limits::check_cancel()?;
        let Ok(d) = usize::try_from(d) else { continue };
        if d >= order {
            continue;
        }
        // |a| < 2^63 and d < 2^64, so the product fits.
        let term = a as i128 * d as i128;
        for n in (d..order).step_by(d) {
            t[n] = t[n].checked_add(term).ok_or_else(|| Error::Overflow {
                what: format!("the numerator of [x^{n}] Omega"),
            })?;
        }
    }
    let coefficients: Vec<Rational> = t
        .into_iter()
        .enumerate()
        .map(|(n, tn)| {
            if n == 0 {
                Rational::from(0)
            } else {
                Rational::from_integers(Integer::from(tn), Integer::from(n as u64))
            }
        })
        .collect();
    Ok(Series::from_coefficients(&coefficients, order)?)
}

/// `Omega_chi(x) + O(x^order)` as the post computes it, in complex floating point, then
/// rounded and **checked**: for every `n`, `n [x^n] Omega_chi = sum_g chi(g)
/// sum_{k=1}^{|g|} zeta^(k n)` with `zeta = exp(2 pi i / |g|)` is summed numerically over
/// the enumerated elements (grouped by order, the filter summed root by root), and must
/// lie within `TOLERANCE * max(1, sum_g |chi(g)| |g|)` of an integer on the real axis.
/// The result is exact: that integer over `n`.
///
/// This is a verification route for [`omega`]; the two agree whenever this one
/// succeeds.
///
/// # Errors
/// [`Error::TooLarge`] above [`crate::group::MAX_ENUMERATION`] elements, above
/// [`COMPLEX_BUDGET`] roots of unity, or above [`COMPLEX_SCALE_LIMIT`];
/// [`Error::NotIntegral`] if a rounding check fails; the order-limit error as for
/// [`omega_from_profile`].
///
/// # Examples
/// ```
/// use anyon_pleth::{Dynamic, projection::{omega, omega_complex}};
/// let z6 = Dynamic::cyclic(6, 1)?;
/// assert_eq!(omega_complex(&z6, 20)?, omega(&z6, 20)?);
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn omega_complex(dynamic: &Dynamic, order: usize) -> Result<Series> {
    let order = limits::check_order(order as u128)?;
    let mut weights: BTreeMap<u64, (CompensatedSum, CompensatedSum)> = BTreeMap::new();
    let mut scale = CompensatedSum::default();
    for (element_order, value) in dynamic.enumerate_complex()? {
        let w = weights.entry(element_order).or_default();
        w.0.add(value.re);
        w.1.add(value.im);
        scale.add(value.norm() * element_order as f64);
    }
    let scale = scale.value().max(1.0);
    if scale > COMPLEX_SCALE_LIMIT {
        return Err(Error::TooLarge {
            what: format!("the floating point scale sum |chi(g)| |g| of {dynamic}"),
            requested: scale.ceil() as u128,
            limit: COMPLEX_SCALE_LIMIT as u128,
            hint: "use the exact route projection::omega",
        });
    }
    let work = weights.keys().map(|&o| o as u128).sum::<u128>() * order as u128;
    if work > COMPLEX_BUDGET {
        return Err(Error::TooLarge {
            what: format!("the number of roots of unity to sum for {dynamic} to order {order}"),
            requested: work,
            limit: COMPLEX_BUDGET,
            hint: "ask for fewer terms or use the exact route projection::omega",
        });
    }
    let weights: Vec<(u64, Complex64)> = weights
        .into_iter()
        .map(|(o, (re, im))| (o, Complex64::new(re.value(), im.value())))
        .collect();
    let tolerance = TOLERANCE * scale;
    let mut coefficients = vec![Rational::from(0); order];
    for (n, coefficient) in coefficients.iter_mut().enumerate().skip(1) {
        limits::check_cancel()?;
        let (mut re, mut im) = (CompensatedSum::default(), CompensatedSum::default());
        for &(o, w) in &weights {
            // the roots-of-unity filter sum_{k=1}^{o} zeta_o^(k n)
            let (mut filter_re, mut filter_im) =
                (CompensatedSum::default(), CompensatedSum::default());
            for k in 1..=o {
                let z = root_of_unity((k as u128 * n as u128 % o as u128) as u64, o);
                filter_re.add(z.re);
                filter_im.add(z.im);
            }
            let term = w * Complex64::new(filter_re.value(), filter_im.value());
            re.add(term.re);
            im.add(term.im);
        }
        let (re, im) = (re.value(), im.value());
        let rounded = re.round();
        if (re - rounded).abs() > tolerance || im.abs() > tolerance {
            return Err(Error::NotIntegral {
                what: format!("{n} [x^{n}] Omega for {dynamic}"),
                value: format!("{re} + {im}i"),
                tolerance: format!("{tolerance:e}"),
            });
        }
        // |rounded| <= scale <= COMPLEX_SCALE_LIMIT, so the cast is exact.
        *coefficient =
            Rational::from_integers(Integer::from(rounded as i64), Integer::from(n as u64));
    }
    Ok(Series::from_coefficients(&coefficients, order)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::{Character, DihedralCharacter, Group};
    use anyon_series::Polynomial;

    /// `prod_d (1 - x^d)^(-a_d) + O(x^order)`, built from series operations only.
    fn euler_product(profile: &[(u64, i64)], order: usize) -> Series {
        let mut z = Series::one(order).unwrap();
        for &(d, a) in profile {
            let one_minus = &Polynomial::one() - &Polynomial::x().pow(d).unwrap();
            let factor = Series::from_polynomial(&one_minus, order)
                .unwrap()
                .pow_int(-a)
                .unwrap();
            z = &z * &factor;
        }
        z
    }

    fn dynamics_under_test() -> Vec<Dynamic> {
        let mut all = vec![Dynamic::trivial()];
        for n in [1u64, 2, 6, 12] {
            for m in 0..n {
                all.push(Dynamic::cyclic(n, m).unwrap());
            }
        }
        let groups = [
            Group::dihedral(5).unwrap(),
            Group::dihedral(6).unwrap(),
            Group::product(&[2, 4]).unwrap(),
            Group::product(&[3, 3]).unwrap(),
            Group::product(&[2, 2, 2]).unwrap(),
        ];
        for group in groups {
            for character in group.characters().unwrap() {
                all.push(Dynamic::new(group.clone(), character).unwrap());
            }
        }
        all
    }

    #[test]
    fn exact_and_complex_routes_agree() {
        for dynamic in dynamics_under_test() {
            let exact = omega(&dynamic, 40).unwrap();
            assert!(exact.is_valid());
            assert_eq!(omega_complex(&dynamic, 40).unwrap(), exact, "{dynamic}");
        }
    }

    #[test]
    fn exp_omega_is_the_euler_product() {
        for dynamic in dynamics_under_test() {
            let profile = dynamic.order_profile().unwrap();
            let z = omega(&dynamic, 30).unwrap().exp().unwrap();
            assert_eq!(z, euler_product(&profile, 30), "{dynamic}");
        }
    }

    /// THEORY.md section 3: closed forms of Z_{n,m}, as Taylor series.
    #[test]
    fn partition_functions_from_the_theory() {
        let p =
            |c: &[i64]| Polynomial::from_integers(c.iter().map(|&v| Integer::from(v)).collect());
        let table: &[(u64, u64, Polynomial, Polynomial)] = &[
            (2, 1, p(&[1, 1]), p(&[1])),
            (3, 1, p(&[1, 1, 1]), p(&[1])),
            // Z_6 = (1 + x)/(1 + x^3), and Z_12 is the same
            (6, 1, p(&[1, 1]), p(&[1, 0, 0, 1])),
            (12, 1, p(&[1, 1]), p(&[1, 0, 0, 1])),
            (1, 0, p(&[1]), p(&[1, -1])),
            (
                6,
                2,
                &p(&[1, -1, 1]) * &p(&[1, 1, 1]).pow(2).unwrap(),
                p(&[1]),
            ),
            (
                6,
                3,
                &p(&[1, 1]).pow(3).unwrap() * &p(&[1, -1, 1]).pow(2).unwrap(),
                p(&[1]),
            ),
            (4, 2, &p(&[1, 1]) * &p(&[1, 0, 1]).pow(2).unwrap(), p(&[1])),
        ];
        for (n, m, num, den) in table {
            let z = omega(&Dynamic::cyclic(*n, *m).unwrap(), 25)
                .unwrap()
                .exp()
                .unwrap();
            let expected = Series::from_polynomial(num, 25)
                .unwrap()
                .checked_div(&Series::from_polynomial(den, 25).unwrap())
                .unwrap();
            assert_eq!(z, expected, "Z_({n},{m})");
        }
    }

    #[test]
    fn printed_series() {
        let d3 = Dynamic::new(
            Group::dihedral(3).unwrap(),
            Character::Dihedral(DihedralCharacter::Rho(1)),
        )
        .unwrap();
        let table: &[(Dynamic, usize, &str, &str)] = &[
            (
                Dynamic::cyclic(6, 1).unwrap(),
                9,
                "x - 1/2*x^2 - 2/3*x^3 - 1/4*x^4 + 1/5*x^5 + 1/3*x^6 + 1/7*x^7 - 1/8*x^8 + O(x^9)",
                "1 + x - x^3 - x^4 + x^6 + x^7 + O(x^9)",
            ),
            (
                Dynamic::cyclic(1, 0).unwrap(),
                5,
                "x + 1/2*x^2 + 1/3*x^3 + 1/4*x^4 + O(x^5)",
                "1 + x + x^2 + x^3 + x^4 + O(x^5)",
            ),
            // S_3 standard representation: Z = (1 - x^3)^2 / (1 - x)^2 = (1 + x + x^2)^2
            (
                d3,
                7,
                "2x + x^2 - 4/3*x^3 + 1/2*x^4 + 2/5*x^5 - 2/3*x^6 + O(x^7)",
                "1 + 2x + 3x^2 + 2x^3 + x^4 + O(x^7)",
            ),
        ];
        for (dynamic, order, omega_text, z_text) in table {
            let w = omega(dynamic, *order).unwrap();
            assert_eq!(w.to_string(), *omega_text, "{dynamic}");
            assert_eq!(w.exp().unwrap().to_string(), *z_text, "{dynamic}");
        }
    }

    #[test]
    fn errors() {
        assert!(matches!(
            omega_from_profile(&[(0, 1)], 5),
            Err(Error::InvalidOrder { .. })
        ));
        assert!(matches!(
            omega(&Dynamic::cyclic(6, 1).unwrap(), usize::MAX),
            Err(Error::Series(anyon_series::Error::OrderTooLarge { .. }))
        ));
        let big = Dynamic::cyclic(2_000_003, 1).unwrap();
        assert!(matches!(
            omega_complex(&big, 10),
            Err(Error::TooLarge { .. })
        ));
        // the exact route has no trouble
        let w = omega(&big, 10).unwrap();
        assert_eq!(w, omega_from_profile(&[(1, 1)], 10).unwrap());
        // the complex route refuses more work than its budget
        let z997 = Dynamic::cyclic(997, 1).unwrap();
        assert!(matches!(
            omega_complex(&z997, 20_000),
            Err(Error::TooLarge { .. })
        ));
        // an empty profile and order 0 are fine
        assert!(omega_from_profile(&[], 4).unwrap().is_zero());
        assert_eq!(omega(&z997, 0).unwrap().order(), 0);
        assert_eq!(omega_complex(&z997, 0).unwrap().order(), 0);
    }
}
