//! The API layer a schema file declares in a comment.
//!
//! tdesktop, Telethon, grammers and Pyrogram end (or start) their files with
//! `// LAYER 230`; gotd's generated copy starts with a header line `// Layer:  228` and
//! also keeps tdesktop's closing line. A comment counts only if it is nothing but that
//! declaration, so prose such as `// layer 3 of the protocol stack` is not mistaken
//! for one.

use crate::errors::{ParseError, ParseErrorKind};
use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LayerComment {
    NotLayer,
    Layer(u32),
    /// Shaped like a declaration but the number does not fit in `u32`.
    Overflow,
}

/// Classifies the text of one comment (the bytes after `//`, without the newline).
pub(crate) fn layer_in_comment(body: &[u8]) -> LayerComment {
    let body = body.trim_ascii();
    let Some((word, rest)) = body.split_at_checked(5) else {
        return LayerComment::NotLayer;
    };
    if !word.eq_ignore_ascii_case(b"layer") {
        return LayerComment::NotLayer;
    }
    let rest = rest.trim_ascii_start();
    let digits = rest.strip_prefix(b":").unwrap_or(rest).trim_ascii_start();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return LayerComment::NotLayer;
    }
    let mut value: u32 = 0;
    for &d in digits {
        match value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u32::from(d - b'0')))
        {
            Some(v) => value = v,
            None => return LayerComment::Overflow,
        }
    }
    LayerComment::Layer(value)
}

/// Collects the layer comments of one file. Several are fine if they agree (gotd has
/// two); the first problem is kept and reported when the file is done.
#[derive(Debug, Default)]
pub(crate) struct LayerTracker {
    layer: Option<u32>,
    error: Option<ParseError>,
}

impl LayerTracker {
    pub(crate) fn record(&mut self, source: &str, comment: LayerComment, span: Span) {
        if self.error.is_some() {
            return;
        }
        match comment {
            LayerComment::NotLayer => {}
            LayerComment::Overflow => {
                self.error = Some(ParseError::new(
                    source,
                    ParseErrorKind::BadLayer,
                    span,
                    "a layer number that fits in 32 bits",
                ));
            }
            LayerComment::Layer(n) => match self.layer {
                Some(seen) if seen != n => {
                    self.error = Some(ParseError::new(
                        source,
                        ParseErrorKind::ConflictingLayer,
                        span,
                        format!("layer {seen}, as declared earlier in the file"),
                    ));
                }
                _ => self.layer = Some(n),
            },
        }
    }

    pub(crate) fn finish(self) -> Result<Option<u32>, ParseError> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.layer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LayerComment::*;

    #[test]
    fn recognises_both_spellings() {
        assert_eq!(layer_in_comment(b" LAYER 230"), Layer(230));
        assert_eq!(layer_in_comment(b" Layer:  228"), Layer(228));
        assert_eq!(layer_in_comment(b"layer:7 \r"), Layer(7));
        assert_eq!(layer_in_comment(b"LAYER158"), Layer(158));
    }

    #[test]
    fn ignores_prose_and_empty_numbers() {
        assert_eq!(layer_in_comment(b" layer 3 of the stack"), NotLayer);
        assert_eq!(layer_in_comment(b" LAYER"), NotLayer);
        assert_eq!(layer_in_comment(b" Layer: x"), NotLayer);
        assert_eq!(layer_in_comment(b" players 3"), NotLayer);
        assert_eq!(layer_in_comment(b""), NotLayer);
    }

    #[test]
    fn overflow_is_flagged() {
        assert_eq!(layer_in_comment(b" LAYER 4294967295"), Layer(u32::MAX));
        assert_eq!(layer_in_comment(b" LAYER 4294967296"), Overflow);
    }

    #[test]
    fn tracker_accepts_agreement_and_rejects_conflict() {
        let src = "// Layer: 228\n// LAYER 228\n// LAYER 229";
        let mut t = LayerTracker::default();
        t.record(src, Layer(228), Span::new(0, 13));
        t.record(src, Layer(228), Span::new(14, 26));
        let mut agreeing = LayerTracker::default();
        agreeing.record(src, Layer(228), Span::new(0, 13));
        assert_eq!(agreeing.finish(), Ok(Some(228)));
        t.record(src, Layer(229), Span::new(27, 39));
        let err = t.finish().unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::ConflictingLayer);
        assert_eq!(err.line, 3);
    }

    #[test]
    fn tracker_reports_overflow() {
        let mut t = LayerTracker::default();
        t.record("// LAYER 99999999999", Overflow, Span::new(0, 20));
        assert_eq!(t.finish().unwrap_err().kind, ParseErrorKind::BadLayer);
    }
}
