//! Process-wide limits and cooperative cancellation.
//!
//! The limit on orders protects a session from requests that would exhaust memory (an
//! order of 10^12). Cancellation lets an interactive front end stop a long computation:
//! the long loops of the crate call [`check_cancel`] and return [`Error::Cancelled`].
//! Neither is precision state: every series carries its own order.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::error::{Error, Result};

/// The default largest order (number of coefficients) a computation may ask for.
pub const DEFAULT_MAX_ORDER: usize = 1_000_000;

static MAX_ORDER: AtomicUsize = AtomicUsize::new(DEFAULT_MAX_ORDER);
static CANCEL: AtomicBool = AtomicBool::new(false);

/// The current largest order a computation may ask for.
pub fn max_order() -> usize {
    MAX_ORDER.load(Ordering::Relaxed)
}

/// Sets the largest order a computation may ask for.
///
/// # Examples
/// ```
/// use anyon_series::limits;
/// let old = limits::max_order();
/// limits::set_max_order(10);
/// assert!(limits::check_order(11).is_err());
/// limits::set_max_order(old);
/// ```
pub fn set_max_order(n: usize) {
    MAX_ORDER.store(n, Ordering::Relaxed);
}

/// Checks an order against the limit.
///
/// # Errors
/// [`Error::OrderTooLarge`] when `n` is above [`max_order`].
pub fn check_order(n: u128) -> Result<usize> {
    let limit = max_order();
    if n > limit as u128 {
        Err(Error::OrderTooLarge {
            requested: n,
            limit,
        })
    } else {
        Ok(n as usize)
    }
}

/// Asks every running computation to stop at its next check (for a Ctrl-C handler).
pub fn cancel() {
    CANCEL.store(true, Ordering::Relaxed);
}

/// Clears a pending cancellation (call before starting a new computation).
pub fn reset_cancel() {
    CANCEL.store(false, Ordering::Relaxed);
}

/// Whether a cancellation is pending.
pub fn is_cancelled() -> bool {
    CANCEL.load(Ordering::Relaxed)
}

/// Returns [`Error::Cancelled`] if a cancellation is pending.
///
/// # Errors
/// [`Error::Cancelled`] after [`cancel`] and before [`reset_cancel`].
#[inline]
pub fn check_cancel() -> Result<()> {
    if CANCEL.load(Ordering::Relaxed) {
        Err(Error::Cancelled)
    } else {
        Ok(())
    }
}
