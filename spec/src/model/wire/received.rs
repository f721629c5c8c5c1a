//! Received bytes: decoded strictly; each reason a conforming decoder rejects them is
//! attributed to the rule that makes it a reason, and what decodes must re-encode to the
//! same bytes.

use crate::codec::{DecodeError, DecodeErrorKind, DecodeOptions};
use crate::dynamic::{decode, encode_as};
use crate::era::Era;
use crate::model::violation::Violation;

use super::context::Context;
use super::layout::{walk, Item, Span};
use super::schemas::{elsewhere, era_registry};

pub fn check(context: &Context, bytes: &[u8]) -> Vec<Violation> {
    let registry = context.registry();
    match decode(registry, &context.spec, bytes, DecodeOptions::default()) {
        Err(error) => explain(context, bytes, &error),
        Ok(value) => match encode_as(registry, &context.spec, &value) {
            Ok(again) if again == bytes => Vec::new(),
            again => {
                let at = again.as_ref().map_or(0, |a| first_difference(a, bytes));
                let layout = walk(registry, context.spec.kind(), bytes);
                vec![Violation::new(
                    rule_of_item(innermost(&layout.spans, at).map(|s| s.item), bytes, at),
                    format!("bytes[{at}]"),
                    format!("the bytes decode as {value}, which re-encodes differently ({again:?}); expected a value's only encoding"),
                )]
            }
        },
    }
}

/// The violations behind one decode failure.
pub fn explain(context: &Context, bytes: &[u8], error: &DecodeError) -> Vec<Violation> {
    let at = format!("bytes[{}]", error.offset);
    let kind = &error.kind;
    let one = |rule: &str, message: String| vec![Violation::new(rule, at.clone(), message)];
    let reading = || {
        walk(context.registry(), context.spec.kind(), bytes)
            .failure
            .and_then(|f| f.reading.map(|r| (r, f.start)))
    };
    match kind {
        DecodeErrorKind::Truncated { .. } if bytes.len() % 4 != 0 => {
            one("TL-01", format!("{} bytes, not a whole number of 32-bit words ({kind})", bytes.len()))
        }
        DecodeErrorKind::Truncated { .. } => match reading() {
            Some((item, start)) => one(rule_of_item(Some(item), bytes, start), format!("expected a complete {}; {kind}", describe(item))),
            None => one("TL-01", format!("{kind}")),
        },
        DecodeErrorKind::UnknownConstructor { id } => foreign_id(context, *id, &at),
        DecodeErrorKind::UnexpectedConstructor { id, expected } => wrong_type(context, *id, expected, &at),
        DecodeErrorKind::TrailingBytes { count } => {
            one("TL-01", format!("expected the value to end the input; {count} bytes follow it, and a value is whole words without anything after it"))
        }
        DecodeErrorKind::NonZeroPadding => {
            let long = reading().is_some_and(|(_, start)| bytes.get(start) == Some(&254));
            one(if long { "TL-07" } else { "TL-06" }, "expected zero bytes padding the string to a multiple of 4; found a non-zero byte".into())
        }
        DecodeErrorKind::NonCanonicalLength { len } => {
            one("TL-08", format!("expected the 1-byte length form for length {len}; found the 4-byte form (254, L)"))
        }
        DecodeErrorKind::InvalidLengthPrefix => {
            one("TL-07", "expected a length byte below 254, or 254 then 3 length bytes; found 255".into())
        }
        DecodeErrorKind::InvalidUtf8 => one("TL-09", "expected UTF-8 in a string field; found an invalid sequence".into()),
        DecodeErrorKind::BadVectorId { id } => {
            one("TL-14", format!("expected the vector id #1cb5c415 before the count; found #{id:08x}"))
        }
        DecodeErrorKind::NegativeCount { .. } | DecodeErrorKind::CountTooLarge { .. } => {
            one("TL-16", format!("expected a vector count the rest of the input can hold; {kind}"))
        }
        DecodeErrorKind::BadBool { id } => {
            one("TL-17", format!("expected boolTrue #997275b5 or boolFalse #bc799737; found #{id:08x}"))
        }
        DecodeErrorKind::UnknownFlags { field, bits } => one(
            "TL-20",
            format!("expected `{field}` to set only bits of the constructor's conditional fields; bits {bits:#x} belong to none"),
        ),
        // Nesting beyond the decoder's limit and types the schema lacks are limits of the
        // reader, not faults of the bytes.
        DecodeErrorKind::DepthExceeded { .. } | DecodeErrorKind::UnresolvedType { .. } => Vec::new(),
    }
}

/// An id no constructor of the layer's schema has: one of another layer, or none at all.
fn foreign_id(context: &Context, id: u32, at: &str) -> Vec<Violation> {
    let found = context
        .era
        .and_then(|era| elsewhere(id, era).map(|(other, name)| (era, other, name)));
    let Some((era, other, name)) = found else {
        return vec![Violation::new(
            "TL-13",
            at,
            format!(
                "expected a constructor of the layer-{} schema; #{id:08x} is none",
                context.layer
            ),
        )];
    };
    let mut violations = vec![Violation::new(
        "TL-29",
        at,
        format!(
            "expected an id of the layer-{} schema; #{id:08x} is {name} of layers {other}",
            context.layer
        ),
    )];
    if name == "messages.sendBotRequestedPeer" {
        let own = era_registry(era).and_then(|r| {
            r.by_name(name)
                .map(|c| format!("#{:08x}", r.constructor(c).id()))
        });
        violations.push(Violation::new(
            "TL-30",
            at,
            format!("expected messages.sendBotRequestedPeer {} at layer {}; found the layers-{other} form #{id:08x}", own.unwrap_or_default(), context.layer),
        ));
    }
    if context.layer < Era::L222To223.first_layer() && is_styled(other, name) {
        violations.push(Violation::new(
            "ST-10",
            at,
            format!("expected no style below layer 222; found {name} #{id:08x}, which carries a style (layers {other})"),
        ));
    }
    violations
}

/// `name` in `era` is the style or a button that carries one.
pub fn is_styled(era: Era, name: &str) -> bool {
    let Some(registry) = era_registry(era) else {
        return false;
    };
    name == "keyboardButtonStyle"
        || registry
            .by_name(name)
            .is_some_and(|c| registry.constructor(c).param("style").is_some())
}

/// An id of the layer's schema where a value of another type was due.
fn wrong_type(context: &Context, id: u32, expected: &str, at: &str) -> Vec<Violation> {
    let registry = context.registry();
    let found = registry.by_id(id).map(|c| registry.constructor(c));
    let found_type = found
        .and_then(|c| c.type_id())
        .map(|t| registry.type_info(t).name());
    let name = found.map_or("a builtin", |c| c.name());
    if context.layer >= Era::L229.first_layer() && context.era.is_some() {
        if let Some(found_type) = found_type {
            if family(expected).is_some_and(|f| family(found_type) == Some(!f)) {
                return vec![Violation::new(
                    "KB-23",
                    at,
                    format!(
                        "expected a {expected} (an {} button); found {name}, a {found_type}",
                        if family(expected) == Some(true) {
                            "inline"
                        } else {
                            "reply"
                        }
                    ),
                )];
            }
        }
    }
    vec![Violation::new(
        "TL-13",
        at,
        format!("expected a constructor of {expected}; found {name} #{id:08x}"),
    )]
}

/// `Some(true)` for the types of inline keyboards, `Some(false)` for reply keyboards' (the
/// split of layer 229).
fn family(type_name: &str) -> Option<bool> {
    match type_name {
        "KeyboardInlineButton" | "KeyboardInlineButtonRow" | "InlineButtonType" => Some(true),
        "KeyboardButton" | "KeyboardButtonRow" | "ButtonType" => Some(false),
        _ => None,
    }
}

/// The rule that governs the encoding of `item` (at `start` in `bytes`).
pub fn rule_of_item(item: Option<Item>, bytes: &[u8], start: usize) -> &'static str {
    match item {
        Some(Item::Int) => "TL-02",
        Some(Item::Long) => "TL-03",
        Some(Item::Double) => "TL-04",
        Some(Item::Int128 | Item::Int256) => "TL-05",
        Some(Item::Text { .. }) if bytes.get(start) == Some(&254) => "TL-07",
        Some(Item::Text { .. }) => "TL-06",
        Some(Item::Id { .. } | Item::Object { boxed: true, .. }) => "TL-11",
        Some(Item::Flags { .. }) => "TL-20",
        Some(Item::VectorId | Item::Count) => "TL-14",
        Some(Item::Bool) => "TL-17",
        Some(Item::Field { .. } | Item::Absent { .. }) => "TL-19",
        Some(Item::Object { boxed: false, .. }) => "TL-12",
        None => "TL-01",
    }
}

fn describe(item: Item) -> &'static str {
    match item {
        Item::Int => "int",
        Item::Long => "long",
        Item::Double => "double",
        Item::Int128 => "int128",
        Item::Int256 => "int256",
        Item::Text { .. } => "string or bytes value",
        Item::Id { .. } | Item::Object { .. } => "constructor id",
        Item::Flags { .. } => "# field",
        Item::VectorId => "vector id",
        Item::Count => "vector count",
        Item::Bool => "Bool",
        Item::Field { .. } | Item::Absent { .. } => "field",
    }
}

/// The smallest item of `layout` that covers byte `at`.
pub fn innermost(spans: &[Span], at: usize) -> Option<&Span> {
    spans
        .iter()
        .filter(|s| s.start <= at && at < s.end)
        .min_by_key(|s| s.end - s.start)
}

pub fn first_difference(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .zip(b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()))
}
