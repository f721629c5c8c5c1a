//! Type references: `int`, `messages.Messages`, `Vector<long>`, `%Message`, `!X`.

use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;

use crate::errors::{ParseError, ParseErrorKind};
use crate::lexer::{is_ident_start, Cursor};

/// How deeply type arguments may nest (`Vector<Vector<…>>`). Real schemas use 2; the
/// limit keeps hostile input from overflowing the stack of the recursive parser.
pub const MAX_TYPE_DEPTH: usize = 16;

/// A reference to a type, as written after `name:` or `=`.
///
/// Invariants kept by the parser (and needed for printing to round-trip): a
/// `generic_ref` has no namespace, no `%` and no argument.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Type {
    pub namespace: Vec<CompactString>,
    pub name: CompactString,
    /// Written with a leading `%`, which makes a boxed name bare (`vector<%Message>`).
    /// Kept apart from [`Type::is_bare`] so that printing reproduces what was read.
    pub bare_marker: bool,
    /// `!X`: the value of the generic `X` declared by `{X:Type}`, sent as-is.
    pub generic_ref: bool,
    /// The argument of `Vector<T>` (or of `Vector t` in a result).
    pub generic_arg: Option<Box<Type>>,
}

impl Type {
    /// Whether values of this type are serialized without a constructor id: marked
    /// with `%`, or named in lower case (`int`, `vector`, `future_salt`).
    pub fn is_bare(&self) -> bool {
        self.bare_marker || self.name.starts_with(|c: char| c.is_ascii_lowercase())
    }

    /// `namespace.name`, without `%`, `!` or arguments.
    pub fn full_name(&self) -> String {
        let mut out = String::new();
        for ns in &self.namespace {
            out.push_str(ns);
            out.push('.');
        }
        out.push_str(&self.name);
        out
    }

    /// The `true` of `name:flags.N?true`: a flag whose bit is the whole value. Such
    /// fields take no space on the wire and are left out of constructor ids.
    pub fn is_bare_true(&self) -> bool {
        self.name == "true"
            && self.namespace.is_empty()
            && !self.bare_marker
            && !self.generic_ref
            && self.generic_arg.is_none()
    }

    /// Parses one type reference with `<…>` arguments; `depth` counts the enclosing
    /// arguments.
    pub(crate) fn parse(cur: &mut Cursor<'_>, depth: usize) -> Result<Self, ParseError> {
        if cur.eat(b'!') {
            let Some(name) = cur.ident() else {
                return Err(cur.error(ParseErrorKind::BadType, "a generic name after `!`"));
            };
            return Ok(Type {
                namespace: Vec::new(),
                name: CompactString::from(name),
                bare_marker: false,
                generic_ref: true,
                generic_arg: None,
            });
        }
        let bare_marker = cur.eat(b'%');
        let Some((namespace, name)) = cur.qualified_name() else {
            return Err(cur.error(ParseErrorKind::BadType, "a type name"));
        };
        let generic_arg = if cur.peek() == Some(b'<') {
            let open = cur.pos();
            if depth >= MAX_TYPE_DEPTH {
                return Err(cur.error(ParseErrorKind::TooDeep, "at most 16 nested type arguments"));
            }
            cur.bump();
            let arg = Type::parse(cur, depth + 1)?;
            if !cur.eat(b'>') {
                let err = cur.error(ParseErrorKind::BadType, "`>` closing the `<`");
                // Point at what was found, but say which `<` is unclosed in `expected`.
                let at = crate::span::line_col(cur.source(), open);
                return Err(ParseError {
                    expected: format!("`>` closing the `<` at {at}"),
                    ..err
                });
            }
            Some(Box::new(arg))
        } else {
            None
        };
        Ok(Type {
            namespace,
            name,
            bare_marker,
            generic_arg,
            generic_ref: false,
        })
    }

    /// Parses the result type after `=`, which may also take its argument after a
    /// space: `= Vector t` in the builtin `vector` definition.
    pub(crate) fn parse_result(cur: &mut Cursor<'_>) -> Result<Self, ParseError> {
        let mut ty = Type::parse(cur, 0)?;
        if ty.generic_arg.is_none() && !ty.generic_ref {
            let before = cur.pos();
            cur.skip_trivia();
            match cur.peek() {
                Some(b) if is_ident_start(b) || b == b'%' || b == b'!' => {
                    ty.generic_arg = Some(Box::new(Type::parse(cur, 1)?));
                }
                _ => cur.reset(before),
            }
        }
        Ok(ty)
    }
}

impl FromStr for Type {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut cur = Cursor::new(s);
        cur.skip_trivia();
        let ty = Type::parse(&mut cur, 0)?;
        cur.expect_end("a type")?;
        Ok(ty)
    }
}

/// Prints the generic form `Vector<T>` everywhere, results included; the parser reads
/// `Vector t` and `Vector<t>` in a result as the same type.
impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.generic_ref {
            f.write_str("!")?;
        } else if self.bare_marker {
            f.write_str("%")?;
        }
        for ns in &self.namespace {
            f.write_str(ns)?;
            f.write_str(".")?;
        }
        f.write_str(&self.name)?;
        if let Some(arg) = &self.generic_arg {
            write!(f, "<{arg}>")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Type {
        Type {
            namespace: Vec::new(),
            name: name.into(),
            bare_marker: false,
            generic_ref: false,
            generic_arg: None,
        }
    }

    fn vector_of(inner: Type) -> Type {
        Type {
            generic_arg: Some(Box::new(inner)),
            ..named("Vector")
        }
    }

    #[test]
    fn parses_plain_namespaced_and_generic_types() {
        assert_eq!("int".parse(), Ok(named("int")));
        let t: Type = "storage.FileType".parse().unwrap();
        assert_eq!(t.namespace, ["storage"]);
        assert_eq!(t.name, "FileType");
        assert_eq!(t.full_name(), "storage.FileType");
        assert_eq!("Vector<long>".parse(), Ok(vector_of(named("long"))));
        assert_eq!(
            "Vector<Vector<TlsBlock>>".parse(),
            Ok(vector_of(vector_of(named("TlsBlock"))))
        );
    }

    #[test]
    fn bare_marker_and_generic_reference() {
        let t: Type = "vector<%Message>".parse().unwrap();
        let inner = t.generic_arg.as_deref().unwrap();
        assert!(inner.bare_marker && inner.is_bare());
        assert!(t.is_bare());
        assert!(!named("Message").is_bare());
        let g: Type = "!X".parse().unwrap();
        assert!(g.generic_ref && g.name == "X");
    }

    #[test]
    fn bare_true_is_only_plain_true() {
        assert!(named("true").is_bare_true());
        assert!(!"%true".parse::<Type>().unwrap().is_bare_true());
        assert!(!"True".parse::<Type>().unwrap().is_bare_true());
        assert!(!"ns.true".parse::<Type>().unwrap().is_bare_true());
    }

    #[test]
    fn errors() {
        let kind = |s: &str| s.parse::<Type>().unwrap_err().kind;
        assert_eq!(kind(""), ParseErrorKind::BadType);
        assert_eq!(kind("Vector<int"), ParseErrorKind::BadType);
        assert_eq!(kind("Vector<>"), ParseErrorKind::BadType);
        assert_eq!(kind("!"), ParseErrorKind::BadType);
        assert_eq!(kind("!X<int>"), ParseErrorKind::TrailingInput);
        assert_eq!(kind("Vector t"), ParseErrorKind::TrailingInput);
        assert_eq!(kind("a."), ParseErrorKind::TrailingInput);
        let err = "Vector<int".parse::<Type>().unwrap_err();
        assert!(err.expected.contains("1:7"), "{}", err.expected);
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!(
            "{}int{}",
            "V<".repeat(MAX_TYPE_DEPTH),
            ">".repeat(MAX_TYPE_DEPTH)
        );
        assert!(ok.parse::<Type>().is_ok());
        let deep = format!(
            "{}int{}",
            "V<".repeat(MAX_TYPE_DEPTH + 1),
            ">".repeat(MAX_TYPE_DEPTH + 1)
        );
        assert_eq!(
            deep.parse::<Type>().unwrap_err().kind,
            ParseErrorKind::TooDeep
        );
        let huge = "V<".repeat(1_000_000);
        assert_eq!(
            huge.parse::<Type>().unwrap_err().kind,
            ParseErrorKind::TooDeep
        );
    }

    #[test]
    fn result_types_take_an_argument_after_a_space() {
        let mut cur = Cursor::new("Vector t;");
        assert_eq!(Type::parse_result(&mut cur), Ok(vector_of(named("t"))));
        assert_eq!(cur.peek(), Some(b';'));
        let mut cur = Cursor::new("Int ;");
        assert_eq!(Type::parse_result(&mut cur), Ok(named("Int")));
        // The space before `;` is left for the caller's own trivia skipping.
        assert_eq!(cur.peek(), Some(b' '));
    }

    #[test]
    fn round_trips() {
        for s in [
            "int",
            "%Message",
            "!X",
            "Vector<%Message>",
            "a.b.C<d.E<f>>",
            "messages.Chats",
        ] {
            let t: Type = s.parse().unwrap();
            assert_eq!(t.to_string(), s);
            assert_eq!(t.to_string().parse::<Type>(), Ok(t));
        }
    }
}
