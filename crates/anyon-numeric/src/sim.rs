//! Monte Carlo of the learning dynamic: the cycle sampler with quantile bands, and the
//! signed-weight sampler that exhibits the sign problem of Z_6.
//!
//! # The cycle sampler and its reflection
//!
//! A concept at fugacity `x` has been learned `k` times with probability proportional to
//! `c_k x^k`, where `Z(x) = sum_k c_k x^k`; the mean count is `n(x) = x Z'/Z`. For Z_2,
//! Z_3 (any `Z` that is a polynomial with nonnegative coefficients) this is a draw over
//! the positions `j = 0..deg` of the cycle, valid for every `x > 0`. For Z_1 the weights
//! `x^k` on `k = 0, 1, 2, ...` are a geometric law, normalisable only for `x < 1`.
//!
//! For `x > 1` the same `Z` is expanded around `x = inf` instead. From
//! `1 - x^d = -x^d (1 - x^-d)`:
//!
//! ```text
//! Z(x) = (-1)^(b_1) x^(n(inf)) Z(1/x),   n(inf) = -sum_d a_d d,   b_1 = sum_d a_d
//! ```
//!
//! so `Z(x) = ± sum_k c_k x^(n(inf) - k)`: the weights are still "proportional to
//! `x^count`", now on the counts `n(inf) - k`, `k = 0, 1, ...`, with `c_k (1/x)^k`
//! normalisable for `x > 1` (the overall sign cancels in every ratio). This is the
//! **reflected** sampler: for Z_1, `count = -1 - K` with `K` geometric of ratio `1/x`,
//! whose mean `-1 - 1/(x - 1) = x/(1 - x)` is `n(x)` again. It is the identity
//! `n(x) = n(inf) - n(1/x)` read as a sampling recipe. Counts are negative for `x > 1`:
//! past the critical time the concept is "unlearned" on average, and the loss
//! `exp(-n)` exceeds 1 (Z_1 tends to `e`).
//!
//! Each replicate draws `M` concepts and reports `exp(-mean count)`; `R` replicates give
//! the mean and the 2.5 % / 97.5 % quantiles (linear interpolation) at every `t`.
//!
//! # The sign problem
//!
//! The Taylor coefficients of Z_6 = 1/(1 - x + x^2) are 1, 1, 0, -1, -1, 0, ... (period
//! 6): the weights `c_k x^k / Z` are a signed measure. The standard remedy samples from
//! `|c_k| x^k` and reweights by the sign; the average sign is
//! `Z/Z_abs = (1 - x^3)/(1 + x^3) = -tanh(3t/2)`, which vanishes at `t = 0`, so the
//! effective sample size `N <s>^2` collapses there (and the series diverges at `x = 1`).
//! [`signed_sampler_report`] measures this.

use crate::curve::linspace;
use crate::error::{Error, Result, invalid};
use crate::plot::Chart;
use crate::profile::{Profile, cyclotomic};
use crate::rng::Rng;

/// Settings of [`simulate_cycle`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CycleConfig {
    /// Concepts per replicate (`M`).
    pub concepts: usize,
    /// Replicates (`R`).
    pub replicates: usize,
    /// Seed of the random stream.
    pub seed: u64,
}

impl Default for CycleConfig {
    /// `M = 1000`, `R = 200`, seed 0.
    fn default() -> Self {
        CycleConfig {
            concepts: 1000,
            replicates: 200,
            seed: 0,
        }
    }
}

/// One `t` of a cycle simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct BandRow {
    /// Time.
    pub t: f64,
    /// The theory loss `exp(-n(e^t))`.
    pub theory: f64,
    /// Mean over replicates of `exp(-mean count)`.
    pub mean: f64,
    /// 2.5 % quantile of the replicate estimates.
    pub lo: f64,
    /// 97.5 % quantile of the replicate estimates.
    pub hi: f64,
    /// Mean count over all `M R` draws (estimates `n`).
    pub mean_count: f64,
}

/// The result of [`simulate_cycle`].
#[derive(Clone, Debug, PartialEq)]
pub struct CycleBands {
    /// One row per `t`.
    pub rows: Vec<BandRow>,
    /// The settings used.
    pub config: CycleConfig,
}

impl CycleBands {
    /// CSV text with the header `t,theory,mean,lo,hi`.
    pub fn to_csv(&self) -> String {
        let mut s = String::from("t,theory,mean,lo,hi\n");
        for r in &self.rows {
            s.push_str(&format!(
                "{},{},{},{},{}\n",
                r.t, r.theory, r.mean, r.lo, r.hi
            ));
        }
        s
    }

    /// A chart with the 95 % band, the replicate mean and the theory curve.
    pub fn chart(&self, name: &str) -> Result<Chart> {
        let ts: Vec<f64> = self.rows.iter().map(|r| r.t).collect();
        let lo = self.rows.iter().map(|r| r.lo).collect();
        let hi = self.rows.iter().map(|r| r.hi).collect();
        Chart::new(format!(
            "{name}: cycle sampler, M = {}, R = {}",
            self.config.concepts, self.config.replicates
        ))
        .x_label("t  (x = exp t)")
        .y_label("loss")
        .band("simulation 95% band", ts, lo, hi)
        .map(|c| {
            c.line(
                "simulation mean",
                self.rows.iter().map(|r| (r.t, r.mean)).collect(),
            )
            .line(
                "theory",
                self.rows.iter().map(|r| (r.t, r.theory)).collect(),
            )
        })
    }
}

/// The natural `t` range of a group's plot, as the post draws them: `[1, 10]` with a pole
/// at `t = 0` (Z_1), `[-2, 20]` when the loss settles above 1 (`n(inf) < 0`, Z_6),
/// `[-10, 10]` otherwise (Z_2, Z_3).
pub fn default_t_range(profile: &Profile) -> (f64, f64) {
    if profile.pole_order_at_one() != 0 {
        (1.0, 10.0)
    } else if profile.n_infinity() < 0.0 {
        (-2.0, 20.0)
    } else {
        (-10.0, 10.0)
    }
}

/// Taylor coefficients of `Z` at 0 up to degree `order`, in `f64`.
pub fn taylor_coefficients(profile: &Profile, order: usize) -> Vec<f64> {
    let mut c = vec![0.0; order + 1];
    c[0] = 1.0;
    for &(d, a) in profile.terms() {
        let d = d as usize;
        for _ in 0..a.unsigned_abs() {
            if a > 0 {
                for k in d..=order {
                    c[k] += c[k - d];
                }
            } else {
                for k in (d..=order).rev() {
                    c[k] -= c[k - d];
                }
            }
        }
    }
    c
}

/// The degree of `Z` if it is a polynomial (all cyclotomic exponents `b_k <= 0`).
fn polynomial_degree(profile: &Profile) -> Option<usize> {
    let exps = profile.cyclotomic_exponents();
    if exps.iter().any(|&(_, b)| b > 0) {
        return None;
    }
    exps.iter()
        .map(|&(k, b)| cyclotomic(k).map(|c| (c.len() - 1) * b.unsigned_abs() as usize))
        .sum()
}

const MAX_TRUNCATION: usize = 2_000_000;

/// Weights `c_k q^k` of the expansion at `t` and the map from `k` to the count:
/// `(weights, reflected)`, count `k` (at 0) or `n(inf) - k` (at infinity).
fn expansion(profile: &Profile, t: f64) -> Result<(Vec<f64>, bool)> {
    if let Some(deg) = polynomial_degree(profile) {
        let c = taylor_coefficients(profile, deg);
        let x = t.exp();
        let mut w = 1.0;
        let weights = c
            .iter()
            .map(|&ck| {
                let v = ck * w;
                w *= x;
                v
            })
            .collect::<Vec<f64>>();
        return if weights.iter().all(|w| w.is_finite()) {
            Ok((weights, false))
        } else {
            // Very large x: use the reflected polynomial (same weights reversed).
            let c = taylor_coefficients(profile, deg);
            let y = (-t).exp();
            let mut w = 1.0;
            Ok((
                c.iter()
                    .rev()
                    .map(|&ck| {
                        let v = ck * w;
                        w *= y;
                        v
                    })
                    .collect(),
                true,
            ))
        };
    }
    if t == 0.0 || !t.is_finite() {
        return Err(invalid(format!(
            "the series of Z diverges at t = {t} (|x| = 1): no sampler there"
        )));
    }
    let q = (-t.abs()).exp();
    let growth: i64 = profile.terms().iter().map(|&(_, a)| a.max(0)).sum();
    let k = ((45.0 + 10.0 * growth as f64) / t.abs()).ceil();
    if k > MAX_TRUNCATION as f64 {
        return Err(invalid(format!(
            "t = {t} is too close to the pole at t = 0 (needs {k} terms)"
        )));
    }
    let c = taylor_coefficients(profile, k as usize);
    let mut w = 1.0;
    let weights = c
        .iter()
        .map(|&ck| {
            let v = ck * w;
            w *= q;
            v
        })
        .collect();
    Ok((weights, t > 0.0))
}

/// Draws counts for one `t`.
enum Sampler {
    /// Z_1: `K` geometric with ratio `q`; count `K` or `-1 - K`.
    Geometric { ln_q: f64, reflected: bool },
    /// Inversion over a normalised cumulative table.
    Table { cdf: Vec<f64>, counts: Vec<f64> },
}

impl Sampler {
    fn new(profile: &Profile, t: f64) -> Result<Self> {
        if profile.terms() == [(1, 1)] && t != 0.0 && t.is_finite() {
            return Ok(Sampler::Geometric {
                ln_q: -t.abs(),
                reflected: t > 0.0,
            });
        }
        let (weights, reflected) = expansion(profile, t)?;
        if weights.iter().any(|&w| w < 0.0) {
            return Err(Error::Unsupported(format!(
                "the weights of {:?} are signed (negative Taylor coefficients): the cycle \
                 sampler needs a probability law; see signed_sampler_report",
                profile.terms()
            )));
        }
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        let cdf = weights
            .iter()
            .map(|w| {
                acc += w;
                acc / total
            })
            .collect();
        let n_inf = profile.n_infinity();
        let counts = (0..weights.len())
            .map(|k| {
                if reflected {
                    n_inf - k as f64
                } else {
                    k as f64
                }
            })
            .collect();
        Ok(Sampler::Table { cdf, counts })
    }

    fn draw(&self, rng: &mut Rng) -> f64 {
        match self {
            Sampler::Geometric { ln_q, reflected } => {
                let k = (rng.uniform_open0().ln() / ln_q).floor();
                if *reflected { -1.0 - k } else { k }
            }
            Sampler::Table { cdf, counts } => {
                let u = rng.uniform();
                let i = cdf.partition_point(|&c| c <= u).min(counts.len() - 1);
                counts[i]
            }
        }
    }
}

/// The `p`-quantile of sorted data with linear interpolation (numpy's default).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let i = h.floor() as usize;
    let j = (i + 1).min(sorted.len() - 1);
    sorted[i] + (h - i as f64) * (sorted[j] - sorted[i])
}

/// Simulates the cycle sampler at every `t` of `ts`: `M` concepts per replicate, `R`
/// replicates, seeded (the stream of each `t` depends only on the seed and its index).
///
/// # Examples
///
/// ```
/// use anyon_numeric::{Profile, sim::{CycleConfig, simulate_cycle}};
/// let cfg = CycleConfig { concepts: 200, replicates: 50, seed: 1 };
/// let bands = simulate_cycle(&Profile::cyclic(2)?, &[-1.0, 0.0, 1.0], &cfg)?;
/// for r in &bands.rows {
///     assert!(r.lo <= r.theory && r.theory <= r.hi);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// If `M` or `R` is 0, the weights are signed (Z_6), or a `t` sits on a pole/divergence.
pub fn simulate_cycle(profile: &Profile, ts: &[f64], config: &CycleConfig) -> Result<CycleBands> {
    if config.concepts == 0 || config.replicates == 0 {
        return Err(invalid(
            "the simulation needs at least one concept and one replicate",
        ));
    }
    let mut rows = Vec::with_capacity(ts.len());
    let mut estimates = vec![0.0; config.replicates];
    for (i, &t) in ts.iter().enumerate() {
        let sampler = Sampler::new(profile, t)?;
        let mut rng = Rng::stream(config.seed, i as u64);
        let mut total = 0.0;
        for e in estimates.iter_mut() {
            let sum: f64 = (0..config.concepts).map(|_| sampler.draw(&mut rng)).sum();
            total += sum;
            *e = (-sum / config.concepts as f64).exp();
        }
        let mean = estimates.iter().sum::<f64>() / estimates.len() as f64;
        estimates.sort_by(f64::total_cmp);
        rows.push(BandRow {
            t,
            theory: profile.loss_t(t),
            mean,
            lo: quantile(&estimates, 0.025),
            hi: quantile(&estimates, 0.975),
            mean_count: total / (config.concepts * config.replicates) as f64,
        });
    }
    Ok(CycleBands {
        rows,
        config: config.clone(),
    })
}

/// [`simulate_cycle`] on `points` evenly spaced `t` of the group's [`default_t_range`].
///
/// # Errors
///
/// As [`simulate_cycle`], or `points < 2`.
pub fn simulate_cycle_default(
    profile: &Profile,
    points: usize,
    config: &CycleConfig,
) -> Result<CycleBands> {
    let (a, b) = default_t_range(profile);
    simulate_cycle(profile, &linspace(a, b, points)?, config)
}

/// One `t` of the signed-weight experiment.
#[derive(Clone, Debug, PartialEq)]
pub struct SignedRow {
    /// Time.
    pub t: f64,
    /// Exact `n(e^t)`.
    pub theory_n: f64,
    /// Reweighted estimate `sum s_i c_i / sum s_i` (NaN where no sampler exists).
    pub estimate_n: f64,
    /// Its standard error (delta method).
    pub std_error: f64,
    /// Observed average sign.
    pub sign_mean: f64,
    /// Exact average sign `Z / Z_abs` of the truncated expansion.
    pub sign_exact: f64,
    /// Effective sample size `N <s>^2` (observed).
    pub ess: f64,
    /// Whether this point failed: no sampler, ESS below 10, or off by more than 10 %
    /// of `max(1, |n|)`.
    pub failed: bool,
}

/// The result of [`signed_sampler_report`].
#[derive(Clone, Debug, PartialEq)]
pub struct SignedReport {
    /// One row per `t`.
    pub rows: Vec<SignedRow>,
    /// Draws per `t`.
    pub samples: usize,
    /// Smallest effective sample size over the finite rows.
    pub min_ess: f64,
    /// Number of failed rows.
    pub failures: usize,
    /// Whether any weight was negative (a sign problem exists at all).
    pub signed: bool,
    /// One-paragraph verdict.
    pub verdict: String,
}

/// Runs the signed-weight sampler (draw from `|c_k| q^k`, reweight by the sign) at every
/// `t` of `ts` with `samples` draws each, and reports how it fails. For profiles with
/// nonnegative coefficients it is the cycle sampler and does not fail.
///
/// # Examples
///
/// ```
/// use anyon_numeric::{Profile, sim::signed_sampler_report};
/// let rep = signed_sampler_report(&Profile::cyclic(6)?, &[-2.0, -0.02, 0.0, 0.02, 2.0], 2000, 3)?;
/// assert!(rep.signed && rep.failures >= 3); // near and at t = 0
/// assert!(!rep.rows[0].failed && !rep.rows[4].failed); // far from it
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// If `samples` is 0.
pub fn signed_sampler_report(
    profile: &Profile,
    ts: &[f64],
    samples: usize,
    seed: u64,
) -> Result<SignedReport> {
    if samples == 0 {
        return Err(invalid("the signed sampler needs at least one sample"));
    }
    let n_inf = profile.n_infinity();
    let mut rows = Vec::with_capacity(ts.len());
    let mut signed = false;
    for (i, &t) in ts.iter().enumerate() {
        let theory_n = profile.n_t(t);
        let Ok((weights, reflected)) = expansion(profile, t) else {
            rows.push(SignedRow {
                t,
                theory_n,
                estimate_n: f64::NAN,
                std_error: f64::NAN,
                sign_mean: f64::NAN,
                sign_exact: 0.0,
                ess: 0.0,
                failed: true,
            });
            signed |= taylor_coefficients(profile, 64).iter().any(|&c| c < 0.0);
            continue;
        };
        signed |= weights.iter().any(|&w| w < 0.0);
        let abs_total: f64 = weights.iter().map(|w| w.abs()).sum();
        let sign_exact = weights.iter().sum::<f64>() / abs_total;
        let mut acc = 0.0;
        let cdf: Vec<f64> = weights
            .iter()
            .map(|w| {
                acc += w.abs();
                acc / abs_total
            })
            .collect();
        let mut rng = Rng::stream(seed, i as u64);
        let (mut s_sum, mut sc_sum) = (0.0, 0.0);
        let mut draws = Vec::with_capacity(samples);
        for _ in 0..samples {
            let u = rng.uniform();
            let k = cdf.partition_point(|&c| c <= u).min(weights.len() - 1);
            let s = weights[k].signum();
            let count = if reflected {
                n_inf - k as f64
            } else {
                k as f64
            };
            s_sum += s;
            sc_sum += s * count;
            draws.push((s, count));
        }
        let n = samples as f64;
        let sign_mean = s_sum / n;
        let estimate_n = sc_sum / s_sum;
        // Delta method for a ratio of means.
        let var = draws
            .iter()
            .map(|&(s, c)| (s * c - estimate_n * s).powi(2))
            .sum::<f64>()
            / (n - 1.0).max(1.0);
        let std_error = (var / n).sqrt() / sign_mean.abs();
        let ess = n * sign_mean * sign_mean;
        let failed = !estimate_n.is_finite()
            || ess < 10.0
            || (estimate_n - theory_n).abs() > 0.1 * theory_n.abs().max(1.0);
        rows.push(SignedRow {
            t,
            theory_n,
            estimate_n,
            std_error,
            sign_mean,
            sign_exact,
            ess,
            failed,
        });
    }
    let min_ess = rows.iter().map(|r| r.ess).fold(f64::INFINITY, f64::min);
    let failures = rows.iter().filter(|r| r.failed).count();
    let verdict = if !signed {
        format!(
            "no sign problem: all weights are nonnegative; {failures} of {} points failed",
            rows.len()
        )
    } else {
        let worst = rows
            .iter()
            .filter(|r| r.failed)
            .map(|r| r.t.abs())
            .fold(0.0, f64::max);
        format!(
            "sign problem: the Taylor weights are signed; the average sign falls to {:.3e} \
             and the effective sample size to {:.3e} of {samples} draws; {failures} of {} \
             points failed (up to |t| = {worst}); at t = 0 the series diverges and no \
             sampler exists, although n is smooth there",
            rows.iter()
                .map(|r| r.sign_mean.abs())
                .filter(|s| s.is_finite())
                .fold(f64::INFINITY, f64::min),
            min_ess,
            rows.len()
        )
    };
    Ok(SignedReport {
        rows,
        samples,
        min_ess,
        failures,
        signed,
        verdict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_count_tracks_n_on_both_sides() {
        let cfg = CycleConfig {
            concepts: 500,
            replicates: 40,
            seed: 11,
        };
        for (n, ts) in [
            (1, vec![-2.0, -0.5, 0.5, 1.0, 3.0]),
            (2, vec![-3.0, 0.0, 2.0]),
            (3, vec![-1.0, 0.0, 1.5]),
        ] {
            let p = Profile::cyclic(n).unwrap();
            let bands = simulate_cycle(&p, &ts, &cfg).unwrap();
            for r in &bands.rows {
                let n_theory = p.n_t(r.t);
                assert!(
                    r.lo <= r.theory && r.theory <= r.hi,
                    "Z_{n} at t = {}: theory {} outside [{}, {}]",
                    r.t,
                    r.theory,
                    r.lo,
                    r.hi
                );
                // The pooled mean count is within 5 standard errors-ish of n.
                assert!(
                    (r.mean_count - n_theory).abs() < 0.05 * n_theory.abs().max(1.0),
                    "Z_{n} t = {}",
                    r.t
                );
            }
        }
    }

    #[test]
    fn reproducible_and_csv() {
        let p = Profile::cyclic(1).unwrap();
        let cfg = CycleConfig {
            concepts: 50,
            replicates: 10,
            seed: 5,
        };
        let a = simulate_cycle(&p, &[1.0, 2.0], &cfg).unwrap();
        let b = simulate_cycle(&p, &[1.0, 2.0], &cfg).unwrap();
        assert_eq!(a, b);
        assert!(a.to_csv().starts_with("t,theory,mean,lo,hi\n1,"));
        assert_eq!(a.to_csv().lines().count(), 3);
    }

    #[test]
    fn z6_is_rejected_by_the_cycle_sampler() {
        let err = simulate_cycle(
            &Profile::cyclic(6).unwrap(),
            &[-1.0],
            &CycleConfig::default(),
        );
        assert!(matches!(err, Err(Error::Unsupported(_))));
        assert!(
            simulate_cycle(
                &Profile::cyclic(1).unwrap(),
                &[0.0],
                &CycleConfig::default()
            )
            .is_err()
        );
    }

    #[test]
    fn taylor_of_z6() {
        let c = taylor_coefficients(&Profile::cyclic(6).unwrap(), 8);
        assert_eq!(c, vec![1.0, 1.0, 0.0, -1.0, -1.0, 0.0, 1.0, 1.0, 0.0]);
    }

    #[test]
    fn signed_sampler_collapses_near_zero() {
        let ts = [-3.0, -1.0, -0.1, -0.01, 0.0, 0.01, 0.1, 1.0, 3.0];
        let rep = signed_sampler_report(&Profile::cyclic(6).unwrap(), &ts, 4000, 9).unwrap();
        // Exact average sign is -tanh(3t/2) in magnitude.
        for r in rep.rows.iter().filter(|r| r.t != 0.0) {
            assert!(
                (r.sign_exact.abs() - (1.5 * r.t).tanh().abs()).abs() < 1e-9,
                "t = {}",
                r.t
            );
        }
        let table: Vec<String> = rep
            .rows
            .iter()
            .map(|r| {
                format!(
                    "{:6.2} {:8.4} {:10.4} {:10.4} {:8.4} {:10.1} {}",
                    r.t, r.theory_n, r.estimate_n, r.std_error, r.sign_mean, r.ess, r.failed
                )
            })
            .collect();
        eprintln!("{}", table.join("\n"));
        let failed: Vec<f64> = rep.rows.iter().filter(|r| r.failed).map(|r| r.t).collect();
        // Fine at |t| >= 1, broken within |t| <= 0.1 although n is smooth there.
        assert_eq!(failed, vec![-0.1, -0.01, 0.0, 0.01, 0.1]);
        assert!(rep.min_ess < 10.0);
        assert!(rep.verdict.starts_with("sign problem"));
        // Z_2 has no sign problem.
        let ok = signed_sampler_report(&Profile::cyclic(2).unwrap(), &ts, 2000, 9).unwrap();
        assert_eq!(ok.failures, 0);
        assert!(!ok.signed);
    }
}
