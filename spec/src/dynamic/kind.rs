//! What a parameter's type means on the wire, resolved once when the registry is built.

use super::registry::{ConstructorId, TypeId};

/// A parameter type (or a [`TypeSpec`](super::TypeSpec)) resolved against one schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Int,
    Long,
    Double,
    Int128,
    Int256,
    String,
    Bytes,
    /// `Bool`: `boolTrue` / `boolFalse`, always boxed.
    Bool,
    /// Bare `true`: zero bytes; in `flags.N?true` the bit is the whole value.
    True,
    /// `Vector<T>` (`boxed`: with the `vector#1cb5c415` id) or `vector<T>` (count only).
    /// `elem_min` is the least number of bytes one element takes.
    Vector {
        boxed: bool,
        elem: Box<Kind>,
        elem_min: usize,
    },
    /// A boxed type: a constructor id, then that constructor's fields.
    Boxed(TypeId),
    /// A bare constructor (`%T` of a one-constructor type, or a lowercase constructor
    /// name): its fields without an id.
    Bare(ConstructorId),
    /// A call of one function, with its id; only [`TypeSpec`](super::TypeSpec)s name
    /// functions.
    Call(ConstructorId),
    /// A `#` field: 32 bits whose set bits say which conditional fields follow. `known`
    /// has the bits some field of the constructor tests; `slot` numbers the `#` fields
    /// of one constructor from 0; `name` is interned for [`Reader::flags`].
    ///
    /// [`Reader::flags`]: crate::codec::Reader::flags
    Flags {
        name: &'static str,
        known: u32,
        slot: u8,
    },
    /// `Object`: any boxed constructor or function call (or a boxed `Bool`).
    AnyObject,
    /// `!X` of a definition with `{X:Type}`: a call of any function of the schema, with
    /// its id (TL-combinators: `!X` is a function returning X; never a constructor).
    AnyFunction,
    /// A type the schema does not define (or cannot be read, like `%T` of a type with
    /// several constructors). The registry still builds; reading or writing a value of
    /// this kind is an error naming the type as written.
    Unresolved(Box<str>),
}

impl Kind {
    /// A lower bound on the bytes a value of this kind takes on the wire, given that of
    /// each bare constructor body (`body_min`). Boxed values count as their 4-byte id
    /// (what their fields add is not looked at), so the bound depends only on the kind's
    /// own layout: the convention `vector_len` checks counts with.
    pub(crate) fn min_size_with(&self, body_min: &dyn Fn(ConstructorId) -> usize) -> usize {
        match self {
            Kind::Int
            | Kind::Bool
            | Kind::Flags { .. }
            | Kind::AnyObject
            | Kind::AnyFunction
            | Kind::Boxed(_) => 4,
            Kind::Long | Kind::Double => 8,
            Kind::Int128 => 16,
            Kind::Int256 => 32,
            // The 1-byte length and padding: the empty string takes 4 bytes.
            Kind::String | Kind::Bytes => 4,
            Kind::True | Kind::Unresolved(_) => 0,
            Kind::Vector { boxed: true, .. } => 8,
            Kind::Vector { boxed: false, .. } => 4,
            Kind::Call(c) => 4usize.saturating_add(body_min(*c)),
            Kind::Bare(c) => body_min(*c),
        }
    }

    /// Whether reading a value of this kind is certain to fail because of an unresolved
    /// type somewhere inside it (vectors of it may still be empty).
    pub fn is_unresolved(&self) -> bool {
        matches!(self, Kind::Unresolved(_))
    }

    /// The first unresolved type inside this kind (vectors included).
    pub fn find_unresolved(&self) -> Option<&str> {
        match self {
            Kind::Unresolved(name) => Some(name),
            Kind::Vector { elem, .. } => elem.find_unresolved(),
            _ => None,
        }
    }
}
