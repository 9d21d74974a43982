//! `RationalFunction`: exact quotients of polynomials over Q, in a canonical form.

use std::fmt;

use malachite::base::num::arithmetic::traits::Pow;
use malachite::base::num::basic::traits::{One, Zero};
use malachite::{Integer, Natural, Rational};

use crate::error::{Error, Result};
use crate::limits;
use crate::ops_macros::{forward_binop, forward_neg};
use crate::poly::Polynomial;
use crate::series::Series;
use crate::zvec;

/// A rational function `p/q` over Q.
///
/// Canonical form (so that `==` is exact equality of functions):
/// `gcd(p, q) = 1`, and the lowest nonzero coefficient of `q` is 1. When `q(0) != 0` this
/// means `q(0) = 1`, which is the form Taylor expansion wants: `1/(1 - x + x^2)`.
/// The zero function is `0/1`.
///
/// # Examples
/// ```
/// use anyon_series::{Polynomial, RationalFunction};
/// let x = Polynomial::x();
/// let one = Polynomial::one();
/// // (1 + x)/(1 + x^3) reduces to 1/(1 - x + x^2)
/// let z6 = RationalFunction::new(&one + &x, &one + &x.pow(3)?)?;
/// assert_eq!(z6.to_string(), "1/(1 - x + x^2)");
/// # Ok::<(), anyon_series::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RationalFunction {
    num: Polynomial,
    den: Polynomial,
}

impl Default for RationalFunction {
    fn default() -> Self {
        Self::from(Polynomial::zero())
    }
}

impl RationalFunction {
    /// `num / den`, reduced to canonical form.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] if `den` is the zero polynomial.
    pub fn new(num: Polynomial, den: Polynomial) -> Result<Self> {
        if den.is_zero() {
            return Err(Error::DivisionByZero);
        }
        Ok(Self::reduce(num, den))
    }

    /// `num / den` for parts the caller knows to be coprime (for instance products of
    /// distinct cyclotomic polynomials): skips the gcd and only normalises the
    /// denominator. Debug builds check coprimality.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] if `den` is the zero polynomial.
    pub fn from_coprime(num: Polynomial, den: Polynomial) -> Result<Self> {
        if den.is_zero() {
            return Err(Error::DivisionByZero);
        }
        debug_assert!(num.is_zero() || num.gcd(&den).is_constant());
        if num.is_zero() {
            return Ok(Self::from(Polynomial::zero()));
        }
        let v = den.valuation().unwrap_or(0);
        let low = den.coefficient(v);
        if low == Rational::ONE {
            return Ok(RationalFunction { num, den });
        }
        let inv = Rational::ONE / low;
        Ok(RationalFunction {
            num: num.scale(&inv),
            den: den.scale(&inv),
        })
    }

    fn reduce(num: Polynomial, den: Polynomial) -> Self {
        if num.is_zero() {
            return Self::from(Polynomial::zero());
        }
        let (num, den) = if den.is_constant() {
            (num, den)
        } else {
            let g = num.gcd(&den);
            if g.is_one() {
                (num, den)
            } else {
                // Exact divisions: g divides both.
                let n = num.div_rem(&g).map(|(q, _)| q).unwrap_or(num);
                let d = den.div_rem(&g).map(|(q, _)| q).unwrap_or(den);
                (n, d)
            }
        };
        let v = den.valuation().unwrap_or(0);
        let low = den.coefficient(v);
        if low == Rational::ONE {
            RationalFunction { num, den }
        } else {
            let inv = Rational::ONE / low;
            RationalFunction {
                num: num.scale(&inv),
                den: den.scale(&inv),
            }
        }
    }

    /// The numerator `p`.
    pub fn numerator(&self) -> &Polynomial {
        &self.num
    }

    /// The denominator `q` (its lowest nonzero coefficient is 1).
    pub fn denominator(&self) -> &Polynomial {
        &self.den
    }

    /// Whether the denominator is 1.
    pub fn is_polynomial(&self) -> bool {
        self.den.is_one()
    }

    /// Whether this is the zero function.
    pub fn is_zero(&self) -> bool {
        self.num.is_zero()
    }

    /// Whether the invariant holds: both parts canonical, coprime, denominator normalised.
    pub fn is_valid(&self) -> bool {
        let parts = self.num.is_valid() && self.den.is_valid() && !self.den.is_zero();
        let v = self.den.valuation().unwrap_or(0);
        let normalised = self.den.coefficient(v) == Rational::ONE;
        let coprime = self.num.is_zero() || self.num.gcd(&self.den).is_one();
        let zero_ok = !self.num.is_zero() || self.den.is_one();
        parts && normalised && coprime && zero_ok
    }

    /// The reciprocal `q/p`.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] for the zero function.
    pub fn recip(&self) -> Result<Self> {
        Self::new(self.den.clone(), self.num.clone())
    }

    /// `self^k` for any integer `k`.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] for a negative power of zero; [`Error::DegreeTooLarge`]
    /// past the degree limit.
    pub fn pow(&self, k: i64) -> Result<Self> {
        let base = if k < 0 { self.recip()? } else { self.clone() };
        let e = k.unsigned_abs();
        // Coprime parts stay coprime under powers, and the lowest coefficient of q^e is 1.
        Ok(RationalFunction {
            num: base.num.pow(e)?,
            den: base.den.pow(e)?,
        })
    }

    /// The derivative `(p' q - p q') / q^2`.
    pub fn derivative(&self) -> Self {
        let num = &(&self.num.derivative() * &self.den) - &(&self.num * &self.den.derivative());
        Self::reduce(num, &self.den * &self.den)
    }

    /// The value at a rational point.
    ///
    /// # Errors
    /// [`Error::Pole`] where the denominator vanishes.
    pub fn eval(&self, at: &Rational) -> Result<Rational> {
        let d = self.den.eval(at);
        if d == Rational::ZERO {
            return Err(Error::Pole { at: at.clone() });
        }
        Ok(self.num.eval(at) / d)
    }

    /// The composition `self(inner)`.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] if the denominator vanishes identically after
    /// substitution; limits and cancellation as for [`Polynomial::compose`].
    pub fn compose(&self, inner: &RationalFunction) -> Result<Self> {
        // p(a/b) / q(a/b) = (sum p_i a^i b^(n-i)) / (sum q_i a^i b^(m-i)) * b^(m-n).
        let homog = |p: &Polynomial, n: usize| -> Result<Polynomial> {
            let mut acc = Polynomial::zero();
            for i in 0..=n {
                limits::check_cancel()?;
                let c = p.coefficient(i);
                if c == Rational::ZERO {
                    continue;
                }
                let term = &inner.num.pow(i as u64)? * &inner.den.pow((n - i) as u64)?;
                acc = &acc + &term.scale(&c);
            }
            Ok(acc)
        };
        let n = self.num.degree().unwrap_or(0);
        let m = self.den.degree().unwrap_or(0);
        let mut top = homog(&self.num, n)?;
        let mut bottom = homog(&self.den, m)?;
        if m > n {
            top = &top * &inner.den.pow((m - n) as u64)?;
        } else if n > m {
            bottom = &bottom * &inner.den.pow((n - m) as u64)?;
        }
        Self::new(top, bottom)
    }

    /// The Taylor series at x = 0 to `O(x^order)`.
    ///
    /// With `q(0) = 1` the coefficients obey the linear recurrence
    /// `s_k = p_k - sum_{j>=1} q_j s_(k-j)`, run in machine integers while they fit and in
    /// big integers after: O(order * deg q) operations.
    ///
    /// # Errors
    /// [`Error::PoleAtZero`] if `q(0) = 0`; [`Error::OrderTooLarge`] past the order limit;
    /// [`Error::Cancelled`] on cancellation.
    ///
    /// # Examples
    /// ```
    /// use anyon_series::{Polynomial, RationalFunction};
    /// let x = Polynomial::x();
    /// let z6 = RationalFunction::new(Polynomial::one(), &(&Polynomial::one() - &x) + &x.pow(2)?)?;
    /// assert_eq!(z6.taylor(8)?.to_string(), "1 + x - x^3 - x^4 + x^6 + x^7 + O(x^8)");
    /// # Ok::<(), anyon_series::Error>(())
    /// ```
    pub fn taylor(&self, order: usize) -> Result<Series> {
        limits::check_order(order as u128)?;
        if self.den.valuation() != Some(0) {
            return Err(Error::PoleAtZero);
        }
        let (n_num, n_den) = self.num.parts();
        let (d_num, d_den) = self.den.parts();
        if *d_den == Natural::ONE {
            let s = recurrence_unit(n_num, d_num, order)?;
            Ok(Series::from_parts_unchecked(s, n_den.clone(), order))
        } else {
            // q = D/dd with D_0 = dd: S_k = N_k dd^k - sum_j D_j dd^(j-1) S_(k-j),
            // s_k = S_k / (dn dd^k).
            let dd = Integer::from(d_den);
            let deg = d_num.len() - 1;
            let mut dd_pows = vec![Integer::ONE];
            for j in 1..=deg.max(1) {
                let next = &dd_pows[j - 1] * &dd;
                dd_pows.push(next);
            }
            let mut s: Vec<Integer> = Vec::with_capacity(order);
            let mut dd_k = Integer::ONE;
            for k in 0..order {
                if k % 256 == 0 {
                    limits::check_cancel()?;
                }
                let mut acc = zvec::get(n_num, k) * &dd_k;
                for j in 1..=deg.min(k) {
                    if d_num[j] != Integer::ZERO {
                        acc -= &d_num[j] * &dd_pows[j - 1] * &s[k - j];
                    }
                }
                s.push(acc);
                dd_k *= &dd;
            }
            // Common denominator dn * dd^(order-1): numerators S_k dd^(order-1-k).
            let mut scale = Integer::ONE;
            for k in (0..order).rev() {
                s[k] *= &scale;
                scale *= &dd;
            }
            let den_total = n_den * d_den.pow(order.saturating_sub(1) as u64);
            Ok(Series::from_parts_unchecked(s, den_total, order))
        }
    }

    /// The LaTeX form: `\frac{p}{q}`, or just `p` when `q = 1`.
    pub fn to_latex(&self) -> String {
        if self.den.is_one() {
            self.num.to_latex()
        } else {
            format!(
                "\\frac{{{}}}{{{}}}",
                self.num.to_latex(),
                self.den.to_latex()
            )
        }
    }
}

/// Taylor coefficients of `N / D` with `D_0 = 1`, integers throughout.
fn recurrence_unit(num: &[Integer], den: &[Integer], order: usize) -> Result<Vec<Integer>> {
    let deg = den.len() - 1;
    let mut out: Vec<Integer> = Vec::with_capacity(order);
    // Machine-integer phase while every value fits comfortably.
    let small_den: Option<Vec<i64>> = den.iter().map(|c| i64::try_from(c).ok()).collect();
    let small_num: Option<Vec<i64>> = num.iter().map(|c| i64::try_from(c).ok()).collect();
    let mut k = 0;
    if let (Some(dn), Some(nn)) = (small_den, small_num) {
        let nonzero: Vec<(usize, i128)> = dn
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, c)| **c != 0)
            .map(|(j, c)| (j, *c as i128))
            .collect();
        let mut small: Vec<i64> = Vec::with_capacity(order);
        'fast: while k < order {
            if k % 4096 == 0 {
                limits::check_cancel()?;
            }
            let mut acc: i128 = nn.get(k).copied().unwrap_or(0) as i128;
            for &(j, c) in &nonzero {
                if j > k {
                    break;
                }
                match c
                    .checked_mul(small[k - j] as i128)
                    .and_then(|t| acc.checked_sub(t))
                {
                    Some(v) => acc = v,
                    None => break 'fast,
                }
            }
            match i64::try_from(acc) {
                Ok(v) => small.push(v),
                Err(_) => break 'fast,
            }
            k += 1;
        }
        out.extend(small.into_iter().map(Integer::from));
    }
    let nonzero: Vec<(usize, &Integer)> = den
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, c)| **c != Integer::ZERO)
        .collect();
    let _ = deg;
    while k < order {
        if k % 1024 == 0 {
            limits::check_cancel()?;
        }
        let mut acc = zvec::get(num, k).clone();
        for &(j, c) in &nonzero {
            if j > k {
                break;
            }
            acc -= c * &out[k - j];
        }
        out.push(acc);
        k += 1;
    }
    Ok(out)
}

impl From<Polynomial> for RationalFunction {
    fn from(p: Polynomial) -> Self {
        RationalFunction {
            num: p,
            den: Polynomial::one(),
        }
    }
}

impl From<Rational> for RationalFunction {
    fn from(c: Rational) -> Self {
        Self::from(Polynomial::constant(c))
    }
}

impl std::ops::Add<&RationalFunction> for &RationalFunction {
    type Output = RationalFunction;
    /// `a/b + c/d = (ad + cb)/(bd)`, reduced (with `b = d` kept as is).
    fn add(self, rhs: &RationalFunction) -> RationalFunction {
        if self.den == rhs.den {
            return RationalFunction::reduce(&self.num + &rhs.num, self.den.clone());
        }
        let num = &(&self.num * &rhs.den) + &(&rhs.num * &self.den);
        RationalFunction::reduce(num, &self.den * &rhs.den)
    }
}

impl std::ops::Sub<&RationalFunction> for &RationalFunction {
    type Output = RationalFunction;
    fn sub(self, rhs: &RationalFunction) -> RationalFunction {
        self + &(-rhs)
    }
}

impl std::ops::Mul<&RationalFunction> for &RationalFunction {
    type Output = RationalFunction;
    /// `(a/b)(c/d) = ac/(bd)`, reduced.
    fn mul(self, rhs: &RationalFunction) -> RationalFunction {
        RationalFunction::reduce(&self.num * &rhs.num, &self.den * &rhs.den)
    }
}

impl std::ops::Neg for &RationalFunction {
    type Output = RationalFunction;
    fn neg(self) -> RationalFunction {
        RationalFunction {
            num: -&self.num,
            den: self.den.clone(),
        }
    }
}

forward_binop!(RationalFunction, Add, add);
forward_binop!(RationalFunction, Sub, sub);
forward_binop!(RationalFunction, Mul, mul);
forward_neg!(RationalFunction);

impl RationalFunction {
    /// `self / rhs`.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] if `rhs` is zero.
    pub fn checked_div(&self, rhs: &RationalFunction) -> Result<RationalFunction> {
        if rhs.is_zero() {
            return Err(Error::DivisionByZero);
        }
        Ok(RationalFunction::reduce(
            &self.num * &rhs.den,
            &self.den * &rhs.num,
        ))
    }
}

impl fmt::Display for RationalFunction {
    /// `1/(1 - x + x^2)`, `(x - 2x^2)/(1 - x + x^2)`, or the numerator alone when `q = 1`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.den.is_one() {
            return write!(f, "{}", self.num);
        }
        let top = if self.num.term_count() > 1 {
            format!("({})", self.num)
        } else {
            self.num.to_string()
        };
        let bottom = if self.den.term_count() > 1 {
            format!("({})", self.den)
        } else {
            self.den.to_string()
        };
        write!(f, "{top}/{bottom}")
    }
}

impl fmt::Debug for RationalFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RationalFunction({self})")
    }
}
