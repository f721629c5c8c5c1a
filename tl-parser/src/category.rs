//! Whether a definition is a constructor (`---types---`) or an RPC function
//! (`---functions---`).

use std::fmt;

use crate::errors::{ParseError, ParseErrorKind};
use crate::lexer::Cursor;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A constructor of a type; the section a file starts in.
    #[default]
    Type,
    /// A function (RPC method) whose result is the type after `=`.
    Function,
}

impl Category {
    /// The marker line that switches a schema into this section.
    pub fn section_marker(self) -> &'static str {
        match self {
            Category::Type => "---types---",
            Category::Function => "---functions---",
        }
    }

    /// The category named by the word between the dashes of a section marker.
    pub(crate) fn from_section_name(name: &str) -> Option<Self> {
        match name {
            "types" => Some(Category::Type),
            "functions" => Some(Category::Function),
            _ => None,
        }
    }

    /// Parses `---types---` or `---functions---` at the cursor.
    pub(crate) fn parse_section_marker(cur: &mut Cursor<'_>) -> Result<Self, ParseError> {
        let start = cur.pos();
        if !(cur.eat(b'-') && cur.eat(b'-') && cur.eat(b'-')) {
            return Err(cur.error(
                ParseErrorKind::UnexpectedToken,
                "`---types---` or `---functions---`",
            ));
        }
        let word = cur.ident().unwrap_or_default();
        let closed = cur.eat(b'-') && cur.eat(b'-') && cur.eat(b'-');
        match Category::from_section_name(word) {
            Some(category) if closed => Ok(category),
            _ => {
                let span = cur.token_span(start);
                let span = crate::span::Span::new(start, span.end.max(cur.pos()));
                Err(cur.error_at(
                    ParseErrorKind::UnknownSection,
                    span,
                    "`---types---` or `---functions---`",
                ))
            }
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Category::Type => "type",
            Category::Function => "function",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_name_their_category() {
        for c in [Category::Type, Category::Function] {
            let word = c.section_marker().trim_matches('-');
            assert_eq!(Category::from_section_name(word), Some(c));
        }
        assert_eq!(Category::from_section_name("Types"), None);
        assert_eq!(Category::default(), Category::Type);
    }

    #[test]
    fn section_markers() {
        let parse = |s: &str| Category::parse_section_marker(&mut Cursor::new(s));
        assert_eq!(parse("---functions---"), Ok(Category::Function));
        assert_eq!(parse("---types---x"), Ok(Category::Type));
        let err = parse("---methods---").unwrap_err();
        assert_eq!(
            (err.kind, err.found.as_str()),
            (ParseErrorKind::UnknownSection, "---methods---")
        );
        assert_eq!(
            parse("---types--").unwrap_err().kind,
            ParseErrorKind::UnknownSection
        );
        assert_eq!(
            parse("--types---").unwrap_err().kind,
            ParseErrorKind::UnexpectedToken
        );
    }
}
