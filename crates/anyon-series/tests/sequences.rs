//! Known sequences as independent references: Bell numbers, partition numbers,
//! sigma(k)/k, the post's Z_6 series, and closed forms of classic series.

// Index loops mirror the formulas of the references they check.
#![allow(clippy::needless_range_loop)]

use anyon_series::{Integer, Natural, Polynomial, Rational, RationalFunction, Series};

fn r(n: i64, d: i64) -> Rational {
    Rational::from_signeds(n, d)
}

fn int(n: i64) -> Rational {
    Rational::from(n)
}

/// Bell numbers by the Bell triangle, independent of series arithmetic.
fn bell_numbers(n: usize) -> Vec<Integer> {
    let mut out = vec![Integer::from(1)];
    let mut row = vec![Integer::from(1)];
    while out.len() < n {
        let mut next = vec![row[row.len() - 1].clone()];
        for v in &row {
            let t = &next[next.len() - 1] + v;
            next.push(t);
        }
        out.push(next[0].clone());
        row = next;
    }
    out.truncate(n);
    out
}

/// Partition numbers by Euler's pentagonal recurrence.
fn partition_numbers(n: usize) -> Vec<Integer> {
    let mut p = vec![Integer::from(0); n];
    p[0] = Integer::from(1);
    for m in 1..n {
        let mut acc = Integer::from(0);
        let mut k: usize = 1;
        loop {
            let g1 = k * (3 * k - 1) / 2;
            if g1 > m {
                break;
            }
            let g2 = k * (3 * k + 1) / 2;
            let mut t = p[m - g1].clone();
            if g2 <= m {
                t += &p[m - g2];
            }
            if k % 2 == 1 {
                acc += t;
            } else {
                acc -= t;
            }
            k += 1;
        }
        p[m] = acc;
    }
    p
}

fn factorial(k: usize) -> Integer {
    (1..=k as u64).fold(Integer::from(1), |a, b| a * Integer::from(b))
}

#[test]
fn exp_of_exp_minus_one_gives_bell_numbers() {
    let n = 120;
    let cs: Vec<Rational> = (0..n)
        .map(|k| {
            if k == 0 {
                int(0)
            } else {
                Rational::from_integers(Integer::from(1), factorial(k))
            }
        })
        .collect();
    let e = Series::from_coefficients(&cs, n).unwrap().exp().unwrap();
    assert!(e.is_valid());
    let bell = bell_numbers(n);
    for k in 0..n {
        let got = e.coefficient(k).unwrap() * Rational::from(factorial(k));
        assert_eq!(got, Rational::from(bell[k].clone()), "B_{k}");
    }
    assert_eq!(bell[10], Integer::from(115975));
}

#[test]
fn inverse_euler_product_gives_partition_numbers() {
    // 1/prod_{k>=1} (1 - x^k) to O(x^101): p(100) = 190569292
    let n = 101;
    let mut prod = Series::one(n).unwrap();
    for k in 1..n {
        let factor = &Polynomial::one() - &Polynomial::x().pow(k as u64).unwrap();
        prod = &prod * &Series::from_polynomial(&factor, n).unwrap();
    }
    let p = prod.inverse().unwrap();
    assert!(p.is_valid());
    assert_eq!(p.coefficient(100).unwrap(), int(190_569_292));
    let reference = partition_numbers(n);
    for k in 0..n {
        assert_eq!(
            p.coefficient(k).unwrap(),
            Rational::from(reference[k].clone())
        );
    }
}

#[test]
fn log_of_partition_series_is_sigma_over_k() {
    let n = 400;
    let p = Series::from_integers(partition_numbers(n), n).unwrap();
    let l = p.log().unwrap();
    assert!(l.is_valid());
    assert_eq!(l.coefficient(0).unwrap(), int(0));
    for k in 1..n {
        let sigma: i64 = (1..=k as i64).filter(|d| k as i64 % d == 0).sum();
        assert_eq!(l.coefficient(k).unwrap(), r(sigma, k as i64), "k = {k}");
    }
}

#[test]
fn large_partition_values() {
    // p(1000) has 32 digits: 24061467864032622473692149727991
    let n = 1001;
    let p = partition_numbers(n);
    let pe = Series::from_integers(p, n).unwrap();
    let back = pe.log().unwrap().exp().unwrap();
    assert_eq!(back, pe);
    assert_eq!(
        back.coefficient(1000).unwrap().to_string(),
        "24061467864032622473692149727991"
    );
}

#[test]
fn z6_closed_form_and_taylor_series() {
    let x = Polynomial::x();
    let one = Polynomial::one();
    let z6 = RationalFunction::new(&one + &x, &one + &x.pow(3).unwrap()).unwrap();
    assert_eq!(z6.to_string(), "1/(1 - x + x^2)");
    let other = RationalFunction::new(one.clone(), &(&one - &x) + &x.pow(2).unwrap()).unwrap();
    assert_eq!(z6, other);
    let s = z6.taylor(12).unwrap();
    let expected = [1, 1, 0, -1, -1, 0, 1, 1, 0, -1, -1, 0];
    for (k, e) in expected.iter().enumerate() {
        assert_eq!(s.coefficient(k).unwrap(), int(*e));
    }
    // count n(x) = x Z'/Z
    let count = &(&RationalFunction::from(x.clone()) * &z6.derivative())
        .checked_div(&z6)
        .unwrap()
        + &RationalFunction::default();
    assert_eq!(count.to_string(), "(x - 2x^2)/(1 - x + x^2)");
    assert!(count.is_valid());
}

#[test]
fn classic_series() {
    let n = 12;
    let x = Series::x(n).unwrap();
    // log(1/(1-x)) = sum x^k/k
    let one = Series::one(n).unwrap();
    let geometric = (&one - &x).inverse().unwrap();
    let l = geometric.log().unwrap();
    for k in 1..n {
        assert_eq!(l.coefficient(k).unwrap(), r(1, k as i64));
    }
    // exp(x) = sum x^k/k!
    let e = x.exp().unwrap();
    for k in 0..n {
        assert_eq!(
            e.coefficient(k).unwrap(),
            Rational::from_integers(Integer::from(1), factorial(k))
        );
    }
    // sqrt(1 + x) = sum binom(1/2, k) x^k: 1, 1/2, -1/8, 1/16, -5/128
    let s = (&one + &x).sqrt().unwrap();
    let want = [r(1, 1), r(1, 2), r(-1, 8), r(1, 16), r(-5, 128), r(7, 256)];
    for (k, w) in want.iter().enumerate() {
        assert_eq!(&s.coefficient(k).unwrap(), w);
    }
    // reversion of x - x^2 is the Catalan generating function x C(x): 1, 1, 2, 5, 14, 42
    let f = &x - &(&x * &x);
    let h = f.reversion().unwrap();
    let cat = [0, 1, 1, 2, 5, 14, 42, 132, 429, 1430, 4862, 16796];
    for (k, c) in cat.iter().enumerate() {
        assert_eq!(h.coefficient(k).unwrap(), int(*c));
    }
    // exp(x)^(1/3) = exp(x/3)
    let cube = e.pow(&r(1, 3)).unwrap();
    assert_eq!(cube, x.scale(&r(1, 3)).exp().unwrap());
    // (4 + 4x)^(1/2) = 2 (1 + x)^(1/2): perfect-power constant terms are allowed
    let four = (&one + &x).scale(&int(4));
    assert_eq!(four.sqrt().unwrap(), s.scale(&int(2)));
}

#[test]
fn exp_bell_checksum_prefix_matches_flint_anchor_values() {
    // c_k = B_k / k!, printed as reduced fractions (the anchors' convention):
    // B_10 = 115975 = 5^2 * 4639 over 10! = 2^8 3^4 5^2 7, B_11 = 678570 over 11!.
    let n = 12;
    let mut num = vec![Integer::from(0); n];
    let mut acc = Integer::from(1);
    for k in (1..n).rev() {
        num[k] = acc.clone();
        acc *= Integer::from(k as u64);
    }
    let den = Natural::try_from(acc).unwrap();
    let e = Series::from_parts(num, den, n).unwrap().exp().unwrap();
    let text: Vec<String> = e.coefficients().iter().map(|c| c.to_string()).collect();
    assert_eq!(
        text,
        [
            "1",
            "1",
            "1",
            "5/6",
            "5/8",
            "13/30",
            "203/720",
            "877/5040",
            "23/224",
            "1007/17280",
            "4639/145152",
            "22619/1330560"
        ]
    );
}
