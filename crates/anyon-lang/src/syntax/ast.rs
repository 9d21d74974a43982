//! The syntax tree: programs, statements and expressions, each node with its [`Span`].
//!
//! The tree knows nothing of values: a number literal keeps its digits as text, and
//! the evaluator decides what they mean (and refuses sizes it will not build).

use std::fmt::{self, Write as _};

use super::span::Span;

/// A whole input: statements separated by `;` or newlines (grammar rule `program`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    /// The statements in source order; empty statements are dropped.
    pub stmts: Vec<Stmt>,
    /// The whole source.
    pub span: Span,
}

/// One statement (grammar rule `statement`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stmt {
    /// What the statement does.
    pub kind: StmtKind,
    /// From the first to the last character of the statement.
    pub span: Span,
}

/// The two kinds of statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StmtKind {
    /// An expression whose value is printed (grammar rule `expr`).
    Expr(Expr),
    /// `name = value` (grammar rule `assignment`).
    Assign {
        /// The bound name.
        name: Ident,
        /// The expression bound to it.
        value: Expr,
    },
}

/// A name with its span: the target of an assignment or the callee of a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ident {
    /// The name as written.
    pub name: String,
    /// Where it is written.
    pub span: Span,
}

/// An expression node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expr {
    /// What the node is.
    pub kind: ExprKind,
    /// Its extent in the source; a parenthesised expression's span includes the
    /// parentheses (the tree keeps no separate node for them).
    pub span: Span,
}

/// The kinds of expression. Sums and products are flat [`ExprKind::Chain`]s, so a
/// long polynomial such as `1 + x + x^2 + ... + x^5000` is a shallow tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExprKind {
    /// A number literal: `42`, `0.25`, `1e-3` (rule `number`).
    Number(Number),
    /// A name: `x`, `p`, `true` (rule `name`). `x` is an ordinary name to the parser.
    Name(String),
    /// A string literal with its escapes resolved (rule `string`).
    Str(String),
    /// `%` (the last result, `None`) or `%N` (result number N) (rule `previous`).
    Previous(Option<u64>),
    /// `[a, b, ...]` (rule `list`).
    List(Vec<Expr>),
    /// `name(arg, ...)` (rule `call`); `O(x^8)` is a call like any other.
    Call {
        /// The called name.
        callee: Ident,
        /// The arguments in order.
        args: Vec<Expr>,
    },
    /// `-operand` (rule `unary`).
    Neg(Box<Expr>),
    /// `base^exponent`, right-associative (rule `power`).
    Pow {
        /// The base.
        base: Box<Expr>,
        /// The exponent.
        exponent: Box<Expr>,
    },
    /// A left-associative chain at one precedence level (rules `sum` and `product`):
    /// `head op1 rhs1 op2 rhs2 ...` means `((head op1 rhs1) op2 rhs2) ...`. All ops
    /// in one chain are of the same [`ChainOp::level`]; `links` is never empty.
    Chain {
        /// The first operand.
        head: Box<Expr>,
        /// The operators and following operands.
        links: Vec<Link>,
    },
    /// `lhs == rhs`, exact equality, non-associative (rule `expr`).
    Eq {
        /// Left side.
        lhs: Box<Expr>,
        /// Right side.
        rhs: Box<Expr>,
    },
}

/// One `op rhs` step of a [`ExprKind::Chain`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// The operator.
    pub op: ChainOp,
    /// The operator's token; empty for an implicit multiplication (`2x`).
    pub op_span: Span,
    /// The operand after the operator.
    pub rhs: Expr,
}

impl Link {
    /// True when the multiplication was written by juxtaposition (`2x`, `2 (1+x)`).
    pub fn is_implicit(&self) -> bool {
        self.op == ChainOp::Mul && self.op_span.is_empty()
    }
}

/// The left-associative binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChainOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*` or juxtaposition
    Mul,
    /// `/`
    Div,
}

/// The two precedence levels of chains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// `+` and `-`.
    Sum,
    /// `*`, `/` and juxtaposition.
    Product,
}

impl ChainOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            ChainOp::Add => "+",
            ChainOp::Sub => "-",
            ChainOp::Mul => "*",
            ChainOp::Div => "/",
        }
    }

    /// What a parse error expects after the operator.
    pub(crate) fn expected_after(self) -> &'static str {
        match self {
            ChainOp::Add => "an expression after `+`",
            ChainOp::Sub => "an expression after `-`",
            ChainOp::Mul => "an expression after `*`",
            ChainOp::Div => "an expression after `/`",
        }
    }

    /// The precedence level the operator belongs to.
    pub fn level(self) -> Level {
        match self {
            ChainOp::Add | ChainOp::Sub => Level::Sum,
            ChainOp::Mul | ChainOp::Div => Level::Product,
        }
    }
}

/// A number literal, kept as its digits: `integer[.fraction][e exponent]`.
///
/// The value is `integer.fraction × 10^exponent`, exactly (a decimal is a rational,
/// never a float). The parser does not compute it; see [`Number::scaled_digits`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Number {
    /// Digits before the point (at least one, leading zeros kept).
    pub integer: String,
    /// Digits after the point (empty when there is no point).
    pub fraction: String,
    /// The power of ten after `e` (0 when absent).
    pub exponent: i64,
}

impl Number {
    /// An integer literal from its decimal digits.
    pub fn integer(digits: impl Into<String>) -> Number {
        Number {
            integer: digits.into(),
            fraction: String::new(),
            exponent: 0,
        }
    }

    /// The value as `(digits, scale)` with value `digits × 10^scale`; `None` when the
    /// scale does not fit in an `i64`.
    ///
    /// # Examples
    /// ```
    /// use anyon_lang::syntax::Number;
    /// let n = Number { integer: "0".into(), fraction: "25".into(), exponent: 0 };
    /// assert_eq!(n.scaled_digits(), Some(("025".to_string(), -2)));
    /// let m = Number { integer: "1".into(), fraction: String::new(), exponent: -3 };
    /// assert_eq!(m.scaled_digits(), Some(("1".to_string(), -3)));
    /// ```
    pub fn scaled_digits(&self) -> Option<(String, i64)> {
        let n_frac = i64::try_from(self.fraction.len()).ok()?;
        let scale = self.exponent.checked_sub(n_frac)?;
        Some((format!("{}{}", self.integer, self.fraction), scale))
    }

    /// True for a plain integer literal (no point, no exponent).
    pub fn is_integer(&self) -> bool {
        self.fraction.is_empty() && self.exponent == 0
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.integer)?;
        if !self.fraction.is_empty() {
            write!(f, ".{}", self.fraction)?;
        }
        if self.exponent != 0 {
            write!(f, "e{}", self.exponent)?;
        }
        Ok(())
    }
}

impl Expr {
    /// A node from its kind and span.
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }

    /// The same tree with every span set to [`Span::DETACHED`], for comparing trees
    /// by structure alone.
    pub fn without_spans(&self) -> Expr {
        let mut e = self.clone();
        e.erase_spans();
        e
    }

    fn erase_spans(&mut self) {
        self.span = Span::DETACHED;
        match &mut self.kind {
            ExprKind::Number(_) | ExprKind::Name(_) | ExprKind::Str(_) | ExprKind::Previous(_) => {}
            ExprKind::List(items) => items.iter_mut().for_each(Expr::erase_spans),
            ExprKind::Call { callee, args } => {
                callee.span = Span::DETACHED;
                args.iter_mut().for_each(Expr::erase_spans);
            }
            ExprKind::Neg(e) => e.erase_spans(),
            ExprKind::Pow { base, exponent } => {
                base.erase_spans();
                exponent.erase_spans();
            }
            ExprKind::Chain { head, links } => {
                head.erase_spans();
                for link in links {
                    link.op_span = Span::DETACHED;
                    link.rhs.erase_spans();
                }
            }
            ExprKind::Eq { lhs, rhs } => {
                lhs.erase_spans();
                rhs.erase_spans();
            }
        }
    }

    /// The tree as an S-expression, for tests and debugging: `-x^2` is
    /// `(neg (^ x 2))`, `a/b*c` is `(* (/ a b) c)` (chains print left-nested), a call
    /// `f(a, b)` is `(f a b)`, a list is `[a b]`, a string is quoted with escapes.
    ///
    /// # Examples
    /// ```
    /// use anyon_lang::syntax::parse_expr;
    /// assert_eq!(parse_expr("2x^3")?.to_sexpr(), "(* 2 (^ x 3))");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_sexpr(&self) -> String {
        let mut out = String::new();
        self.write_sexpr(&mut out);
        out
    }

    fn write_sexpr(&self, out: &mut String) {
        match &self.kind {
            ExprKind::Number(n) => {
                let _ = write!(out, "{n}");
            }
            ExprKind::Name(name) => out.push_str(name),
            ExprKind::Str(s) => {
                let _ = write!(out, "{s:?}");
            }
            ExprKind::Previous(None) => out.push('%'),
            ExprKind::Previous(Some(n)) => {
                let _ = write!(out, "%{n}");
            }
            ExprKind::List(items) => {
                out.push('[');
                for (idx, item) in items.iter().enumerate() {
                    if idx > 0 {
                        out.push(' ');
                    }
                    item.write_sexpr(out);
                }
                out.push(']');
            }
            ExprKind::Call { callee, args } => {
                out.push('(');
                out.push_str(&callee.name);
                for arg in args {
                    out.push(' ');
                    arg.write_sexpr(out);
                }
                out.push(')');
            }
            ExprKind::Neg(e) => {
                out.push_str("(neg ");
                e.write_sexpr(out);
                out.push(')');
            }
            ExprKind::Pow { base, exponent } => {
                out.push_str("(^ ");
                base.write_sexpr(out);
                out.push(' ');
                exponent.write_sexpr(out);
                out.push(')');
            }
            ExprKind::Chain { head, links } => {
                for link in links.iter().rev() {
                    let _ = write!(out, "({} ", link.op.symbol());
                }
                head.write_sexpr(out);
                for link in links {
                    out.push(' ');
                    link.rhs.write_sexpr(out);
                    out.push(')');
                }
            }
            ExprKind::Eq { lhs, rhs } => {
                out.push_str("(== ");
                lhs.write_sexpr(out);
                out.push(' ');
                rhs.write_sexpr(out);
                out.push(')');
            }
        }
    }
}

impl Stmt {
    /// The statement as an S-expression: an assignment is `(= name value)`.
    pub fn to_sexpr(&self) -> String {
        match &self.kind {
            StmtKind::Expr(e) => e.to_sexpr(),
            StmtKind::Assign { name, value } => format!("(= {} {})", name.name, value.to_sexpr()),
        }
    }
}

impl Program {
    /// The statements' S-expressions joined by `"; "`.
    ///
    /// # Examples
    /// ```
    /// use anyon_lang::syntax::parse_program;
    /// let p = parse_program("p = 1 + x\ncoeff(p, 1)")?;
    /// assert_eq!(p.to_sexpr(), "(= p (+ 1 x)); (coeff p 1)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_sexpr(&self) -> String {
        self.stmts
            .iter()
            .map(Stmt::to_sexpr)
            .collect::<Vec<_>>()
            .join("; ")
    }
}
