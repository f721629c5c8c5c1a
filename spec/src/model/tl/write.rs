//! Building canonical-JSON TL objects: `"_"` first, members in declaration order, clear
//! `true` flags and absent optionals left out, `long`s as decimal strings, bytes as hex.

use serde_json::{Map, Value as Json};

use crate::dynamic::hex;

/// An object under construction; members are added in declaration order by the caller.
pub(super) struct Obj(Map<String, Json>);

impl Obj {
    pub fn new(name: &str) -> Obj {
        let mut map = Map::new();
        map.insert("_".into(), Json::String(name.into()));
        Obj(map)
    }

    pub fn field(mut self, name: &str, value: Json) -> Obj {
        self.0.insert(name.into(), value);
        self
    }

    pub fn opt(self, name: &str, value: Option<Json>) -> Obj {
        match value {
            Some(v) => self.field(name, v),
            None => self,
        }
    }

    /// `flags.N?true`.
    pub fn flag(self, name: &str, set: bool) -> Obj {
        self.opt(name, set.then_some(Json::Bool(true)))
    }

    pub fn int(self, name: &str, value: i32) -> Obj {
        self.field(name, Json::from(value))
    }

    pub fn long(self, name: &str, value: i64) -> Obj {
        self.field(name, long(value))
    }

    pub fn string(self, name: &str, value: &str) -> Obj {
        self.field(name, Json::String(value.into()))
    }

    pub fn bytes(self, name: &str, value: &[u8]) -> Obj {
        self.field(name, Json::String(hex::encode(value)))
    }

    pub fn build(self) -> Json {
        Json::Object(self.0)
    }
}

pub(super) fn long(value: i64) -> Json {
    Json::String(value.to_string())
}

pub(super) fn string(value: &str) -> Json {
    Json::String(value.into())
}
