//! The REPL: a session that reads entries (interactively with rustyline, or line by
//! line from a pipe), runs them, and prints results and diagnostics. The only module
//! of the workspace that touches the terminal.
//!
//! Entries are statements or commands: `:help [name]`, `:order N`, `:limit N`,
//! `:vars`, `:time`, `:quit`. An entry continues over several lines while a bracket
//! is open or it ends in an operator ([`crate::syntax::is_incomplete`]).
//!
//! Ctrl-C during a computation asks the exact core to stop
//! ([`anyon_series::limits::cancel`], from a `ctrlc` handler); the session, its
//! variables and its history stay. Ctrl-C at the prompt clears the line; Ctrl-D exits.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Instant;

use anyon_series::limits;
use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Config, Context, Editor, Helper};

use crate::eval::Interp;
use crate::eval::builtins::{self, BUILTINS};
use crate::syntax::{Diagnostic, Span, is_incomplete, parse_program};

/// The REPL commands, with their one-line help.
pub const COMMANDS: &[(&str, &str)] = &[
    (
        ":help",
        ":help [name]   the builtins, or one builtin's signature, doc and example",
    ),
    (
        ":order",
        ":order N       the default order for printing series (now {order})",
    ),
    (
        ":limit",
        ":limit N       the largest order any computation may ask (now {limit})",
    ),
    (":vars", ":vars          the variables and their values"),
    (
        ":time",
        ":time          print each result's computation time (toggle)",
    ),
    (":quit", ":quit          leave (Ctrl-D too)"),
];

/// What the session should do after an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Read the next entry.
    Continue,
    /// Leave the session.
    Quit,
}

/// A session: the interpreter and the REPL's own settings.
pub struct Session {
    /// The interpreter, with its variables and results.
    pub interp: Interp,
    /// Print each result's computation time (`:time`).
    pub timing: bool,
    /// Prefix results with their number, `%3 = ...` (interactive only).
    pub numbered: bool,
    /// Whether an entry has failed (for the exit code of piped input).
    pub had_error: bool,
}

impl Session {
    /// A session around an interpreter.
    pub fn new(interp: Interp) -> Session {
        Session {
            interp,
            timing: false,
            numbered: false,
            had_error: false,
        }
    }

    /// Runs one entry (statements or a command) whose first line is line
    /// `first_line` (from 1) of the input, writing results to `out` and errors to `err`.
    ///
    /// # Errors
    /// Only I/O errors of `out` and `err`.
    pub fn entry(
        &mut self,
        src: &str,
        first_line: usize,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> io::Result<Flow> {
        let trimmed = src.trim();
        if trimmed.starts_with(':') {
            return self.command(trimmed, out, err);
        }
        let program = match parse_program(src) {
            Ok(p) => p,
            Err(d) => {
                self.report(&d, src, first_line, err)?;
                return Ok(Flow::Continue);
            }
        };
        for stmt in &program.stmts {
            limits::reset_cancel();
            let start = Instant::now();
            let result = self.interp.eval_stmt(stmt);
            let elapsed = start.elapsed();
            match result {
                Ok(Some(o)) => {
                    if self.numbered {
                        writeln!(out, "%{} = {}", o.index, o.text)?;
                    } else {
                        writeln!(out, "{}", o.text)?;
                    }
                }
                Ok(None) => {}
                Err(d) => {
                    self.report(&d, src, first_line, err)?;
                    limits::reset_cancel();
                    break;
                }
            }
            if self.timing {
                writeln!(out, "time: {:.3} ms", elapsed.as_secs_f64() * 1000.0)?;
            }
        }
        out.flush()?;
        Ok(Flow::Continue)
    }

    /// Prints a diagnostic with line numbers counted from `first_line`.
    fn report(
        &mut self,
        d: &Diagnostic,
        src: &str,
        first_line: usize,
        err: &mut dyn Write,
    ) -> io::Result<()> {
        self.had_error = true;
        let pad = "\n".repeat(first_line.saturating_sub(1));
        let shifted = Diagnostic {
            span: Span::new(d.span.start + pad.len(), d.span.end + pad.len()),
            message: d.message.clone(),
            help: d.help.clone(),
        };
        write!(err, "{}", shifted.render(&format!("{pad}{src}")))?;
        err.flush()
    }

    fn command(
        &mut self,
        line: &str,
        out: &mut dyn Write,
        err: &mut dyn Write,
    ) -> io::Result<Flow> {
        let mut words = line.split_whitespace();
        let cmd = words.next().unwrap_or(":");
        let arg = words.next();
        match (cmd, arg) {
            (":quit" | ":q" | ":exit", _) => return Ok(Flow::Quit),
            (":help" | ":h", None) => writeln!(out, "{}", self.help_overview())?,
            (":help" | ":h", Some(name)) => match builtins::lookup(name) {
                Some(b) => writeln!(out, "{}", builtins::help_text(b))?,
                None => {
                    self.had_error = true;
                    let hint = self
                        .interp
                        .closest(name)
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    writeln!(err, "error: no builtin named `{name}`{hint}")?;
                }
            },
            (":order", None) => writeln!(out, "order {}", self.interp.order())?,
            (":order", Some(n)) => match n.parse::<usize>() {
                Ok(n) => match self.interp.set_order(n) {
                    Ok(()) => writeln!(out, "order {n}")?,
                    Err(e) => self.command_error(err, &e.to_string())?,
                },
                Err(_) => self.command_error(
                    err,
                    &format!("`:order {n}`: N must be a nonnegative integer"),
                )?,
            },
            (":limit", None) => writeln!(out, "limit {}", limits::max_order())?,
            (":limit", Some(n)) => match n.parse::<usize>() {
                Ok(n) if n >= 1 => {
                    limits::set_max_order(n);
                    writeln!(out, "limit {n}")?;
                }
                _ => {
                    self.command_error(err, &format!("`:limit {n}`: N must be a positive integer"))?
                }
            },
            (":vars", _) => {
                let mut any = false;
                for (name, value) in self.interp.variables() {
                    any = true;
                    writeln!(out, "{name} = {}", self.interp.describe(value))?;
                }
                if !any {
                    writeln!(out, "no variables yet (assign one with name = expr)")?;
                }
            }
            (":time", _) => {
                self.timing = !self.timing;
                writeln!(out, "timing {}", if self.timing { "on" } else { "off" })?;
            }
            (other, _) => {
                let known: Vec<&str> = COMMANDS.iter().map(|(c, _)| *c).collect();
                self.command_error(
                    err,
                    &format!(
                        "unknown command `{other}`; the commands are {}",
                        known.join(", ")
                    ),
                )?;
            }
        }
        out.flush()?;
        Ok(Flow::Continue)
    }

    fn command_error(&mut self, err: &mut dyn Write, message: &str) -> io::Result<()> {
        self.had_error = true;
        writeln!(err, "error: {message}")
    }

    fn help_overview(&self) -> String {
        let mut s = String::from(
            "anyon: exact power series and partition functions. Type an expression, e.g.\n  \
             coeff(PE(x/(1-x)), 100)    Z(6)    count(Z(6))    exp(x) + O(x^8)\n\nbuiltins:\n",
        );
        for b in BUILTINS {
            s.push_str(&format!(
                "  {:<28} {}\n",
                b.signature,
                first_sentence(b.doc)
            ));
        }
        s.push_str("\ncommands:\n");
        for (_, h) in COMMANDS {
            let h = h
                .replace("{order}", &self.interp.order().to_string())
                .replace("{limit}", &limits::max_order().to_string());
            s.push_str(&format!("  {h}\n"));
        }
        s.push_str(
            "\n% is the last result, %N result N. Ctrl-C cancels a computation; Ctrl-D leaves.",
        );
        s
    }
}

fn first_sentence(doc: &str) -> &str {
    match doc.find(". ") {
        Some(i) => &doc[..=i],
        None => doc,
    }
}

/// Reads entries from `input` without line editing (stdin that is not a terminal):
/// lines are accumulated while an entry is incomplete (a bracket open, a trailing
/// operator), then run; an unfinished entry at the end is run too, so that its error
/// is reported rather than dropped.
///
/// # Errors
/// I/O errors only; evaluation errors are printed to `err` and recorded in
/// [`Session::had_error`].
pub fn run_piped(
    session: &mut Session,
    input: impl BufRead,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    let mut entry = String::new();
    let mut first_line = 1;
    for (idx, line) in input.lines().enumerate() {
        let line = line?;
        if entry.is_empty() {
            first_line = idx + 1;
            if line.trim_start().starts_with(':') {
                if session.entry(&line, first_line, out, err)? == Flow::Quit {
                    return Ok(());
                }
                continue;
            }
        } else {
            entry.push('\n');
        }
        entry.push_str(&line);
        if !is_incomplete(&entry) {
            session.entry(&entry, first_line, out, err)?;
            entry.clear();
        }
    }
    if !entry.trim().is_empty() {
        session.entry(&entry, first_line, out, err)?;
    }
    Ok(())
}

/// The history file: `$ANYON_HISTORY` if set, else `anyon/history.txt` in the user's
/// data directory (`$XDG_DATA_HOME`, else `~/.local/share` on Unix; `%APPDATA%` on
/// Windows). Written by hand rather than with the `dirs` crate: three environment
/// variables cover the platforms anyon runs on, without a dependency.
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ANYON_HISTORY").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            if cfg!(windows) {
                std::env::var_os("APPDATA").map(PathBuf::from)
            } else {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share"))
            }
        })?;
    Some(data.join("anyon").join("history.txt"))
}

/// The line editor's helper: completion of builtins, variables and commands; a hint
/// with the signature of the builtin being called; multi-line input while an entry is
/// incomplete.
struct AnyonHelper {
    /// The current variable names, refreshed after each entry.
    vars: Rc<RefCell<Vec<String>>>,
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The start of the name (or `:command`) that ends at `pos`.
fn word_start(line: &str, pos: usize) -> usize {
    let before = &line[..pos];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c))
        .last()
        .map_or(pos, |(i, _)| i);
    if start > 0 && before[..start].ends_with(':') && before[..start - 1].trim().is_empty() {
        start - 1
    } else {
        start
    }
}

impl Completer for AnyonHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let start = word_start(line, pos);
        let word = &line[start..pos];
        let mut out: Vec<Pair> = Vec::new();
        if word.starts_with(':') {
            for (c, h) in COMMANDS {
                if c.starts_with(word) {
                    out.push(Pair {
                        display: h.split("  ").next().unwrap_or(c).to_string(),
                        replacement: format!("{c} "),
                    });
                }
            }
            return Ok((start, out));
        }
        if word.is_empty() || word.starts_with(|c: char| c.is_ascii_digit()) {
            return Ok((pos, out));
        }
        for b in BUILTINS {
            if b.name.starts_with(word) {
                let call = !matches!(b.imp, builtins::Imp::Const(_));
                out.push(Pair {
                    display: b.signature.to_string(),
                    replacement: if call {
                        format!("{}(", b.name)
                    } else {
                        b.name.to_string()
                    },
                });
            }
        }
        for v in self.vars.borrow().iter() {
            if v.starts_with(word) {
                out.push(Pair {
                    display: v.clone(),
                    replacement: v.clone(),
                });
            }
        }
        out.sort_by(|a, b| a.replacement.cmp(&b.replacement));
        Ok((start, out))
    }
}

impl Hinter for AnyonHelper {
    type Hint = String;

    /// At the end of the line: the rest of the signature of the innermost open call
    /// (`coeff(` hints `f, k)`), or the rest of the one builtin a partial name starts.
    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() || line.trim().is_empty() {
            return None;
        }
        if let Some(name) = open_call(line)
            && let Some(b) = builtins::lookup(name)
        {
            let sig = b
                .signature
                .split(", ")
                .find(|s| s.starts_with(&format!("{name}(")))?;
            if line.ends_with('(') {
                return sig.strip_prefix(&format!("{name}(")).map(str::to_string);
            }
            return Some(format!("   # {}", b.signature));
        }
        let start = word_start(line, pos);
        let word = &line[start..pos];
        if word.len() >= 2 && !word.starts_with(':') {
            let mut matches = BUILTINS.iter().filter(|b| b.name.starts_with(word));
            if let (Some(b), None) = (matches.next(), matches.next())
                && b.name != word
            {
                return Some(format!("{}   # {}", &b.name[word.len()..], b.signature));
            }
        }
        None
    }
}

/// The name of the innermost call whose `(` is still open at the end of `line`.
fn open_call(line: &str) -> Option<&str> {
    let mut stack: Vec<usize> = Vec::new();
    for (i, c) in line.char_indices() {
        match c {
            '(' | '[' => stack.push(i),
            ')' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    let open = *stack.last()?;
    if !line[open..].starts_with('(') {
        return None;
    }
    let start = word_start(line, open);
    (start < open).then(|| &line[start..open])
}

impl Highlighter for AnyonHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        Cow::Owned(format!("\x1b[90m{hint}\x1b[0m"))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        false
    }
}

impl Validator for AnyonHelper {
    /// Incomplete while a bracket is open or the entry ends in an operator; never
    /// `Invalid` (errors are reported by the evaluator, with a caret).
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        if is_incomplete(ctx.input()) {
            Ok(ValidationResult::Incomplete)
        } else {
            Ok(ValidationResult::Valid(None))
        }
    }
}

impl Helper for AnyonHelper {}

/// Runs the session: interactively when stdin is a terminal, else from the pipe.
///
/// # Errors
/// I/O errors of the terminal or the streams.
pub fn run(interp: Interp) -> io::Result<Session> {
    let mut session = Session::new(interp);
    let stdin = io::stdin();
    if !stdin.is_terminal() {
        let mut out = io::stdout().lock();
        let mut err = io::stderr().lock();
        run_piped(&mut session, stdin.lock(), &mut out, &mut err)?;
        return Ok(session);
    }
    run_interactive(&mut session)?;
    Ok(session)
}

fn run_interactive(session: &mut Session) -> io::Result<()> {
    session.numbered = true;
    // Ctrl-C while computing: the terminal is in cooked mode, SIGINT arrives here and
    // the exact core stops at its next check. (At the prompt rustyline reads Ctrl-C as
    // a key.) A second handler cannot be installed; ignore that case.
    let _ = ctrlc::set_handler(limits::cancel);
    let config = Config::builder()
        .max_history_size(10_000)
        .map_err(io::Error::other)?
        .auto_add_history(false)
        .build();
    let mut editor: Editor<AnyonHelper, DefaultHistory> =
        Editor::with_config(config).map_err(io::Error::other)?;
    let vars = Rc::new(RefCell::new(Vec::new()));
    editor.set_helper(Some(AnyonHelper {
        vars: Rc::clone(&vars),
    }));
    let history = history_path();
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.load_history(path);
    }
    println!(
        "anyon {}: exact series and partition functions. :help for help, Ctrl-D to leave.",
        env!("CARGO_PKG_VERSION")
    );
    loop {
        match editor.readline("anyon> ") {
            Ok(entry) => {
                if entry.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(entry.as_str());
                if let Some(path) = &history {
                    let _ = editor.save_history(path);
                }
                let mut out = io::stdout().lock();
                let mut err = io::stderr().lock();
                let flow = session.entry(&entry, 1, &mut out, &mut err)?;
                *vars.borrow_mut() = session
                    .interp
                    .variables()
                    .map(|(k, _)| k.to_string())
                    .collect();
                if flow == Flow::Quit {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(io::Error::other(e)),
        }
    }
    Ok(())
}
