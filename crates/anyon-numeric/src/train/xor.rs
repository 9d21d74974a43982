//! Z_2: a residual MLP learning the XOR of 5 ANDs (THEORY.md section 7).

use super::LossLog;
use super::nn::{Adam, Block, Dense, Net, softmax_cross_entropy};
use crate::error::{Result, invalid};
use crate::rng::Rng;

/// Settings of [`train_xor`]; the default is the post's run.
#[derive(Clone, Debug)]
pub struct XorConfig {
    /// Pairs of input bits (inputs = 2 pairs).
    pub pairs: usize,
    /// Hidden width.
    pub width: usize,
    /// Residual ELU blocks.
    pub blocks: usize,
    /// Batch size (fresh random inputs every step).
    pub batch: usize,
    /// Training steps.
    pub steps: usize,
    /// Adam learning rate.
    pub lr: f32,
    /// Seed.
    pub seed: u64,
    /// Called after every step with `(done, total)` (for a progress bar).
    pub progress: Option<super::Progress>,
}

impl Default for XorConfig {
    /// 5 pairs, width 64, 4 residual blocks, batch 1024, 500 steps, Adam 1e-3, seed 0.
    fn default() -> Self {
        XorConfig {
            pairs: 5,
            width: 64,
            blocks: 4,
            batch: 1024,
            steps: 500,
            lr: 1e-3,
            seed: 0,
            progress: None,
        }
    }
}

/// The target: XOR over the pairs of (bit 2i AND bit 2i+1).
pub fn xor_of_ands(bits: &[bool]) -> bool {
    bits.chunks_exact(2)
        .fold(false, |acc, p| acc ^ (p[0] && p[1]))
}

/// Trains the residual MLP (input layer, `blocks` residual ELU layers, 2 logits) with
/// Adam on the softmax cross-entropy (the KL loss to one-hot targets). Inputs are the
/// bits as ±1. Returns the training loss of every step.
///
/// # Errors
///
/// If a size or the step count is 0, or the learning rate is not positive.
pub fn train_xor(config: &XorConfig) -> Result<LossLog> {
    let c = config;
    if c.pairs == 0 || c.width == 0 || c.batch == 0 || c.steps == 0 || c.lr.is_nan() || c.lr <= 0.0
    {
        return Err(invalid(format!("bad XOR configuration {c:?}")));
    }
    let inputs = 2 * c.pairs;
    let mut rng = Rng::new(c.seed);
    let mut blocks = vec![Block::Linear(Dense::new(inputs, c.width, &mut rng))];
    for _ in 0..c.blocks {
        blocks.push(Block::Residual(Dense::new(c.width, c.width, &mut rng)));
    }
    blocks.push(Block::Linear(Dense::new(c.width, 2, &mut rng)));
    let mut net = Net::new(blocks);
    let mut adam = Adam::new(c.lr);
    let mut data = Rng::stream(c.seed, 1);
    let mut log = Vec::with_capacity(c.steps);
    let mut x = vec![0.0f32; c.batch * inputs];
    let mut labels = vec![0usize; c.batch];
    let mut bits = vec![false; inputs];
    for step in 0..c.steps {
        for (row, label) in x.chunks_exact_mut(inputs).zip(labels.iter_mut()) {
            let word = data.next_u64();
            for (i, (b, v)) in bits.iter_mut().zip(row.iter_mut()).enumerate() {
                *b = (word >> i) & 1 == 1;
                *v = if *b { 1.0 } else { -1.0 };
            }
            *label = usize::from(xor_of_ands(&bits));
        }
        net.zero_grad();
        let logits = net.forward(&x);
        let (loss, grad) = softmax_cross_entropy(&logits, &labels, 2);
        net.backward(&grad);
        adam.step(net.params_mut());
        log.push((step, loss));
        if let Some(p) = c.progress {
            p(step + 1, c.steps);
        }
    }
    Ok(log)
}
