//! Z_1: the post's MNIST MLP (784-128-64-10, ELU) on the 8x8 digits (64 inputs).

use std::io::Read;

use super::LossLog;
use super::nn::{Adam, Net, softmax_cross_entropy};
use crate::error::{Error, Result, invalid};
use crate::rng::Rng;

/// The UCI optical digits test set (1,797 images, CC BY 4.0, see `data/README.md`).
const DIGITS_GZ: &[u8] = include_bytes!("../../data/digits.csv.gz");

/// Pixels (64 per image, scaled to `[0, 1]`) and labels of the shipped digits data.
///
/// # Errors
///
/// If the embedded file cannot be decompressed or parsed (it is checked by a test).
pub fn load_digits() -> Result<(Vec<[f32; 64]>, Vec<usize>)> {
    let mut text = String::new();
    flate2::read::GzDecoder::new(DIGITS_GZ)
        .read_to_string(&mut text)
        .map_err(|e| parse_err(0, format!("gzip: {e}")))?;
    let mut images = Vec::new();
    let mut labels = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').collect();
        if fields.len() != 65 {
            return Err(parse_err(
                i + 1,
                format!("expected 65 fields, found {}", fields.len()),
            ));
        }
        let label: usize = fields[0]
            .trim()
            .parse()
            .map_err(|_| parse_err(i + 1, "bad label".into()))?;
        let mut img = [0.0f32; 64];
        for (p, f) in img.iter_mut().zip(&fields[1..]) {
            let v: f32 = f
                .trim()
                .parse()
                .map_err(|_| parse_err(i + 1, format!("bad pixel {f:?}")))?;
            *p = v / 16.0;
        }
        images.push(img);
        labels.push(label);
    }
    Ok((images, labels))
}

fn parse_err(line: usize, message: String) -> Error {
    Error::Parse {
        source_name: "digits.csv.gz".into(),
        line,
        message,
    }
}

/// Settings of [`train_digits`].
#[derive(Clone, Debug)]
pub struct DigitsConfig {
    /// Hidden widths (the post: 128, 64).
    pub hidden: Vec<usize>,
    /// Batch size (the post: 64).
    pub batch: usize,
    /// Passes over the training split.
    pub epochs: usize,
    /// Adam learning rate.
    pub lr: f32,
    /// Images held out for the accuracy (the last ones after a seeded shuffle).
    pub test_size: usize,
    /// Seed.
    pub seed: u64,
    /// Called after every step with `(done, total)` (for a progress bar).
    pub progress: Option<super::Progress>,
}

impl Default for DigitsConfig {
    /// 64-128-64-10, batch 64, 10 epochs of 1,497 images (240 steps), Adam 1e-3.
    fn default() -> Self {
        DigitsConfig {
            hidden: vec![128, 64],
            batch: 64,
            epochs: 10,
            lr: 1e-3,
            test_size: 300,
            seed: 0,
            progress: None,
        }
    }
}

/// The result of [`train_digits`].
#[derive(Clone, Debug, PartialEq)]
pub struct DigitsRun {
    /// Training loss per step.
    pub log: LossLog,
    /// Accuracy on the held-out images.
    pub test_accuracy: f64,
}

/// Trains the MLP with ELU and Adam on softmax cross-entropy, shuffling every epoch.
///
/// # Errors
///
/// A zero size, a test split that leaves no training data, or a data error.
pub fn train_digits(config: &DigitsConfig) -> Result<DigitsRun> {
    let c = config;
    let (images, labels) = load_digits()?;
    if c.batch == 0
        || c.epochs == 0
        || c.hidden.contains(&0)
        || c.test_size >= images.len()
        || c.lr.is_nan()
        || c.lr <= 0.0
    {
        return Err(invalid(format!("bad digits configuration {c:?}")));
    }
    let mut rng = Rng::new(c.seed);
    let mut order: Vec<usize> = (0..images.len()).collect();
    rng.shuffle(&mut order);
    let (train, test) = order.split_at(images.len() - c.test_size);
    let mut sizes = vec![64];
    sizes.extend(&c.hidden);
    sizes.push(10);
    let mut net = Net::mlp(&sizes, &mut rng);
    let mut adam = Adam::new(c.lr);
    let mut log = Vec::new();
    let mut idx = train.to_vec();
    let mut step = 0;
    let total_steps = c.epochs * idx.len().div_ceil(c.batch);
    for _ in 0..c.epochs {
        rng.shuffle(&mut idx);
        for chunk in idx.chunks(c.batch) {
            let x: Vec<f32> = chunk.iter().flat_map(|&i| images[i]).collect();
            let y: Vec<usize> = chunk.iter().map(|&i| labels[i]).collect();
            net.zero_grad();
            let logits = net.forward(&x);
            let (loss, grad) = softmax_cross_entropy(&logits, &y, 10);
            net.backward(&grad);
            adam.step(net.params_mut());
            log.push((step, loss));
            if let Some(p) = c.progress {
                p(step + 1, total_steps);
            }
            step += 1;
        }
    }
    let test_accuracy = if test.is_empty() {
        f64::NAN
    } else {
        let x: Vec<f32> = test.iter().flat_map(|&i| images[i]).collect();
        let logits = net.forward(&x);
        let correct = logits
            .chunks_exact(10)
            .zip(test)
            .filter(|(row, i)| {
                let best = row
                    .iter()
                    .enumerate()
                    .fold(0, |b, (k, &v)| if v > row[b] { k } else { b });
                best == labels[**i]
            })
            .count();
        correct as f64 / test.len() as f64
    };
    Ok(DigitsRun { log, test_accuracy })
}
