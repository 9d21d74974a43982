//! Exact number theory on `u64`: factorisation, divisors, Moebius, totient, Ramanujan
//! sums, cyclotomic and necklace polynomials.
//!
//! Every function is exact. Functions that are undefined at 0 (divisors of 0, the
//! Moebius function at 0, ...) return [`Error::Zero`] there rather than a convention.
//! Factorisation is fast for every `u64`: trial division by the primes below 1000, then
//! a deterministic Miller-Rabin test and Brent's variant of Pollard's rho.

use anyon_series::{Integer, Natural, Polynomial, limits};

use crate::error::{Error, Result};

/// The greatest common divisor, with `gcd(a, 0) = a` (so `gcd(0, 0) = 0`).
///
/// # Examples
/// ```
/// use anyon_pleth::arith::gcd;
/// assert_eq!(gcd(12, 18), 6);
/// assert_eq!(gcd(7, 0), 7);
/// ```
pub fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The least common multiple, `None` when it does not fit in a `u64`
/// (`lcm(a, 0) = 0`).
///
/// # Examples
/// ```
/// use anyon_pleth::arith::checked_lcm;
/// assert_eq!(checked_lcm(4, 6), Some(12));
/// assert_eq!(checked_lcm(u64::MAX, 2), None);
/// ```
pub fn checked_lcm(a: u64, b: u64) -> Option<u64> {
    if a == 0 || b == 0 {
        return Some(0);
    }
    (a / gcd(a, b)).checked_mul(b)
}

/// `a * b mod n` without overflow.
fn mul_mod(a: u64, b: u64, n: u64) -> u64 {
    ((a as u128 * b as u128) % n as u128) as u64
}

/// `a^e mod n`.
fn pow_mod(mut a: u64, mut e: u64, n: u64) -> u64 {
    let mut result = 1 % n;
    a %= n;
    while e > 0 {
        if e & 1 == 1 {
            result = mul_mod(result, a, n);
        }
        a = mul_mod(a, a, n);
        e >>= 1;
    }
    result
}

/// The primes below 1000, for trial division.
fn small_primes() -> impl Iterator<Item = u64> {
    (2u64..1000).filter(|&p| (2..p).take_while(|q| q * q <= p).all(|q| p % q != 0))
}

/// Whether `n` is prime: deterministic for every `u64` (Miller-Rabin with the first
/// twelve primes as bases, which is exact below 3.3 * 10^24).
///
/// # Examples
/// ```
/// use anyon_pleth::arith::is_prime;
/// assert!(is_prime(2) && is_prime(1_000_000_007) && is_prime(18_446_744_073_709_551_557));
/// assert!(!is_prime(0) && !is_prime(1) && !is_prime(3_215_031_751));
/// ```
pub fn is_prime(n: u64) -> bool {
    const BASES: [u64; 12] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
    if n < 2 {
        return false;
    }
    for p in BASES {
        if n % p == 0 {
            return n == p;
        }
    }
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    'bases: for a in BASES {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mul_mod(x, x, n);
            if x == n - 1 {
                continue 'bases;
            }
        }
        return false;
    }
    true
}

/// A nontrivial factor of the odd composite `n` (Brent's variant of Pollard's rho).
fn pollard_brent(n: u64) -> u64 {
    const BATCH: u64 = 128;
    for c in 1..n {
        let f = |y: u64| ((mul_mod(y, y, n) as u128 + c as u128) % n as u128) as u64;
        let (mut x, mut y, mut ys) = (2u64, 2u64, 2u64);
        let (mut g, mut r, mut q) = (1u64, 1u64, 1u64);
        while g == 1 {
            x = y;
            for _ in 0..r {
                y = f(y);
            }
            let mut k = 0;
            while k < r && g == 1 {
                ys = y;
                for _ in 0..BATCH.min(r - k) {
                    y = f(y);
                    q = mul_mod(q, x.abs_diff(y), n);
                }
                g = gcd(q, n);
                k += BATCH;
            }
            r *= 2;
        }
        if g == n {
            // The batch overshot: step back one at a time.
            loop {
                ys = f(ys);
                g = gcd(x.abs_diff(ys), n);
                if g > 1 {
                    break;
                }
            }
        }
        if g != n {
            return g;
        }
    }
    n
}

/// Pushes the prime factors of `n` (with repetition) onto `out`; `n` has no factor
/// below 1000.
fn split_large(n: u64, out: &mut Vec<u64>) {
    if n == 1 {
        return;
    }
    if is_prime(n) {
        out.push(n);
        return;
    }
    let mut f = pollard_brent(n);
    if f == 1 || f == n {
        // Not reached in practice (rho succeeds for some c); stay correct regardless.
        f = (3..).step_by(2).find(|d| n % d == 0).unwrap_or(n);
    }
    split_large(f, out);
    split_large(n / f, out);
}

/// The prime factorisation `n = prod p^k`, as `(p, k)` pairs with `p` ascending;
/// empty for `n = 1`.
///
/// # Errors
/// [`Error::Zero`] for `n = 0`, which has no factorisation.
///
/// # Examples
/// ```
/// use anyon_pleth::arith::factorize;
/// assert_eq!(factorize(360)?, [(2, 3), (3, 2), (5, 1)]);
/// assert_eq!(factorize(1)?, []);
/// // 2^64 - 1 = 3 * 5 * 17 * 257 * 641 * 65537 * 6700417
/// assert_eq!(factorize(u64::MAX)?.len(), 7);
/// assert!(factorize(0).is_err());
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn factorize(n: u64) -> Result<Vec<(u64, u32)>> {
    if n == 0 {
        return Err(Error::Zero { what: "factorize" });
    }
    let mut rest = n;
    let mut primes = Vec::new();
    for p in small_primes() {
        if p * p > rest {
            break;
        }
        while rest % p == 0 {
            primes.push(p);
            rest /= p;
        }
    }
    if rest > 1 {
        if rest < 1_000_000 {
            // No factor below 1000 and below 1000^2: prime.
            primes.push(rest);
        } else {
            split_large(rest, &mut primes);
        }
    }
    primes.sort_unstable();
    let mut result: Vec<(u64, u32)> = Vec::new();
    for p in primes {
        match result.last_mut() {
            Some((q, k)) if *q == p => *k += 1,
            _ => result.push((p, 1)),
        }
    }
    Ok(result)
}

/// The divisors of `n`, ascending.
///
/// # Errors
/// [`Error::Zero`] for `n = 0`, which has infinitely many divisors.
///
/// # Examples
/// ```
/// use anyon_pleth::arith::divisors;
/// assert_eq!(divisors(12)?, [1, 2, 3, 4, 6, 12]);
/// assert_eq!(divisors(1)?, [1]);
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn divisors(n: u64) -> Result<Vec<u64>> {
    if n == 0 {
        return Err(Error::Zero { what: "divisors" });
    }
    let factors = factorize(n)?;
    let mut ds = DivisorLattice::new(&factors).values;
    ds.sort_unstable();
    Ok(ds)
}

/// The Moebius function: `(-1)^k` for a product of `k` distinct primes, 0 when a
/// square divides `n`.
///
/// # Errors
/// [`Error::Zero`] for `n = 0`.
///
/// # Examples
/// ```
/// use anyon_pleth::arith::mobius;
/// assert_eq!(mobius(1)?, 1);
/// assert_eq!(mobius(30)?, -1);
/// assert_eq!(mobius(12)?, 0);
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn mobius(n: u64) -> Result<i64> {
    if n == 0 {
        return Err(Error::Zero { what: "mobius" });
    }
    Ok(mobius_of(&factorize(n)?))
}

/// Moebius from a factorisation.
pub(crate) fn mobius_of(factors: &[(u64, u32)]) -> i64 {
    if factors.iter().any(|&(_, k)| k > 1) {
        0
    } else if factors.len() % 2 == 0 {
        1
    } else {
        -1
    }
}

/// Euler's totient: the number of `1 <= k <= n` coprime to `n`,
/// `phi(n) = n prod_{p | n} (1 - 1/p)`.
///
/// # Errors
/// [`Error::Zero`] for `n = 0`.
///
/// # Examples
/// ```
/// use anyon_pleth::arith::totient;
/// assert_eq!(totient(1)?, 1);
/// assert_eq!(totient(36)?, 12);
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn totient(n: u64) -> Result<u64> {
    if n == 0 {
        return Err(Error::Zero { what: "totient" });
    }
    Ok(totient_of(n, &factorize(n)?))
}

/// The totient of `n` from its factorisation.
pub(crate) fn totient_of(n: u64, factors: &[(u64, u32)]) -> u64 {
    factors.iter().fold(n, |acc, &(p, _)| acc / p * (p - 1))
}

/// The Ramanujan sum `c_d(m) = sum_{e | gcd(d, m)} mu(d/e) e`, the sum of
/// `exp(2 pi i j m / d)` over the `j` in `1..=d` coprime to `d`.
///
/// Computed by Hoelder's closed form `c_d(m) = mu(d/g) phi(d) / phi(d/g)` with
/// `g = gcd(d, m)`, and `gcd(d, 0) = d`, so `c_d(0) = phi(d)` and `c_d(1) = mu(d)`.
/// Since `c_d(-m) = c_d(m)`, a negative `m` can be passed as its absolute value.
///
/// # Errors
/// [`Error::Zero`] for `d = 0`; [`Error::Overflow`] if the value passes `i64::MAX`
/// (possible only for `d > 2^63`).
///
/// # Examples
/// ```
/// use anyon_pleth::arith::ramanujan_sum;
/// // c_6(m) for m = 0..6: the order profile of the characters of Z_6 at d = 6
/// let row: Vec<i64> = (0..6).map(|m| ramanujan_sum(6, m)).collect::<Result<_, _>>()?;
/// assert_eq!(row, [2, 1, -1, -2, -1, 1]);
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn ramanujan_sum(d: u64, m: u64) -> Result<i64> {
    if d == 0 {
        return Err(Error::Zero {
            what: "ramanujan_sum",
        });
    }
    let g = gcd(d, m);
    let q = d / g;
    let q_factors = factorize(q)?;
    let mu = mobius_of(&q_factors);
    if mu == 0 {
        return Ok(0);
    }
    let value = totient(d)? / totient_of(q, &q_factors);
    let value = i64::try_from(value).map_err(|_| Error::Overflow {
        what: format!("ramanujan_sum({d}, {m})"),
    })?;
    Ok(mu * value)
}

/// Integer coefficients with checked (machine) or unbounded (malachite) arithmetic.
trait Coefficient: Clone {
    fn from_small(v: i64) -> Self;
    fn add(&self, other: &Self) -> Option<Self>;
    fn sub(&self, other: &Self) -> Option<Self>;
    fn into_integer(self) -> Integer;
}

impl Coefficient for i128 {
    fn from_small(v: i64) -> Self {
        v as i128
    }
    fn add(&self, other: &Self) -> Option<Self> {
        self.checked_add(*other)
    }
    fn sub(&self, other: &Self) -> Option<Self> {
        self.checked_sub(*other)
    }
    fn into_integer(self) -> Integer {
        Integer::from(self)
    }
}

impl Coefficient for Integer {
    fn from_small(v: i64) -> Self {
        Integer::from(v)
    }
    fn add(&self, other: &Self) -> Option<Self> {
        Some(self + other)
    }
    fn sub(&self, other: &Self) -> Option<Self> {
        Some(self - other)
    }
    fn into_integer(self) -> Integer {
        self
    }
}

/// `prod (1 - x^d)^(+1 or -1) mod x^len` in `T`; `None` on overflow of `T`.
///
/// Multiplying by `1 - x^d` is `c[i] -= c[i - d]` from the top; dividing is
/// `c[i] += c[i - d]` from the bottom. Both are exact in `Z[[x]]`.
fn euler_factors<T: Coefficient>(factors: &[(u64, bool)], len: usize) -> Result<Option<Vec<T>>> {
    let mut c = vec![T::from_small(0); len];
    if let Some(first) = c.first_mut() {
        *first = T::from_small(1);
    }
    for &(d, multiply) in factors {
        limits::check_cancel()?;
        let Ok(d) = usize::try_from(d) else { continue };
        if d >= len {
            continue;
        }
        if multiply {
            for i in (d..len).rev() {
                let Some(v) = c[i].sub(&c[i - d]) else {
                    return Ok(None);
                };
                c[i] = v;
            }
        } else {
            for i in d..len {
                let Some(v) = c[i].add(&c[i - d]) else {
                    return Ok(None);
                };
                c[i] = v;
            }
        }
    }
    Ok(Some(c))
}

/// The `n`-th cyclotomic polynomial `Phi_n(x)`, the minimal polynomial of
/// `exp(2 pi i / n)`, of degree `phi(n)`, with integer coefficients.
///
/// For `n > 1`, `Phi_n(x) = prod_{d | n} (1 - x^d)^mu(n/d)` (the sign of the usual
/// `(x^d - 1)` form cancels since `sum_{d | n} mu(d) = 0`), expanded as a power series to
/// degree `phi(n)`; only the squarefree kernel `r` of `n` is expanded, then
/// `Phi_n(x) = Phi_r(x^(n/r))`. `Phi_1 = x - 1`.
///
/// # Errors
/// [`Error::Zero`] for `n = 0`; [`Error::TooLarge`] when the degree `phi(n)` is above
/// [`limits::max_order`]; [`anyon_series::Error::Cancelled`] (as [`Error::Series`])
/// after a cancellation.
///
/// # Examples
/// ```
/// use anyon_pleth::arith::cyclotomic;
/// assert_eq!(cyclotomic(1)?.to_string(), "-1 + x");
/// assert_eq!(cyclotomic(6)?.to_string(), "1 - x + x^2");
/// assert_eq!(cyclotomic(12)?.to_string(), "1 - x^2 + x^4");
/// // Phi_105 is the first with a coefficient outside {-1, 0, 1}
/// assert!(cyclotomic(105)?.coefficients().iter().any(|c| *c == -2));
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn cyclotomic(n: u64) -> Result<Polynomial> {
    if n == 0 {
        return Err(Error::Zero { what: "cyclotomic" });
    }
    if n == 1 {
        return Ok(Polynomial::from_integers(vec![
            Integer::from(-1),
            Integer::from(1),
        ]));
    }
    let factors = factorize(n)?;
    let degree = totient_of(n, &factors);
    check_degree(degree, || format!("the degree phi({n}) of cyclotomic({n})"))?;
    let kernel: Vec<(u64, u32)> = factors.iter().map(|&(p, _)| (p, 1)).collect();
    let r: u64 = kernel.iter().map(|&(p, _)| p).product();
    let stretch = (n / r) as usize;
    let kernel_degree = (degree / (n / r)) as usize;
    // Each divisor d of r with its exponent mu(r/d); alternate multiplications and
    // divisions so that partial products stay small.
    let lattice = DivisorLattice::new(&kernel);
    let mut up = Vec::new();
    let mut down = Vec::new();
    for (idx, &d) in lattice.values.iter().enumerate() {
        // mu(r/d) = (-1)^(number of primes of r missing from d)
        let missing = kernel.len() - lattice.exponent_sum(idx);
        if missing % 2 == 0 {
            up.push((d, true));
        } else {
            down.push((d, false));
        }
    }
    up.sort_unstable();
    down.sort_unstable();
    let mut order = Vec::with_capacity(up.len() + down.len());
    for i in 0..up.len().max(down.len()) {
        order.extend(up.get(i));
        order.extend(down.get(i));
    }
    let len = kernel_degree + 1;
    let coefficients: Vec<Integer> = match euler_factors::<i128>(&order, len)? {
        Some(c) => c.into_iter().map(Coefficient::into_integer).collect(),
        None => euler_factors::<Integer>(&order, len)?.unwrap_or_default(),
    };
    let mut stretched = vec![Integer::from(0); kernel_degree * stretch + 1];
    for (i, c) in coefficients.into_iter().enumerate() {
        stretched[i * stretch] = c;
    }
    Ok(Polynomial::from_integers(stretched))
}

/// Refuses a polynomial whose degree is above the order limit; `what` names it.
fn check_degree(degree: u64, what: impl FnOnce() -> String) -> Result<()> {
    let limit = limits::max_order();
    if degree as u128 > limit as u128 {
        return Err(Error::TooLarge {
            what: what(),
            requested: degree as u128,
            limit: limit as u128,
            hint: "raise the order limit (limits::set_max_order) to allow it",
        });
    }
    Ok(())
}

/// The necklace polynomial `M(a, n) = (1/n) sum_{d | n} mu(d) a^(n/d)`, as a polynomial
/// in `a`: the number of aperiodic necklaces of `n` beads in `a` colours (and of monic
/// irreducible polynomials of degree `n` over a field of `a` elements).
///
/// # Errors
/// [`Error::Zero`] for `n = 0`; [`Error::TooLarge`] when the degree `n` is above
/// [`limits::max_order`].
///
/// # Examples
/// ```
/// use anyon_pleth::arith::necklace;
/// use anyon_series::Rational;
/// let m6 = necklace(6)?;
/// assert_eq!(m6.to_string(), "1/6*x - 1/6*x^2 - 1/6*x^3 + 1/6*x^6");
/// // 9 binary Lyndon words of length 6
/// assert_eq!(m6.eval(&Rational::from(2)), Rational::from(9));
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
pub fn necklace(n: u64) -> Result<Polynomial> {
    if n == 0 {
        return Err(Error::Zero { what: "necklace" });
    }
    check_degree(n, || format!("the degree of necklace({n})"))?;
    let factors = factorize(n)?;
    let lattice = DivisorLattice::new(&factors);
    let mut num = vec![Integer::from(0); n as usize + 1];
    for (idx, &d) in lattice.values.iter().enumerate() {
        if lattice.is_squarefree(idx) {
            let mu = if lattice.exponent_sum(idx) % 2 == 0 {
                1
            } else {
                -1
            };
            num[(n / d) as usize] = Integer::from(mu);
        }
    }
    Ok(Polynomial::from_parts(num, Natural::from(n))?)
}

/// The divisors of `n = prod p_i^k_i` in mixed-radix order: the divisor with exponents
/// `(e_1, ..., e_s)` sits at index `sum e_i stride_i`, `stride_1 = 1`,
/// `stride_(i+1) = stride_i (k_i + 1)`. Dividing by `p_i` is subtracting `stride_i`.
#[derive(Clone, Debug)]
pub(crate) struct DivisorLattice {
    /// The factorisation `(p_i, k_i)`.
    factors: Vec<(u64, u32)>,
    /// `stride_i` for each prime.
    strides: Vec<usize>,
    /// The divisor at each index.
    pub(crate) values: Vec<u64>,
}

impl DivisorLattice {
    /// The lattice of divisors of `prod p^k` (which must fit in a `u64`).
    pub(crate) fn new(factors: &[(u64, u32)]) -> Self {
        let mut values = vec![1u64];
        let mut strides = Vec::with_capacity(factors.len());
        for &(p, k) in factors {
            strides.push(values.len());
            let base = values.clone();
            let mut power = 1u64;
            for _ in 0..k {
                power *= p;
                values.extend(base.iter().map(|d| d * power));
            }
        }
        DivisorLattice {
            factors: factors.to_vec(),
            strides,
            values,
        }
    }

    /// The exponent of the `i`-th prime in the divisor at `idx`.
    fn exponent(&self, idx: usize, i: usize) -> u32 {
        ((idx / self.strides[i]) % (self.factors[i].1 as usize + 1)) as u32
    }

    /// The number of prime factors (with multiplicity) of the divisor at `idx`.
    fn exponent_sum(&self, idx: usize) -> usize {
        (0..self.factors.len())
            .map(|i| self.exponent(idx, i) as usize)
            .sum()
    }

    /// Whether the divisor at `idx` is squarefree.
    fn is_squarefree(&self, idx: usize) -> bool {
        (0..self.factors.len()).all(|i| self.exponent(idx, i) <= 1)
    }

    /// Moebius inversion in place: turns `s(d) = sum_{e | d} a(e)` into
    /// `a(d) = sum_{e | d} mu(d/e) s(e)`, one prime at a time
    /// (`a(d) <- a(d) - a(d/p)` for `p | d`, from the top so `a(d/p)` is still old).
    pub(crate) fn mobius_invert(&self, s: &mut [i128]) -> Result<()> {
        for i in 0..self.factors.len() {
            limits::check_cancel()?;
            let stride = self.strides[i];
            for idx in (0..s.len()).rev() {
                if self.exponent(idx, i) > 0 {
                    s[idx] -= s[idx - stride];
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// OEIS A008683 (Moebius), A000010 (totient), n = 1..=30.
    const MOBIUS: [i64; 30] = [
        1, -1, -1, 0, -1, 1, -1, 0, 0, 1, -1, 0, -1, 1, 1, 0, -1, 0, -1, 0, 1, 1, -1, 0, 0, 1, 0,
        0, -1, -1,
    ];
    const TOTIENT: [u64; 30] = [
        1, 1, 2, 2, 4, 2, 6, 4, 6, 4, 10, 4, 12, 6, 8, 8, 16, 6, 18, 8, 12, 10, 22, 8, 20, 12, 18,
        12, 28, 8,
    ];

    #[test]
    fn mobius_and_totient_match_oeis() {
        for n in 1..=30u64 {
            assert_eq!(mobius(n).unwrap(), MOBIUS[n as usize - 1], "mu({n})");
            assert_eq!(totient(n).unwrap(), TOTIENT[n as usize - 1], "phi({n})");
        }
    }

    #[test]
    fn zero_is_an_error_everywhere() {
        assert_eq!(factorize(0), Err(Error::Zero { what: "factorize" }));
        assert!(divisors(0).is_err());
        assert!(mobius(0).is_err());
        assert!(totient(0).is_err());
        assert!(ramanujan_sum(0, 3).is_err());
        assert!(cyclotomic(0).is_err());
        assert!(necklace(0).is_err());
        let message = divisors(0).unwrap_err().to_string();
        assert_eq!(
            message,
            "divisors of 0 is not defined here: the argument must be a positive integer"
        );
        assert_eq!(totient(0), Err(Error::Zero { what: "totient" }));
        assert_eq!(mobius(0), Err(Error::Zero { what: "mobius" }));
    }

    #[test]
    fn factorisations() {
        let table: &[(u64, &[(u64, u32)])] = &[
            (1, &[]),
            (2, &[(2, 1)]),
            (360, &[(2, 3), (3, 2), (5, 1)]),
            (997 * 997, &[(997, 2)]),
            (1009 * 1013, &[(1009, 1), (1013, 1)]),
            (1_000_000_007, &[(1_000_000_007, 1)]),
            (1_000_000_000_000, &[(2, 12), (5, 12)]),
            // 2^64 - 1 (the Fermat primes and 641 * 6700417 = F_5)
            (
                u64::MAX,
                &[
                    (3, 1),
                    (5, 1),
                    (17, 1),
                    (257, 1),
                    (641, 1),
                    (65537, 1),
                    (6_700_417, 1),
                ],
            ),
            // the largest prime below 2^64
            (
                18_446_744_073_709_551_557,
                &[(18_446_744_073_709_551_557, 1)],
            ),
            // a product of two 32-bit primes
            (
                4_294_967_291 * 4_294_967_279,
                &[(4_294_967_279, 1), (4_294_967_291, 1)],
            ),
            // a square of a prime above 2^31 and a cube of a prime above 2^20
            (2_147_483_659 * 2_147_483_659, &[(2_147_483_659, 2)]),
            (1_048_583 * 1_048_583 * 1_048_583, &[(1_048_583, 3)]),
            // strong pseudoprime to bases 2, 3, 5, 7 and 11 (Carmichael numbers too)
            (2_152_302_898_747, &[(6763, 1), (10627, 1), (29947, 1)]),
            (561, &[(3, 1), (11, 1), (17, 1)]),
        ];
        for &(n, expected) in table {
            assert_eq!(factorize(n).unwrap(), expected, "factorize({n})");
        }
    }

    #[test]
    fn factorisation_multiplies_back() {
        let mut n: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200 {
            n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let f = factorize(n).unwrap();
            let back = f.iter().fold(1u64, |acc, &(p, k)| acc * p.pow(k));
            assert_eq!(back, n);
            assert!(f.iter().all(|&(p, _)| is_prime(p)), "{n}: {f:?}");
        }
    }

    #[test]
    fn primes_below_100() {
        let primes: Vec<u64> = (0..100).filter(|&n| is_prime(n)).collect();
        assert_eq!(
            primes,
            [
                2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79,
                83, 89, 97
            ]
        );
        // 3825123056546413051 is a strong pseudoprime to the bases 2..=23
        assert!(!is_prime(3_825_123_056_546_413_051));
        assert_eq!(
            factorize(3_825_123_056_546_413_051).unwrap(),
            [(149_491, 1), (747_451, 1), (34_233_211, 1)]
        );
    }

    #[test]
    fn divisor_tables() {
        let table: &[(u64, &[u64])] = &[
            (1, &[1]),
            (12, &[1, 2, 3, 4, 6, 12]),
            (30, &[1, 2, 3, 5, 6, 10, 15, 30]),
            (49, &[1, 7, 49]),
        ];
        for &(n, expected) in table {
            assert_eq!(divisors(n).unwrap(), expected, "divisors({n})");
        }
        // OEIS A066150: 10^12 has 169 divisors
        assert_eq!(divisors(1_000_000_000_000).unwrap().len(), 169);
        // the record 963761198400 has 6720 divisors (OEIS A002182)
        assert_eq!(divisors(963_761_198_400).unwrap().len(), 6720);
    }

    #[test]
    fn identities_over_divisors() {
        for n in 1..=200u64 {
            let ds = divisors(n).unwrap();
            let phi_sum: u64 = ds.iter().map(|&d| totient(d).unwrap()).sum();
            assert_eq!(phi_sum, n, "sum phi(d) = n");
            let mu_sum: i64 = ds.iter().map(|&d| mobius(d).unwrap()).sum();
            assert_eq!(mu_sum, i64::from(n == 1), "sum mu(d) = [n = 1]");
        }
    }

    /// c_q(n) for q = 1..=8 and n = 1..=8 (table of Ramanujan sums, OEIS A054533
    /// gives c_n(k) by rows).
    #[test]
    fn ramanujan_table() {
        let table: [[i64; 8]; 8] = [
            [1, 1, 1, 1, 1, 1, 1, 1],
            [-1, 1, -1, 1, -1, 1, -1, 1],
            [-1, -1, 2, -1, -1, 2, -1, -1],
            [0, -2, 0, 2, 0, -2, 0, 2],
            [-1, -1, -1, -1, 4, -1, -1, -1],
            [1, -1, -2, -1, 1, 2, 1, -1],
            [-1, -1, -1, -1, -1, -1, 6, -1],
            [0, 0, 0, -4, 0, 0, 0, 4],
        ];
        for q in 1..=8u64 {
            for n in 1..=8u64 {
                assert_eq!(
                    ramanujan_sum(q, n).unwrap(),
                    table[q as usize - 1][n as usize - 1],
                    "c_{q}({n})"
                );
            }
            assert_eq!(ramanujan_sum(q, 0).unwrap(), totient(q).unwrap() as i64);
            assert_eq!(ramanujan_sum(q, 1).unwrap(), mobius(q).unwrap());
        }
    }

    #[test]
    fn ramanujan_matches_definition() {
        for d in 1..=60u64 {
            for m in 0..=60u64 {
                let g = gcd(d, m);
                let by_definition: i64 = divisors(g)
                    .unwrap()
                    .iter()
                    .map(|&e| mobius(d / e).unwrap() * e as i64)
                    .sum();
                assert_eq!(ramanujan_sum(d, m).unwrap(), by_definition, "c_{d}({m})");
            }
        }
    }

    fn integers(p: &Polynomial) -> Vec<i64> {
        p.coefficients()
            .iter()
            .map(|c| i64::try_from(c).unwrap())
            .collect()
    }

    #[test]
    fn cyclotomic_table() {
        let table: &[(u64, &[i64])] = &[
            (1, &[-1, 1]),
            (2, &[1, 1]),
            (3, &[1, 1, 1]),
            (4, &[1, 0, 1]),
            (5, &[1, 1, 1, 1, 1]),
            (6, &[1, -1, 1]),
            (8, &[1, 0, 0, 0, 1]),
            (9, &[1, 0, 0, 1, 0, 0, 1]),
            (10, &[1, -1, 1, -1, 1]),
            (12, &[1, 0, -1, 0, 1]),
            (15, &[1, -1, 0, 1, -1, 1, 0, -1, 1]),
            (30, &[1, 1, 0, -1, -1, -1, 0, 1, 1]),
        ];
        for &(n, expected) in table {
            assert_eq!(integers(&cyclotomic(n).unwrap()), expected, "Phi_{n}");
        }
    }

    #[test]
    fn cyclotomic_105_has_minus_two() {
        // OEIS A013594: 105 is the smallest n with a coefficient of Phi_n outside {-1,0,1};
        // the coefficient of x^7 (and of x^41) is -2.
        let c = integers(&cyclotomic(105).unwrap());
        assert_eq!(c.len(), 49);
        assert_eq!(c[7], -2);
        assert_eq!(c[41], -2);
        assert!(c.iter().all(|&v| (-2..=1).contains(&v)));
        for n in 1..105 {
            let c = integers(&cyclotomic(n).unwrap());
            assert!(c.iter().all(|&v| (-1..=1).contains(&v)), "Phi_{n}");
        }
    }

    #[test]
    fn cyclotomic_first_occurrences() {
        // OEIS A013594: the smallest n such that n or -n is a coefficient of Phi_n
        let table: &[(i64, u64)] = &[
            (2, 105),
            (3, 385),
            (4, 1365),
            (5, 1785),
            (22, 15015),
            (23, 11305),
        ];
        for &(value, n) in table {
            let c = integers(&cyclotomic(n).unwrap());
            assert!(c.iter().any(|v| v.abs() == value), "±{value} in Phi_{n}");
        }
    }

    #[test]
    fn cyclotomic_255255_has_height_532() {
        // Phi_{3*5*7*11*13*17} has height (largest absolute coefficient) 532
        let c = cyclotomic(255_255).unwrap();
        assert_eq!(c.degree(), Some(92160));
        let height = c
            .numerators()
            .iter()
            .map(|v| i64::try_from(v).unwrap().abs())
            .max();
        assert_eq!(height, Some(532));
    }

    #[test]
    fn machine_and_big_integer_expansions_agree() {
        let factors: Vec<(u64, bool)> =
            vec![(1, false), (3, true), (5, true), (15, false), (2, false)];
        let small = euler_factors::<i128>(&factors, 40).unwrap().unwrap();
        let big = euler_factors::<Integer>(&factors, 40).unwrap().unwrap();
        let small: Vec<Integer> = small.into_iter().map(Integer::from).collect();
        assert_eq!(small, big);
        // 1/(1 - x)^200 overflows i128 at x^39 (C(238, 39) > 2^127): the checked path says so
        let many = vec![(1u64, false); 200];
        assert_eq!(euler_factors::<i128>(&many, 40).unwrap(), None);
        assert!(euler_factors::<Integer>(&many, 40).unwrap().is_some());
    }

    #[test]
    fn cyclotomic_products_give_x_n_minus_one() {
        for n in 1..=60u64 {
            let mut product = Polynomial::one();
            for d in divisors(n).unwrap() {
                product = &product * &cyclotomic(d).unwrap();
            }
            let expected = &Polynomial::x().pow(n).unwrap() - &Polynomial::one();
            assert_eq!(product, expected, "prod Phi_d = x^{n} - 1");
            assert_eq!(
                cyclotomic(n).unwrap().degree(),
                Some(totient(n).unwrap() as usize)
            );
        }
    }

    #[test]
    fn cyclotomic_size_is_limited() {
        let err = cyclotomic(1_000_000_000_039).unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
        let message = err.to_string();
        assert!(
            message.contains(&limits::max_order().to_string()),
            "{message}"
        );
        assert!(message.contains("cyclotomic(1000000000039)"), "{message}");
    }

    #[test]
    fn necklace_counts() {
        use anyon_series::Rational;
        // OEIS A001037: binary Lyndon words of length n = 1..=12
        let binary = [2, 1, 2, 3, 6, 9, 18, 30, 56, 99, 186, 335];
        // OEIS A027376: ternary, n = 1..=8
        let ternary = [3, 3, 8, 18, 48, 116, 312, 810];
        for (n, &count) in binary.iter().enumerate() {
            let m = necklace(n as u64 + 1).unwrap();
            assert_eq!(m.eval(&Rational::from(2)), Rational::from(count));
        }
        for (n, &count) in ternary.iter().enumerate() {
            let m = necklace(n as u64 + 1).unwrap();
            assert_eq!(m.eval(&Rational::from(3)), Rational::from(count));
        }
        assert!(matches!(necklace(u64::MAX), Err(Error::TooLarge { .. })));
    }

    #[test]
    fn lattice_inversion_recovers_mobius() {
        // a = [d = 1] summed over divisors is s = 1 everywhere; inverting gives a back.
        for n in [1u64, 12, 30, 360, 1001] {
            let lattice = DivisorLattice::new(&factorize(n).unwrap());
            let mut s = vec![1i128; lattice.values.len()];
            lattice.mobius_invert(&mut s).unwrap();
            for (idx, &d) in lattice.values.iter().enumerate() {
                let expected = i128::from(i64::from(d == 1));
                assert_eq!(s[idx], expected, "n = {n}, d = {d}");
            }
        }
    }
}
