//! Training experiments small enough for two CPU cores, one per dynamic of the post.
//!
//! | dynamic | experiment | function |
//! |---|---|---|
//! | Z_2 | XOR of 5 ANDs, residual MLP (grokking-like drop) | [`train_xor`] |
//! | Z_1 | 8x8 digits, MLP 64-128-64-10 (keeps fitting) | [`train_digits`] |
//! | Z_6 | GAN on a ring of 8 Gaussians, one Adam, sign-flipped D | [`train_gan`] |
//!
//! Each returns a seeded loss log `Vec<(step, loss)>`.
//!
//! # Why a hand-written MLP
//!
//! DEPENDENCIES.md measured the XOR run at 8.9 s with candle 0.11 (about 130 more
//! crates, 2 m 44 s more cold build) against 5.0 s for a 60-line hand-written MLP. This
//! module is that kind of network in `f32` ([`nn`]), with loops laid out so they
//! vectorise (axpy forward, 8-accumulator dot products backward). Measured here in
//! release on the shared 2-core machine (`examples/train_all.rs`): the post's XOR run
//! (500 steps, batch 1024, width 64, 4 residual blocks) 4.95 s, the digits run 0.14 s,
//! the GAN (1,500 steps) 3.7 s — no slower than candle, with no new dependency.

pub mod nn;

mod digits;
mod gan;
mod xor;

pub use digits::{DigitsConfig, DigitsRun, load_digits, train_digits};
pub use gan::{CollapseCheck, GanConfig, GanRun, train_gan};
pub use xor::{XorConfig, train_xor, xor_of_ands};

use crate::error::{Error, Result};

/// A loss log: `(step, loss)` pairs in step order.
pub type LossLog = Vec<(usize, f64)>;

/// A progress hook for long runs: called after every step with `(done, total)` steps.
pub type Progress = fn(usize, usize);

/// CSV text with the header `step,loss`.
pub fn log_to_csv(log: &[(usize, f64)]) -> String {
    let mut s = String::from("step,loss\n");
    for (step, loss) in log {
        s.push_str(&format!("{step},{loss}\n"));
    }
    s
}

/// Writes [`log_to_csv`] to `path`.
///
/// # Errors
///
/// If the file cannot be written.
pub fn write_log_csv(log: &[(usize, f64)], path: impl AsRef<std::path::Path>) -> Result<()> {
    let path = path.as_ref();
    std::fs::write(path, log_to_csv(log)).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

/// Mean of the losses with `from <= step < to` (NaN if none).
pub fn mean_loss(log: &[(usize, f64)], from: usize, to: usize) -> f64 {
    let v: Vec<f64> = log
        .iter()
        .filter(|(s, _)| (from..to).contains(s))
        .map(|&(_, l)| l)
        .collect();
    v.iter().sum::<f64>() / v.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The XOR run's shape on a configuration small enough for an unoptimised test build
    /// (width 32, 2 residual blocks, batch 256, lr 3e-3, 450 steps; the post's run is
    /// `XorConfig::default()`): a plateau near ln 2, then a drop.
    #[test]
    fn xor_plateau_then_drop() {
        let cfg = XorConfig {
            width: 32,
            blocks: 2,
            batch: 256,
            steps: 450,
            lr: 3e-3,
            seed: 0,
            ..XorConfig::default()
        };
        let log = train_xor(&cfg).unwrap();
        assert_eq!(log.len(), 450);
        let early = mean_loss(&log, 0, 50);
        let late = mean_loss(&log, 430, 450);
        assert!(early > 0.6, "early {early}");
        assert!(late < 0.1, "final {late}");
        assert_eq!(log, train_xor(&cfg).unwrap(), "seeded runs repeat exactly");
    }

    #[test]
    fn xor_target() {
        assert!(!xor_of_ands(&[true, false, true, false]));
        assert!(xor_of_ands(&[true, true, true, false]));
        assert!(!xor_of_ands(&[true, true, true, true]));
        assert!(
            train_xor(&XorConfig {
                steps: 0,
                ..XorConfig::default()
            })
            .is_err()
        );
    }

    #[test]
    fn digits_data_and_a_short_run() {
        let (images, labels) = load_digits().unwrap();
        assert_eq!(images.len(), 1797);
        assert!(labels.iter().all(|&l| l < 10));
        assert!(images.iter().flatten().all(|&p| (0.0..=1.0).contains(&p)));
        let run = train_digits(&DigitsConfig {
            epochs: 3,
            ..DigitsConfig::default()
        })
        .unwrap();
        assert_eq!(run.log.len(), 3 * 1497usize.div_ceil(64));
        let late = mean_loss(&run.log, 64, 72);
        assert!(run.log[0].1 > 2.0 && late < 1.2, "late {late}");
        assert!(run.test_accuracy > 0.7, "accuracy {}", run.test_accuracy);
        assert!(
            train_digits(&DigitsConfig {
                test_size: 5000,
                ..DigitsConfig::default()
            })
            .is_err()
        );
    }

    #[test]
    fn gan_runs_and_reports() {
        let cfg = GanConfig {
            width: 16,
            batch: 64,
            steps: 60,
            ..GanConfig::default()
        };
        let run = train_gan(&cfg).unwrap();
        assert_eq!(run.log.len(), 60);
        assert!((run.log[0].1 - 2.0 * std::f64::consts::LN_2).abs() < 0.2);
        assert!(run.log.iter().all(|(_, l)| l.is_finite()));
        let c = &run.check;
        assert!(c.message.contains("collapse"));
        assert_eq!(c.collapsed, c.d_constant || c.d_saturated);
        assert!(
            train_gan(&GanConfig {
                std: 0.0,
                ..GanConfig::default()
            })
            .is_err()
        );
    }

    #[test]
    fn csv_of_a_log() {
        assert_eq!(
            log_to_csv(&[(0, 0.5), (1, 0.25)]),
            "step,loss\n0,0.5\n1,0.25\n"
        );
    }
}
