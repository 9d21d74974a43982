//! Timed workloads with checksums, the contract shared with the anchor scripts.
//!
//! `cargo run --release --example workloads -- NAME N [--reps R]` computes the
//! coefficients c_0 .. c_(N-1) of workload NAME, R times (default 3), and prints
//! `NAME N len=N sha256=HEX ms=MEDIAN` where HEX is the SHA-256 of the coefficients
//! written as reduced fractions, one per line, and ms the median time of the
//! computation alone.

use std::process::ExitCode;
use std::time::Instant;

use anyon_pleth::{Dynamic, pleth};
use anyon_series::{Integer, Natural, Rational, Series};
use sha2::{Digest, Sha256};

/// The timed computation of a workload.
type Job = Box<dyn Fn() -> Result<Series, String>>;

/// One workload: builds its input (untimed), then runs the timed computation.
struct Workload {
    name: &'static str,
    help: &'static str,
    prepare: fn(usize) -> Result<Job, String>,
}

const WORKLOADS: &[Workload] = &[
    Workload {
        name: "exp-bell",
        help: "exp(f), f = sum_{k=1}^{N-1} x^k/k!  (Bell numbers B_k/k!)",
        prepare: exp_bell,
    },
    Workload {
        name: "log-partitions",
        help: "log(P), P = sum p(k) x^k  (sigma(k)/k)",
        prepare: log_partitions,
    },
    Workload {
        name: "zn-6",
        help: "Z_6 = prod_{d|6} (1 - x^d)^(-mu(d)), from the group Z_6 and its character chi_1",
        prepare: |n| zn(6, n),
    },
    Workload {
        name: "zn-30",
        help: "Z_30 (m = 1)",
        prepare: |n| zn(30, n),
    },
    Workload {
        name: "zn-210",
        help: "Z_210 (m = 1)",
        prepare: |n| zn(210, n),
    },
    Workload {
        name: "t12",
        help: "prod_{d|12} (1 - x^d)^(-phi(d)), the trivial character of Z_12",
        prepare: |n| zn_m(12, 0, n),
    },
    Workload {
        name: "pe-partitions",
        help: "PE[x/(1-x)] (the partition numbers)",
        prepare: pe_partitions,
    },
    Workload {
        name: "plog-partitions",
        help: "PLog of the partition series (all ones from x^1 on)",
        prepare: plog_partitions,
    },
];

fn zn(order: u64, n: usize) -> Result<Job, String> {
    zn_m(order, 1, n)
}

/// The whole derivation is timed: the group, its character's order profile, and the
/// Euler product to N terms.
fn zn_m(order: u64, m: u64, n: usize) -> Result<Job, String> {
    Ok(Box::new(move || {
        let dynamic = Dynamic::cyclic(order, m).map_err(|e| e.to_string())?;
        let profile = dynamic.order_profile().map_err(|e| e.to_string())?;
        pleth::euler_product(&profile, n).map_err(|e| e.to_string())
    }))
}

fn pe_partitions(n: usize) -> Result<Job, String> {
    let mut ones = vec![Integer::from(1); n];
    if n > 0 {
        ones[0] = Integer::from(0);
    }
    let f = Series::from_integers(ones, n).map_err(|e| e.to_string())?;
    Ok(Box::new(move || pleth::pe(&f).map_err(|e| e.to_string())))
}

fn plog_partitions(n: usize) -> Result<Job, String> {
    let p = Series::from_integers(partitions(n), n).map_err(|e| e.to_string())?;
    Ok(Box::new(move || pleth::plog(&p).map_err(|e| e.to_string())))
}

fn exp_bell(n: usize) -> Result<Job, String> {
    // Numerators (N-1)!/k! over the common denominator (N-1)!.
    let mut num = vec![Integer::from(0); n.max(1)];
    let mut acc = Integer::from(1);
    for k in (1..n).rev() {
        num[k] = acc.clone();
        acc *= Integer::from(k as u64);
    }
    let den = Natural::try_from(acc).map_err(|_| "factorial is positive".to_string())?;
    let f = Series::from_parts(num, den, n).map_err(|e| e.to_string())?;
    Ok(Box::new(move || f.exp().map_err(|e| e.to_string())))
}

/// The partition numbers p(0..n) by the pentagonal-number recurrence.
fn partitions(n: usize) -> Vec<Integer> {
    let mut p = vec![Integer::from(0); n];
    if n > 0 {
        p[0] = Integer::from(1);
    }
    for m in 1..n {
        let mut acc = Integer::from(0);
        for k in 1.. {
            let g1 = k * (3 * k - 1) / 2;
            if g1 > m {
                break;
            }
            let sign_plus = k % 2 == 1;
            let g2 = k * (3 * k + 1) / 2;
            let mut t = p[m - g1].clone();
            if g2 <= m {
                t += &p[m - g2];
            }
            if sign_plus {
                acc += t;
            } else {
                acc -= t;
            }
        }
        p[m] = acc;
    }
    p
}

fn log_partitions(n: usize) -> Result<Job, String> {
    let p = Series::from_integers(partitions(n), n).map_err(|e| e.to_string())?;
    Ok(Box::new(move || p.log().map_err(|e| e.to_string())))
}

fn usage() -> String {
    let mut s = String::from("usage: workloads NAME N [--reps R]\nworkloads:\n");
    s.push_str(
        "  loss-z6            exp(-n(e^t)) for Z_6 at N points of [-2, 20] (f64; prints the sum)\n",
    );
    for w in WORKLOADS {
        s.push_str(&format!("  {:<18} {}\n", w.name, w.help));
    }
    s
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut reps = 3usize;
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--reps" {
            reps = args
                .get(i + 1)
                .and_then(|r| r.parse().ok())
                .filter(|&r| r > 0)
                .ok_or_else(|| format!("--reps needs a positive integer\n{}", usage()))?;
            i += 2;
        } else {
            pos.push(args[i].clone());
            i += 1;
        }
    }
    let [name, n] = pos.as_slice() else {
        return Err(usage());
    };
    let n: usize = n
        .parse()
        .map_err(|_| format!("N must be a nonnegative integer, got {n:?}\n{}", usage()))?;
    if name == "loss-z6" {
        return loss_z6(n, reps);
    }
    let w = WORKLOADS
        .iter()
        .find(|w| w.name == name)
        .ok_or_else(|| format!("unknown workload {name:?}\n{}", usage()))?;
    let job = (w.prepare)(n)?;
    let mut times = Vec::with_capacity(reps);
    let mut result = None;
    for _ in 0..reps {
        let t0 = Instant::now();
        let r = job()?;
        times.push(t0.elapsed().as_secs_f64() * 1e3);
        result = Some(r);
    }
    let series = result.ok_or("no repetition ran")?;
    let mut hasher = Sha256::new();
    let mut len = 0;
    for c in series.coefficients().iter().take(n) {
        hasher.update(fraction(c).as_bytes());
        hasher.update(b"\n");
        len += 1;
    }
    let median = median(&mut times);
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    println!("{name} {n} len={len} sha256={hex} ms={median:.3}");
    Ok(())
}

/// `loss(t) = exp(-n(e^t))` for Z_6 on `n` evenly spaced t in [-2, 20], in f64: the line
/// reports the median time and the sum of the values instead of a checksum.
fn loss_z6(n: usize, reps: usize) -> Result<(), String> {
    let z6 = anyon_numeric::Profile::cyclic(6).map_err(|e| e.to_string())?;
    let ts = anyon_numeric::linspace(-2.0, 20.0, n).map_err(|e| e.to_string())?;
    let eval = anyon_numeric::LossEvaluator::new(&z6);
    let mut out = vec![0.0; n];
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps {
        let t0 = Instant::now();
        eval.loss_into(&ts, &mut out).map_err(|e| e.to_string())?;
        times.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    let sum: f64 = out.iter().sum();
    println!(
        "loss-z6 {n} len={n} sum={sum:.15e} ms={:.3}",
        median(&mut times)
    );
    Ok(())
}

fn median(times: &mut [f64]) -> f64 {
    times.sort_by(|a, b| a.total_cmp(b));
    let k = times.len();
    if k % 2 == 1 {
        times[k / 2]
    } else {
        (times[k / 2 - 1] + times[k / 2]) / 2.0
    }
}

/// `p/q` with q > 0 and the sign on p, or `p` when q = 1.
fn fraction(c: &Rational) -> String {
    c.to_string()
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
