//! [`Value`] to bytes, driven by a [`Registry`]: `#` fields are derived from which
//! optional fields are present, and every field is checked against its declared kind.

use crate::codec::{EncodeError, Writer};

use super::error::{ValueError, ValueErrorKind};
use super::kind::Kind;
use super::registry::{same_name, Constructor, Registry, MAX_FLAG_FIELDS};
use super::type_spec::TypeSpec;
use super::value::{Field, Object, Value};

type Result<T> = std::result::Result<T, EncodeError>;

/// The first allocation of the output: 1,032 bytes is the largest glibc serves from its
/// per-thread cache, as cheaply as 256 (callgrind), and a keyboard of a few rows fits,
/// so it is written without growing the buffer. The price: the returned `Vec` may hold
/// up to that much unused capacity.
const INITIAL_CAPACITY: usize = 1024;

/// The `#` fields of all but exotic constructors (real schemas have at most two): the
/// state kept per `#` field is zeroed for every object, and 16 slots of it cost more than
/// the rest of encoding a small object.
const FEW_FLAG_FIELDS: usize = 2;

/// Encodes a value by its own shape: an object boxed (any constructor or function of the
/// registry), a vector boxed with each element by its shape, base values as themselves.
/// Use [`encode_as`] to also check the value against a type.
pub fn encode(registry: &Registry, value: &Value<'_>) -> Result<Vec<u8>> {
    let mut w = Writer::with_capacity(INITIAL_CAPACITY);
    Encoder {
        registry,
        by_name: false,
    }
    .untyped(&mut w, value)?;
    Ok(w.into_bytes())
}

/// Encodes a value of type `ty`: the kinds must match, objects must be constructors of
/// the type (a bare `%T` is written without its id).
pub fn encode_as(registry: &Registry, ty: &TypeSpec, value: &Value<'_>) -> Result<Vec<u8>> {
    let mut w = Writer::with_capacity(INITIAL_CAPACITY);
    encode_into(registry, ty, value, &mut w)?;
    Ok(w.into_bytes())
}

/// [`encode_as`], appending to `w`.
pub fn encode_into(
    registry: &Registry,
    ty: &TypeSpec,
    value: &Value<'_>,
    w: &mut Writer,
) -> Result<()> {
    Encoder {
        registry,
        by_name: false,
    }
    .value(w, ty.kind(), value)
}

struct Encoder<'r> {
    registry: &'r Registry,
    /// Every object's fields go by name ([`Encoder::fields_by_name`]), without first
    /// trying the pass in declaration order: set once an object fell back to that way,
    /// so that a failure deep inside a value is not retried once per level (which would
    /// take time exponential in the depth).
    by_name: bool,
}

fn fail<T>(kind: ValueErrorKind) -> Result<T> {
    Err(EncodeError::Value(Box::new(ValueError::new(kind))))
}

/// Puts `segment` in front of the path of a value error.
fn at(segment: &str) -> impl FnOnce(EncodeError) -> EncodeError + '_ {
    move |e| match e {
        EncodeError::Value(mut v) => {
            v.path = v.path.prefixed(segment);
            EncodeError::Value(v)
        }
        other => other,
    }
}

impl Encoder<'_> {
    fn untyped(&self, w: &mut Writer, value: &Value<'_>) -> Result<()> {
        match value {
            Value::Object(_) | Value::Bool(_) => self.value(w, &Kind::AnyObject, value),
            Value::Vector(items) => {
                w.vector_len(items.len())?;
                for (i, item) in items.iter().enumerate() {
                    self.untyped(w, item).map_err(|e| at(&i.to_string())(e))?;
                }
                Ok(())
            }
            Value::Int(_) => self.value(w, &Kind::Int, value),
            Value::Long(_) => self.value(w, &Kind::Long, value),
            Value::Double(_) => self.value(w, &Kind::Double, value),
            Value::Int128(_) => self.value(w, &Kind::Int128, value),
            Value::Int256(_) => self.value(w, &Kind::Int256, value),
            Value::String(_) => self.value(w, &Kind::String, value),
            Value::Bytes(_) => self.value(w, &Kind::Bytes, value),
            Value::True => Ok(()),
        }
    }

    fn value(&self, w: &mut Writer, kind: &Kind, value: &Value<'_>) -> Result<()> {
        if scalar(w, kind, value)? {
            return Ok(());
        }
        match (kind, value) {
            (Kind::Vector { boxed, elem, .. }, Value::Vector(items)) => {
                if *boxed {
                    w.vector_len(items.len())?;
                } else {
                    w.count(items.len())?;
                }
                for (i, item) in items.iter().enumerate() {
                    // The path segment is built only on failure: formatting the index of
                    // every element was one allocation per element.
                    self.value(w, elem, item)
                        .map_err(|e| at(&i.to_string())(e))?;
                }
            }
            (Kind::Boxed(t), Value::Object(o)) => {
                let ctor = self.constructor(o)?;
                if ctor.type_id() != Some(*t) {
                    let expected = format!("constructor of {}", self.registry.type_info(*t).name());
                    return fail(ValueErrorKind::UnexpectedConstructor {
                        name: o.name.to_string(),
                        expected,
                    });
                }
                w.u32(ctor.id());
                self.fields(w, ctor, o)?;
            }
            (Kind::Bare(c), Value::Object(o)) => {
                let ctor = self.registry.constructor(*c);
                if !same_name(&o.name, ctor.name()) {
                    self.constructor(o)?;
                    let expected = format!("bare {}", ctor.name());
                    return fail(ValueErrorKind::UnexpectedConstructor {
                        name: o.name.to_string(),
                        expected,
                    });
                }
                self.fields(w, ctor, o)?;
            }
            (Kind::Call(c), Value::Object(o)) => {
                let ctor = self.registry.constructor(*c);
                if !same_name(&o.name, ctor.name()) {
                    self.constructor(o)?;
                    let expected = format!("call of {}", ctor.name());
                    return fail(ValueErrorKind::UnexpectedConstructor {
                        name: o.name.to_string(),
                        expected,
                    });
                }
                w.u32(ctor.id());
                self.fields(w, ctor, o)?;
            }
            (Kind::AnyObject, Value::Object(o)) => {
                let ctor = self.constructor(o)?;
                w.u32(ctor.id());
                self.fields(w, ctor, o)?;
            }
            (Kind::AnyObject, Value::Bool(v)) => w.bool(*v),
            (Kind::AnyFunction, Value::Object(o)) => {
                let ctor = self.constructor(o)?;
                if !ctor.is_function() {
                    return fail(ValueErrorKind::UnexpectedConstructor {
                        name: o.name.to_string(),
                        expected: "a function call".to_owned(),
                    });
                }
                w.u32(ctor.id());
                self.fields(w, ctor, o)?;
            }
            (Kind::Unresolved(name), _) => {
                return fail(ValueErrorKind::UnresolvedType {
                    name: name.to_string(),
                })
            }
            (kind, value) => {
                return fail(ValueErrorKind::WrongKind {
                    expected: self.registry.describe(kind),
                    found: value.describe(),
                })
            }
        }
        Ok(())
    }

    #[inline]
    fn constructor(&self, o: &Object<'_>) -> Result<&Constructor> {
        match self.registry.object_constructor(o) {
            Some(c) => Ok(c),
            None => fail(ValueErrorKind::UnknownConstructor {
                name: o.name.to_string(),
            }),
        }
    }

    /// Writes the fields of `o` in declaration order, `#` fields derived.
    ///
    /// Objects that list their fields in declaration order (all that decoding and JSON
    /// parsing produce) take one pass: each `#` field is written as a placeholder while
    /// the fields after it are matched to parameters and written, and patched with the
    /// bits they set at the end. Anything else (fields out of order, missing, unknown or
    /// repeated, flag bits in conflict), and any failure to write a field, truncates
    /// what the pass wrote and goes by name through [`Self::fields_by_name`], which
    /// also reports the errors; so both ways write the same bytes or fail alike. The
    /// objects inside then go by name too (the cost of a failure stays linear in depth).
    fn fields(&self, w: &mut Writer, ctor: &Constructor, o: &Object<'_>) -> Result<()> {
        if self.by_name {
            return self.fields_by_name(w, ctor, o);
        }
        let start = w.len();
        let written = if ctor.flag_field_count() <= FEW_FLAG_FIELDS {
            self.fields_in_order::<FEW_FLAG_FIELDS>(w, ctor, o)
        } else {
            self.fields_in_order::<MAX_FLAG_FIELDS>(w, ctor, o)
        };
        if written.is_none() {
            w.truncate(start);
            let by_name = Encoder {
                registry: self.registry,
                by_name: true,
            };
            return by_name.fields_by_name(w, ctor, o);
        }
        Ok(())
    }

    /// The one pass of [`Self::fields`]; `None` when `o` needs the way by name. `SLOTS`
    /// is at least the constructor's number of `#` fields.
    #[inline]
    fn fields_in_order<const SLOTS: usize>(
        &self,
        w: &mut Writer,
        ctor: &Constructor,
        o: &Object<'_>,
    ) -> Option<()> {
        let mut set = [0u32; SLOTS];
        let mut clear = [0u32; SLOTS];
        let mut placeholders = [0usize; SLOTS];
        let mut fields = o.fields.iter();
        let mut next = fields.next();
        for p in ctor.params() {
            if let Kind::Flags { slot, .. } = p.kind() {
                placeholders[usize::from(*slot)] = w.len();
                w.u32(0);
                continue;
            }
            let f = next.filter(|f| same_name(&f.name, p.name()));
            match (p.condition(), f) {
                (None, None) => return None,
                (None, Some(_)) => {}
                (Some(c), Some(_)) => set[usize::from(c.slot)] |= 1 << c.bit,
                (Some(c), None) => {
                    clear[usize::from(c.slot)] |= 1 << c.bit;
                    continue;
                }
            }
            let f = f?;
            next = fields.next();
            // Scalars written here, without the call: most fields are scalars.
            match scalar(w, p.kind(), &f.value) {
                Ok(true) => {}
                Ok(false) => self.value(w, p.kind(), &f.value).ok()?,
                Err(_) => return None,
            }
        }
        if next.is_some() {
            return None;
        }
        let slots = ctor.flag_field_count();
        for slot in 0..slots {
            if set[slot] & clear[slot] != 0 {
                return None;
            }
            w.patch_u32(placeholders[slot], set[slot]);
        }
        Some(())
    }

    /// [`Self::fields`] for fields in any order: each found by name.
    fn fields_by_name(&self, w: &mut Writer, ctor: &Constructor, o: &Object<'_>) -> Result<()> {
        let params = ctor.params();
        let mut hint = 0;
        let mut matched = 0;
        for (i, p) in params.iter().enumerate() {
            if let Kind::Flags { slot, .. } = p.kind() {
                w.u32(self.flags_word(ctor, i, *slot, o, hint)?);
                continue;
            }
            match find(&o.fields, p.name(), &mut hint) {
                Some(value) => {
                    matched += 1;
                    self.value(w, p.kind(), value).map_err(at(p.name()))?;
                }
                None if p.condition().is_some() => {}
                None => {
                    return fail(ValueErrorKind::MissingField {
                        constructor: ctor.name().into(),
                        field: p.name().into(),
                    })
                }
            }
        }
        if matched != o.fields.len() {
            return Err(extra_field(ctor, o));
        }
        Ok(())
    }

    /// The value of the `#` field at `index`: the bits of the present fields that depend
    /// on it. Fields that share a bit must agree.
    fn flags_word(
        &self,
        ctor: &Constructor,
        index: usize,
        slot: u8,
        o: &Object<'_>,
        hint: usize,
    ) -> Result<u32> {
        let mut word = 0u32;
        let mut decided = 0u32;
        let mut first = [0usize; 32];
        let mut hint = hint;
        for (j, p) in ctor.params().iter().enumerate().skip(index + 1) {
            let Some(cond) = p.condition().filter(|c| c.slot == slot) else {
                continue;
            };
            let present = find(&o.fields, p.name(), &mut hint).is_some();
            let bit = 1u32 << cond.bit;
            if decided & bit == 0 {
                decided |= bit;
                first[cond.bit as usize] = j;
                if present {
                    word |= bit;
                }
            } else if (word & bit != 0) != present {
                let other = ctor.params()[first[cond.bit as usize]].name();
                let (present, absent) = if present {
                    (p.name(), other)
                } else {
                    (other, p.name())
                };
                return fail(ValueErrorKind::InconsistentFlag {
                    constructor: ctor.name().into(),
                    flags: ctor.params()[index].name().into(),
                    bit: cond.bit,
                    present: present.into(),
                    absent: absent.into(),
                });
            }
        }
        Ok(word)
    }
}

/// Writes a scalar of its own kind; `false` (nothing written) for anything else, which
/// [`Encoder::value`] handles, mismatches included.
#[inline(always)]
fn scalar(w: &mut Writer, kind: &Kind, value: &Value<'_>) -> Result<bool> {
    match (kind, value) {
        (Kind::Int, Value::Int(v)) => w.int(*v),
        (Kind::Long, Value::Long(v)) => w.long(*v),
        (Kind::Double, Value::Double(v)) => w.double(*v),
        (Kind::Int128, Value::Int128(v)) => w.raw(v),
        (Kind::Int256, Value::Int256(v)) => w.raw(v),
        (Kind::String, Value::String(v)) => w.string(v)?,
        (Kind::Bytes, Value::Bytes(v)) => w.bytes(v)?,
        (Kind::Bool, Value::Bool(v)) => w.bool(*v),
        (Kind::True, Value::True) => {}
        _ => return Ok(false),
    }
    Ok(true)
}

/// The field called `name`: `hint` is where the previous lookup ended, which is where the
/// next field is when the object lists its fields in declaration order.
fn find<'v, 'a>(fields: &'v [Field<'a>], name: &str, hint: &mut usize) -> Option<&'v Value<'a>> {
    if let Some(f) = fields.get(*hint) {
        if same_name(&f.name, name) {
            *hint += 1;
            return Some(&f.value);
        }
    }
    let i = fields.iter().position(|f| f.name == name)?;
    *hint = i + 1;
    Some(&fields[i].value)
}

/// Why `o` has more fields than matched the parameters: one no parameter has (or a `#`
/// field, which is derived), or one given twice.
fn extra_field(ctor: &Constructor, o: &Object<'_>) -> EncodeError {
    for (i, f) in o.fields.iter().enumerate() {
        let declared = ctor.param(&f.name).is_some_and(|(_, p)| !p.is_flags());
        let kind = if !declared {
            ValueErrorKind::UnknownField {
                constructor: ctor.name().into(),
                field: f.name.to_string(),
            }
        } else if o.fields[..i].iter().any(|g| g.name == f.name) {
            ValueErrorKind::DuplicateField {
                constructor: ctor.name().into(),
                field: f.name.to_string(),
            }
        } else {
            continue;
        };
        return EncodeError::Value(Box::new(ValueError::new(kind)));
    }
    unreachable!("more fields than parameters matched, so one is unknown or repeated")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::DecodeOptions;
    use crate::dynamic::{decode, Object};

    fn registry() -> Registry {
        let schema = tl_parser::parse_schema(
            "inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;\n\
             inputPeerChat#35a95cb9 chat_id:long = InputPeer;\n\
             keyboardButtonStyle#4fdd3430 flags:# bg_primary:flags.0?true bg_danger:flags.1?true \
             bg_success:flags.2?true icon:flags.3?long = KeyboardButtonStyle;",
        )
        .unwrap();
        Registry::build(&schema).unwrap()
    }

    #[test]
    fn a_failure_deep_inside_is_not_retried_per_level() {
        let schema = tl_parser::parse_schema(
            "textPlain#744694e0 text:string = RichText;\n\
             textConcat#7e6260d7 texts:Vector<RichText> = RichText;",
        )
        .unwrap();
        let registry = Registry::build(&schema).unwrap();
        // 60 levels, each retried twice if failures went back up level by level: 2^60.
        let mut value = Value::Object(Object::new("textPlain").with("text", 1i32));
        for _ in 0..60 {
            value = Value::Object(Object::new("textConcat").with("texts", vec![value]));
        }
        let e = encode(&registry, &value).unwrap_err().to_string();
        assert!(e.contains("expected string"), "{e}");
    }

    #[test]
    fn fields_out_of_order_encode_like_in_order() {
        let r = registry();
        let in_order = Object::new("keyboardButtonStyle")
            .with("bg_danger", Value::True)
            .with("icon", 7i64);
        let reversed = Object::new("keyboardButtonStyle")
            .with("icon", 7i64)
            .with("bg_danger", Value::True);
        let bytes = encode(&r, &in_order.into()).unwrap();
        assert_eq!(encode(&r, &reversed.into()).unwrap(), bytes);
        assert_eq!(&bytes[4..8], &[0b1010, 0, 0, 0]);
    }

    #[test]
    fn a_renamed_decoded_object_is_encoded_by_its_new_name() {
        let r = registry();
        let bytes = encode(
            &r,
            &Object::new("inputPeerUser")
                .with("user_id", 1i64)
                .with("access_hash", 2i64)
                .into(),
        )
        .unwrap();
        let Value::Object(mut o) =
            decode(&r, &TypeSpec::object(), &bytes, DecodeOptions::default()).unwrap()
        else {
            panic!("an object");
        };
        assert_eq!(encode(&r, &Value::Object(o.clone())).unwrap(), bytes);
        o.name = "inputPeerChat".into();
        o.fields.to_mut().truncate(1);
        o.fields[0].name = "chat_id".into();
        assert_eq!(
            encode(&r, &Value::Object(o.clone())).unwrap()[..4],
            0x35a9_5cb9u32.to_le_bytes()
        );
        o.name = "inputPeerNobody".into();
        let err = encode(&r, &Value::Object(o)).unwrap_err();
        assert!(
            matches!(err, EncodeError::Value(v) if matches!(v.kind, ValueErrorKind::UnknownConstructor { .. }))
        );
    }
}
