//! Generic (optional) arguments: the `{X:Type}` of
//! `invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;`.

use std::fmt;

use compact_str::CompactString;

use crate::errors::{ParseError, ParseErrorKind};
use crate::lexer::Cursor;

/// A type variable declared by `{name:Type}` and used as `!name` or as the result.
///
/// TL also allows `{n:#}` (a natural-number variable); no Telegram schema uses it, so
/// it is refused rather than half supported.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Generic {
    pub name: CompactString,
}

impl Generic {
    /// Parses `{name:Type}`, written without inner spaces as in every real schema.
    pub(crate) fn parse(cur: &mut Cursor<'_>) -> Result<Self, ParseError> {
        if !cur.eat(b'{') {
            return Err(cur.error(ParseErrorKind::UnexpectedToken, "`{`"));
        }
        let Some(name) = cur.ident() else {
            return Err(cur.error(ParseErrorKind::BadName, "a generic name after `{`"));
        };
        if !cur.eat(b':') {
            return Err(cur.error(
                ParseErrorKind::UnexpectedToken,
                "`:` after the generic name",
            ));
        }
        let kind_start = cur.pos();
        if cur.ident() != Some("Type") {
            let span = cur.token_span(kind_start);
            return Err(cur.error_at(ParseErrorKind::BadGeneric, span, "`Type`"));
        }
        if !cur.eat(b'}') {
            return Err(cur.error(ParseErrorKind::UnexpectedToken, "`}`"));
        }
        Ok(Generic {
            name: CompactString::from(name),
        })
    }
}

impl fmt::Display for Generic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{{}:Type}}", self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Generic, ParseError> {
        Generic::parse(&mut Cursor::new(s))
    }

    #[test]
    fn parses_and_prints() {
        let g = parse("{X:Type}").unwrap();
        assert_eq!(g.name, "X");
        assert_eq!(g.to_string(), "{X:Type}");
        assert_eq!(parse(&g.to_string()), Ok(g));
    }

    #[test]
    fn rejects_other_kinds_and_shapes() {
        assert_eq!(parse("{n:#}").unwrap_err().kind, ParseErrorKind::BadGeneric);
        assert_eq!(
            parse("{X:Typo}").unwrap_err().kind,
            ParseErrorKind::BadGeneric
        );
        assert_eq!(
            parse("{X:Type").unwrap_err().kind,
            ParseErrorKind::UnexpectedToken
        );
        assert_eq!(parse("{:Type}").unwrap_err().kind, ParseErrorKind::BadName);
        assert_eq!(
            parse("{X Type}").unwrap_err().kind,
            ParseErrorKind::UnexpectedToken
        );
    }
}
