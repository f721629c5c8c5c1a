//! Byte ranges in the source text, and turning them into `line:column`.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `start..end` in the text a value was parsed from.
///
/// Spans are provenance, not content: the types that carry one leave it out of their
/// equality, so that a definition read from two places (or re-read from its printed
/// form) compares equal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The spanned text, or `None` if the span does not fit `source` (e.g. it came
    /// from another file) or cuts a character in two.
    pub fn text(self, source: &str) -> Option<&str> {
        source.get(self.range())
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Self::new(r.start, r.end)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column; the column counts characters, not bytes, because that
/// is what editors and terminals show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Answers many `offset → line:column` questions about one text in `O(log lines)` each.
///
/// Built once per file by callers that report many positions (the CLI prints
/// `file:line:col` for every mismatch); a single error uses [`line_col`] instead.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset at which each line starts; the first is always 0.
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Self {
            source,
            line_starts,
        }
    }

    /// Position of byte `offset`; offsets past the end are clamped to the end.
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.source.len());
        // Number of line starts <= offset; at least 1 because the first start is 0.
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self
            .line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(0);
        LineCol {
            line: line.max(1),
            column: count_chars(self.source.as_bytes(), start, offset) + 1,
        }
    }

    pub fn span_start(&self, span: Span) -> LineCol {
        self.line_col(span.start)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Position of byte `offset` in `source` by a linear scan; for one-off use (errors).
pub fn line_col(source: &str, offset: usize) -> LineCol {
    let bytes = source.as_bytes();
    let offset = offset.min(bytes.len());
    let before = bytes.get(..offset).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    LineCol {
        line,
        column: count_chars(bytes, start, offset) + 1,
    }
}

/// Characters in `bytes[start..end]`, counted as bytes that do not continue a UTF-8
/// sequence, so that an offset inside a character cannot make this panic.
fn count_chars(bytes: &[u8], start: usize, end: usize) -> usize {
    bytes
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_and_linear_scan_agree() {
        let src = "ab\nçd = E;\n\nx";
        let index = LineIndex::new(src);
        for offset in 0..=src.len() + 2 {
            assert_eq!(
                index.line_col(offset),
                line_col(src, offset),
                "offset {offset}"
            );
        }
        assert_eq!(index.line_count(), 4);
    }

    #[test]
    fn columns_count_characters() {
        let src = "ab\nçd = E;";
        // 'd' is byte 5 (ç takes two bytes) but the second character of line 2.
        assert_eq!(line_col(src, 5), LineCol { line: 2, column: 2 });
        assert_eq!(line_col(src, 0), LineCol { line: 1, column: 1 });
        assert_eq!(line_col(src, 3), LineCol { line: 2, column: 1 });
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let src = "a\nbc";
        assert_eq!(line_col(src, 99), LineCol { line: 2, column: 3 });
        assert_eq!(
            LineIndex::new(src).line_col(99),
            LineCol { line: 2, column: 3 }
        );
    }

    #[test]
    fn span_text_rejects_out_of_range_and_split_characters() {
        let src = "çx";
        assert_eq!(Span::new(0, 2).text(src), Some("ç"));
        assert_eq!(Span::new(1, 2).text(src), None);
        assert_eq!(Span::new(0, 9).text(src), None);
        assert_eq!(Span::new(2, 3).len(), 1);
        assert!(Span::new(3, 2).is_empty());
    }
}
