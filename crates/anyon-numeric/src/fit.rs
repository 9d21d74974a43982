//! Fitting the theory curve `loss(t) = A exp(-m n(exp((t - t0)/s)))` to a loss log.
//!
//! The fit works in log space, `ln loss = ln A - m n(exp((t - t0)/s))`: the log is
//! binned (equal-width bins in `t`, geometric mean of the losses), `(t0, ln s)` is
//! searched on a grid with `ln A` (and `m` when free) solved by linear least squares at
//! every grid point, then refined by Nelder-Mead. `t` is the step, or `ln(step)` with
//! [`TimeAxis::LogStep`].
//!
//! With `m` free the group is not identifiable: `m` rescales `n`, and curves of
//! different groups (or characters) then fit comparably well; [`FitReport::warning`]
//! says so.

use crate::error::{Error, Result, invalid};
use crate::profile::Profile;
use crate::train::LossLog;

/// What the abscissa `t` of the fit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TimeAxis {
    /// `t = step`.
    #[default]
    Step,
    /// `t = ln(step)` (steps below 1 are dropped).
    LogStep,
}

/// Settings of [`fit`].
#[derive(Clone, Debug, PartialEq)]
pub struct FitOptions {
    /// Fit `m` too (otherwise `m = 1`).
    pub free_m: bool,
    /// Number of bins (at most; empty bins are skipped).
    pub bins: usize,
    /// Grid points per parameter of the coarse search.
    pub grid: usize,
    /// The abscissa.
    pub time: TimeAxis,
}

impl Default for FitOptions {
    /// `m = 1`, 100 bins, a 60 x 60 grid, `t = step`.
    fn default() -> Self {
        FitOptions {
            free_m: false,
            bins: 100,
            grid: 60,
            time: TimeAxis::Step,
        }
    }
}

/// The fitted parameters and the quality of the fit (in log space, over the bins).
#[derive(Clone, Debug, PartialEq)]
pub struct FitReport {
    /// Amplitude `A`.
    pub a: f64,
    /// Shift `t0`.
    pub t0: f64,
    /// Scale `s`.
    pub s: f64,
    /// Multiplicity `m` (1 unless free).
    pub m: f64,
    /// Root mean square of the log residuals.
    pub rms: f64,
    /// Coefficient of determination of `ln loss`.
    pub r2: f64,
    /// Bins used.
    pub bins: usize,
    /// Set when `m` is free: the group cannot be identified.
    pub warning: Option<String>,
}

impl FitReport {
    /// The fitted curve at `t`.
    pub fn predict(&self, profile: &Profile, t: f64) -> f64 {
        self.a * (-self.m * profile.n_t((t - self.t0) / self.s)).exp()
    }

    /// `{"A": .., "t0": .., "s": .., "m": .., "rms": .., "r2": ..}`.
    pub fn to_json(&self) -> String {
        let num = |v: f64| {
            serde_json::Number::from_f64(v)
                .map_or(serde_json::Value::Null, serde_json::Value::Number)
        };
        let mut o = serde_json::Map::new();
        for (k, v) in [
            ("A", self.a),
            ("t0", self.t0),
            ("s", self.s),
            ("m", self.m),
            ("rms", self.rms),
            ("r2", self.r2),
        ] {
            o.insert(k.into(), num(v));
        }
        serde_json::Value::Object(o).to_string()
    }
}

/// Bins `(t, ln loss)` into at most `bins` equal-width bins.
fn bin(points: &[(f64, f64)], bins: usize) -> Vec<(f64, f64)> {
    let lo = points.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let width = (hi - lo) / bins as f64;
    let mut acc = vec![(0.0, 0.0, 0usize); bins];
    for &(t, y) in points {
        let i = if width > 0.0 {
            (((t - lo) / width) as usize).min(bins - 1)
        } else {
            0
        };
        acc[i].0 += t;
        acc[i].1 += y;
        acc[i].2 += 1;
    }
    acc.into_iter()
        .filter(|a| a.2 > 0)
        .map(|(t, y, n)| (t / n as f64, y / n as f64))
        .collect()
}

/// Sum of squared log residuals at `(t0, ln s)` with `ln A` (and `m`) solved linearly;
/// returns `(sse, ln A, m)`, `sse = inf` where the curve is not finite on the data.
fn profile_sse(
    profile: &Profile,
    data: &[(f64, f64)],
    t0: f64,
    ln_s: f64,
    free_m: bool,
) -> (f64, f64, f64) {
    let s = ln_s.exp();
    let f: Vec<f64> = data
        .iter()
        .map(|&(t, _)| profile.n_t((t - t0) / s))
        .collect();
    if f.iter().any(|v| !v.is_finite()) {
        return (f64::INFINITY, 0.0, 1.0);
    }
    let n = data.len() as f64;
    let (c, m) = if free_m {
        // y = c - m f
        let fm = f.iter().sum::<f64>() / n;
        let ym = data.iter().map(|d| d.1).sum::<f64>() / n;
        let sff: f64 = f.iter().map(|v| (v - fm).powi(2)).sum();
        let sfy: f64 = f.iter().zip(data).map(|(v, d)| (v - fm) * (d.1 - ym)).sum();
        let m = if sff > 0.0 { -sfy / sff } else { 0.0 };
        (ym + m * fm, m)
    } else {
        (
            data.iter().zip(&f).map(|(d, v)| d.1 + v).sum::<f64>() / n,
            1.0,
        )
    };
    let sse = data
        .iter()
        .zip(&f)
        .map(|(d, v)| (d.1 - (c - m * v)).powi(2))
        .sum();
    (sse, c, m)
}

/// Nelder-Mead minimisation in 2-D from `start` with initial step `step`.
fn nelder_mead(
    f: impl Fn([f64; 2]) -> f64,
    start: [f64; 2],
    step: [f64; 2],
    iters: usize,
) -> [f64; 2] {
    let mut simplex = [
        start,
        [start[0] + step[0], start[1]],
        [start[0], start[1] + step[1]],
    ];
    let mut vals = simplex.map(&f);
    for _ in 0..iters {
        let mut idx = [0, 1, 2];
        idx.sort_by(|&a, &b| vals[a].total_cmp(&vals[b]));
        simplex = idx.map(|i| simplex[i]);
        vals = idx.map(|i| vals[i]);
        let centroid = [
            (simplex[0][0] + simplex[1][0]) / 2.0,
            (simplex[0][1] + simplex[1][1]) / 2.0,
        ];
        let along = |k: f64| {
            [
                centroid[0] + k * (simplex[2][0] - centroid[0]),
                centroid[1] + k * (simplex[2][1] - centroid[1]),
            ]
        };
        let xr = along(-1.0);
        let fr = f(xr);
        if fr < vals[0] {
            let xe = along(-2.0);
            let fe = f(xe);
            if fe < fr {
                simplex[2] = xe;
                vals[2] = fe;
            } else {
                simplex[2] = xr;
                vals[2] = fr;
            }
        } else if fr < vals[1] {
            simplex[2] = xr;
            vals[2] = fr;
        } else {
            let xc = along(0.5);
            let fc = f(xc);
            if fc < vals[2] {
                simplex[2] = xc;
                vals[2] = fc;
            } else {
                for i in 1..3 {
                    simplex[i] = [
                        (simplex[0][0] + simplex[i][0]) / 2.0,
                        (simplex[0][1] + simplex[i][1]) / 2.0,
                    ];
                    vals[i] = f(simplex[i]);
                }
            }
        }
        let spread = (vals[2] - vals[0]).abs();
        if spread <= 1e-15 * vals[0].abs().max(1e-300) {
            break;
        }
    }
    let best = (0..3)
        .min_by(|&a, &b| vals[a].total_cmp(&vals[b]))
        .unwrap_or(0);
    simplex[best]
}

/// Fits `A exp(-m n(exp((t - t0)/s)))` to `log` for the group `profile`.
///
/// # Examples
///
/// ```
/// use anyon_numeric::{Profile, fit::{FitOptions, fit}};
/// let z2 = Profile::cyclic(2)?;
/// let log: Vec<(usize, f64)> = (0..600)
///     .map(|k| (k, 0.7 * (-z2.n_t((k as f64 - 250.0) / 30.0)).exp()))
///     .collect();
/// let r = fit(&z2, &log, &FitOptions::default())?;
/// assert!((r.t0 - 250.0).abs() < 0.5 && (r.s - 30.0).abs() < 0.1 && (r.a - 0.7).abs() < 1e-3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// Fewer than 4 usable points (positive finite losses), a loss that is not positive,
/// fewer than 2 bins or grid points, or no finite fit on the grid.
pub fn fit(profile: &Profile, log: &[(usize, f64)], options: &FitOptions) -> Result<FitReport> {
    if options.bins < 2 || options.grid < 2 {
        return Err(invalid("the fit needs at least 2 bins and 2 grid points"));
    }
    let mut points = Vec::with_capacity(log.len());
    for &(step, loss) in log {
        if loss.is_nan() || loss <= 0.0 || loss.is_infinite() {
            return Err(invalid(format!(
                "loss {loss} at step {step}: the fit works in log space and needs positive finite losses"
            )));
        }
        let t = match options.time {
            TimeAxis::Step => step as f64,
            TimeAxis::LogStep if step >= 1 => (step as f64).ln(),
            TimeAxis::LogStep => continue,
        };
        points.push((t, loss.ln()));
    }
    if points.len() < 4 {
        return Err(invalid(format!(
            "the fit needs at least 4 points, got {}",
            points.len()
        )));
    }
    let data = bin(&points, options.bins);
    let tmin = data.first().map_or(0.0, |d| d.0);
    let tmax = data.last().map_or(0.0, |d| d.0);
    let span = (tmax - tmin).max(1e-9);
    let g = options.grid;
    let mut best = (f64::INFINITY, 0.0, 0.0);
    for i in 0..g {
        let t0 = tmin - 0.5 * span + 2.0 * span * i as f64 / (g - 1) as f64;
        for j in 0..g {
            let ln_s = (span / 2000.0).ln() + (2000f64).ln() * j as f64 / (g - 1) as f64;
            let (sse, _, _) = profile_sse(profile, &data, t0, ln_s, options.free_m);
            if sse < best.0 {
                best = (sse, t0, ln_s);
            }
        }
    }
    if !best.0.is_finite() {
        return Err(Error::Unsupported(
            "no finite fit on the grid (the curve has a pole inside the data everywhere)".into(),
        ));
    }
    let cost = |p: [f64; 2]| profile_sse(profile, &data, p[0], p[1], options.free_m).0;
    let step = [2.0 * span / (g - 1) as f64, (2000f64).ln() / (g - 1) as f64];
    let mut p = nelder_mead(cost, [best.1, best.2], step, 400);
    // A restart from the optimum guards against a collapsed simplex.
    p = nelder_mead(cost, p, [step[0] / 10.0, step[1] / 10.0], 400);
    let (sse, c, m) = profile_sse(profile, &data, p[0], p[1], options.free_m);
    let n = data.len() as f64;
    let ym = data.iter().map(|d| d.1).sum::<f64>() / n;
    let sst: f64 = data.iter().map(|d| (d.1 - ym).powi(2)).sum();
    Ok(FitReport {
        a: c.exp(),
        t0: p[0],
        s: p[1].exp(),
        m,
        rms: (sse / n).sqrt(),
        r2: if sst > 0.0 { 1.0 - sse / sst } else { f64::NAN },
        bins: data.len(),
        warning: options.free_m.then(|| {
            "m is free: it rescales n, so curves of different groups fit comparably and the \
             group cannot be identified from this fit"
                .to_string()
        }),
    })
}

/// Reads a loss log: CSV with a header naming `step` and `loss` columns (others are
/// ignored), or JSON lines with a `loss` (or `train_loss`) and a `step` (or `_step`,
/// `global_step`, `iteration`, `iter`) key; JSON lines without a loss are skipped, and a
/// missing step counts lines.
///
/// # Errors
///
/// A file that cannot be read, no header/columns, or a malformed line (with its number).
pub fn read_log(path: impl AsRef<std::path::Path>) -> Result<LossLog> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    parse_log(&text, &path.display().to_string())
}

/// [`read_log`] on text already in memory; `name` is used in messages.
///
/// # Errors
///
/// As [`read_log`].
pub fn parse_log(text: &str, name: &str) -> Result<LossLog> {
    let err = |line: usize, message: String| Error::Parse {
        source_name: name.to_string(),
        line,
        message,
    };
    let first = text.lines().map(str::trim).find(|l| !l.is_empty());
    let Some(first) = first else {
        return Err(err(0, "empty log".into()));
    };
    let mut log = Vec::new();
    if first.starts_with('{') {
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(line).map_err(|e| err(i + 1, format!("bad JSON: {e}")))?;
            let get = |keys: &[&str]| {
                keys.iter()
                    .find_map(|k| v.get(*k).and_then(serde_json::Value::as_f64))
            };
            let Some(loss) = get(&["loss", "train_loss", "train/loss"]) else {
                continue;
            };
            let step = match get(&["step", "_step", "global_step", "iteration", "iter"]) {
                Some(s) if s >= 0.0 && s.fract() == 0.0 => s as usize,
                Some(s) => {
                    return Err(err(i + 1, format!("step {s} is not a nonnegative integer")));
                }
                None => log.len(),
            };
            log.push((step, loss));
        }
    } else {
        let header: Vec<String> = first
            .split(',')
            .map(|h| h.trim().trim_matches('"').to_ascii_lowercase())
            .collect();
        let col = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
        let (Some(si), Some(li)) = (
            col(&["step", "_step", "global_step", "iteration", "iter"]),
            col(&["loss", "train_loss"]),
        ) else {
            return Err(err(
                1,
                format!("the CSV header must name step and loss columns, got {first:?}"),
            ));
        };
        for (i, line) in text
            .lines()
            .enumerate()
            .skip_while(|(_, l)| l.trim().is_empty())
            .skip(1)
        {
            if line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split(',').map(str::trim).collect();
            let field = |k: usize| {
                fields
                    .get(k)
                    .copied()
                    .ok_or_else(|| err(i + 1, format!("missing column {}", k + 1)))
            };
            let step_text = field(si)?;
            let step: f64 = step_text
                .parse()
                .map_err(|_| err(i + 1, format!("bad step {step_text:?}")))?;
            if step < 0.0 || step.fract() != 0.0 {
                return Err(err(
                    i + 1,
                    format!("step {step} is not a nonnegative integer"),
                ));
            }
            let loss_text = field(li)?;
            let loss: f64 = loss_text
                .parse()
                .map_err(|_| err(i + 1, format!("bad loss {loss_text:?}")))?;
            log.push((step as usize, loss));
        }
    }
    if log.is_empty() {
        return Err(err(0, "no (step, loss) rows".into()));
    }
    Ok(log)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    fn synthetic(
        p: &Profile,
        a: f64,
        t0: f64,
        s: f64,
        noise: f64,
        steps: usize,
        seed: u64,
    ) -> LossLog {
        let mut rng = Rng::new(seed);
        (0..steps)
            .map(|k| {
                (
                    k,
                    a * (-p.n_t((k as f64 - t0) / s)).exp() * (noise * rng.normal()).exp(),
                )
            })
            .collect()
    }

    #[test]
    fn recovers_known_parameters_from_noisy_curves() {
        let cases = [
            (2, 0.7, 250.0, 30.0, 600),
            (6, 0.3, 300.0, 40.0, 2000),
            (3, 2.0, 100.0, 20.0, 400),
        ];
        for (n, a, t0, s, steps) in cases {
            let p = Profile::cyclic(n).unwrap();
            let log = synthetic(&p, a, t0, s, 0.05, steps, 42);
            let r = fit(&p, &log, &FitOptions::default()).unwrap();
            let line = format!(
                "Z_{n}: A {:.3} t0 {:.1} s {:.2} m {:.1} rms {:.4} r2 {:.4}",
                r.a, r.t0, r.s, r.m, r.rms, r.r2
            );
            assert!((r.a / a - 1.0).abs() < 0.02, "{line}");
            assert!((r.t0 - t0).abs() < 0.02 * s.max(t0), "{line}");
            assert!((r.s / s - 1.0).abs() < 0.05, "{line}");
            assert!(r.r2 > 0.9 && r.rms < 0.05, "{line}");
            assert!(r.warning.is_none());
        }
    }

    #[test]
    fn free_m_warns_and_recovers() {
        let p = Profile::cyclic(2).unwrap();
        let log: LossLog = (0..500)
            .map(|k| (k, 0.5 * (-2.0 * p.n_t((k as f64 - 200.0) / 25.0)).exp()))
            .collect();
        let r = fit(
            &p,
            &log,
            &FitOptions {
                free_m: true,
                ..FitOptions::default()
            },
        )
        .unwrap();
        assert!(
            (r.m - 2.0).abs() < 0.01 && (r.t0 - 200.0).abs() < 1.0,
            "{r:?}"
        );
        assert!(
            r.warning
                .as_deref()
                .unwrap_or("")
                .contains("cannot be identified")
        );
        assert!(r.to_json().starts_with("{\"A\":"));
    }

    #[test]
    fn bad_logs() {
        let p = Profile::cyclic(2).unwrap();
        assert!(
            fit(
                &p,
                &[(0, 1.0), (1, 0.0), (2, 1.0), (3, 1.0)],
                &FitOptions::default()
            )
            .is_err()
        );
        assert!(fit(&p, &[(0, 1.0)], &FitOptions::default()).is_err());
    }

    #[test]
    fn reads_csv_and_json_lines() {
        let csv = "epoch,step,loss\n0,0,0.7\n0,1,0.6\n\n1,2,0.5\n";
        assert_eq!(
            parse_log(csv, "a.csv").unwrap(),
            vec![(0, 0.7), (1, 0.6), (2, 0.5)]
        );
        let jsonl = "{\"step\": 0, \"loss\": 0.7}\n{\"eval_acc\": 0.5}\n{\"_step\": 5, \"loss\": 0.25, \"lr\": 0.001}\n";
        assert_eq!(
            parse_log(jsonl, "a.jsonl").unwrap(),
            vec![(0, 0.7), (5, 0.25)]
        );
        let e = parse_log("step,loss\n0,abc\n", "b.csv")
            .unwrap_err()
            .to_string();
        assert_eq!(e, "b.csv:2: bad loss \"abc\"");
        assert!(parse_log("a,b\n1,2\n", "c.csv").is_err());
        assert!(parse_log("{\"step\": 1.5, \"loss\": 1}\n", "d").is_err());
        assert!(parse_log("", "e").is_err());
        assert!(read_log("/nonexistent/anyon.csv").is_err());
    }
}
