//! The evaluator: statements of the syntax tree to values, with order on demand.
//!
//! **Value model.** Numbers, polynomials and rational functions combine exactly and
//! stay exact (`Z(6) == (1+x)/(1+x^3)` compares rational functions). Transcendental
//! results of exact inputs (`exp(x)`, `log(1/(1-x))`, `PE(x/(1-x))`, `(1+x)^(1/2)`,
//! compositions) are [`Lazy`] series: graphs of operations that are expanded to the
//! order their consumer asks for (`coeff(f, k)` asks `k + 1`, `coeffs(f, N)`,
//! `series(f, N)` and `+ O(x^N)` ask `N`, printing asks the default order). A series
//! that entered with its own `O(x^N)` is a [`Value::Series`], never known beyond `N`.
//!
//! **Variables** keep their values as they are: a lazy series keeps its graph and the
//! longest expansion computed so far, which a later, larger question extends.
//!
//! **Architecture invariant:** no I/O and no terminal here; errors are values
//! ([`Error`] placed at a span as a [`Diagnostic`]); no input panics.
//!
//! **API boundary:** [`Interp`] ([`Interp::run`], [`Interp::eval_stmt`]), [`Value`],
//! [`Outcome`], the builtin table [`builtins::BUILTINS`] and
//! [`builtins::reference_markdown`].
//!
//! # Examples
//! ```
//! use anyon_lang::eval::Interp;
//! let mut interp = Interp::new();
//! let mut out = Vec::new();
//! interp.run("p = PE(x/(1-x)); coeff(p, 10); coeff(p, 100); Z(6)", |o| out.push(o.text.clone()))?;
//! assert_eq!(out, ["42", "190569292", "1/(1 - x + x^2)"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod builtins;
mod error;
mod factor;
mod lazy;
mod numeric;
mod ops;
mod pleth_ops;
mod value;

use std::collections::BTreeMap;

use anyon_series::{Integer, Natural, Rational, limits};
use malachite::base::num::arithmetic::traits::Pow;

pub use builtins::{BUILTINS, Builtin};
pub use error::{Error, RAISE_LIMIT_HELP, Result};
pub use lazy::{Lazy, MAX_LAZY_DEPTH};
pub use value::{Factored, Value};

use crate::syntax::{Diagnostic, Expr, ExprKind, Number, Span, Stmt, StmtKind, parse_program};
use builtins::{Ctx, Imp};
use error::AtSpan;

/// The default order used where nothing asks for more.
pub const DEFAULT_ORDER: usize = 20;

/// The result of an expression statement: its number (`%N`), value and printed form.
#[derive(Clone)]
pub struct Outcome {
    /// The result number, from 1 (`%N`).
    pub index: usize,
    /// The value, kept exact (a lazy series stays lazy).
    pub value: Value,
    /// The printed form (a lazy series expanded to the default order).
    pub text: String,
}

/// An interpreter session: variables, earlier results and the default order.
pub struct Interp {
    vars: BTreeMap<String, Value>,
    results: Vec<Value>,
    order: usize,
}

impl Default for Interp {
    fn default() -> Self {
        Interp::new()
    }
}

impl Interp {
    /// A fresh session with the default order 20.
    pub fn new() -> Interp {
        Interp {
            vars: BTreeMap::new(),
            results: Vec::new(),
            order: DEFAULT_ORDER,
        }
    }

    /// The default order (for printing a series nothing else asks more of).
    pub fn order(&self) -> usize {
        self.order
    }

    /// Sets the default order.
    ///
    /// # Errors
    /// Above the order limit.
    pub fn set_order(&mut self, n: usize) -> Result<()> {
        limits::check_order(n as u128)?;
        self.order = n;
        Ok(())
    }

    /// The variables and their values, by name.
    pub fn variables(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.vars.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The earlier results (`%1` is the first).
    pub fn results(&self) -> &[Value] {
        &self.results
    }

    /// Parses and evaluates a program, calling `each` with every result in turn.
    ///
    /// # Errors
    /// The first parse or evaluation error (results before it have been passed to
    /// `each`); render it against `src` with [`Diagnostic::render`].
    pub fn run(&mut self, src: &str, mut each: impl FnMut(&Outcome)) -> Result<(), Diagnostic> {
        let program = parse_program(src)?;
        for stmt in &program.stmts {
            if let Some(out) = self.eval_stmt(stmt)? {
                each(&out);
            }
        }
        Ok(())
    }

    /// Evaluates one statement: an assignment gives `None`, an expression its
    /// [`Outcome`] (and becomes `%`).
    ///
    /// # Errors
    /// An evaluation error at the span of the node that caused it.
    pub fn eval_stmt(&mut self, stmt: &Stmt) -> Result<Option<Outcome>, Diagnostic> {
        self.expand_ahead(stmt);
        match &stmt.kind {
            StmtKind::Assign { name, value } => {
                if builtins::lookup(&name.name).is_some() {
                    return Err(Error::new(format!(
                        "cannot assign to `{}`: it is a builtin",
                        name.name
                    ))
                    .with_help("choose another name")
                    .at(name.span));
                }
                let v = self.eval(value)?;
                self.vars.insert(name.name.clone(), v);
                Ok(None)
            }
            StmtKind::Expr(e) => {
                let value = self.eval(e)?;
                let text = value.render(self.order).at(e.span)?;
                self.results.push(value.clone());
                Ok(Some(Outcome {
                    index: self.results.len(),
                    value,
                    text,
                }))
            }
        }
    }

    /// Expands each lazy variable once to the largest order the statement asks of it
    /// with a literal (`coeff(p, 10) + coeff(p, 1000)` expands `p` to 1001 once,
    /// rather than to 11 and then again to 1001). Errors are left for the evaluation
    /// proper to report at their span.
    fn expand_ahead(&self, stmt: &Stmt) {
        let e = match &stmt.kind {
            StmtKind::Assign { value, .. } => value,
            StmtKind::Expr(e) => e,
        };
        let mut demands: BTreeMap<&str, usize> = BTreeMap::new();
        collect_demands(e, &mut demands);
        for (name, order) in demands {
            if let Some(Value::Lazy(l)) = self.vars.get(name)
                && l.cached_order() < order
                && limits::check_order(order as u128).is_ok()
            {
                let _ = l.expand(order);
            }
        }
    }

    /// The JSON form of a value (DESIGN.md), lazy series expanded to the default order.
    ///
    /// # Errors
    /// A failing expansion.
    pub fn json(&self, value: &Value) -> Result<String> {
        value.to_json(self.order)
    }

    /// A short description of a value for `:vars`: its type and form.
    pub fn describe(&self, value: &Value) -> String {
        match value {
            Value::Lazy(l) => {
                let known = l.cached_order();
                if known > 0 {
                    format!("series {} (expanded to O(x^{known}) so far)", l.describe())
                } else {
                    format!("series {}", l.describe())
                }
            }
            other => match other.render(self.order) {
                Ok(text) => format!("{} {}", other.type_name(), shorten(&text)),
                Err(_) => other.type_name().to_string(),
            },
        }
    }

    /// Evaluates an expression.
    fn eval(&mut self, e: &Expr) -> Result<Value, Diagnostic> {
        limits::check_cancel().map_err(Error::from).at(e.span)?;
        match &e.kind {
            ExprKind::Number(n) => number_value(n).at(e.span),
            ExprKind::Name(name) => self.name(name, e.span),
            ExprKind::Str(s) => Ok(Value::Str(s.clone())),
            ExprKind::Previous(which) => self.previous(*which).at(e.span),
            ExprKind::List(items) => Ok(Value::List(
                items
                    .iter()
                    .map(|i| self.eval(i))
                    .collect::<Result<_, _>>()?,
            )),
            ExprKind::Call { callee, args } => {
                let values: Vec<Value> = args
                    .iter()
                    .map(|a| self.eval(a))
                    .collect::<Result<_, _>>()?;
                self.call(&callee.name, callee.span, &values).at(e.span)
            }
            ExprKind::Neg(inner) => {
                let v = self.eval(inner)?;
                ops::negate(&v).at(e.span)
            }
            ExprKind::Pow { base, exponent } => {
                let b = self.eval(base)?;
                let x = self.eval(exponent)?;
                ops::power(&b, &x).at(e.span)
            }
            ExprKind::Chain { head, links } => {
                let mut acc = self.eval(head)?;
                for link in links {
                    let rhs = self.eval(&link.rhs)?;
                    let span = Span::new(e.span.start.min(head.span.start), link.rhs.span.end);
                    acc = ops::binary(link.op, &acc, &rhs).at(span)?;
                }
                Ok(acc)
            }
            ExprKind::Eq { lhs, rhs } => {
                let a = self.eval(lhs)?;
                let b = self.eval(rhs)?;
                Ok(Value::Bool(ops::equal(&a, &b, self.order).at(e.span)?))
            }
        }
    }

    fn name(&self, name: &str, span: Span) -> Result<Value, Diagnostic> {
        if let Some(v) = self.vars.get(name) {
            return Ok(v.clone());
        }
        match builtins::lookup(name) {
            Some(Builtin {
                imp: Imp::Const(f), ..
            }) => Ok(f()),
            Some(b) => Err(Error::new(format!(
                "`{name}` is a function: call it as {}",
                b.signature
            ))
            .at(span)),
            None => Err(self.unknown(name).at(span)),
        }
    }

    /// An error for an unknown name, suggesting the closest known one.
    fn unknown(&self, name: &str) -> Error {
        let err = Error::new(format!("unknown name `{name}`"));
        match self.closest(name) {
            Some(s) => err.with_help(format!("did you mean `{s}`?")),
            None => err.with_help("`:help` lists the builtins; assign a variable with name = expr"),
        }
    }

    /// The builtin or variable nearest to `name` by edit distance (at most a third
    /// of its length, and at least one edit allowed; case differences are cheap).
    pub fn closest(&self, name: &str) -> Option<String> {
        let candidates = BUILTINS
            .iter()
            .map(|b| b.name.to_string())
            .chain(self.vars.keys().cloned());
        let budget = (name.chars().count() / 3).max(1);
        candidates
            .map(|c| {
                let d = if c.eq_ignore_ascii_case(name) {
                    0
                } else {
                    edit_distance(&c, name)
                };
                (d, c)
            })
            .filter(|(d, _)| *d <= budget)
            .min_by_key(|(d, c)| (*d, c.clone()))
            .map(|(_, c)| c)
    }

    fn previous(&self, which: Option<u64>) -> Result<Value> {
        let n = self.results.len();
        match which {
            None => self
                .results
                .last()
                .cloned()
                .ok_or_else(|| Error::new("`%` is the last result, but there is none yet")),
            Some(k) => {
                let idx = usize::try_from(k).unwrap_or(usize::MAX);
                if idx >= 1 && idx <= n {
                    Ok(self.results[idx - 1].clone())
                } else if n == 0 {
                    Err(Error::new(format!(
                        "there is no result %{k}: there are none yet"
                    )))
                } else {
                    Err(Error::new(format!(
                        "there is no result %{k}: the results so far are %1 to %{n}"
                    )))
                }
            }
        }
    }

    fn call(&self, name: &str, name_span: Span, args: &[Value]) -> Result<Value> {
        let _ = name_span;
        if let Some(v) = self.vars.get(name) {
            return match args {
                [arg] => match arg {
                    Value::Number(_) | Value::Float(_) | Value::List(_) => {
                        builtins::eval_at(v, arg)
                    }
                    _ => builtins::compose_values(v, arg),
                },
                _ => Err(Error::new(format!(
                    "calling the variable `{name}` substitutes one argument, got {}",
                    args.len()
                ))),
            };
        }
        let Some(b) = builtins::lookup(name) else {
            return Err(self.unknown(name));
        };
        match b.imp {
            Imp::Const(_) if name == "x" => Err(Error::new(
                "`x(...)` is a call of x; write x*(...) for a product",
            )),
            Imp::Const(_) => Err(Error::new(format!(
                "`{name}` is a constant, not a function"
            ))),
            Imp::Func { min, max, f } => {
                if args.len() < min || args.len() > max {
                    let expected = if min == max {
                        format!("{min} argument{}", if min == 1 { "" } else { "s" })
                    } else {
                        format!("{min} or {max} arguments")
                    };
                    return Err(
                        Error::new(format!("{name} takes {expected}, got {}", args.len()))
                            .with_help(format!("usage: {}", b.signature)),
                    );
                }
                f(&Ctx { order: self.order }, args)
            }
        }
    }
}

/// The orders that `coeff(v, k)`, `coeffs(v, n)` and `series(v, n)` with a variable `v`
/// and an integer literal ask of `v`, the largest per variable.
fn collect_demands<'a>(e: &'a Expr, out: &mut BTreeMap<&'a str, usize>) {
    match &e.kind {
        ExprKind::Call { callee, args } => {
            if let [first, second] = args.as_slice()
                && let ExprKind::Name(var) = &first.kind
                && let ExprKind::Number(n) = &second.kind
                && n.fraction.is_empty()
                && n.exponent == 0
                && let Ok(k) = n.integer.parse::<usize>()
            {
                let order = match callee.name.as_str() {
                    "coeff" => k.checked_add(1),
                    "coeffs" | "series" => Some(k),
                    _ => None,
                };
                if let Some(order) = order {
                    let slot = out.entry(var.as_str()).or_insert(0);
                    *slot = (*slot).max(order);
                }
            }
            for a in args {
                collect_demands(a, out);
            }
        }
        ExprKind::List(items) => items.iter().for_each(|i| collect_demands(i, out)),
        ExprKind::Neg(a) => collect_demands(a, out),
        ExprKind::Pow { base, exponent } => {
            collect_demands(base, out);
            collect_demands(exponent, out);
        }
        ExprKind::Eq { lhs, rhs } => {
            collect_demands(lhs, out);
            collect_demands(rhs, out);
        }
        ExprKind::Chain { head, links } => {
            collect_demands(head, out);
            links.iter().for_each(|l| collect_demands(&l.rhs, out));
        }
        ExprKind::Number(_) | ExprKind::Name(_) | ExprKind::Str(_) | ExprKind::Previous(_) => {}
    }
}

/// The exact value of a number literal `digits × 10^scale`, refusing sizes past the
/// limit.
fn number_value(n: &Number) -> Result<Value> {
    let too_big = || {
        Error::new(format!(
            "the number {n} has too many digits (the limit is {} digits)",
            limits::max_order()
        ))
        .with_help(RAISE_LIMIT_HELP)
    };
    let (digits, scale) = n.scaled_digits().ok_or_else(too_big)?;
    let size = digits.len() as u128 + scale.unsigned_abs() as u128;
    if size > limits::max_order() as u128 {
        return Err(too_big());
    }
    let m: Integer = digits
        .parse()
        .map_err(|_| Error::new(format!("`{n}` is not a number")))?;
    let ten = Natural::from(10u32).pow(scale.unsigned_abs());
    let r = if scale >= 0 {
        Rational::from(m * Integer::from(ten))
    } else {
        Rational::from_integers(m, Integer::from(ten))
    };
    Ok(Value::Number(r))
}

/// The Levenshtein distance between two names (in characters).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// A long printed form cut to one line.
fn shorten(s: &str) -> String {
    const MAX: usize = 70;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("coef", "coeff"), 1);
        assert_eq!(edit_distance("exp", "exp"), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_names() {
        let mut i = Interp::new();
        assert_eq!(i.closest("coef").as_deref(), Some("coeff"));
        assert_eq!(i.closest("pe").as_deref(), Some("PE"));
        assert_eq!(i.closest("zzzzzzz"), None);
        i.run("partitions = 1", |_| {}).ok();
        assert_eq!(i.closest("partition").as_deref(), Some("partitions"));
    }
}
