//! The post's formulas, checked: closed forms of Z_1, Z_2, Z_6, the count table of
//! THEORY.md section 5, the erratum in the printed Loss(Z_6), Z_12 against Z_6, and a
//! snapshot table of Z_(n,m) for new orders and characters.

use std::fmt::Write as _;

use anyon_pleth::{Dynamic, Group, PartitionFunction, pleth};
use anyon_series::{Polynomial, Rational, RationalFunction};

fn x() -> Polynomial {
    Polynomial::x()
}

fn one() -> Polynomial {
    Polynomial::one()
}

fn rf(num: Polynomial, den: Polynomial) -> RationalFunction {
    RationalFunction::new(num, den).unwrap()
}

fn z(n: u64, m: u64) -> PartitionFunction {
    PartitionFunction::cyclic(n, m).unwrap()
}

#[test]
fn closed_forms_of_the_post() {
    // Z_1 = 1/(1 - x), Z_2 = 1 + x, Z_6 = (1 + x)/(1 + x^3)
    assert_eq!(
        z(1, 1).rational_function().unwrap(),
        rf(one(), &one() - &x())
    );
    assert_eq!(
        z(2, 1).rational_function().unwrap(),
        RationalFunction::from(&one() + &x())
    );
    let z6 = rf(&one() + &x(), &one() + &x().pow(3).unwrap());
    assert_eq!(z(6, 1).rational_function().unwrap(), z6);
    assert_eq!(z6.to_string(), "1/(1 - x + x^2)");
    // Z_3 = 1 + x + x^2
    assert_eq!(
        z(3, 1).rational_function().unwrap().to_string(),
        "1 + x + x^2"
    );
    // PLog[Z_6] = x - x^2 - x^3 + x^6
    assert_eq!(z(6, 1).plog_polynomial().to_string(), "x - x^2 - x^3 + x^6");
    assert_eq!(
        pleth::plog_rational(&z6).unwrap().unwrap().to_string(),
        "x - x^2 - x^3 + x^6"
    );
}

#[test]
fn count_table_of_section_5() {
    let table = [
        (1, "x/(1 - x)"),
        (2, "x/(1 + x)"),
        (3, "(x + 2x^2)/(1 + x + x^2)"),
        (6, "(x - 2x^2)/(1 - x + x^2)"),
    ];
    for (n, count) in table {
        let c = z(n, 1).count().unwrap();
        assert!(c.is_valid());
        assert_eq!(c.to_string(), count, "count(Z_{n})");
        // and x Z'/Z computed the long way agrees
        let zz = z(n, 1).rational_function().unwrap();
        let long = (&RationalFunction::from(x()) * &zz.derivative())
            .checked_div(&zz)
            .unwrap();
        assert_eq!(c, long);
    }
    // limits of the loss at x -> inf: e, 1/e, e^-2, e^2
    let limits = [(1, 1), (2, -1), (3, -2), (6, 2)];
    for (n, e) in limits {
        assert_eq!(
            z(n, 1).loss().unwrap().exponent_at_infinity(),
            Rational::from(e),
            "Z_{n}"
        );
    }
}

#[test]
fn erratum_printed_loss_of_z6_is_not_exp_of_minus_count() {
    let loss = z(6, 1).loss().unwrap();
    let x2 = x().pow(2).unwrap();
    let den = &(&x2 - &x()) + &one(); // x^2 - x + 1
    // The post prints Loss(Z_6) ~ exp((x - 2x^2)/(x^2 - x + 1)).
    let printed = rf(&x() - &x2.scale(&Rational::from(2)), den.clone());
    // Its own derivation gives exp(-n(x)) = exp((2x^2 - x)/(x^2 - x + 1)).
    let correct = rf(&x2.scale(&Rational::from(2)) - &x(), den);
    assert_ne!(
        loss.exponent(),
        printed,
        "the printed formula is the erratum"
    );
    assert_eq!(loss.exponent(), correct);
    assert_eq!(printed, -&correct);
    assert_eq!(loss.to_string(), "exp((-x + 2x^2)/(1 - x + x^2))");
    // The printed one tends to e^-2, the post's own plot settles at e^2.
    assert_eq!(loss.exponent_at_infinity(), Rational::from(2));
    let big = Rational::from(10i64.pow(9));
    let printed_far = printed.eval(&big).unwrap();
    assert!(printed_far < -1 && printed_far > -3);
}

#[test]
fn z12_equals_z6_for_m1_but_not_for_other_characters() {
    assert_eq!(
        z(12, 1).rational_function().unwrap(),
        z(6, 1).rational_function().unwrap()
    );
    let mut distinct = std::collections::BTreeSet::new();
    for m in 0..12 {
        distinct.insert(z(12, m).rational_function().unwrap().to_string());
    }
    // chi_m and chi_(12-m) are conjugate and give the same Z; gcd(m, 12) decides it.
    assert_eq!(distinct.len(), 6);
    assert_ne!(
        z(12, 2).rational_function().unwrap(),
        z(6, 2).rational_function().unwrap()
    );
}

#[test]
fn other_characters_of_theory_section_3() {
    let x = x();
    let one = one();
    let p = |v: &[i64]| {
        Polynomial::from_coefficients(&v.iter().map(|&c| Rational::from(c)).collect::<Vec<_>>())
    };
    // Z_{6,2} = (1 - x + x^2)(1 + x + x^2)^2
    let want = &p(&[1, -1, 1]) * &p(&[1, 1, 1]).pow(2).unwrap();
    assert_eq!(
        z(6, 2).rational_function().unwrap(),
        RationalFunction::from(want)
    );
    // Z_{6,3} = (1 + x)^3 (1 - x + x^2)^2
    let want = &(&one + &x).pow(3).unwrap() * &p(&[1, -1, 1]).pow(2).unwrap();
    assert_eq!(
        z(6, 3).rational_function().unwrap(),
        RationalFunction::from(want)
    );
    // Z_{4,2} = (1 + x)(1 + x^2)^2
    let want = &(&one + &x) * &p(&[1, 0, 1]).pow(2).unwrap();
    assert_eq!(
        z(4, 2).rational_function().unwrap(),
        RationalFunction::from(want)
    );
}

/// A table of the partition functions of new orders and characters, for review in a
/// snapshot: closed form, cyclotomic form, count, loss limit, first coefficients.
#[test]
fn snapshot_of_new_orders_and_characters() {
    let mut out = String::new();
    let mut row = |name: String, pf: &PartitionFunction| {
        let s = pf.series(12).unwrap();
        let cs: Vec<String> = s.coefficients().iter().map(|c| c.to_string()).collect();
        let loss = pf.loss().unwrap();
        let _ = writeln!(
            out,
            "{name}\n  Z      = {}\n  cyclo  = {}\n  PLog   = {}\n  count  = {}\n  loss(inf) = exp({})\n  series = [{}]",
            pf.rational_function().unwrap(),
            pf.cyclotomic_form(),
            pf.plog_polynomial(),
            pf.count().unwrap(),
            loss.exponent_at_infinity(),
            cs.join(", ")
        );
    };
    for (n, ms) in [
        (3u64, vec![0u64, 1]),
        (4, vec![0, 1, 2]),
        (6, vec![0, 1, 2, 3]),
        (12, vec![1, 2, 3, 4, 6]),
        (30, vec![1]),
    ] {
        for m in ms {
            row(format!("Z_{n}, chi_{m}"), &z(n, m));
        }
    }
    let d4 = Group::dihedral(4).unwrap();
    for ch in d4.characters().unwrap() {
        let dynamic = Dynamic::new(d4.clone(), ch).unwrap();
        row(
            dynamic.to_string(),
            &PartitionFunction::of(&dynamic).unwrap(),
        );
    }
    let prod = Group::product(&[2, 2]).unwrap();
    for ch in prod.characters().unwrap() {
        let dynamic = Dynamic::new(prod.clone(), ch).unwrap();
        row(
            dynamic.to_string(),
            &PartitionFunction::of(&dynamic).unwrap(),
        );
    }
    insta::assert_snapshot!(out);
}
