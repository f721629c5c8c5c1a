//! The condition of an optional parameter: `flags.3` in `name:flags.3?Type`.

use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;

use crate::errors::{ParseError, ParseErrorKind};
use crate::lexer::{canonical_decimal, Cursor};

/// The highest bit a condition may test: `#` fields are 32-bit naturals.
pub const MAX_FLAG_INDEX: u32 = 31;

/// "Present if bit `index` of the `#` field `name` is set".
///
/// Any `#` field can be named (`flags`, `flags2`, …); the parser checks that it is an
/// earlier `#` field of the same definition.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Flag {
    pub name: CompactString,
    pub index: u32,
}

impl Flag {
    /// Parses `name.N` (the `?` that follows belongs to the parameter).
    pub(crate) fn parse(cur: &mut Cursor<'_>) -> Result<Self, ParseError> {
        let Some(name) = cur.ident() else {
            return Err(cur.error(ParseErrorKind::BadFlag, "the name of a `#` field"));
        };
        if !cur.eat(b'.') {
            return Err(cur.error(ParseErrorKind::BadFlag, "`.` and a bit index"));
        }
        Flag::parse_index(cur, name)
    }

    /// Parses the `N` of `name.N`, once the name and the dot have been read.
    pub(crate) fn parse_index(cur: &mut Cursor<'_>, name: &str) -> Result<Self, ParseError> {
        let start = cur.pos();
        let digits = cur.take_while(|b| b.is_ascii_alphanumeric());
        match canonical_decimal(digits) {
            Some(index) if index <= MAX_FLAG_INDEX => Ok(Flag {
                name: CompactString::from(name),
                index,
            }),
            _ => Err(cur.error_at(
                ParseErrorKind::BadFlag,
                cur.token_span(start),
                "a bit index from 0 to 31 without leading zeros",
            )),
        }
    }
}

impl FromStr for Flag {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut cur = Cursor::new(s);
        cur.skip_trivia();
        let flag = Flag::parse(&mut cur)?;
        cur.expect_end("a flag")?;
        Ok(flag)
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.name, self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(name: &str, index: u32) -> Flag {
        Flag {
            name: name.into(),
            index,
        }
    }

    #[test]
    fn parses_any_field_name() {
        assert_eq!("flags.0".parse(), Ok(flag("flags", 0)));
        assert_eq!("flags2.12".parse(), Ok(flag("flags2", 12)));
        assert_eq!(" flags.31 ".parse(), Ok(flag("flags", 31)));
    }

    #[test]
    fn rejects_bad_indices() {
        for bad in [
            "flags.32",
            "flags.",
            "flags.x",
            "flags.01",
            "flags.99999999999",
            "flags",
        ] {
            let err = bad.parse::<Flag>().unwrap_err();
            assert_eq!(err.kind, ParseErrorKind::BadFlag, "{bad}");
        }
        assert_eq!(
            ".3".parse::<Flag>().unwrap_err().kind,
            ParseErrorKind::BadFlag
        );
        let err = "flags.3?".parse::<Flag>().unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::TrailingInput);
    }

    #[test]
    fn error_points_at_the_index() {
        let err = "flags.40".parse::<Flag>().unwrap_err();
        assert_eq!((err.line, err.column, err.found.as_str()), (1, 7, "40"));
    }

    #[test]
    fn round_trips() {
        for f in [flag("flags", 0), flag("flags2", 31), flag("x_y", 7)] {
            assert_eq!(f.to_string().parse::<Flag>(), Ok(f));
        }
    }
}
