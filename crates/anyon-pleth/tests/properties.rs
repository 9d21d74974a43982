//! Property tests of the plethystic operations: PLog(PE f) = f and PE(PLog g) = g to the
//! truncation order, PE against its definition exp(sum_k f(x^k)/k), the exact closed form
//! against the series, and Euler products against repeated series division.

use anyon_pleth::pleth::{euler_product, pe, pe_polynomial, plog};
use anyon_series::{Polynomial, Rational, Series};
use proptest::prelude::*;

fn rational() -> impl Strategy<Value = Rational> {
    (-6i64..=6, 1i64..=4).prop_map(|(n, d)| Rational::from_signeds(n, d))
}

fn series_with(c0: i64, ints: bool, max: usize) -> impl Strategy<Value = Series> {
    (1..=max).prop_flat_map(move |n| {
        let coeff = if ints {
            (-4i64..=4).prop_map(Rational::from).boxed()
        } else {
            rational().boxed()
        };
        proptest::collection::vec(coeff, n..=n).prop_map(move |mut cs| {
            cs[0] = Rational::from(c0);
            Series::from_coefficients(&cs, n).unwrap()
        })
    })
}

/// exp(sum_k f(x^k)/k), straight from the definition.
fn pe_by_definition(f: &Series) -> Series {
    let n = f.order();
    let mut sum = Series::zero(n).unwrap();
    for k in 1..n.max(1) {
        let term = f
            .adams(k)
            .unwrap()
            .truncate(n)
            .scale(&Rational::from_signeds(1, k as i64));
        sum = &sum + &term;
    }
    sum.exp().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn plog_inverts_pe_integer(f in series_with(0, true, 60)) {
        let g = pe(&f).unwrap();
        prop_assert!(g.is_valid());
        prop_assert_eq!(g.order(), f.order());
        prop_assert_eq!(plog(&g).unwrap(), f);
    }

    #[test]
    fn plog_inverts_pe_rational(f in series_with(0, false, 30)) {
        let g = pe(&f).unwrap();
        prop_assert!(g.is_valid());
        prop_assert_eq!(plog(&g).unwrap(), f);
    }

    #[test]
    fn pe_inverts_plog(g in series_with(1, false, 30)) {
        let l = plog(&g).unwrap();
        prop_assert!(l.is_valid());
        prop_assert_eq!(pe(&l).unwrap(), g);
    }

    #[test]
    fn pe_matches_its_definition(f in series_with(0, false, 20)) {
        prop_assert_eq!(pe(&f).unwrap(), pe_by_definition(&f));
    }

    #[test]
    fn exact_pe_of_integer_polynomials(cs in proptest::collection::vec(-3i64..=3, 1..8)) {
        let mut coefficients: Vec<Rational> = cs.into_iter().map(Rational::from).collect();
        coefficients.insert(0, Rational::from(0));
        let p = Polynomial::from_coefficients(&coefficients);
        let closed = pe_polynomial(&p).unwrap();
        prop_assert!(closed.is_valid());
        let n = 30;
        let series = pe(&Series::from_polynomial(&p, n).unwrap()).unwrap();
        prop_assert_eq!(closed.taylor(n).unwrap(), series);
        let back = anyon_pleth::pleth::plog_rational(&closed).unwrap();
        prop_assert_eq!(back, Some(p));
    }

    #[test]
    fn euler_product_matches_series_division(profile in proptest::collection::vec((1u64..12, -3i64..=3), 0..6)) {
        let n = 40;
        let mut expected = Series::one(n).unwrap();
        for &(d, a) in &profile {
            let factor = Series::from_polynomial(
                &(&Polynomial::one() - &Polynomial::x().pow(d).unwrap()), n).unwrap();
            expected = &expected * &factor.pow_int(-a).unwrap();
        }
        prop_assert_eq!(euler_product(&profile, n).unwrap(), expected);
    }
}

#[test]
fn pe_and_plog_refuse_bad_constant_terms() {
    let one = Series::one(5).unwrap();
    let e = pe(&one).unwrap_err().to_string();
    assert!(
        e.contains("constant term is 1") && e.contains("f(0) = 0"),
        "{e}"
    );
    let two = one.scale(&Rational::from(2));
    let e = plog(&two).unwrap_err().to_string();
    assert!(
        e.contains("constant term is 2") && e.contains("g(0) = 1"),
        "{e}"
    );
}
