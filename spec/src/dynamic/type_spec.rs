//! What to decode a byte string as, or what a JSON value must be: a TL type name read
//! against one registry.

use std::fmt;

use super::error::TypeSpecError;
use super::kind::Kind;
use super::registry::Registry;

/// A resolved top-level type:
///
/// * `Object`: any boxed constructor or function call of the schema (or a boxed `Bool`);
/// * a boxed type, `InputPeer`, `messages.BotCallbackAnswer`: one of its constructors;
/// * a function name, `messages.sendBotRequestedPeer`: a call of that function, boxed;
/// * a base type: `int`, `long`, `double`, `int128`, `int256`, `string`, `bytes`, `Bool`;
/// * `Vector<T>` / `vector<T>` of any of these;
/// * a bare constructor, `%KeyboardButtonStyle` (a type with one constructor) or a
///   lowercase constructor name, `keyboardButtonStyle`: its fields without an id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeSpec {
    kind: Kind,
    text: String,
}

impl TypeSpec {
    /// Any boxed object: the default of `tgconf decode`.
    pub fn object() -> Self {
        Self {
            kind: Kind::AnyObject,
            text: "Object".into(),
        }
    }

    /// Reads `text` with `registry`. Every type inside must be known: unlike a field of
    /// the schema, a type asked for by name has no reason to be unresolved.
    pub fn parse(registry: &Registry, text: &str) -> Result<Self, TypeSpecError> {
        let trimmed = text.trim();
        let ty: tl_parser::Type =
            trimmed
                .parse()
                .map_err(|e: tl_parser::ParseError| TypeSpecError::Syntax {
                    text: text.to_owned(),
                    message: e.to_string(),
                })?;
        let function = registry
            .by_name(trimmed)
            .filter(|&c| registry.constructor(c).is_function() && !ty.bare_marker);
        let mut kind = match function {
            Some(c) => Kind::Call(c),
            None => registry
                .resolve(&ty, &[])
                .map_err(|name| TypeSpecError::Generic {
                    text: text.to_owned(),
                    name,
                })?,
        };
        if let Some(name) = kind.find_unresolved() {
            return Err(TypeSpecError::Unknown {
                name: name.to_owned(),
            });
        }
        registry.finish_kind(&mut kind);
        let text = registry.describe(&kind);
        Ok(Self { kind, text })
    }

    pub fn kind(&self) -> &Kind {
        &self.kind
    }

    /// The type as TL writes it (`Vector<long>`, `%keyboardButtonStyle`, `Object`).
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for TypeSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Registry {
    /// [`TypeSpec::parse`] with this registry.
    pub fn type_spec(&self, text: &str) -> Result<TypeSpec, TypeSpecError> {
        TypeSpec::parse(self, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        Registry::build(
            &tl_parser::parse_schema(
                "inputPeerEmpty#7f3b18ea = InputPeer;\n\
                 inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;\n\
                 keyboardButtonStyle#4fdd3430 flags:# bg_primary:flags.0?true icon:flags.3?long = KeyboardButtonStyle;\n\
                 ---functions---\n\
                 messages.sendVote#10ea6184 peer:InputPeer msg_id:int options:Vector<bytes> = Updates;",
            )
            .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn names_resolve_to_kinds() {
        let r = registry();
        let spec = |t: &str| r.type_spec(t).map(|s| s.to_string());
        assert_eq!(spec("Object"), Ok("Object".into()));
        assert_eq!(spec(" InputPeer "), Ok("InputPeer".into()));
        assert_eq!(
            spec("Vector<Vector<long>>"),
            Ok("Vector<Vector<long>>".into())
        );
        assert_eq!(
            spec("%KeyboardButtonStyle"),
            Ok("%keyboardButtonStyle".into())
        );
        assert_eq!(
            spec("keyboardButtonStyle"),
            Ok("%keyboardButtonStyle".into())
        );
        assert_eq!(spec("messages.sendVote"), Ok("messages.sendVote".into()));
        assert_eq!(spec("Bool"), Ok("Bool".into()));
        assert!(matches!(
            r.type_spec("Vector<long>").unwrap().kind(),
            Kind::Vector { elem_min: 8, .. }
        ));
        assert!(matches!(
            r.type_spec("vector<InputPeer>").unwrap().kind(),
            Kind::Vector {
                boxed: false,
                elem_min: 4,
                ..
            }
        ));
    }

    #[test]
    fn unknown_names_are_errors() {
        let r = registry();
        assert_eq!(
            r.type_spec("Updates"),
            Err(TypeSpecError::Unknown {
                name: "Updates".into()
            })
        );
        assert_eq!(
            r.type_spec("Vector<Peer>"),
            Err(TypeSpecError::Unknown {
                name: "Peer".into()
            })
        );
        assert_eq!(
            r.type_spec("%InputPeer"),
            Err(TypeSpecError::Unknown {
                name: "%InputPeer".into()
            })
        );
        assert!(matches!(
            r.type_spec("!X"),
            Err(TypeSpecError::Generic { .. })
        ));
        assert!(matches!(
            r.type_spec("Vector<"),
            Err(TypeSpecError::Syntax { .. })
        ));
    }
}
