//! The reference codec: the spec's dynamic codec over the era schema of each layer as it
//! stood at that layer (or a case's own definitions), strict; and the reference reading of
//! a schema line's id.

use std::collections::HashMap;

use serde_json::Value;
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::dynamic::{decode_in, encode_as, from_json, to_json, Arena, Registry};
use tgconf_spec::era::schema_for_layer;
use tgconf_spec::model::wire::schemas::layer_registry;
use tl_parser::Definition;

use super::{Decoded, Encoded, TlType};

/// A case's own definitions are few and reused; more than this many texts start the cache
/// afresh rather than grow it.
const OWN_SCHEMAS_KEPT: usize = 32;

/// Registries of a case's own schema texts, built once each: building one parses and
/// indexes a schema. Layers use the spec's shared registries.
#[derive(Default)]
pub struct ReferenceCodec {
    own: HashMap<String, Registry>,
    /// Decoded trees live only until they are rendered as JSON, so one arena, emptied
    /// before each decode, serves them all.
    arena: Arena,
}

/// The registry a value of `ty` is read with: the case's own definitions, built once
/// into `own`, or the spec's registry of its layer.
fn registry<'s>(
    own: &'s mut HashMap<String, Registry>,
    ty: TlType<'_>,
) -> Result<&'s Registry, String> {
    if let Some(text) = ty.schema {
        if !own.contains_key(text) {
            let schema =
                tl_parser::parse_schema(text).map_err(|e| format!("the case's schema: {e}"))?;
            let registry =
                Registry::build(&schema).map_err(|e| format!("the case's schema: {e}"))?;
            if own.len() >= OWN_SCHEMAS_KEPT {
                own.clear();
            }
            own.insert(text.to_owned(), registry);
        }
        return Ok(&own[text]);
    }
    // The spec's process-wide registries: one per era, and one per layer that lacks
    // some of its era's late additions.
    layer_registry(ty.layer).ok_or_else(|| match schema_for_layer(ty.layer) {
        Err(e) => e.to_string(),
        Ok(_) => format!("layer {}: the era schema does not compile", ty.layer),
    })
}

impl ReferenceCodec {
    /// Strict decoding; anything the codec refuses is `Rejected` with its reason.
    pub fn decode(&mut self, ty: TlType<'_>, bytes: &[u8]) -> Decoded {
        self.arena.reset();
        let arena = &self.arena;
        let result = registry(&mut self.own, ty).and_then(|registry| {
            let spec = registry.type_spec(ty.name).map_err(|e| e.to_string())?;
            decode_in(arena, registry, &spec, bytes, DecodeOptions::default())
                .map(|value| to_json(&value))
                .map_err(|e| format!("{e} ({})", e.kind.code()))
        });
        match result {
            Ok(value) => Decoded::Value(value),
            Err(reason) => Decoded::Rejected(reason),
        }
    }

    pub fn encode(&mut self, ty: TlType<'_>, value: &Value) -> Encoded {
        let result = registry(&mut self.own, ty).and_then(|registry| {
            let spec = registry.type_spec(ty.name).map_err(|e| e.to_string())?;
            let value = from_json(registry, &spec, value).map_err(|e| e.to_string())?;
            encode_as(registry, &spec, &value).map_err(|e| e.to_string())
        });
        match result {
            Ok(bytes) => Encoded::Bytes(bytes),
            Err(reason) => Encoded::Rejected(reason),
        }
    }
}

/// A schema line's constructor id: the explicit `#id` as written, else the CRC32 of the
/// normalized line; `None` for a line that is not a definition.
pub fn line_id(line: &str) -> Option<u32> {
    let definition = line.parse::<Definition>().ok()?;
    Some(definition.id.unwrap_or_else(|| definition.computed_id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_encodes_a_style_at_layer_227() {
        let mut codec = ReferenceCodec::default();
        let ty = TlType {
            layer: 227,
            name: "KeyboardButtonStyle",
            schema: None,
        };
        let bytes = [0x30, 0x34, 0xdd, 0x4f, 0x01, 0, 0, 0];
        let Decoded::Value(json) = codec.decode(ty, &bytes) else {
            panic!("the golden style must decode")
        };
        assert_eq!(
            json,
            serde_json::json!({"_": "keyboardButtonStyle", "bg_primary": true})
        );
        assert_eq!(codec.encode(ty, &json), Encoded::Bytes(bytes.to_vec()));
        // A flag bit the constructor does not define: strict decoding refuses it.
        assert!(matches!(
            codec.decode(ty, &[0x30, 0x34, 0xdd, 0x4f, 0, 0, 0, 0x80]),
            Decoded::Rejected(_)
        ));
    }

    #[test]
    fn manage_linked_peers_is_a_right_from_layer_228() {
        let mut codec = ReferenceCodec::default();
        // chatAdminRights#5fb224d5 with flags = bit 19 (manage_linked_peers).
        let bytes = [0xd5, 0x24, 0xb2, 0x5f, 0, 0, 0x08, 0];
        let at = |layer| TlType {
            layer,
            name: "ChatAdminRights",
            schema: None,
        };
        assert_eq!(
            codec.decode(at(228), &bytes),
            Decoded::Value(
                serde_json::json!({"_": "chatAdminRights", "manage_linked_peers": true})
            )
        );
        let Decoded::Rejected(reason) = codec.decode(at(227), &bytes) else {
            panic!("layer 227 has no bit 19")
        };
        assert!(reason.contains("unknown_flags"), "{reason}");
    }

    #[test]
    fn reads_a_case_s_own_definitions() {
        let mut codec = ReferenceCodec::default();
        let ty = TlType {
            layer: 230,
            name: "Pair",
            schema: Some("pair#01020304 a:int b:int = Pair;"),
        };
        let bytes = [4, 3, 2, 1, 7, 0, 0, 0, 8, 0, 0, 0];
        assert_eq!(
            codec.decode(ty, &bytes),
            Decoded::Value(serde_json::json!({"_": "pair", "a": 7, "b": 8}))
        );
    }

    #[test]
    fn line_ids_are_explicit_or_computed() {
        assert_eq!(line_id("boolTrue#997275b5 = Bool;"), Some(0x997275b5));
        assert_eq!(line_id("boolTrue = Bool;"), Some(0x997275b5));
        assert_eq!(line_id("not a line"), None);
    }
}
