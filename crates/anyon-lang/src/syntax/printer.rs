//! The printer: a syntax tree back to source text with as few parentheses as the
//! grammar needs, so that parsing the text gives the same tree (spans aside).

use std::fmt::Write as _;

use super::ast::{Expr, ExprKind, Level, Stmt, StmtKind};

/// Binding strength of a printed form, from loosest to tightest.
const PREC_EQ: u8 = 1;
const PREC_SUM: u8 = 2;
const PREC_PRODUCT: u8 = 3;
const PREC_UNARY: u8 = 4;
const PREC_POWER: u8 = 5;
const PREC_ATOM: u8 = 6;

/// Prints an expression as source text with minimal parentheses.
///
/// Multiplication is always written with `*` and sums with spaces around `+` and
/// `-`; a chain whose first operand is itself a chain of the same level keeps its
/// parentheses (`(a + b) + c`), so that the printed text parses back to the same tree.
///
/// # Examples
/// ```
/// use anyon_lang::syntax::{parse_expr, to_source};
/// let e = parse_expr("((2x^3)) + (-(x^2)) / (1-x)")?;
/// assert_eq!(to_source(&e), "2*x^3 + -x^2/(1 - x)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_source(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(&mut out, e, 0);
    out
}

/// Prints a statement: an expression, or `name = expr`.
///
/// # Examples
/// ```
/// use anyon_lang::syntax::{parse_program, stmt_to_source};
/// let p = parse_program("p=PE( x/(1-x) )")?;
/// assert_eq!(stmt_to_source(&p.stmts[0]), "p = PE(x/(1 - x))");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn stmt_to_source(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Expr(e) => to_source(e),
        StmtKind::Assign { name, value } => format!("{} = {}", name.name, to_source(value)),
    }
}

/// How tightly the printed form of `e` binds.
fn prec(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Eq { .. } => PREC_EQ,
        ExprKind::Chain { links, .. } => match links.first().map(|l| l.op.level()) {
            Some(Level::Product) => PREC_PRODUCT,
            _ => PREC_SUM,
        },
        ExprKind::Neg(_) => PREC_UNARY,
        ExprKind::Pow { .. } => PREC_POWER,
        ExprKind::Number(_)
        | ExprKind::Name(_)
        | ExprKind::Str(_)
        | ExprKind::Previous(_)
        | ExprKind::List(_)
        | ExprKind::Call { .. } => PREC_ATOM,
    }
}

/// Writes `e`, in parentheses when it binds less tightly than `min`.
fn write_expr(out: &mut String, e: &Expr, min: u8) {
    let p = prec(e);
    if p < min {
        out.push('(');
        write_bare(out, e, p);
        out.push(')');
    } else {
        write_bare(out, e, p);
    }
}

fn write_bare(out: &mut String, e: &Expr, p: u8) {
    match &e.kind {
        ExprKind::Number(n) => {
            let _ = write!(out, "{n}");
        }
        ExprKind::Name(name) => out.push_str(name),
        ExprKind::Str(s) => write_string(out, s),
        ExprKind::Previous(None) => out.push('%'),
        ExprKind::Previous(Some(n)) => {
            let _ = write!(out, "%{n}");
        }
        ExprKind::List(items) => {
            out.push('[');
            write_comma_list(out, items);
            out.push(']');
        }
        ExprKind::Call { callee, args } => {
            out.push_str(&callee.name);
            out.push('(');
            write_comma_list(out, args);
            out.push(')');
        }
        ExprKind::Neg(operand) => {
            out.push('-');
            write_expr(out, operand, PREC_UNARY);
        }
        ExprKind::Pow { base, exponent } => {
            write_expr(out, base, PREC_ATOM);
            out.push('^');
            write_expr(out, exponent, PREC_UNARY);
        }
        ExprKind::Chain { head, links } => {
            // Operands bind tighter than the chain's own level; a head of the same
            // level is parenthesised to keep the tree (it came from brackets).
            write_expr(out, head, p + 1);
            for link in links {
                match link.op.level() {
                    Level::Sum => {
                        let _ = write!(out, " {} ", link.op.symbol());
                    }
                    Level::Product => out.push_str(link.op.symbol()),
                }
                write_expr(out, &link.rhs, p + 1);
            }
        }
        ExprKind::Eq { lhs, rhs } => {
            write_expr(out, lhs, PREC_SUM);
            out.push_str(" == ");
            write_expr(out, rhs, PREC_SUM);
        }
    }
}

fn write_comma_list(out: &mut String, items: &[Expr]) {
    for (idx, item) in items.iter().enumerate() {
        if idx > 0 {
            out.push_str(", ");
        }
        write_expr(out, item, 0);
    }
}

/// A string literal with the grammar's escapes.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
