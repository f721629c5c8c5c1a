//! The one error type of the crate: what went wrong, where, and what was expected.

use crate::span::{line_col, Span};

/// The longest `found` text kept, in characters: enough to recognise the spot, short
/// enough that a garbage line does not flood a terminal.
pub const MAX_FOUND_CHARS: usize = 40;

/// What `found` says when the text ended where something else was expected.
pub const END_OF_INPUT: &str = "end of input";

/// Why parsing stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// A character that cannot start or continue anything at this point.
    UnexpectedToken,
    /// The text ended inside a definition (before its `;`).
    UnterminatedDefinition,
    /// A missing or malformed identifier.
    BadName,
    /// `#` not followed by 1 to 8 hexadecimal digits.
    BadId,
    /// A malformed `field.N?` condition, or a bit index above 31.
    BadFlag,
    /// A malformed type (`Vector<` without `>`, an empty name, …).
    BadType,
    /// Types nested deeper than [`crate::MAX_TYPE_DEPTH`].
    TooDeep,
    /// More parameters in one definition than [`crate::MAX_PARAMETERS`].
    TooManyParameters,
    /// The `N` of `N*[ … ]` is zero, not a number, or above [`crate::MAX_MULTIPLICITY`].
    BadMultiplicity,
    /// A condition names a field that is not an earlier `#` field of the definition.
    UnknownFlagField,
    /// `!X` names no generic declared by `{X:Type}`.
    UnknownGeneric,
    /// `{X:…}` declares a generic with a kind other than `Type`.
    BadGeneric,
    /// A `---name---` marker other than `---types---` and `---functions---`.
    UnknownSection,
    /// A layer comment whose number does not fit in 32 bits.
    BadLayer,
    /// Two layer comments in one file that disagree.
    ConflictingLayer,
    /// Text after the single item that `FromStr` was asked to parse.
    TrailingInput,
}

/// A parse failure with its position in the source.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: expected {expected}, found `{found}`")]
pub struct ParseError {
    pub kind: ParseErrorKind,
    /// 1-based line of `span.start`.
    pub line: usize,
    /// 1-based column of `span.start`, in characters.
    pub column: usize,
    /// The offending text, cut to [`MAX_FOUND_CHARS`] characters, or [`END_OF_INPUT`].
    pub found: String,
    /// What would have been accepted at this point.
    pub expected: String,
    pub span: Span,
}

impl ParseError {
    /// Builds an error about `span` of `source`; line, column and `found` come from there.
    pub(crate) fn new(
        source: &str,
        kind: ParseErrorKind,
        span: Span,
        expected: impl Into<String>,
    ) -> Self {
        let pos = line_col(source, span.start);
        Self {
            kind,
            line: pos.line,
            column: pos.column,
            found: found_text(source, span),
            expected: expected.into(),
            span,
        }
    }
}

fn found_text(source: &str, span: Span) -> String {
    let bytes = source.as_bytes();
    let start = span.start.min(bytes.len());
    if start == bytes.len() {
        return END_OF_INPUT.to_owned();
    }
    // An empty span still shows the character it points at.
    let end = span.end.clamp(start + 1, bytes.len());
    let text = String::from_utf8_lossy(bytes.get(start..end).unwrap_or_default());
    let mut found: String = text
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .take(MAX_FOUND_CHARS)
        .collect();
    if found.is_empty() {
        // The span starts on a line break: name it rather than print nothing.
        found.push_str(if text.starts_with('\r') { "\\r" } else { "\\n" });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_position_expectation_and_found_text() {
        let src = "a = B;\nfoo#xyz = C;";
        let err = ParseError::new(src, ParseErrorKind::BadId, Span::new(11, 14), "hex digits");
        assert_eq!(err.to_string(), "2:5: expected hex digits, found `xyz`");
        assert_eq!((err.line, err.column), (2, 5));
    }

    #[test]
    fn found_is_truncated_and_stops_at_line_end() {
        let long = "x".repeat(500);
        let err = ParseError::new(&long, ParseErrorKind::BadName, Span::new(0, 500), "a name");
        assert_eq!(err.found.chars().count(), MAX_FOUND_CHARS);
        let err = ParseError::new("ab\ncd", ParseErrorKind::BadName, Span::new(0, 5), "x");
        assert_eq!(err.found, "ab");
    }

    #[test]
    fn found_at_end_of_input_and_on_line_breaks() {
        let err = ParseError::new(
            "ab",
            ParseErrorKind::UnterminatedDefinition,
            Span::new(2, 2),
            "`;`",
        );
        assert_eq!(err.found, END_OF_INPUT);
        let err = ParseError::new(
            "a\nb",
            ParseErrorKind::UnexpectedToken,
            Span::new(1, 1),
            "x",
        );
        assert_eq!(err.found, "\\n");
    }

    #[test]
    fn spans_inside_a_character_do_not_panic() {
        let err = ParseError::new("çç", ParseErrorKind::UnexpectedToken, Span::new(1, 3), "x");
        assert!(!err.found.is_empty());
        assert_eq!(err.line, 1);
    }
}
