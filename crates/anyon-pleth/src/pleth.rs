//! Plethystic exponential and logarithm on truncated series, the Euler transform, and
//! the exact recognition of `PE` of integer polynomials as rational functions.
//!
//! `PE[f] = exp(sum_k f(x^k)/k)` for `f(0) = 0`, and `PLog[g] = sum_k mu(k)/k log g(x^k)`
//! for `g(0) = 1`, its inverse. Both are truncation-aware: a series known to `O(x^N)`
//! gives a result known to `O(x^N)`.

use anyon_series::{Integer, Natural, Polynomial, Rational, RationalFunction, Series};
use anyon_series::{kernels, limits};

use crate::arith;
use crate::error::{Error, Result};

/// Below this many terms the divide-and-conquer Euler transform solves directly.
const LEAF: usize = 32;

/// `prod_d (1 - x^d)^(-a_d)` to `O(x^order)` for an order profile `(d, a_d)`.
///
/// Each factor costs O(order): dividing by `1 - x^d` is a running sum with stride `d`,
/// multiplying by it a running difference. The coefficients stay in machine integers
/// (i64, then i128) while they fit and move to big integers after. When the profile is
/// long (`sum |a_d|` large), the Euler transform below is used instead.
///
/// # Errors
/// [`Error::Zero`] for `d = 0`; order limits and cancellation from the core.
///
/// # Examples
/// ```
/// use anyon_pleth::pleth::euler_product;
/// // Z_6 = (1 - x^2)(1 - x^3) / ((1 - x)(1 - x^6))
/// let z6 = euler_product(&[(1, 1), (2, -1), (3, -1), (6, 1)], 8)?;
/// assert_eq!(z6.to_string(), "1 + x - x^3 - x^4 + x^6 + x^7 + O(x^8)");
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn euler_product(profile: &[(u64, i64)], order: usize) -> Result<Series> {
    limits::check_order(order as u128)?;
    if profile.iter().any(|&(d, _)| d == 0) {
        return Err(Error::Zero {
            what: "a factor (1 - x^d) with d",
        });
    }
    let relevant: Vec<(usize, i64)> = profile
        .iter()
        .filter(|&&(d, a)| a != 0 && (d as u128) < order as u128)
        .map(|&(d, a)| (d as usize, a))
        .collect();
    let work: u128 = relevant
        .iter()
        .map(|&(_, a)| a.unsigned_abs() as u128)
        .sum();
    if work > 64 * (usize::BITS - order.leading_zeros()).max(1) as u128 {
        // Long profiles: the Euler transform in O(M(N) log N).
        let mut f = vec![Integer::from(0); order];
        for &(d, a) in &relevant {
            f[d] += Integer::from(a);
        }
        let g = euler_transform(&f, order)?;
        return Ok(Series::from_integers(g, order)?);
    }
    // Multiplications first keep the intermediate coefficients small.
    let mut steps = relevant;
    steps.sort_by_key(|&(d, a)| (a > 0, d));
    if coefficient_bound(&steps, order) < (1u128 << 62) {
        let v = run_steps_unchecked(&steps, order)?;
        return Ok(Series::from_integers(
            v.into_iter().map(Integer::from).collect(),
            order,
        )?);
    }
    if let Some(v) = run_steps::<i64>(&steps, order)? {
        return Ok(Series::from_integers(
            v.into_iter().map(Integer::from).collect(),
            order,
        )?);
    }
    if let Some(v) = run_steps::<i128>(&steps, order)? {
        return Ok(Series::from_integers(
            v.into_iter().map(Integer::from).collect(),
            order,
        )?);
    }
    let v = run_steps::<Integer>(&steps, order)?.unwrap_or_default();
    Ok(Series::from_integers(v, order)?)
}

/// An upper bound on every coefficient during [`run_steps`]: multiplying by `1 - x^d`
/// at most doubles the largest absolute value; dividing by it (a strided running sum
/// over at most `order/d + 1` terms) multiplies it by at most `order/d + 1`.
fn coefficient_bound(steps: &[(usize, i64)], order: usize) -> u128 {
    let mut bound: u128 = 1;
    for &(d, a) in steps {
        let factor = if a > 0 { (order / d + 1) as u128 } else { 2 };
        for _ in 0..a.unsigned_abs() {
            bound = bound.saturating_mul(factor);
            if bound >= 1 << 62 {
                return u128::MAX;
            }
        }
    }
    bound
}

/// [`run_steps`] in plain i64 arithmetic, for steps whose [`coefficient_bound`] is below
/// 2^62 (so no operation can overflow).
fn run_steps_unchecked(steps: &[(usize, i64)], order: usize) -> Result<Vec<i64>> {
    let mut s = vec![0i64; order];
    if order == 0 {
        return Ok(s);
    }
    s[0] = 1;
    for &(d, a) in steps {
        for _ in 0..a.unsigned_abs() {
            limits::check_cancel()?;
            if a > 0 && d == 1 {
                // A plain running sum, carried in a register.
                let mut acc = 0i64;
                for v in s.iter_mut() {
                    acc += *v;
                    *v = acc;
                }
            } else if a > 0 {
                for k in d..order {
                    s[k] += s[k - d];
                }
            } else {
                for k in (d..order).rev() {
                    s[k] -= s[k - d];
                }
            }
        }
    }
    Ok(s)
}

/// Integer-like coefficients for the running sums: `None` on overflow.
trait Coeff: Clone {
    fn zero() -> Self;
    fn one() -> Self;
    fn add(&self, other: &Self) -> Option<Self>;
    fn sub(&self, other: &Self) -> Option<Self>;
}

macro_rules! machine_coeff {
    ($t:ty) => {
        impl Coeff for $t {
            fn zero() -> Self {
                0
            }
            fn one() -> Self {
                1
            }
            fn add(&self, other: &Self) -> Option<Self> {
                self.checked_add(*other)
            }
            fn sub(&self, other: &Self) -> Option<Self> {
                self.checked_sub(*other)
            }
        }
    };
}
machine_coeff!(i64);
machine_coeff!(i128);

impl Coeff for Integer {
    fn zero() -> Self {
        Integer::from(0)
    }
    fn one() -> Self {
        Integer::from(1)
    }
    fn add(&self, other: &Self) -> Option<Self> {
        Some(self + other)
    }
    fn sub(&self, other: &Self) -> Option<Self> {
        Some(self - other)
    }
}

/// Applies `(1 - x^d)^(-a)` for each step to `1 + O(x^order)`; `None` on overflow.
fn run_steps<T: Coeff>(steps: &[(usize, i64)], order: usize) -> Result<Option<Vec<T>>> {
    let mut s = vec![T::zero(); order];
    if order == 0 {
        return Ok(Some(s));
    }
    s[0] = T::one();
    for &(d, a) in steps {
        for _ in 0..a.unsigned_abs() {
            limits::check_cancel()?;
            if a > 0 {
                // divide by (1 - x^d): s_k += s_(k-d), ascending
                for k in d..order {
                    let Some(v) = s[k].add(&s[k - d]) else {
                        return Ok(None);
                    };
                    s[k] = v;
                }
            } else {
                // multiply by (1 - x^d): s_k -= s_(k-d), descending
                for k in (d..order).rev() {
                    let Some(v) = s[k].sub(&s[k - d]) else {
                        return Ok(None);
                    };
                    s[k] = v;
                }
            }
        }
    }
    Ok(Some(s))
}

/// The Euler transform of an integer sequence: `prod_d (1 - x^d)^(-f_d)` to `order`
/// terms (`f_0` is ignored).
///
/// With `c_k = sum_(d | k) d f_d`, the result `g` satisfies `n g_n = sum_(k=1..n) c_k g_(n-k)`.
/// The recurrence is solved by divide and conquer (an online convolution): the left
/// half of each block is finished first and its contribution to the right half is one
/// integer-polynomial product, so the total cost is O(M(N) log N) instead of O(N^2).
///
/// # Errors
/// Cancellation from the core.
pub fn euler_transform(f: &[Integer], order: usize) -> Result<Vec<Integer>> {
    solve_log_derivative(&divisor_weighted_sums(f, order)?, order)
}

/// `c_k = sum_(d | k) d f_d` for `k < order` (`c_0 = 0`), by a sieve over multiples.
fn divisor_weighted_sums(f: &[Integer], order: usize) -> Result<Vec<Integer>> {
    let mut c = vec![Integer::from(0); order];
    for (d, fd) in f.iter().enumerate().take(order).skip(1) {
        if *fd == 0u32 {
            continue;
        }
        limits::check_cancel()?;
        let w = fd * Integer::from(d as u64);
        let mut k = d;
        while k < order {
            c[k] += &w;
            k += d;
        }
    }
    Ok(c)
}

/// Solves `n g_n = sum_(k=1..n) c_k g_(n-k)`, `g_0 = 1`, for `n < order`, where every
/// `g_n` is known to be an integer.
fn solve_log_derivative(c: &[Integer], order: usize) -> Result<Vec<Integer>> {
    let mut g = vec![Integer::from(0); order];
    let mut acc = vec![Integer::from(0); order];
    if order == 0 {
        return Ok(g);
    }
    g[0] = Integer::from(1);
    cdq(c, &mut g, &mut acc, 0, order)?;
    Ok(g)
}

fn cdq(c: &[Integer], g: &mut [Integer], acc: &mut [Integer], l: usize, r: usize) -> Result<()> {
    if r - l <= LEAF {
        for i in l.max(1)..r {
            let mut s = std::mem::take(&mut acc[i]);
            for j in l..i {
                if g[j] != 0u32 && c[i - j] != 0u32 {
                    s += &c[i - j] * &g[j];
                }
            }
            g[i] = exact_div(s, i)?;
        }
        return Ok(());
    }
    limits::check_cancel()?;
    let mid = l + (r - l) / 2;
    cdq(c, g, acc, l, mid)?;
    // Contribution of g[l..mid) to acc[mid..r): (g[l..mid) * c[0..r-l)) at offsets >= mid - l.
    let prod = kernels::mullow(&g[l..mid], &c[..r - l], r - l);
    for (t, v) in prod.into_iter().enumerate().skip(mid - l) {
        acc[l + t] += v;
    }
    cdq(c, g, acc, mid, r)
}

fn exact_div(s: Integer, i: usize) -> Result<Integer> {
    use anyon_series::Integer as I;
    let d = I::from(i as u64);
    let q = &s / &d;
    if &q * &d != s {
        return Err(Error::NotIntegral {
            what: format!("the Euler transform at x^{i}"),
            value: "a non-integer".to_string(),
            tolerance: "0".to_string(),
        });
    }
    Ok(q)
}

/// The plethystic exponential `PE[f] = exp(sum_(k>=1) f(x^k)/k)`, known to the order of `f`.
///
/// Integer coefficients take the Euler transform (or, for a short profile, the Euler
/// product), all in integers; rational ones `exp` of the series
/// `sum_n (1/n) sum_(d | n) d f_d x^n`.
///
/// # Errors
/// [`Error::Domain`] if `f(0) != 0` (the sum over k would not converge).
///
/// # Examples
/// ```
/// use anyon_pleth::pleth::pe;
/// use anyon_series::{Polynomial, RationalFunction};
/// // PE[x/(1-x)]: the partition numbers
/// let x = Polynomial::x();
/// let f = RationalFunction::new(x.clone(), &Polynomial::one() - &x)?.taylor(10)?;
/// assert_eq!(pe(&f)?.to_string(),
///     "1 + x + 2x^2 + 3x^3 + 5x^4 + 7x^5 + 11x^6 + 15x^7 + 22x^8 + 30x^9 + O(x^10)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pe(f: &Series) -> Result<Series> {
    let n = f.order();
    let c0 = if n == 0 {
        Rational::from(0)
    } else {
        f.coefficient(0)?
    };
    if c0 != 0u32 {
        return Err(Error::domain(format!(
            "PE of a series whose constant term is {c0}: the plethystic exponential needs \
             f(0) = 0 (subtract the constant, or use exp)"
        )));
    }
    let num = f.numerators();
    if *f.denominator() == 1u32 {
        // Machine-sized coefficients: euler_product picks running sums or the transform.
        let profile: Option<Vec<(u64, i64)>> = num
            .iter()
            .enumerate()
            .filter(|(_, c)| **c != 0u32)
            .map(|(d, c)| i64::try_from(c).ok().map(|a| (d as u64, a)))
            .collect();
        if let Some(profile) = profile {
            return euler_product(&profile, n);
        }
        let g = euler_transform(num, n)?;
        return Ok(Series::from_integers(g, n)?);
    }
    // Rational: L = sum_n C_n x^n / (n D) with C_n = sum_(d | n) d F_d.
    let c = divisor_weighted_sums(num, n)?;
    let shifted = if n > 1 { c[1..].to_vec() } else { Vec::new() };
    let l =
        Series::from_parts(shifted, f.denominator().clone(), n.saturating_sub(1))?.integral()?;
    Ok(l.exp()?)
}

/// The plethystic logarithm `PLog[g] = sum_(k>=1) mu(k)/k log g(x^k)`, known to the order
/// of `g`: with `D = x g'/g`, `PLog[g]_n = (1/n) sum_(k | n) mu(k) D_(n/k)`.
///
/// # Errors
/// [`Error::Domain`] if `g(0) != 1`.
///
/// # Examples
/// ```
/// use anyon_pleth::pleth::plog;
/// use anyon_series::{Polynomial, Series};
/// // PLog[1 + x] = x - x^2 exactly, since PE[x - x^2] = (1 - x^2)/(1 - x):
/// let x = Polynomial::x();
/// let g = Series::from_polynomial(&(&Polynomial::one() + &x), 6)?;
/// assert_eq!(plog(&g)?.to_string(), "x - x^2 + O(x^6)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn plog(g: &Series) -> Result<Series> {
    let n = g.order();
    if n == 0 {
        return Ok(Series::zero(0)?);
    }
    let c0 = g.coefficient(0)?;
    if c0 != 1u32 {
        return Err(Error::domain(format!(
            "PLog of a series whose constant term is {c0}: the plethystic logarithm needs \
             g(0) = 1 (divide by {c0} first)"
        )));
    }
    // d = x L' as integer numerators over dden.
    let (d, dden): (Vec<Integer>, Natural) = if *g.denominator() == 1u32 {
        let inv = g.inverse()?;
        let xgp = g.derivative().shift(1)?;
        let prod = &xgp * &inv;
        (prod.numerators().to_vec(), prod.denominator().clone())
    } else {
        let l = g.log()?;
        let xlp = l.derivative().shift(1)?;
        (xlp.numerators().to_vec(), xlp.denominator().clone())
    };
    let mu = mobius_table(n);
    let mut p = vec![Integer::from(0); n];
    for (k, &m) in mu.iter().enumerate().skip(1) {
        if m == 0 {
            continue;
        }
        limits::check_cancel()?;
        let mut j = 1;
        while k * j < n {
            if let Some(dj) = d.get(j)
                && *dj != 0u32
            {
                if m > 0 {
                    p[k * j] += dj;
                } else {
                    p[k * j] -= dj;
                }
            }
            j += 1;
        }
    }
    // Divide coefficient n by n: the integral of sum P_(n+1) x^n.
    let shifted = if n > 1 { p[1..].to_vec() } else { Vec::new() };
    Ok(Series::from_parts(shifted, dden, n - 1)?.integral()?)
}

/// Moebius values mu(0..n) by a linear sieve (mu(0) = 0).
fn mobius_table(n: usize) -> Vec<i8> {
    let mut mu = vec![1i8; n.max(2)];
    mu[0] = 0;
    let mut is_composite = vec![false; n.max(2)];
    let mut primes: Vec<usize> = Vec::new();
    for i in 2..n {
        if !is_composite[i] {
            primes.push(i);
            mu[i] = -1;
        }
        for &p in &primes {
            let ip = i * p;
            if ip >= n {
                break;
            }
            is_composite[ip] = true;
            if i % p == 0 {
                mu[ip] = 0;
                break;
            }
            mu[ip] = -mu[i];
        }
    }
    mu.truncate(n);
    mu
}

/// The exact rational function `prod_d (1 - x^d)^(-a_d)`, built from its cyclotomic
/// factorisation (so no polynomial gcd is needed).
///
/// # Errors
/// [`Error::Zero`] for `d = 0`; size limits from the core.
pub fn euler_product_rational(profile: &[(u64, i64)]) -> Result<RationalFunction> {
    let (sign, exps) = cyclotomic_exponents(profile)?;
    let mut num = Polynomial::constant(Rational::from(sign));
    let mut den = Polynomial::one();
    for &(e, b) in &exps {
        let phi = arith::cyclotomic(e)?;
        let p = phi.pow(b.unsigned_abs())?;
        if b > 0 {
            num = &num * &p;
        } else {
            den = &den * &p;
        }
    }
    Ok(RationalFunction::from_coprime(num, den)?)
}

/// `prod_d (1 - x^d)^(-a_d) = sign * prod_e Phi_e^(b_e)`, with `b_e = -sum_(e | d) a_d`
/// (since `1 - x^d = -prod_(e | d) Phi_e`). Returns `(sign, [(e, b_e)])`, `b_e != 0`.
///
/// # Errors
/// [`Error::Zero`] for `d = 0`.
pub fn cyclotomic_exponents(profile: &[(u64, i64)]) -> Result<(i64, Vec<(u64, i64)>)> {
    let mut exps: std::collections::BTreeMap<u64, i64> = std::collections::BTreeMap::new();
    let mut sign = 1i64;
    for &(d, a) in profile {
        if a == 0 {
            continue;
        }
        if a % 2 != 0 {
            sign = -sign;
        }
        for e in arith::divisors(d)? {
            *exps.entry(e).or_insert(0) -= a;
        }
    }
    Ok((sign, exps.into_iter().filter(|&(_, b)| b != 0).collect()))
}

/// `PE` of a polynomial with integer coefficients and no constant term, exactly:
/// `PE[sum a_d x^d] = prod_d (1 - x^d)^(-a_d)`.
///
/// # Errors
/// [`Error::Domain`] unless the coefficients are integers (fitting i64) and `p(0) = 0`.
///
/// # Examples
/// ```
/// use anyon_pleth::pleth::pe_polynomial;
/// use anyon_series::Polynomial;
/// let x = Polynomial::x();
/// // PE[x - x^2 - x^3 + x^6] = Z_6 = 1/(1 - x + x^2)
/// let p = &(&(&x - &x.pow(2)?) - &x.pow(3)?) + &x.pow(6)?;
/// assert_eq!(pe_polynomial(&p)?.to_string(), "1/(1 - x + x^2)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn pe_polynomial(p: &Polynomial) -> Result<RationalFunction> {
    let profile = integer_profile(p)?;
    euler_product_rational(&profile)
}

fn integer_profile(p: &Polynomial) -> Result<Vec<(u64, i64)>> {
    if *p.denominator() != 1u32 {
        return Err(Error::domain(format!(
            "PE of {p} as a closed form needs integer coefficients; expand it as a series instead"
        )));
    }
    let mut profile = Vec::new();
    for (d, c) in p.numerators().iter().enumerate() {
        if *c == 0u32 {
            continue;
        }
        if d == 0 {
            return Err(Error::domain(format!(
                "PE of a polynomial with constant term {c}: the plethystic exponential needs \
                 f(0) = 0"
            )));
        }
        let a = i64::try_from(c).map_err(|_| Error::Overflow {
            what: format!("the coefficient of x^{d} in {p}"),
        })?;
        profile.push((d as u64, a));
    }
    Ok(profile)
}

/// `PLog` of a rational function that is a product of `(1 - x^d)^(-a_d)` (up to the sign
/// fixed by `r(0) = 1`), exactly: the polynomial `sum a_d x^d`. `None` if `r` is not such
/// a product (then only its truncated series has a PLog).
///
/// # Errors
/// [`Error::Domain`] if `r(0) != 1`.
pub fn plog_rational(r: &RationalFunction) -> Result<Option<Polynomial>> {
    let at_zero = r.eval(&Rational::from(0)).map_err(Error::from)?;
    if at_zero != 1u32 {
        return Err(Error::domain(format!(
            "PLog of a function whose value at 0 is {at_zero}: the plethystic logarithm \
             needs g(0) = 1"
        )));
    }
    let Some(num_exps) = cyclotomic_factors(r.numerator())? else {
        return Ok(None);
    };
    let Some(den_exps) = cyclotomic_factors(r.denominator())? else {
        return Ok(None);
    };
    // b_e: exponent of Phi_e in r; a_d = -sum_(d | e) mu(e/d) b_e.
    let mut b: std::collections::BTreeMap<u64, i64> = std::collections::BTreeMap::new();
    for (e, k) in num_exps {
        *b.entry(e).or_insert(0) += k as i64;
    }
    for (e, k) in den_exps {
        *b.entry(e).or_insert(0) -= k as i64;
    }
    let max_e = b.keys().copied().max().unwrap_or(1);
    let mut coefficients = vec![Rational::from(0); max_e as usize + 1];
    for d in 1..=max_e {
        let mut a = 0i64;
        for (&e, &be) in &b {
            if e % d == 0 {
                a -= arith::mobius(e / d)? * be;
            }
        }
        coefficients[d as usize] = Rational::from(a);
    }
    let p = Polynomial::from_coefficients(&coefficients);
    // Check: the product must reproduce r exactly (the sign included).
    if pe_polynomial(&p)? == *r {
        Ok(Some(p))
    } else {
        Ok(None)
    }
}

/// The multiplicities of cyclotomic factors of `p` if `p` is a constant times a product
/// of cyclotomic polynomials; `None` otherwise.
fn cyclotomic_factors(p: &Polynomial) -> Result<Option<Vec<(u64, u64)>>> {
    let (found, rest) = split_cyclotomic_factors(p, u64::MAX)?;
    Ok(rest.is_constant().then_some(found))
}

/// Divides every cyclotomic factor `Phi_n` (`n <= max_index`) out of `p`: returns the
/// pairs `(n, multiplicity)` found, ascending in `n`, and what is left.
///
/// Only `Phi_n` with `phi(n) <= deg` can divide a polynomial of degree `deg`, and
/// `phi(n) >= sqrt(n/2)`, so the scan stops at `n = 2 deg^2 + 2` for the degree left.
///
/// # Errors
/// Cancellation, and size limits of [`arith::cyclotomic`].
pub fn split_cyclotomic_factors(
    p: &Polynomial,
    max_index: u64,
) -> Result<(Vec<(u64, u64)>, Polynomial)> {
    let mut rest = p.clone();
    let mut found = Vec::new();
    let mut n: u64 = 1;
    while rest.degree().unwrap_or(0) > 0 && n <= max_index {
        limits::check_cancel()?;
        let deg = rest.degree().unwrap_or(0) as u64;
        if n > deg.saturating_mul(deg).saturating_mul(2).saturating_add(2) {
            break;
        }
        if arith::totient(n)? <= deg {
            let phi = arith::cyclotomic(n)?;
            let mut k = 0;
            loop {
                let (q, r) = rest.div_rem(&phi)?;
                if !r.is_zero() {
                    break;
                }
                rest = q;
                k += 1;
            }
            if k > 0 {
                found.push((n, k));
            }
        }
        n += 1;
    }
    Ok((found, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partitions(n: usize) -> Vec<Integer> {
        let profile: Vec<(u64, i64)> = (1..n as u64).map(|d| (d, 1)).collect();
        let mut s = vec![Integer::from(0); n];
        s[0] = Integer::from(1);
        for (d, _) in profile {
            let d = d as usize;
            for k in d..n {
                let t = s[k - d].clone();
                s[k] += t;
            }
        }
        s
    }

    #[test]
    fn euler_transform_gives_partitions() {
        let n = 300;
        let ones: Vec<Integer> = (0..n).map(|k| Integer::from((k > 0) as i64)).collect();
        assert_eq!(euler_transform(&ones, n).unwrap(), partitions(n));
    }

    #[test]
    fn mobius_table_matches_arith() {
        let t = mobius_table(200);
        for (k, &m) in t.iter().enumerate().skip(1) {
            assert_eq!(m as i64, arith::mobius(k as u64).unwrap(), "mu({k})");
        }
    }

    #[test]
    fn euler_product_paths_agree() {
        // short profile (running sums) and long profile (Euler transform)
        let n = 120;
        let short = euler_product(&[(1, 3), (4, -2), (5, 1)], n).unwrap();
        let mut f = vec![Integer::from(0); n];
        f[1] = Integer::from(3);
        f[4] = Integer::from(-2);
        f[5] = Integer::from(1);
        let long = euler_transform(&f, n).unwrap();
        assert_eq!(short, Series::from_integers(long, n).unwrap());
    }

    #[test]
    fn unchecked_path_agrees_with_checked_path() {
        let steps: Vec<(usize, i64)> = vec![(2, -1), (3, -1), (1, 1), (6, 1)];
        let n = 5000;
        assert!(coefficient_bound(&steps, n) < (1u128 << 62));
        let fast = run_steps_unchecked(&steps, n).unwrap();
        let slow = run_steps::<Integer>(&steps, n).unwrap().unwrap();
        let fast: Vec<Integer> = fast.into_iter().map(Integer::from).collect();
        assert_eq!(fast, slow);
        // a profile whose bound is too large takes the checked path
        assert_eq!(coefficient_bound(&[(1, 40)], 100_000), u128::MAX);
    }

    #[test]
    fn machine_integers_overflow_to_big_integers() {
        // prod_{d|12} (1 - x^d)^(-phi(d)) grows past i64 well before x^20000
        let t12: Vec<(u64, i64)> = [(1, 1), (2, 1), (3, 2), (4, 2), (6, 2), (12, 4)].to_vec();
        let n = 3000;
        let fast = euler_product(&t12, n).unwrap();
        let steps: Vec<(usize, i64)> = t12.iter().map(|&(d, a)| (d as usize, a)).collect();
        let slow = run_steps::<Integer>(&steps, n).unwrap().unwrap();
        assert_eq!(fast, Series::from_integers(slow, n).unwrap());
    }
}
