//! Errors tied to a source span, and their rendering with line, column and caret.

use std::fmt;

use super::span::{LineCol, Span, floor_char_boundary};

/// An error message about a span of the source: a parse error, or (from the
/// evaluator) an error that an operation returned and the evaluator placed with
/// [`At::at`].
///
/// Messages are lowercase without a trailing period, like `expected an expression
/// after `/``. [`Diagnostic::render`] prints the message with line, column, the source
/// line and a caret under the span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is. An empty span is a position (shown as one caret).
    pub span: Span,
    /// What is wrong, one line.
    pub message: String,
    /// An optional suggestion, printed as `= help: ...` under the caret.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with a message and no help line.
    pub fn new(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            span,
            message: message.into(),
            help: None,
        }
    }

    /// The same diagnostic with a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Line and column of the start of the span in `src`.
    pub fn line_col(&self, src: &str) -> LineCol {
        self.span.line_col(src)
    }

    /// Renders the diagnostic against the source it was found in:
    ///
    /// ```text
    /// error: expected an expression after `/`
    ///  --> line 1, column 3
    ///   |
    /// 1 | 1/
    ///   |   ^
    /// ```
    ///
    /// The carets cover the span's characters on its first line (one caret for an
    /// empty span). Tabs in the shown line are printed as single spaces so the caret
    /// lines up.
    ///
    /// # Examples
    /// ```
    /// use anyon_lang::syntax::parse_program;
    /// let src = "1/";
    /// let Err(err) = parse_program(src) else { return Err("should fail".into()) };
    /// let text = err.render(src);
    /// assert!(text.starts_with("error: expected an expression after `/`"));
    /// assert!(text.contains("--> line 1, column 3"));
    /// assert!(text.ends_with("  |   ^\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(&self, src: &str) -> String {
        self.render_named(src, None)
    }

    /// Like [`Diagnostic::render`], naming the file in the location line
    /// (`--> FILE, line L, column C`) when `name` is given.
    pub fn render_named(&self, src: &str, name: Option<&str>) -> String {
        let start = floor_char_boundary(src, self.span.start);
        let LineCol { line, column } = LineCol::of(src, start);
        let line_start = src[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = src[start..].find('\n').map_or(src.len(), |i| start + i);
        let chars: Vec<char> = src[line_start..line_end]
            .trim_end_matches('\r')
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let end = floor_char_boundary(src, self.span.end.clamp(start, line_end));
        let mut n_carets = src[start..end].chars().count().max(1);
        // A very long line is shown as a window around the caret.
        let (text, caret_col) = if chars.len() <= MAX_SHOWN {
            (chars.iter().collect::<String>(), column - 1)
        } else {
            let from = (column - 1).saturating_sub(MAX_SHOWN / 2);
            let to = (from + MAX_SHOWN).min(chars.len());
            n_carets = n_carets.min(to.saturating_sub(column - 1).max(1));
            let mut text = String::new();
            if from > 0 {
                text.push_str("...");
            }
            text.extend(&chars[from..to]);
            if to < chars.len() {
                text.push_str("...");
            }
            (text, column - 1 - from + if from > 0 { 3 } else { 0 })
        };

        let number = line.to_string();
        let pad = " ".repeat(number.len());
        let mut out = format!("error: {}\n", self.message);
        match name {
            Some(name) => out.push_str(&format!("{pad}--> {name}, line {line}, column {column}\n")),
            None => out.push_str(&format!("{pad}--> line {line}, column {column}\n")),
        }
        out.push_str(&format!("{pad} |\n"));
        out.push_str(&format!("{number} | {text}\n"));
        out.push_str(&format!(
            "{pad} | {}{}\n",
            " ".repeat(caret_col),
            "^".repeat(n_carets)
        ));
        if let Some(help) = &self.help {
            out.push_str(&format!("{pad} = help: {help}\n"));
        }
        out
    }
}

/// Longest source line shown whole (in characters); longer lines are cut to a
/// window of this width around the caret.
const MAX_SHOWN: usize = 100;

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Diagnostic {}

/// Attach a span to a plain error (typst style): operations return errors without
/// location, and the evaluator, which knows the node, calls `.at(node.span)`.
///
/// # Examples
/// ```
/// use anyon_lang::syntax::{At, Span};
/// let r: Result<u32, String> = Err("division by zero".into());
/// let Err(d) = r.at(Span::new(2, 3)) else { return Err("should fail".into()) };
/// assert_eq!(d.span, Span::new(2, 3));
/// assert_eq!(d.message, "division by zero");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait At<T> {
    /// Converts the error, if any, into a [`Diagnostic`] at `span`.
    ///
    /// # Errors
    /// Returns the converted error when `self` is an error.
    fn at(self, span: Span) -> Result<T, Diagnostic>;
}

impl<T, E: fmt::Display> At<T> for Result<T, E> {
    fn at(self, span: Span) -> Result<T, Diagnostic> {
        self.map_err(|e| Diagnostic::new(span, e.to_string()))
    }
}
