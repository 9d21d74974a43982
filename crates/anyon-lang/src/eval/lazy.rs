//! Exact lazy series: a graph of operations on exact inputs, expanded to the order its
//! consumer demands (order on demand, issue 6).
//!
//! A [`Lazy`] value never holds a truncation of its own: `exp(x)` is the node
//! `Exp(Exact(x))`, and [`Lazy::expand`]`(n)` returns it to `O(x^n)`. The demand passes
//! down the graph, adjusted per operation (a quotient by a series of valuation `v`
//! asks `n + v` of both sides, `D` asks `n + 1`, `f(g)` with `g` of valuation `v` asks
//! `ceil(n / v)` of `f`). Every node caches the longest expansion computed so far, so a
//! subexpression shared in a statement, or a variable reused across statements, is
//! computed once per larger order and only extended when a later question asks more.
//!
//! Truncated series (`+ O(x^N)`) never enter a lazy graph: an operation between a
//! truncated and a lazy value forces the lazy side to the order the truncated side
//! supports and gives a truncated result (see `ops`).

use std::cell::RefCell;
use std::rc::Rc;

use anyon_series::{Polynomial, Rational, RationalFunction, Series, limits};
use malachite::base::num::basic::traits::{One, Zero};

use super::error::{Error, Result};
use super::numeric;
use super::pleth_ops;

/// The deepest lazy graph the evaluator builds. Each statement adds at most the
/// parser's nesting depth; only long chains of reassignments reach it. Expansion
/// recurses through the graph, so the bound keeps the stack safe.
pub const MAX_LAZY_DEPTH: usize = 150;

/// An exact power series known to any order, computed on demand and cached.
#[derive(Clone)]
pub struct Lazy(Rc<Node>);

struct Node {
    op: Op,
    depth: usize,
    cache: RefCell<Option<Series>>,
    /// Print the closed form (`describe`) instead of a truncated expansion.
    closed_form: bool,
}

/// A series computed by outside code to a given order (the projection `omega`).
pub type LeafFn = Rc<dyn Fn(usize) -> Result<Series>>;

enum Op {
    /// A rational function without a pole at 0: its Taylor series.
    Exact(RationalFunction),
    Add(Lazy, Lazy),
    Sub(Lazy, Lazy),
    Neg(Lazy),
    Mul(Lazy, Lazy),
    Div(Lazy, Lazy),
    PowInt(Lazy, i64),
    Pow(Lazy, Rational),
    Exp(Lazy),
    Log(Lazy),
    /// `f(g)`, `g(0) = 0`.
    Compose(Lazy, Lazy),
    /// `p(g)/q(g)` for an exact `p/q` and any `g` (Horner's rule on series).
    ComposeExact(RationalFunction, Lazy),
    Derivative(Lazy),
    Integral(Lazy),
    Pe(Lazy),
    PLog(Lazy),
    Reversion(Lazy),
    Multisection(Lazy, usize, usize),
    /// A named series from outside code, `name` being its source form.
    Leaf(String, LeafFn),
}

impl Lazy {
    fn node(op: Op) -> Result<Lazy> {
        let depth = 1 + match &op {
            Op::Exact(_) | Op::Leaf(..) => 0,
            Op::Add(a, b) | Op::Sub(a, b) | Op::Mul(a, b) | Op::Div(a, b) | Op::Compose(a, b) => {
                a.depth().max(b.depth())
            }
            Op::Neg(a)
            | Op::PowInt(a, _)
            | Op::Pow(a, _)
            | Op::Exp(a)
            | Op::Log(a)
            | Op::ComposeExact(_, a)
            | Op::Derivative(a)
            | Op::Integral(a)
            | Op::Pe(a)
            | Op::PLog(a)
            | Op::Reversion(a)
            | Op::Multisection(a, _, _) => a.depth(),
        };
        if depth > MAX_LAZY_DEPTH {
            return Err(Error::new(format!(
                "this series is built from more than {MAX_LAZY_DEPTH} nested operations"
            ))
            .with_help("fix its precision with series(f, N) and continue from that"));
        }
        Ok(Lazy(Rc::new(Node {
            op,
            depth,
            cache: RefCell::new(None),
            closed_form: false,
        })))
    }

    fn depth(&self) -> usize {
        self.0.depth
    }

    /// The Taylor series of an exact rational function.
    ///
    /// # Errors
    /// When it has a pole at `x = 0` (it has no power series).
    pub fn exact(f: RationalFunction) -> Result<Lazy> {
        if f.denominator().coefficient(0) == Rational::ZERO {
            return Err(Error::new(format!(
                "{f} has a pole at x = 0, so it has no power series to combine with"
            ))
            .with_help("multiply by a power of x first, or keep the expression exact"));
        }
        Lazy::node(Op::Exact(f))
    }

    /// `a + b`.
    pub fn add(a: &Lazy, b: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Add(a.clone(), b.clone()))
    }

    /// `a - b`.
    pub fn sub(a: &Lazy, b: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Sub(a.clone(), b.clone()))
    }

    /// `-a`.
    pub fn neg(a: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Neg(a.clone()))
    }

    /// `a * b`.
    pub fn mul(a: &Lazy, b: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Mul(a.clone(), b.clone()))
    }

    /// `a / b`; checked at once to low order (a zero divisor, negative powers).
    pub fn div(a: &Lazy, b: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Div(a.clone(), b.clone()))?.probed()
    }

    /// `a^k`.
    pub fn pow_int(a: &Lazy, k: i64) -> Result<Lazy> {
        Lazy::node(Op::PowInt(a.clone(), k))?.probed()
    }

    /// `a^e` for a rational `e`.
    pub fn pow(a: &Lazy, e: &Rational) -> Result<Lazy> {
        Lazy::node(Op::Pow(a.clone(), e.clone()))?.probed()
    }

    /// `exp(a)`, `a(0) = 0`.
    pub fn exp(a: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Exp(a.clone()))?.probed()
    }

    /// `log(a)`, `a(0) = 1`.
    pub fn log(a: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Log(a.clone()))?.probed()
    }

    /// `f(g)` with `g(0) = 0`.
    pub fn compose(f: &Lazy, g: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Compose(f.clone(), g.clone()))?.probed()
    }

    /// `f(g)` for an exact `f` and any lazy `g`.
    pub fn compose_exact(f: &RationalFunction, g: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::ComposeExact(f.clone(), g.clone()))?.probed()
    }

    /// `D(a)`.
    pub fn derivative(a: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Derivative(a.clone()))
    }

    /// The integral of `a` with constant term 0.
    pub fn integral(a: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Integral(a.clone()))
    }

    /// The plethystic exponential, `a(0) = 0`.
    pub fn pe(a: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Pe(a.clone()))?.probed()
    }

    /// The plethystic logarithm, `a(0) = 1`.
    pub fn plog(a: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::PLog(a.clone()))?.probed()
    }

    /// The compositional inverse, `a = c x + ...`, `c != 0`.
    pub fn reversion(a: &Lazy) -> Result<Lazy> {
        Lazy::node(Op::Reversion(a.clone()))?.probed()
    }

    /// The terms `c_i x^i` with `i = r (mod k)`.
    pub fn multisection(a: &Lazy, k: usize, r: usize) -> Result<Lazy> {
        Lazy::node(Op::Multisection(a.clone(), k, r))?.probed()
    }

    /// A series computed by `f(order)`, shown as `name`.
    pub fn leaf(name: String, f: LeafFn) -> Result<Lazy> {
        Lazy::node(Op::Leaf(name, f))?.probed()
    }

    /// Checks the new node at a low order, so that a domain error (a constant term,
    /// negative powers) is reported where the expression is written.
    fn probed(self) -> Result<Lazy> {
        self.expand(2)?;
        Ok(self)
    }

    /// Marks a freshly built node to print as its closed form (the loss `exp(-n(x))`
    /// prints as `exp((-x + 2x^2)/(1 - x + x^2))`, not as a truncated series).
    pub fn with_closed_form(mut self) -> Lazy {
        if let Some(node) = Rc::get_mut(&mut self.0) {
            node.closed_form = true;
        }
        self
    }

    /// Whether this series prints as its closed form.
    pub fn shows_closed_form(&self) -> bool {
        self.0.closed_form
    }

    /// The exact rational function behind a leaf, if this node is one.
    pub fn as_exact(&self) -> Option<&RationalFunction> {
        match &self.0.op {
            Op::Exact(f) => Some(f),
            _ => None,
        }
    }

    /// The longest expansion computed so far, as its order (0 if none).
    pub fn cached_order(&self) -> usize {
        match &self.0.op {
            Op::Exact(_) => usize::MAX,
            _ => self.0.cache.borrow().as_ref().map_or(0, Series::order),
        }
    }

    /// The series to `O(x^n)` exactly.
    ///
    /// # Errors
    /// A domain error of an operation, an order above the limit, or a cancellation.
    pub fn expand(&self, n: usize) -> Result<Series> {
        limits::check_order(n as u128)?;
        limits::check_cancel()?;
        if let Op::Exact(f) = &self.0.op {
            return Ok(f.taylor(n)?);
        }
        if let Some(s) = self.0.cache.borrow().as_ref()
            && s.order() >= n
        {
            return Ok(s.truncate(n));
        }
        let s = self.compute(n)?.truncate(n);
        if s.order() < n {
            // Every input of a lazy graph is exact, so this would be a bug in a rule.
            return Err(Error::new(format!(
                "internal: expansion reached only O(x^{}) of the O(x^{n}) asked",
                s.order()
            )));
        }
        *self.0.cache.borrow_mut() = Some(s.clone());
        Ok(s)
    }

    /// The valuation, looking as far as `n` (and a little further if the series is
    /// zero that far); `None` if it is zero as far as it was looked at.
    ///
    /// # Errors
    /// As for [`Lazy::expand`].
    pub fn valuation(&self, n: usize) -> Result<Option<usize>> {
        if let Op::Exact(f) = &self.0.op {
            return Ok(f.numerator().valuation());
        }
        let mut look = n.max(8);
        let limit = n.saturating_mul(4).max(64).min(limits::max_order());
        loop {
            let s = self.expand(look.min(limit))?;
            if let Some(v) = s.valuation() {
                return Ok(Some(v));
            }
            if look >= limit {
                return Ok(None);
            }
            look = look.saturating_mul(2);
        }
    }

    /// The valuation, as needed by a division or composition: an error if the series
    /// looks like zero.
    fn valuation_nonzero(&self, n: usize) -> Result<usize> {
        self.valuation(n)?.ok_or_else(|| {
            Error::new(format!(
                "division by a series that is zero as far as it was expanded ({})",
                self.describe()
            ))
        })
    }

    fn compute(&self, n: usize) -> Result<Series> {
        Ok(match &self.0.op {
            Op::Exact(f) => f.taylor(n)?,
            Op::Add(a, b) => &a.expand(n)? + &b.expand(n)?,
            Op::Sub(a, b) => &a.expand(n)? - &b.expand(n)?,
            Op::Neg(a) => -&a.expand(n)?,
            Op::Mul(a, b) => &a.expand(n)? * &b.expand(n)?,
            Op::Div(a, b) => {
                let v = b.valuation_nonzero(n)?;
                let m = n.saturating_add(v);
                a.expand(m)?.checked_div(&b.expand(m)?)?
            }
            Op::PowInt(a, k) => {
                let v = if *k < 0 {
                    0
                } else {
                    a.valuation(n)?.unwrap_or(0)
                };
                a.expand(n.saturating_add(v))?.pow_int(*k)?
            }
            Op::Pow(a, e) => {
                let v = a.valuation(n)?.unwrap_or(0);
                a.expand(n.saturating_add(v))?.pow(e)?
            }
            Op::Exp(a) => a.expand(n)?.exp()?,
            Op::Log(a) => a.expand(n)?.log()?,
            Op::Compose(f, g) => {
                if let Some(k) = g.as_exact().and_then(monomial_power) {
                    return Ok(f.expand(n.div_ceil(k))?.adams(k)?);
                }
                let vg = g.valuation(n)?.unwrap_or(n).max(1);
                f.expand(n.div_ceil(vg).max(1))?.compose(&g.expand(n)?)?
            }
            Op::ComposeExact(f, g) => compose_exact_series(f, g, n)?,
            Op::Derivative(a) => a.expand(n.saturating_add(1))?.derivative(),
            Op::Integral(a) => {
                if n == 0 {
                    Series::zero(0)?
                } else {
                    a.expand(n - 1)?.integral()?
                }
            }
            Op::Pe(a) => pleth_ops::pe(&a.expand(n)?)?,
            Op::PLog(a) => pleth_ops::plog(&a.expand(n)?)?,
            Op::Reversion(a) => a.expand(n)?.reversion()?,
            Op::Multisection(a, k, r) => a.expand(n)?.multisection(*k, *r)?,
            Op::Leaf(_, f) => f(n)?,
        })
    }

    /// The value at a real point, through the closed form of the graph: exact leaves,
    /// arithmetic, `exp`, `log`, powers and compositions. Other nodes (PE, PLog, D of a
    /// transcendental series...) have no closed form here.
    ///
    /// # Errors
    /// For a node without a closed form.
    pub fn eval_f64(&self, v: f64) -> Result<f64> {
        Ok(match &self.0.op {
            Op::Exact(f) => numeric::ratfunc_f64(f, v),
            Op::Add(a, b) => a.eval_f64(v)? + b.eval_f64(v)?,
            Op::Sub(a, b) => a.eval_f64(v)? - b.eval_f64(v)?,
            Op::Neg(a) => -a.eval_f64(v)?,
            Op::Mul(a, b) => a.eval_f64(v)? * b.eval_f64(v)?,
            Op::Div(a, b) => a.eval_f64(v)? / b.eval_f64(v)?,
            Op::PowInt(a, k) => a.eval_f64(v)?.powi(i32::try_from(*k).unwrap_or(i32::MAX)),
            Op::Pow(a, e) => a.eval_f64(v)?.powf(numeric::rational_f64(e)),
            Op::Exp(a) => a.eval_f64(v)?.exp(),
            Op::Log(a) => a.eval_f64(v)?.ln(),
            Op::Compose(f, g) => f.eval_f64(g.eval_f64(v)?)?,
            Op::ComposeExact(f, g) => numeric::ratfunc_f64(f, g.eval_f64(v)?),
            _ => {
                return Err(Error::new(format!(
                    "{} has no closed form to evaluate numerically",
                    self.describe()
                ))
                .with_help("evaluate a truncation instead: eval(series(f, N), v)"));
            }
        })
    }

    /// The expression this series was built from, in source form (for `:vars` and
    /// messages).
    pub fn describe(&self) -> String {
        match &self.0.op {
            Op::Exact(f) => format!("({f})"),
            Op::Add(a, b) => format!("({} + {})", a.describe(), b.describe()),
            Op::Sub(a, b) => format!("({} - {})", a.describe(), b.describe()),
            Op::Neg(a) => format!("-{}", a.describe()),
            Op::Mul(a, b) => format!("{}*{}", a.describe(), b.describe()),
            Op::Div(a, b) => format!("{}/{}", a.describe(), b.describe()),
            Op::PowInt(a, k) => format!("{}^{}", a.describe(), paren_neg(&k.to_string())),
            Op::Pow(a, e) => format!("{}^({e})", a.describe()),
            Op::Exp(a) => format!("exp{}", call_args(&a.describe())),
            Op::Log(a) => format!("log{}", call_args(&a.describe())),
            Op::Compose(f, g) => format!("compose({}, {})", f.describe(), g.describe()),
            Op::ComposeExact(f, g) => format!("compose({f}, {})", g.describe()),
            Op::Derivative(a) => format!("D{}", call_args(&a.describe())),
            Op::Integral(a) => format!("integrate{}", call_args(&a.describe())),
            Op::Pe(a) => format!("PE{}", call_args(&a.describe())),
            Op::PLog(a) => format!("PLog{}", call_args(&a.describe())),
            Op::Reversion(a) => format!("reversion{}", call_args(&a.describe())),
            Op::Multisection(a, k, r) => format!("multisection({}, {k}, {r})", a.describe()),
            Op::Leaf(name, _) => name.clone(),
        }
    }
}

/// `(inner)` for a call: strips one level of parentheses the inner form already has.
fn call_args(inner: &str) -> String {
    if inner.starts_with('(') && inner.ends_with(')') && balanced_once(inner) {
        inner.to_string()
    } else {
        format!("({inner})")
    }
}

/// True when the outer parentheses of `s` enclose all of it.
fn balanced_once(s: &str) -> bool {
    let mut depth = 0i64;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 && i + 1 < s.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    true
}

fn paren_neg(s: &str) -> String {
    if s.starts_with('-') {
        format!("({s})")
    } else {
        s.to_string()
    }
}

/// `k` when `f` is exactly `x^k`, `k >= 1`.
fn monomial_power(f: &RationalFunction) -> Option<usize> {
    if !f.is_polynomial() {
        return None;
    }
    let p = f.numerator();
    let k = p.degree()?;
    (k >= 1 && p.term_count() == 1 && p.coefficient(k) == Rational::ONE).then_some(k)
}

/// `p(g)/q(g)` to `O(x^n)` by Horner's rule on series.
pub(crate) fn compose_exact_series(f: &RationalFunction, g: &Lazy, n: usize) -> Result<Series> {
    let gs = g.expand(n)?;
    if f.denominator().is_one() {
        return horner(f.numerator(), &gs);
    }
    let bottom = horner(f.denominator(), &gs)?;
    let w = match bottom.valuation() {
        Some(w) => w,
        None => return Err(Error::new("division by zero in the composition")),
    };
    if w == 0 {
        return Ok(horner(f.numerator(), &gs)?.checked_div(&bottom)?);
    }
    // The quotient loses w orders: both sides are needed to n + w.
    let gs = g.expand(n.saturating_add(w))?;
    Ok(horner(f.numerator(), &gs)?.checked_div(&horner(f.denominator(), &gs)?)?)
}

/// `p(s)` for a polynomial `p` and a series `s` (to the order of `s`).
pub(crate) fn horner(p: &Polynomial, s: &Series) -> Result<Series> {
    let n = s.order();
    let mut acc = Series::zero(n)?;
    let Some(d) = p.degree() else {
        return Ok(acc);
    };
    for k in (0..=d).rev() {
        limits::check_cancel()?;
        acc = &(&acc * s) + &Series::from_polynomial(&Polynomial::constant(p.coefficient(k)), n)?;
    }
    Ok(acc.truncate(n))
}
