//! `Series`: truncated power series over Q that carry their own order `O(x^N)`.

use std::fmt;

use malachite::base::num::arithmetic::traits::{CheckedRoot, Pow, UnsignedAbs};
use malachite::base::num::basic::traits::{One, Zero};
use malachite::{Integer, Natural, Rational};

use crate::error::{Error, Result};
use crate::fmt::{big_o_latex, big_o_text, terms_latex, terms_text};
use crate::limits;
use crate::newton;
use crate::ops_macros::{forward_binop, forward_neg};
use crate::poly::{Polynomial, common_denominator, split};
use crate::zvec;

/// A power series known to `O(x^order)`: the coefficients of `x^0 .. x^(order-1)` are
/// exact rationals, nothing beyond is known.
///
/// Every operation propagates the order: a result is known only as far as its inputs
/// determine it (`(1 + O(x^5)) * x^2` is known to `O(x^7)`; a derivative loses one term).
/// There is no global precision.
///
/// Canonical form: integer numerators (no trailing zeros, at most `order` of them) over a
/// positive common denominator that shares no factor with their content.
///
/// # Examples
/// ```
/// use anyon_series::{Polynomial, Series};
/// // 1/(1 - x) to O(x^6), then its exponential's log is itself again
/// let one_minus_x = Series::from_polynomial(&(&Polynomial::one() - &Polynomial::x()), 6)?;
/// let g = one_minus_x.inverse()?;
/// assert_eq!(g.to_string(), "1 + x + x^2 + x^3 + x^4 + x^5 + O(x^6)");
/// let f = &g - &Series::one(6)?;
/// assert_eq!(f.exp()?.log()?, f);
/// # Ok::<(), anyon_series::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Series {
    num: Vec<Integer>,
    den: Natural,
    order: usize,
}

impl Series {
    /// The zero series `O(x^order)`.
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit (as for every constructor).
    pub fn zero(order: usize) -> Result<Self> {
        limits::check_order(order as u128)?;
        Ok(Self::from_parts_unchecked(Vec::new(), Natural::ONE, order))
    }

    /// `1 + O(x^order)`.
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit.
    pub fn one(order: usize) -> Result<Self> {
        limits::check_order(order as u128)?;
        Ok(Self::from_parts_unchecked(
            vec![Integer::ONE],
            Natural::ONE,
            order,
        ))
    }

    /// `x + O(x^order)`.
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit.
    pub fn x(order: usize) -> Result<Self> {
        limits::check_order(order as u128)?;
        Ok(Self::from_parts_unchecked(
            vec![Integer::ZERO, Integer::ONE],
            Natural::ONE,
            order,
        ))
    }

    /// A polynomial truncated to `O(x^order)`.
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit.
    pub fn from_polynomial(p: &Polynomial, order: usize) -> Result<Self> {
        limits::check_order(order as u128)?;
        let (num, den) = p.parts();
        let mut num = num[..num.len().min(order)].to_vec();
        let mut den = den.clone();
        zvec::canonicalise(&mut num, &mut den);
        Ok(Series { num, den, order })
    }

    /// A series from its first coefficients (ascending) and its order; coefficients at
    /// or beyond `order` are dropped.
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit.
    pub fn from_coefficients(coefficients: &[Rational], order: usize) -> Result<Self> {
        limits::check_order(order as u128)?;
        let cs = &coefficients[..coefficients.len().min(order)];
        let (num, den) = common_denominator(cs);
        Ok(Self::from_parts_unchecked(num, den, order))
    }

    /// A series with integer coefficients.
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit.
    pub fn from_integers(coefficients: Vec<Integer>, order: usize) -> Result<Self> {
        limits::check_order(order as u128)?;
        Ok(Self::from_parts_unchecked(
            coefficients,
            Natural::ONE,
            order,
        ))
    }

    /// `num / den + O(x^order)` from integer numerators and a positive denominator.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] if `den` is zero; [`Error::OrderTooLarge`].
    pub fn from_parts(num: Vec<Integer>, den: Natural, order: usize) -> Result<Self> {
        limits::check_order(order as u128)?;
        if den == Natural::ZERO {
            return Err(Error::DivisionByZero);
        }
        Ok(Self::from_parts_unchecked(num, den, order))
    }

    /// Canonicalises a trusted triple (`den > 0`).
    pub(crate) fn from_parts_unchecked(
        mut num: Vec<Integer>,
        mut den: Natural,
        order: usize,
    ) -> Self {
        num.truncate(order);
        zvec::canonicalise(&mut num, &mut den);
        Series { num, den, order }
    }

    /// The truncation order `N` of `O(x^N)`.
    pub fn order(&self) -> usize {
        self.order
    }

    /// The integer numerators (no trailing zeros).
    pub fn numerators(&self) -> &[Integer] {
        &self.num
    }

    /// The positive common denominator.
    pub fn denominator(&self) -> &Natural {
        &self.den
    }

    /// The coefficient of `x^k`, reduced.
    ///
    /// # Errors
    /// [`Error::BeyondOrder`] if `k >= order`: the coefficient is not known.
    pub fn coefficient(&self, k: usize) -> Result<Rational> {
        if k >= self.order {
            return Err(Error::BeyondOrder {
                index: k,
                order: self.order,
            });
        }
        Ok(Rational::from_integers_ref(
            zvec::get(&self.num, k),
            &Integer::from(&self.den),
        ))
    }

    /// All known coefficients `c_0 .. c_(order-1)`, reduced.
    pub fn coefficients(&self) -> Vec<Rational> {
        let den = Integer::from(&self.den);
        (0..self.order)
            .map(|k| Rational::from_integers_ref(zvec::get(&self.num, k), &den))
            .collect()
    }

    /// The index of the first nonzero coefficient; `None` if the series is `O(x^order)`.
    pub fn valuation(&self) -> Option<usize> {
        self.num.iter().position(|c| *c != Integer::ZERO)
    }

    /// The valuation, or the order when every known coefficient is zero (a lower bound
    /// on the true valuation).
    fn valuation_bound(&self) -> usize {
        self.valuation().unwrap_or(self.order)
    }

    /// Whether every known coefficient is zero.
    pub fn is_zero(&self) -> bool {
        self.num.is_empty()
    }

    /// Whether the invariant holds: at most `order` trimmed numerators, positive
    /// canonical denominator.
    pub fn is_valid(&self) -> bool {
        let trimmed = self.num.last().is_none_or(|c| *c != Integer::ZERO);
        let within = self.num.len() <= self.order;
        let canonical = if self.num.is_empty() {
            self.den == Natural::ONE
        } else {
            self.den != Natural::ZERO && zvec::gcd_with(self.den.clone(), &self.num) == Natural::ONE
        };
        trimmed && within && canonical
    }

    /// The same series known only to `O(x^order)` (no-op if already lower).
    pub fn truncate(&self, order: usize) -> Self {
        if order >= self.order {
            return self.clone();
        }
        Self::from_parts_unchecked(self.num.clone(), self.den.clone(), order)
    }

    /// The known part as a polynomial (the `O(x^N)` dropped).
    pub fn to_polynomial(&self) -> Polynomial {
        Polynomial::from_parts_unchecked(self.num.clone(), self.den.clone())
    }

    /// Whether two series agree to the smaller of their orders.
    pub fn agrees_with(&self, other: &Series) -> bool {
        let n = self.order.min(other.order);
        self.truncate(n) == other.truncate(n)
    }

    /// `c * self`.
    pub fn scale(&self, c: &Rational) -> Self {
        if *c == Rational::ZERO {
            return Self::from_parts_unchecked(Vec::new(), Natural::ONE, self.order);
        }
        let (n, d, negative) = split(c);
        let mut num = self.num.clone();
        let m = if negative {
            -Integer::from(n)
        } else {
            Integer::from(n)
        };
        zvec::scale(&mut num, &m);
        Self::from_parts_unchecked(num, &self.den * d, self.order)
    }

    /// `self * x^k` (the order grows by `k`).
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit.
    pub fn shift(&self, k: usize) -> Result<Self> {
        let order = limits::check_order(self.order as u128 + k as u128)?;
        let mut num = vec![Integer::ZERO; if self.num.is_empty() { 0 } else { k }];
        num.extend(self.num.iter().cloned());
        Ok(Series {
            num,
            den: self.den.clone(),
            order,
        })
    }

    /// `self / x^k`, which needs the first `k` coefficients to be zero.
    ///
    /// # Errors
    /// [`Error::NegativePowers`] if a coefficient below `x^k` is nonzero.
    pub fn unshift(&self, k: usize) -> Result<Self> {
        let v = self.valuation_bound();
        if v < k {
            return Err(Error::NegativePowers {
                numerator_valuation: v,
                denominator_valuation: k,
            });
        }
        let num = if self.num.len() > k {
            self.num[k..].to_vec()
        } else {
            Vec::new()
        };
        Ok(Series {
            num,
            den: self.den.clone(),
            order: self.order - k,
        })
    }

    /// The multiplicative inverse `1/self`.
    ///
    /// Newton iteration `g <- g - g (f g - 1)`, doubling the precision each step; each
    /// new half is canonicalised on its own denominator so sizes stay honest.
    ///
    /// # Errors
    /// [`Error::InverseZeroConstant`] if the constant term is zero.
    pub fn inverse(&self) -> Result<Self> {
        if self.num.first().is_none_or(|c| *c == Integer::ZERO) {
            return Err(Error::InverseZeroConstant {
                valuation: self.valuation(),
            });
        }
        let n = self.order;
        let (mut g, gden) = newton::inverse(&self.num, n)?;
        // 1/(F/d) = d * (1/F)
        zvec::scale(&mut g, &Integer::from(&self.den));
        Ok(Self::from_parts_unchecked(g, gden, n))
    }

    /// The quotient `self / divisor`; the divisor may start at `x^v` if `self` does too.
    ///
    /// # Errors
    /// [`Error::InverseZeroConstant`] if the divisor is zero to its order;
    /// [`Error::NegativePowers`] if the quotient would have negative powers of x.
    pub fn checked_div(&self, divisor: &Series) -> Result<Self> {
        let Some(v) = divisor.valuation() else {
            return Err(Error::InverseZeroConstant { valuation: None });
        };
        let a = self.unshift(v)?;
        let b = divisor.unshift(v)?;
        Ok(&a * &b.inverse()?)
    }

    /// `exp(self)` for a series with zero constant term.
    ///
    /// Newton iteration on `f` and `1/f` together (as in FLINT), each half-step
    /// canonicalised on its own denominator; below a small size the recurrence
    /// `k f_k = sum j h_j f_(k-j)` in integers.
    ///
    /// # Errors
    /// [`Error::ExpConstantTerm`] if the constant term is not zero.
    ///
    /// # Examples
    /// ```
    /// use anyon_series::{Rational, Series};
    /// // exp(e^x - 1) = sum B_k x^k / k!  (Bell numbers)
    /// let mut c = vec![Rational::from(0)];
    /// let mut fact = Rational::from(1);
    /// for k in 1..11 { fact *= Rational::from(k); c.push(Rational::from(1) / fact.clone()); }
    /// let b = Series::from_coefficients(&c, 11)?.exp()?;
    /// assert_eq!(b.coefficient(10)? * Rational::from(3628800), Rational::from(115975));
    /// # Ok::<(), anyon_series::Error>(())
    /// ```
    pub fn exp(&self) -> Result<Self> {
        if let Some(c) = self.num.first()
            && *c != Integer::ZERO
        {
            return Err(Error::ExpConstantTerm {
                constant: self.coefficient(0)?,
            });
        }
        let (num, den) = newton::exp(&self.num, &self.den, self.order)?;
        Ok(Self::from_parts_unchecked(num, den, self.order))
    }

    /// `log(self)` for a series with constant term 1: the integral of `f'/f`.
    ///
    /// # Errors
    /// [`Error::LogConstantTerm`] if the constant term is not 1.
    pub fn log(&self) -> Result<Self> {
        let c0 = if self.order == 0 {
            Rational::ONE
        } else {
            self.coefficient(0)?
        };
        if c0 != Rational::ONE {
            return Err(Error::LogConstantTerm { constant: c0 });
        }
        let (num, den) = newton::log(&self.num, self.order)?;
        Ok(Self::from_parts_unchecked(num, den, self.order))
    }

    /// `self^k` for an integer `k` (negative powers through the inverse).
    ///
    /// # Errors
    /// As for [`Series::inverse`] when `k < 0`; [`Error::OrderTooLarge`] when the
    /// valuation times `k` passes the order limit.
    pub fn pow_int(&self, k: i64) -> Result<Self> {
        if k < 0 {
            return self.inverse()?.pow_int(-k);
        }
        let k = k as u64;
        if k == 0 {
            return Self::one(self.order);
        }
        if k == 1 {
            return Ok(self.clone());
        }
        let v = self.valuation_bound();
        let shift = v as u128 * k as u128;
        let order = limits::check_order(self.order as u128 - v as u128 + shift)?;
        if self.is_zero() {
            return Self::zero(order);
        }
        let u = self.unshift(v)?;
        let n = u.order;
        // Binary powering in integers: (U/d)^k = U^k / d^k.
        let mut result = vec![Integer::ONE];
        let mut base = u.num.clone();
        let mut e = k;
        while e > 0 {
            limits::check_cancel()?;
            if e & 1 == 1 {
                result = zvec::mullow(&result, &base, n);
            }
            e >>= 1;
            if e > 0 {
                base = zvec::mullow(&base, &base, n);
            }
        }
        let den = u.den.pow(k);
        let powered = Self::from_parts_unchecked(result, den, n);
        powered.shift(shift as usize)
    }

    /// `self^e` for a rational exponent `e = p/q`.
    ///
    /// The series must be `c x^v (1 + ...)` with `v*e` an integer and `c^e` rational
    /// (for instance `c = 1`); then `self^e = c^e x^(v e) exp(e log(self / (c x^v)))`.
    ///
    /// # Errors
    /// [`Error::PowConstantTerm`] if `c^e` is not rational; [`Error::PowValuation`] if
    /// `v*e` is not a nonnegative integer.
    pub fn pow(&self, e: &Rational) -> Result<Self> {
        if *e.denominator_ref() == 1u32 {
            let k = i64::try_from(e).map_err(|_| Error::DegreeTooLarge {
                requested: u128::MAX,
                limit: limits::max_order(),
            })?;
            return self.pow_int(k);
        }
        let Some(v) = self.valuation() else {
            if *e > Rational::ZERO {
                // (O(x^N))^e is O(x^(N e)) at least: known to be zero up to ceil(N e).
                let n = Rational::from(self.order as u64) * e;
                let order = limits::check_order(ceil_rational(&n))?;
                return Self::zero(order);
            }
            return Err(Error::InverseZeroConstant { valuation: None });
        };
        let shift = Rational::from(v as u64) * e;
        if *shift.denominator_ref() != 1u32 || shift < Rational::ZERO {
            return Err(Error::PowValuation {
                valuation: v,
                exponent: e.clone(),
            });
        }
        let shift = usize::try_from(shift.numerator_ref()).map_err(|_| Error::DegreeTooLarge {
            requested: u128::MAX,
            limit: limits::max_order(),
        })?;
        let u = self.unshift(v)?;
        let c = u.coefficient(0)?;
        let root = rational_power(&c, e).ok_or_else(|| Error::PowConstantTerm {
            constant: c.clone(),
            exponent: e.clone(),
        })?;
        let unit = u.scale(&(Rational::ONE / &c));
        let powered = unit.log()?.scale(e).exp()?.scale(&root);
        powered.shift(shift)
    }

    /// The square root, `self^(1/2)`.
    ///
    /// # Errors
    /// As for [`Series::pow`].
    pub fn sqrt(&self) -> Result<Self> {
        self.pow(&Rational::from_signeds(1, 2))
    }

    /// The derivative (known to one term less).
    pub fn derivative(&self) -> Self {
        let num: Vec<Integer> = self
            .num
            .iter()
            .enumerate()
            .skip(1)
            .map(|(k, c)| c * Integer::from(k as u64))
            .collect();
        Self::from_parts_unchecked(num, self.den.clone(), self.order.saturating_sub(1))
    }

    /// The integral with zero constant term (known to one term more).
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit.
    pub fn integral(&self) -> Result<Self> {
        let order = limits::check_order(self.order as u128 + 1)?;
        let mut num = self.num.clone();
        let mut den = self.den.clone();
        zvec::integral_offset(&mut num, &mut den, 1);
        if !num.is_empty() {
            num.insert(0, Integer::ZERO);
        }
        Ok(Self::from_parts_unchecked(num, den, order))
    }

    /// The composition `self(inner)` for `inner(0) = 0`.
    ///
    /// Horner's rule in integers over the common denominator `d_f d_g^(n-1)`. The result
    /// is known to `min(N_f v_g, N_g + (i - 1) v_g)`, where `v_g` is the valuation of
    /// `inner` and `i` that of `self - self(0)`.
    ///
    /// # Errors
    /// [`Error::ComposeConstantTerm`] if `inner(0) != 0`.
    pub fn compose(&self, inner: &Series) -> Result<Self> {
        if let Some(c) = inner.num.first()
            && *c != Integer::ZERO
        {
            return Err(Error::ComposeConstantTerm {
                constant: inner.coefficient(0)?,
            });
        }
        let vg = inner.valuation_bound().max(1);
        let i = self
            .num
            .iter()
            .skip(1)
            .position(|c| *c != Integer::ZERO)
            .map(|p| p + 1);
        let bound_f = self.order as u128 * vg as u128;
        let bound_g = match i {
            Some(i) => inner.order as u128 + (i as u128 - 1) * vg as u128,
            None => u128::MAX,
        };
        let order = limits::check_order(bound_f.min(bound_g))?;
        // Terms of self that can reach below the order.
        let terms = self.num.len().min(order.div_ceil(vg).max(1));
        if terms == 0 {
            return Self::zero(order);
        }
        let g = &inner.num;
        let dg = Integer::from(&inner.den);
        let mut acc: Vec<Integer> = vec![self.num[terms - 1].clone()];
        let mut dg_pow = Integer::ONE;
        for k in (0..terms - 1).rev() {
            limits::check_cancel()?;
            acc = zvec::mullow(&acc, g, order);
            dg_pow *= &dg;
            let add = &self.num[k] * &dg_pow;
            if acc.is_empty() {
                acc.push(add);
            } else {
                acc[0] += add;
            }
        }
        let den = &self.den * dg_pow.unsigned_abs();
        Ok(Self::from_parts_unchecked(acc, den, order))
    }

    /// The compositional inverse `h` with `self(h(x)) = x`, for `self = c x + ...`, `c != 0`.
    ///
    /// Lagrange inversion: `[x^n] h = (1/n) [x^(n-1)] (x/self)^n`.
    ///
    /// # Errors
    /// [`Error::ReversionShape`] unless the constant term is 0 and the `x` term nonzero.
    pub fn reversion(&self) -> Result<Self> {
        if self.valuation() != Some(1) {
            return Err(Error::ReversionShape);
        }
        let n = self.order;
        // phi = x / self = 1 / (self / x), known to n - 1.
        let phi = self.unshift(1)?.inverse()?;
        let (pn, pd) = (&phi.num, &phi.den);
        let mut coefficients = vec![Rational::ZERO; n.max(1)];
        let mut power = vec![Integer::ONE];
        let mut den_pow = Natural::ONE;
        for (k, slot) in coefficients.iter_mut().enumerate().take(n).skip(1) {
            limits::check_cancel()?;
            power = zvec::mullow(&power, pn, n - 1);
            den_pow *= pd;
            // [x^(k-1)] phi^k / k
            let c = zvec::get(&power, k - 1);
            *slot = Rational::from_integers(
                c.clone(),
                Integer::from(&den_pow) * Integer::from(k as u64),
            );
        }
        Self::from_coefficients(&coefficients, n)
    }

    /// The Adams operator `f(x) -> f(x^k)` (known to `O(x^(k N))`).
    ///
    /// # Errors
    /// [`Error::OrderTooLarge`] past the order limit; `k = 0` gives the constant `f(1)`
    /// only for polynomials, so it is refused as [`Error::ReversionShape`]-free
    /// [`Error::DegreeTooLarge`].
    pub fn adams(&self, k: usize) -> Result<Self> {
        if k == 0 {
            return Err(Error::DegreeTooLarge {
                requested: 0,
                limit: limits::max_order(),
            });
        }
        let order = limits::check_order(self.order as u128 * k as u128)?;
        let mut num = Vec::new();
        if !self.num.is_empty() {
            num = vec![Integer::ZERO; (self.num.len() - 1) * k + 1];
            for (i, c) in self.num.iter().enumerate() {
                num[i * k] = c.clone();
            }
        }
        Ok(Series {
            num,
            den: self.den.clone(),
            order,
        })
    }

    /// The multisection: the terms `c_i x^i` with `i = r (mod k)`, the others zeroed.
    ///
    /// # Errors
    /// [`Error::DivisionByZero`] if `k = 0`.
    pub fn multisection(&self, k: usize, r: usize) -> Result<Self> {
        if k == 0 {
            return Err(Error::DivisionByZero);
        }
        let r = r % k;
        let num: Vec<Integer> = self
            .num
            .iter()
            .enumerate()
            .map(|(i, c)| if i % k == r { c.clone() } else { Integer::ZERO })
            .collect();
        Ok(Self::from_parts_unchecked(
            num,
            self.den.clone(),
            self.order,
        ))
    }

    /// The LaTeX form, `1 + x - x^{3} + O(x^{8})`.
    pub fn to_latex(&self) -> String {
        let cs = self.coefficients();
        let body = terms_latex(cs.iter().enumerate());
        if body.is_empty() {
            big_o_latex(self.order)
        } else {
            format!("{body} + {}", big_o_latex(self.order))
        }
    }
}

/// `ceil(r)` for a nonnegative rational, as u128 (saturating).
fn ceil_rational(r: &Rational) -> u128 {
    let n = r.numerator_ref();
    let d = r.denominator_ref();
    let q: Natural = (n + d - Natural::ONE) / d;
    u128::try_from(&q).unwrap_or(u128::MAX)
}

/// `c^e` when it is rational.
fn rational_power(c: &Rational, e: &Rational) -> Option<Rational> {
    let q = u64::try_from(e.denominator_ref()).ok()?;
    let p = i64::try_from(e.numerator_ref()).ok()?;
    let p = if *e < Rational::ZERO { -p } else { p };
    let root = if *c < Rational::ZERO {
        if q % 2 == 0 {
            return None;
        }
        -(-c).checked_root(q)?
    } else {
        c.checked_root(q)?
    };
    Some(if p >= 0 {
        root.pow(p as u64)
    } else {
        Rational::ONE / root.pow((-p) as u64)
    })
}

impl std::ops::Add<&Series> for &Series {
    type Output = Series;
    /// Known to the smaller order.
    fn add(self, rhs: &Series) -> Series {
        let order = self.order.min(rhs.order);
        let a = &self.num[..self.num.len().min(order)];
        let b = &rhs.num[..rhs.num.len().min(order)];
        let (num, den) = zvec::add_frac(a, &self.den, b, &rhs.den);
        Series { num, den, order }
    }
}

impl std::ops::Sub<&Series> for &Series {
    type Output = Series;
    fn sub(self, rhs: &Series) -> Series {
        self + &(-rhs)
    }
}

impl std::ops::Mul<&Series> for &Series {
    type Output = Series;
    /// `(a + O(x^Na))(b + O(x^Nb))` is known to `min(Na + v_b, Nb + v_a)`.
    fn mul(self, rhs: &Series) -> Series {
        let va = self.valuation_bound();
        let vb = rhs.valuation_bound();
        let order = (self.order + vb).min(rhs.order + va);
        let num = zvec::mullow(&self.num, &rhs.num, order);
        Series::from_parts_unchecked(num, &self.den * &rhs.den, order)
    }
}

impl std::ops::Neg for &Series {
    type Output = Series;
    fn neg(self) -> Series {
        let mut num = self.num.clone();
        zvec::negate(&mut num);
        Series {
            num,
            den: self.den.clone(),
            order: self.order,
        }
    }
}

forward_binop!(Series, Add, add);
forward_binop!(Series, Sub, sub);
forward_binop!(Series, Mul, mul);
forward_neg!(Series);

impl fmt::Display for Series {
    /// `1 + x - x^3 + O(x^8)`; the zero series prints as `O(x^N)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cs = self.coefficients();
        let body = terms_text(cs.iter().enumerate());
        if body.is_empty() {
            f.write_str(&big_o_text(self.order))
        } else {
            write!(f, "{body} + {}", big_o_text(self.order))
        }
    }
}

impl fmt::Debug for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Series({self})")
    }
}
