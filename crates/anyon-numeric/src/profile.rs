//! Order profiles: the integer data `(d, a_d)` of `Z(x) = prod_d (1 - x^d)^(-a_d)`.

use crate::error::{Result, invalid};

/// Largest order `d` accepted in a profile.
pub const MAX_ORDER: u32 = 1_000_000;
/// Largest `|a_d|` accepted in a profile.
pub const MAX_EXPONENT: i64 = 1_000_000;

/// An order profile: pairs `(d, a_d)` meaning `Z(x) = prod_d (1 - x^d)^(-a_d)`.
///
/// Then `n(x) = x Z'(x)/Z(x) = sum_d a_d d x^d / (1 - x^d)` and the loss curve is
/// `loss(t) = exp(-n(e^t))`. Canonical form (enforced by [`Profile::new`]): sorted by
/// `d`, one entry per `d`, no zero exponent.
///
/// # Examples
///
/// ```
/// use anyon_numeric::Profile;
/// let z6 = Profile::cyclic(6)?;
/// assert_eq!(z6.terms(), &[(1, 1), (2, -1), (3, -1), (6, 1)]);
/// assert_eq!(z6, Profile::new(&[(1, 1), (2, -1), (3, -1), (6, 1)])?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    terms: Vec<(u32, i64)>,
}

impl Profile {
    /// Builds a profile from pairs `(d, a_d)`; repeated orders are added, zero exponents
    /// dropped. The empty profile is `Z = 1` (`n = 0`, loss 1).
    ///
    /// # Errors
    ///
    /// If some `d` is 0 or above [`MAX_ORDER`], or some `|a_d|` (after merging) exceeds
    /// [`MAX_EXPONENT`].
    pub fn new(pairs: &[(u32, i64)]) -> Result<Self> {
        let mut terms: Vec<(u32, i64)> = Vec::with_capacity(pairs.len());
        let mut sorted = pairs.to_vec();
        sorted.sort_by_key(|p| p.0);
        for (d, a) in sorted {
            if d == 0 {
                return Err(invalid("order d must be at least 1"));
            }
            if d > MAX_ORDER {
                return Err(invalid(format!("order {d} exceeds the limit {MAX_ORDER}")));
            }
            match terms.last_mut() {
                Some(last) if last.0 == d => {
                    last.1 = last
                        .1
                        .checked_add(a)
                        .ok_or_else(|| invalid("exponent overflow"))?;
                }
                _ => terms.push((d, a)),
            }
        }
        terms.retain(|&(_, a)| a != 0);
        if let Some(&(d, a)) = terms.iter().find(|&&(_, a)| a.abs() > MAX_EXPONENT) {
            return Err(invalid(format!(
                "exponent {a} of order {d} exceeds the limit {MAX_EXPONENT}"
            )));
        }
        Ok(Profile { terms })
    }

    /// The profile of the cyclic group `Z_n` with its faithful character:
    /// `a_d = mu(d)` for `d | n` (Moebius function).
    ///
    /// # Errors
    ///
    /// If `n` is 0 or above [`MAX_ORDER`].
    pub fn cyclic(n: u32) -> Result<Self> {
        Self::cyclic_character(n, 1)
    }

    /// The profile of `Z_n` with the character `chi_m(k) = exp(2 pi i m k / n)`:
    /// `a_d = c_d(m)`, the Ramanujan sum `sum_{e | gcd(d, m)} mu(d/e) e`, for `d | n`.
    /// `m = 0` is the trivial character (`a_d = phi(d)`).
    ///
    /// # Examples
    ///
    /// ```
    /// use anyon_numeric::Profile;
    /// // Z_{6,0} = prod_{d|6} (1 - x^d)^(-phi(d))
    /// assert_eq!(Profile::cyclic_character(6, 0)?.terms(), &[(1, 1), (2, 1), (3, 2), (6, 2)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// If `n` is 0 or above [`MAX_ORDER`].
    pub fn cyclic_character(n: u32, m: u64) -> Result<Self> {
        if n == 0 || n > MAX_ORDER {
            return Err(invalid(format!(
                "group order must be in 1..={MAX_ORDER}, got {n}"
            )));
        }
        let pairs: Vec<(u32, i64)> = divisors(n)
            .into_iter()
            .map(|d| {
                let g = gcd(u64::from(d), m) as u32;
                let c: i64 = divisors(g)
                    .into_iter()
                    .filter(|e| d % e == 0)
                    .map(|e| moebius(d / e) * i64::from(e))
                    .sum();
                (d, c)
            })
            .collect();
        Self::new(&pairs)
    }

    /// The canonical pairs `(d, a_d)`, sorted by `d`.
    pub fn terms(&self) -> &[(u32, i64)] {
        &self.terms
    }

    /// `n(inf) = -sum_d a_d d`, the limit of `n(x)` as `x -> inf`.
    ///
    /// # Examples
    ///
    /// ```
    /// use anyon_numeric::Profile;
    /// assert_eq!(Profile::cyclic(6)?.n_infinity(), -2.0); // loss settles at e^2
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn n_infinity(&self) -> f64 {
        -self
            .terms
            .iter()
            .map(|&(d, a)| a as f64 * f64::from(d))
            .sum::<f64>()
    }

    /// `b_1 = sum_d a_d`: `Z` has a pole of this order at `x = 1` (a zero if negative),
    /// and `n(x) ~ -b_1/t` there. When `b_1 = 0` the curve is finite at `t = 0`.
    pub fn pole_order_at_one(&self) -> i64 {
        self.terms.iter().map(|&(_, a)| a).sum()
    }

    /// Exponents of the cyclotomic factorisation `Z = ± prod_k Phi_k(x)^(-b_k)` with
    /// `b_k = sum_{d : k | d} a_d`, nonzero ones only, sorted by `k`.
    pub fn cyclotomic_exponents(&self) -> Vec<(u32, i64)> {
        let mut ks: Vec<u32> = self.terms.iter().flat_map(|&(d, _)| divisors(d)).collect();
        ks.sort_unstable();
        ks.dedup();
        ks.into_iter()
            .map(|k| {
                let b = self
                    .terms
                    .iter()
                    .filter(|&&(d, _)| d % k == 0)
                    .map(|&(_, a)| a)
                    .sum();
                (k, b)
            })
            .filter(|&(_, b)| b != 0)
            .collect()
    }
}

/// Divisors of `n >= 1`, ascending.
pub(crate) fn divisors(n: u32) -> Vec<u32> {
    let mut small = Vec::new();
    let mut large = Vec::new();
    let mut i = 1u32;
    while u64::from(i) * u64::from(i) <= u64::from(n) {
        if n % i == 0 {
            small.push(i);
            if i != n / i {
                large.push(n / i);
            }
        }
        i += 1;
    }
    small.extend(large.into_iter().rev());
    small
}

/// The Moebius function.
pub(crate) fn moebius(mut n: u32) -> i64 {
    let mut result = 1;
    let mut p = 2u32;
    while u64::from(p) * u64::from(p) <= u64::from(n) {
        if n % p == 0 {
            n /= p;
            if n % p == 0 {
                return 0;
            }
            result = -result;
        }
        p += 1;
    }
    if n > 1 {
        result = -result;
    }
    result
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Integer coefficients (low to high) of the cyclotomic polynomial `Phi_k`, or `None`
/// if a coefficient would not fit in an `i64`.
pub(crate) fn cyclotomic(k: u32) -> Option<Vec<i64>> {
    // x^k - 1 divided by Phi_j for every proper divisor j of k.
    let mut num: Vec<i128> = vec![0; k as usize + 1];
    num[0] = -1;
    num[k as usize] = 1;
    for j in divisors(k) {
        if j == k {
            continue;
        }
        let div: Vec<i128> = cyclotomic(j)?.into_iter().map(i128::from).collect();
        num = div_monic(&num, &div)?;
    }
    num.into_iter().map(|c| i64::try_from(c).ok()).collect()
}

fn div_monic(num: &[i128], div: &[i128]) -> Option<Vec<i128>> {
    let dn = num.len() - 1;
    let dd = div.len() - 1;
    let mut rem = num.to_vec();
    let mut quot = vec![0i128; dn - dd + 1];
    for i in (0..=dn - dd).rev() {
        let c = rem[i + dd];
        quot[i] = c;
        for (j, &dj) in div.iter().enumerate() {
            rem[i + j] = rem[i + j].checked_sub(c.checked_mul(dj)?)?;
        }
    }
    rem.iter().all(|&r| r == 0).then_some(quot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyclic_profiles() {
        let check =
            |n, expect: &[(u32, i64)]| assert_eq!(Profile::cyclic(n).unwrap().terms(), expect);
        check(1, &[(1, 1)]);
        check(2, &[(1, 1), (2, -1)]);
        check(3, &[(1, 1), (3, -1)]);
        check(6, &[(1, 1), (2, -1), (3, -1), (6, 1)]);
        check(12, &[(1, 1), (2, -1), (3, -1), (6, 1)]);
    }

    #[test]
    fn characters_and_exponents() {
        // Z_{6,3} = (1 + x)^3 (1 - x + x^2)^2: Phi_2^3 Phi_6^2, so b_2 = -3, b_6 = -2.
        let p = Profile::cyclic_character(6, 3).unwrap();
        assert_eq!(p.cyclotomic_exponents(), vec![(2, -3), (6, -2)]);
        assert_eq!(
            Profile::cyclic(6).unwrap().cyclotomic_exponents(),
            vec![(6, 1)]
        );
        assert_eq!(Profile::cyclic(1).unwrap().pole_order_at_one(), 1);
    }

    #[test]
    fn cyclotomic_polynomials() {
        assert_eq!(cyclotomic(1), Some(vec![-1, 1]));
        assert_eq!(cyclotomic(6), Some(vec![1, -1, 1]));
        assert_eq!(cyclotomic(12), Some(vec![1, 0, -1, 0, 1]));
        let p105 = cyclotomic(105).unwrap();
        assert_eq!(p105.len(), 49);
        assert_eq!(p105[7], -2);
    }

    #[test]
    fn bad_profiles() {
        assert!(Profile::new(&[(0, 1)]).is_err());
        assert!(Profile::new(&[(MAX_ORDER + 1, 1)]).is_err());
        assert!(Profile::cyclic(0).is_err());
        assert_eq!(Profile::new(&[(2, 1), (2, -1)]).unwrap().terms(), &[]);
    }
}
