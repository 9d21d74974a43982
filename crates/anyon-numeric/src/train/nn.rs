//! A small hand-written MLP in `f32`: dense, ELU and residual blocks, softmax and
//! logistic losses, and Adam. Loops are written so the compiler vectorises them.

use crate::rng::Rng;

/// A trainable tensor with its gradient and Adam moments.
#[derive(Clone, Debug)]
pub struct Param {
    /// Values.
    pub value: Vec<f32>,
    /// Accumulated gradient.
    pub grad: Vec<f32>,
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Param {
    fn new(value: Vec<f32>) -> Self {
        let n = value.len();
        Param {
            value,
            grad: vec![0.0; n],
            m: vec![0.0; n],
            v: vec![0.0; n],
        }
    }
}

/// A dense layer `y = x W + b`, `W` stored `[inputs][outputs]` (outputs contiguous).
#[derive(Clone, Debug)]
pub struct Dense {
    /// Weights, `inputs * outputs`.
    pub w: Param,
    /// Biases, `outputs`.
    pub b: Param,
    /// Input width.
    pub inputs: usize,
    /// Output width.
    pub outputs: usize,
}

impl Dense {
    /// He-style uniform initialisation (as PyTorch's default: `U(-1/sqrt(in), 1/sqrt(in))`).
    pub fn new(inputs: usize, outputs: usize, rng: &mut Rng) -> Self {
        let bound = 1.0 / (inputs as f64).sqrt();
        let w = (0..inputs * outputs)
            .map(|_| ((2.0 * rng.uniform() - 1.0) * bound) as f32)
            .collect();
        let b = (0..outputs)
            .map(|_| ((2.0 * rng.uniform() - 1.0) * bound) as f32)
            .collect();
        Dense {
            w: Param::new(w),
            b: Param::new(b),
            inputs,
            outputs,
        }
    }

    /// `y[batch][outputs] = x[batch][inputs] W + b`.
    fn forward(&self, x: &[f32], y: &mut Vec<f32>) {
        let batch = x.len() / self.inputs;
        y.clear();
        y.resize(batch * self.outputs, 0.0);
        dense_forward(
            &self.w.value,
            &self.b.value,
            self.inputs,
            self.outputs,
            x,
            y,
        );
    }

    /// Accumulates `dW += x^T dy`, `db += sum dy`, and writes `dx = dy W^T` if asked.
    fn backward(&mut self, x: &[f32], dy: &[f32], dx: Option<&mut Vec<f32>>) {
        let (ni, no) = (self.inputs, self.outputs);
        dense_grad(&mut self.w.grad, &mut self.b.grad, ni, no, x, dy);
        if let Some(dx) = dx {
            let batch = dy.len() / no;
            dx.clear();
            dx.resize(batch * ni, 0.0);
            dense_input_grad(&self.w.value, ni, no, dy, dx);
        }
    }
}

// The three kernels below are compiled for AVX-512, AVX2 and the baseline, picked at run
// time (multiversion). Each output element is computed in the same order whatever the
// vector width (no fused multiply-add is introduced), so seeded runs give the same losses
// on every machine. (The weight gradient of a width-64 layer sums over the batch before
// adding to the accumulated gradient: a different rounding order than row by row.)

#[multiversion::multiversion(targets(
    "x86_64+avx512f+avx2+fma",
    "x86_64+avx2+fma",
    "aarch64+neon"
))]
fn dense_forward(w: &[f32], b: &[f32], ni: usize, no: usize, x: &[f32], y: &mut [f32]) {
    if no == WIDE {
        // The row's accumulator is a fixed-size array, so it lives in registers.
        for (xr, yr) in x.chunks_exact(ni).zip(y.chunks_exact_mut(WIDE)) {
            let mut acc = [0.0f32; WIDE];
            acc.copy_from_slice(b);
            for (&xv, wr) in xr.iter().zip(w.chunks_exact(WIDE)) {
                if xv != 0.0 {
                    for (a, &wv) in acc.iter_mut().zip(wr) {
                        *a += xv * wv;
                    }
                }
            }
            yr.copy_from_slice(&acc);
        }
        return;
    }
    for (xr, yr) in x.chunks_exact(ni).zip(y.chunks_exact_mut(no)) {
        yr.copy_from_slice(b);
        for (&xv, wr) in xr.iter().zip(w.chunks_exact(no)) {
            if xv != 0.0 {
                for (o, &wv) in yr.iter_mut().zip(wr) {
                    *o += xv * wv;
                }
            }
        }
    }
}

/// The hidden width of every experiment here; layers of this width take the
/// register-resident paths.
const WIDE: usize = 64;

#[multiversion::multiversion(targets(
    "x86_64+avx512f+avx2+fma",
    "x86_64+avx2+fma",
    "aarch64+neon"
))]
fn dense_grad(wg: &mut [f32], bg: &mut [f32], ni: usize, no: usize, x: &[f32], dy: &[f32]) {
    for dr in dy.chunks_exact(no) {
        for (g, &d) in bg.iter_mut().zip(dr) {
            *g += d;
        }
    }
    if no == WIDE {
        // Four weight rows at a time, summed over the batch in registers, then added once:
        // dW[i] = sum_b x[b][i] dy[b] for the i of the block.
        let batch = dy.len() / WIDE;
        let mut i = 0;
        while i < ni {
            let rows = (ni - i).min(4);
            let mut acc = [[0.0f32; WIDE]; 4];
            for b in 0..batch {
                let dr = &dy[b * WIDE..(b + 1) * WIDE];
                let xb = &x[b * ni + i..b * ni + i + rows];
                for (a, &xv) in acc.iter_mut().zip(xb) {
                    if xv != 0.0 {
                        for (s, &d) in a.iter_mut().zip(dr) {
                            *s += xv * d;
                        }
                    }
                }
            }
            for (r, a) in acc.iter().enumerate().take(rows) {
                for (g, s) in wg[(i + r) * WIDE..(i + r + 1) * WIDE].iter_mut().zip(a) {
                    *g += s;
                }
            }
            i += rows;
        }
        return;
    }
    for (xr, dr) in x.chunks_exact(ni).zip(dy.chunks_exact(no)) {
        for (&xv, gr) in xr.iter().zip(wg.chunks_exact_mut(no)) {
            if xv != 0.0 {
                for (g, &d) in gr.iter_mut().zip(dr) {
                    *g += xv * d;
                }
            }
        }
    }
}

#[multiversion::multiversion(targets(
    "x86_64+avx512f+avx2+fma",
    "x86_64+avx2+fma",
    "aarch64+neon"
))]
fn dense_input_grad(w: &[f32], ni: usize, no: usize, dy: &[f32], dx: &mut [f32]) {
    for (dxr, dr) in dx.chunks_exact_mut(ni).zip(dy.chunks_exact(no)) {
        for (o, wr) in dxr.iter_mut().zip(w.chunks_exact(no)) {
            *o = dot(wr, dr);
        }
    }
}

/// A dot product with eight independent accumulators (vectorisable without fast-math).
#[inline(always)]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    let ca = a.chunks_exact(8);
    let cb = b.chunks_exact(8);
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// ELU of one value, the reference for [`elu_vec`].
#[cfg(test)]
fn elu(v: f32) -> f32 {
    if v > 0.0 { v } else { v.exp_m1() }
}

/// ELU over a slice: `v` for `v > 0`, `exp(v) - 1` otherwise.
fn elu_vec(xs: &[f32]) -> Vec<f32> {
    let mut out = vec![0.0; xs.len()];
    elu_into(xs, &mut out);
    out
}

/// The vectorisable kernel of [`elu_vec`]: no library call per element. For
/// `-1/4 < v <= 0`, `expm1(v)` is its Taylor polynomial of degree 8 (remainder below
/// 1e-11); further out, `exp(v) = 2^k p(r)` with `r = v - k ln 2`, `|r| <= ln(2)/2` and
/// `p` the Taylor polynomial of degree 7 (relative remainder below 4e-9), minus 1.
/// Within a few ulps of `f32::exp_m1` (tested).
#[multiversion::multiversion(targets(
    "x86_64+avx512f+avx2+fma",
    "x86_64+avx2+fma",
    "aarch64+neon"
))]
fn elu_into(xs: &[f32], out: &mut [f32]) {
    const LOG2_E: f32 = std::f32::consts::LOG2_E;
    const LN2_HI: f32 = 0.693_145_75; // ln 2 to 17 bits: k * LN2_HI is exact
    const LN2_LO: f32 = 1.428_606_8e-6; // ln 2 - LN2_HI
    const ROUND: f32 = 12_582_912.0; // 1.5 * 2^23: adding it rounds to an integer
    for (o, &v) in out.iter_mut().zip(xs) {
        let n = v.clamp(-87.0, 0.0);
        // near 0: expm1 by its own series
        let small = n
            * (1.0
                + n * (1.0 / 2.0
                    + n * (1.0 / 6.0
                        + n * (1.0 / 24.0
                            + n * (1.0 / 120.0
                                + n * (1.0 / 720.0 + n * (1.0 / 5040.0 + n * (1.0 / 40320.0))))))));
        // further out: 2^k p(r) - 1
        let k = (n * LOG2_E + ROUND) - ROUND;
        let r = (n - k * LN2_HI) - k * LN2_LO;
        let p = 1.0
            + r * (1.0
                + r * (1.0 / 2.0
                    + r * (1.0 / 6.0
                        + r * (1.0 / 24.0
                            + r * (1.0 / 120.0 + r * (1.0 / 720.0 + r * (1.0 / 5040.0)))))));
        let scale = f32::from_bits(((k as i32 + 127) as u32) << 23);
        let large = p * scale - 1.0;
        let em1 = if n > -0.25 { small } else { large };
        *o = if v > 0.0 { v } else { em1 };
    }
}

/// One block of a [`Net`].
#[derive(Clone, Debug)]
pub enum Block {
    /// `y = x W + b`.
    Linear(Dense),
    /// `y = elu(x)`.
    Elu,
    /// `y = x + elu(x W + b)` (square `W`).
    Residual(Dense),
}

/// A feed-forward network: a list of blocks with cached activations for backprop.
#[derive(Clone, Debug, Default)]
pub struct Net {
    /// The blocks, input first.
    pub blocks: Vec<Block>,
    inputs: Vec<Vec<f32>>,
    aux: Vec<Vec<f32>>,
}

impl Net {
    /// A network of the given blocks.
    pub fn new(blocks: Vec<Block>) -> Self {
        Net {
            blocks,
            inputs: Vec::new(),
            aux: Vec::new(),
        }
    }

    /// An MLP `sizes[0] -> ... -> sizes[last]` with ELU between dense layers.
    pub fn mlp(sizes: &[usize], rng: &mut Rng) -> Self {
        let mut blocks = Vec::new();
        for (i, w) in sizes.windows(2).enumerate() {
            blocks.push(Block::Linear(Dense::new(w[0], w[1], rng)));
            if i + 2 < sizes.len() {
                blocks.push(Block::Elu);
            }
        }
        Net::new(blocks)
    }

    /// Forward pass on a row-major batch; caches what backward needs.
    pub fn forward(&mut self, x: &[f32]) -> Vec<f32> {
        let n = self.blocks.len();
        self.inputs.resize(n, Vec::new());
        self.aux.resize(n, Vec::new());
        let mut cur = x.to_vec();
        for (i, block) in self.blocks.iter().enumerate() {
            let mut out = Vec::new();
            match block {
                Block::Linear(d) => d.forward(&cur, &mut out),
                Block::Elu => out = elu_vec(&cur),
                Block::Residual(d) => {
                    let mut z = Vec::new();
                    d.forward(&cur, &mut z);
                    let a: Vec<f32> = elu_vec(&z);
                    out = cur.iter().zip(&a).map(|(x, a)| x + a).collect();
                    // keep z to know where elu' = 1 and a for elu' = a + 1 elsewhere
                    self.aux[i] = z
                        .iter()
                        .zip(&a)
                        .map(|(&z, &a)| if z > 0.0 { 1.0 } else { a + 1.0 })
                        .collect();
                }
            }
            self.inputs[i] = std::mem::replace(&mut cur, out);
        }
        cur
    }

    /// Backward pass from `d loss / d output`; accumulates parameter gradients and
    /// returns `d loss / d input`.
    pub fn backward(&mut self, dout: &[f32]) -> Vec<f32> {
        let mut d = dout.to_vec();
        for i in (0..self.blocks.len()).rev() {
            let x = &self.inputs[i];
            let mut dx = Vec::new();
            match &mut self.blocks[i] {
                Block::Linear(dense) => dense.backward(x, &d, Some(&mut dx)),
                Block::Elu => {
                    dx = x
                        .iter()
                        .zip(&d)
                        .map(|(&v, &g)| if v > 0.0 { g } else { g * v.exp() })
                        .collect()
                }
                Block::Residual(dense) => {
                    let dz: Vec<f32> = d.iter().zip(&self.aux[i]).map(|(g, e)| g * e).collect();
                    dense.backward(x, &dz, Some(&mut dx));
                    for (a, g) in dx.iter_mut().zip(&d) {
                        *a += g;
                    }
                }
            }
            d = dx;
        }
        d
    }

    /// All parameters, in a fixed order.
    pub fn params_mut(&mut self) -> Vec<&mut Param> {
        let mut out = Vec::new();
        for b in &mut self.blocks {
            if let Block::Linear(d) | Block::Residual(d) = b {
                out.push(&mut d.w);
                out.push(&mut d.b);
            }
        }
        out
    }

    /// Sets every gradient to zero.
    pub fn zero_grad(&mut self) {
        for p in self.params_mut() {
            p.grad.fill(0.0);
        }
    }
}

/// Adam (Kingma and Ba) with PyTorch's defaults `beta = (0.9, 0.999)`, `eps = 1e-8`.
#[derive(Clone, Debug)]
pub struct Adam {
    /// Learning rate.
    pub lr: f32,
    beta1: f32,
    beta2: f32,
    eps: f32,
    step: i32,
}

impl Adam {
    /// Adam with learning rate `lr`.
    pub fn new(lr: f32) -> Self {
        Adam {
            lr,
            beta1: 0.9,
            beta2: 0.999,
            eps: 1e-8,
            step: 0,
        }
    }

    /// One update of all `params` from their gradients.
    pub fn step(&mut self, params: Vec<&mut Param>) {
        self.step += 1;
        let bc1 = 1.0 - self.beta1.powi(self.step);
        let bc2 = 1.0 - self.beta2.powi(self.step);
        let (b1, b2, eps) = (self.beta1, self.beta2, self.eps);
        let lr = self.lr / bc1;
        let inv_bc2 = 1.0 / bc2;
        for p in params {
            for (((w, &g), m), v) in p
                .value
                .iter_mut()
                .zip(&p.grad)
                .zip(p.m.iter_mut())
                .zip(p.v.iter_mut())
            {
                *m = b1 * *m + (1.0 - b1) * g;
                *v = b2 * *v + (1.0 - b2) * g * g;
                *w -= lr * *m / ((*v * inv_bc2).sqrt() + eps);
            }
        }
    }
}

/// Mean softmax cross-entropy of `logits[batch][classes]` against `labels`, and its
/// gradient with respect to the logits. (With one-hot targets this is the KL loss.)
pub fn softmax_cross_entropy(logits: &[f32], labels: &[usize], classes: usize) -> (f64, Vec<f32>) {
    let batch = labels.len();
    let mut grad = vec![0.0f32; logits.len()];
    let mut loss = 0.0f64;
    for ((row, g), &label) in logits
        .chunks_exact(classes)
        .zip(grad.chunks_exact_mut(classes))
        .zip(labels)
    {
        let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let sum: f64 = row.iter().map(|&v| f64::from(v - max).exp()).sum();
        loss += sum.ln() - f64::from(row[label] - max);
        for (k, (gv, &v)) in g.iter_mut().zip(row).enumerate() {
            let p = f64::from(v - max).exp() / sum;
            *gv = ((p - if k == label { 1.0 } else { 0.0 }) / batch as f64) as f32;
        }
    }
    (loss / batch as f64, grad)
}

/// Mean logistic loss `-[y ln s(z) + (1 - y) ln(1 - s(z))]` of logits `z` against a
/// constant target `y`, and its gradient `(s(z) - y)/batch`.
pub fn logistic_loss(logits: &[f32], target: f32) -> (f64, Vec<f32>) {
    let n = logits.len() as f64;
    let mut loss = 0.0;
    let grad = logits
        .iter()
        .map(|&z| {
            let z64 = f64::from(z);
            // softplus(z) - y z, stable
            loss += z64.max(0.0) + (-z64.abs()).exp().ln_1p() - f64::from(target) * z64;
            let s = 1.0 / (1.0 + (-z64).exp());
            ((s - f64::from(target)) / n) as f32
        })
        .collect();
    (loss / n, grad)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Finite-difference check of the whole backward pass.
    #[test]
    fn gradients_match_finite_differences() {
        let mut rng = Rng::new(3);
        let mut net = Net::new(vec![
            Block::Linear(Dense::new(3, 5, &mut rng)),
            Block::Elu,
            Block::Residual(Dense::new(5, 5, &mut rng)),
            Block::Linear(Dense::new(5, 2, &mut rng)),
        ]);
        let x: Vec<f32> = (0..12).map(|_| rng.normal() as f32).collect();
        let labels = [0usize, 1, 1, 0];
        let loss_of = |net: &mut Net| softmax_cross_entropy(&net.forward(&x), &labels, 2).0;
        net.zero_grad();
        let out = net.forward(&x);
        let (_, g) = softmax_cross_entropy(&out, &labels, 2);
        net.backward(&g);
        let analytic: Vec<Vec<f32>> = net.params_mut().iter().map(|p| p.grad.clone()).collect();
        for (pi, grads) in analytic.iter().enumerate() {
            for k in [0, grads.len() / 2, grads.len() - 1] {
                let h = 1e-2f32;
                net.params_mut()[pi].value[k] += h;
                let up = loss_of(&mut net);
                net.params_mut()[pi].value[k] -= 2.0 * h;
                let down = loss_of(&mut net);
                net.params_mut()[pi].value[k] += h;
                let numeric = (up - down) / (2.0 * f64::from(h));
                assert!(
                    (numeric - f64::from(grads[k])).abs() < 2e-3,
                    "param {pi}[{k}]: {numeric} vs {}",
                    grads[k]
                );
            }
        }
    }

    #[test]
    fn width_64_kernels_match_naive_loops() {
        let (ni, no, batch) = (10, WIDE, 37);
        let val = |k: usize| {
            ((k * 7919 % 997) as f32 / 997.0 - 0.5) * if k % 13 == 0 { 0.0 } else { 1.0 }
        };
        let w: Vec<f32> = (0..ni * no).map(val).collect();
        let b: Vec<f32> = (0..no).map(|k| val(k + 5)).collect();
        let x: Vec<f32> = (0..batch * ni).map(|k| val(k + 11)).collect();
        let dy: Vec<f32> = (0..batch * no).map(|k| val(k + 17)).collect();
        let mut y = vec![0.0; batch * no];
        dense_forward(&w, &b, ni, no, &x, &mut y);
        let mut wg = vec![0.5; ni * no];
        let mut bg = vec![0.0; no];
        dense_grad(&mut wg, &mut bg, ni, no, &x, &dy);
        for r in 0..batch {
            for o in 0..no {
                let want: f32 = b[o] + (0..ni).map(|i| x[r * ni + i] * w[i * no + o]).sum::<f32>();
                assert!((y[r * no + o] - want).abs() < 1e-5);
            }
        }
        for i in 0..ni {
            for o in 0..no {
                let want: f32 = 0.5
                    + (0..batch)
                        .map(|r| x[r * ni + i] * dy[r * no + o])
                        .sum::<f32>();
                assert!((wg[i * no + o] - want).abs() < 1e-4, "dW[{i}][{o}]");
            }
        }
        for o in 0..no {
            let want: f32 = (0..batch).map(|r| dy[r * no + o]).sum();
            assert!((bg[o] - want).abs() < 1e-4);
        }
    }

    #[test]
    fn vectorised_elu_matches_the_library() {
        let mut worst = 0.0f32;
        let mut v = -90.0f32;
        while v < 5.0 {
            let want = elu(v);
            let got = elu_vec(&[v])[0];
            let err = (got - want).abs() / want.abs().max(1e-30);
            worst = worst.max(if want == 0.0 { got.abs() } else { err });
            v += 0.000_731;
        }
        assert!(worst < 1e-6, "worst relative error {worst}");
        assert_eq!(elu_vec(&[0.0, 2.5, -0.0]), [0.0, 2.5, 0.0]);
    }

    #[test]
    fn losses() {
        let (l, g) = softmax_cross_entropy(&[0.0, 0.0], &[1], 2);
        assert!((l - std::f64::consts::LN_2).abs() < 1e-7);
        assert_eq!(g, vec![0.5, -0.5]);
        let (l, g) = logistic_loss(&[0.0, 0.0], 1.0);
        assert!((l - std::f64::consts::LN_2).abs() < 1e-7);
        assert_eq!(g, vec![-0.25, -0.25]);
        assert!(logistic_loss(&[1000.0], 0.0).0.is_finite());
    }
}
