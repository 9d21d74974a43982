//! The anyon expression language: parser with spans, evaluator, REPL.
//!
//! Three layers: [`syntax`] (the grammar of `grammar/anyon.ebnf` parsed with nom into
//! a tree whose every node carries its source span, diagnostics with line, column and
//! caret, and a printer), [`eval`] (values, order on demand, the builtins) and
//! [`repl`] (the interactive front end; the only module that touches the terminal).
//!
//! # Examples
//! ```
//! use anyon_lang::syntax::{parse_program, to_source, StmtKind};
//! let program = parse_program("p = PE(x/(1-x)); coeff(p, 100)")?;
//! assert_eq!(program.stmts.len(), 2);
//! let StmtKind::Assign { name, value } = &program.stmts[0].kind else {
//!     return Err("not an assignment".into());
//! };
//! assert_eq!(name.name, "p");
//! assert_eq!(to_source(value), "PE(x/(1 - x))");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod eval;
pub mod repl;
pub mod syntax;
