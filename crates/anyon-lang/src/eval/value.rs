//! The values of the language, their type names, printing and JSON form.

use std::fmt::Write as _;

use anyon_pleth::{Character, Group};
use anyon_series::{Polynomial, Rational, RationalFunction, Series};

use super::error::{Error, Result};
use super::lazy::Lazy;
use super::numeric::format_f64;

/// A value of the language.
///
/// Exact values are kept in their simplest exact form: a rational function whose
/// denominator is 1 is a [`Value::Polynomial`], a constant polynomial a
/// [`Value::Number`] (see [`Value::exact`]). A [`Value::Series`] carries its own
/// order and is never known beyond it; a [`Value::Lazy`] is exact and is expanded to
/// whatever order its consumer asks for.
#[derive(Clone)]
pub enum Value {
    /// An exact rational number.
    Number(Rational),
    /// A polynomial in `x` of degree at least 1.
    Polynomial(Polynomial),
    /// A rational function that is not a polynomial, in canonical form.
    RationalFunction(RationalFunction),
    /// A truncated power series `... + O(x^N)`.
    Series(Series),
    /// An exact power series computed on demand (`exp(x)`, `PE(x/(1-x))`).
    Lazy(Lazy),
    /// A floating-point number (from `eval` at a float, `float`, `exp(1)`).
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// A list `[a, b, ...]`.
    List(Vec<Value>),
    /// A string (file names, labels).
    Str(String),
    /// A factorisation over Q: a constant times powers of polynomials.
    Factored(Factored),
    /// A finite group (`cyclic(6)`, `abelian([2, 4])`, `dihedral(5)`).
    Group(Group),
    /// An irreducible character, to pair with a group (`chi(1)`, `rho(1)`).
    Character(Character),
}

/// A factorisation `unit * prod p_i^(e_i)`, printed as a product.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Factored {
    /// The constant factor.
    pub unit: Rational,
    /// The factors with their (possibly negative) multiplicities.
    pub factors: Vec<(Polynomial, i64)>,
}

impl Factored {
    /// The product as a rational function.
    ///
    /// # Errors
    /// Limits on degrees (not reachable for a factorisation of a valid value).
    pub fn product(&self) -> Result<RationalFunction> {
        let mut num = Polynomial::constant(self.unit.clone());
        let mut den = Polynomial::one();
        for (p, e) in &self.factors {
            let power = p.pow(e.unsigned_abs())?;
            if *e >= 0 {
                num = &num * &power;
            } else {
                den = &den * &power;
            }
        }
        Ok(RationalFunction::new(num, den)?)
    }
}

impl std::fmt::Display for Factored {
    /// `2*(1 + x)^3*(1 - x + x^2)^2`, `x*(1 - x)^-1` for negative powers.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        let one = Rational::from(1);
        if self.unit != one || self.factors.is_empty() {
            if self.unit < 0 && self.unit == -one.clone() && !self.factors.is_empty() {
                parts.push("-1".to_string());
            } else {
                parts.push(self.unit.to_string());
            }
        }
        for (p, e) in &self.factors {
            let base = if p.term_count() > 1 || p.coefficient(p.degree().unwrap_or(0)) != one {
                format!("({p})")
            } else {
                p.to_string()
            };
            match *e {
                1 => parts.push(base),
                e if e < 0 => parts.push(format!("{base}^({e})")),
                e => parts.push(format!("{base}^{e}")),
            }
        }
        f.write_str(&parts.join("*"))
    }
}

impl Value {
    /// An exact value in its simplest form: number, polynomial or rational function.
    pub fn exact(f: RationalFunction) -> Value {
        if f.is_polynomial() {
            Value::polynomial(f.numerator().clone())
        } else {
            Value::RationalFunction(f)
        }
    }

    /// A polynomial in its simplest form (a constant is a number).
    pub fn polynomial(p: Polynomial) -> Value {
        if p.is_constant() {
            Value::Number(p.coefficient(0))
        } else {
            Value::Polynomial(p)
        }
    }

    /// The exact rational function of a number, polynomial, rational function or
    /// factorisation.
    pub fn as_exact(&self) -> Option<RationalFunction> {
        match self {
            Value::Number(r) => Some(RationalFunction::from(r.clone())),
            Value::Polynomial(p) => Some(RationalFunction::from(p.clone())),
            Value::RationalFunction(f) => Some(f.clone()),
            Value::Factored(f) => f.product().ok(),
            _ => None,
        }
    }

    /// The name of the value's type, as error messages say it.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Number(_) => "number",
            Value::Polynomial(_) => "polynomial",
            Value::RationalFunction(_) => "rational function",
            Value::Series(_) => "truncated series",
            Value::Lazy(_) => "series",
            Value::Float(_) => "float",
            Value::Bool(_) => "boolean",
            Value::List(_) => "list",
            Value::Str(_) => "string",
            Value::Factored(_) => "factorisation",
            Value::Group(_) => "group",
            Value::Character(_) => "character",
        }
    }

    /// The type name with its article: `a number`, `an exact series`.
    pub fn a_type(&self) -> String {
        with_article(self.type_name())
    }

    /// The printed form; a lazy series is expanded to `order`.
    ///
    /// # Errors
    /// When a lazy series fails to expand (a domain error, cancellation).
    pub fn render(&self, order: usize) -> Result<String> {
        Ok(match self {
            Value::Number(r) => r.to_string(),
            Value::Polynomial(p) => p.to_string(),
            Value::RationalFunction(f) => f.to_string(),
            Value::Series(s) => s.to_string(),
            Value::Lazy(l) if l.shows_closed_form() => l.describe(),
            Value::Lazy(l) => l.expand(order)?.to_string(),
            Value::Float(v) => format_f64(*v),
            Value::Bool(b) => b.to_string(),
            Value::List(items) => {
                let mut out = String::from("[");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&item.render(order)?);
                }
                out.push(']');
                out
            }
            Value::Str(s) => quote(s),
            Value::Factored(f) => f.to_string(),
            Value::Group(g) => g.to_string(),
            Value::Character(c) => c.to_string(),
        })
    }

    /// The JSON form of the contract in DESIGN.md; a lazy series is expanded to
    /// `order` and written as a truncated series.
    ///
    /// # Errors
    /// As for [`Value::render`].
    pub fn to_json(&self, order: usize) -> Result<String> {
        Ok(match self {
            Value::Number(r) => json_string(&r.to_string()),
            Value::Polynomial(p) => json_ratfunc(&RationalFunction::from(p.clone())),
            Value::RationalFunction(f) => json_ratfunc(f),
            Value::Factored(f) => json_ratfunc(&f.product()?),
            Value::Series(s) => json_series(s),
            Value::Lazy(l) => json_series(&l.expand(order)?),
            Value::Float(v) if v.is_finite() => format_f64(*v),
            Value::Float(_) => "null".to_string(),
            Value::Bool(b) => b.to_string(),
            Value::List(items) => {
                let parts: Result<Vec<String>> = items.iter().map(|v| v.to_json(order)).collect();
                format!("[{}]", parts?.join(","))
            }
            Value::Str(s) => json_string(s),
            Value::Group(g) => json_string(&g.to_string()),
            Value::Character(c) => json_string(&c.to_string()),
        })
    }
}

/// `a number`, `an exact series`.
pub fn with_article(name: &str) -> String {
    let vowel = name.starts_with(['a', 'e', 'i', 'o', 'u']);
    format!("{} {name}", if vowel { "an" } else { "a" })
}

/// A string literal as the parser reads it back.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_list(cs: &[Rational]) -> String {
    let parts: Vec<String> = cs.iter().map(|c| json_string(&c.to_string())).collect();
    format!("[{}]", parts.join(","))
}

/// `{"num": [...], "den": [...]}`, coefficients from degree 0 up, in the canonical
/// form of `RationalFunction` (the lowest nonzero coefficient of den is 1, so
/// `den(0) = 1` whenever there is no pole at 0).
fn json_ratfunc(f: &RationalFunction) -> String {
    let num = f.numerator().coefficients();
    let num = if num.is_empty() {
        vec![Rational::from(0)]
    } else {
        num
    };
    format!(
        "{{\"num\":{},\"den\":{}}}",
        json_list(&num),
        json_list(&f.denominator().coefficients())
    )
}

/// `{"series": [c0, ..., c(N-1)], "order": N}`.
fn json_series(s: &Series) -> String {
    format!(
        "{{\"series\":{},\"order\":{}}}",
        json_list(&s.coefficients()),
        s.order()
    )
}

/// A type error naming both operand types: `cannot add a list and a number`.
pub fn type_error(verb: &str, a: &Value, joiner: &str, b: &Value) -> Error {
    Error::new(format!(
        "cannot {verb} {} {joiner} {}",
        a.a_type(),
        b.a_type()
    ))
}
