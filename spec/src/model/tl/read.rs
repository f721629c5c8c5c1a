//! A strict reader of one canonical-JSON TL object (docs/canonical-json.md): `"_"` first,
//! every member read exactly once by the mapping, values of the canonical shapes.
//!
//! Adapters send this JSON, so nothing here may panic: every shape problem is a
//! [`TlError`] with the path where it was found.

use std::cell::RefCell;

use serde_json::{Map, Value as Json};

use crate::dynamic::hex;

use super::error::TlError;

/// A JSON object being read as a TL constructor.
pub(super) struct Obj<'a> {
    map: &'a Map<String, Json>,
    name: &'a str,
    path: String,
    /// Members read so far; [`Obj::finish`] refuses the others.
    read: RefCell<Vec<&'a str>>,
}

/// `path.field`, or `field` at the top.
pub(super) fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

/// A short description of a JSON value's shape, for error messages.
pub(super) fn shape(json: &Json) -> String {
    match json {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => format!("the number {n}"),
        Json::String(s) if s.chars().count() > 40 => "a string".into(),
        Json::String(s) => format!("the string {s:?}"),
        Json::Array(_) => "an array".into(),
        Json::Object(m) => match m.get("_") {
            Some(Json::String(name)) => format!("a {name} object"),
            _ => "an object without a constructor name".into(),
        },
    }
}

pub(super) fn wrong(path: &str, expected: &str, json: &Json) -> TlError {
    TlError::WrongType {
        path: path.to_owned(),
        expected: expected.to_owned(),
        found: shape(json),
    }
}

impl<'a> Obj<'a> {
    /// Opens `json` as an object whose first member is `"_"`.
    pub fn open(json: &'a Json, path: &str) -> Result<Obj<'a>, TlError> {
        let Json::Object(map) = json else {
            return Err(wrong(path, "a TL object", json));
        };
        let name = match map.iter().next() {
            Some((key, Json::String(name))) if key == "_" => name.as_str(),
            Some((key, _)) if key == "_" => {
                return Err(wrong(&join(path, "_"), "a constructor name", &map["_"]))
            }
            _ if map.contains_key("_") => {
                return Err(TlError::WrongType {
                    path: path.to_owned(),
                    expected: "\"_\" as the first member".into(),
                    found: "it after other members".into(),
                })
            }
            _ => {
                return Err(TlError::MissingField {
                    path: path.to_owned(),
                    field: "_".into(),
                })
            }
        };
        Ok(Obj {
            map,
            name,
            path: path.to_owned(),
            read: RefCell::new(Vec::new()),
        })
    }

    pub fn name(&self) -> &'a str {
        self.name
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn at(&self, field: &str) -> String {
        join(&self.path, field)
    }

    /// The constructor is not one of `expected`.
    pub fn unknown(&self, expected: &str) -> TlError {
        TlError::UnknownConstructor {
            path: self.path.clone(),
            name: self.name.to_owned(),
            expected: expected.to_owned(),
        }
    }

    /// The member, if present, marked as read.
    pub fn get(&self, field: &str) -> Option<&'a Json> {
        let (key, value) = self.map.get_key_value(field)?;
        self.read.borrow_mut().push(key.as_str());
        Some(value)
    }

    pub fn req(&self, field: &str) -> Result<&'a Json, TlError> {
        self.get(field).ok_or_else(|| TlError::MissingField {
            path: self.path.clone(),
            field: field.to_owned(),
        })
    }

    /// Every member must have been read: anything else is a member this mapping does not
    /// know, which strict readers refuse.
    pub fn finish(self) -> Result<(), TlError> {
        let read = self.read.borrow();
        match self
            .map
            .keys()
            .find(|k| k.as_str() != "_" && !read.contains(&k.as_str()))
        {
            Some(field) => Err(TlError::UnknownField {
                path: self.path.clone(),
                field: field.clone(),
            }),
            None => Ok(()),
        }
    }

    /// A member the model has no place for: it must be absent.
    pub fn absent(&self, field: &str, why: &str) -> Result<(), TlError> {
        match self.get(field) {
            None => Ok(()),
            Some(_) => Err(TlError::Unrepresentable {
                path: self.at(field),
                what: why.to_owned(),
            }),
        }
    }

    pub fn int(&self, field: &str) -> Result<i32, TlError> {
        int(self.req(field)?, &self.at(field))
    }

    pub fn opt_int(&self, field: &str) -> Result<Option<i32>, TlError> {
        self.get(field).map(|j| int(j, &self.at(field))).transpose()
    }

    pub fn long(&self, field: &str) -> Result<i64, TlError> {
        long(self.req(field)?, &self.at(field))
    }

    pub fn opt_long(&self, field: &str) -> Result<Option<i64>, TlError> {
        self.get(field)
            .map(|j| long(j, &self.at(field)))
            .transpose()
    }

    pub fn string(&self, field: &str) -> Result<String, TlError> {
        string(self.req(field)?, &self.at(field))
    }

    pub fn opt_string(&self, field: &str) -> Result<Option<String>, TlError> {
        self.get(field)
            .map(|j| string(j, &self.at(field)))
            .transpose()
    }

    pub fn bytes(&self, field: &str) -> Result<Vec<u8>, TlError> {
        bytes(self.req(field)?, &self.at(field))
    }

    pub fn opt_bytes(&self, field: &str) -> Result<Option<Vec<u8>>, TlError> {
        self.get(field)
            .map(|j| bytes(j, &self.at(field)))
            .transpose()
    }

    /// `flags.N?true`: `true` when set, absent when clear (a `false` is an error).
    pub fn flag(&self, field: &str) -> Result<bool, TlError> {
        match self.get(field) {
            None => Ok(false),
            Some(Json::Bool(true)) => Ok(true),
            Some(other) => Err(wrong(
                &self.at(field),
                "true (a clear flag is left out)",
                other,
            )),
        }
    }

    /// `flags.N?Bool`.
    pub fn opt_bool(&self, field: &str) -> Result<Option<bool>, TlError> {
        match self.get(field) {
            None => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(wrong(&self.at(field), "true or false", other)),
        }
    }

    pub fn object(&self, field: &str) -> Result<Obj<'a>, TlError> {
        Obj::open(self.req(field)?, &self.at(field))
    }

    pub fn opt_object(&self, field: &str) -> Result<Option<Obj<'a>>, TlError> {
        let path = self.at(field);
        self.get(field).map(|j| Obj::open(j, &path)).transpose()
    }

    /// A vector member: its items with their paths.
    pub fn array(&self, field: &str) -> Result<Vec<(&'a Json, String)>, TlError> {
        let path = self.at(field);
        match self.req(field)? {
            Json::Array(items) => Ok(items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, format!("{path}[{i}]")))
                .collect()),
            other => Err(wrong(&path, "an array", other)),
        }
    }
}

pub(super) fn int(json: &Json, path: &str) -> Result<i32, TlError> {
    json.as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| wrong(path, "an int (a JSON integer in the 32-bit range)", json))
}

/// A `long`: canonical decimal digits in a string.
pub(super) fn long(json: &Json, path: &str) -> Result<i64, TlError> {
    let expected = "a long (canonical decimal digits in a string)";
    let Json::String(text) = json else {
        return Err(wrong(path, expected, json));
    };
    match text.parse::<i64>() {
        Ok(n) if n.to_string() == *text => Ok(n),
        _ => Err(wrong(path, expected, json)),
    }
}

pub(super) fn string(json: &Json, path: &str) -> Result<String, TlError> {
    match json {
        Json::String(s) => Ok(s.clone()),
        other => Err(wrong(path, "a string", other)),
    }
}

pub(super) fn bytes(json: &Json, path: &str) -> Result<Vec<u8>, TlError> {
    let expected = "bytes (lowercase hex in a string)";
    match json {
        Json::String(s) => hex::decode_canonical(s).map_err(|_| wrong(path, expected, json)),
        other => Err(wrong(path, expected, other)),
    }
}
