//! The Rust text for one [`Wire`] type: its Rust type, and expressions that read, write
//! and measure a value of it. Reads and writes call the [`crate::codec`] primitives
//! directly; vectors go through the `#[inline]` helpers of [`crate::typed::runtime`].

use super::layout::wire_min_size;
use super::model::{Model, Wire};

/// How the emitted code reaches a value: a place (`self.text`) or a reference binding
/// (`v` from `if let Some(v) = &self.text`).
#[derive(Debug, Clone, Copy)]
pub enum Access<'s> {
    Place(&'s str),
    Ref(&'s str),
}

impl Access<'_> {
    /// The value, for `Copy` types.
    fn copy(self) -> String {
        match self {
            Access::Place(p) => p.to_owned(),
            Access::Ref(v) => format!("*{v}"),
        }
    }

    /// A reference to the value.
    fn reference(self) -> String {
        match self {
            Access::Place(p) => format!("&{p}"),
            Access::Ref(v) => v.to_owned(),
        }
    }

    /// A method-call receiver (auto-referenced).
    fn receiver(self) -> String {
        match self {
            Access::Place(p) | Access::Ref(p) => p.to_owned(),
        }
    }
}

/// `enums::messages::BotCallbackAnswer`, without lifetime arguments.
pub fn enum_path(model: &Model, e: usize) -> String {
    let en = &model.enums[e];
    path("enums", &en.namespace, &en.rust_name)
}

/// `types::KeyboardButtonUrl`, without lifetime arguments.
pub fn ctor_path(model: &Model, c: usize) -> String {
    let ctor = &model.ctors[c];
    path("types", &ctor.namespace, &ctor.rust_name)
}

pub fn path(module: &str, namespace: &[String], name: &str) -> String {
    let mut out = String::from(module);
    for ns in namespace {
        out.push_str("::");
        out.push_str(&super::naming::ident(ns));
    }
    out.push_str("::");
    out.push_str(name);
    out
}

fn with_lifetime(path: String, borrows: bool, lt: &str) -> String {
    if borrows {
        format!("{path}<{lt}>")
    } else {
        path
    }
}

/// The Rust type; `lt` is the lifetime name for borrowed data (`'a`).
pub fn rust_type(model: &Model, wire: &Wire, lt: &str) -> String {
    match wire {
        Wire::Int => "i32".into(),
        Wire::Long => "i64".into(),
        Wire::Double => "f64".into(),
        Wire::Int128 => "[u8; 16]".into(),
        Wire::Int256 => "[u8; 32]".into(),
        Wire::String => format!("Cow<{lt}, str>"),
        Wire::Bytes => format!("Cow<{lt}, [u8]>"),
        Wire::Bool => "bool".into(),
        Wire::Vector { elem, .. } => format!("Vec<{}>", rust_type(model, elem, lt)),
        Wire::Enum(e) => with_lifetime(enum_path(model, *e), model.enums[*e].lifetime, lt),
        Wire::Bare { ctor, boxed } => {
            let ty = with_lifetime(ctor_path(model, *ctor), model.ctors[*ctor].lifetime, lt);
            if *boxed {
                format!("Box<{ty}>")
            } else {
                ty
            }
        }
        Wire::Generic(name) => name.clone(),
        Wire::Opaque => format!("OpaqueResult<{lt}>"),
    }
}

/// The encoded size of every value of the type, if it is fixed.
pub fn fixed_size(wire: &Wire) -> Option<usize> {
    match wire {
        Wire::Int | Wire::Bool => Some(4),
        Wire::Long | Wire::Double => Some(8),
        Wire::Int128 => Some(16),
        Wire::Int256 => Some(32),
        _ => None,
    }
}

/// An expression of type `Result<T, DecodeError>` that reads one value from `r`.
pub fn read_expr(model: &Model, wire: &Wire) -> String {
    match wire {
        Wire::Int => "r.int()".into(),
        Wire::Long => "r.long()".into(),
        Wire::Double => "r.double()".into(),
        Wire::Int128 => "r.int128()".into(),
        Wire::Int256 => "r.int256()".into(),
        Wire::String => "r.string()".into(),
        Wire::Bytes => "get_bytes(r)".into(),
        Wire::Bool => "r.bool()".into(),
        Wire::Enum(e) => format!("{}::deserialize(r)", enum_path(model, *e)),
        Wire::Bare { ctor, boxed } => {
            let read = format!("r.nested({}::deserialize_bare)", ctor_path(model, *ctor));
            if *boxed {
                format!("{read}.map(Box::new)")
            } else {
                read
            }
        }
        Wire::Vector { boxed, elem } => {
            let helper = if *boxed {
                "read_vector"
            } else {
                "read_bare_vector"
            };
            format!(
                "{helper}(r, {}, {})",
                wire_min_size(model, elem),
                read_fn(model, elem)
            )
        }
        Wire::Generic(name) => format!("{name}::deserialize(r)"),
        Wire::Opaque => "OpaqueResult::deserialize(r)".into(),
    }
}

/// A function or closure `FnMut(&mut Reader<'a>) -> Result<T, DecodeError>`.
pub fn read_fn(model: &Model, wire: &Wire) -> String {
    match wire {
        Wire::Int => "Reader::int".into(),
        Wire::Long => "Reader::long".into(),
        Wire::Double => "Reader::double".into(),
        Wire::Int128 => "Reader::int128".into(),
        Wire::Int256 => "Reader::int256".into(),
        Wire::String => "Reader::string".into(),
        Wire::Bytes => "get_bytes".into(),
        Wire::Bool => "Reader::bool".into(),
        Wire::Enum(e) => format!("{}::deserialize", enum_path(model, *e)),
        Wire::Generic(name) => format!("{name}::deserialize"),
        Wire::Opaque => "OpaqueResult::deserialize".into(),
        Wire::Bare { .. } | Wire::Vector { .. } => format!("|r| {}", read_expr(model, wire)),
    }
}

/// An expression that writes the value to `w`, and whether it is a `Result` (only
/// strings, bytes, vectors and objects can fail).
pub fn write_expr(model: &Model, wire: &Wire, access: Access<'_>) -> (String, bool) {
    let infallible = |s: String| (s, false);
    match wire {
        Wire::Int => infallible(format!("w.int({})", access.copy())),
        Wire::Long => infallible(format!("w.long({})", access.copy())),
        Wire::Double => infallible(format!("w.double({})", access.copy())),
        Wire::Bool => infallible(format!("w.bool({})", access.copy())),
        Wire::Int128 | Wire::Int256 => infallible(format!("w.raw({})", access.reference())),
        Wire::String => (format!("w.string({})", access.reference()), true),
        Wire::Bytes => (format!("w.bytes({})", access.reference()), true),
        Wire::Enum(_) | Wire::Generic(_) | Wire::Opaque => {
            (format!("{}.serialize(w)", access.receiver()), true)
        }
        Wire::Bare { .. } => (format!("{}.serialize_bare(w)", access.receiver()), true),
        Wire::Vector { boxed, elem } => {
            let helper = if *boxed {
                "write_vector"
            } else {
                "write_bare_vector"
            };
            (
                format!(
                    "{helper}(w, {}, {})",
                    access.reference(),
                    write_fn(model, elem)
                ),
                true,
            )
        }
    }
}

/// A function or closure `FnMut(&T, &mut Writer) -> Result<(), EncodeError>`.
pub fn write_fn(model: &Model, wire: &Wire) -> String {
    match wire {
        Wire::Int => "put_int".into(),
        Wire::Long => "put_long".into(),
        Wire::Double => "put_double".into(),
        Wire::Bool => "put_bool".into(),
        Wire::Int128 => "put_int128".into(),
        Wire::Int256 => "put_int256".into(),
        Wire::String => "put_string".into(),
        Wire::Bytes => "put_bytes".into(),
        Wire::Enum(_) | Wire::Generic(_) | Wire::Opaque => "Serialize::serialize".into(),
        Wire::Bare { ctor, boxed: false } => format!("{}::serialize_bare", ctor_path(model, *ctor)),
        Wire::Bare { boxed: true, .. } | Wire::Vector { .. } => {
            format!("|v, w| {}", write_expr(model, wire, Access::Ref("v")).0)
        }
    }
}

/// The encoded size of a value: a constant, or an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Len {
    Fixed(usize),
    Expr(String),
}

pub fn len_expr(model: &Model, wire: &Wire, access: Access<'_>) -> Len {
    if let Some(n) = fixed_size(wire) {
        return Len::Fixed(n);
    }
    let recv = access.receiver();
    Len::Expr(match wire {
        Wire::String | Wire::Bytes => format!("bytes_len({recv}.len())"),
        Wire::Enum(_) | Wire::Generic(_) | Wire::Opaque => format!("{recv}.serialized_len()"),
        Wire::Bare { .. } => format!("{recv}.serialized_len_bare()"),
        Wire::Vector { boxed, elem } => {
            let header = if *boxed { 8 } else { 4 };
            match fixed_size(elem) {
                Some(n) => format!("{header} + {n} * {recv}.len()"),
                None => format!(
                    "vector_len({boxed}, {}, {})",
                    access.reference(),
                    len_fn(model, elem)
                ),
            }
        }
        _ => unreachable!("fixed-size types are handled above"),
    })
}

/// A function or closure `FnMut(&T) -> usize`.
fn len_fn(model: &Model, wire: &Wire) -> String {
    match wire {
        Wire::Enum(_) | Wire::Generic(_) | Wire::Opaque => "Serialize::serialized_len".into(),
        Wire::Bare { ctor, boxed: false } => {
            format!("{}::serialized_len_bare", ctor_path(model, *ctor))
        }
        _ => match len_expr(model, wire, Access::Ref("v")) {
            Len::Fixed(n) => format!("|_| {n}"),
            Len::Expr(e) => format!("|v| {e}"),
        },
    }
}
