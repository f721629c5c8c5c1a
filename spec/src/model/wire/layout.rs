//! Where each part of an encoding lies. A strict walk over the bytes, driven by the same
//! registry and the same [`Reader`] primitives as the dynamic decoder, that records what
//! it reads and where: the checker needs that context to name the rule a failure breaks
//! (a truncated long, the padding of a long-form string) and to explain how an encoder's
//! output differs from the reference encoding (a word inserted where a `true` field is).
//!
//! The walk accepts and rejects exactly what [`crate::dynamic::decode`] does, with the same
//! error; the wire tests check that on arbitrary and corrupted inputs.

use crate::codec::{
    DecodeError, DecodeErrorKind, DecodeOptions, Reader, BOOL_FALSE, BOOL_TRUE, VECTOR,
};
use crate::dynamic::{ConstructorId, Kind, Registry};

/// One item read, `start..end` in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub item: Item,
    /// JSON Pointer to the value the item belongs to: `/rows/0/buttons/1/text`.
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A whole constructor value or call, its id included when it has one.
    Object {
        ctor: ConstructorId,
        boxed: bool,
    },
    /// The id of a boxed value or call (`ctor`: the one it names, if any); `element`: the
    /// value is a vector element.
    Id {
        ctor: Option<ConstructorId>,
        element: bool,
    },
    /// A `#` field of the object whose span is at index `object`.
    Flags {
        object: usize,
        slot: u8,
    },
    /// A present value field `param` of the object at index `object` (`true` fields too,
    /// which take no bytes).
    Field {
        object: usize,
        param: usize,
    },
    /// Where the absent conditional field `param` would be written.
    Absent {
        object: usize,
        param: usize,
    },
    Int,
    Long,
    Double,
    Int128,
    Int256,
    /// A string (or bytes) value: `header` length bytes, `len` payload bytes, then padding.
    Text {
        string: bool,
        header: usize,
        len: usize,
    },
    Bool,
    VectorId,
    /// A vector's element count; the elements follow.
    Count,
}

/// What a walk found: the spans read (all of them when the input decodes), or where it
/// stopped and what it was reading there.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub spans: Vec<Span>,
    pub failure: Option<Failure>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub error: DecodeError,
    /// The item being read (`None` after the value, for trailing bytes).
    pub reading: Option<Item>,
    /// Where that item starts.
    pub start: usize,
    pub path: String,
}

/// Walks `bytes` as one value of `kind`, strictly.
pub fn walk(registry: &Registry, kind: &Kind, bytes: &[u8]) -> Layout {
    let mut walker = Walker {
        registry,
        spans: Vec::new(),
        path: String::new(),
        zero_size_budget: bytes.len(),
        element: false,
    };
    let mut reader = Reader::new(bytes, DecodeOptions::default());
    let result = walker.value(&mut reader, kind).and_then(|()| {
        reader.finish().map_err(|error| Stop {
            error,
            reading: None,
            start: reader.position(),
        })
    });
    let failure = result.err().map(|stop| Failure {
        error: stop.error,
        reading: stop.reading,
        start: stop.start,
        path: walker.path.clone(),
    });
    Layout {
        spans: walker.spans,
        failure,
    }
}

/// A failure on its way out, with what was being read.
struct Stop {
    error: DecodeError,
    reading: Option<Item>,
    start: usize,
}

type Result<T> = std::result::Result<T, Stop>;

struct Walker<'r> {
    registry: &'r Registry,
    spans: Vec<Span>,
    /// The path of the value being read; segments are pushed and popped as the walk goes.
    path: String,
    zero_size_budget: usize,
    /// The next boxed value read is a vector element.
    element: bool,
}

impl Walker<'_> {
    /// Reads one primitive item with `read` and records it.
    fn item<T>(
        &mut self,
        r: &mut Reader<'_>,
        item: Item,
        read: impl FnOnce(&mut Reader<'_>) -> std::result::Result<T, DecodeError>,
    ) -> Result<T> {
        let start = r.position();
        let value = read(r).map_err(|error| Stop {
            error,
            reading: Some(item),
            start,
        })?;
        self.push(start, r.position(), item);
        Ok(value)
    }

    fn push(&mut self, start: usize, end: usize, item: Item) -> usize {
        self.spans.push(Span {
            start,
            end,
            item,
            path: self.path.clone(),
        });
        self.spans.len() - 1
    }

    fn value(&mut self, r: &mut Reader<'_>, kind: &Kind) -> Result<()> {
        let element = std::mem::take(&mut self.element);
        match kind {
            Kind::Int | Kind::Flags { .. } => self.item(r, Item::Int, |r| r.int()).map(drop),
            Kind::Long => self.item(r, Item::Long, |r| r.long()).map(drop),
            Kind::Double => self.item(r, Item::Double, |r| r.double()).map(drop),
            Kind::Int128 => self.item(r, Item::Int128, |r| r.int128()).map(drop),
            Kind::Int256 => self.item(r, Item::Int256, |r| r.int256()).map(drop),
            Kind::String | Kind::Bytes => self.text(r, *kind == Kind::String),
            Kind::Bool => self.item(r, Item::Bool, |r| r.bool()).map(drop),
            Kind::True => Ok(()),
            Kind::Vector {
                boxed,
                elem,
                elem_min,
            } => self.vector(r, *boxed, elem, *elem_min),
            Kind::Boxed(t) => self.nested(r, |w, r| {
                let (id, start) = w.id(r, element)?;
                let kind = match w.registry.by_id(id) {
                    Some(c) if w.registry.constructor(c).type_id() == Some(*t) => {
                        return w.object(r, c, start, element)
                    }
                    None if !is_builtin_id(id) => DecodeErrorKind::UnknownConstructor { id },
                    _ => DecodeErrorKind::UnexpectedConstructor {
                        id,
                        expected: w.registry.type_info(*t).name().to_owned(),
                    },
                };
                Err(bad_id(r, start, element, kind))
            }),
            Kind::Bare(c) => self.nested(r, |w, r| {
                let start = r.position();
                w.fields(r, *c, start, None)
            }),
            Kind::Call(c) => self.nested(r, |w, r| {
                let (id, start) = w.id(r, element)?;
                let function = w.registry.constructor(*c);
                let kind = if id == function.id() {
                    return w.object(r, *c, start, element);
                } else if w.registry.by_id(id).is_none() && !is_builtin_id(id) {
                    DecodeErrorKind::UnknownConstructor { id }
                } else {
                    DecodeErrorKind::UnexpectedConstructor {
                        id,
                        expected: function.name().to_owned(),
                    }
                };
                Err(bad_id(r, start, element, kind))
            }),
            Kind::AnyObject => self.nested(r, |w, r| {
                let (id, start) = w.id(r, element)?;
                let kind = match (w.registry.by_id(id), id) {
                    (Some(c), _) => return w.object(r, c, start, element),
                    (None, BOOL_TRUE | BOOL_FALSE) => {
                        w.push(start, r.position(), Item::Bool);
                        return Ok(());
                    }
                    (None, VECTOR) => DecodeErrorKind::UnexpectedConstructor {
                        id,
                        expected: "Object".to_owned(),
                    },
                    (None, _) => DecodeErrorKind::UnknownConstructor { id },
                };
                Err(bad_id(r, start, element, kind))
            }),
            Kind::AnyFunction => self.nested(r, |w, r| {
                let (id, start) = w.id(r, element)?;
                let kind = match w.registry.by_id(id) {
                    Some(c) if w.registry.constructor(c).is_function() => {
                        return w.object(r, c, start, element)
                    }
                    None if !is_builtin_id(id) => DecodeErrorKind::UnknownConstructor { id },
                    _ => DecodeErrorKind::UnexpectedConstructor {
                        id,
                        expected: "a function call".to_owned(),
                    },
                };
                Err(bad_id(r, start, element, kind))
            }),
            Kind::Unresolved(name) => {
                let at = r.position();
                Err(Stop {
                    error: r.error_at(
                        at,
                        DecodeErrorKind::UnresolvedType {
                            name: name.to_string(),
                        },
                    ),
                    reading: None,
                    start: at,
                })
            }
        }
    }

    /// One nesting level deeper, as the decoder counts them.
    fn nested(
        &mut self,
        r: &mut Reader<'_>,
        read: impl FnOnce(&mut Self, &mut Reader<'_>) -> Result<()>,
    ) -> Result<()> {
        let start = r.position();
        r.enter().map_err(|error| Stop {
            error,
            reading: None,
            start,
        })?;
        let result = read(self, r);
        r.leave();
        result
    }

    fn text(&mut self, r: &mut Reader<'_>, string: bool) -> Result<()> {
        let start = r.position();
        let reading = Item::Text {
            string,
            header: 0,
            len: 0,
        };
        let payload = if string {
            r.string().map(|s| s.len())
        } else {
            r.bytes().map(<[u8]>::len)
        };
        let len = payload.map_err(|error| Stop {
            error,
            reading: Some(reading),
            start,
        })?;
        let header = if len < 254 { 1 } else { 4 };
        self.push(
            start,
            r.position(),
            Item::Text {
                string,
                header,
                len,
            },
        );
        Ok(())
    }

    /// A constructor id, and where it starts.
    fn id(&mut self, r: &mut Reader<'_>, element: bool) -> Result<(u32, usize)> {
        let start = r.position();
        let (id, _) = r.id().map_err(|error| Stop {
            error,
            reading: Some(Item::Id {
                ctor: None,
                element,
            }),
            start,
        })?;
        Ok((id, start))
    }

    fn vector(
        &mut self,
        r: &mut Reader<'_>,
        boxed: bool,
        elem: &Kind,
        elem_min: usize,
    ) -> Result<()> {
        if boxed {
            let start = r.position();
            let (id, at) = self.item(r, Item::VectorId, |r| r.id())?;
            if id != VECTOR {
                self.spans.pop();
                return Err(Stop {
                    error: r.error_at(at, DecodeErrorKind::BadVectorId { id }),
                    reading: Some(Item::VectorId),
                    start,
                });
            }
        }
        let count_at = r.position();
        let count = self.item(r, Item::Count, |r| r.count(elem_min))?;
        if elem_min == 0 {
            if count > self.zero_size_budget {
                let error = r.error_at(
                    count_at,
                    DecodeErrorKind::CountTooLarge {
                        count,
                        remaining: self.zero_size_budget,
                    },
                );
                return Err(Stop {
                    error,
                    reading: Some(Item::Count),
                    start: count_at,
                });
            }
            self.zero_size_budget -= count;
        }
        for i in 0..count {
            let len = self.path.len();
            self.path.push('/');
            self.path.push_str(&i.to_string());
            self.element = true;
            self.value(r, elem)?;
            self.path.truncate(len);
        }
        Ok(())
    }

    /// A boxed value or call whose id (at `start`) has been read.
    fn object(
        &mut self,
        r: &mut Reader<'_>,
        c: ConstructorId,
        start: usize,
        element: bool,
    ) -> Result<()> {
        self.fields(r, c, start, Some(element))
    }

    /// The fields of constructor `c`, after its id at `start` when `boxed` says whether
    /// the value is a vector element, or from `start` when bare. The object's span comes
    /// first, then its id's.
    fn fields(
        &mut self,
        r: &mut Reader<'_>,
        c: ConstructorId,
        start: usize,
        boxed: Option<bool>,
    ) -> Result<()> {
        let registry = self.registry;
        let object = self.push(
            start,
            start,
            Item::Object {
                ctor: c,
                boxed: boxed.is_some(),
            },
        );
        if let Some(element) = boxed {
            self.push(
                start,
                start + 4,
                Item::Id {
                    ctor: Some(c),
                    element,
                },
            );
        }
        let mut words = [0u32; crate::dynamic::MAX_FLAG_FIELDS];
        for (param, p) in registry.constructor(c).params().iter().enumerate() {
            if let Kind::Flags { name, known, slot } = p.kind() {
                words[usize::from(*slot)] = self.item(
                    r,
                    Item::Flags {
                        object,
                        slot: *slot,
                    },
                    |r| r.flags(name, *known),
                )?;
                continue;
            }
            let at = r.position();
            if let Some(cond) = p.condition() {
                if words[usize::from(cond.slot)] & (1 << cond.bit) == 0 {
                    self.push(at, at, Item::Absent { object, param });
                    continue;
                }
            }
            let len = self.path.len();
            self.path.push('/');
            self.path.push_str(p.name());
            self.value(r, p.kind())?;
            self.push(at, r.position(), Item::Field { object, param });
            self.path.truncate(len);
        }
        self.spans[object].end = r.position();
        Ok(())
    }
}

/// An id that is not one the value may have.
fn bad_id(r: &Reader<'_>, start: usize, element: bool, kind: DecodeErrorKind) -> Stop {
    Stop {
        error: r.error_at(start, kind),
        reading: Some(Item::Id {
            ctor: None,
            element,
        }),
        start,
    }
}

/// The ids TL gives its builtins, which registries do not list as constructors.
fn is_builtin_id(id: u32) -> bool {
    matches!(id, BOOL_TRUE | BOOL_FALSE | VECTOR)
}
