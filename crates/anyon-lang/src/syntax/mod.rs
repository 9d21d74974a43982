//! The syntax layer: source text to a span-annotated tree, diagnostics, and printing.
//!
//! Text flows `parse_program` -> [`Program`] (statements of [`Expr`] nodes, each with
//! a [`Span`]) -> the evaluator. `grammar/anyon.ebnf` at the workspace root is the
//! specification; every parser function names the rule it implements, and a test
//! parses every example in the grammar file.
//!
//! **Architecture invariant:** this module knows nothing of numbers' values or of
//! series: a number literal stays digits ([`Number`]), `x` is a name like any other,
//! and `O(x^8)` is an ordinary call. It does no I/O.
//!
//! **API boundary:** [`parse_program`], [`parse_expr`], [`is_incomplete`] (for the
//! REPL), [`to_source`] / [`stmt_to_source`] (printing), [`Diagnostic`] with
//! [`Diagnostic::render`], and the [`At`] trait with which the evaluator places plain
//! errors at a node's span.
//!
//! # Examples
//! ```
//! use anyon_lang::syntax::{parse_program, StmtKind};
//! let program = parse_program("Z(6) == (1+x)/(1+x^3)")?;
//! let StmtKind::Expr(e) = &program.stmts[0].kind else { return Err("not an expression".into()) };
//! assert_eq!(e.to_sexpr(), "(== (Z 6) (/ (+ 1 x) (+ 1 (^ x 3))))");
//! assert_eq!(e.span.range(), 0..21);
//!
//! let src = "1 + * 2";
//! let Err(err) = parse_program(src) else { return Err("should fail".into()) };
//! assert_eq!(err.message, "expected an expression after `+`, found `*`");
//! assert_eq!(err.line_col(src).column, 5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ast;
mod diagnostic;
mod parser;
mod printer;
mod span;

pub use ast::{ChainOp, Expr, ExprKind, Ident, Level, Link, Number, Program, Stmt, StmtKind};
pub use diagnostic::{At, Diagnostic};
pub use parser::{MAX_DEPTH, is_incomplete, parse_expr, parse_program};
pub use printer::{stmt_to_source, to_source};
pub use span::{LineCol, Span};
