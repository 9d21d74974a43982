//! Number theory, finite groups and characters, the roots-of-unity projection, and
//! (to come) plethystic exp/log and partition functions of learning dynamics.
//!
//! A learning dynamic is a finite group with a character ([`Dynamic`]). Everything the
//! partition function needs is its integer *order profile* `a_d`, the sum of the
//! character over the elements of order `d`; then
//! `Omega_chi(x) = -sum_d a_d ln(1 - x^d)` and `Z_chi = prod_d (1 - x^d)^(-a_d)`.
//!
//! ```
//! use anyon_pleth::{Dynamic, projection};
//! // The GAN dynamic of the post: Z_6 with its faithful character
//! let z6 = Dynamic::cyclic(6, 1)?;
//! assert_eq!(z6.order_profile()?, [(1, 1), (2, -1), (3, -1), (6, 1)]);
//! let z = projection::omega(&z6, 9)?.exp()?;
//! assert_eq!(z.to_string(), "1 + x - x^3 - x^4 + x^6 + x^7 + O(x^9)");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Architecture invariant
//! Exact: results are `anyon_series` values or integers. Floating point appears only in
//! the complex verification routes ([`Dynamic::order_profile_enumerated`],
//! [`projection::omega_complex`]), which check their own rounding. No I/O, no parsing.
//! Every input is validated; bad input is an [`Error`] value, never a panic.
//!
//! # API boundary
//! [`arith`] (number theory on `u64`), [`group`] ([`Group`], [`Character`],
//! [`Dynamic`] and their order profiles), [`projection`] (`Omega_chi` as a series),
//! and [`Error`].

pub mod arith;
mod error;
pub mod group;
pub mod partition;
pub mod pleth;
pub mod projection;

pub use error::{Error, Result};
pub use group::{Character, DihedralCharacter, Dynamic, Group};
pub use partition::{Loss, PartitionFunction};
