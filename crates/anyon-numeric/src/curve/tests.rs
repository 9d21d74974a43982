//! Tests of the curve evaluation against exact rational arithmetic.

use super::*;
use anyon_series::Rational;
use malachite::base::num::arithmetic::traits::{Floor, PowerOf2};
use malachite::base::num::conversion::traits::RoundingFrom;
use malachite::base::rounding_modes::RoundingMode;

fn profiles() -> Vec<(&'static str, Profile)> {
    vec![
        ("Z1", Profile::cyclic(1).unwrap()),
        ("Z2", Profile::cyclic(2).unwrap()),
        ("Z3", Profile::cyclic(3).unwrap()),
        ("Z6", Profile::cyclic(6).unwrap()),
        ("Z30", Profile::cyclic(30).unwrap()),
        ("Z6,3", Profile::cyclic_character(6, 3).unwrap()),
        ("Z12,0", Profile::cyclic_character(12, 0).unwrap()),
        ("x^2 only", Profile::new(&[(2, 1)]).unwrap()),
        ("mixed", Profile::new(&[(1, 2), (5, -3), (7, 1)]).unwrap()),
    ]
}

fn rat(x: f64) -> Rational {
    Rational::try_from(x).unwrap()
}

fn to_f64(q: &Rational) -> f64 {
    f64::rounding_from(q, RoundingMode::Nearest).0
}

/// `n(x) = sum_d a_d d x^d / (1 - x^d)` exactly (x != 1).
fn exact_n(p: &Profile, x: &Rational) -> Rational {
    let one = Rational::from(1);
    let mut sum = Rational::from(0);
    for &(d, a) in p.terms() {
        let mut xd = one.clone();
        for _ in 0..d {
            xd *= x;
        }
        sum += Rational::from(a * i64::from(d)) * &xd / (&one - &xd);
    }
    sum
}

const PREC: u64 = 300;

fn round(q: Rational) -> Rational {
    let scale = Rational::power_of_2(PREC);
    Rational::from((q * &scale).floor()) / scale
}

/// `exp(q)` to about 2^-250 relative (Taylor series after halving, then squaring),
/// for `|q| <= 800` (beyond, the f64 result is 0 or inf anyway).
fn exp_ref(q: &Rational) -> Rational {
    let mut k = 0u32;
    let mut r = q.clone();
    assert!(to_f64(q).abs() <= 800.0, "exp_ref argument too large");
    if *q < 0 {
        // Fixed-point rounding is relative only for values >= 1: exp(q) = 1/exp(-q).
        return Rational::from(1) / exp_ref(&-q);
    }
    while to_f64(&r).abs() > 0.5 {
        r /= Rational::from(2);
        k += 1;
    }
    let mut term = Rational::from(1);
    let mut sum = Rational::from(1);
    for i in 1..60 {
        term = round(term * &r / Rational::from(i));
        sum += &term;
    }
    for _ in 0..k {
        sum = round(&sum * &sum);
    }
    sum
}

fn rel(a: f64, b: f64) -> f64 {
    if a == b { 0.0 } else { ((a - b) / b).abs() }
}

#[test]
fn n_x_matches_exact_rationals() {
    let xs = [
        1.0 / 1024.0,
        0.1,
        0.3,
        0.5,
        0.7,
        0.999,
        1.0 - 1.0 / 65536.0,
        1.0 + 1.0 / 65536.0,
        1.001,
        1.5,
        2.0,
        3.7,
        10.0,
        1e3,
        1e6,
    ];
    for (name, p) in profiles() {
        let scale: f64 = p
            .terms()
            .iter()
            .map(|&(d, a)| (a.abs() as f64) * f64::from(d))
            .sum();
        for &x in &xs {
            let exact = exact_n(&p, &rat(x));
            let want = to_f64(&exact);
            let got = p.n_x(x);
            // Relative, or absolute on the scale of the terms near a zero of n.
            let err = (got - want).abs();
            assert!(
                err <= 1e-12 * want.abs() || err <= 1e-14 * scale,
                "{name} n({x}) = {got}, exact {want}"
            );
            // The loss exp(-n) to 1e-12 relative, exp taken of the exact n.
            if want.abs() > 700.0 {
                continue;
            }
            let loss_ref = to_f64(&exp_ref(&-exact));
            assert!(rel(p.loss_x(x), loss_ref) < 1e-12, "{name} loss at x = {x}");
        }
    }
}

#[test]
fn loss_many_matches_high_precision_reference() {
    // Reference: t is a dyadic rational, x = exp(t) and exp(-n(x)) to ~2^-250.
    let mut ts: Vec<f64> = linspace(-2.0, 20.0, 41).unwrap();
    ts.extend(linspace(-50.0, 50.0, 23).unwrap());
    ts.extend([-1.3181, 1.3174, 1e-9, -1e-9, 0.03, -0.03, 0.6934, 0.7]);
    for (name, p) in profiles() {
        let eval = LossEvaluator::new(&p);
        let fast = loss_many(&p, &ts);
        let mut worst = 0.0f64;
        for (&t, &got) in ts.iter().zip(&fast) {
            let x = exp_ref(&rat(t));
            let n = exact_n(&p, &x);
            if to_f64(&n).abs() > 700.0 {
                assert!(!(1e-300..=1e300).contains(&got));
                continue;
            }
            let want = to_f64(&exp_ref(&-&n));
            // exp amplifies the unavoidable rounding of n by |n|: the loss can be no
            // more accurate than |n| ulps.
            let tol = 1e-14 * to_f64(&n).abs().max(1.0);
            let e = rel(got, want);
            worst = worst.max(e);
            assert!(
                e < tol,
                "{name} loss_many at t = {t}: {got} vs {want} (rel {e:e})"
            );
            assert!(
                rel(p.loss_t(t), want) < 10.0 * tol,
                "{name} loss_t at t = {t}"
            );
        }
        eprintln!(
            "{name}: fast = {}, worst relative error {worst:e}",
            eval.is_fast()
        );
    }
}

#[test]
fn z6_known_values() {
    let z6 = Profile::cyclic(6).unwrap();
    let got = format!(
        "{:.4} {:.4} {:.4} {:.12}",
        z6.loss_t(1.3174),
        z6.loss_t(-1.3181),
        z6.loss_t(50.0),
        z6.n_infinity().neg_exp()
    );
    assert_eq!(got, "8.6253 0.8567 7.3891 7.389056098931");
    // Locate the extrema on a fine grid.
    let ts = linspace(-3.0, 3.0, 600_001).unwrap();
    let ys = loss_many(&z6, &ts);
    let (imax, _) = ys
        .iter()
        .enumerate()
        .fold((0, f64::MIN), |a, (i, &y)| if y > a.1 { (i, y) } else { a });
    let (imin, _) = ys
        .iter()
        .enumerate()
        .fold((0, f64::MAX), |a, (i, &y)| if y < a.1 { (i, y) } else { a });
    assert_eq!(format!("{:.4} {:.4}", ts[imax], ys[imax]), "1.3170 8.6253");
    assert_eq!(format!("{:.4} {:.4}", ts[imin], ys[imin]), "-1.3170 0.8567");
}

trait NegExp {
    fn neg_exp(self) -> f64;
}
impl NegExp for f64 {
    fn neg_exp(self) -> f64 {
        (-self).exp()
    }
}

#[test]
fn limits_and_poles() {
    let z1 = Profile::cyclic(1).unwrap();
    assert_eq!(z1.n_t(f64::NEG_INFINITY), 0.0);
    assert_eq!(z1.n_t(f64::INFINITY), -1.0);
    assert_eq!(z1.n_x(0.0), 0.0);
    assert_eq!(z1.n_x(f64::INFINITY), -1.0);
    assert!(z1.n_x(1.0).is_nan());
    assert_eq!(z1.n_t(0.0), f64::NEG_INFINITY);
    assert_eq!(z1.n_t(-0.0), f64::INFINITY);
    assert_eq!(z1.loss_t(0.0), f64::INFINITY);
    assert_eq!(z1.loss_t(-0.0), 0.0);
    let eval = LossEvaluator::new(&z1);
    assert_eq!(eval.loss(0.0), f64::INFINITY);
    assert_eq!(eval.loss(-0.0), 0.0);
    assert!(z1.loss_t(f64::NAN).is_nan());
    // Finite everywhere on [-50, 50] for a pole-free profile, no overflow at the ends.
    let z6 = Profile::cyclic(6).unwrap();
    for t in linspace(-50.0, 50.0, 1001).unwrap() {
        assert!(z6.loss_t(t).is_finite());
    }
    assert!(z6.n_t(-50.0) > 0.0);
    assert!(rel(z6.n_t(-50.0), (-50f64).exp()) < 1e-12);
    // Reflection n(x) + n(1/x) = n(inf).
    for (_, p) in profiles() {
        for t in [0.1, 0.5, 1.5, 7.0] {
            let s = p.n_t(t) + p.n_t(-t);
            assert!((s - p.n_infinity()).abs() < 1e-9 * (1.0 + p.n_t(t).abs()));
        }
    }
    // Negative x by the direct sum: Z_1 at x = -1 is -1/2.
    assert!((z1.n_x(-1.0) + 0.5).abs() < 1e-15);
}

#[test]
fn large_profile_falls_back_to_scalar() {
    let p = Profile::cyclic(210).unwrap();
    let eval = LossEvaluator::new(&p);
    assert!(!eval.is_fast());
    let ts = [-1.0, 0.0, 0.5, 3.0];
    let many = loss_many(&p, &ts);
    for (t, y) in ts.iter().zip(many) {
        assert_eq!(y, p.loss_t(*t));
    }
    let mut out = [0.0; 3];
    assert!(eval.loss_into(&ts, &mut out).is_err());
}

#[test]
fn linspace_ends() {
    assert_eq!(linspace(0.0, 1.0, 3).unwrap(), vec![0.0, 0.5, 1.0]);
    assert!(linspace(0.0, 1.0, 1).is_err());
    assert!(linspace(f64::NAN, 1.0, 4).is_err());
}

#[test]
fn exp_block_matches_std() {
    let mut xs: Vec<f64> = linspace(-710.0, 710.0, 20_001).unwrap();
    xs.extend([
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -0.0,
        1e-300,
        -745.0,
        1e-17,
    ]);
    let mut ys = xs.clone();
    exp_block(&mut ys);
    for (&x, &y) in xs.iter().zip(&ys) {
        let want = x.exp();
        if want.is_nan() {
            assert!(y.is_nan());
        } else {
            assert!(
                y == want || rel(y, want) < 4e-16,
                "exp({x}) = {y}, std {want}"
            );
        }
    }
}
