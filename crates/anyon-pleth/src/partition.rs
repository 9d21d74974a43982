//! Partition functions of learning dynamics: `Z = prod_d (1 - x^d)^(-a_d)` for a group
//! with a character, the expected count `n(x) = x Z'/Z`, and the loss `exp(-n(x))`.

use std::fmt;

use anyon_series::{Polynomial, Rational, RationalFunction, Series};

use crate::arith;
use crate::error::Result;
use crate::group::Dynamic;
use crate::pleth;

/// The partition function of a dynamic, held as its order profile `a_d`:
/// `Z(x) = prod_d (1 - x^d)^(-a_d) = PE[sum_d a_d x^d]`.
///
/// # Examples
/// ```
/// use anyon_pleth::{Dynamic, PartitionFunction};
/// let z6 = PartitionFunction::of(&Dynamic::cyclic(6, 1)?)?;
/// assert_eq!(z6.rational_function()?.to_string(), "1/(1 - x + x^2)");
/// assert_eq!(z6.product_form(), "(1 - x^2)(1 - x^3)/((1 - x)(1 - x^6))");
/// assert_eq!(z6.cyclotomic_form(), "1/Phi_6");
/// assert_eq!(z6.count()?.to_string(), "(x - 2x^2)/(1 - x + x^2)");
/// assert_eq!(z6.loss()?.to_string(), "exp((-x + 2x^2)/(1 - x + x^2))");
/// # Ok::<(), anyon_pleth::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionFunction {
    name: String,
    profile: Vec<(u64, i64)>,
}

impl PartitionFunction {
    /// The partition function of a group with a character.
    ///
    /// # Errors
    /// As for [`Dynamic::order_profile`].
    pub fn of(dynamic: &Dynamic) -> Result<Self> {
        Ok(PartitionFunction {
            name: dynamic.to_string(),
            profile: dynamic.order_profile()?,
        })
    }

    /// `Z_(n, m)`: the cyclic group of order `n` with the character `chi_m`.
    ///
    /// # Errors
    /// As for [`Dynamic::cyclic`].
    pub fn cyclic(n: u64, m: u64) -> Result<Self> {
        Self::of(&Dynamic::cyclic(n, m)?)
    }

    /// A partition function from an order profile `(d, a_d)` (zeros dropped, `d` sorted).
    pub fn from_profile(name: impl Into<String>, profile: &[(u64, i64)]) -> Self {
        let mut merged: std::collections::BTreeMap<u64, i64> = std::collections::BTreeMap::new();
        for &(d, a) in profile {
            *merged.entry(d).or_insert(0) += a;
        }
        PartitionFunction {
            name: name.into(),
            profile: merged.into_iter().filter(|&(_, a)| a != 0).collect(),
        }
    }

    /// The name of the dynamic, e.g. `Z_6, chi_1`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The order profile `(d, a_d)`, `a_d != 0`, `d` ascending.
    pub fn profile(&self) -> &[(u64, i64)] {
        &self.profile
    }

    /// `PLog[Z] = sum_d a_d x^d`, the polynomial whose PE is `Z`.
    pub fn plog_polynomial(&self) -> Polynomial {
        let mut p = Polynomial::zero();
        for &(d, a) in &self.profile {
            p = &p + &Polynomial::monomial(Rational::from(a), d as usize);
        }
        p
    }

    /// `Z` as an exact, reduced rational function.
    ///
    /// # Errors
    /// Size limits of the core (cyclotomic degrees past the order limit).
    pub fn rational_function(&self) -> Result<RationalFunction> {
        pleth::euler_product_rational(&self.profile)
    }

    /// The Taylor series of `Z` to `O(x^order)`.
    ///
    /// # Errors
    /// Order limits and cancellation from the core.
    pub fn series(&self, order: usize) -> Result<Series> {
        pleth::euler_product(&self.profile, order)
    }

    /// The product form `prod_d (1 - x^d)^(-a_d)` as text: factors with `a_d < 0` on top.
    pub fn product_form(&self) -> String {
        let factor = |d: u64, k: u64| {
            let base = if d == 1 {
                "(1 - x)".to_string()
            } else {
                format!("(1 - x^{d})")
            };
            if k == 1 { base } else { format!("{base}^{k}") }
        };
        let top: Vec<String> = self
            .profile
            .iter()
            .filter(|&&(_, a)| a < 0)
            .map(|&(d, a)| factor(d, a.unsigned_abs()))
            .collect();
        let bottom: Vec<String> = self
            .profile
            .iter()
            .filter(|&&(_, a)| a > 0)
            .map(|&(d, a)| factor(d, a as u64))
            .collect();
        let top = if top.is_empty() {
            "1".to_string()
        } else {
            top.concat()
        };
        match bottom.len() {
            0 => top,
            1 => format!("{top}/{}", bottom[0]),
            _ => format!("{top}/({})", bottom.concat()),
        }
    }

    /// `Z = sign * prod_e Phi_e^(b_e)`: the cyclotomic exponents `(e, b_e)` and the sign.
    ///
    /// # Errors
    /// [`crate::Error::Zero`] for a profile entry with `d = 0`.
    pub fn cyclotomic_exponents(&self) -> Result<(i64, Vec<(u64, i64)>)> {
        pleth::cyclotomic_exponents(&self.profile)
    }

    /// The cyclotomic factorisation as text, e.g. `1/Phi_6` or `Phi_1^2 Phi_3/Phi_2`.
    pub fn cyclotomic_form(&self) -> String {
        let Ok((sign, exps)) = self.cyclotomic_exponents() else {
            return self.product_form();
        };
        let part = |e: u64, k: u64| {
            if k == 1 {
                format!("Phi_{e}")
            } else {
                format!("Phi_{e}^{k}")
            }
        };
        let top: Vec<String> = exps
            .iter()
            .filter(|&&(_, b)| b > 0)
            .map(|&(e, b)| part(e, b as u64))
            .collect();
        let bottom: Vec<String> = exps
            .iter()
            .filter(|&&(_, b)| b < 0)
            .map(|&(e, b)| part(e, b.unsigned_abs()))
            .collect();
        let mut top = if top.is_empty() {
            "1".to_string()
        } else {
            top.join(" ")
        };
        if sign < 0 {
            top = format!("-{top}");
        }
        match bottom.len() {
            0 => top,
            1 => format!("{top}/{}", bottom[0]),
            _ => format!("{top}/({})", bottom.join(" ")),
        }
    }

    /// The expected number of learnings `n(x) = x Z'/Z = sum_d a_d d x^d / (1 - x^d)`, exact.
    ///
    /// Built from the cyclotomic form: `x Z'/Z = x sum_e b_e Phi_e'/Phi_e`, whose
    /// denominator is the squarefree product of the `Phi_e` with `b_e != 0`; each
    /// `Phi_e` is coprime to its derivative, so the quotient is already reduced.
    ///
    /// # Errors
    /// Size limits of the core.
    pub fn count(&self) -> Result<RationalFunction> {
        let (_, exps) = self.cyclotomic_exponents()?;
        let phis: Vec<(Polynomial, i64)> = exps
            .iter()
            .map(|&(e, b)| Ok((arith::cyclotomic(e)?, b)))
            .collect::<Result<_>>()?;
        let mut den = Polynomial::one();
        for (phi, _) in &phis {
            den = &den * phi;
        }
        let mut num = Polynomial::zero();
        for (i, (phi, b)) in phis.iter().enumerate() {
            let mut term = phi.derivative().scale(&Rational::from(*b));
            for (j, (other, _)) in phis.iter().enumerate() {
                if i != j {
                    term = &term * other;
                }
            }
            num = &num + &term;
        }
        num = &num * &Polynomial::x();
        Ok(RationalFunction::from_coprime(num, den)?)
    }

    /// The predicted loss `exp(-n(x))`.
    ///
    /// # Errors
    /// As for [`PartitionFunction::count`].
    pub fn loss(&self) -> Result<Loss> {
        Ok(Loss {
            count: self.count()?,
            at_infinity: self
                .profile
                .iter()
                .map(|&(d, a)| a as i128 * d as i128)
                .sum(),
        })
    }
}

impl fmt::Display for PartitionFunction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Z[{}] = {}", self.name, self.product_form())
    }
}

/// The loss curve `exp(-n(x))` of a partition function, as an exact object: it knows the
/// closed form of its exponent and its limits at `x -> 0` (1) and `x -> inf`
/// (`exp(sum_d a_d d)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loss {
    count: RationalFunction,
    at_infinity: i128,
}

impl Loss {
    /// The count `n(x)`; the loss is `exp(-n(x))`.
    pub fn count(&self) -> &RationalFunction {
        &self.count
    }

    /// The exponent `-n(x)` as a rational function.
    pub fn exponent(&self) -> RationalFunction {
        -&self.count
    }

    /// The exponent's limit as `x -> 0`: 0, so the loss tends to 1.
    pub fn exponent_at_zero(&self) -> Rational {
        Rational::from(0)
    }

    /// The exponent's limit as `x -> inf`: `-n(inf) = sum_d a_d d`.
    pub fn exponent_at_infinity(&self) -> Rational {
        Rational::from(self.at_infinity)
    }

    /// The exponent's value at a rational `x` (the loss is `exp` of it).
    ///
    /// # Errors
    /// [`anyon_series::Error::Pole`] where `n(x)` has a pole.
    pub fn exponent_at(&self, x: &Rational) -> Result<Rational> {
        Ok(self.exponent().eval(x)?)
    }

    /// The LaTeX form `\exp\left(...\right)`.
    pub fn to_latex(&self) -> String {
        format!("\\exp\\left({}\\right)", self.exponent().to_latex())
    }
}

impl fmt::Display for Loss {
    /// `exp((-x + 2x^2)/(1 - x + x^2))`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exp({})", self.exponent())
    }
}
