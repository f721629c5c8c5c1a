//! A whole schema file: its definitions in order, the layer it declares, and the check
//! of every explicit constructor id against the computed one.

use std::fmt;
use std::str::FromStr;

use crate::category::Category;
use crate::definition::Definition;
use crate::errors::ParseError;
use crate::known_exceptions::{known_exception, KnownException};
use crate::lexer::Cursor;
use crate::span::Span;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    /// From `// LAYER N` or gotd's `// Layer: N`; `None` if the file declares none.
    pub layer: Option<u32>,
    /// In file order, each with the category of the section it was in.
    pub definitions: Vec<Definition>,
}

/// Parses a whole schema file.
///
/// Accepts `//` comments anywhere, `---types---` / `---functions---` sections in any
/// order and number (the file starts in types), definitions over several lines (each
/// ends at its `;`), and a leading byte-order mark. Spans are byte offsets into
/// `text`.
pub fn parse_schema(text: &str) -> Result<Schema, ParseError> {
    let mut cur = Cursor::new(text);
    if text.starts_with('\u{feff}') {
        cur.reset('\u{feff}'.len_utf8());
    }
    // A sizing hint from the text length (real files have 72 to 115 bytes per
    // definition), never from anything the text claims; it saves re-allocating and
    // moving the whole vector while it grows.
    let mut definitions = Vec::with_capacity(text.len() / 96 + 1);
    let mut category = Category::Type;
    loop {
        cur.skip_trivia();
        if cur.is_eof() {
            break;
        }
        if cur.starts_with(b"---") {
            category = Category::parse_section_marker(&mut cur)?;
        } else {
            definitions.push(Definition::parse(&mut cur, category)?);
        }
    }
    Ok(Schema {
        layer: cur.layers.finish()?,
        definitions,
    })
}

impl Schema {
    pub fn types(&self) -> impl Iterator<Item = &Definition> {
        self.definitions
            .iter()
            .filter(|d| d.category == Category::Type)
    }

    pub fn functions(&self) -> impl Iterator<Item = &Definition> {
        self.definitions
            .iter()
            .filter(|d| d.category == Category::Function)
    }

    /// Compares every explicit id with the CRC32 of its definition and counts the
    /// definitions whose id had to be inferred.
    ///
    /// Builtins without an id (`int ? = Int;`) are counted apart, in
    /// [`IdReport::builtin`], not as inferred: they are bare primitives that never
    /// travel with a constructor id, so an inferred one would be a number nothing
    /// uses. (Their CRC is still well defined; the TL docs write `int#a8509bda`.)
    pub fn check_ids(&self) -> IdReport {
        let mut report = IdReport::default();
        for def in &self.definitions {
            match def.id {
                None if def.builtin => report.builtin += 1,
                None => report.inferred += 1,
                Some(declared) => {
                    let computed = def.computed_id();
                    if declared == computed {
                        report.verified += 1;
                    } else {
                        let name = def.full_name();
                        let known_exception = known_exception(&name).filter(|e| e.id == declared);
                        report.mismatches.push(IdMismatch {
                            name,
                            declared,
                            computed,
                            known_exception,
                            span: def.span,
                        });
                    }
                }
            }
        }
        report
    }
}

impl FromStr for Schema {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_schema(s)
    }
}

/// One definition per line, `// LAYER N` first if known, and a section marker before
/// each change of category (none before leading types, the default section).
impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(layer) = self.layer {
            writeln!(f, "// LAYER {layer}")?;
        }
        let mut section = Category::Type;
        for def in &self.definitions {
            if def.category != section {
                section = def.category;
                writeln!(f, "{}", section.section_marker())?;
            }
            writeln!(f, "{def}")?;
        }
        Ok(())
    }
}

/// The outcome of [`Schema::check_ids`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdReport {
    /// Explicit id equal to the computed one.
    pub verified: usize,
    /// No explicit id; the computed one applies.
    pub inferred: usize,
    /// Builtins (`int ? = Int;`) without an explicit id; see [`Schema::check_ids`].
    pub builtin: usize,
    /// Explicit ids that differ from the computed one, in file order.
    pub mismatches: Vec<IdMismatch>,
}

impl IdReport {
    /// Mismatches that no [`KnownException`] explains.
    pub fn unexplained(&self) -> impl Iterator<Item = &IdMismatch> {
        self.mismatches
            .iter()
            .filter(|m| m.known_exception.is_none())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdMismatch {
    /// Full name of the definition.
    pub name: String,
    pub declared: u32,
    pub computed: u32,
    /// Set when the name and declared id are in the known-exception table.
    pub known_exception: Option<&'static KnownException>,
    /// The definition's span, for `file:line:col` reports.
    pub span: Span,
}

impl fmt::Display for IdMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: declared #{:08x}, computed #{:08x}",
            self.name, self.declared, self.computed
        )?;
        if let Some(e) = self.known_exception {
            write!(f, " (known exception: {})", e.reason)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::errors::ParseErrorKind;

    const SAMPLE: &str = "\
// comment with a commented-out line: x#1 = X;
int ? = Int;
vector {t:Type} # [ t ] = Vector t;
boolTrue#997275b5 = Bool;
multi#1
    x:int // trailing
    y:long
  = Multi;
---functions---
ping#7abe77ec ping_id:long = Pong;
---types---
back#2 = Back; // trailing after a definition
---functions---
second#3 = X;
// LAYER 42
";

    #[test]
    fn sections_switch_back_and_forth() {
        let s = parse_schema(SAMPLE).unwrap();
        let names = |it: &mut dyn Iterator<Item = &Definition>| {
            it.map(|d| d.full_name()).collect::<Vec<_>>()
        };
        assert_eq!(
            names(&mut s.types()),
            ["int", "vector", "boolTrue", "multi", "back"]
        );
        assert_eq!(names(&mut s.functions()), ["ping", "second"]);
        assert_eq!(s.layer, Some(42));
    }

    #[test]
    fn spans_locate_definitions() {
        let s = parse_schema(SAMPLE).unwrap();
        let multi = &s.definitions[3];
        let text = multi.span.text(SAMPLE).unwrap();
        assert!(
            text.starts_with("multi#1") && text.ends_with("= Multi;"),
            "{text}"
        );
    }

    #[test]
    fn id_report_counts() {
        let s = parse_schema(SAMPLE).unwrap();
        let r = s.check_ids();
        // boolTrue and ping verify; multi, back, second carry made-up ids; vector is
        // inferred; int is a builtin.
        assert_eq!((r.verified, r.inferred, r.builtin), (2, 1, 1));
        let names: Vec<_> = r.mismatches.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["multi", "back", "second"]);
        assert_eq!(r.unexplained().count(), 3);
        assert_eq!(r.mismatches[0].declared, 1);
        assert_eq!(r.mismatches[0].span, s.definitions[3].span);
    }

    #[test]
    fn known_exceptions_need_name_and_id() {
        let s = parse_schema(
            "ipPortSecret#37982646 ipv4:int port:int secret:bytes = IpPort;\n\
             ipPort#1 ipv4:int port:int = IpPort;\n\
             accessPointRule#1 phone_prefix_rules:string dc_id:int ips:vector<IpPort> = AccessPointRule;",
        )
        .unwrap();
        let r = s.check_ids();
        let explained: Vec<_> = r
            .mismatches
            .iter()
            .map(|m| m.known_exception.is_some())
            .collect();
        assert_eq!(explained, [true, false, false]);
        assert!(r.mismatches[0].to_string().contains("known exception"));
        assert_eq!(
            r.mismatches[1].to_string(),
            format!(
                "ipPort: declared #00000001, computed #{:08x}",
                r.mismatches[1].computed
            )
        );
    }

    #[test]
    fn layers() {
        assert_eq!(parse_schema("a = A;").unwrap().layer, None);
        assert_eq!(
            parse_schema("// Layer:  228\na = A;\n// LAYER 228")
                .unwrap()
                .layer,
            Some(228)
        );
        let e = parse_schema("// LAYER 1\na = A;\n// LAYER 2").unwrap_err();
        assert_eq!((e.kind, e.line), (ParseErrorKind::ConflictingLayer, 3));
        let e = parse_schema("// LAYER 99999999999").unwrap_err();
        assert_eq!(e.kind, ParseErrorKind::BadLayer);
    }

    #[test]
    fn errors_have_positions() {
        let e = parse_schema("a = A;\n---methods---\n").unwrap_err();
        assert_eq!(
            (e.kind, e.line, e.column),
            (ParseErrorKind::UnknownSection, 2, 1)
        );
        let e = parse_schema("a = A;\nb#1 x:int\n---functions---\nc = C;").unwrap_err();
        assert_eq!(
            (e.kind, e.line, e.column),
            (ParseErrorKind::UnexpectedToken, 3, 1)
        );
        assert_eq!(
            e.to_string(),
            "3:1: expected a parameter (`name:Type`) or `=`, found `-`"
        );
        let e = parse_schema("a = A;\nb x:int").unwrap_err();
        assert_eq!(
            (e.kind, e.line, e.column),
            (ParseErrorKind::UnterminatedDefinition, 2, 1)
        );
    }

    #[test]
    fn empty_inputs() {
        assert_eq!(parse_schema(""), Ok(Schema::default()));
        assert_eq!(parse_schema("// only\n\n  ").unwrap().definitions.len(), 0);
        assert_eq!(
            parse_schema("\u{feff}a = A;").unwrap().definitions[0].span,
            Span::new(3, 9)
        );
    }

    #[test]
    fn display_round_trips() {
        let s = parse_schema(SAMPLE).unwrap();
        let printed = s.to_string();
        assert!(
            printed.starts_with("// LAYER 42\nint ? = Int;\n"),
            "{printed}"
        );
        assert_eq!(printed.matches("---functions---").count(), 2);
        assert_eq!(printed.matches("---types---").count(), 1);
        assert_eq!(parse_schema(&printed), Ok(s));
        let functions_first = parse_schema("---functions---\nf = F;").unwrap();
        assert_eq!(
            functions_first.to_string().parse::<Schema>(),
            Ok(functions_first)
        );
    }
}
