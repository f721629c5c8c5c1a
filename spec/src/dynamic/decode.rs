//! Bytes to [`Value`], driven by a [`Registry`].
//!
//! Nesting: every constructor read (boxed, bare or a call) is one level of
//! [`Reader::nested`]; vectors are not, since their depth is bounded by the schema's
//! types. With the default limit of 64, the 65th constructor inside 64 others fails with
//! `depth_exceeded` at the offset where it starts.
//!
//! Vector counts are checked by [`Reader::vector_len`] against the element kind's
//! [`Registry::min_size`] (a boxed element counts as its 4-byte id). Elements that may
//! take no bytes at all (`Vector<true>`, bare constructors without fields; no real schema
//! has such a vector) count as one byte there, and are bounded once more: all such
//! vectors of one decode together hold at most as many elements as the input has bytes,
//! else `count_too_large` at the count's offset. So memory stays linear in the input.

use std::borrow::Cow;

use crate::codec::{
    DecodeError, DecodeErrorKind, DecodeOptions, Reader, BOOL_FALSE, BOOL_TRUE, VECTOR,
};

use super::arena::Arena;
use super::cow_slice::CowSlice;
use super::kind::Kind;
use super::registry::{ConstructorId, Registry, MAX_FLAG_FIELDS};
use super::type_spec::TypeSpec;
use super::value::{Field, Object, Value};

type Result<T> = std::result::Result<T, DecodeError>;

/// The most fields an object's first allocation is made for (more grow it): as many as
/// fit in 1,032 bytes, the largest allocation glibc serves from its per-thread cache.
/// Objects with many optional fields rarely have most of them, and one slot per
/// parameter of `chatAdminRights` (19) took glibc's slow path on every decode and drop.
/// In an arena it bounds the room reserved for absent fields.
const MAX_INITIAL_FIELDS: usize = 1032 / std::mem::size_of::<Field<'static>>();

/// The most elements a vector's first allocation is made for, whatever its count says;
/// larger vectors grow as their elements are read.
const MAX_INITIAL_ELEMENTS: usize = 4096;

/// Decodes one value of type `ty` that fills all of `bytes` (strict decoding refuses
/// anything after it; lenient decoding ignores it). The tree owns its fields and
/// vectors: one allocation for each; [`decode_in`] takes fewer.
pub fn decode<'a>(
    registry: &'a Registry,
    ty: &TypeSpec,
    bytes: &'a [u8],
    options: DecodeOptions,
) -> Result<Value<'a>> {
    decode_whole(registry, ty, bytes, options, Heap)
}

/// Decodes one value of type `ty` at the reader's position, leaving the reader after it.
pub fn decode_from<'a>(
    registry: &'a Registry,
    ty: &TypeSpec,
    reader: &mut Reader<'a>,
) -> Result<Value<'a>> {
    Decoder::new(registry, reader, Heap).value(reader, ty.kind())
}

/// [`decode`], with the tree's fields and vector elements borrowed from `arena`: the
/// same values (equal by `==`), about a third cheaper to decode and to drop. Strings
/// that lenient decoding had to repair are copied into the arena too.
pub fn decode_in<'a>(
    arena: &'a Arena,
    registry: &'a Registry,
    ty: &TypeSpec,
    bytes: &'a [u8],
    options: DecodeOptions,
) -> Result<Value<'a>> {
    decode_whole(registry, ty, bytes, options, arena)
}

/// One value that fills all of `bytes`, its tree kept in `store`.
fn decode_whole<'a, S: Store<'a>>(
    registry: &'a Registry,
    ty: &TypeSpec,
    bytes: &'a [u8],
    options: DecodeOptions,
    store: S,
) -> Result<Value<'a>> {
    let mut reader = Reader::new(bytes, options);
    let value = Decoder::new(registry, &reader, store).value(&mut reader, ty.kind())?;
    reader.finish()?;
    Ok(value)
}

/// Where a decoded tree keeps its fields and vector elements: owned `Vec`s ([`Heap`]),
/// or slices of an [`Arena`]. The decoder is generic over it: branching on it for every
/// element cost owned decoding about 1,300 instructions per pass of the spec bench set.
trait Store<'a>: Copy {
    type Vec<T: 'a>;
    fn with_capacity<T: 'a>(self, capacity: usize) -> Self::Vec<T>;
    fn push<T: 'a>(vec: &mut Self::Vec<T>, value: T);
    fn finish<T: 'a>(vec: Self::Vec<T>) -> CowSlice<'a, T>;
    /// A string that lenient decoding repaired, kept where the tree can hold it.
    fn repaired(self, s: String) -> Cow<'a, str>;
}

/// Each vector and each object's fields in an allocation of its own.
#[derive(Clone, Copy)]
struct Heap;

impl<'a> Store<'a> for Heap {
    type Vec<T: 'a> = Vec<T>;

    #[inline(always)]
    fn with_capacity<T: 'a>(self, capacity: usize) -> Vec<T> {
        Vec::with_capacity(capacity)
    }

    #[inline(always)]
    fn push<T: 'a>(vec: &mut Vec<T>, value: T) {
        vec.push(value);
    }

    #[inline(always)]
    fn finish<T: 'a>(vec: Vec<T>) -> CowSlice<'a, T> {
        CowSlice::Owned(vec)
    }

    fn repaired(self, s: String) -> Cow<'a, str> {
        Cow::Owned(s)
    }
}

/// The arena never drops what it holds: nothing a tree decoded into it needs a drop.
impl<'a> Store<'a> for &'a Arena {
    type Vec<T: 'a> = bumpalo::collections::Vec<'a, T>;

    #[inline(always)]
    fn with_capacity<T: 'a>(self, capacity: usize) -> Self::Vec<T> {
        bumpalo::collections::Vec::with_capacity_in(capacity, self.bump())
    }

    #[inline(always)]
    fn push<T: 'a>(vec: &mut Self::Vec<T>, value: T) {
        vec.push(value);
    }

    #[inline(always)]
    fn finish<T: 'a>(vec: Self::Vec<T>) -> CowSlice<'a, T> {
        CowSlice::Borrowed(vec.into_bump_slice())
    }

    fn repaired(self, s: String) -> Cow<'a, str> {
        Cow::Borrowed(self.bump().alloc_str(&s))
    }
}

struct Decoder<'a, S> {
    registry: &'a Registry,
    /// How many more zero-size vector elements this decode may produce.
    zero_size_budget: usize,
    store: S,
}

impl<'a, S: Store<'a>> Decoder<'a, S> {
    fn new(registry: &'a Registry, reader: &Reader<'a>, store: S) -> Self {
        Self {
            registry,
            zero_size_budget: reader.remaining(),
            store,
        }
    }

    fn value(&mut self, r: &mut Reader<'a>, kind: &Kind) -> Result<Value<'a>> {
        if let Some(value) = scalar(r, kind, self.store) {
            return value;
        }
        Ok(match kind {
            Kind::Int
            | Kind::Long
            | Kind::Double
            | Kind::Int128
            | Kind::Int256
            | Kind::String
            | Kind::Bytes
            | Kind::Bool
            | Kind::True
            | Kind::Flags { .. } => unreachable!("read by `scalar`"),
            Kind::Vector {
                boxed,
                elem,
                elem_min,
            } => self.vector(r, *boxed, elem, *elem_min)?,
            Kind::Boxed(t) => r.nested(|r| {
                let (id, at) = r.id()?;
                match self.registry.constructor_of(*t, id) {
                    Some(c) => self.object(r, c),
                    None if self.registry.by_id(id).is_none() && !is_builtin_id(id) => {
                        Err(r.error_at(at, DecodeErrorKind::UnknownConstructor { id }))
                    }
                    _ => Err(r.error_at(
                        at,
                        DecodeErrorKind::UnexpectedConstructor {
                            id,
                            expected: self.registry.type_info(*t).name().to_owned(),
                        },
                    )),
                }
            })?,
            Kind::Bare(c) => r.nested(|r| self.object(r, *c))?,
            Kind::Call(c) => r.nested(|r| {
                let (id, at) = r.id()?;
                let function = self.registry.constructor(*c);
                if id == function.id() {
                    self.object(r, *c)
                } else if self.registry.by_id(id).is_none() && !is_builtin_id(id) {
                    Err(r.error_at(at, DecodeErrorKind::UnknownConstructor { id }))
                } else {
                    Err(r.error_at(
                        at,
                        DecodeErrorKind::UnexpectedConstructor {
                            id,
                            expected: function.name().to_owned(),
                        },
                    ))
                }
            })?,
            Kind::AnyObject => r.nested(|r| {
                let (id, at) = r.id()?;
                match (self.registry.by_id(id), id) {
                    (Some(c), _) => self.object(r, c),
                    (None, BOOL_TRUE) => Ok(Value::Bool(true)),
                    (None, BOOL_FALSE) => Ok(Value::Bool(false)),
                    // A vector's element type is not on the wire: it cannot stand for `Object`.
                    (None, VECTOR) => Err(r.error_at(
                        at,
                        DecodeErrorKind::UnexpectedConstructor {
                            id,
                            expected: "Object".to_owned(),
                        },
                    )),
                    (None, _) => Err(r.error_at(at, DecodeErrorKind::UnknownConstructor { id })),
                }
            })?,
            Kind::AnyFunction => r.nested(|r| {
                let (id, at) = r.id()?;
                match self.registry.by_id(id) {
                    Some(c) if self.registry.constructor(c).is_function() => self.object(r, c),
                    None if !is_builtin_id(id) => {
                        Err(r.error_at(at, DecodeErrorKind::UnknownConstructor { id }))
                    }
                    _ => Err(r.error_at(
                        at,
                        DecodeErrorKind::UnexpectedConstructor {
                            id,
                            expected: "a function call".to_owned(),
                        },
                    )),
                }
            })?,
            Kind::Unresolved(name) => {
                return Err(r.error_at(
                    r.position(),
                    DecodeErrorKind::UnresolvedType {
                        name: name.to_string(),
                    },
                ))
            }
        })
    }

    fn vector(
        &mut self,
        r: &mut Reader<'a>,
        boxed: bool,
        elem: &Kind,
        elem_min: usize,
    ) -> Result<Value<'a>> {
        let count_at = r.position() + if boxed { 4 } else { 0 };
        let count = if boxed {
            r.vector_len(elem_min)?
        } else {
            r.count(elem_min)?
        };
        if elem_min == 0 {
            if count > self.zero_size_budget {
                return Err(r.error_at(
                    count_at,
                    DecodeErrorKind::CountTooLarge {
                        count,
                        remaining: self.zero_size_budget,
                    },
                ));
            }
            self.zero_size_budget -= count;
        }
        let mut items = self.store.with_capacity(count.min(MAX_INITIAL_ELEMENTS));
        for _ in 0..count {
            S::push(&mut items, self.value(r, elem)?);
        }
        Ok(Value::Vector(S::finish(items)))
    }

    /// The fields of constructor `c`, its id already read (or bare).
    fn object(&mut self, r: &mut Reader<'a>, c: ConstructorId) -> Result<Value<'a>> {
        let registry = self.registry;
        let ctor = registry.constructor(c);
        let mut words = [0u32; MAX_FLAG_FIELDS];
        let mut fields = self
            .store
            .with_capacity(ctor.field_count().min(MAX_INITIAL_FIELDS));
        for p in ctor.params() {
            if let Kind::Flags { name, known, slot } = p.kind() {
                words[usize::from(*slot)] = r.flags(name, *known)?;
                continue;
            }
            if let Some(cond) = p.condition() {
                if words[usize::from(cond.slot)] & (1 << cond.bit) == 0 {
                    continue;
                }
            }
            // Scalars read here, without the call: most fields are scalars.
            let value = match scalar(r, p.kind(), self.store) {
                Some(value) => value?,
                None => self.value(r, p.kind())?,
            };
            S::push(
                &mut fields,
                Field {
                    name: Cow::Borrowed(p.name()),
                    value,
                },
            );
        }
        Ok(Value::Object(Object {
            name: Cow::Borrowed(ctor.name()),
            fields: S::finish(fields),
            origin: Some(c),
        }))
    }
}

/// A value of a kind without structure, or `None` for vectors and constructors.
#[inline(always)]
fn scalar<'a, S: Store<'a>>(
    r: &mut Reader<'a>,
    kind: &Kind,
    store: S,
) -> Option<Result<Value<'a>>> {
    let value = match kind {
        Kind::Int => r.int().map(Value::Int),
        Kind::Long => r.long().map(Value::Long),
        Kind::Double => r.double().map(Value::Double),
        Kind::Int128 => r.int128().map(Value::Int128),
        Kind::Int256 => r.int256().map(Value::Int256),
        Kind::String => r.string().map(|s| {
            Value::String(match s {
                Cow::Borrowed(s) => Cow::Borrowed(s),
                Cow::Owned(s) => store.repaired(s),
            })
        }),
        Kind::Bytes => r.bytes().map(|b| Value::Bytes(Cow::Borrowed(b))),
        Kind::Bool => r.bool().map(Value::Bool),
        Kind::True => Ok(Value::True),
        // `#` fields are read by `object`; a `#` anywhere else is a plain natural.
        Kind::Flags { .. } => r.int().map(Value::Int),
        _ => return None,
    };
    Some(value)
}

/// The ids TL gives its builtins, which the registry does not list as constructors.
fn is_builtin_id(id: u32) -> bool {
    matches!(id, BOOL_TRUE | BOOL_FALSE | VECTOR)
}
