//! A position in the source text plus the few primitive scans the parsers need.

use compact_str::CompactString;

use super::{is_ident_continue, is_ident_start};
use crate::errors::{ParseError, ParseErrorKind};
use crate::layer::{layer_in_comment, LayerComment, LayerTracker};
use crate::span::Span;

pub(crate) struct Cursor<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// Layer comments seen while skipping trivia; only schemas read it, but it is cheap
    /// enough (one byte compare per comment) to keep unconditionally.
    pub(crate) layers: LayerTracker,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Self {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            layers: LayerTracker::default(),
        }
    }

    pub(crate) fn source(&self) -> &'a str {
        self.src
    }

    pub(crate) fn pos(&self) -> usize {
        self.pos
    }

    /// Moves back to a position obtained from [`Cursor::pos`] (used for one-token
    /// look-ahead, e.g. telling `flags.0?` from `storage.FileType`).
    pub(crate) fn reset(&mut self, pos: usize) {
        self.pos = pos.min(self.bytes.len());
    }

    pub(crate) fn is_eof(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(crate) fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos.saturating_add(ahead)).copied()
    }

    pub(crate) fn starts_with(&self, prefix: &[u8]) -> bool {
        self.bytes
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(prefix))
    }

    /// Steps over one byte; only called after `peek` saw an ASCII byte, so the
    /// position always stays on a character boundary.
    pub(crate) fn bump(&mut self) {
        if self.pos < self.bytes.len() {
            self.pos += 1;
        }
    }

    pub(crate) fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Skips whitespace and `//` comments (to the end of their line), noting layer
    /// comments on the way.
    pub(crate) fn skip_trivia(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            if b.is_ascii_whitespace() {
                self.pos += 1;
            } else if b == b'/' && self.peek_at(1) == Some(b'/') {
                let body_start = self.pos + 2;
                let rest = self.bytes.get(body_start..).unwrap_or_default();
                let body_len = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
                let body_end = body_start + body_len;
                match layer_in_comment(rest.get(..body_len).unwrap_or_default()) {
                    LayerComment::NotLayer => {}
                    found => {
                        let span = Span::new(self.pos, body_end);
                        self.layers.record(self.src, found, span);
                    }
                }
                self.pos = body_end;
            } else {
                break;
            }
        }
    }

    /// An identifier (`[A-Za-z_][A-Za-z0-9_]*`) starting here, or `None` without moving.
    pub(crate) fn ident(&mut self) -> Option<&'a str> {
        let start = self.pos;
        if !self.peek().is_some_and(is_ident_start) {
            return None;
        }
        self.pos += 1 + self.run_length(is_ident_continue, 1);
        self.src.get(start..self.pos)
    }

    /// How many bytes from `pos + skip` on satisfy `pred` (an iterator count, which
    /// compiles to a tighter loop than repeated `peek`s).
    fn run_length(&self, pred: impl Fn(u8) -> bool, skip: usize) -> usize {
        self.bytes
            .get(self.pos.saturating_add(skip)..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| pred(b))
            .count()
    }

    /// A dotted name (`messages.sendVote`): namespaces and the last identifier, or
    /// `None` without moving. A `.` not followed by an identifier is left in place so
    /// that the caller can decide what it means (`flags.0` is a condition).
    pub(crate) fn qualified_name(&mut self) -> Option<(Vec<CompactString>, CompactString)> {
        let mut name = self.ident()?;
        let mut namespace = Vec::new();
        while self.peek() == Some(b'.') && self.peek_at(1).is_some_and(is_ident_start) {
            self.pos += 1;
            namespace.push(CompactString::from(name));
            name = self.ident()?;
        }
        Some((namespace, CompactString::from(name)))
    }

    /// The run of bytes satisfying `pred` starting here (possibly empty). `pred` must
    /// accept ASCII bytes only, which keeps the slice on character boundaries.
    pub(crate) fn take_while(&mut self, pred: impl Fn(u8) -> bool) -> &'a str {
        let start = self.pos;
        self.pos += self.run_length(pred, 0);
        self.src.get(start..self.pos).unwrap_or_default()
    }

    /// The extent of the "word" at `pos`, used to show what was found in errors:
    /// an identifier or number, or else a single character.
    pub(crate) fn token_span(&self, pos: usize) -> Span {
        let Some(&first) = self.bytes.get(pos) else {
            return Span::new(pos, pos);
        };
        let mut end = pos + 1;
        if is_ident_continue(first) {
            while self.bytes.get(end).copied().is_some_and(is_ident_continue) {
                end += 1;
            }
        } else {
            // Keep a multi-byte character whole.
            while end < self.bytes.len() && !self.src.is_char_boundary(end) {
                end += 1;
            }
        }
        Span::new(pos, end)
    }

    /// An error about the token at the current position.
    pub(crate) fn error(&self, kind: ParseErrorKind, expected: impl Into<String>) -> ParseError {
        self.error_at(kind, self.token_span(self.pos), expected)
    }

    pub(crate) fn error_at(
        &self,
        kind: ParseErrorKind,
        span: Span,
        expected: impl Into<String>,
    ) -> ParseError {
        ParseError::new(self.src, kind, span, expected)
    }

    /// Fails with [`ParseErrorKind::TrailingInput`] unless only trivia is left; the
    /// last step of every `FromStr`.
    pub(crate) fn expect_end(&mut self, what: &str) -> Result<(), ParseError> {
        self.skip_trivia();
        if self.is_eof() {
            Ok(())
        } else {
            let span = Span::new(self.pos, self.bytes.len());
            Err(self.error_at(
                ParseErrorKind::TrailingInput,
                span,
                format!("end of input after {what}"),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trivia_skips_whitespace_and_comments() {
        let mut cur = Cursor::new("  // one\n\t//two\r\n  x // three");
        cur.skip_trivia();
        assert_eq!(cur.peek(), Some(b'x'));
        cur.bump();
        cur.skip_trivia();
        assert!(cur.is_eof());
    }

    #[test]
    fn a_single_slash_is_not_trivia() {
        let mut cur = Cursor::new(" /x");
        cur.skip_trivia();
        assert_eq!(cur.peek(), Some(b'/'));
    }

    #[test]
    fn identifiers_and_runs() {
        let mut cur = Cursor::new("p_q_inner_data#83c95aec");
        assert_eq!(cur.ident(), Some("p_q_inner_data"));
        assert!(cur.eat(b'#'));
        assert_eq!(cur.take_while(|b| b.is_ascii_hexdigit()), "83c95aec");
        assert!(cur.is_eof());
        let mut cur = Cursor::new("9abc");
        assert_eq!(cur.ident(), None);
        assert_eq!(cur.pos(), 0);
    }

    #[test]
    fn qualified_names() {
        let mut cur = Cursor::new("a.b.Cd<");
        let (ns, name) = cur.qualified_name().unwrap();
        assert_eq!(
            (ns.as_slice(), name.as_str()),
            (&["a".into(), "b".into()][..], "Cd")
        );
        assert_eq!(cur.peek(), Some(b'<'));
        let mut cur = Cursor::new("flags.0?");
        let (ns, name) = cur.qualified_name().unwrap();
        assert!(ns.is_empty() && name == "flags");
        assert_eq!(cur.peek(), Some(b'.'));
    }

    #[test]
    fn token_spans_keep_characters_whole() {
        let cur = Cursor::new("aé b12");
        assert_eq!(cur.token_span(0), Span::new(0, 1));
        assert_eq!(cur.token_span(1), Span::new(1, 3));
        assert_eq!(cur.token_span(4), Span::new(4, 7));
        assert_eq!(cur.token_span(7), Span::new(7, 7));
    }

    #[test]
    fn trailing_input_is_reported() {
        let mut cur = Cursor::new("a // c\n b");
        assert_eq!(cur.ident(), Some("a"));
        let err = cur.expect_end("a name").unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::TrailingInput);
        assert_eq!((err.line, err.column), (2, 2));
    }
}
