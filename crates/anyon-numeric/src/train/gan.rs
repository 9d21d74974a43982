//! Z_6: a small GAN on a ring of 8 Gaussians, trained as the post trains its GAN: one
//! Adam over both networks, the discriminator's gradient sign-flipped.

use super::LossLog;
use super::nn::{Adam, Net, logistic_loss};
use crate::error::{Result, invalid};
use crate::rng::Rng;

/// Settings of [`train_gan`].
#[derive(Clone, Debug)]
pub struct GanConfig {
    /// Noise dimension of the generator.
    pub noise: usize,
    /// Hidden width of both networks (two hidden ELU layers each).
    pub width: usize,
    /// Batch size (real and fake each).
    pub batch: usize,
    /// Training steps.
    pub steps: usize,
    /// Adam learning rate.
    pub lr: f32,
    /// Radius of the ring.
    pub radius: f64,
    /// Standard deviation of each Gaussian.
    pub std: f64,
    /// Seed.
    pub seed: u64,
    /// Called after every step with `(done, total)` (for a progress bar).
    pub progress: Option<super::Progress>,
}

impl Default for GanConfig {
    /// Noise 4, width 64, batch 256, 1,500 steps, Adam 1e-3, ring radius 2, std 0.05.
    fn default() -> Self {
        GanConfig {
            noise: 4,
            width: 64,
            batch: 256,
            steps: 1500,
            lr: 1e-3,
            radius: 2.0,
            std: 0.05,
            seed: 0,
            progress: None,
        }
    }
}

/// The end-of-run diagnosis of [`train_gan`].
#[derive(Clone, Debug, PartialEq)]
pub struct CollapseCheck {
    /// Mean `D(real)` (probability) on a fresh batch.
    pub d_real: f64,
    /// Mean `D(fake)` on a fresh batch.
    pub d_fake: f64,
    /// Spread (max - min) of D's logit over a 41 x 41 grid of `[-3, 3]^2`.
    pub logit_spread: f64,
    /// D no longer discriminates: its output is (nearly) constant (spread < 0.05).
    pub d_constant: bool,
    /// D separates perfectly (its loss < 0.05): the generator's gradient vanishes.
    pub d_saturated: bool,
    /// Modes of the ring that receive at least 2 % of 2,000 generated samples.
    pub modes_covered: usize,
    /// Fraction of generated samples within 4 std of some mode.
    pub on_ring: f64,
    /// `d_constant || d_saturated`.
    pub collapsed: bool,
    /// A one-line summary.
    pub message: String,
}

/// The result of [`train_gan`].
#[derive(Clone, Debug, PartialEq)]
pub struct GanRun {
    /// The summed discriminator loss `BCE(D(real), 1) + BCE(D(fake), 0)` per step.
    pub log: LossLog,
    /// The collapse check.
    pub check: CollapseCheck,
}

fn ring_batch(rng: &mut Rng, n: usize, radius: f64, std: f64) -> Vec<f32> {
    let mut out = Vec::with_capacity(2 * n);
    for _ in 0..n {
        let k = rng.below(8) as f64;
        let a = std::f64::consts::TAU * k / 8.0;
        out.push((radius * a.cos() + std * rng.normal()) as f32);
        out.push((radius * a.sin() + std * rng.normal()) as f32);
    }
    out
}

fn noise_batch(rng: &mut Rng, n: usize) -> Vec<f32> {
    (0..n).map(|_| rng.normal() as f32).collect()
}

fn sigmoid_mean(logits: &[f32]) -> f64 {
    logits
        .iter()
        .map(|&z| 1.0 / (1.0 + (-f64::from(z)).exp()))
        .sum::<f64>()
        / logits.len() as f64
}

/// Trains generator (`noise -> width -> width -> 2`) and discriminator
/// (`2 -> width -> width -> 1`) on the value `V = E ln D(real) + E ln(1 - D(G(z)))`
/// with a single Adam: gradients of `V` for both nets, the discriminator's flipped (so
/// it ascends `V` while the generator descends it). Logs the summed discriminator loss
/// `-V` and ends with a [`CollapseCheck`].
///
/// # Errors
///
/// If a size or the step count is 0, or `lr`, `radius` or `std` is not positive.
pub fn train_gan(config: &GanConfig) -> Result<GanRun> {
    let c = config;
    if c.noise == 0
        || c.width == 0
        || c.batch == 0
        || c.steps == 0
        || c.lr.is_nan()
        || c.lr <= 0.0
        || c.radius.is_nan()
        || c.radius <= 0.0
        || c.std.is_nan()
        || c.std <= 0.0
    {
        return Err(invalid(format!("bad GAN configuration {c:?}")));
    }
    let mut rng = Rng::new(c.seed);
    let mut gen_net = Net::mlp(&[c.noise, c.width, c.width, 2], &mut rng);
    let mut disc = Net::mlp(&[2, c.width, c.width, 1], &mut rng);
    let mut adam = Adam::new(c.lr);
    let mut data = Rng::stream(c.seed, 1);
    let mut log = Vec::with_capacity(c.steps);
    for step in 0..c.steps {
        let real = ring_batch(&mut data, c.batch, c.radius, c.std);
        let z = noise_batch(&mut data, c.batch * c.noise);
        gen_net.zero_grad();
        disc.zero_grad();
        let fake = gen_net.forward(&z);
        // d(-V)/d(D params): the discriminator's BCE on real then fake.
        let (l_real, g_real) = logistic_loss(&disc.forward(&real), 1.0);
        disc.backward(&g_real);
        let (l_fake, g_fake) = logistic_loss(&disc.forward(&fake), 0.0);
        let d_fake_input = disc.backward(&g_fake);
        // Gradient of V itself: D's accumulated grads are of -V, so negate them ...
        for p in disc.params_mut() {
            p.grad.iter_mut().for_each(|g| *g = -*g);
        }
        // ... and the generator gets dV/dfake = -d(l_fake)/dfake.
        let dv_dfake: Vec<f32> = d_fake_input.iter().map(|g| -g).collect();
        gen_net.backward(&dv_dfake);
        // The post's trick: flip the discriminator's gradient, then one Adam descends.
        for p in disc.params_mut() {
            p.grad.iter_mut().for_each(|g| *g = -*g);
        }
        let mut params = gen_net.params_mut();
        params.extend(disc.params_mut());
        adam.step(params);
        log.push((step, l_real + l_fake));
        if let Some(p) = c.progress {
            p(step + 1, c.steps);
        }
    }
    let check = collapse_check(&mut gen_net, &mut disc, c, &mut data);
    Ok(GanRun { log, check })
}

fn collapse_check(
    gen_net: &mut Net,
    disc: &mut Net,
    c: &GanConfig,
    rng: &mut Rng,
) -> CollapseCheck {
    let n = 2000;
    let real = ring_batch(rng, n, c.radius, c.std);
    let fake = gen_net.forward(&noise_batch(rng, n * c.noise));
    let real_logits = disc.forward(&real);
    let fake_logits = disc.forward(&fake);
    let d_real = sigmoid_mean(&real_logits);
    let d_fake = sigmoid_mean(&fake_logits);
    let loss = logistic_loss(&real_logits, 1.0).0 + logistic_loss(&fake_logits, 0.0).0;
    let grid: Vec<f32> = (0..41 * 41)
        .flat_map(|i| {
            [
                (-3.0 + 0.15 * (i / 41) as f64) as f32,
                (-3.0 + 0.15 * (i % 41) as f64) as f32,
            ]
        })
        .collect();
    let g = disc.forward(&grid);
    let spread = f64::from(
        g.iter().copied().fold(f32::NEG_INFINITY, f32::max)
            - g.iter().copied().fold(f32::INFINITY, f32::min),
    );
    let mut hits = [0usize; 8];
    let mut on = 0;
    for p in fake.chunks_exact(2) {
        let (x, y) = (f64::from(p[0]), f64::from(p[1]));
        let (k, d) = (0..8)
            .map(|k| {
                let a = std::f64::consts::TAU * k as f64 / 8.0;
                (
                    k,
                    ((x - c.radius * a.cos()).powi(2) + (y - c.radius * a.sin()).powi(2)).sqrt(),
                )
            })
            .fold((0, f64::INFINITY), |b, v| if v.1 < b.1 { v } else { b });
        if d < 4.0 * c.std.max(0.05) {
            hits[k] += 1;
            on += 1;
        }
    }
    let modes_covered = hits.iter().filter(|&&h| h * 50 >= n).count();
    let d_constant = spread < 0.05;
    let d_saturated = loss < 0.05;
    let collapsed = d_constant || d_saturated;
    let message = format!(
        "D(real) = {d_real:.3}, D(fake) = {d_fake:.3}, D loss = {loss:.3}, logit spread = {spread:.3}; \
         {}; generator covers {modes_covered}/8 modes, {:.1}% of samples on the ring",
        if d_constant {
            "discriminator collapsed (constant output)"
        } else if d_saturated {
            "discriminator collapsed (saturated: perfect separation)"
        } else {
            "no discriminator collapse"
        },
        100.0 * on as f64 / n as f64
    );
    CollapseCheck {
        d_real,
        d_fake,
        logit_spread: spread,
        d_constant,
        d_saturated,
        modes_covered,
        on_ring: on as f64 / n as f64,
        collapsed,
        message,
    }
}
