//! Source spans: byte ranges into the program text, and their line and column.

use std::fmt;
use std::ops::Range;

/// A byte range `start..end` into the source text of a program.
///
/// Every node of the syntax tree carries one. Line and column are not stored;
/// [`Span::line_col`] recovers them from the source (1-based, columns counted in
/// characters, so UTF-8 text is handled).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Byte offset of the first byte of the node.
    pub start: usize,
    /// Byte offset one past the last byte of the node.
    pub end: usize,
}

impl Span {
    /// A span with no source location, for nodes built by hand (tests, generated code).
    pub const DETACHED: Span = Span { start: 0, end: 0 };

    /// The span `start..end`; `end` is raised to `start` if it is smaller.
    ///
    /// # Examples
    /// ```
    /// use anyon_lang::syntax::Span;
    /// assert_eq!(Span::new(3, 5).len(), 2);
    /// assert_eq!(Span::new(5, 3), Span::new(5, 5));
    /// ```
    pub const fn new(start: usize, end: usize) -> Span {
        let end = if end < start { start } else { end };
        Span { start, end }
    }

    /// An empty span at `offset` (a position between two characters).
    pub const fn at(offset: usize) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end - self.start
    }

    /// True for a zero-length span (a position).
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The span as a `Range`, for slicing the source.
    pub const fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Line and column of the span's start in `src`; see [`LineCol::of`].
    pub fn line_col(self, src: &str) -> LineCol {
        LineCol::of(src, self.start)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineCol {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

impl LineCol {
    /// The line and column of byte `offset` in `src`.
    ///
    /// An offset past the end, or inside a multi-byte character, is clamped to the
    /// nearest character boundary at or before it.
    ///
    /// # Examples
    /// ```
    /// use anyon_lang::syntax::LineCol;
    /// let src = "a = 1\nβ + 2";
    /// assert_eq!(LineCol::of(src, 0), LineCol { line: 1, column: 1 });
    /// // `+` is byte 9 (β takes two bytes) but character column 3 of line 2.
    /// assert_eq!(LineCol::of(src, 9), LineCol { line: 2, column: 3 });
    /// ```
    pub fn of(src: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(src, offset);
        let before = &src[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        LineCol {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// The largest character boundary of `src` at or before `offset`.
pub(crate) fn floor_char_boundary(src: &str, offset: usize) -> usize {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
