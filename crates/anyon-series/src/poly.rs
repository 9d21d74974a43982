//! `Polynomial`: polynomials over Q, stored as integer numerators over one denominator.

use std::fmt;

use malachite::base::num::arithmetic::traits::{DivExact, Gcd, Pow};
use malachite::base::num::basic::traits::{NegativeOne, One, Zero};
use malachite::{Integer, Natural, Rational};

use crate::error::{Error, Result};
use crate::fmt::{terms_latex, terms_text};
use crate::limits;
use crate::ops_macros::{forward_binop, forward_neg};
use crate::zvec;

/// A polynomial in `x` with rational coefficients.
///
/// Canonical form (enforced by every constructor): the coefficients are the integers
/// `numerators()` over the positive integer `denominator()`, the last numerator is
/// nonzero, and the denominator shares no factor with the content of the numerators.
/// So two polynomials are equal exactly when their representations are.
///
/// # Examples
/// ```
/// use anyon_series::{Polynomial, Rational};
/// let p = Polynomial::from_coefficients(&[Rational::from(1), Rational::from_signeds(-1, 2)]);
/// assert_eq!(p.to_string(), "1 - 1/2*x");
/// assert_eq!((&p * &p).to_string(), "1 - x + 1/4*x^2");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Polynomial {
    num: Vec<Integer>,
    den: Natural,
}

impl Default for Polynomial {
    fn default() -> Self {
        Self::zero()
    }
}

impl Polynomial {
    /// The zero polynomial.
    pub fn zero() -> Self {
        Polynomial {
            num: Vec::new(),
            den: Natural::ONE,
        }
    }

    /// The constant 1.
    pub fn one() -> Self {
        Self::constant(Rational::ONE)
    }

    /// The polynomial `x`.
    pub fn x() -> Self {
        Self::monomial(Rational::ONE, 1)
    }

    /// The constant polynomial `c`.
    pub fn constant(c: Rational) -> Self {
        Self::monomial(c, 0)
    }

    /// `c x^k`.
    pub fn monomial(c: Rational, k: usize) -> Self {
        if c == Rational::ZERO {
            return Self::zero();
        }
        let (n, d, negative) = split(&c);
        let mut num = vec![Integer::ZERO; k + 1];
        let v = Integer::from(n);
        num[k] = if negative { -v } else { v };
        Polynomial { num, den: d }
    }

    /// Builds a polynomial from its coefficients in ascending order.
    pub fn from_coefficients(coefficients: &[Rational]) -> Self {
        let (num, den) = common_denominator(coefficients);
        Self::from_parts_unchecked(num, den)
    }

    /// Builds a polynomial with integer coefficients in ascending order.
    pub fn from_integers(coefficients: Vec<Integer>) -> Self {
        Self::from_parts_unchecked(coefficients, Natural::ONE)
    }

    /// Builds `num / den` from integer numerators and a positive denominator.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] if `den` is zero.
    pub fn from_parts(num: Vec<Integer>, den: Natural) -> Result<Self> {
        if den == Natural::ZERO {
            return Err(Error::DivisionByZero);
        }
        Ok(Self::from_parts_unchecked(num, den))
    }

    /// Canonicalises a trusted `(num, den)` pair with `den > 0`.
    pub(crate) fn from_parts_unchecked(mut num: Vec<Integer>, mut den: Natural) -> Self {
        zvec::canonicalise(&mut num, &mut den);
        Polynomial { num, den }
    }

    /// The integer numerators, ascending (no trailing zeros).
    pub fn numerators(&self) -> &[Integer] {
        &self.num
    }

    /// The positive common denominator.
    pub fn denominator(&self) -> &Natural {
        &self.den
    }

    /// The coefficient of `x^k` (zero past the degree).
    pub fn coefficient(&self, k: usize) -> Rational {
        Rational::from_integers_ref(zvec::get(&self.num, k), &Integer::from(&self.den))
    }

    /// All coefficients, ascending, up to the degree.
    pub fn coefficients(&self) -> Vec<Rational> {
        (0..self.num.len()).map(|k| self.coefficient(k)).collect()
    }

    /// The degree, `None` for the zero polynomial.
    pub fn degree(&self) -> Option<usize> {
        self.num.len().checked_sub(1)
    }

    /// The number of coefficients up to the degree (0 for the zero polynomial).
    pub fn len(&self) -> usize {
        self.num.len()
    }

    /// Whether there are no coefficients (the zero polynomial; the same as `is_zero`).
    pub fn is_empty(&self) -> bool {
        self.num.is_empty()
    }

    /// Whether this is the zero polynomial.
    pub fn is_zero(&self) -> bool {
        self.num.is_empty()
    }

    /// Whether this is the constant 1.
    pub fn is_one(&self) -> bool {
        self.num.len() == 1 && self.num[0] == Integer::ONE && self.den == Natural::ONE
    }

    /// Whether this is a constant (degree 0 or the zero polynomial).
    pub fn is_constant(&self) -> bool {
        self.num.len() <= 1
    }

    /// The index of the lowest nonzero coefficient, `None` for zero.
    pub fn valuation(&self) -> Option<usize> {
        self.num.iter().position(|c| *c != Integer::ZERO)
    }

    /// The leading coefficient (zero for the zero polynomial).
    pub fn leading_coefficient(&self) -> Rational {
        match self.degree() {
            Some(d) => self.coefficient(d),
            None => Rational::ZERO,
        }
    }

    /// Whether the invariant holds: trimmed, positive denominator, canonical.
    pub fn is_valid(&self) -> bool {
        let trimmed = self.num.last().is_none_or(|c| *c != Integer::ZERO);
        let positive = self.den != Natural::ZERO;
        let canonical = if self.num.is_empty() {
            self.den == Natural::ONE
        } else {
            zvec::gcd_with(self.den.clone(), &self.num) == Natural::ONE
        };
        trimmed && positive && canonical
    }

    /// `c * self`.
    pub fn scale(&self, c: &Rational) -> Self {
        if *c == Rational::ZERO {
            return Self::zero();
        }
        let (n, d, negative) = split(c);
        let mut num = self.num.clone();
        let mut m = Integer::from(n);
        if negative {
            m = -m;
        }
        zvec::scale(&mut num, &m);
        Self::from_parts_unchecked(num, &self.den * d)
    }

    /// `self^k` by repeated squaring.
    ///
    /// # Errors
    /// [`Error::DegreeTooLarge`] if the degree would pass the order limit.
    pub fn pow(&self, k: u64) -> Result<Self> {
        if k == 0 {
            return Ok(Self::one());
        }
        if let Some(d) = self.degree() {
            let degree = d as u128 * k as u128;
            if degree > limits::max_order() as u128 {
                return Err(Error::DegreeTooLarge {
                    requested: degree,
                    limit: limits::max_order(),
                });
            }
        } else {
            return Ok(Self::zero());
        }
        let mut result = Self::one();
        let mut base = self.clone();
        let mut e = k;
        while e > 0 {
            limits::check_cancel()?;
            if e & 1 == 1 {
                result = &result * &base;
            }
            e >>= 1;
            if e > 0 {
                base = &base * &base;
            }
        }
        Ok(result)
    }

    /// Division with remainder: `self = q * divisor + r` with `deg r < deg divisor`.
    ///
    /// # Errors
    /// [`Error::ZeroModulus`] if `divisor` is zero.
    ///
    /// # Examples
    /// ```
    /// use anyon_series::Polynomial;
    /// let x = Polynomial::x();
    /// let one = Polynomial::one();
    /// let (q, r) = (&(&x * &x) - &one).div_rem(&(&x - &one))?;
    /// assert_eq!(q.to_string(), "1 + x");
    /// assert!(r.is_zero());
    /// # Ok::<(), anyon_series::Error>(())
    /// ```
    pub fn div_rem(&self, divisor: &Self) -> Result<(Self, Self)> {
        let Some(db) = divisor.degree() else {
            return Err(Error::ZeroModulus);
        };
        let Some(da) = self.degree() else {
            return Ok((Self::zero(), Self::zero()));
        };
        if da < db {
            return Ok((Self::zero(), self.clone()));
        }
        // Pseudo-division over Z: lc^(da-db+1) * A = Q * B + R, then rescale.
        let b = &divisor.num;
        let lc = &b[db];
        let mut r = self.num.clone();
        let mut q = vec![Integer::ZERO; da - db + 1];
        let steps = da - db + 1;
        for i in (db..=da).rev() {
            limits::check_cancel()?;
            let top = std::mem::take(&mut r[i]);
            // r <- lc * r - top * x^(i-db) * b; q <- lc * q + top * x^(i-db)
            for c in r.iter_mut().take(i) {
                *c *= lc;
            }
            for c in q.iter_mut() {
                *c *= lc;
            }
            q[i - db] += &top;
            for (j, bj) in b.iter().enumerate().take(db) {
                r[i - db + j] -= &top * bj;
            }
        }
        r.truncate(db);
        // A/da_den = (Q/lc^steps) * (B/db_den) / ... : a = A/dA, b = B/dB;
        // lc^steps A = Q B + R  =>  a = (Q dB / (lc^steps dA)) b + R / (lc^steps dA).
        let lc_pow = lc.pow(steps as u64);
        let (lc_abs, lc_negative) = (lc_pow.unsigned_abs_ref().clone(), lc_pow < Integer::ZERO);
        let sign = if lc_negative {
            Integer::NEGATIVE_ONE
        } else {
            Integer::ONE
        };
        zvec::scale(&mut q, &(Integer::from(&divisor.den) * &sign));
        zvec::scale(&mut r, &sign);
        let qden = &lc_abs * &self.den;
        let rden = &lc_abs * &self.den;
        Ok((
            Self::from_parts_unchecked(q, qden),
            Self::from_parts_unchecked(r, rden),
        ))
    }

    /// The exact quotient `self / divisor`.
    ///
    /// # Errors
    /// [`Error::ZeroModulus`] if `divisor` is zero; [`Error::DivisionByZero`] if the
    /// division leaves a remainder (the quotient is not a polynomial).
    pub fn div_exact(&self, divisor: &Self) -> Result<Self> {
        let (q, r) = self.div_rem(divisor)?;
        if r.is_zero() {
            Ok(q)
        } else {
            Err(Error::DivisionByZero)
        }
    }

    /// The rational content: the positive rational `c` with `self = c * p`, where `p` has
    /// coprime integer coefficients and a positive leading coefficient (0 for zero).
    pub fn content(&self) -> Rational {
        if self.is_zero() {
            return Rational::ZERO;
        }
        let c = zvec::content(&self.num);
        let sign = self.num[self.num.len() - 1] > Integer::ZERO;
        let r = Rational::from_naturals(c, self.den.clone());
        if sign { r } else { -r }
    }

    /// The primitive part: integer coefficients with gcd 1 and a positive leading
    /// coefficient (zero for zero).
    pub fn primitive_part(&self) -> Self {
        if self.is_zero() {
            return Self::zero();
        }
        Polynomial {
            num: primitive(&self.num),
            den: Natural::ONE,
        }
    }

    /// The same polynomial divided by its leading coefficient.
    pub fn monic(&self) -> Self {
        if self.is_zero() {
            return Self::zero();
        }
        let lc = self.leading_coefficient();
        self.scale(&(Rational::ONE / lc))
    }

    /// The monic greatest common divisor (zero when both are zero).
    ///
    /// Uses the primitive polynomial remainder sequence: each pseudo-remainder is reduced
    /// to its primitive part, so coefficients stay small.
    ///
    /// # Examples
    /// ```
    /// use anyon_series::Polynomial;
    /// let x = Polynomial::x();
    /// let one = Polynomial::one();
    /// let a = &(&x * &x) - &one;            // (x - 1)(x + 1)
    /// let b = &(&x * &x) - &(&x + &x) + &one; // (x - 1)^2
    /// assert_eq!(a.gcd(&b).to_string(), "-1 + x");
    /// ```
    pub fn gcd(&self, other: &Self) -> Self {
        if self.is_zero() {
            return other.monic();
        }
        if other.is_zero() {
            return self.monic();
        }
        let mut a = primitive(&self.num);
        let mut b = primitive(&other.num);
        if a.len() < b.len() {
            std::mem::swap(&mut a, &mut b);
        }
        while !b.is_empty() {
            if b.len() == 1 {
                return Self::one();
            }
            let r = pseudo_remainder(&a, &b);
            a = b;
            b = if r.is_empty() { r } else { primitive(&r) };
        }
        Polynomial::from_parts_unchecked(a, Natural::ONE).monic()
    }

    /// The derivative.
    pub fn derivative(&self) -> Self {
        let num: Vec<Integer> = self
            .num
            .iter()
            .enumerate()
            .skip(1)
            .map(|(k, c)| c * Integer::from(k as u64))
            .collect();
        Self::from_parts_unchecked(num, self.den.clone())
    }

    /// The integral with zero constant term.
    pub fn integral(&self) -> Self {
        if self.is_zero() {
            return Self::zero();
        }
        let mut num = self.num.clone();
        let mut den = self.den.clone();
        zvec::integral_offset(&mut num, &mut den, 1);
        num.insert(0, Integer::ZERO);
        Self::from_parts_unchecked(num, den)
    }

    /// The composition `self(inner)`, by Horner's rule.
    ///
    /// # Errors
    /// [`Error::DegreeTooLarge`] if the degree would pass the order limit;
    /// [`Error::Cancelled`] on cancellation.
    pub fn compose(&self, inner: &Self) -> Result<Self> {
        let (Some(d), Some(e)) = (self.degree(), inner.degree()) else {
            return Ok(if self.is_zero() {
                Self::zero()
            } else {
                Self::constant(self.coefficient(0))
            });
        };
        let degree = d as u128 * e as u128;
        if degree > limits::max_order() as u128 {
            return Err(Error::DegreeTooLarge {
                requested: degree,
                limit: limits::max_order(),
            });
        }
        let mut acc = Self::constant(self.coefficient(d));
        for k in (0..d).rev() {
            limits::check_cancel()?;
            acc = &(&acc * inner) + &Self::constant(self.coefficient(k));
        }
        Ok(acc)
    }

    /// The value at a rational point.
    ///
    /// # Examples
    /// ```
    /// use anyon_series::{Polynomial, Rational};
    /// let p = Polynomial::from_coefficients(&[Rational::from(1), Rational::from(-1), Rational::from(1)]);
    /// assert_eq!(p.eval(&Rational::from_signeds(1, 2)), Rational::from_signeds(3, 4));
    /// ```
    pub fn eval(&self, at: &Rational) -> Rational {
        let Some(d) = self.degree() else {
            return Rational::ZERO;
        };
        // sum A_i p^i q^(d-i) / (q^d den), by Horner's rule in integers.
        let p = Integer::from(at.numerator_ref().clone()) * sign_of(at);
        let q = Integer::from(at.denominator_ref());
        let mut acc = self.num[d].clone();
        let mut q_pow = Integer::ONE;
        for k in (0..d).rev() {
            q_pow *= &q;
            acc = acc * &p + &self.num[k] * &q_pow;
        }
        let den = Integer::from(&self.den) * q.pow(d as u64);
        Rational::from_integers(acc, den)
    }

    /// The LaTeX form, ascending powers.
    pub fn to_latex(&self) -> String {
        let cs = self.coefficients();
        let s = terms_latex(cs.iter().enumerate());
        if s.is_empty() { "0".to_string() } else { s }
    }

    /// The number of nonzero terms.
    pub fn term_count(&self) -> usize {
        self.num.iter().filter(|c| **c != Integer::ZERO).count()
    }

    pub(crate) fn parts(&self) -> (&[Integer], &Natural) {
        (&self.num, &self.den)
    }
}

/// `(|numerator|, denominator, negative)` of a rational.
pub(crate) fn split(c: &Rational) -> (Natural, Natural, bool) {
    let negative = *c < Rational::ZERO;
    let (n, d) = c.to_numerator_and_denominator();
    (n, d, negative)
}

fn sign_of(c: &Rational) -> Integer {
    if *c < Rational::ZERO {
        Integer::NEGATIVE_ONE
    } else {
        Integer::ONE
    }
}

/// Numerators over the lcm of the denominators of `cs` (not yet canonical).
pub(crate) fn common_denominator(cs: &[Rational]) -> (Vec<Integer>, Natural) {
    let mut den = Natural::ONE;
    for c in cs {
        let d = c.denominator_ref();
        if *d != 1u32 {
            let g = (&den).gcd(d);
            den = (&den).div_exact(&g) * d;
        }
    }
    let den_i = Integer::from(&den);
    let num = cs
        .iter()
        .map(|c| {
            let (n, d, negative) = split(c);
            let v = Integer::from(n) * (&den_i).div_exact(Integer::from(d));
            if negative { -v } else { v }
        })
        .collect();
    (num, den)
}

/// Integer primitive part with a positive leading coefficient.
fn primitive(v: &[Integer]) -> Vec<Integer> {
    let mut v = v.to_vec();
    zvec::trim(&mut v);
    if v.is_empty() {
        return v;
    }
    let c = Integer::from(zvec::content(&v));
    let c = if v[v.len() - 1] < Integer::ZERO {
        -c
    } else {
        c
    };
    if c != Integer::ONE {
        for x in v.iter_mut() {
            *x = (&*x).div_exact(&c);
        }
    }
    v
}

/// The pseudo-remainder of integer polynomials `a` by `b` (`b` nonzero, trimmed).
fn pseudo_remainder(a: &[Integer], b: &[Integer]) -> Vec<Integer> {
    let db = b.len() - 1;
    let lc = &b[db];
    let mut r = a.to_vec();
    zvec::trim(&mut r);
    while r.len() > db {
        let i = r.len() - 1;
        let top = r.pop().unwrap_or_default();
        for c in r.iter_mut() {
            *c *= lc;
        }
        for (j, bj) in b.iter().enumerate().take(db) {
            r[i - db + j] -= &top * bj;
        }
        zvec::trim(&mut r);
    }
    r
}

impl std::ops::Add<&Polynomial> for &Polynomial {
    type Output = Polynomial;
    /// `a/da + b/db` over the lcm of the denominators.
    fn add(self, rhs: &Polynomial) -> Polynomial {
        let (num, den) = zvec::add_frac(&self.num, &self.den, &rhs.num, &rhs.den);
        Polynomial { num, den }
    }
}

impl std::ops::Sub<&Polynomial> for &Polynomial {
    type Output = Polynomial;
    /// `a - b = a + (-b)`.
    fn sub(self, rhs: &Polynomial) -> Polynomial {
        self + &(-rhs)
    }
}

impl std::ops::Mul<&Polynomial> for &Polynomial {
    type Output = Polynomial;
    /// `(A/da)(B/db) = AB/(da db)`, then canonicalised.
    fn mul(self, rhs: &Polynomial) -> Polynomial {
        let num = zvec::mul(&self.num, &rhs.num);
        Polynomial::from_parts_unchecked(num, &self.den * &rhs.den)
    }
}

impl std::ops::Neg for &Polynomial {
    type Output = Polynomial;
    fn neg(self) -> Polynomial {
        let mut num = self.num.clone();
        zvec::negate(&mut num);
        Polynomial {
            num,
            den: self.den.clone(),
        }
    }
}

forward_binop!(Polynomial, Add, add);
forward_binop!(Polynomial, Sub, sub);
forward_binop!(Polynomial, Mul, mul);
forward_neg!(Polynomial);

impl From<Rational> for Polynomial {
    fn from(c: Rational) -> Self {
        Polynomial::constant(c)
    }
}

impl From<i64> for Polynomial {
    fn from(c: i64) -> Self {
        Polynomial::constant(Rational::from(c))
    }
}

impl fmt::Display for Polynomial {
    /// Ascending powers: `1 - x + x^2`, `3/4*x^2`, `0` for zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cs = self.coefficients();
        let s = terms_text(cs.iter().enumerate());
        if s.is_empty() {
            f.write_str("0")
        } else {
            f.write_str(&s)
        }
    }
}

impl fmt::Debug for Polynomial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Polynomial({self})")
    }
}
