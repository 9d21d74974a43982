//! Factorisation over Q of the polynomials the language meets: powers of x,
//! cyclotomic factors, rational roots, and a squarefree decomposition of the rest.
//!
//! Complete for every partition function of a cyclic, abelian or dihedral dynamic
//! (products of cyclotomic polynomials); a remaining factor without rational roots or
//! cyclotomic factors is kept whole, which may leave it reducible.

use anyon_series::{Integer, Polynomial, Rational, RationalFunction, limits};
use malachite::base::num::arithmetic::traits::Abs;
use malachite::base::num::basic::traits::{One, Zero};

use super::error::Result;
use super::value::Factored;

/// The largest `n` whose cyclotomic polynomial `Phi_n` is tried (all of them for
/// degrees up to 100, since `phi(n) >= sqrt(n/2)`).
const CYCLOTOMIC_SCAN: u64 = 20_000;

/// The largest `|a_0|`, `|a_n|` whose divisors are tried as rational roots.
const ROOT_BOUND: u64 = 1 << 40;

/// Factors a rational function: numerator with positive, denominator with negative
/// multiplicities.
///
/// # Errors
/// A cancellation, or an error of the number theory.
pub fn factor_ratfunc(f: &RationalFunction) -> Result<Factored> {
    let (unit_n, mut num) = factor_polynomial(f.numerator())?;
    let (unit_d, den) = factor_polynomial(f.denominator())?;
    for (p, e) in den {
        if let Some(slot) = num.iter_mut().find(|(q, _)| *q == p) {
            slot.1 -= e;
        } else {
            num.push((p, -e));
        }
    }
    num.retain(|(_, e)| *e != 0);
    Ok(Factored {
        unit: unit_n / unit_d,
        factors: num,
    })
}

/// `(unit, [(factor, multiplicity)])` with primitive integer factors whose constant
/// term (or, for `x`, leading coefficient) is positive.
fn factor_polynomial(p: &Polynomial) -> Result<(Rational, Vec<(Polynomial, i64)>)> {
    if p.is_constant() {
        return Ok((p.coefficient(0), Vec::new()));
    }
    let mut factors = Vec::new();
    let v = p.valuation().unwrap_or(0);
    let mut rest = shift_down(p, v);
    if v > 0 {
        factors.push((Polynomial::x(), v as i64));
    }
    // cyclotomic factors
    let (cyclotomic, left) = anyon_pleth::pleth::split_cyclotomic_factors(&rest, CYCLOTOMIC_SCAN)?;
    rest = left;
    for (n, e) in cyclotomic {
        factors.push((normalise(&anyon_pleth::arith::cyclotomic(n)?), e as i64));
    }
    // rational roots r/s: r | a_0, s | a_n
    let prim = rest.primitive_part();
    if prim.degree().unwrap_or(0) > 0 {
        let a0 = prim
            .numerators()
            .first()
            .cloned()
            .unwrap_or(Integer::ZERO)
            .abs();
        let an = prim
            .numerators()
            .last()
            .cloned()
            .unwrap_or(Integer::ZERO)
            .abs();
        if let (Ok(a0), Ok(an)) = (u64::try_from(&a0), u64::try_from(&an))
            && a0 <= ROOT_BOUND
            && an <= ROOT_BOUND
            && a0 > 0
        {
            for r in anyon_pleth::arith::divisors(a0)? {
                for s in anyon_pleth::arith::divisors(an)? {
                    for sign in [1i64, -1] {
                        limits::check_cancel()?;
                        if rest.degree().unwrap_or(0) == 0 {
                            break;
                        }
                        let root = Rational::from_unsigneds(r, s) * Rational::from(sign);
                        if rest.eval(&root) != Rational::ZERO {
                            continue;
                        }
                        // s x - sign r, normalised
                        let lin = normalise(&Polynomial::from_coefficients(&[
                            -root.clone(),
                            Rational::ONE,
                        ]));
                        let mut e = 0i64;
                        while let Ok((q, rem)) = rest.div_rem(&lin) {
                            if !rem.is_zero() {
                                break;
                            }
                            rest = q;
                            e += 1;
                        }
                        if e > 0 {
                            factors.push((lin, e));
                        }
                    }
                }
            }
        }
    }
    // squarefree decomposition of what is left (Yun)
    if rest.degree().unwrap_or(0) > 0 {
        for (q, e) in yun(&rest)? {
            factors.push((normalise(&q), e));
        }
    }
    // the unit: p divided by the product of the normalised factors
    let mut product = Polynomial::one();
    for (q, e) in &factors {
        product = &product * &q.pow(*e as u64)?;
    }
    let unit = p.leading_coefficient() / product.leading_coefficient();
    Ok((unit, factors))
}

/// `p / x^v`.
fn shift_down(p: &Polynomial, v: usize) -> Polynomial {
    let cs = p.coefficients();
    Polynomial::from_coefficients(cs.get(v..).unwrap_or(&[]))
}

/// The primitive integer multiple with a positive constant term (positive leading
/// coefficient when the constant term is 0).
fn normalise(p: &Polynomial) -> Polynomial {
    let q = p.primitive_part();
    let lead = q
        .coefficients()
        .into_iter()
        .find(|c| *c != Rational::ZERO)
        .unwrap_or(Rational::ONE);
    if lead < Rational::ZERO { -&q } else { q }
}

/// Yun's squarefree decomposition: `[(a_i, i)]` with `p = c prod a_i^i`.
fn yun(p: &Polynomial) -> Result<Vec<(Polynomial, i64)>> {
    let mut out = Vec::new();
    let dp = p.derivative();
    let a0 = p.gcd(&dp);
    let mut b = p.div_rem(&a0)?.0;
    let c = dp.div_rem(&a0)?.0;
    let mut d = &c - &b.derivative();
    let mut i = 1i64;
    while b.degree().unwrap_or(0) > 0 {
        limits::check_cancel()?;
        let a = b.gcd(&d);
        let b_next = b.div_rem(&a)?.0;
        let c_next = d.div_rem(&a)?.0;
        d = &c_next - &b_next.derivative();
        if a.degree().unwrap_or(0) > 0 {
            out.push((a, i));
        }
        b = b_next;
        i += 1;
        if i > 1_000_000 {
            break;
        }
    }
    Ok(out)
}
