//! The nom parser: source text to [`Program`] / [`Expr`], every node with its span.
//!
//! A hand-ordered recursive descent over `nom_locate` spans, one function per rule of
//! `grammar/anyon.ebnf` (each names its rule). Conventions:
//!
//! - A parser does not consume the blanks after what it parsed: spans end at the last
//!   character of a node, and the caller decides whether a newline there ends the
//!   statement (top level) or is whitespace (inside brackets, [`Ctx::in_brackets`]).
//! - After an operator the operand is required: `require` (nom's `cut` with a
//!   message, as a plain function) turns a failure into `expected an expression after
//!   `op``, at the token that was found. Non-recursive places use `cut` itself.
//! - Recursion happens only through brackets, unary minus and exponents, and each of
//!   those counts one level against [`MAX_DEPTH`], so no input can overflow the stack.
//!   Sums and products are loops producing flat chains.

use nom::branch::alt;
use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{char, digit1, one_of, satisfy};
use nom::combinator::{cut, not, opt, recognize};
use nom::error::{ErrorKind, ParseError};
use nom::multi::many0_count;
use nom::sequence::{pair, preceded, terminated};
use nom::{IResult, Input as _, Parser};
use nom_locate::LocatedSpan;

use super::ast::{ChainOp, Expr, ExprKind, Ident, Link, Number, Program, Stmt, StmtKind};
use super::diagnostic::Diagnostic;
use super::span::Span;

/// The deepest nesting of brackets, unary minus signs and exponents the parser
/// accepts. Deeper input is refused with a message naming this limit, so no input
/// overflows the stack.
///
/// Sized for unoptimised builds: one bracket level costs about 10 KiB of stack in a
/// debug build (results are boxed to keep it there), so input at the limit needs
/// about 1.3 MiB, within a 2 MiB test thread. A tree from the parser is at most a
/// few nodes deeper per level (a chain, a power, an `==`), so an evaluator that
/// recurses over it is bounded too.
pub const MAX_DEPTH: u32 = 128;

/// Parser input: the source with its byte offset, line and column.
type Input<'a> = LocatedSpan<&'a str>;

/// Result of one parser function.
type PResult<'a, T> = IResult<Input<'a>, T, PError>;

/// The parser's error, boxed so that results stay small (stack frames in debug
/// builds grow with the size of every `Result` moved through `?`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PError(Box<PErrorData>);

/// The parser error's data: a span, a message (empty while nom is still trying
/// alternatives), an optional help line, and whether more input could fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PErrorData {
    span: Span,
    message: String,
    help: Option<String>,
    /// The error is at the end of the input and more text could complete it
    /// (an open bracket, a trailing operator): see [`is_incomplete`].
    incomplete: bool,
}

impl PError {
    fn new(span: Span, message: impl Into<String>) -> PError {
        PError(Box::new(PErrorData {
            span,
            message: message.into(),
            help: None,
            incomplete: false,
        }))
    }

    fn help(mut self, help: impl Into<String>) -> PError {
        self.help = Some(help.into());
        self
    }

    fn incomplete(mut self) -> PError {
        self.incomplete = true;
        self
    }

    fn into_diagnostic(self) -> Diagnostic {
        let PError(data) = self;
        let PErrorData {
            span,
            message,
            help,
            ..
        } = *data;
        let message = if message.is_empty() {
            "syntax error".to_string()
        } else {
            message
        };
        Diagnostic {
            span,
            message,
            help,
        }
    }
}

impl std::ops::Deref for PError {
    type Target = PErrorData;
    fn deref(&self) -> &PErrorData {
        &self.0
    }
}

impl std::ops::DerefMut for PError {
    fn deref_mut(&mut self) -> &mut PErrorData {
        &mut self.0
    }
}

impl<'a> ParseError<Input<'a>> for PError {
    fn from_error_kind(input: Input<'a>, _kind: ErrorKind) -> Self {
        PError::new(Span::at(input.location_offset()), "")
    }

    fn append(_input: Input<'a>, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failed alternatives, keep the one that got further, preferring one
    /// with a message.
    fn or(self, other: Self) -> Self {
        let key = |e: &PError| (e.span.start, !e.message.is_empty());
        if key(&other) >= key(&self) {
            other
        } else {
            self
        }
    }
}

/// Parsing context, copied down the recursion.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    /// Levels of brackets, signs and exponents around the current position.
    depth: u32,
    /// Inside brackets, where a newline is whitespace rather than a separator.
    in_brackets: bool,
}

impl Ctx {
    const TOP: Ctx = Ctx {
        depth: 0,
        in_brackets: false,
    };

    /// One level deeper, or the nesting-limit error at `at`.
    fn deeper(self, at: Span, in_brackets: bool) -> Result<Ctx, nom::Err<PError>> {
        if self.depth >= MAX_DEPTH {
            return Err(too_deep(at));
        }
        Ok(Ctx {
            depth: self.depth + 1,
            in_brackets,
        })
    }
}

/// The nesting-limit error at `at`.
#[cold]
#[inline(never)]
fn too_deep(at: Span) -> nom::Err<PError> {
    nom::Err::Failure(
        PError::new(
            at,
            format!(
                "expression nested too deeply: more than {MAX_DEPTH} levels of \
                 brackets, minus signs and exponents"
            ),
        )
        .help(format!(
            "the nesting limit is {MAX_DEPTH}; split the expression with assignments"
        )),
    )
}

/// Parses a whole program (grammar rule `program`): statements separated by `;` or
/// newlines, with `#` comments.
///
/// # Errors
/// The first syntax error, as a [`Diagnostic`] whose span points at the offending
/// token (or at the unclosed bracket); render it with [`Diagnostic::render`].
///
/// # Examples
/// ```
/// use anyon_lang::syntax::parse_program;
/// let p = parse_program("p = PE(x/(1-x))  # partitions\ncoeff(p, 10)")?;
/// assert_eq!(p.stmts.len(), 2);
/// assert_eq!(p.to_sexpr(), "(= p (PE (/ x (- 1 x)))); (coeff p 10)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_program(src: &str) -> Result<Program, Diagnostic> {
    program(src).map_err(PError::into_diagnostic)
}

/// Parses a single expression (grammar rule `expr`), allowing blanks, comments and
/// newlines around it.
///
/// # Errors
/// A [`Diagnostic`] for the first syntax error, or for anything after the
/// expression.
///
/// # Examples
/// ```
/// use anyon_lang::syntax::parse_expr;
/// assert_eq!(parse_expr("-x^2")?.to_sexpr(), "(neg (^ x 2))");
/// assert!(parse_expr("1 +").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_expr(src: &str) -> Result<Expr, Diagnostic> {
    let ctx = Ctx {
        depth: 0,
        in_brackets: true,
    };
    let i = blank_nl(Input::new(src));
    let parsed = cut(expecting("an expression", |i| expr(i, ctx))).parse(i);
    let (rest, e) = parsed.map_err(|e| finish_err(e).into_diagnostic())?;
    let rest = blank_nl(rest);
    if rest.fragment().is_empty() {
        Ok(*e)
    } else {
        Err(after_statement_error(rest, false).into_diagnostic())
    }
}

/// True when `src` is an unfinished entry that more lines could complete: a bracket
/// is still open, or the input ends right after an operator, `=` or `,`.
///
/// The REPL uses it to ask for a continuation line instead of reporting an error.
///
/// # Examples
/// ```
/// use anyon_lang::syntax::is_incomplete;
/// assert!(is_incomplete("coeff(PE(x/(1-x)),"));
/// assert!(is_incomplete("1 +  # more to come"));
/// assert!(!is_incomplete("1 + 2"));
/// assert!(!is_incomplete("1 + )")); // an error, but not an unfinished one
/// ```
pub fn is_incomplete(src: &str) -> bool {
    matches!(program(src), Err(e) if e.incomplete)
}

/// Grammar rule `program = { separator } [ statement { separator { separator } statement } ] { separator }`.
fn program(src: &str) -> Result<Program, PError> {
    let mut i = Input::new(src);
    let mut stmts = Vec::new();
    loop {
        i = separators(i);
        if i.fragment().is_empty() {
            break;
        }
        let (rest, stmt) = statement(i).map_err(finish_err)?;
        let is_assign = matches!(stmt.kind, StmtKind::Assign { .. });
        stmts.push(stmt);
        let rest = blank(rest);
        match rest.fragment().chars().next() {
            None | Some('\n' | ';') => i = rest,
            Some(_) => return Err(after_statement_error(rest, is_assign)),
        }
    }
    Ok(Program {
        stmts,
        span: Span::new(0, src.len()),
    })
}

/// The error for unexpected text after a complete statement or expression.
fn after_statement_error(rest: Input<'_>, is_assign: bool) -> PError {
    let (span, found) = found_token(rest);
    let first = rest.fragment().chars().next();
    match first {
        Some(c @ (')' | ']')) => {
            let open = if c == ')' { '(' } else { '[' };
            PError::new(span, format!("unmatched `{c}`"))
                .help(format!("there is no `{open}` open here"))
        }
        Some('=') if !rest.fragment().starts_with("==") => {
            let e = PError::new(span, "unexpected `=`");
            if is_assign {
                e.help("an assignment binds one name; use `==` to compare")
            } else {
                e.help("only a name can be assigned to (`p = ...`); use `==` to compare")
            }
        }
        Some('=') => PError::new(span, "comparisons cannot be chained")
            .help("write `(a == b) == c` if that is what you mean"),
        Some(c) if c.is_ascii_digit() || c == '.' || c == '"' || c == '[' || c == '%' => {
            PError::new(
                span,
                format!("expected an operator, `;` or a newline, found {found}"),
            )
            .help("juxtaposition multiplies only by a name or a bracket; write `*`")
        }
        _ => PError::new(
            span,
            format!("expected an operator, `;` or a newline, found {found}"),
        ),
    }
}

/// Turns nom's outer error into ours (a recoverable error that reached the top has
/// no message yet: name what was found).
fn finish_err(e: nom::Err<PError>) -> PError {
    match e {
        nom::Err::Error(e) | nom::Err::Failure(e) => e,
        nom::Err::Incomplete(_) => {
            PError::new(Span::DETACHED, "unexpected end of input").incomplete()
        }
    }
}

/// Grammar rule `statement = assignment | expr`.
fn statement(i: Input<'_>) -> PResult<'_, Stmt> {
    alt((assignment, |i| {
        let (rest, e) = cut(expecting("an expression", |i| expr(i, Ctx::TOP))).parse(i)?;
        let span = e.span;
        Ok((
            rest,
            Stmt {
                kind: StmtKind::Expr(*e),
                span,
            },
        ))
    }))
    .parse(i)
}

/// Grammar rule `assignment = name "=" expr` (`=` not followed by another `=`).
fn assignment(i: Input<'_>) -> PResult<'_, Stmt> {
    let (j, name) = ident(i)?;
    let j = blank(j);
    let (j, _) = terminated(char('='), not(char('='))).parse(j)?;
    let j = blank_nl(j);
    let (j, value) = cut(expecting("an expression after `=`", |i| expr(i, Ctx::TOP))).parse(j)?;
    let span = name.span.join(value.span);
    Ok((
        j,
        Stmt {
            kind: StmtKind::Assign {
                name,
                value: *value,
            },
            span,
        },
    ))
}

/// Grammar rule `expr = sum [ "==" sum ]` (non-associative).
fn expr(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    let (i, lhs) = sum(i, ctx)?;
    let j = blank_ctx(i, ctx);
    if !j.fragment().starts_with("==") {
        return Ok((i, lhs));
    }
    let k = blank_nl(j.take_from(2));
    let (k, rhs) = require(sum(k, ctx), k, "an expression after `==`")?;
    let after = blank_ctx(k, ctx);
    if after.fragment().starts_with("==") {
        let at = after.location_offset();
        return Err(nom::Err::Failure(
            PError::new(Span::new(at, at + 2), "comparisons cannot be chained")
                .help("write `(a == b) == c` if that is what you mean"),
        ));
    }
    let span = lhs.span.join(rhs.span);
    let kind = ExprKind::Eq { lhs, rhs };
    Ok((k, Box::new(Expr::new(kind, span))))
}

/// Grammar rule `sum = product { ( "+" | "-" ) product }` (left-associative).
fn sum(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    let (mut i, head) = product(i, ctx)?;
    let mut links = Vec::new();
    loop {
        let j = blank_ctx(i, ctx);
        let op = match j.fragment().chars().next() {
            Some('+') => ChainOp::Add,
            Some('-') => ChainOp::Sub,
            _ => break,
        };
        let op_span = Span::new(j.location_offset(), j.location_offset() + 1);
        let k = blank_nl(j.take_from(1));
        let (k, rhs) = require(product(k, ctx), k, op.expected_after())?;
        links.push(Link {
            op,
            op_span,
            rhs: *rhs,
        });
        i = k;
    }
    Ok((i, chain(head, links)))
}

/// Grammar rule `product = unary { ( "*" | "/" ) unary | implicit_factor }`
/// (left-associative; juxtaposition is multiplication at the same level).
fn product(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    let (mut i, head) = unary(i, ctx)?;
    let mut links = Vec::new();
    loop {
        let j = blank_ctx(i, ctx);
        let op = match j.fragment().chars().next() {
            Some('*') => Some(ChainOp::Mul),
            Some('/') => Some(ChainOp::Div),
            _ => None,
        };
        if let Some(op) = op {
            let op_span = Span::new(j.location_offset(), j.location_offset() + 1);
            let k = blank_nl(j.take_from(1));
            let (k, rhs) = require(unary(k, ctx), k, op.expected_after())?;
            links.push(Link {
                op,
                op_span,
                rhs: *rhs,
            });
            i = k;
            continue;
        }
        // implicit_factor: same line, spaces or tabs only.
        let j = spaces(i);
        if !starts_implicit_factor(j.fragment()) {
            break;
        }
        let (k, rhs) = power(j, ctx)?;
        let op_span = Span::at(j.location_offset());
        links.push(Link {
            op: ChainOp::Mul,
            op_span,
            rhs: *rhs,
        });
        i = k;
    }
    Ok((i, chain(head, links)))
}

/// Can an implicit factor (rule `implicit_factor`) start here: a name, a call or `(`?
fn starts_implicit_factor(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c == '(' || is_ident_start(c))
}

/// A chain of `head` and `links`, or `head` alone when there are no links.
fn chain(head: Box<Expr>, links: Vec<Link>) -> Box<Expr> {
    match links.last() {
        None => head,
        Some(last) => {
            let span = head.span.join(last.rhs.span);
            let kind = ExprKind::Chain { head, links };
            Box::new(Expr::new(kind, span))
        }
    }
}

/// Grammar rule `unary = { "-" } power`: `-x^2` is `-(x^2)`. Minus signs are counted
/// in a loop; each is a nesting level.
fn unary(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    let mut starts = Vec::new();
    let mut i = i;
    let mut inner = ctx;
    while i.fragment().starts_with('-') {
        let at = i.location_offset();
        inner = inner.deeper(Span::new(at, at + 1), ctx.in_brackets)?;
        starts.push(at);
        i = blank_nl(i.take_from(1));
    }
    let (i, mut e) = if starts.is_empty() {
        power(i, ctx)?
    } else {
        require(power(i, inner), i, "an expression after `-`")?
    };
    for start in starts.into_iter().rev() {
        let span = Span::new(start, e.span.end);
        e = Box::new(Expr::new(ExprKind::Neg(e), span));
    }
    Ok((i, e))
}

/// Grammar rule `power = primary [ "^" unary ]` (right-associative: the exponent is a
/// `unary`, so `2^3^2` is `2^(3^2)` and `2^-1` is allowed).
fn power(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    let (i, base) = primary(i, ctx)?;
    let j = blank_ctx(i, ctx);
    if !j.fragment().starts_with('^') {
        return Ok((i, base));
    }
    let at = j.location_offset();
    let inner = ctx.deeper(Span::new(at, at + 1), ctx.in_brackets)?;
    let k = blank_nl(j.take_from(1));
    let (k, exponent) = require(unary(k, inner), k, "an exponent after `^`")?;
    let span = base.span.join(exponent.span);
    let kind = ExprKind::Pow { base, exponent };
    Ok((k, Box::new(Expr::new(kind, span))))
}

/// Grammar rule `primary = number | string | previous | list | "(" expr ")" | call | name`.
fn primary(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    match i.fragment().chars().next() {
        Some(c) if c.is_ascii_digit() => number(i),
        Some('"') => string(i),
        Some('%') => previous(i),
        Some('[') => list(i, ctx),
        Some('(') => paren(i, ctx),
        Some(c) if is_ident_start(c) => call_or_name(i, ctx),
        _ => Err(nom::Err::Error(PError::new(
            Span::at(i.location_offset()),
            "",
        ))),
    }
}

/// Grammar rule `number = digits [ "." digits ] [ ( "e" | "E" ) [ "+" | "-" ] digits ]`.
fn number(i: Input<'_>) -> PResult<'_, Box<Expr>> {
    let start = i.location_offset();
    let (i, integer) = digit1(i)?;
    let (i, fraction) = opt(preceded(char('.'), digit1)).parse(i)?;
    let (i, exp) = opt(preceded(
        one_of("eE"),
        recognize(pair(opt(one_of("+-")), digit1)),
    ))
    .parse(i)?;
    let exponent = match exp {
        None => 0,
        Some(text) => {
            let at = text.location_offset();
            let digits = text.fragment().trim_start_matches('+');
            digits.parse::<i64>().map_err(|_| {
                nom::Err::Failure(PError::new(
                    Span::new(at, at + text.fragment().len()),
                    "exponent of the number literal is out of range",
                ))
            })?
        }
    };
    let n = Number {
        integer: integer.fragment().to_string(),
        fraction: fraction.map_or_else(String::new, |f| f.fragment().to_string()),
        exponent,
    };
    let span = Span::new(start, i.location_offset());
    Ok((i, Box::new(Expr::new(ExprKind::Number(n), span))))
}

/// Grammar rule `string = '"' { character | escape } '"'` with escapes `\\ \" \n \t
/// \r \0 \u{HEX}`; a string ends on the line it starts.
fn string(i: Input<'_>) -> PResult<'_, Box<Expr>> {
    let start = i.location_offset();
    let (mut i, _) = char('"')(i)?;
    let mut value = String::new();
    let unterminated = || {
        nom::Err::Failure(
            PError::new(Span::new(start, start + 1), "unterminated string")
                .help("a string ends on the line it starts; write `\\n` for a newline"),
        )
    };
    loop {
        let mut chars = i.fragment().chars();
        match chars.next() {
            None | Some('\n') => return Err(unterminated()),
            Some('"') => {
                i = i.take_from(1);
                break;
            }
            Some('\\') => {
                let at = i.location_offset();
                let (c, len) = match chars.next() {
                    Some('\\') => ('\\', 2),
                    Some('"') => ('"', 2),
                    Some('n') => ('\n', 2),
                    Some('t') => ('\t', 2),
                    Some('r') => ('\r', 2),
                    Some('0') => ('\0', 2),
                    Some('u') => unicode_escape(&i.fragment()[2..], at)?,
                    None | Some('\n') => return Err(unterminated()),
                    Some(other) => {
                        let len = 1 + other.len_utf8();
                        return Err(nom::Err::Failure(
                            PError::new(
                                Span::new(at, at + len),
                                format!("unknown escape `\\{other}` in string"),
                            )
                            .help("the escapes are \\\\ \\\" \\n \\t \\r \\0 and \\u{HEX}"),
                        ));
                    }
                };
                value.push(c);
                i = i.take_from(len);
            }
            Some(c) => {
                value.push(c);
                i = i.take_from(c.len_utf8());
            }
        }
    }
    let span = Span::new(start, i.location_offset());
    Ok((i, Box::new(Expr::new(ExprKind::Str(value), span))))
}

/// The `\u{HEX}` escape: `rest` follows `\u`; returns the character and the length of
/// the whole escape.
fn unicode_escape(rest: &str, at: usize) -> Result<(char, usize), nom::Err<PError>> {
    let bad = |len: usize| {
        nom::Err::Failure(PError::new(
            Span::new(at, at + len),
            "invalid unicode escape: write `\\u{HEX}` with 1 to 6 hex digits of a valid character",
        ))
    };
    let Some(body) = rest.strip_prefix('{') else {
        return Err(bad(2));
    };
    let n_hex = body.chars().take_while(char::is_ascii_hexdigit).count();
    if n_hex == 0 || n_hex > 6 || !body[n_hex..].starts_with('}') {
        return Err(bad(3 + n_hex));
    }
    let len = 2 + 1 + n_hex + 1;
    u32::from_str_radix(&body[..n_hex], 16)
        .ok()
        .and_then(char::from_u32)
        .map(|c| (c, len))
        .ok_or_else(|| bad(len))
}

/// Grammar rule `previous = "%" [ digits ]`.
fn previous(i: Input<'_>) -> PResult<'_, Box<Expr>> {
    let start = i.location_offset();
    let (i, _) = char('%')(i)?;
    let (i, digits) = opt(digit1).parse(i)?;
    let n = match digits {
        None => None,
        Some(d) => Some(d.fragment().parse::<u64>().map_err(|_| {
            nom::Err::Failure(PError::new(
                Span::new(start, d.location_offset() + d.fragment().len()),
                "result number out of range",
            ))
        })?),
    };
    let span = Span::new(start, i.location_offset());
    Ok((i, Box::new(Expr::new(ExprKind::Previous(n), span))))
}

/// Grammar rule `list = "[" [ expr { "," expr } ] "]"`.
fn list(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    let start = i.location_offset();
    let (i, items) = bracketed(i, ctx, '[', ']')?;
    let span = Span::new(start, i.location_offset());
    Ok((i, Box::new(Expr::new(ExprKind::List(items), span))))
}

/// Grammar rule `"(" expr ")"` of `primary`: the inner expression, its span widened
/// to the parentheses.
fn paren(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    let open = i.location_offset();
    let inner = ctx.deeper(Span::new(open, open + 1), true)?;
    let (j, _) = char('(')(i)?;
    let j = blank_nl(j);
    if j.fragment().starts_with(')') {
        return Err(empty_parens(open, j.location_offset()));
    }
    let (j, mut e) = require(expr(j, inner), j, "an expression after `(`")?;
    let j = blank_nl(j);
    let j = close(j, i, ')')?;
    e.span = Span::new(open, j.location_offset());
    Ok((j, e))
}

/// Grammar rules `call = name "(" [ expr { "," expr } ] ")"` (no space before `(`)
/// and `name`.
fn call_or_name(i: Input<'_>, ctx: Ctx) -> PResult<'_, Box<Expr>> {
    let (j, callee) = ident(i)?;
    if !j.fragment().starts_with('(') {
        let span = callee.span;
        return Ok((j, Box::new(Expr::new(ExprKind::Name(callee.name), span))));
    }
    let (j, args) = bracketed(j, ctx, '(', ')')?;
    let span = Span::new(callee.span.start, j.location_offset());
    Ok((
        j,
        Box::new(Expr::new(ExprKind::Call { callee, args }, span)),
    ))
}

/// `open [ expr { "," expr } ] close`, shared by `list` and `call`; `i` starts at
/// `open`.
fn bracketed(i: Input<'_>, ctx: Ctx, open: char, close_c: char) -> PResult<'_, Vec<Expr>> {
    let at = i.location_offset();
    let inner = ctx.deeper(Span::new(at, at + 1), true)?;
    let (mut j, _) = char(open)(i)?;
    let mut items = Vec::new();
    j = blank_nl(j);
    if !j.fragment().starts_with(close_c) {
        let mut what = if open == '(' {
            "an expression after `(`"
        } else {
            "an expression after `[`"
        };
        loop {
            let (k, e) = require(expr(j, inner), j, what)?;
            items.push(*e);
            j = blank_nl(k);
            if j.fragment().starts_with(',') {
                j = blank_nl(j.take_from(1));
                what = "an expression after `,`";
            } else {
                break;
            }
        }
    }
    let j = close(j, i, close_c)?;
    Ok((j, items))
}

/// Expects the closing bracket `close_c` at `j` for the bracket that opens `open`.
fn close<'a>(j: Input<'a>, open: Input<'a>, close_c: char) -> Result<Input<'a>, nom::Err<PError>> {
    if j.fragment().starts_with(close_c) {
        Ok(j.take_from(1))
    } else {
        Err(close_error(j, open, close_c))
    }
}

/// The error for a missing closing bracket: unclosed at the end of input, else
/// mismatched or unexpected at the token found.
#[cold]
#[inline(never)]
fn close_error(j: Input<'_>, open: Input<'_>, close_c: char) -> nom::Err<PError> {
    let open_at = open.location_offset();
    let open_c = open.fragment().chars().next().unwrap_or('(');
    let open_span = Span::new(open_at, open_at + 1);
    if j.fragment().is_empty() {
        return nom::Err::Failure(
            PError::new(open_span, format!("unclosed `{open_c}`"))
                .help(format!("add `{close_c}` to close it"))
                .incomplete(),
        );
    }
    let where_ = format!(
        "line {}, column {}",
        open.location_line(),
        open.get_utf8_column()
    );
    let (span, found) = found_token(j);
    let message = match j.fragment().chars().next() {
        Some(c @ (')' | ']')) => {
            format!("mismatched `{c}`: expected `{close_c}` to close the `{open_c}` at {where_}")
        }
        _ => format!(
            "expected `,` or `{close_c}` to close the `{open_c}` at {where_}, found {found}"
        ),
    };
    let e = PError::new(span, message);
    let e = match j.fragment().chars().next() {
        Some('=') => e.help("use `==` to compare"),
        Some(c) if c.is_ascii_digit() || c == '"' || c == '[' || c == '%' => {
            e.help("juxtaposition multiplies only by a name or a bracket; write `*`")
        }
        _ => e,
    };
    nom::Err::Failure(e)
}

/// Grammar rule `name = ( letter | "_" ) { letter | digit | "_" }` (letters are
/// Unicode alphabetic characters, digits are ASCII).
fn ident(i: Input<'_>) -> PResult<'_, Ident> {
    let (j, text) =
        recognize(pair(satisfy(is_ident_start), take_while(is_ident_continue))).parse(i)?;
    let start = text.location_offset();
    let ident = Ident {
        name: text.fragment().to_string(),
        span: Span::new(start, start + text.fragment().len()),
    };
    Ok((j, ident))
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit() || c == '_'
}

/// Wraps `parser` so that a recoverable failure gets the message `expected WHAT`,
/// placed at the token found (with `, found TOKEN`), or marked incomplete at the end
/// of the input. Use under `cut`.
fn expecting<'a, 'w, O, P>(
    what: &'w str,
    mut parser: P,
) -> impl Parser<Input<'a>, Output = O, Error = PError> + 'w
where
    P: Parser<Input<'a>, Output = O, Error = PError> + 'w,
    'a: 'w,
{
    move |i: Input<'a>| match parser.parse(i) {
        Err(nom::Err::Error(_)) => Err(nom::Err::Error(expected_at(i, what))),
        other => other,
    }
}

/// nom's `cut` with a message, as a plain function: turns a recoverable failure of
/// the operand parsed at `at` into a [`nom::Err::Failure`] `expected WHAT, found
/// TOKEN`. Used on the recursive path (after operators and opening brackets), where
/// closures would add stack frames per nesting level in debug builds.
fn require<'a>(res: PResult<'a, Box<Expr>>, at: Input<'a>, what: &str) -> PResult<'a, Box<Expr>> {
    match res {
        Err(nom::Err::Error(_)) => Err(nom::Err::Failure(expected_at(at, what))),
        other => other,
    }
}

/// The error `empty parentheses` for `()` from `open` to the `)` at `close_at`.
#[cold]
#[inline(never)]
fn empty_parens(open: usize, close_at: usize) -> nom::Err<PError> {
    nom::Err::Failure(
        PError::new(Span::new(open, close_at + 1), "empty parentheses")
            .help("put an expression inside `(` `)`"),
    )
}

/// The error `expected WHAT, found TOKEN` at `i`.
#[cold]
#[inline(never)]
fn expected_at(i: Input<'_>, what: &str) -> PError {
    let (span, found) = found_token(i);
    if i.fragment().is_empty() {
        return PError::new(span, format!("expected {what}")).incomplete();
    }
    let e = PError::new(span, format!("expected {what}, found {found}"));
    match i.fragment().chars().next() {
        Some(')' | ']') if what == "an expression" => {
            let c = i.fragment().chars().next().unwrap_or(')');
            PError::new(span, format!("unmatched `{c}`"))
        }
        Some('.') => e.help("write a leading zero: `0.5`"),
        Some('*') if what == "an expression after `*`" => e.help("write `^` for a power"),
        Some('+') => e.help("there is no unary `+`; leave it out"),
        _ => e,
    }
}

/// The token at `i` for messages: its span and a description like `` `*` `` or
/// `end of input`. A word (name or number) is taken whole.
fn found_token(i: Input<'_>) -> (Span, String) {
    let at = i.location_offset();
    let s = *i.fragment();
    let Some(c) = s.chars().next() else {
        return (Span::at(at), "end of input".to_string());
    };
    if c == '\n' {
        return (Span::at(at), "a newline".to_string());
    }
    let len = if is_ident_continue(c) {
        s.find(|c: char| !is_ident_continue(c) && c != '.')
            .unwrap_or(s.len())
    } else if s.starts_with("==") {
        2
    } else {
        c.len_utf8()
    };
    (Span::new(at, at + len), format!("`{}`", &s[..len]))
}

/// Grammar rule `blank = { " " | "\t" | "\r" | comment }`, `comment = "#" { not newline }`.
fn blank(i: Input<'_>) -> Input<'_> {
    let comment = recognize(pair(char('#'), take_while(|c| c != '\n')));
    let parsed: PResult<'_, usize> = many0_count(alt((
        take_while1(|c| c == ' ' || c == '\t' || c == '\r'),
        comment,
    )))
    .parse(i);
    match parsed {
        Ok((rest, _)) => rest,
        Err(_) => i,
    }
}

/// Blanks and newlines (inside brackets and after an operator).
fn blank_nl(mut i: Input<'_>) -> Input<'_> {
    loop {
        i = blank(i);
        if i.fragment().starts_with('\n') {
            i = i.take_from(1);
        } else {
            return i;
        }
    }
}

/// Blanks, and newlines too when inside brackets.
fn blank_ctx(i: Input<'_>, ctx: Ctx) -> Input<'_> {
    if ctx.in_brackets {
        blank_nl(i)
    } else {
        blank(i)
    }
}

/// Spaces and tabs only: what may separate the factors of an implicit product.
fn spaces(i: Input<'_>) -> Input<'_> {
    let n = i
        .fragment()
        .find(|c| c != ' ' && c != '\t')
        .unwrap_or(i.fragment().len());
    i.take_from(n)
}

/// Grammar rule `separator = ";" | newline`, with the blanks around, repeated.
fn separators(mut i: Input<'_>) -> Input<'_> {
    loop {
        i = blank_nl(i);
        if i.fragment().starts_with(';') {
            i = i.take_from(1);
        } else {
            return i;
        }
    }
}
