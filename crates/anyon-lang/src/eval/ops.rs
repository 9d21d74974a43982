//! Arithmetic and equality between values: exact forms combine exactly, lazy series
//! build lazy nodes, and a truncated series forces the other side to the order it
//! supports.

use anyon_series::{Polynomial, Rational, RationalFunction, Series, limits};
use malachite::base::num::arithmetic::traits::{CheckedRoot, Pow};
use malachite::base::num::basic::traits::{One, Zero};
use malachite::base::num::logic::traits::SignificantBits;

use super::error::{Error, RAISE_LIMIT_HELP, Result};
use super::lazy::Lazy;
use super::numeric::rational_f64;
use super::value::{Value, type_error};
use crate::syntax::ChainOp;

/// The arithmetic classes of values.
enum Class {
    Exact(RationalFunction),
    Lazy(Lazy),
    Series(Series),
    Float(f64),
    Other,
}

fn class(v: &Value) -> Class {
    match v {
        Value::Lazy(l) => Class::Lazy(l.clone()),
        Value::Series(s) => Class::Series(s.clone()),
        Value::Float(f) => Class::Float(*f),
        other => match other.as_exact() {
            Some(f) => Class::Exact(f),
            None => Class::Other,
        },
    }
}

/// A value as a lazy series (an exact value without a pole at 0, or a lazy one).
///
/// # Errors
/// For a pole at 0 or a value that is not a series.
pub fn to_lazy(v: &Value) -> Result<Lazy> {
    match class(v) {
        Class::Lazy(l) => Ok(l),
        Class::Exact(f) => Lazy::exact(f),
        _ => Err(Error::new(format!("expected a series, got {}", v.a_type()))),
    }
}

/// A series-like value (exact, lazy or truncated) to `O(x^n)`; a truncated series is
/// returned as it is (possibly known to less than `n`).
///
/// # Errors
/// For a pole at 0, a value that is not a series, or a failing expansion.
pub fn force(v: &Value, n: usize) -> Result<Series> {
    match class(v) {
        Class::Series(s) => Ok(s),
        Class::Exact(f) => {
            if f.denominator().coefficient(0) == Rational::ZERO {
                return Err(Error::new(format!(
                    "{f} has a pole at x = 0, so it has no power series"
                ))
                .with_help("multiply by a power of x first"));
            }
            Ok(f.taylor(n)?)
        }
        Class::Lazy(l) => l.expand(n),
        Class::Float(_) | Class::Other => {
            Err(Error::new(format!("expected a series, got {}", v.a_type())))
        }
    }
}

/// The valuation of an exact or lazy value, looking as far as `n`.
fn valuation(v: &Value, n: usize) -> Result<Option<usize>> {
    match class(v) {
        Class::Exact(f) => Ok(f.numerator().valuation()),
        Class::Lazy(l) => l.valuation(n),
        Class::Series(s) => Ok(s.valuation()),
        _ => Ok(None),
    }
}

fn has_pole(f: &RationalFunction) -> bool {
    f.denominator().coefficient(0) == Rational::ZERO
}

/// `s * other` for a truncated `s` and an exact or lazy `other`, known as far as the
/// factors determine it.
fn series_times(s: &Series, other: &Value) -> Result<Series> {
    if let Class::Exact(f) = class(other)
        && has_pole(&f)
    {
        let t = series_times(s, &Value::polynomial(f.numerator().clone()))?;
        return series_over(&t, &Value::polynomial(f.denominator().clone()));
    }
    let n = s.order();
    let v = valuation(other, n)?.unwrap_or(n);
    let o = force(other, n.saturating_add(v))?;
    Ok(s * &o)
}

/// `s / other` for a truncated `s` and an exact or lazy `other`.
fn series_over(s: &Series, other: &Value) -> Result<Series> {
    if let Class::Exact(f) = class(other)
        && has_pole(&f)
    {
        let t = series_times(s, &Value::polynomial(f.denominator().clone()))?;
        return series_over(&t, &Value::polynomial(f.numerator().clone()));
    }
    let n = s.order();
    let Some(v) = valuation(other, n)? else {
        return Err(Error::new("division by zero"));
    };
    let o = force(other, n.saturating_add(v))?;
    Ok(s.checked_div(&o)?)
}

/// `other / s` for an exact or lazy `other` and a truncated `s`.
fn over_series(other: &Value, s: &Series) -> Result<Series> {
    if let Class::Exact(f) = class(other)
        && has_pole(&f)
    {
        let bottom = series_times(s, &Value::polynomial(f.denominator().clone()))?;
        let top = force(&Value::polynomial(f.numerator().clone()), bottom.order())?;
        return Ok(top.checked_div(&bottom)?);
    }
    let top = force(other, s.order())?;
    Ok(top.checked_div(s)?)
}

fn verb(op: ChainOp) -> (&'static str, &'static str) {
    match op {
        ChainOp::Add => ("add", "and"),
        ChainOp::Sub => ("subtract", "from"),
        ChainOp::Mul => ("multiply", "by"),
        ChainOp::Div => ("divide", "by"),
    }
}

/// `a op b` for the four chain operators.
///
/// # Errors
/// A type error naming both types; division by zero; a domain or limit error.
pub fn binary(op: ChainOp, a: &Value, b: &Value) -> Result<Value> {
    let (ca, cb) = (class(a), class(b));
    let mismatch = || {
        let (v, j) = verb(op);
        if op == ChainOp::Sub {
            type_error(v, b, j, a)
        } else {
            type_error(v, a, j, b)
        }
    };
    match (ca, cb) {
        (Class::Exact(x), Class::Exact(y)) => exact_binary(op, &x, &y),
        (Class::Float(x), Class::Float(y)) => Ok(Value::Float(float_binary(op, x, y))),
        (Class::Float(x), Class::Exact(y)) if y.numerator().is_constant() && y.is_polynomial() => {
            let y = rational_f64(&y.numerator().coefficient(0));
            Ok(Value::Float(float_binary(op, x, y)))
        }
        (Class::Exact(x), Class::Float(y)) if x.numerator().is_constant() && x.is_polynomial() => {
            let x = rational_f64(&x.numerator().coefficient(0));
            Ok(Value::Float(float_binary(op, x, y)))
        }
        (Class::Float(_), _) | (_, Class::Float(_)) => Err(mismatch().with_help(
            "floats do not mix with series or functions; evaluate at a point with eval(f, v)",
        )),
        (Class::Series(s), Class::Series(t)) => Ok(Value::Series(match op {
            ChainOp::Add => &s + &t,
            ChainOp::Sub => &s - &t,
            ChainOp::Mul => &s * &t,
            ChainOp::Div => s.checked_div(&t)?,
        })),
        (Class::Series(s), Class::Exact(_) | Class::Lazy(_)) => Ok(Value::Series(match op {
            ChainOp::Add => &s + &force(b, s.order())?,
            ChainOp::Sub => &s - &force(b, s.order())?,
            ChainOp::Mul => series_times(&s, b)?,
            ChainOp::Div => series_over(&s, b)?,
        })),
        (Class::Exact(_) | Class::Lazy(_), Class::Series(t)) => Ok(Value::Series(match op {
            ChainOp::Add => &force(a, t.order())? + &t,
            ChainOp::Sub => &force(a, t.order())? - &t,
            ChainOp::Mul => series_times(&t, a)?,
            ChainOp::Div => over_series(a, &t)?,
        })),
        (Class::Lazy(x), Class::Lazy(y)) => lazy_binary(op, &x, &y),
        (Class::Lazy(x), Class::Exact(f)) => lazy_exact(op, &x, &f, false),
        (Class::Exact(f), Class::Lazy(y)) => lazy_exact(op, &y, &f, true),
        (Class::Other, _) | (_, Class::Other) => Err(mismatch()),
    }
}

fn float_binary(op: ChainOp, x: f64, y: f64) -> f64 {
    match op {
        ChainOp::Add => x + y,
        ChainOp::Sub => x - y,
        ChainOp::Mul => x * y,
        ChainOp::Div => x / y,
    }
}

fn exact_binary(op: ChainOp, x: &RationalFunction, y: &RationalFunction) -> Result<Value> {
    limits::check_cancel()?;
    Ok(Value::exact(match op {
        ChainOp::Add => x + y,
        ChainOp::Sub => x - y,
        ChainOp::Mul => x * y,
        ChainOp::Div => x
            .checked_div(y)
            .map_err(|_| Error::new(format!("division by zero: the divisor is exactly {y}")))?,
    }))
}

fn lazy_binary(op: ChainOp, x: &Lazy, y: &Lazy) -> Result<Value> {
    Ok(Value::Lazy(match op {
        ChainOp::Add => Lazy::add(x, y)?,
        ChainOp::Sub => Lazy::sub(x, y)?,
        ChainOp::Mul => Lazy::mul(x, y)?,
        ChainOp::Div => Lazy::div(x, y)?,
    }))
}

/// `l op f` (or `f op l` when `flipped`) for a lazy `l` and an exact `f`.
fn lazy_exact(op: ChainOp, l: &Lazy, f: &RationalFunction, flipped: bool) -> Result<Value> {
    let exact = |p: &Polynomial| Lazy::exact(RationalFunction::from(p.clone()));
    let (p, q) = (f.numerator(), f.denominator());
    Ok(Value::Lazy(match (op, flipped) {
        (ChainOp::Add, _) => Lazy::add(l, &Lazy::exact(f.clone())?)?,
        (ChainOp::Sub, false) => Lazy::sub(l, &Lazy::exact(f.clone())?)?,
        (ChainOp::Sub, true) => Lazy::sub(&Lazy::exact(f.clone())?, l)?,
        (ChainOp::Mul, _) => {
            if f.is_zero() {
                return Ok(Value::Number(Rational::ZERO));
            }
            if f.is_polynomial() && p.is_one() {
                l.clone()
            } else if has_pole(f) {
                Lazy::div(&Lazy::mul(l, &exact(p)?)?, &exact(q)?)?
            } else {
                Lazy::mul(l, &Lazy::exact(f.clone())?)?
            }
        }
        (ChainOp::Div, false) => {
            if f.is_zero() {
                return Err(Error::new("division by zero: the divisor is exactly 0"));
            }
            if f.is_polynomial() && p.is_one() {
                l.clone()
            } else if p.coefficient(0) == Rational::ZERO {
                Lazy::div(&Lazy::mul(l, &exact(q)?)?, &exact(p)?)?
            } else {
                Lazy::mul(l, &Lazy::exact(f.recip()?)?)?
            }
        }
        (ChainOp::Div, true) => {
            if f.is_zero() {
                return Ok(Value::Number(Rational::ZERO));
            }
            if has_pole(f) {
                Lazy::div(&exact(p)?, &Lazy::mul(&exact(q)?, l)?)?
            } else {
                Lazy::div(&Lazy::exact(f.clone())?, l)?
            }
        }
    }))
}

/// `-a`.
///
/// # Errors
/// For a value that cannot be negated.
pub fn negate(a: &Value) -> Result<Value> {
    match class(a) {
        Class::Exact(f) => Ok(Value::exact(-&f)),
        Class::Series(s) => Ok(Value::Series(-&s)),
        Class::Lazy(l) => Ok(Value::Lazy(Lazy::neg(&l)?)),
        Class::Float(v) => Ok(Value::Float(-v)),
        Class::Other => Err(Error::new(format!("cannot negate {}", a.a_type()))),
    }
}

/// `a ^ b`.
///
/// # Errors
/// A type error; a power too large for the limits; a domain error.
pub fn power(a: &Value, b: &Value) -> Result<Value> {
    let e = match b {
        Value::Number(e) => e.clone(),
        Value::Float(e) => {
            return match class(a) {
                Class::Float(x) => Ok(Value::Float(x.powf(*e))),
                Class::Exact(f) if f.is_polynomial() && f.numerator().is_constant() => Ok(
                    Value::Float(rational_f64(&f.numerator().coefficient(0)).powf(*e)),
                ),
                _ => Err(
                    Error::new(format!("cannot raise {} to a float power", a.a_type()))
                        .with_help("exponents of series must be exact rationals, like 1/2"),
                ),
            };
        }
        other => {
            return Err(Error::new(format!(
                "cannot raise {} to the power of {}: the exponent must be a number",
                a.a_type(),
                other.a_type()
            )));
        }
    };
    let integer = *e.denominator_ref() == 1u32;
    let k = if integer {
        i64::try_from(&e).ok()
    } else {
        None
    };
    if integer && k.is_none() {
        return Err(Error::new(format!(
            "the exponent {e} is too large: it must fit in 64 bits"
        )));
    }
    match class(a) {
        Class::Float(x) => Ok(Value::Float(x.powf(rational_f64(&e)))),
        Class::Exact(f) if f.is_polynomial() && f.numerator().is_constant() => {
            number_power(&f.numerator().coefficient(0), &e, k)
        }
        Class::Exact(f) => match k {
            Some(k) => {
                if f.is_zero() && k < 0 {
                    return Err(Error::new("division by zero: 0 to a negative power"));
                }
                Ok(Value::exact(f.pow(k)?))
            }
            None => Ok(Value::Lazy(Lazy::pow(&Lazy::exact(f)?, &e)?)),
        },
        Class::Lazy(l) => match k {
            Some(0) => Ok(Value::Number(Rational::ONE)),
            Some(1) => Ok(Value::Lazy(l)),
            Some(k) => Ok(Value::Lazy(Lazy::pow_int(&l, k)?)),
            None => Ok(Value::Lazy(Lazy::pow(&l, &e)?)),
        },
        Class::Series(s) => Ok(Value::Series(match k {
            Some(k) => s.pow_int(k)?,
            None => s.pow(&e)?,
        })),
        Class::Other => Err(Error::new(format!(
            "cannot raise {} to a power",
            a.a_type()
        ))),
    }
}

/// `r^e` for a rational `r`: exact when the result is rational, a float otherwise.
fn number_power(r: &Rational, e: &Rational, k: Option<i64>) -> Result<Value> {
    if let Some(k) = k {
        if *r == Rational::ZERO && k < 0 {
            return Err(Error::new("division by zero: 0 to a negative power"));
        }
        let bits = r
            .numerator_ref()
            .significant_bits()
            .max(r.denominator_ref().significant_bits());
        let size = bits as u128 * k.unsigned_abs() as u128;
        let limit = 8 * limits::max_order() as u128;
        if size > limit && *r != Rational::ONE && *r != -Rational::ONE {
            return Err(Error::new(format!(
                "{r}^{k} would have about {size} bits, above the limit of {limit} bits \
                 (8 times the order limit)"
            ))
            .with_help(RAISE_LIMIT_HELP));
        }
        let p = r.clone().pow(k.unsigned_abs());
        return Ok(Value::Number(if k < 0 { Rational::ONE / p } else { p }));
    }
    // A rational root when there is one: (p/q)^(a/b) = ((p/q)^(1/b))^a
    let b = u64::try_from(e.denominator_ref()).ok();
    let a = i64::try_from(e.numerator_ref()).ok();
    if let (Some(b), Some(a)) = (b, a)
        && *r >= Rational::ZERO
        && let Some(root) = r.clone().checked_root(b)
        && a.unsigned_abs() <= 1 << 20
    {
        let p = root.pow(a.unsigned_abs());
        let negative = *e < Rational::ZERO;
        if !(negative && p == Rational::ZERO) {
            return Ok(Value::Number(if negative { Rational::ONE / p } else { p }));
        }
    }
    Ok(Value::Float(rational_f64(r).powf(rational_f64(e))))
}

/// Exact equality: rational functions compared exactly, truncated series to the
/// smaller known order, lazy series to `order` (the default order) when nothing else
/// bounds the comparison.
///
/// # Errors
/// A failing expansion.
pub fn equal(a: &Value, b: &Value, order: usize) -> Result<bool> {
    Ok(match (class(a), class(b)) {
        (Class::Exact(x), Class::Exact(y)) => x == y,
        (Class::Float(x), Class::Float(y)) => x == y,
        (Class::Float(x), Class::Exact(y)) | (Class::Exact(y), Class::Float(x)) => {
            y.is_polynomial()
                && y.numerator().is_constant()
                && rational_f64(&y.numerator().coefficient(0)) == x
        }
        (Class::Series(s), Class::Series(t)) => s.agrees_with(&t),
        (Class::Series(s), Class::Exact(_) | Class::Lazy(_)) => {
            s.agrees_with(&force(b, s.order())?)
        }
        (Class::Exact(_) | Class::Lazy(_), Class::Series(t)) => {
            t.agrees_with(&force(a, t.order())?)
        }
        (Class::Lazy(_), Class::Lazy(_) | Class::Exact(_)) | (Class::Exact(_), Class::Lazy(_)) => {
            force(a, order)? == force(b, order)?
        }
        _ => match (a, b) {
            (Value::Bool(x), Value::Bool(y)) => x == y,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Group(x), Value::Group(y)) => x == y,
            (Value::Character(x), Value::Character(y)) => x == y,
            (Value::List(x), Value::List(y)) => {
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (u, v) in x.iter().zip(y) {
                    if !equal(u, v, order)? {
                        return Ok(false);
                    }
                }
                true
            }
            _ => false,
        },
    })
}
