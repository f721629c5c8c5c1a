//! One argument of a definition: `id:long`, `flags:#`, `text:flags.3?string`, and the
//! anonymous `#` / `[ t ]` / `4*[ int ]` of the builtin `vector` and `int128` lines.

use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;

use crate::errors::{ParseError, ParseErrorKind};
use crate::flag::Flag;
use crate::lexer::{canonical_decimal, Cursor};
use crate::span::Span;
use crate::ty::Type;

/// The largest `N` accepted in `N*[ … ]`. Real schemas use 4 and 8 (`int128`,
/// `int256`); a codec may allocate `N` items, so absurd counts are refused here.
pub const MAX_MULTIPLICITY: u32 = 256;

#[derive(Clone, Debug)]
pub struct Parameter {
    /// `None` only for the anonymous `#` and `[ … ]` forms.
    pub name: Option<CompactString>,
    pub ty: ParameterType,
    /// Where the parameter was written; left out of equality like every span.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ParameterType {
    /// `#`: a 32-bit natural number; named ones (`flags`, `flags2`) hold the bits that
    /// conditional parameters test.
    Flags,
    /// `Type`, or `field.N?Type` when `flag` is set.
    Normal { ty: Type, flag: Option<Flag> },
    /// `[ t ]` (its count is the preceding `#`) or `N*[ t ]` (a fixed count).
    Repeated {
        multiplicity: Option<u32>,
        items: Vec<Type>,
    },
}

/// Spans are provenance, not content: a parameter equals its re-parsed printout.
impl PartialEq for Parameter {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.ty == other.ty
    }
}

impl Eq for Parameter {}

impl Parameter {
    /// The flag this parameter depends on, if it is conditional.
    pub fn flag(&self) -> Option<&Flag> {
        match &self.ty {
            ParameterType::Normal { flag, .. } => flag.as_ref(),
            _ => None,
        }
    }

    /// `name:flags.N?true`: carried entirely by the flag bit, absent from the wire and
    /// from constructor ids.
    pub fn is_flag_only(&self) -> bool {
        matches!(&self.ty, ParameterType::Normal { ty, flag: Some(_) } if ty.is_bare_true())
    }

    pub(crate) fn parse(cur: &mut Cursor<'_>) -> Result<Self, ParseError> {
        let start = cur.pos();
        let (name, ty) = match cur.peek() {
            Some(b'#') => {
                cur.bump();
                (None, ParameterType::Flags)
            }
            Some(b'[') => (None, parse_repeated(cur, None)?),
            Some(b) if b.is_ascii_digit() => {
                let digits = cur.take_while(|b| b.is_ascii_alphanumeric());
                match canonical_decimal(digits) {
                    Some(n @ 1..=MAX_MULTIPLICITY) if cur.eat(b'*') => {
                        (None, parse_repeated(cur, Some(n))?)
                    }
                    Some(1..=MAX_MULTIPLICITY) => {
                        return Err(
                            cur.error(ParseErrorKind::UnexpectedToken, "`*[` after the count")
                        )
                    }
                    _ => {
                        return Err(cur.error_at(
                            ParseErrorKind::BadMultiplicity,
                            cur.token_span(start),
                            "a count from 1 to 256 without leading zeros",
                        ))
                    }
                }
            }
            _ => {
                let Some(name) = cur.ident() else {
                    return Err(cur.error(
                        ParseErrorKind::UnexpectedToken,
                        "a parameter (`name:Type`) or `=`",
                    ));
                };
                if !cur.eat(b':') {
                    return Err(cur.error(
                        ParseErrorKind::UnexpectedToken,
                        "`:` after the parameter name",
                    ));
                }
                (Some(CompactString::from(name)), parse_named_type(cur)?)
            }
        };
        Ok(Parameter {
            name,
            ty,
            span: Span::new(start, cur.pos()),
        })
    }
}

/// What follows `name:` — `#`, `field.N?Type`, or `Type`.
fn parse_named_type(cur: &mut Cursor<'_>) -> Result<ParameterType, ParseError> {
    if cur.eat(b'#') {
        return Ok(ParameterType::Flags);
    }
    // `flags.0?` and `storage.FileType` both start with `ident.`; a digit after the
    // dot is what makes it a condition.
    let start = cur.pos();
    let flag = match cur.ident() {
        Some(field)
            if cur.peek() == Some(b'.') && cur.peek_at(1).is_some_and(|b| b.is_ascii_digit()) =>
        {
            cur.bump();
            let flag = Flag::parse_index(cur, field)?;
            if !cur.eat(b'?') {
                return Err(cur.error(ParseErrorKind::BadFlag, "`?` after the condition"));
            }
            Some(flag)
        }
        _ => {
            cur.reset(start);
            None
        }
    };
    Ok(ParameterType::Normal {
        ty: Type::parse(cur, 0)?,
        flag,
    })
}

/// `[ t … ]`, after the optional `N*` has been read.
fn parse_repeated(
    cur: &mut Cursor<'_>,
    multiplicity: Option<u32>,
) -> Result<ParameterType, ParseError> {
    let open = cur.pos();
    if !cur.eat(b'[') {
        return Err(cur.error(ParseErrorKind::UnexpectedToken, "`[`"));
    }
    let mut items = Vec::new();
    loop {
        cur.skip_trivia();
        match cur.peek() {
            Some(b']') => break,
            None => {
                return Err(cur.error_at(
                    ParseErrorKind::UnterminatedDefinition,
                    Span::new(open, open + 1),
                    "`]` closing this `[`",
                ))
            }
            Some(_) => items.push(Type::parse(cur, 0)?),
        }
    }
    if items.is_empty() {
        return Err(cur.error(ParseErrorKind::BadType, "a type inside `[ ]`"));
    }
    cur.bump();
    Ok(ParameterType::Repeated {
        multiplicity,
        items,
    })
}

impl FromStr for Parameter {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut cur = Cursor::new(s);
        cur.skip_trivia();
        let param = Parameter::parse(&mut cur)?;
        cur.expect_end("a parameter")?;
        Ok(param)
    }
}

impl fmt::Display for Parameter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(name) = &self.name {
            write!(f, "{name}:")?;
        }
        fmt::Display::fmt(&self.ty, f)
    }
}

impl fmt::Display for ParameterType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParameterType::Flags => f.write_str("#"),
            ParameterType::Normal { ty, flag } => {
                if let Some(flag) = flag {
                    write!(f, "{flag}?")?;
                }
                write!(f, "{ty}")
            }
            ParameterType::Repeated {
                multiplicity,
                items,
            } => {
                if let Some(n) = multiplicity {
                    write!(f, "{n}*")?;
                }
                f.write_str("[")?;
                for item in items {
                    write!(f, " {item}")?;
                }
                f.write_str(" ]")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Parameter {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn kind(s: &str) -> ParseErrorKind {
        s.parse::<Parameter>().unwrap_err().kind
    }

    #[test]
    fn named_forms() {
        let p = parse("id:long");
        assert_eq!(p.name.as_deref(), Some("id"));
        assert!(matches!(&p.ty, ParameterType::Normal { ty, flag: None } if ty.name == "long"));
        assert_eq!(p.span, Span::new(0, 7));
        assert_eq!(parse("flags2:#").ty, ParameterType::Flags);
        let p = parse("from_rank:flags2.12?string");
        assert_eq!(
            p.flag().map(|f| (f.name.as_str(), f.index)),
            Some(("flags2", 12))
        );
        assert!(!p.is_flag_only());
        assert!(parse("out:flags.1?true").is_flag_only());
        assert!(!parse("out:true").is_flag_only());
        let p = parse("type:storage.FileType");
        assert!(
            matches!(&p.ty, ParameterType::Normal { ty, flag: None } if ty.namespace == ["storage"])
        );
        assert!(parse("query:!X").flag().is_none());
    }

    #[test]
    fn anonymous_forms() {
        let p = parse("#");
        assert_eq!((p.name, p.ty), (None, ParameterType::Flags));
        let p = parse("[ t ]");
        assert!(
            matches!(&p.ty, ParameterType::Repeated { multiplicity: None, items } if items.len() == 1)
        );
        let p = parse("4*[ int ]");
        assert!(matches!(
            &p.ty,
            ParameterType::Repeated {
                multiplicity: Some(4),
                ..
            }
        ));
        let p = parse("[ a b.C ]");
        assert!(matches!(&p.ty, ParameterType::Repeated { items, .. } if items.len() == 2));
    }

    #[test]
    fn errors() {
        assert_eq!(kind("x"), ParseErrorKind::UnexpectedToken);
        assert_eq!(kind("x :int"), ParseErrorKind::UnexpectedToken);
        assert_eq!(kind("x:"), ParseErrorKind::BadType);
        assert_eq!(kind("x:flags.32?int"), ParseErrorKind::BadFlag);
        assert_eq!(kind("x:flags.3int"), ParseErrorKind::BadFlag);
        assert_eq!(kind("x:flags.3"), ParseErrorKind::BadFlag);
        assert_eq!(kind("x:flags.3?"), ParseErrorKind::BadType);
        assert_eq!(kind("0*[ int ]"), ParseErrorKind::BadMultiplicity);
        assert_eq!(kind("257*[ int ]"), ParseErrorKind::BadMultiplicity);
        assert_eq!(
            kind("99999999999999*[ int ]"),
            ParseErrorKind::BadMultiplicity
        );
        assert_eq!(kind("04*[ int ]"), ParseErrorKind::BadMultiplicity);
        assert_eq!(kind("4[ int ]"), ParseErrorKind::UnexpectedToken);
        assert_eq!(kind("[ ]"), ParseErrorKind::BadType);
        assert_eq!(kind("[ int"), ParseErrorKind::UnterminatedDefinition);
        assert_eq!(kind("x:[ int ]"), ParseErrorKind::BadType);
        assert_eq!(kind("x:int y:int"), ParseErrorKind::TrailingInput);
    }

    #[test]
    fn equality_ignores_spans() {
        let a = parse("id:long");
        let b = parse("   id:long");
        assert_ne!(a.span, b.span);
        assert_eq!(a, b);
        assert_ne!(a, parse("id:int"));
    }

    #[test]
    fn round_trips() {
        for s in [
            "id:long",
            "flags:#",
            "#",
            "x:flags2.31?Vector<%Message>",
            "[ t ]",
            "8*[ int ]",
            "q:!X",
        ] {
            let p = parse(s);
            assert_eq!(p.to_string(), s);
            assert_eq!(parse(&p.to_string()), p);
        }
    }
}
