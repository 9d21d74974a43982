//! The `plot`, `simulate` and `fit` subcommands: glue between the language (to read
//! expressions), anyon-pleth (order profiles) and anyon-numeric (curves, runs, charts).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use anyon_lang::eval::{Interp, Value, builtins};
use anyon_numeric::plot::Chart;
use anyon_numeric::train::{self, DigitsConfig, GanConfig, LossLog, XorConfig};
use anyon_numeric::{Profile, fit, sim};

/// A failure of a numeric subcommand: the message, and whether it was bad usage (exit 2).
pub struct Failure {
    pub message: String,
    pub usage: bool,
}

impl Failure {
    fn user(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            usage: false,
        }
    }
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            usage: true,
        }
    }
}

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure::user(e.to_string())
    }
}

pub type Outcome = Result<(), Failure>;

/// `FROM:TO` as two floats.
pub fn parse_range(text: &str) -> Result<(f64, f64), String> {
    let (a, b) = text
        .split_once(':')
        .ok_or_else(|| format!("a range is FROM:TO, like -2:20, got {text:?}"))?;
    let a: f64 = a
        .trim()
        .parse()
        .map_err(|_| format!("{a:?} is not a number in the range {text:?}"))?;
    let b: f64 = b
        .trim()
        .parse()
        .map_err(|_| format!("{b:?} is not a number in the range {text:?}"))?;
    if !(a.is_finite() && b.is_finite() && a < b) {
        return Err(format!("the range {text:?} needs finite FROM < TO"));
    }
    Ok((a, b))
}

/// The order profile of `Z_n` with the character `chi_m`.
fn cyclic_profile(n: u64, m: u64) -> Result<Profile, Failure> {
    let dynamic = anyon_pleth::Dynamic::cyclic(n, m)?;
    let pairs: Vec<(u32, i64)> = dynamic
        .order_profile()?
        .into_iter()
        .map(|(d, a)| {
            u32::try_from(d).map(|d| (d, a)).map_err(|_| {
                Failure::user(format!(
                    "the group Z_{n} is too large to evaluate in floating point"
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Profile::new(&pairs)?)
}

/// `anyon plot EXPR... (--t FROM:TO | --x FROM:TO) [--points N] -o FILE`.
pub fn plot(
    exprs: &[String],
    t: Option<(f64, f64)>,
    x: Option<(f64, f64)>,
    points: usize,
    output: &Path,
    title: Option<&str>,
    log_y: bool,
) -> Outcome {
    let (range, against_x) = match (t, x) {
        (Some(r), None) => (r, false),
        (None, Some(r)) => (r, true),
        (None, None) => ((-10.0, 10.0), false),
        (Some(_), Some(_)) => return Err(Failure::usage("give either --t or --x, not both")),
    };
    if points < 2 {
        return Err(Failure::usage("--points needs at least 2"));
    }
    let mut interp = Interp::new();
    let grid = anyon_numeric::linspace(range.0, range.1, points)?;
    let mut chart = Chart::new(title.map_or_else(|| exprs.join(", "), str::to_string))
        .x_label(if against_x { "x" } else { "t   (x = e^t)" })
        .y_label("value")
        .log_y(log_y);
    for src in exprs {
        let value = evaluate(&mut interp, src)?;
        let pts = builtins::sample_curve(&value, &grid, against_x)
            .map_err(|e| Failure::user(format!("{src}: {e}")))?;
        chart = chart.line(src.clone(), pts);
    }
    chart.render(output)?;
    println!("wrote {}", output.display());
    Ok(())
}

/// Evaluates one expression of the language, with its diagnostic rendered on failure.
fn evaluate(interp: &mut Interp, src: &str) -> Result<Value, Failure> {
    let mut last = None;
    interp
        .run(src, |o| last = Some(o.value.clone()))
        .map_err(|d| Failure::user(d.render(src)))?;
    last.ok_or_else(|| Failure::user(format!("{src:?} has no value to plot")))
}

/// The kinds of `anyon simulate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// The cycle sampler with 2.5/97.5 % bands over the theory curve (`t,theory,mean,lo,hi`).
    Cycle,
    /// Z_6's signed-weight sampler: a report of where it fails.
    Signed,
    /// Z_2: XOR of 5 ANDs, residual MLP (`step,loss`).
    Xor,
    /// Z_1: MLP on the 8x8 digits (`step,loss`).
    Digits,
    /// Z_6: a GAN on a ring of 8 Gaussians (`step,loss`).
    Gan,
    /// The three training runs and the cycle sampler.
    All,
}

/// `anyon simulate KIND [--group N] [--seed S] [--out DIR]`.
pub fn simulate(kind: Kind, group: Option<u64>, seed: u64, out: &Path) -> Outcome {
    std::fs::create_dir_all(out)
        .map_err(|e| Failure::user(format!("cannot create {}: {e}", out.display())))?;
    let started = Instant::now();
    match kind {
        Kind::All => {
            for k in [Kind::Xor, Kind::Digits, Kind::Gan, Kind::Cycle] {
                simulate(k, None, seed, out)?;
            }
            println!("all runs in {:.1} s", started.elapsed().as_secs_f64());
            Ok(())
        }
        Kind::Cycle => {
            let n = group.unwrap_or(2);
            let profile = cyclic_profile(n, 1)?;
            let config = sim::CycleConfig {
                seed,
                ..Default::default()
            };
            let bands = sim::simulate_cycle_default(&profile, 100, &config)?;
            let csv = out.join("cycle.csv");
            std::fs::write(&csv, bands.to_csv())?;
            let png = out.join("cycle.png");
            bands.chart(&format!("Z_{n}"))?.render(&png)?;
            println!(
                "cycle (Z_{n}): wrote {} and {} in {:.2} s",
                csv.display(),
                png.display(),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Kind::Signed => {
            let n = group.unwrap_or(6);
            let profile = cyclic_profile(n, 1)?;
            let ts: Vec<f64> = [-2.0, -1.0, -0.5, -0.1, -0.01, 0.01, 0.1, 0.5, 1.0].to_vec();
            let report = sim::signed_sampler_report(&profile, &ts, 4000, seed)?;
            println!(
                "Z_{n}: signed-weight sampler, {} draws per t",
                report.samples
            );
            println!(
                "{:>7} {:>12} {:>12} {:>10} {:>10} {:>10}  failed",
                "t", "n(e^t)", "estimate", "std err", "<sign>", "ESS"
            );
            for r in &report.rows {
                println!(
                    "{:>7.2} {:>12.6} {:>12.6} {:>10.4} {:>10.4} {:>10.1}  {}",
                    r.t,
                    r.theory_n,
                    r.estimate_n,
                    r.std_error,
                    r.sign_mean,
                    r.ess,
                    if r.failed { "yes" } else { "no" }
                );
            }
            println!("{}", report.verdict);
            Ok(())
        }
        Kind::Xor | Kind::Digits | Kind::Gan => {
            let (name, default_group, log) = run_training(kind, seed)?;
            let n = group.unwrap_or(default_group);
            write_training(name, n, &log, out, started)
        }
    }
}

static PROGRESS_START: OnceLock<Instant> = OnceLock::new();

/// A progress bar on stderr, shown once a run has taken more than a second.
fn progress(done: usize, total: usize) {
    let start = PROGRESS_START.get_or_init(Instant::now);
    let stderr = std::io::stderr();
    if !stderr.is_terminal() || start.elapsed().as_secs_f64() < 1.0 || total == 0 {
        return;
    }
    if done % 10 != 0 && done != total {
        return;
    }
    let width = 30;
    let filled = width * done / total;
    let mut e = stderr.lock();
    let _ = write!(
        e,
        "\r  [{}{}] {done}/{total}",
        "#".repeat(filled),
        " ".repeat(width - filled)
    );
    if done == total {
        let _ = writeln!(e);
    }
    let _ = e.flush();
}

fn run_training(kind: Kind, seed: u64) -> Result<(&'static str, u64, LossLog), Failure> {
    let _ = PROGRESS_START.set(Instant::now());
    Ok(match kind {
        Kind::Xor => {
            let config = XorConfig {
                seed,
                progress: Some(progress),
                ..Default::default()
            };
            ("xor", 2, train::train_xor(&config)?)
        }
        Kind::Digits => {
            let config = DigitsConfig {
                seed,
                progress: Some(progress),
                ..Default::default()
            };
            let run = train::train_digits(&config)?;
            println!("digits: test accuracy {:.3}", run.test_accuracy);
            ("digits", 1, run.log)
        }
        _ => {
            let config = GanConfig {
                seed,
                progress: Some(progress),
                ..Default::default()
            };
            let run = train::train_gan(&config)?;
            println!("gan: {}", run.check.message);
            ("gan", 6, run.log)
        }
    })
}

/// Writes `DIR/NAME.csv` and `DIR/NAME.png`: the loss log beside the theory curve of
/// `Z_n` fitted to it (t = step).
fn write_training(name: &str, n: u64, log: &LossLog, out: &Path, started: Instant) -> Outcome {
    let csv = out.join(format!("{name}.csv"));
    train::write_log_csv(log, &csv)?;
    let png = out.join(format!("{name}.png"));
    let profile = cyclic_profile(n, 1)?;
    let data = log_points(log);
    let mut chart = Chart::new(format!("{name}: training loss and the Z_{n} theory curve"))
        .x_label("step")
        .y_label("loss (log scale)")
        .log_y(true)
        .scatter(format!("{name} loss"), data.clone());
    // m is free here: a run is many concepts at once, so its drop is exp(-m n) with m > 1.
    let options = fit::FitOptions {
        free_m: true,
        ..Default::default()
    };
    match fit::fit(&profile, log, &options) {
        Ok(report) => {
            let curve = fitted_curve(&report, &profile, &data);
            chart = chart.line(
                format!(
                    "Z_{n} fit: A = {:.3}, t0 = {:.1}, s = {:.1}, m = {:.2} (R^2 = {:.3})",
                    report.a, report.t0, report.s, report.m, report.r2
                ),
                curve,
            );
        }
        Err(e) => eprintln!("note: the Z_{n} curve could not be fitted to the {name} run: {e}"),
    }
    chart.render(&png)?;
    println!(
        "{name}: {} steps, loss {:.4} -> {:.4}; wrote {} and {} in {:.2} s",
        log.len(),
        log.first().map_or(f64::NAN, |p| p.1),
        log.last().map_or(f64::NAN, |p| p.1),
        csv.display(),
        png.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A loss log as chart points `(step, loss)`.
fn log_points(log: &[(usize, f64)]) -> Vec<(f64, f64)> {
    log.iter().map(|&(s, l)| (s as f64, l)).collect()
}

/// The fitted curve at 401 evenly spaced steps over the data's range (finite values only).
fn fitted_curve(
    report: &fit::FitReport,
    profile: &Profile,
    data: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    let (lo, hi) = data
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &(x, _)| {
            (a.min(x), b.max(x))
        });
    (0..=400)
        .map(|i| {
            let t = lo + (hi - lo) * i as f64 / 400.0;
            (t, report.predict(profile, t))
        })
        .filter(|(_, y)| y.is_finite())
        .collect()
}

/// `anyon fit LOG --group N [--character M] [--free-m] [--json] [-o FILE]`.
pub fn fit_log(
    log_path: &Path,
    group: u64,
    character: u64,
    free_m: bool,
    json: bool,
    output: Option<&PathBuf>,
) -> Outcome {
    let log = fit::read_log(log_path)?;
    let profile = cyclic_profile(group, character)?;
    let options = fit::FitOptions {
        free_m,
        ..Default::default()
    };
    let report = fit::fit(&profile, &log, &options)?;
    if json {
        println!("{}", report.to_json());
    } else {
        println!(
            "fit of Z_{group}{} to {} ({} points, {} bins)",
            if character == 1 {
                String::new()
            } else {
                format!(", chi_{character}")
            },
            log_path.display(),
            log.len(),
            report.bins
        );
        println!("  loss(t) = A exp(-m n(exp((t - t0)/s)))");
        println!(
            "  A  = {:.6}\n  t0 = {:.6}\n  s  = {:.6}\n  m  = {:.6}{}",
            report.a,
            report.t0,
            report.s,
            report.m,
            if free_m { "" } else { " (fixed)" }
        );
        println!(
            "  rms of log residuals = {:.6}\n  R^2 = {:.6}",
            report.rms, report.r2
        );
    }
    if let Some(w) = &report.warning {
        eprintln!("warning: {w}");
    }
    if let Some(path) = output {
        let data = log_points(&log);
        let curve = fitted_curve(&report, &profile, &data);
        Chart::new(format!("fit of Z_{group} to {}", log_path.display()))
            .x_label("step")
            .y_label("loss")
            .scatter("data", data)
            .line(format!("fit (R^2 = {:.3})", report.r2), curve)
            .render(path)?;
        if !json {
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}
