//! Generated wire cases: values of the era schemas' types drawn by the dynamic
//! [`Generator`](crate::dynamic::Generator) from a proptest tape, encoded by the
//! reference codec, and the layouts that say where each part of an encoding lies.

use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::codec::DecodeOptions;
use crate::dynamic::{decode, encode_as, to_json, Field, Kind, Object, Registry, TypeSpec, Value};
use crate::era::Era;

use super::layout::{walk, Span};
use super::schemas::{layer_generator, layer_registry, own_registry};
use super::{Origin, WireCase};

/// How deep generated values go: deep enough for an inline keyboard's button types.
const DEPTH: usize = 7;

/// One generated value and its reference encoding.
#[derive(Debug, Clone)]
pub struct Sample {
    pub layer: u32,
    pub type_name: String,
    pub value: Value<'static>,
    pub bytes: Vec<u8>,
}

impl Sample {
    /// The bytes as received.
    pub fn received(self) -> WireCase {
        WireCase::received(self.layer, self.type_name, self.bytes)
    }

    /// The bytes as an encoder's output for the value.
    pub fn encoded(self) -> WireCase {
        WireCase {
            origin: Origin::Encoded {
                value: to_json(&self.value),
            },
            ..WireCase::received(self.layer, self.type_name, self.bytes)
        }
    }

    /// Where each part of the encoding lies.
    pub fn spans(&self) -> Vec<Span> {
        spans_at(self.layer, &self.type_name, &self.bytes)
    }
}

/// The spans of `bytes` read as `type_name` at `layer` (empty when they do not decode).
pub fn spans_at(layer: u32, type_name: &str, bytes: &[u8]) -> Vec<Span> {
    let Some((registry, spec)) = resolve(layer, type_name) else {
        return Vec::new();
    };
    let layout = walk(registry, spec.kind(), bytes);
    if layout.failure.is_some() {
        return Vec::new();
    }
    layout.spans
}

/// The spans of a case's bytes, read with its own definitions or its layer's.
pub fn case_spans(case: &WireCase) -> Vec<Span> {
    match &case.schema {
        None => spans_at(case.layer, &case.type_name, &case.bytes),
        Some(text) => {
            let Some(registry) = own_registry(text) else {
                return Vec::new();
            };
            let Ok(spec) = registry.type_spec(&case.type_name) else {
                return Vec::new();
            };
            let layout = walk(&registry, spec.kind(), &case.bytes);
            if layout.failure.is_some() {
                return Vec::new();
            }
            layout.spans
        }
    }
}

/// The registry of `layer` and `type_name` read there.
pub fn resolve(layer: u32, type_name: &str) -> Option<(&'static Registry, TypeSpec)> {
    let registry = layer_registry(layer)?;
    Some((registry, registry.type_spec(type_name).ok()?))
}

/// A tape of choices for the value generator.
fn tape() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), 0..64)
}

/// A layer of one of `eras`.
pub fn layer_of(eras: Vec<Era>) -> impl Strategy<Value = u32> {
    (select(eras), any::<Index>()).prop_map(|(era, i)| {
        era.first_layer() + i.index((era.last_layer() - era.first_layer() + 1) as usize) as u32
    })
}

/// Every era whose first layer is in `from..=to`.
pub fn eras(from: u32, to: u32) -> Vec<Era> {
    Era::ALL
        .into_iter()
        .filter(|e| (from..=to).contains(&e.first_layer()))
        .collect()
}

/// Values of one of `types` (boxed types, functions, or lowercase constructor names for
/// bare values) at a layer of `eras`, each edited by `edit` (given a random number);
/// types a layer lacks are skipped.
pub fn samples(
    eras: Vec<Era>,
    types: &'static [&'static str],
    edit: Edit,
) -> BoxedStrategy<Sample> {
    (layer_of(eras), select(types), tape(), any::<u64>())
        .prop_filter_map(
            "the type exists at the layer",
            move |(layer, type_name, tape, seed)| {
                let (registry, spec) = resolve(layer, type_name)?;
                let mut value = layer_generator(layer)?.generate(&tape, spec.kind(), DEPTH)?;
                edit(&mut value, seed);
                sample(registry, &spec, layer, type_name, &value)
            },
        )
        .boxed()
}

/// Values of one constructor `name` of the layer's schema, boxed as its type.
pub fn objects(eras: Vec<Era>, name: &'static str, edit: Edit) -> BoxedStrategy<Sample> {
    (layer_of(eras), tape(), any::<u64>())
        .prop_filter_map(
            "the constructor exists at the layer",
            move |(layer, tape, seed)| {
                let registry = layer_registry(layer)?;
                let c = registry.by_name(name)?;
                let type_name = registry
                    .type_info(registry.constructor(c).type_id()?)
                    .name()
                    .to_owned();
                let spec = registry.type_spec(&type_name).ok()?;
                let mut value = layer_generator(layer)?.generate(&tape, &Kind::Bare(c), DEPTH)?;
                edit(&mut value, seed);
                sample(registry, &spec, layer, &type_name, &value)
            },
        )
        .boxed()
}

/// The reference encoding of `value`, and the value as decoded back (declaration order).
pub fn sample(
    registry: &Registry,
    spec: &TypeSpec,
    layer: u32,
    type_name: &str,
    value: &Value<'_>,
) -> Option<Sample> {
    let bytes = encode_as(registry, spec, value).ok()?;
    let value = decode(registry, spec, &bytes, DecodeOptions::default())
        .ok()?
        .into_owned();
    Some(Sample {
        layer,
        type_name: type_name.to_owned(),
        value,
        bytes,
    })
}

/// A change to a generated value, given a random number.
pub type Edit = fn(&mut Value<'static>, u64);

/// Leaves a value as generated.
pub fn unchanged(_: &mut Value<'static>, _: u64) {}

/// Sets field `name` of the object `value` (adding it if absent).
pub fn set_field(value: &mut Value<'static>, name: &'static str, field: Value<'static>) {
    if let Value::Object(o) = value {
        let fields = o.fields.to_mut();
        match fields.iter_mut().find(|f| f.name == name) {
            Some(f) => f.value = field,
            None => fields.push(Field {
                name: name.into(),
                value: field,
            }),
        }
    }
}

/// The object `value` without field `name`.
pub fn remove_field(value: &mut Value<'static>, name: &str) {
    if let Value::Object(o) = value {
        o.fields.to_mut().retain(|f| f.name != name);
    }
}

/// An object of constructor `name` with `fields`.
pub fn object(name: &'static str, fields: Vec<(&'static str, Value<'static>)>) -> Value<'static> {
    let mut object = Object::new(name);
    object.fields = fields
        .into_iter()
        .map(|(n, v)| Field {
            name: n.into(),
            value: v,
        })
        .collect();
    Value::Object(object)
}

/// The first string anywhere in `value`, for edits that need one of a given length.
pub fn first_string<'v>(value: &'v mut Value<'static>) -> Option<&'v mut Value<'static>> {
    match value {
        Value::String(_) => Some(value),
        Value::Vector(items) => items.iter_mut().find_map(first_string),
        Value::Object(o) => o.fields.iter_mut().find_map(|f| first_string(&mut f.value)),
        _ => None,
    }
}
