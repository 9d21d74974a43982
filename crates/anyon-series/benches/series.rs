//! Criterion benchmarks of the series kernels at N = 100 .. 4000: multiplication,
//! inverse, exp and log, on integer inputs and on inputs with factorial denominators.
//!
//! `cargo bench -p anyon-series` (add `-- exp` to filter). Medians are in
//! target/criterion; the workloads example times the anchor-comparable cases.

use std::hint::black_box;
use std::time::Duration;

use anyon_series::{Integer, Natural, Series};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const SIZES: [usize; 5] = [100, 500, 1000, 2000, 4000];

/// Small integer coefficients with no pattern the kernels could exploit.
fn integer_series(n: usize, constant: i64) -> Series {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut c: Vec<Integer> = (0..n)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            Integer::from((state % 19) as i64 - 9)
        })
        .collect();
    if n > 0 {
        c[0] = Integer::from(constant);
    }
    Series::from_integers(c, n).expect("order within limits")
}

/// sum_{k>=1} x^k / k!, the exp-bell input (denominators up to (n-1)!).
fn factorial_series(n: usize) -> Series {
    let mut num = vec![Integer::from(0); n];
    let mut acc = Integer::from(1);
    for k in (1..n).rev() {
        num[k] = acc.clone();
        acc *= Integer::from(k as u64);
    }
    let den = Natural::try_from(acc).expect("positive");
    Series::from_parts(num, den, n).expect("order within limits")
}

fn bench_mul(c: &mut Criterion) {
    let mut g = c.benchmark_group("mul");
    for &n in &SIZES {
        let a = integer_series(n, 1);
        let b = integer_series(n, 3);
        g.bench_with_input(BenchmarkId::new("integer", n), &n, |bench, _| {
            bench.iter(|| black_box(&a * &b))
        });
        if n <= 1000 {
            let f = factorial_series(n);
            g.bench_with_input(BenchmarkId::new("factorial", n), &n, |bench, _| {
                bench.iter(|| black_box(&f * &f))
            });
        }
    }
    g.finish();
}

/// The representation choice: the same products with one reduced rational per
/// coefficient (schoolbook, as a per-coefficient design would do them).
fn bench_representation(c: &mut Criterion) {
    let mut g = c.benchmark_group("representation");
    for &n in &[100usize, 300] {
        let f = factorial_series(n);
        let a = integer_series(n, 1);
        let fr = f.coefficients();
        let ar = a.coefficients();
        let naive = |x: &[anyon_series::Rational], y: &[anyon_series::Rational]| {
            let mut out = vec![anyon_series::Rational::from(0); n];
            for (i, xi) in x.iter().enumerate() {
                for (j, yj) in y.iter().enumerate().take(n - i) {
                    out[i + j] += xi * yj;
                }
            }
            out
        };
        g.bench_with_input(
            BenchmarkId::new("common-den-factorial", n),
            &n,
            |bench, _| bench.iter(|| black_box(&f * &f)),
        );
        g.bench_with_input(
            BenchmarkId::new("rational-vec-factorial", n),
            &n,
            |bench, _| bench.iter(|| black_box(naive(&fr, &fr))),
        );
        g.bench_with_input(BenchmarkId::new("common-den-integer", n), &n, |bench, _| {
            bench.iter(|| black_box(&a * &a))
        });
        g.bench_with_input(
            BenchmarkId::new("rational-vec-integer", n),
            &n,
            |bench, _| bench.iter(|| black_box(naive(&ar, &ar))),
        );
    }
    g.finish();
}

fn bench_inverse(c: &mut Criterion) {
    let mut g = c.benchmark_group("inverse");
    for &n in &SIZES {
        let unit = integer_series(n, 1);
        let three = integer_series(n.min(1000), 3);
        g.bench_with_input(BenchmarkId::new("unit-constant", n), &n, |bench, _| {
            bench.iter(|| black_box(unit.inverse().expect("invertible")))
        });
        if n <= 1000 {
            g.bench_with_input(BenchmarkId::new("constant-3", n), &n, |bench, _| {
                bench.iter(|| black_box(three.inverse().expect("invertible")))
            });
        }
    }
    g.finish();
}

fn bench_exp(c: &mut Criterion) {
    let mut g = c.benchmark_group("exp");
    for &n in &SIZES {
        let h = integer_series(n, 0);
        g.bench_with_input(BenchmarkId::new("integer", n), &n, |bench, _| {
            bench.iter(|| black_box(h.exp().expect("exp")))
        });
        if n <= 2000 {
            let f = factorial_series(n);
            g.bench_with_input(BenchmarkId::new("exp-bell", n), &n, |bench, _| {
                bench.iter(|| black_box(f.exp().expect("exp")))
            });
        }
    }
    g.finish();
}

fn bench_log(c: &mut Criterion) {
    let mut g = c.benchmark_group("log");
    for &n in &SIZES {
        let f = integer_series(n, 1);
        g.bench_with_input(BenchmarkId::new("integer", n), &n, |bench, _| {
            bench.iter(|| black_box(f.log().expect("log")))
        });
    }
    g.finish();
}

/// The cut-over between the O(n^2) base cases and Newton iteration: each size is run
/// entirely by the base case (cutoff = n) and entirely by Newton (cutoff = 1).
fn bench_cutover(c: &mut Criterion) {
    let mut g = c.benchmark_group("cutover");
    for &n in &[8usize, 16, 32, 64, 128, 256, 512] {
        let unit = integer_series(n, 1);
        let h = integer_series(n, 0);
        let half = h.scale(&anyon_series::Rational::from_signeds(1, 2));
        for (name, cutoff) in [("base", n), ("newton", 1)] {
            g.bench_with_input(
                BenchmarkId::new(format!("inverse-{name}"), n),
                &n,
                |bench, _| {
                    bench.iter(|| {
                        black_box(anyon_series::tuning::inverse_with_cutoff(&unit, cutoff))
                    })
                },
            );
            g.bench_with_input(
                BenchmarkId::new(format!("exp-int-{name}"), n),
                &n,
                |bench, _| {
                    bench.iter(|| black_box(anyon_series::tuning::exp_with_cutoff(&h, cutoff)))
                },
            );
            g.bench_with_input(
                BenchmarkId::new(format!("exp-half-{name}"), n),
                &n,
                |bench, _| {
                    bench.iter(|| black_box(anyon_series::tuning::exp_with_cutoff(&half, cutoff)))
                },
            );
        }
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    targets = bench_mul, bench_representation, bench_inverse, bench_exp, bench_log, bench_cutover
}
criterion_main!(benches);
