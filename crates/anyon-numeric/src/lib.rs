//! Floating evaluation of loss curves, simulation, training experiments, fitting and plots.
//!
//! The exact algebra lives in the other crates; this one works in `f64` from an order
//! profile `Z(x) = prod_d (1 - x^d)^(-a_d)` ([`Profile`]).
//!
//! | module | holds |
//! |---|---|
//! | [`profile`] | [`Profile`]: the pairs `(d, a_d)`, cyclic groups and characters |
//! | [`curve`] | stable `n(x)`, `loss(t)`, and the fast [`loss_many`] |
//! | [`plot`] | [`plot::Chart`] to PNG/SVG with an embedded font |
//! | [`sim`] | the cycle sampler (bands) and the signed-weight sampler report |
//! | [`train`] | XOR (Z_2), digits (Z_1) and GAN (Z_6) runs on a hand-written MLP |
//! | [`fit`] | fitting `A exp(-m n(exp((t - t0)/s)))` to a loss log; reading logs |
//! | [`rng`] | the seeded xoshiro256** generator every random run uses |
//!
//! **Architecture invariant:** no exact arithmetic and no parsing of the anyon language
//! here; this is the only crate that depends on plotters. **API boundary:** everything
//! enters as a [`Profile`] (integers) or a loss log `Vec<(step, loss)>`; errors are
//! [`Error`].
//!
//! ```
//! use anyon_numeric::Profile;
//! let z6 = Profile::cyclic(6)?;
//! assert_eq!(format!("{:.4}", z6.loss_t(1.3174)), "8.6253");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod curve;
mod error;
pub mod fit;
pub mod plot;
pub mod profile;
pub mod rng;
pub mod sim;
pub mod train;

pub use curve::{LossEvaluator, linspace, loss_many, n_many};
pub use error::{Error, Result};
pub use profile::Profile;
