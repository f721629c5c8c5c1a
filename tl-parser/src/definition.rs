//! One combinator: `name#id {X:Type} params… = Result;`.

use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;

use crate::category::Category;
use crate::errors::{ParseError, ParseErrorKind};
use crate::generic::Generic;
use crate::id;
use crate::lexer::Cursor;
use crate::parameter::{Parameter, ParameterType};
use crate::span::Span;
use crate::ty::Type;

/// The most parameters one definition may have. The largest real one
/// (`channelFull`) has 70; the bound keeps the per-parameter reference check, which
/// looks back over earlier parameters and the generics, from turning quadratic on
/// hostile input. `{X:Type}` declarations count towards it.
pub const MAX_PARAMETERS: usize = 256;

#[derive(Clone, Debug)]
pub struct Definition {
    /// `["messages"]` for `messages.sendVote`; empty for most names.
    pub namespace: Vec<CompactString>,
    pub name: CompactString,
    /// The `#hex` id as written, if any.
    pub id: Option<u32>,
    /// The `{X:Type}` declarations, which come before the parameters.
    pub generics: Vec<Generic>,
    pub params: Vec<Parameter>,
    /// `int ? = Int;`: a builtin whose values the TL text does not describe. Builtins
    /// have no parameters or generics.
    pub builtin: bool,
    pub result: Type,
    pub category: Category,
    /// From the first byte of the name to the `;`, in the parsed text.
    pub span: Span,
}

/// Spans are provenance, not content: the same definition read from two files, or
/// re-read from its printed form, is the same definition.
impl PartialEq for Definition {
    fn eq(&self, other: &Self) -> bool {
        self.namespace == other.namespace
            && self.name == other.name
            && self.id == other.id
            && self.generics == other.generics
            && self.params == other.params
            && self.builtin == other.builtin
            && self.result == other.result
            && self.category == other.category
    }
}

impl Eq for Definition {}

impl Definition {
    /// `namespace.name`, e.g. `messages.sendBotRequestedPeer`.
    pub fn full_name(&self) -> String {
        let mut out = String::with_capacity(self.name.len() + 16);
        for ns in &self.namespace {
            out.push_str(ns);
            out.push('.');
        }
        out.push_str(&self.name);
        out
    }

    /// The CRC32 of the normalized line (rules in [`crate::id`]), whatever `id` says.
    pub fn computed_id(&self) -> u32 {
        id::computed_id(self)
    }

    /// The id to use on the wire: the explicit one if written, else the computed one.
    pub fn effective_id(&self) -> u32 {
        self.id.unwrap_or_else(|| self.computed_id())
    }

    /// The normalized line whose CRC32 is [`Definition::computed_id`].
    pub fn normalized_line(&self) -> String {
        id::normalized(self)
    }

    /// Parses one definition, up to and including its `;`, in section `category`.
    pub(crate) fn parse(cur: &mut Cursor<'_>, category: Category) -> Result<Self, ParseError> {
        let start = cur.pos();
        let Some((namespace, name)) = cur.qualified_name() else {
            return Err(cur.error(ParseErrorKind::BadName, "a definition name"));
        };
        // The id is glued to the name; a `#` after a space is an anonymous `#` field.
        let id = if cur.eat(b'#') {
            Some(id::parse_hex_id(cur)?)
        } else {
            None
        };
        let unterminated = |cur: &Cursor<'_>| {
            cur.error_at(
                ParseErrorKind::UnterminatedDefinition,
                cur.token_span(start),
                "`;` to end the definition that starts here",
            )
        };

        let mut generics = Vec::new();
        let mut params: Vec<Parameter> = Vec::new();
        let mut builtin = false;
        loop {
            cur.skip_trivia();
            match cur.peek() {
                None => return Err(unterminated(cur)),
                Some(b'=') => {
                    cur.bump();
                    break;
                }
                Some(_) if builtin => {
                    return Err(cur.error(ParseErrorKind::UnexpectedToken, "`=` after `?`"))
                }
                Some(b'?') if generics.is_empty() && params.is_empty() => {
                    cur.bump();
                    builtin = true;
                }
                Some(_) if generics.len() + params.len() == MAX_PARAMETERS => {
                    return Err(cur.error(
                        ParseErrorKind::TooManyParameters,
                        "`=` within 256 parameters",
                    ))
                }
                Some(b'{') if params.is_empty() => generics.push(Generic::parse(cur)?),
                Some(_) => {
                    // Pushed before checking so the (large) value is moved only once.
                    params.push(Parameter::parse(cur)?);
                    check_references(cur, &params, &generics)?;
                }
            }
        }

        cur.skip_trivia();
        if cur.is_eof() {
            return Err(unterminated(cur));
        }
        let result = Type::parse_result(cur)?;
        cur.skip_trivia();
        if !cur.eat(b';') {
            return Err(if cur.is_eof() {
                unterminated(cur)
            } else {
                cur.error(ParseErrorKind::UnexpectedToken, "`;` after the result type")
            });
        }
        Ok(Definition {
            namespace,
            name,
            id,
            generics,
            params,
            builtin,
            result,
            category,
            span: Span::new(start, cur.pos()),
        })
    }
}

/// A condition must test an earlier `#` field, and `!X` must name a declared generic:
/// otherwise no codec can read the definition.
/// Checks the last of `params` against those before it.
fn check_references(
    cur: &Cursor<'_>,
    params: &[Parameter],
    generics: &[Generic],
) -> Result<(), ParseError> {
    let Some((param, earlier)) = params.split_last() else {
        return Ok(());
    };
    if let Some(flag) = param.flag() {
        let declared = earlier
            .iter()
            .any(|p| p.ty == ParameterType::Flags && p.name.as_ref() == Some(&flag.name));
        if !declared {
            return Err(cur.error_at(
                ParseErrorKind::UnknownFlagField,
                param.span,
                format!("an earlier `{}:#` field for this condition", flag.name),
            ));
        }
    }
    let types: &[Type] = match &param.ty {
        ParameterType::Flags => &[],
        ParameterType::Normal { ty, .. } => std::slice::from_ref(ty),
        ParameterType::Repeated { items, .. } => items,
    };
    for ty in types {
        let mut next = Some(ty);
        while let Some(t) = next {
            if t.generic_ref && !generics.iter().any(|g| g.name == t.name) {
                return Err(cur.error_at(
                    ParseErrorKind::UnknownGeneric,
                    param.span,
                    format!("a `{{{}:Type}}` declaration before this use", t.name),
                ));
            }
            next = t.generic_arg.as_deref();
        }
    }
    Ok(())
}

/// Reads one definition. A leading `---functions---` (or `---types---`) sets its
/// category, which is how the alternate form `{:#}` prints functions.
impl FromStr for Definition {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut cur = Cursor::new(s);
        let mut category = Category::Type;
        cur.skip_trivia();
        while cur.starts_with(b"---") {
            category = Category::parse_section_marker(&mut cur)?;
            cur.skip_trivia();
        }
        let def = Definition::parse(&mut cur, category)?;
        cur.expect_end("a definition")?;
        Ok(def)
    }
}

/// Canonical one-line form: `name#id {X:Type} a:int flags:# b:flags.0?true = Result;`.
///
/// The id is lowercase hex without leading zeros, as in the official schema; type
/// arguments use `Vector<T>` everywhere. A definition does not know its section, so
/// `{}` prints the line only; `{:#}` puts `---functions---` on a line before a
/// function, which makes the output parse back to an equal definition in all cases.
impl fmt::Display for Definition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() && self.category == Category::Function {
            writeln!(f, "{}", Category::Function.section_marker())?;
        }
        for ns in &self.namespace {
            write!(f, "{ns}.")?;
        }
        f.write_str(&self.name)?;
        if let Some(id) = self.id {
            write!(f, "#{id:x}")?;
        }
        if self.builtin {
            f.write_str(" ?")?;
        }
        for generic in &self.generics {
            write!(f, " {generic}")?;
        }
        for param in &self.params {
            write!(f, " {param}")?;
        }
        write!(f, " = {};", self.result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(s: &str) -> Definition {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn err(s: &str) -> ParseError {
        s.parse::<Definition>().unwrap_err()
    }

    #[test]
    fn parts_of_a_definition() {
        let d = def(
            "messages.sendBotRequestedPeer#6c5cf2a7 flags:# peer:InputPeer \
                     msg_id:flags.0?int requested_peers:Vector<InputPeer> = Updates;",
        );
        assert_eq!(d.namespace, ["messages"]);
        assert_eq!(d.full_name(), "messages.sendBotRequestedPeer");
        assert_eq!(d.id, Some(0x6c5c_f2a7));
        assert_eq!(d.params.len(), 4);
        assert_eq!(d.result.name, "Updates");
        assert_eq!(d.category, Category::Type);
        assert!(!d.builtin);
        // The line is shortened, so only the explicit id is right, and it wins.
        assert_ne!(d.computed_id(), 0x6c5c_f2a7);
        assert_eq!(d.effective_id(), 0x6c5c_f2a7);
    }

    #[test]
    fn short_ids_and_missing_ids() {
        assert_eq!(def("a#2b78156 = A;").id, def("a#02b78156 = A;").id);
        let d = def("bytes = Bytes;");
        assert_eq!(d.id, None);
        assert_eq!(d.effective_id(), crc32fast::hash(b"bytes = Bytes"));
        assert!(def("dummyHttpWait = HttpWait;").params.is_empty());
    }

    #[test]
    fn builtins_and_generics() {
        let d = def("int ? = Int;");
        assert!(d.builtin && d.params.is_empty());
        let d = def("vector#1cb5c415 {t:Type} # [ t ] = Vector t;");
        assert_eq!(d.generics.len(), 1);
        assert_eq!(d.params.len(), 2);
        assert_eq!(
            d.result.generic_arg.as_deref().map(|t| t.name.as_str()),
            Some("t")
        );
        let d = def("invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X;");
        assert_eq!(d.computed_id(), 0xda9b_0d0d);
        assert_eq!(
            d.normalized_line(),
            "invokeWithLayer X:Type layer:int query:!X = X"
        );
    }

    #[test]
    fn layout_is_free_between_parameters() {
        let src = "a#1\n  x:int // first\n\n  y:long\n=\nA\n; // after";
        let spread = def(src);
        assert_eq!(spread, def("a#1 x:int y:long = A;"));
        assert_eq!(spread.span, Span::new(0, src.find(';').unwrap() + 1));
    }

    #[test]
    fn structural_errors() {
        assert_eq!(err("a#xyz = A;").kind, ParseErrorKind::BadId);
        assert_eq!(err("a#123456789 = A;").kind, ParseErrorKind::BadId);
        assert_eq!(
            err("a x:int = A").kind,
            ParseErrorKind::UnterminatedDefinition
        );
        assert_eq!(err("a x:int").kind, ParseErrorKind::UnterminatedDefinition);
        assert_eq!(
            err("a x:int =").kind,
            ParseErrorKind::UnterminatedDefinition
        );
        assert_eq!(
            err("a x:int = A B C;").kind,
            ParseErrorKind::UnexpectedToken
        );
        assert_eq!(err("a x:int;").kind, ParseErrorKind::UnexpectedToken);
        assert_eq!(err("= A;").kind, ParseErrorKind::BadName);
        assert_eq!(err("a ? x:int = A;").kind, ParseErrorKind::UnexpectedToken);
        assert_eq!(err("a x:int ? = A;").kind, ParseErrorKind::UnexpectedToken);
        assert_eq!(
            err("a x:int {X:Type} = A;").kind,
            ParseErrorKind::UnexpectedToken
        );
        assert_eq!(err("a = A; b = B;").kind, ParseErrorKind::TrailingInput);
        assert_eq!(err("a = ;").kind, ParseErrorKind::BadType);
    }

    #[test]
    fn unterminated_points_at_the_start() {
        let e = err("\n  foo#1 x:int\n y:int");
        assert_eq!((e.line, e.column, e.found.as_str()), (2, 3, "foo"));
        assert_eq!(
            e.to_string(),
            "2:3: expected `;` to end the definition that starts here, found `foo`"
        );
    }

    #[test]
    fn references_are_checked() {
        let e = err("a x:flags.0?int = A;");
        assert_eq!(e.kind, ParseErrorKind::UnknownFlagField);
        assert_eq!(
            err("a flags:# x:flags2.0?int = A;").kind,
            ParseErrorKind::UnknownFlagField
        );
        assert_eq!(
            err("a flags:int x:flags.0?int = A;").kind,
            ParseErrorKind::UnknownFlagField
        );
        assert!("a flags:# flags2:# x:flags2.0?int = A;"
            .parse::<Definition>()
            .is_ok());
        assert_eq!(err("a q:!X = X;").kind, ParseErrorKind::UnknownGeneric);
        assert_eq!(
            err("a {Y:Type} q:Vector<!X> = X;").kind,
            ParseErrorKind::UnknownGeneric
        );
        assert_eq!(
            err("a {X:Type} [ !Y ] = X;").kind,
            ParseErrorKind::UnknownGeneric
        );
    }

    #[test]
    fn parameter_count_is_bounded() {
        let at_limit = format!("a {}= A;", "x:int ".repeat(MAX_PARAMETERS));
        assert_eq!(def(&at_limit).params.len(), MAX_PARAMETERS);
        let over = format!("a {}= A;", "x:int ".repeat(MAX_PARAMETERS + 1));
        let e = err(&over);
        assert_eq!(
            (e.kind, e.column),
            (ParseErrorKind::TooManyParameters, 3 + 6 * MAX_PARAMETERS)
        );
        let generics = format!("a {}= A;", "{X:Type} ".repeat(MAX_PARAMETERS + 1));
        assert_eq!(err(&generics).kind, ParseErrorKind::TooManyParameters);
    }

    #[test]
    fn section_marker_sets_the_category() {
        assert_eq!(
            def("---functions---\nping#7abe77ec ping_id:long = Pong;").category,
            Category::Function
        );
        assert_eq!(
            def("---functions--- ---types--- a = A;").category,
            Category::Type
        );
    }

    #[test]
    fn canonical_printing() {
        let d = def("resPQ#05162463  nonce:int128\n pq:string  fps:Vector<long> = ResPQ ;");
        assert_eq!(
            d.to_string(),
            "resPQ#5162463 nonce:int128 pq:string fps:Vector<long> = ResPQ;"
        );
        let d = def("vector {t:Type} # [ t ] = Vector t;");
        assert_eq!(d.to_string(), "vector {t:Type} # [ t ] = Vector<t>;");
        assert_eq!(def("int ? = Int;").to_string(), "int ? = Int;");
        let f = def("---functions---\nping#7abe77ec ping_id:long = Pong;");
        assert_eq!(f.to_string(), "ping#7abe77ec ping_id:long = Pong;");
        assert_eq!(
            format!("{f:#}"),
            "---functions---\nping#7abe77ec ping_id:long = Pong;"
        );
        assert_eq!(def(&format!("{f:#}")), f);
    }

    #[test]
    fn equality_ignores_spans() {
        let a = def("a x:int = A;");
        let b = def("   a x:int = A;");
        assert_ne!(a.span, b.span);
        assert_eq!(a, b);
    }
}
