//! The builtin table: every name of the language with its signature, doc string and a
//! checked example; `:help` and docs/reference.md are generated from it.

use std::rc::Rc;

use anyon_pleth::{Character, DihedralCharacter, Dynamic, Group};
use anyon_series::{Integer, Polynomial, Rational, RationalFunction, Series, limits};
use malachite::base::num::arithmetic::traits::CheckedSqrt;
use malachite::base::num::basic::traits::{One, Zero};

use super::error::{Error, Result};
use super::factor::factor_ratfunc;
use super::lazy::{Lazy, horner};
use super::numeric::{polynomial_f64, ratfunc_f64, rational_f64};
use super::ops::{self, force, to_lazy};
use super::pleth_ops;
use super::value::Value;

/// What a builtin is: a constant, or a function of evaluated arguments.
#[derive(Clone, Copy)]
pub enum Imp {
    /// A constant (`x`, `true`).
    Const(fn() -> Value),
    /// A function with between `min` and `max` arguments.
    Func {
        /// Fewest arguments.
        min: usize,
        /// Most arguments.
        max: usize,
        /// The implementation.
        f: fn(&Ctx, &[Value]) -> Result<Value>,
    },
}

/// What a builtin may read of the session: the default order.
pub struct Ctx {
    /// The order used where nothing asks for more (`:order N`).
    pub order: usize,
}

/// One builtin: name, one-line signature, doc string, an example and its output.
pub struct Builtin {
    /// The name as written.
    pub name: &'static str,
    /// One line: `coeff(f, k)`.
    pub signature: &'static str,
    /// What it does, one or two sentences.
    pub doc: &'static str,
    /// An example statement (checked by a test against `output`).
    pub example: &'static str,
    /// What the example prints.
    pub output: &'static str,
    /// Its implementation.
    pub imp: Imp,
}

macro_rules! func {
    ($min:expr, $max:expr, $f:expr) => {
        Imp::Func {
            min: $min,
            max: $max,
            f: $f,
        }
    };
}

/// Every builtin, in the order of the reference.
pub static BUILTINS: &[Builtin] = &[
    Builtin {
        name: "x",
        signature: "x",
        doc: "The formal variable.",
        example: "(1 + x)^3",
        output: "1 + 3x + 3x^2 + x^3",
        imp: Imp::Const(|| Value::Polynomial(Polynomial::x())),
    },
    Builtin {
        name: "true",
        signature: "true",
        doc: "The boolean true.",
        example: "true",
        output: "true",
        imp: Imp::Const(|| Value::Bool(true)),
    },
    Builtin {
        name: "false",
        signature: "false",
        doc: "The boolean false.",
        example: "1 == 2",
        output: "false",
        imp: Imp::Const(|| Value::Bool(false)),
    },
    Builtin {
        name: "O",
        signature: "O(x^N)",
        doc: "The error term: adding it truncates a series to order N, which is then never known beyond it.",
        example: "1/(1-x) + O(x^5)",
        output: "1 + x + x^2 + x^3 + x^4 + O(x^5)",
        imp: func!(1, 1, big_o),
    },
    Builtin {
        name: "Z",
        signature: "Z(n), Z(n, m), Z(G, chi)",
        doc: "The partition function of Z_n with the character chi_m (default m = 1), or of a group G with a character chi: prod_d (1 - x^d)^(-a_d), exact.",
        example: "Z(6)",
        output: "1/(1 - x + x^2)",
        imp: func!(1, 2, z),
    },
    Builtin {
        name: "omega",
        signature: "omega(n, m), omega(G, chi)",
        doc: "The density Omega = -sum_{d|n} c_d(m) ln(1 - x^d) of Z_n with chi_m (default m = 1), or of G with chi, as a series.",
        example: "omega(2, 1) + O(x^5)",
        output: "x - 1/2*x^2 + 1/3*x^3 - 1/4*x^4 + O(x^5)",
        imp: func!(1, 2, omega),
    },
    Builtin {
        name: "PE",
        signature: "PE(f)",
        doc: "The plethystic exponential exp(sum_k f(x^k)/k), f(0) = 0; exact for a polynomial with integer coefficients.",
        example: "coeffs(PE(x/(1-x)), 8)",
        output: "[1, 1, 2, 3, 5, 7, 11, 15]",
        imp: func!(1, 1, pe),
    },
    Builtin {
        name: "PLog",
        signature: "PLog(f)",
        doc: "The plethystic logarithm sum_k mu(k)/k log f(x^k), f(0) = 1, the inverse of PE; exact for a finite product of (1 - x^d)^e.",
        example: "PLog(Z(6))",
        output: "x - x^2 - x^3 + x^6",
        imp: func!(1, 1, plog),
    },
    Builtin {
        name: "exp",
        signature: "exp(f)",
        doc: "The exponential of a series with f(0) = 0 (or of a number, as a float unless exact).",
        example: "coeff(exp(x), 5)",
        output: "1/120",
        imp: func!(1, 1, exp),
    },
    Builtin {
        name: "log",
        signature: "log(f)",
        doc: "The natural logarithm of a series with f(0) = 1 (or of a positive number).",
        example: "coeff(log(1/(1-x)), 1000)",
        output: "1/1000",
        imp: func!(1, 1, log),
    },
    Builtin {
        name: "sqrt",
        signature: "sqrt(f)",
        doc: "The square root f^(1/2) of a series with f(0) = 1 (or of a number).",
        example: "sqrt(1 + x) + O(x^4)",
        output: "1 + 1/2*x - 1/8*x^2 + 1/16*x^3 + O(x^4)",
        imp: func!(1, 1, sqrt),
    },
    Builtin {
        name: "D",
        signature: "D(f)",
        doc: "The derivative d/dx.",
        example: "D(1/(1-x))",
        output: "1/(1 - 2x + x^2)",
        imp: func!(1, 1, derivative),
    },
    Builtin {
        name: "integrate",
        signature: "integrate(f)",
        doc: "The integral from 0 (constant term 0).",
        example: "integrate(1 + x)",
        output: "x + 1/2*x^2",
        imp: func!(1, 1, integrate),
    },
    Builtin {
        name: "compose",
        signature: "compose(f, g)",
        doc: "The composition f(g(x)); g(0) = 0 unless f is exact. A variable can be called the same way: f(g).",
        example: "compose(1/(1-x), x^2)",
        output: "1/(1 - x^2)",
        imp: func!(2, 2, compose),
    },
    Builtin {
        name: "reversion",
        signature: "reversion(f)",
        doc: "The compositional inverse g with f(g(x)) = x, for f = c x + ..., c != 0.",
        example: "reversion(x/(1-x))",
        output: "x - x^2 + x^3 - x^4 + x^5 - x^6 + x^7 - x^8 + x^9 - x^10 + x^11 - x^12 + x^13 - x^14 + x^15 - x^16 + x^17 - x^18 + x^19 + O(x^20)",
        imp: func!(1, 1, reversion),
    },
    Builtin {
        name: "multisection",
        signature: "multisection(f, k, r)",
        doc: "The terms c_i x^i of f with i = r (mod k).",
        example: "multisection(1/(1-x), 3, 1) + O(x^8)",
        output: "x + x^4 + x^7 + O(x^8)",
        imp: func!(3, 3, multisection),
    },
    Builtin {
        name: "count",
        signature: "count(Z)",
        doc: "The expected number of learnings n(x) = x Z'(x)/Z(x); exact for a rational function.",
        example: "count(Z(6))",
        output: "(x - 2x^2)/(1 - x + x^2)",
        imp: func!(1, 1, count),
    },
    Builtin {
        name: "loss",
        signature: "loss(Z)",
        doc: "The predicted loss exp(-count(Z)) as a function of x; eval it at x = exp(t).",
        example: "eval(loss(Z(2)), 1.0)",
        output: "0.6065306597126334",
        imp: func!(1, 1, loss),
    },
    Builtin {
        name: "coeff",
        signature: "coeff(f, k)",
        doc: "The coefficient of x^k (computes f to order k + 1).",
        example: "coeff(PE(x/(1-x)), 100)",
        output: "190569292",
        imp: func!(2, 2, coeff),
    },
    Builtin {
        name: "coeffs",
        signature: "coeffs(f, N)",
        doc: "The list of the first N coefficients c_0 .. c_(N-1).",
        example: "coeffs(Z(6), 8)",
        output: "[1, 1, 0, -1, -1, 0, 1, 1]",
        imp: func!(2, 2, coeffs),
    },
    Builtin {
        name: "series",
        signature: "series(f, N)",
        doc: "f + O(x^N): the series truncated to order N.",
        example: "series(exp(x), 4)",
        output: "1 + x + 1/2*x^2 + 1/6*x^3 + O(x^4)",
        imp: func!(2, 2, series),
    },
    Builtin {
        name: "valuation",
        signature: "valuation(f)",
        doc: "The index of the first nonzero coefficient.",
        example: "valuation(exp(x) - 1 - x)",
        output: "2",
        imp: func!(1, 1, valuation),
    },
    Builtin {
        name: "num",
        signature: "num(f)",
        doc: "The numerator of a number or rational function (canonical form).",
        example: "num(Z(6))",
        output: "1",
        imp: func!(1, 1, numerator),
    },
    Builtin {
        name: "den",
        signature: "den(f)",
        doc: "The denominator of a number or rational function (lowest coefficient 1).",
        example: "den(Z(6))",
        output: "1 - x + x^2",
        imp: func!(1, 1, denominator),
    },
    Builtin {
        name: "factor",
        signature: "factor(f)",
        doc: "The factorisation over Q of a rational function (powers of x, cyclotomic factors, rational roots, squarefree parts), or of a positive integer as [prime, exponent] pairs.",
        example: "factor(Z(6, 2))",
        output: "(1 + x + x^2)^2*(1 - x + x^2)",
        imp: func!(1, 1, factor),
    },
    Builtin {
        name: "mobius",
        signature: "mobius(n)",
        doc: "The Moebius function mu(n).",
        example: "mobius(30)",
        output: "-1",
        imp: func!(1, 1, mobius),
    },
    Builtin {
        name: "totient",
        signature: "totient(n)",
        doc: "Euler's totient phi(n).",
        example: "totient(12)",
        output: "4",
        imp: func!(1, 1, totient),
    },
    Builtin {
        name: "divisors",
        signature: "divisors(n)",
        doc: "The positive divisors of n, ascending.",
        example: "divisors(12)",
        output: "[1, 2, 3, 4, 6, 12]",
        imp: func!(1, 1, divisors),
    },
    Builtin {
        name: "ramanujan",
        signature: "ramanujan(d, m)",
        doc: "The Ramanujan sum c_d(m) = sum_{e | gcd(d, m)} mu(d/e) e.",
        example: "ramanujan(6, 2)",
        output: "-1",
        imp: func!(2, 2, ramanujan),
    },
    Builtin {
        name: "cyclotomic",
        signature: "cyclotomic(n)",
        doc: "The n-th cyclotomic polynomial Phi_n(x).",
        example: "cyclotomic(6)",
        output: "1 - x + x^2",
        imp: func!(1, 1, cyclotomic),
    },
    Builtin {
        name: "necklace",
        signature: "necklace(n)",
        doc: "The necklace polynomial (1/n) sum_{d|n} mu(d) x^(n/d).",
        example: "necklace(2)",
        output: "-1/2*x + 1/2*x^2",
        imp: func!(1, 1, necklace),
    },
    Builtin {
        name: "plot",
        signature: "plot(f, from, to, file)",
        doc: "Draws f (or a list of functions) against t in [from, to] with x = e^t, 1000 points, to a PNG or SVG file (by extension); returns the file name.",
        example: "plot([loss(Z(6)), loss(Z(2))], -2, 20, \"losses.svg\")",
        output: "\"losses.svg\"",
        imp: func!(4, 4, plot),
    },
    Builtin {
        name: "eval",
        signature: "eval(f, v)",
        doc: "The value of f at x = v: exact at a rational v for an exact f, a float otherwise (v may be a list).",
        example: "eval(Z(6), 2)",
        output: "1/3",
        imp: func!(2, 2, eval),
    },
    Builtin {
        name: "float",
        signature: "float(v)",
        doc: "The nearest float to a number (elementwise on a list).",
        example: "float(1/3)",
        output: "0.3333333333333333",
        imp: func!(1, 1, float),
    },
    Builtin {
        name: "len",
        signature: "len(list)",
        doc: "The number of elements of a list (or characters of a string).",
        example: "len(divisors(12))",
        output: "6",
        imp: func!(1, 1, len),
    },
    Builtin {
        name: "cyclic",
        signature: "cyclic(n)",
        doc: "The cyclic group Z_n.",
        example: "Z(cyclic(6), chi(1)) == Z(6)",
        output: "true",
        imp: func!(1, 1, cyclic),
    },
    Builtin {
        name: "abelian",
        signature: "abelian([n1, n2, ...])",
        doc: "The abelian group Z_n1 x Z_n2 x ...; its characters are chi([m1, m2, ...]).",
        example: "Z(abelian([2, 2]), chi([1, 1]))",
        output: "1 + x",
        imp: func!(1, 1, abelian),
    },
    Builtin {
        name: "dihedral",
        signature: "dihedral(n)",
        doc: "The dihedral group D_n of order 2n; its characters are psi(1..4) and rho(h).",
        example: "Z(dihedral(4), rho(1))",
        output: "1 + 2x + x^2",
        imp: func!(1, 1, dihedral),
    },
    Builtin {
        name: "chi",
        signature: "chi(m), chi([m1, m2, ...])",
        doc: "The character chi_m of a cyclic group (k -> exp(2 pi i m k/n)), or chi_(m1, m2, ...) of an abelian product.",
        example: "Z(cyclic(6), chi(2))",
        output: "1 + x + 2x^2 + x^3 + 2x^4 + x^5 + x^6",
        imp: func!(1, 1, chi),
    },
    Builtin {
        name: "psi",
        signature: "psi(k)",
        doc: "A one-dimensional character of a dihedral group: psi(1) trivial, psi(2) sign, psi(3), psi(4) (n even).",
        example: "Z(dihedral(3), psi(2))",
        output: "(1 + 3x + 3x^2 + x^3)/(1 + 2x + 3x^2 + 2x^3 + x^4)",
        imp: func!(1, 1, psi),
    },
    Builtin {
        name: "rho",
        signature: "rho(h)",
        doc: "The two-dimensional character rho_h of a dihedral group D_n, 1 <= h < n/2.",
        example: "rho(1)",
        output: "rho_1",
        imp: func!(1, 1, rho),
    },
    Builtin {
        name: "characters",
        signature: "characters(G)",
        doc: "All irreducible characters of a group.",
        example: "characters(dihedral(4))",
        output: "[psi_1, psi_2, psi_3, psi_4, rho_1]",
        imp: func!(1, 1, characters),
    },
    Builtin {
        name: "profile",
        signature: "profile(G, chi)",
        doc: "The order profile: pairs [d, a_d], a_d the sum of chi over the elements of order d.",
        example: "profile(cyclic(6), chi(1))",
        output: "[[1, 1], [2, -1], [3, -1], [6, 1]]",
        imp: func!(2, 2, profile),
    },
];

/// The builtin called `name`.
pub fn lookup(name: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.name == name)
}

/// The help text of a builtin: signature, doc, example.
pub fn help_text(b: &Builtin) -> String {
    format!(
        "{}\n  {}\n  example: {}\n           {}",
        b.signature, b.doc, b.example, b.output
    )
}

/// The language reference (docs/reference.md), generated from [`BUILTINS`].
pub fn reference_markdown() -> String {
    let mut out = String::from(
        "# anyon language reference\n\n\
         <!-- Generated from crates/anyon-lang/src/eval/builtins.rs by \
         `anyon --print-reference`; a test keeps this file in step. Do not edit. -->\n\n\
         Every builtin with its signature, what it does, and an example with its output \
         (each example is checked by a test). The grammar is `grammar/anyon.ebnf`.\n\n\
         Values: numbers (exact rationals), polynomials and rational functions (exact), \
         series (exact, computed to the order asked for: `coeff(f, k)` asks k + 1, \
         `coeffs(f, N)` and `+ O(x^N)` ask N, printing asks the default order 20, set \
         with `:order N` or `--order N`), truncated series (`f + O(x^N)`, never known \
         beyond N), floats, booleans, lists, strings, factorisations, groups and \
         characters.\n\n",
    );
    for b in BUILTINS {
        out.push_str(&format!(
            "## `{}`\n\n{}\n\n```text\n> {}\n{}\n```\n\n",
            b.signature, b.doc, b.example, b.output
        ));
    }
    out
}

// ------------------------------------------------------------------ arguments

/// An argument that must be an exact rational number.
fn number(v: &Value, what: &str) -> Result<Rational> {
    match v {
        Value::Number(r) => Ok(r.clone()),
        other => Err(Error::new(format!(
            "{what} must be a number, got {}",
            other.a_type()
        ))),
    }
}

/// An argument that must be a nonnegative integer fitting a `u64`.
fn natural(v: &Value, what: &str) -> Result<u64> {
    let r = number(v, what)?;
    if *r.denominator_ref() != 1u32 || r < Rational::ZERO {
        return Err(Error::new(format!(
            "{what} must be a nonnegative integer, got {r}"
        )));
    }
    u64::try_from(r.numerator_ref())
        .map_err(|_| Error::new(format!("{what} {r} is too large: it must fit in 64 bits")))
}

/// An argument that is an order or index, checked against the order limit.
fn order_arg(v: &Value, what: &str, extra: u64) -> Result<usize> {
    let n = natural(v, what)?;
    limits::check_order(n as u128 + extra as u128)?;
    Ok(n as usize)
}

// ------------------------------------------------------------------ series

fn big_o(_: &Ctx, args: &[Value]) -> Result<Value> {
    let bad = || {
        Error::new(format!(
            "O(...) takes a power of x, like O(x^8), got {}",
            args[0].a_type()
        ))
    };
    let n = match &args[0] {
        Value::Number(r) if *r != Rational::ZERO => 0,
        Value::Polynomial(p) if p.term_count() == 1 => p.degree().ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    Ok(Value::Series(Series::zero(limits::check_order(
        n as u128,
    )?)?))
}

fn dynamic_of(args: &[Value]) -> Result<Dynamic> {
    match (&args[0], args.get(1)) {
        (Value::Group(g), Some(Value::Character(c))) => Ok(Dynamic::new(g.clone(), c.clone())?),
        (Value::Group(g), None) => match g.kind() {
            anyon_pleth::group::GroupKind::Cyclic(_) => {
                Ok(Dynamic::new(g.clone(), Character::chi(1))?)
            }
            _ => Err(Error::new(format!(
                "{g} has no default character: name one, as in Z(G, chi)"
            ))
            .with_help("characters(G) lists them")),
        },
        (Value::Group(_), Some(other)) => Err(Error::new(format!(
            "the second argument must be a character, like chi(1), got {}",
            other.a_type()
        ))),
        (Value::Number(n), m) => {
            let n = anyon_pleth::group::order_from_rational(n)?;
            let m = match m {
                None => 1,
                Some(Value::Number(m)) => anyon_pleth::group::character_index_from_rational(m, n)?,
                Some(other) => {
                    return Err(Error::new(format!(
                        "the character index m must be a number, got {}",
                        other.a_type()
                    )));
                }
            };
            Ok(Dynamic::cyclic(n, m)?)
        }
        (other, _) => Err(Error::new(format!(
            "expected a group order n or a group, got {}",
            other.a_type()
        ))),
    }
}

fn z(_: &Ctx, args: &[Value]) -> Result<Value> {
    let d = dynamic_of(args)?;
    Ok(Value::exact(pleth_ops::partition_function(&d)?))
}

fn omega(_: &Ctx, args: &[Value]) -> Result<Value> {
    let d = dynamic_of(args)?;
    let profile = d.order_profile()?;
    let name = match (&args[0], args.get(1)) {
        (Value::Number(n), Some(Value::Number(m))) => format!("omega({n}, {m})"),
        (Value::Number(n), None) => format!("omega({n})"),
        _ => format!("omega({d})"),
    };
    let f = move |order: usize| -> Result<Series> {
        Ok(anyon_pleth::projection::omega_from_profile(
            &profile, order,
        )?)
    };
    Ok(Value::Lazy(Lazy::leaf(name, Rc::new(f))?))
}

fn pe(_: &Ctx, args: &[Value]) -> Result<Value> {
    let f = &args[0];
    match f {
        Value::Number(r) if *r == Rational::ZERO => return Ok(Value::Number(Rational::ONE)),
        Value::Number(r) => {
            return Err(Error::new(format!(
                "PE needs a series with constant term 0, got the constant {r}"
            )));
        }
        _ => {}
    }
    if let Value::Polynomial(p) = f
        && let Some(rf) = pleth_ops::pe_closed_form(p)?
    {
        return Ok(Value::exact(rf));
    }
    match f {
        Value::Series(s) => Ok(Value::Series(pleth_ops::pe(s)?)),
        _ => Ok(Value::Lazy(Lazy::pe(&series_arg(f, "PE")?)?)),
    }
}

fn plog(_: &Ctx, args: &[Value]) -> Result<Value> {
    let f = &args[0];
    if let Value::Number(r) = f {
        if *r == Rational::ONE {
            return Ok(Value::Number(Rational::ZERO));
        }
        return Err(Error::new(format!(
            "PLog needs a series with constant term 1, got the constant {r}"
        )));
    }
    if let Some(rf) = f.as_exact()
        && let Some(p) = pleth_ops::plog_closed_form(&rf)?
    {
        return Ok(Value::polynomial(p));
    }
    match f {
        Value::Series(s) => Ok(Value::Series(pleth_ops::plog(s)?)),
        _ => Ok(Value::Lazy(Lazy::plog(&series_arg(f, "PLog")?)?)),
    }
}

/// A lazy series argument, with an error naming the function.
fn series_arg(v: &Value, what: &str) -> Result<Lazy> {
    match v {
        Value::Float(_) | Value::Bool(_) | Value::List(_) | Value::Str(_) => Err(Error::new(
            format!("{what} takes a series, got {}", v.a_type()),
        )),
        Value::Group(_) | Value::Character(_) => Err(Error::new(format!(
            "{what} takes a series, got {}",
            v.a_type()
        ))),
        _ => to_lazy(v),
    }
}

fn exp(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Number(r) if *r == Rational::ZERO => Ok(Value::Number(Rational::ONE)),
        Value::Number(r) => Ok(Value::Float(rational_f64(r).exp())),
        Value::Float(v) => Ok(Value::Float(v.exp())),
        Value::Series(s) => Ok(Value::Series(s.exp()?)),
        other => Ok(Value::Lazy(Lazy::exp(&series_arg(other, "exp")?)?)),
    }
}

fn log(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Number(r) if *r == Rational::ONE => Ok(Value::Number(Rational::ZERO)),
        Value::Number(r) if *r > Rational::ZERO => Ok(Value::Float(rational_f64(r).ln())),
        Value::Number(r) => Err(Error::new(format!(
            "log of {r}: the logarithm needs a positive number"
        ))),
        Value::Float(v) => Ok(Value::Float(v.ln())),
        Value::Series(s) => Ok(Value::Series(s.log()?)),
        other => Ok(Value::Lazy(Lazy::log(&series_arg(other, "log")?)?)),
    }
}

fn sqrt(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Number(r) if *r < Rational::ZERO => Err(Error::new(format!(
            "sqrt of {r}: the square root needs a nonnegative number"
        ))),
        Value::Number(r) => Ok(match r.clone().checked_sqrt() {
            Some(s) => Value::Number(s),
            None => Value::Float(rational_f64(r).sqrt()),
        }),
        Value::Float(v) => Ok(Value::Float(v.sqrt())),
        other => ops::power(other, &Value::Number(Rational::from_signeds(1, 2))),
    }
}

fn derivative(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Series(s) => Ok(Value::Series(s.derivative())),
        Value::Lazy(l) => Ok(Value::Lazy(Lazy::derivative(l)?)),
        Value::Float(_) => Ok(Value::Number(Rational::ZERO)),
        other => match other.as_exact() {
            Some(f) => Ok(Value::exact(f.derivative())),
            None => Err(Error::new(format!(
                "D takes a series or function, got {}",
                other.a_type()
            ))),
        },
    }
}

fn integrate(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Series(s) => Ok(Value::Series(s.integral()?)),
        Value::Lazy(l) => Ok(Value::Lazy(Lazy::integral(l)?)),
        Value::Number(r) => Ok(Value::polynomial(Polynomial::monomial(r.clone(), 1))),
        Value::Polynomial(p) => Ok(Value::polynomial(p.integral())),
        other => Ok(Value::Lazy(Lazy::integral(&series_arg(
            other,
            "integrate",
        )?)?)),
    }
}

/// `f(g)` for any pair of series-like values.
pub fn compose_values(f: &Value, g: &Value) -> Result<Value> {
    if let Value::Number(_) = f {
        return Ok(f.clone());
    }
    let gs_kind = g.type_name();
    if matches!(
        g,
        Value::Float(_) | Value::Bool(_) | Value::List(_) | Value::Str(_)
    ) {
        return Err(Error::new(format!(
            "compose takes two series, got {} as the inner one ({gs_kind})",
            g.a_type()
        )));
    }
    match (f, g) {
        (Value::Series(fs), Value::Series(gs)) => Ok(Value::Series(fs.compose(gs)?)),
        (Value::Series(fs), _) => {
            let n = fs.order();
            let probe = force(g, n)?;
            let vg = probe.valuation().unwrap_or(n).max(1);
            let m = limits::check_order((n as u128) * (vg as u128))?;
            let gs = if vg > 1 { force(g, m)? } else { probe };
            Ok(Value::Series(fs.compose(&gs)?))
        }
        (Value::Lazy(fl), Value::Series(gs)) => {
            Ok(Value::Series(fl.expand(gs.order())?.compose(gs)?))
        }
        (Value::Lazy(fl), _) => Ok(Value::Lazy(Lazy::compose(fl, &to_lazy(g)?)?)),
        _ => match f.as_exact() {
            Some(rf) => match g {
                Value::Series(gs) => {
                    let top = horner(rf.numerator(), gs)?;
                    let bottom = horner(rf.denominator(), gs)?;
                    Ok(Value::Series(top.checked_div(&bottom)?))
                }
                Value::Lazy(gl) => Ok(Value::Lazy(Lazy::compose_exact(&rf, gl)?)),
                _ => match g.as_exact() {
                    Some(grf) => Ok(Value::exact(rf.compose(&grf).map_err(|e| {
                        Error::from(e).with_help("the inner function makes a denominator vanish")
                    })?)),
                    None => Err(Error::new(format!(
                        "compose takes two series, got {}",
                        g.a_type()
                    ))),
                },
            },
            None => Err(Error::new(format!(
                "compose takes two series, got {} as the outer one",
                f.a_type()
            ))),
        },
    }
}

fn compose(_: &Ctx, args: &[Value]) -> Result<Value> {
    compose_values(&args[0], &args[1])
}

fn reversion(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Series(s) => Ok(Value::Series(s.reversion()?)),
        other => Ok(Value::Lazy(Lazy::reversion(&series_arg(
            other,
            "reversion",
        )?)?)),
    }
}

fn multisection(_: &Ctx, args: &[Value]) -> Result<Value> {
    let k = natural(&args[1], "the modulus k")?;
    if k == 0 {
        return Err(Error::new("the modulus k must be at least 1"));
    }
    let k = usize::try_from(k).map_err(|_| Error::new("the modulus k is too large"))?;
    let r = usize::try_from(natural(&args[2], "the residue r")? % k as u64).unwrap_or(0);
    match &args[0] {
        Value::Series(s) => Ok(Value::Series(s.multisection(k, r)?)),
        Value::Number(_) | Value::Polynomial(_) => {
            let p = match &args[0] {
                Value::Number(c) => Polynomial::constant(c.clone()),
                Value::Polynomial(p) => p.clone(),
                _ => Polynomial::zero(),
            };
            let cs: Vec<Rational> = p
                .coefficients()
                .into_iter()
                .enumerate()
                .map(|(i, c)| if i % k == r { c } else { Rational::ZERO })
                .collect();
            Ok(Value::polynomial(Polynomial::from_coefficients(&cs)))
        }
        other => Ok(Value::Lazy(Lazy::multisection(
            &series_arg(other, "multisection")?,
            k,
            r,
        )?)),
    }
}

fn count(_: &Ctx, args: &[Value]) -> Result<Value> {
    count_of(&args[0])
}

/// `x Z'/Z`.
fn count_of(z: &Value) -> Result<Value> {
    let x = Value::Polynomial(Polynomial::x());
    match z {
        Value::Series(s) => {
            let d = Value::Series(s.derivative());
            let q = ops::binary(crate::syntax::ChainOp::Div, &d, z)?;
            ops::binary(crate::syntax::ChainOp::Mul, &x, &q)
        }
        Value::Lazy(l) => {
            let q = Lazy::div(&Lazy::derivative(l)?, l)?;
            Ok(Value::Lazy(Lazy::mul(
                &Lazy::exact(RationalFunction::from(Polynomial::x()))?,
                &q,
            )?))
        }
        other => match other.as_exact() {
            Some(f) if f.is_zero() => Err(Error::new("count(0): Z must not be zero")),
            Some(f) => {
                let xf = RationalFunction::from(Polynomial::x());
                Ok(Value::exact(&xf * &f.derivative().checked_div(&f)?))
            }
            None => Err(Error::new(format!(
                "count takes a partition function, got {}",
                other.a_type()
            ))),
        },
    }
}

fn loss(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = count_of(&args[0])?;
    let minus = ops::negate(&n)?;
    match minus {
        Value::Series(s) => Ok(Value::Series(s.exp()?)),
        Value::Number(r) if r == Rational::ZERO => Ok(Value::Number(Rational::ONE)),
        other => Ok(Value::Lazy(
            Lazy::exp(&to_lazy(&other)?)?.with_closed_form(),
        )),
    }
}

/// The coefficient of `x^k` of a series-like value.
pub fn coefficient(f: &Value, k: usize) -> Result<Rational> {
    match f {
        Value::Number(r) => Ok(if k == 0 { r.clone() } else { Rational::ZERO }),
        Value::Polynomial(p) => Ok(p.coefficient(k)),
        Value::Series(s) => s.coefficient(k).map_err(|e| {
            Error::from(e).with_help(
                "a series that entered with O(x^N) is known only to N; \
                 drop the O(x^N) to let anyon compute as far as asked",
            )
        }),
        other => {
            limits::check_order(k as u128 + 1)?;
            Ok(force(other, k + 1)?.coefficient(k)?)
        }
    }
}

fn coeff(_: &Ctx, args: &[Value]) -> Result<Value> {
    let k = order_arg(&args[1], "the index k", 1)?;
    check_series_like(&args[0], "coeff")?;
    Ok(Value::Number(coefficient(&args[0], k)?))
}

fn check_series_like(v: &Value, what: &str) -> Result<()> {
    match v {
        Value::Number(_)
        | Value::Polynomial(_)
        | Value::RationalFunction(_)
        | Value::Series(_)
        | Value::Lazy(_)
        | Value::Factored(_) => Ok(()),
        other => Err(Error::new(format!(
            "{what} takes a series, got {}",
            other.a_type()
        ))),
    }
}

/// `f + O(x^n)` for a series-like value, refusing to go past a truncation.
pub fn truncated(f: &Value, n: usize, what: &str) -> Result<Series> {
    check_series_like(f, what)?;
    let s = force(f, n)?;
    if s.order() < n {
        return Err(Error::new(format!(
            "{what} asks for order {n} of a series known only to O(x^{})",
            s.order()
        ))
        .with_help(
            "a series that entered with O(x^N) is known only to N; \
             drop the O(x^N) to let anyon compute as far as asked",
        ));
    }
    Ok(s.truncate(n))
}

fn coeffs(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = order_arg(&args[1], "the number of coefficients N", 0)?;
    let s = truncated(&args[0], n, &format!("coeffs(f, {n})"))?;
    Ok(Value::List(
        s.coefficients().into_iter().map(Value::Number).collect(),
    ))
}

fn series(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = order_arg(&args[1], "the order N", 0)?;
    Ok(Value::Series(truncated(
        &args[0],
        n,
        &format!("series(f, {n})"),
    )?))
}

fn valuation(ctx: &Ctx, args: &[Value]) -> Result<Value> {
    let v = match &args[0] {
        Value::Series(s) => s.valuation(),
        Value::Lazy(l) => l.valuation(ctx.order)?,
        other => match other.as_exact() {
            Some(f) => f.numerator().valuation(),
            None => {
                return Err(Error::new(format!(
                    "valuation takes a series, got {}",
                    other.a_type()
                )));
            }
        },
    };
    v.map(|v| Value::Number(Rational::from(v as u64)))
        .ok_or_else(|| Error::new("the series is zero as far as it is known: no valuation"))
}

fn numerator(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Number(r) => Ok(Value::Number(
            Rational::from(Integer::from(r.numerator_ref()))
                * Rational::from(if *r < Rational::ZERO { -1 } else { 1 }),
        )),
        other => match other.as_exact() {
            Some(f) => Ok(Value::polynomial(f.numerator().clone())),
            None => Err(Error::new(format!(
                "num takes a number or rational function, got {}",
                other.a_type()
            ))),
        },
    }
}

fn denominator(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Number(r) => Ok(Value::Number(Rational::from(Integer::from(
            r.denominator_ref(),
        )))),
        other => match other.as_exact() {
            Some(f) => Ok(Value::polynomial(f.denominator().clone())),
            None => Err(Error::new(format!(
                "den takes a number or rational function, got {}",
                other.a_type()
            ))),
        },
    }
}

fn factor(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Number(r) if *r.denominator_ref() == 1u32 && *r > Rational::ZERO => {
            let n = natural(&args[0], "the integer to factor")?;
            let pairs = anyon_pleth::arith::factorize(n)?;
            Ok(Value::List(
                pairs
                    .into_iter()
                    .map(|(p, e)| {
                        Value::List(vec![
                            Value::Number(Rational::from(p)),
                            Value::Number(Rational::from(e)),
                        ])
                    })
                    .collect(),
            ))
        }
        Value::Factored(f) => Ok(Value::Factored(f.clone())),
        other => match other.as_exact() {
            Some(f) if !f.is_zero() => Ok(Value::Factored(factor_ratfunc(&f)?)),
            Some(_) => Err(Error::new("factor(0): zero has no factorisation")),
            None => Err(Error::new(format!(
                "factor takes a rational function or a positive integer, got {}",
                other.a_type()
            ))),
        },
    }
}

fn mobius(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = natural(&args[0], "n")?;
    Ok(Value::Number(Rational::from(anyon_pleth::arith::mobius(
        n,
    )?)))
}

fn totient(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = natural(&args[0], "n")?;
    Ok(Value::Number(Rational::from(anyon_pleth::arith::totient(
        n,
    )?)))
}

fn divisors(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = natural(&args[0], "n")?;
    Ok(Value::List(
        anyon_pleth::arith::divisors(n)?
            .into_iter()
            .map(|d| Value::Number(Rational::from(d)))
            .collect(),
    ))
}

fn ramanujan(_: &Ctx, args: &[Value]) -> Result<Value> {
    let d = natural(&args[0], "d")?;
    let m = natural(&args[1], "m")?;
    Ok(Value::Number(Rational::from(
        anyon_pleth::arith::ramanujan_sum(d, m)?,
    )))
}

fn cyclotomic(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = natural(&args[0], "n")?;
    Ok(Value::polynomial(anyon_pleth::arith::cyclotomic(n)?))
}

fn necklace(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = natural(&args[0], "n")?;
    Ok(Value::polynomial(anyon_pleth::arith::necklace(n)?))
}

/// `f(v)` for a number or float `v`.
pub fn eval_at(f: &Value, v: &Value) -> Result<Value> {
    match v {
        Value::List(items) => Ok(Value::List(
            items.iter().map(|i| eval_at(f, i)).collect::<Result<_>>()?,
        )),
        Value::Number(r) => match f {
            Value::Series(s) => Ok(Value::Number(s.to_polynomial().eval(r))),
            Value::Lazy(l) => Ok(Value::Float(l.eval_f64(rational_f64(r))?)),
            Value::Float(_) => Ok(f.clone()),
            other => match other.as_exact() {
                Some(rf) => Ok(Value::Number(rf.eval(r)?)),
                None => Err(not_evaluable(other)),
            },
        },
        Value::Float(t) => match f {
            Value::Series(s) => Ok(Value::Float(polynomial_f64(&s.to_polynomial(), *t))),
            Value::Lazy(l) => Ok(Value::Float(l.eval_f64(*t)?)),
            Value::Float(_) => Ok(f.clone()),
            other => match other.as_exact() {
                Some(rf) => Ok(Value::Float(ratfunc_f64(&rf, *t))),
                None => Err(not_evaluable(other)),
            },
        },
        other => Err(Error::new(format!(
            "eval(f, v) needs a number, float or list v, got {}",
            other.a_type()
        ))
        .with_help("to substitute a series, use compose(f, g)")),
    }
}

fn not_evaluable(v: &Value) -> Error {
    Error::new(format!("cannot evaluate {} at a point", v.a_type()))
}

fn plot(ctx: &Ctx, args: &[Value]) -> Result<Value> {
    let functions = match &args[0] {
        Value::List(items) => items.clone(),
        other => vec![other.clone()],
    };
    let bound = |v: &Value, what: &str| -> Result<f64> {
        match v {
            Value::Number(r) => Ok(rational_f64(r)),
            Value::Float(f) => Ok(*f),
            other => Err(Error::new(format!(
                "plot needs a number for {what}, got {}",
                other.a_type()
            ))),
        }
    };
    let (from, to) = (bound(&args[1], "from")?, bound(&args[2], "to")?);
    if !(from.is_finite() && to.is_finite() && from < to) {
        return Err(Error::new(format!(
            "plot needs finite from < to, got {from} and {to}"
        )));
    }
    let Value::Str(path) = &args[3] else {
        return Err(Error::new(format!(
            "plot needs a file name such as \"z6.png\" as its fourth argument, got {}",
            args[3].a_type()
        )));
    };
    let ts = anyon_numeric::linspace(from, to, 1000).map_err(|e| Error::new(e.to_string()))?;
    let mut chart = anyon_numeric::plot::Chart::new("anyon plot")
        .x_label("t   (x = e^t)")
        .y_label("value");
    for f in &functions {
        let name = match f {
            Value::Lazy(l) => l.describe(),
            other => other
                .render(ctx.order)
                .unwrap_or_else(|_| other.type_name().to_string()),
        };
        chart = chart.line(name, sample_curve(f, &ts, false)?);
    }
    chart.render(path).map_err(|e| Error::new(e.to_string()))?;
    Ok(Value::Str(path.clone()))
}

/// The points `(u, f(x))` of `f` at `x = e^u` for each `u` of `grid` (at `x = u` when
/// `against_x`), finite values only: what `plot` draws.
///
/// # Errors
/// When `f` cannot be evaluated at a point, or gives something other than a number.
pub fn sample_curve(f: &Value, grid: &[f64], against_x: bool) -> Result<Vec<(f64, f64)>> {
    let mut points = Vec::with_capacity(grid.len());
    for &u in grid {
        let x = if against_x { u } else { u.exp() };
        match eval_at(f, &Value::Float(x))? {
            Value::Float(y) if y.is_finite() => points.push((u, y)),
            Value::Float(_) => {}
            other => {
                return Err(Error::new(format!(
                    "gives {} at a point, not a number",
                    other.a_type()
                )));
            }
        }
    }
    Ok(points)
}

fn eval(_: &Ctx, args: &[Value]) -> Result<Value> {
    eval_at(&args[0], &args[1])
}

fn float(_ctx: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Number(r) => Ok(Value::Float(rational_f64(r))),
        Value::Float(v) => Ok(Value::Float(*v)),
        Value::List(items) => Ok(Value::List(
            items
                .iter()
                .map(|i| float(_ctx, std::slice::from_ref(i)))
                .collect::<Result<_>>()?,
        )),
        other => Err(
            Error::new(format!("float takes a number, got {}", other.a_type()))
                .with_help("to evaluate a function at a point, use eval(f, v)"),
        ),
    }
}

fn len(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::List(items) => Ok(Value::Number(Rational::from(items.len() as u64))),
        Value::Str(s) => Ok(Value::Number(Rational::from(s.chars().count() as u64))),
        other => Err(Error::new(format!(
            "len takes a list or string, got {}",
            other.a_type()
        ))),
    }
}

// ------------------------------------------------------------------ groups

fn cyclic(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = anyon_pleth::group::order_from_rational(&number(&args[0], "the group order n")?)?;
    Ok(Value::Group(Group::cyclic(n)?))
}

fn naturals(v: &Value, what: &str) -> Result<Vec<u64>> {
    match v {
        Value::List(items) => items.iter().map(|i| natural(i, what)).collect(),
        other => Err(Error::new(format!(
            "{what} must be a list of integers, like [2, 4], got {}",
            other.a_type()
        ))),
    }
}

fn abelian(_: &Ctx, args: &[Value]) -> Result<Value> {
    let factors = naturals(&args[0], "the factors")?;
    Ok(Value::Group(Group::product(&factors)?))
}

fn dihedral(_: &Ctx, args: &[Value]) -> Result<Value> {
    let n = anyon_pleth::group::order_from_rational(&number(&args[0], "n")?)?;
    Ok(Value::Group(Group::dihedral(n)?))
}

fn chi(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::List(_) => Ok(Value::Character(Character::Abelian(naturals(
            &args[0],
            "the character indices",
        )?))),
        other => Ok(Value::Character(Character::chi(natural(
            other,
            "the character index m",
        )?))),
    }
}

fn psi(_: &Ctx, args: &[Value]) -> Result<Value> {
    let c = match natural(&args[0], "k")? {
        1 => DihedralCharacter::Trivial,
        2 => DihedralCharacter::Sign,
        3 => DihedralCharacter::Alternating,
        4 => DihedralCharacter::AlternatingSign,
        k => {
            return Err(Error::new(format!(
                "psi({k}): the one-dimensional dihedral characters are psi(1) to psi(4)"
            )));
        }
    };
    Ok(Value::Character(Character::Dihedral(c)))
}

fn rho(_: &Ctx, args: &[Value]) -> Result<Value> {
    let h = natural(&args[0], "h")?;
    if h == 0 {
        return Err(Error::new("rho(0): h must be at least 1"));
    }
    Ok(Value::Character(Character::Dihedral(
        DihedralCharacter::Rho(h),
    )))
}

fn characters(_: &Ctx, args: &[Value]) -> Result<Value> {
    match &args[0] {
        Value::Group(g) => Ok(Value::List(
            g.characters()?.into_iter().map(Value::Character).collect(),
        )),
        other => Err(Error::new(format!(
            "characters takes a group, got {}",
            other.a_type()
        ))),
    }
}

fn profile(_: &Ctx, args: &[Value]) -> Result<Value> {
    let d = dynamic_of(args)?;
    Ok(Value::List(
        d.order_profile()?
            .into_iter()
            .map(|(d, a)| {
                Value::List(vec![
                    Value::Number(Rational::from(d)),
                    Value::Number(Rational::from(a)),
                ])
            })
            .collect(),
    ))
}
