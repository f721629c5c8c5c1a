//! The canonical JSON form of values (docs/canonical-json.md): [`to_json`] writes it,
//! [`from_json`] and [`from_json_str`] read it strictly against a registry and a type.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value as Json};

use super::error::{JsonError, JsonErrorKind, Path};
use super::hex;
use super::kind::Kind;
use super::registry::{Constructor, Registry};
use super::type_spec::TypeSpec;
use super::value::{Field, Object, Value};

/// The canonical JSON of a value. Members follow declaration order, `"_"` first.
///
/// Doubles that JSON numbers cannot write are the strings `"NaN"`, `"Infinity"` and
/// `"-Infinity"` (every NaN is written `"NaN"`, so a NaN's payload bits do not survive).
pub fn to_json(value: &Value<'_>) -> Json {
    match value {
        Value::Int(v) => Json::from(*v),
        Value::Long(v) => Json::String(v.to_string()),
        Value::Double(v) => match Number::from_f64(*v) {
            Some(n) => Json::Number(n),
            None if v.is_nan() => Json::String("NaN".into()),
            None if *v > 0.0 => Json::String("Infinity".into()),
            None => Json::String("-Infinity".into()),
        },
        Value::Int128(v) => Json::String(hex::encode(v)),
        Value::Int256(v) => Json::String(hex::encode(v)),
        Value::String(v) => Json::String(v.to_string()),
        Value::Bytes(v) => Json::String(hex::encode(v)),
        Value::Bool(v) => Json::Bool(*v),
        Value::True => Json::Bool(true),
        Value::Vector(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(o) => {
            let mut map = Map::with_capacity(o.fields.len() + 1);
            map.insert("_".into(), Json::String(o.name.to_string()));
            for f in &o.fields {
                map.insert(f.name.to_string(), to_json(&f.value));
            }
            Json::Object(map)
        }
    }
}

/// Reads the canonical JSON of a value of type `ty`. A [`serde_json::Value`] cannot hold
/// a member twice, so duplicates are caught only by [`from_json_str`].
pub fn from_json<'r>(
    registry: &'r Registry,
    ty: &TypeSpec,
    json: &Json,
) -> Result<Value<'r>, JsonError> {
    Reader { registry }.value(ty.kind(), json)
}

/// Parses JSON text and reads it as [`from_json`] does; a member given twice in one
/// object is an error ([`JsonErrorKind::DuplicateMember`]), and text that is not JSON is
/// [`JsonErrorKind::Syntax`].
pub fn from_json_str<'r>(
    registry: &'r Registry,
    ty: &TypeSpec,
    text: &str,
) -> Result<Value<'r>, JsonError> {
    from_json(registry, ty, &parse_strict(text)?)
}

/// Parses JSON text, refusing duplicated members.
pub fn parse_strict(text: &str) -> Result<Json, JsonError> {
    let path = RefCell::new(Vec::new());
    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = StrictSeed {
        path: &path,
        duplicate: &duplicate,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    parsed.map_err(|e| match duplicate.into_inner() {
        Some((segments, key)) => {
            let mut path = Path::root().prefixed(&key);
            for s in segments.iter().rev() {
                path = path.prefixed(s);
            }
            JsonError {
                path,
                kind: JsonErrorKind::DuplicateMember,
                expected: "each member once".into(),
                found: format!("`{key}` twice"),
            }
        }
        None => JsonError::new(
            JsonErrorKind::Syntax,
            "JSON text",
            format!("a syntax error: {e}"),
        ),
    })
}

struct Reader<'r> {
    registry: &'r Registry,
}

fn wrong<T>(expected: impl Into<String>, json: &Json) -> Result<T, JsonError> {
    Err(JsonError::new(
        JsonErrorKind::WrongType,
        expected,
        describe(json),
    ))
}

impl<'r> Reader<'r> {
    fn value(&self, kind: &Kind, json: &Json) -> Result<Value<'r>, JsonError> {
        Ok(match kind {
            Kind::Int | Kind::Flags { .. } => match json
                .as_i64()
                .and_then(|v| i32::try_from(v).ok())
            {
                Some(v) => Value::Int(v),
                None => return wrong("an int: an integer from -2147483648 to 2147483647", json),
            },
            Kind::Long => match json.as_str().and_then(parse_long) {
                Some(v) => Value::Long(v),
                None => return wrong("a long: a decimal string such as \"-42\"", json),
            },
            Kind::Double => match json {
                Json::Number(n) => Value::Double(n.as_f64().unwrap_or(f64::NAN)),
                Json::String(s) if s == "NaN" => Value::Double(f64::NAN),
                Json::String(s) if s == "Infinity" => Value::Double(f64::INFINITY),
                Json::String(s) if s == "-Infinity" => Value::Double(f64::NEG_INFINITY),
                _ => {
                    return wrong(
                        "a double: a number, \"NaN\", \"Infinity\" or \"-Infinity\"",
                        json,
                    )
                }
            },
            Kind::Int128 => match json.as_str().map(hex::decode_canonical) {
                Some(Ok(b)) if b.len() == 16 => Value::Int128(b.try_into().expect("16 bytes")),
                _ => return wrong("an int128: 32 lowercase hex digits", json),
            },
            Kind::Int256 => match json.as_str().map(hex::decode_canonical) {
                Some(Ok(b)) if b.len() == 32 => Value::Int256(b.try_into().expect("32 bytes")),
                _ => return wrong("an int256: 64 lowercase hex digits", json),
            },
            Kind::String => match json {
                Json::String(s) => Value::String(Cow::Owned(s.clone())),
                _ => return wrong("a string", json),
            },
            Kind::Bytes => match json.as_str().map(hex::decode_canonical) {
                Some(Ok(b)) => Value::Bytes(Cow::Owned(b)),
                _ => return wrong("bytes: lowercase hex with an even number of digits", json),
            },
            Kind::Bool => match json {
                Json::Bool(b) => Value::Bool(*b),
                _ => return wrong("a Bool: true or false", json),
            },
            Kind::True => match json {
                Json::Bool(true) => Value::True,
                _ => {
                    return wrong(
                        "true (a clear flag is written by leaving the member out)",
                        json,
                    )
                }
            },
            Kind::Vector { elem, .. } => match json {
                Json::Array(items) => Value::Vector(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| {
                            self.value(elem, item)
                                .map_err(|e| e.prefixed(&i.to_string()))
                        })
                        .collect::<Result<_, _>>()?,
                ),
                _ => return wrong(format!("an array ({})", self.registry.describe(kind)), json),
            },
            Kind::Boxed(t) => {
                let (ctor, map) = self.constructor(json, &self.registry.describe(kind))?;
                if ctor.type_id() != Some(*t) {
                    return Err(unexpected(
                        ctor,
                        &format!("a constructor of {}", self.registry.type_info(*t).name()),
                    ));
                }
                self.fields(ctor, map)?
            }
            Kind::Bare(c) | Kind::Call(c) => {
                let (ctor, map) = self.constructor(json, &self.registry.describe(kind))?;
                let wanted = self.registry.constructor(*c);
                if !std::ptr::eq(ctor, wanted) {
                    return Err(unexpected(ctor, &format!("`{}`", wanted.name())));
                }
                self.fields(ctor, map)?
            }
            Kind::AnyObject => match json {
                Json::Bool(b) => Value::Bool(*b),
                _ => {
                    let (ctor, map) = self.constructor(json, "Object")?;
                    self.fields(ctor, map)?
                }
            },
            Kind::AnyFunction => {
                let (ctor, map) = self.constructor(json, "a function call")?;
                if !ctor.is_function() {
                    return Err(unexpected(ctor, "a function call"));
                }
                self.fields(ctor, map)?
            }
            Kind::Unresolved(name) => {
                return Err(JsonError::new(
                    JsonErrorKind::UnresolvedType,
                    format!("a value of `{name}`, which the schema does not define"),
                    describe(json),
                ))
            }
        })
    }

    /// The constructor an object names in its first member, `"_"`.
    fn constructor<'j>(
        &self,
        json: &'j Json,
        what: &str,
    ) -> Result<(&'r Constructor, &'j Map<String, Json>), JsonError> {
        let Json::Object(map) = json else {
            return wrong(format!("an object ({what})"), json);
        };
        let name = match map.iter().next() {
            Some((key, Json::String(name))) if key == "_" => name,
            Some((key, other)) if key == "_" => {
                return Err(JsonError::new(
                    JsonErrorKind::ConstructorName,
                    "the constructor name, a string",
                    describe(other),
                )
                .prefixed("_"))
            }
            Some((key, _)) if map.contains_key("_") => {
                return Err(JsonError::new(
                    JsonErrorKind::ConstructorName,
                    "\"_\" as the first member",
                    format!("`{key}` before it"),
                ))
            }
            _ => {
                return Err(JsonError::new(
                    JsonErrorKind::ConstructorName,
                    format!("an object with \"_\" ({what})"),
                    describe(json),
                ))
            }
        };
        match self.registry.by_name(name) {
            Some(c) => Ok((self.registry.constructor(c), map)),
            None => Err(JsonError::new(
                JsonErrorKind::UnknownConstructor,
                "a constructor or function of the schema",
                format!("`{name}`"),
            )
            .prefixed("_")),
        }
    }

    fn fields(
        &self,
        ctor: &'r Constructor,
        map: &Map<String, Json>,
    ) -> Result<Value<'r>, JsonError> {
        for key in map.keys().skip(1) {
            if ctor.param(key).is_none_or(|(_, p)| p.is_flags()) {
                let expected = match ctor.param(key) {
                    Some(_) => format!(
                        "no `{key}`: `#` fields are derived from the optional fields present"
                    ),
                    None => format!("a field of {}", ctor.name()),
                };
                return Err(JsonError::new(
                    JsonErrorKind::UnknownMember,
                    expected,
                    format!("`{key}`"),
                )
                .prefixed(key));
            }
        }
        let mut fields = Vec::with_capacity(map.len() - 1);
        for p in ctor.params().iter().filter(|p| !p.is_flags()) {
            match map.get(p.name()) {
                Some(json) => {
                    let value = self
                        .value(p.kind(), json)
                        .map_err(|e| e.prefixed(p.name()))?;
                    fields.push(Field {
                        name: Cow::Borrowed(p.name()),
                        value,
                    });
                }
                None if p.condition().is_some() => {}
                None => {
                    return Err(JsonError::new(
                        JsonErrorKind::MissingMember,
                        format!("`{}` ({} needs it)", p.name(), ctor.name()),
                        "no such member",
                    ))
                }
            }
        }
        Ok(Value::Object(Object {
            name: Cow::Borrowed(ctor.name()),
            fields: fields.into(),
            origin: Some(ctor.index()),
        }))
    }
}

fn unexpected(ctor: &Constructor, expected: &str) -> JsonError {
    JsonError::new(
        JsonErrorKind::UnexpectedConstructor,
        expected,
        format!("`{}`", ctor.name()),
    )
    .prefixed("_")
}

/// A short description of a JSON value for error messages.
fn describe(json: &Json) -> String {
    match json {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => format!("the number {n}"),
        Json::String(s) => {
            let mut shown: String = s.chars().take(40).collect();
            if shown.len() < s.len() {
                shown.push('…');
            }
            format!("the string {}", Json::String(shown))
        }
        Json::Array(items) => format!("an array of {} elements", items.len()),
        Json::Object(map) => match map.get("_") {
            Some(Json::String(name)) => format!("an object `{name}`"),
            _ => "an object without \"_\"".into(),
        },
    }
}

/// A `long` in canonical decimal: an optional `-`, no leading zeros, no `+`, not `-0`.
fn parse_long(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let canonical = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && s != "-0";
    canonical.then(|| s.parse().ok()).flatten()
}

/// Parses JSON into a [`serde_json::Value`] like serde_json does, but fails on a member
/// that an object already has, remembering where.
#[derive(Clone, Copy)]
struct StrictSeed<'p> {
    path: &'p RefCell<Vec<String>>,
    duplicate: &'p RefCell<Option<(Vec<String>, String)>>,
}

impl<'de> DeserializeSeed<'de> for StrictSeed<'_> {
    type Value = Json;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Json, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictSeed<'_> {
    type Value = Json;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::Null)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Number::from_f64(v).map_or(Json::Null, Json::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Json, E> {
        Ok(Json::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        loop {
            self.path.borrow_mut().push(items.len().to_string());
            let item = seq.next_element_seed(self)?;
            self.path.borrow_mut().pop();
            match item {
                Some(item) => items.push(item),
                None => return Ok(Json::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Json, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            if map.contains_key(&key) {
                *self.duplicate.borrow_mut() = Some((self.path.borrow().clone(), key.clone()));
                return Err(A::Error::custom(format_args!("duplicated member `{key}`")));
            }
            self.path.borrow_mut().push(key.clone());
            let value = access.next_value_seed(self)?;
            self.path.borrow_mut().pop();
            map.insert(key, value);
        }
        Ok(Json::Object(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_longs_only() {
        for ok in [
            "0",
            "-1",
            "42",
            "9223372036854775807",
            "-9223372036854775808",
        ] {
            assert_eq!(parse_long(ok).map(|v| v.to_string()).as_deref(), Some(ok));
        }
        for bad in [
            "",
            "-",
            "-0",
            "+1",
            "01",
            "1.0",
            " 1",
            "9223372036854775808",
            "1e3",
            "0x10",
        ] {
            assert_eq!(parse_long(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn non_finite_doubles_are_strings() {
        assert_eq!(
            to_json(&Value::Double(f64::NAN)),
            Json::String("NaN".into())
        );
        assert_eq!(
            to_json(&Value::Double(f64::NEG_INFINITY)),
            Json::String("-Infinity".into())
        );
        assert_eq!(to_json(&Value::Double(-0.0)).to_string(), "-0.0");
        assert_eq!(to_json(&Value::Double(2.0)).to_string(), "2.0");
    }

    #[test]
    fn duplicates_are_found_with_their_path() {
        let e = parse_strict(r#"{"a": [1, {"b": 1, "c": 2, "b": 3}]}"#).unwrap_err();
        assert_eq!(
            (e.kind, e.path.as_str()),
            (JsonErrorKind::DuplicateMember, "/a/1/b")
        );
        let e = parse_strict(r#"{"a": 1"#).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::Syntax);
        let e = parse_strict(r#"{"a": 1} x"#).unwrap_err();
        assert_eq!(e.kind, JsonErrorKind::Syntax);
        let v =
            parse_strict(r#"{"_": "x", "n": -5, "f": 1.5, "u": 18446744073709551615}"#).unwrap();
        assert_eq!(
            v.to_string(),
            r#"{"_":"x","n":-5,"f":1.5,"u":18446744073709551615}"#
        );
    }
}
