//! Shared text and LaTeX rendering of sums of terms `c x^k`, in ascending powers.
//!
//! The text form is the one the anyon language reads back: integers multiply `x` by
//! juxtaposition (`2x^3`), other rationals with a star (`3/4*x^2`).

use std::fmt::Write as _;

use malachite::Rational;
use malachite::base::num::arithmetic::traits::Abs;
use malachite::base::num::basic::traits::{One, Zero};

/// Renders `sum c_k x^k` over the given (power, coefficient) pairs, ascending, skipping zeros.
/// Returns the empty string when every coefficient is zero.
pub(crate) fn terms_text<'a>(terms: impl Iterator<Item = (usize, &'a Rational)>) -> String {
    let mut out = String::new();
    for (k, c) in terms {
        if *c == Rational::ZERO {
            continue;
        }
        let negative = *c < Rational::ZERO;
        if out.is_empty() {
            if negative {
                out.push('-');
            }
        } else {
            out.push_str(if negative { " - " } else { " + " });
        }
        let a = c.abs();
        let integer = *a.denominator_ref() == 1u32;
        if k == 0 {
            let _ = write!(out, "{a}");
            continue;
        }
        if a != Rational::ONE {
            if integer {
                let _ = write!(out, "{a}");
            } else {
                let _ = write!(out, "{a}*");
            }
        }
        out.push('x');
        if k > 1 {
            let _ = write!(out, "^{k}");
        }
    }
    out
}

/// The LaTeX form of [`terms_text`].
pub(crate) fn terms_latex<'a>(terms: impl Iterator<Item = (usize, &'a Rational)>) -> String {
    let mut out = String::new();
    for (k, c) in terms {
        if *c == Rational::ZERO {
            continue;
        }
        let negative = *c < Rational::ZERO;
        if out.is_empty() {
            if negative {
                out.push('-');
            }
        } else {
            out.push_str(if negative { " - " } else { " + " });
        }
        let a = c.abs();
        let integer = *a.denominator_ref() == 1u32;
        let coeff = if integer {
            a.numerator_ref().to_string()
        } else {
            format!("\\frac{{{}}}{{{}}}", a.numerator_ref(), a.denominator_ref())
        };
        if k == 0 {
            out.push_str(&coeff);
            continue;
        }
        if a != Rational::ONE {
            out.push_str(&coeff);
            out.push(' ');
        }
        out.push('x');
        if k > 1 {
            let _ = write!(out, "^{{{k}}}");
        }
    }
    out
}

/// `O(x^n)` in text.
pub(crate) fn big_o_text(n: usize) -> String {
    match n {
        0 => "O(1)".to_string(),
        1 => "O(x)".to_string(),
        _ => format!("O(x^{n})"),
    }
}

/// `O(x^n)` in LaTeX.
pub(crate) fn big_o_latex(n: usize) -> String {
    match n {
        0 => "O(1)".to_string(),
        1 => "O(x)".to_string(),
        _ => format!("O(x^{{{n}}})"),
    }
}
