//! A TL value as a tree, independent of any Rust type generated for it.

use std::borrow::Cow;
use std::fmt;

use super::cow_slice::CowSlice;
use super::registry::ConstructorId;

/// One TL value. Decoding borrows strings and bytes from the input (and constructor and
/// field names from the [`Registry`](super::Registry)); [`Value::into_owned`] detaches it.
///
/// Vectors and fields are [`CowSlice`]s: owned by the value when built, decoded by
/// [`decode`](super::decode) or parsed from JSON; borrowed from an [`Arena`](super::Arena)
/// when decoded by [`decode_in`](super::decode_in), which then allocates a few blocks per
/// tree instead of one per object and per vector. [`CowSlice::to_mut`] makes either
/// editable.
///
/// Equality compares doubles by their bits, so that every value equals itself (NaN
/// included) and `0.0 != -0.0`: two values are equal exactly when they encode to the
/// same bytes.
#[derive(Debug, Clone)]
pub enum Value<'a> {
    Int(i32),
    Long(i64),
    Double(f64),
    Int128([u8; 16]),
    Int256([u8; 32]),
    /// `string`: UTF-8 on the wire.
    String(Cow<'a, str>),
    /// `bytes`: any bytes.
    Bytes(Cow<'a, [u8]>),
    /// `Bool`: `boolTrue` / `boolFalse`.
    Bool(bool),
    /// The bare `true` of a `flags.N?true` field: the set bit is the whole value.
    True,
    /// `Vector<T>` or `vector<T>`.
    Vector(CowSlice<'a, Value<'a>>),
    /// A constructor or a function call, boxed or bare.
    Object(Object<'a>),
}

/// A constructor (or function) and its present fields, in declaration order.
///
/// Absent optional fields are not stored, and neither are `#` fields: encoding derives
/// them from which optional fields are present.
#[derive(Clone)]
pub struct Object<'a> {
    /// The full TL name, namespace included: `messages.sendBotRequestedPeer`.
    pub name: Cow<'a, str>,
    pub fields: CowSlice<'a, Field<'a>>,
    /// The constructor this object was decoded or parsed as, so that encoding need not
    /// look its name up. Only a hint: encoding uses it when the registry it is given has
    /// a constructor of this name at that index, and looks the name up otherwise. Not
    /// part of equality.
    pub(crate) origin: Option<ConstructorId>,
}

/// One present field of an [`Object`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    pub name: Cow<'a, str>,
    pub value: Value<'a>,
}

impl<'a> Object<'a> {
    /// An object without fields; add them with [`Object::with`].
    pub fn new(name: impl Into<Cow<'a, str>>) -> Self {
        Self {
            name: name.into(),
            fields: CowSlice::default(),
            origin: None,
        }
    }

    /// Appends a field (callers keep declaration order; encoding accepts any order).
    pub fn with(mut self, name: impl Into<Cow<'a, str>>, value: impl Into<Value<'a>>) -> Self {
        self.fields.to_mut().push(Field {
            name: name.into(),
            value: value.into(),
        });
        self
    }

    /// The value of a present field.
    pub fn get(&self, name: &str) -> Option<&Value<'a>> {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| &f.value)
    }

    pub fn into_owned(self) -> Object<'static> {
        Object {
            name: Cow::Owned(self.name.into_owned()),
            fields: CowSlice::Owned(owned_elements(self.fields, |f| Field {
                name: Cow::Owned(f.name.into_owned()),
                value: f.value.into_owned(),
            })),
            origin: self.origin,
        }
    }
}

impl PartialEq for Object<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.fields == other.fields
    }
}

impl Eq for Object<'_> {}

impl fmt::Debug for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Object")
            .field("name", &self.name)
            .field("fields", &self.fields)
            .finish()
    }
}

impl<'a> Value<'a> {
    pub fn string(s: impl Into<Cow<'a, str>>) -> Self {
        Value::String(s.into())
    }

    pub fn bytes(b: impl Into<Cow<'a, [u8]>>) -> Self {
        Value::Bytes(b.into())
    }

    /// What kind of value this is, for error messages: `int`, `long`, `string`, `object
    /// inputPeerUser`, …
    pub fn describe(&self) -> String {
        match self {
            Value::Object(o) => format!("object `{}`", o.name),
            other => other.kind_name().to_owned(),
        }
    }

    /// The variant's TL name: `int`, `long`, `double`, `int128`, `int256`, `string`,
    /// `bytes`, `Bool`, `true`, `vector`, `object`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Int(_) => "int",
            Value::Long(_) => "long",
            Value::Double(_) => "double",
            Value::Int128(_) => "int128",
            Value::Int256(_) => "int256",
            Value::String(_) => "string",
            Value::Bytes(_) => "bytes",
            Value::Bool(_) => "Bool",
            Value::True => "true",
            Value::Vector(_) => "vector",
            Value::Object(_) => "object",
        }
    }

    pub fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Copies everything borrowed, from the input or the registry.
    pub fn into_owned(self) -> Value<'static> {
        match self {
            Value::Int(v) => Value::Int(v),
            Value::Long(v) => Value::Long(v),
            Value::Double(v) => Value::Double(v),
            Value::Int128(v) => Value::Int128(v),
            Value::Int256(v) => Value::Int256(v),
            Value::String(v) => Value::String(Cow::Owned(v.into_owned())),
            Value::Bytes(v) => Value::Bytes(Cow::Owned(v.into_owned())),
            Value::Bool(v) => Value::Bool(v),
            Value::True => Value::True,
            Value::Vector(v) => {
                Value::Vector(CowSlice::Owned(owned_elements(v, Value::into_owned)))
            }
            Value::Object(o) => Value::Object(o.into_owned()),
        }
    }

    /// The number of nodes in the tree (this one included).
    pub fn node_count(&self) -> usize {
        1 + match self {
            Value::Vector(items) => items.iter().map(Value::node_count).sum(),
            Value::Object(o) => o.fields.iter().map(|f| f.value.node_count()).sum(),
            _ => 0,
        }
    }
}

/// The elements of `slice` passed through `detach`, without copying owned ones first.
fn owned_elements<T: Clone, U>(slice: CowSlice<'_, T>, detach: impl FnMut(T) -> U) -> Vec<U> {
    match slice {
        CowSlice::Owned(v) => v.into_iter().map(detach).collect(),
        CowSlice::Borrowed(s) => s.iter().cloned().map(detach).collect(),
    }
}

impl PartialEq for Value<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Long(a), Value::Long(b)) => a == b,
            (Value::Double(a), Value::Double(b)) => a.to_bits() == b.to_bits(),
            (Value::Int128(a), Value::Int128(b)) => a == b,
            (Value::Int256(a), Value::Int256(b)) => a == b,
            (Value::String(a), Value::String(b)) => a == b,
            (Value::Bytes(a), Value::Bytes(b)) => a == b,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::True, Value::True) => true,
            (Value::Vector(a), Value::Vector(b)) => a == b,
            (Value::Object(a), Value::Object(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Value<'_> {}

impl From<i32> for Value<'_> {
    fn from(v: i32) -> Self {
        Value::Int(v)
    }
}

impl From<i64> for Value<'_> {
    fn from(v: i64) -> Self {
        Value::Long(v)
    }
}

impl From<f64> for Value<'_> {
    fn from(v: f64) -> Self {
        Value::Double(v)
    }
}

impl From<bool> for Value<'_> {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(v: &'a str) -> Self {
        Value::String(Cow::Borrowed(v))
    }
}

impl From<String> for Value<'_> {
    fn from(v: String) -> Self {
        Value::String(Cow::Owned(v))
    }
}

impl<'a> From<Object<'a>> for Value<'a> {
    fn from(v: Object<'a>) -> Self {
        Value::Object(v)
    }
}

impl<'a> From<Vec<Value<'a>>> for Value<'a> {
    fn from(v: Vec<Value<'a>>) -> Self {
        Value::Vector(CowSlice::Owned(v))
    }
}

/// The canonical JSON text (docs/canonical-json.md), on one line.
impl fmt::Display for Value<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&super::json::to_json(self).to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_compare_by_bits() {
        assert_eq!(Value::Double(f64::NAN), Value::Double(f64::NAN));
        assert_ne!(Value::Double(0.0), Value::Double(-0.0));
        assert_ne!(Value::Int(1), Value::Long(1));
    }

    #[test]
    fn builders_and_lookup() {
        let o = Object::new("inputPeerUser")
            .with("user_id", 100i64)
            .with("access_hash", 200i64);
        assert_eq!(o.get("access_hash"), Some(&Value::Long(200)));
        assert_eq!(o.get("flags"), None);
        let v = Value::Object(o).into_owned();
        assert_eq!(v.node_count(), 3);
        assert_eq!(v.describe(), "object `inputPeerUser`");
    }
}
