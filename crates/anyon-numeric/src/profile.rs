//! Order profiles: the integer data `(d, a_d)` of `Z(x) = prod_d (1 - x^d)^(-a_d)`.

use anyon_pleth::{arith, pleth};

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
        let number_theory = |e: anyon_pleth::Error| invalid(e.to_string());
        let pairs: Vec<(u32, i64)> = arith::divisors(u64::from(n))
            .map_err(number_theory)?
            .into_iter()
            .map(|d| Ok((d as u32, arith::ramanujan_sum(d, m).map_err(number_theory)?)))
            .collect::<Result<_>>()?;
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
        let profile: Vec<(u64, i64)> = self.terms.iter().map(|&(d, a)| (u64::from(d), a)).collect();
        // pleth writes Z = sign * prod_k Phi_k^(b'_k) with b'_k = -b_k; every d here is
        // at least 1, so it cannot fail.
        pleth::cyclotomic_exponents(&profile)
            .map(|(_, exps)| exps.into_iter().map(|(k, b)| (k as u32, -b)).collect())
            .unwrap_or_default()
    }
}

/// Integer coefficients (low to high) of the cyclotomic polynomial `Phi_k`, or `None`
/// if a coefficient would not fit in an `i64`.
pub(crate) fn cyclotomic(k: u32) -> Option<Vec<i64>> {
    let phi = arith::cyclotomic(u64::from(k)).ok()?;
    phi.numerators()
        .iter()
        .map(|c| i64::try_from(c).ok())
        .collect()
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
