//! Property tests: every fast operation against a naive O(N^2) reference on rationals,
//! the identities exp(log f) = f, log(exp f) = f, f * (1/f) = 1, sqrt(f)^2 = f,
//! f(reversion(f)) = x, ring laws, and the canonical-form invariant after each operation.

// Index loops mirror the formulas of the references they check.
#![allow(clippy::needless_range_loop)]

use anyon_series::{Polynomial, Rational, RationalFunction, Series};
use proptest::prelude::*;

/// The naive reference: series as vectors of reduced rationals.
mod naive {
    use anyon_series::Rational;

    pub fn zero() -> Rational {
        Rational::from(0)
    }

    pub fn get(a: &[Rational], k: usize) -> Rational {
        a.get(k).cloned().unwrap_or_else(zero)
    }

    pub fn mul(a: &[Rational], b: &[Rational], n: usize) -> Vec<Rational> {
        (0..n)
            .map(|k| {
                let mut s = zero();
                for i in 0..=k {
                    s += get(a, i) * get(b, k - i);
                }
                s
            })
            .collect()
    }

    /// g_0 = 1/a_0, g_k = -(1/a_0) sum_{j=1..k} a_j g_{k-j}
    pub fn inverse(a: &[Rational], n: usize) -> Vec<Rational> {
        let inv0 = Rational::from(1) / get(a, 0);
        let mut g: Vec<Rational> = Vec::new();
        for k in 0..n {
            if k == 0 {
                g.push(inv0.clone());
                continue;
            }
            let mut s = zero();
            for j in 1..=k {
                s += get(a, j) * &g[k - j];
            }
            g.push(-(s * &inv0));
        }
        g
    }

    /// k g_k = sum_{j=1..k} j a_j g_{k-j}
    pub fn exp(a: &[Rational], n: usize) -> Vec<Rational> {
        let mut g: Vec<Rational> = Vec::new();
        for k in 0..n {
            if k == 0 {
                g.push(Rational::from(1));
                continue;
            }
            let mut s = zero();
            for j in 1..=k {
                s += Rational::from(j as u64) * get(a, j) * &g[k - j];
            }
            g.push(s / Rational::from(k as u64));
        }
        g
    }

    /// f_0 = 1: k f_k = sum_{j=1..k} j g_j f_{k-j}, solved for g_k.
    pub fn log(f: &[Rational], n: usize) -> Vec<Rational> {
        let mut g = vec![zero(); n];
        for k in 1..n {
            let mut s = Rational::from(k as u64) * get(f, k);
            for j in 1..k {
                s -= Rational::from(j as u64) * &g[j] * get(f, k - j);
            }
            g[k] = s / Rational::from(k as u64);
        }
        g
    }

    pub fn compose(f: &[Rational], g: &[Rational], n: usize) -> Vec<Rational> {
        let mut acc = vec![zero(); n];
        for k in (0..f.len()).rev() {
            acc = mul(&acc, g, n);
            if n > 0 {
                acc[0] += get(f, k);
            }
        }
        acc
    }
}

fn rational() -> impl Strategy<Value = Rational> {
    (-9i64..=9, 1i64..=5).prop_map(|(n, d)| Rational::from_signeds(n, d))
}

fn nonzero_rational() -> impl Strategy<Value = Rational> {
    rational().prop_filter("nonzero", |r| *r != 0u32)
}

/// (coefficients, order) with the coefficients possibly shorter than the order.
fn series_data(max_order: usize) -> impl Strategy<Value = (Vec<Rational>, usize)> {
    (1..=max_order).prop_flat_map(|n| (proptest::collection::vec(rational(), 0..=n), Just(n)))
}

fn make(cs: &[Rational], n: usize) -> Series {
    let s = Series::from_coefficients(cs, n).unwrap();
    assert!(s.is_valid());
    s
}

fn coeffs(s: &Series) -> Vec<Rational> {
    assert!(s.is_valid(), "invariant broken: {s:?}");
    s.coefficients()
}

fn with_constant(mut cs: Vec<Rational>, c: Rational) -> Vec<Rational> {
    if cs.is_empty() {
        cs.push(c);
    } else {
        cs[0] = c;
    }
    cs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn mul_matches_naive((a, na) in series_data(24), (b, nb) in series_data(24)) {
        let (sa, sb) = (make(&a, na), make(&b, nb));
        let p = &sa * &sb;
        let va = sa.valuation().unwrap_or(na);
        let vb = sb.valuation().unwrap_or(nb);
        prop_assert_eq!(p.order(), (na + vb).min(nb + va));
        let n = p.order();
        prop_assert_eq!(coeffs(&p), naive::mul(&sa.coefficients(), &sb.coefficients(), n));
    }

    #[test]
    fn ring_laws((a, na) in series_data(16), (b, nb) in series_data(16), (c, nc) in series_data(16)) {
        let (a, b, c) = (make(&a, na), make(&b, nb), make(&c, nc));
        prop_assert!((&a + &b).agrees_with(&(&b + &a)));
        prop_assert!((&a * &b).agrees_with(&(&b * &a)));
        prop_assert!((&(&a * &b) * &c).agrees_with(&(&a * &(&b * &c))));
        prop_assert!((&a * &(&b + &c)).agrees_with(&(&(&a * &b) + &(&a * &c))));
        prop_assert!((&(&a - &b) + &b).agrees_with(&a));
        let s = &a + &b;
        prop_assert!(s.is_valid());
        prop_assert_eq!(s.order(), na.min(nb));
    }

    #[test]
    fn inverse_times_f_is_one((a, n) in series_data(30), c in nonzero_rational()) {
        let a = with_constant(a, c);
        let f = make(&a, n);
        let g = f.inverse().unwrap();
        prop_assert_eq!(g.order(), n);
        prop_assert_eq!(coeffs(&g), naive::inverse(&f.coefficients(), n));
        let one = &f * &g;
        prop_assert_eq!(one, Series::one(n).unwrap());
    }

    #[test]
    fn exp_matches_naive_and_log_inverts_it((a, n) in series_data(40)) {
        let a = with_constant(a, Rational::from(0));
        let f = make(&a, n);
        let e = f.exp().unwrap();
        prop_assert_eq!(coeffs(&e), naive::exp(&f.coefficients(), n));
        let back = e.log().unwrap();
        prop_assert!(back.is_valid());
        prop_assert_eq!(back, f);
    }

    #[test]
    fn log_matches_naive_and_exp_inverts_it((a, n) in series_data(40)) {
        let a = with_constant(a, Rational::from(1));
        let f = make(&a, n);
        let l = f.log().unwrap();
        prop_assert_eq!(coeffs(&l), naive::log(&f.coefficients(), n));
        let back = l.exp().unwrap();
        prop_assert!(back.is_valid());
        prop_assert_eq!(back, f);
    }

    #[test]
    fn sqrt_squared_is_f((a, n) in series_data(24)) {
        let a = with_constant(a, Rational::from(1));
        let f = make(&a, n);
        let s = f.sqrt().unwrap();
        prop_assert!(s.is_valid());
        prop_assert_eq!(&s * &s, f);
    }

    #[test]
    fn rational_power_laws((a, n) in series_data(16), p in -4i64..=4, q in 1i64..=4) {
        let a = with_constant(a, Rational::from(1));
        let f = make(&a, n);
        let e = Rational::from_signeds(p, q);
        let g = f.pow(&e).unwrap();
        prop_assert!(g.is_valid());
        // (f^(p/q))^q = f^p
        prop_assert_eq!(g.pow_int(q).unwrap(), f.pow_int(p).unwrap());
    }

    #[test]
    fn pow_int_matches_repeated_products((a, n) in series_data(16), k in 0i64..6) {
        let f = make(&a, n);
        let mut expected = Series::one(n).unwrap();
        for _ in 0..k {
            expected = &expected * &f;
        }
        let got = f.pow_int(k).unwrap();
        prop_assert!(got.is_valid());
        prop_assert!(got.agrees_with(&expected));
        prop_assert!(got.order() >= expected.order());
    }

    #[test]
    fn compose_matches_naive((a, na) in series_data(14), (b, nb) in series_data(14)) {
        let b = with_constant(b, Rational::from(0));
        let (f, g) = (make(&a, na), make(&b, nb));
        let h = f.compose(&g).unwrap();
        let n = h.order();
        let expected = naive::compose(&f.coefficients(), &g.coefficients(), n);
        prop_assert_eq!(coeffs(&h), expected);
    }

    #[test]
    fn reversion_is_a_compositional_inverse((a, n) in series_data(20), c in nonzero_rational()) {
        prop_assume!(n >= 2);
        let mut a = a;
        a.resize(a.len().max(2), Rational::from(0));
        a[0] = Rational::from(0);
        a[1] = c;
        let f = make(&a, n);
        let h = f.reversion().unwrap();
        prop_assert!(h.is_valid());
        let x = Series::x(n).unwrap();
        prop_assert_eq!(f.compose(&h).unwrap().truncate(n), x.clone());
        prop_assert_eq!(h.compose(&f).unwrap().truncate(n), x);
    }

    #[test]
    fn derivative_and_integral((a, n) in series_data(20)) {
        let f = make(&a, n);
        let d = f.derivative();
        prop_assert_eq!(d.order(), n - 1);
        let back = d.integral().unwrap();
        prop_assert!(back.is_valid());
        prop_assert_eq!(back, &f - &Series::from_coefficients(&[f.coefficient(0).unwrap()], n).unwrap());
    }

    #[test]
    fn adams_and_multisection((a, n) in series_data(12), k in 1usize..4, r in 0usize..4) {
        let f = make(&a, n);
        let g = f.adams(k).unwrap();
        prop_assert_eq!(g.order(), n * k);
        for i in 0..g.order() {
            let want = if i % k == 0 { f.coefficient(i / k).unwrap() } else { Rational::from(0) };
            prop_assert_eq!(g.coefficient(i).unwrap(), want);
        }
        let m = f.multisection(k, r).unwrap();
        prop_assert!(m.is_valid());
        let mut total = Series::zero(n).unwrap();
        for rr in 0..k {
            total = &total + &f.multisection(k, rr).unwrap();
        }
        prop_assert_eq!(total, f);
    }

    #[test]
    fn polynomial_division_and_gcd(a in proptest::collection::vec(rational(), 0..8),
                                   b in proptest::collection::vec(rational(), 1..6),
                                   c in proptest::collection::vec(rational(), 1..4)) {
        let (a, b, c) = (Polynomial::from_coefficients(&a), Polynomial::from_coefficients(&b),
                         Polynomial::from_coefficients(&c));
        prop_assume!(!b.is_zero() && !c.is_zero());
        let (q, r) = a.div_rem(&b).unwrap();
        prop_assert!(q.is_valid() && r.is_valid());
        prop_assert_eq!(&(&q * &b) + &r, a.clone());
        prop_assert!(r.degree().unwrap_or(0) < b.degree().unwrap_or(0) || r.is_zero());
        let g = (&a * &c).gcd(&(&b * &c));
        prop_assert!(g.is_valid());
        let expected = if a.is_zero() { (&b * &c).monic() } else { (&a.gcd(&b) * &c).monic() };
        prop_assert_eq!(g, expected);
        let x = Rational::from_signeds(3, 7);
        prop_assert_eq!((&a * &b).eval(&x), a.eval(&x) * b.eval(&x));
    }

    #[test]
    fn rational_function_field_laws(a in proptest::collection::vec(rational(), 1..5),
                                    b in proptest::collection::vec(rational(), 1..5),
                                    c in proptest::collection::vec(rational(), 1..5),
                                    d in proptest::collection::vec(rational(), 1..5)) {
        let p = |v: &[Rational]| Polynomial::from_coefficients(v);
        prop_assume!(!p(&b).is_zero() && !p(&d).is_zero() && !p(&c).is_zero());
        let f = RationalFunction::new(p(&a), p(&b)).unwrap();
        let g = RationalFunction::new(p(&c), p(&d)).unwrap();
        prop_assert!(f.is_valid() && g.is_valid());
        let s = &f + &g;
        prop_assert!(s.is_valid());
        prop_assert_eq!(&s - &g, f.clone());
        let q = f.checked_div(&g).unwrap();
        prop_assert!(q.is_valid());
        prop_assert_eq!(&q * &g, f.clone());
        // Taylor expansion agrees with series division where q(0) != 0
        if f.denominator().valuation() == Some(0) {
            let n = 12;
            let t = f.taylor(n).unwrap();
            prop_assert!(t.is_valid());
            let num = Series::from_polynomial(f.numerator(), n).unwrap();
            let den = Series::from_polynomial(f.denominator(), n).unwrap();
            prop_assert_eq!(t, num.checked_div(&den).unwrap());
        }
        let dd = f.derivative();
        prop_assert!(dd.is_valid());
    }
}

#[test]
fn errors_name_the_offending_values() {
    let x = Series::x(5).unwrap();
    let two = Series::one(5).unwrap().scale(&Rational::from(2));
    let e = (&two + &x).log().unwrap_err().to_string();
    assert!(
        e.contains("constant term is 2") && e.contains("log(2)"),
        "{e}"
    );
    let e = x.inverse().unwrap_err().to_string();
    assert!(e.contains("zero constant term"), "{e}");
    let e = (&two + &x).exp().unwrap_err().to_string();
    assert!(e.contains("exp(2)"), "{e}");
    let e = x.compose(&(&two + &x)).unwrap_err().to_string();
    assert!(e.contains("g(0) = 2"), "{e}");
    let e = (&two + &x).sqrt().unwrap_err().to_string();
    assert!(e.contains("constant term is 2"), "{e}");
    let e = x.coefficient(5).unwrap_err().to_string();
    assert!(e.contains("x^5") && e.contains("O(x^5)"), "{e}");
    let e = Series::zero(1_000_000_000_000).unwrap_err().to_string();
    assert!(e.contains("1000000000000") && e.contains("limit"), "{e}");
    let e = x.sqrt().unwrap_err().to_string();
    assert!(e.contains("x^1") || e.contains("x^(1"), "{e}");
    let zero = Polynomial::zero();
    assert!(RationalFunction::new(Polynomial::one(), zero).is_err());
}

#[test]
fn displays() {
    let x = Polynomial::x();
    let one = Polynomial::one();
    let p = &(&one - &x.scale(&Rational::from(2)))
        + &x.pow(3).unwrap().scale(&Rational::from_signeds(-3, 4));
    assert_eq!(p.to_string(), "1 - 2x - 3/4*x^3");
    assert_eq!(p.to_latex(), "1 - 2 x - \\frac{3}{4} x^{3}");
    let f = RationalFunction::new(x.clone(), &one - &x).unwrap();
    assert_eq!(f.to_string(), "x/(1 - x)");
    assert_eq!(f.to_latex(), "\\frac{x}{1 - x}");
    let g = RationalFunction::new(one.clone(), x.pow(2).unwrap()).unwrap();
    assert_eq!(g.to_string(), "1/x^2");
    let s = Series::from_polynomial(&p, 3).unwrap();
    assert_eq!(s.to_string(), "1 - 2x + O(x^3)");
    assert_eq!(Series::zero(1).unwrap().to_string(), "O(x)");
    assert_eq!(
        Series::x(8)
            .unwrap()
            .exp()
            .unwrap()
            .to_latex()
            .split(" + ")
            .last(),
        Some("O(x^{8})")
    );
}

fn small_int() -> impl Strategy<Value = Rational> {
    (-3i64..=3).prop_map(Rational::from)
}

/// Orders well past the base-case cutoffs, so the Newton steps themselves are tested.
fn long_series(min: usize, max: usize) -> impl Strategy<Value = (Vec<Rational>, usize)> {
    (min..=max).prop_flat_map(|n| (proptest::collection::vec(small_int(), n..=n), Just(n)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn newton_paths_match_naive((a, n) in long_series(40, 130), halve in proptest::bool::ANY) {
        // integer coefficients (unit-constant fast path) or halves (rational path)
        let scale = if halve { Rational::from_signeds(1, 2) } else { Rational::from(1) };
        let a: Vec<Rational> = a.into_iter().map(|c| c * &scale).collect();
        let unit = with_constant(a.clone(), Rational::from(1));
        let f = make(&unit, n);
        prop_assert_eq!(coeffs(&f.inverse().unwrap()), naive::inverse(&unit, n));
        prop_assert_eq!(coeffs(&f.log().unwrap()), naive::log(&unit, n));
        let h = make(&with_constant(a, Rational::from(0)), n);
        prop_assert_eq!(coeffs(&h.exp().unwrap()), naive::exp(&h.coefficients(), n));
        let three = with_constant(unit.clone(), Rational::from(3));
        prop_assert_eq!(coeffs(&make(&three, n).inverse().unwrap()), naive::inverse(&three, n));
        // Force the Newton steps from the smallest base case on.
        let newton_exp = anyon_series::tuning::exp_with_cutoff(&h, 2).unwrap();
        prop_assert_eq!(coeffs(&newton_exp), naive::exp(&h.coefficients(), n));
        let newton_inv = anyon_series::tuning::inverse_with_cutoff(&f, 1).unwrap();
        prop_assert_eq!(coeffs(&newton_inv), naive::inverse(&unit, n));
    }
}
