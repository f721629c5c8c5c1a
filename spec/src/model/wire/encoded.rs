//! An encoder's output for a known value. When it differs from the reference encoding,
//! the checker looks for the encoding mistake that turns one into the other (a `true`
//! field written as a word, a missing vector id, fields out of order, …) and names the
//! rule that mistake breaks; output that matches no known mistake is judged as received
//! bytes.

use crate::codec::EncodeError;
use crate::dynamic::{encode_as, from_json, Kind, Registry, ValueErrorKind};
use crate::model::violation::Violation;

use super::context::Context;
use super::forms::{canonical, long_form};
use super::layout::{walk, Item, Span};
use super::received;

/// The first layer whose schemas have fields sharing a bit.
const FIRST_SHARED_BIT_LAYER: u32 = 177;

pub fn check(context: &Context, value: &serde_json::Value, produced: &[u8]) -> Vec<Violation> {
    let registry = context.registry();
    let Ok(value) = from_json(registry, &context.spec, value) else {
        // Not a value of the type at this layer: only the bytes themselves can be judged.
        return received::check(context, produced);
    };
    let expected = match encode_as(registry, &context.spec, &value) {
        Ok(expected) => expected,
        Err(EncodeError::Value(error)) => return refused(context, &error.kind, produced),
        Err(_) => return received::check(context, produced),
    };
    if expected == produced {
        return Vec::new();
    }
    let spans = walk(registry, context.spec.kind(), &expected).spans;
    let diff = Diff {
        expected: &expected,
        produced,
    };
    if let Some((rules, path, message)) = mistake(context, registry, &spans, &diff) {
        return rules
            .iter()
            .map(|rule| Violation::new(rule, path.clone(), message.clone()))
            .collect();
    }
    let violations = received::check(context, produced);
    if !violations.is_empty() {
        return violations;
    }
    // The output decodes, to another value, in no way the mistakes above explain.
    let at = received::first_difference(&expected, produced);
    let item = received::innermost(&spans, at);
    let path = item.map_or(String::new(), |s| s.path.clone());
    vec![Violation::new(
        received::rule_of_item(item.map(|s| s.item), &expected, item.map_or(at, |s| s.start)),
        format!("bytes[{at}] {path}"),
        format!("expected the encoding of the given value ({} bytes); the output differs from byte {at} and decodes to another value", expected.len()),
    )]
}

/// A value the reference encoder refuses: an output for it is judged by why.
fn refused(context: &Context, why: &ValueErrorKind, produced: &[u8]) -> Vec<Violation> {
    match why {
        ValueErrorKind::InconsistentFlag {
            present, absent, ..
        } if context.layer >= FIRST_SHARED_BIT_LAYER && !produced.is_empty() => {
            vec![Violation::new(
                "TL-22",
                "value",
                format!("expected the encoder to refuse `{present}` without `{absent}`, which shares its flag bit; it wrote {} bytes", produced.len()),
            )]
        }
        _ if produced.is_empty() => Vec::new(),
        _ => received::check(context, produced),
    }
}

/// The reference encoding and an encoder's output.
struct Diff<'a> {
    expected: &'a [u8],
    produced: &'a [u8],
}

impl Diff<'_> {
    /// What the output has in place of `expected[start..end]`, when everything around
    /// that range is as expected.
    fn replaced(&self, start: usize, end: usize) -> Option<&[u8]> {
        let (e, p) = (self.expected, self.produced);
        let tail = e.len().checked_sub(end)?;
        let chunk_end = p.len().checked_sub(tail)?;
        (chunk_end >= start && p.get(..start)? == e.get(..start)? && p[chunk_end..] == e[end..])
            .then(|| &p[start..chunk_end])
    }
}

type Mistake = (Vec<&'static str>, String, String);

/// The known encoding mistake that turns the reference encoding into the output.
fn mistake(
    context: &Context,
    registry: &Registry,
    spans: &[Span],
    diff: &Diff<'_>,
) -> Option<Mistake> {
    let e = diff.expected;
    let found = |rules: &[&'static str], span: &Span, message: String| {
        Some((
            rules.to_vec(),
            format!("bytes[{}] {}", span.start, span.path),
            message,
        ))
    };
    if let Some(found) = empty_vectors_dropped(context, registry, spans, diff) {
        return Some(found);
    }
    // Bytes where nothing was written: a `true` field, an absent field, the end.
    for span in spans.iter().filter(|s| s.start == s.end) {
        let Some(chunk) = diff
            .replaced(span.start, span.start)
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        match span.item {
            Item::Field { object, param }
                if is_true_word(chunk)
                    && param_kind(registry, spans, object, param) == Some(&Kind::True) =>
            {
                return found(
                    &["TL-18"],
                    span,
                    format!(
                        "expected nothing for the `true` field {}; found the word {}",
                        span.path,
                        hex(chunk)
                    ),
                );
            }
            _ => {}
        }
    }
    for span in spans.iter().filter(|s| s.start == s.end) {
        let Some(chunk) = diff
            .replaced(span.start, span.start)
            .filter(|c| !c.is_empty() && c.len() % 4 == 0)
        else {
            continue;
        };
        if let Item::Absent { object, param } = span.item {
            let name = param_name(registry, spans, object, param);
            return found(
                &["TL-19"],
                span,
                format!(
                    "expected nothing for `{name}`, whose flag bit is clear; found {} bytes",
                    chunk.len()
                ),
            );
        }
    }
    if let Some(chunk) = diff
        .replaced(e.len(), e.len())
        .filter(|c| !c.is_empty() && c.len() % 4 != 0)
    {
        return Some((vec!["TL-01"], format!("bytes[{}]", e.len()), format!("expected the value to end after {} bytes, a whole number of words; {} more bytes follow", e.len(), chunk.len())));
    }
    // Padding cut short. Within a run of zero bytes any of them could be the missing one:
    // the last string that explains it is named, as its padding is the run's end.
    for span in spans.iter().rev() {
        let (Item::Text { header, len, .. }, Some(chunk)) =
            (span.item, diff.replaced(span.start, span.end))
        else {
            continue;
        };
        let original = &e[span.start..span.end];
        if chunk.len() < original.len() && chunk.starts_with(&original[..header + len]) {
            let rule = if header == 4 { "TL-07" } else { "TL-06" };
            let rules = if diff.produced.len() % 4 != 0 {
                vec![rule, "TL-01"]
            } else {
                vec![rule]
            };
            return found(
                &rules,
                span,
                format!(
                    "expected {} padding bytes after the {len}-byte value; found {}",
                    original.len() - header - len,
                    chunk.len() - header - len
                ),
            );
        }
    }
    for (index, span) in spans.iter().enumerate() {
        let Some(chunk) = diff.replaced(span.start, span.end) else {
            continue;
        };
        let original = &e[span.start..span.end];
        if chunk == original {
            continue;
        }
        let reversed: Vec<u8> = original.iter().rev().copied().collect();
        match span.item {
            Item::Text {
                string,
                header,
                len,
            } => {
                let payload = &original[header..header + len];
                if len < 254 && chunk == long_form(payload) {
                    return found(&["TL-08"], span, format!("expected the 1-byte length form for length {len}; found the 4-byte form"));
                }
                if !string && chunk == canonical(String::from_utf8_lossy(payload).as_bytes()) {
                    return found(
                        &["TL-10"],
                        span,
                        "expected the bytes value as it is; found it with invalid UTF-8 replaced"
                            .into(),
                    );
                }
                let rule = if header == 4 { "TL-07" } else { "TL-06" };
                if chunk.len() == original.len() && chunk.starts_with(&original[..header + len]) {
                    return found(
                        &[rule],
                        span,
                        format!(
                            "expected zero padding; found {}",
                            hex(&chunk[header + len..])
                        ),
                    );
                }
            }
            Item::Int if chunk == reversed => {
                return found(
                    &["TL-02"],
                    span,
                    format!(
                        "expected the int little-endian ({}); found it big-endian ({})",
                        hex(original),
                        hex(chunk)
                    ),
                )
            }
            Item::Long
                if chunk == reversed
                    || chunk.len() == 8
                        && chunk[..4] == original[4..]
                        && chunk[4..] == original[..4] =>
            {
                return found(
                    &["TL-03"],
                    span,
                    format!(
                        "expected the long low word first, little-endian ({}); found {}",
                        hex(original),
                        hex(chunk)
                    ),
                );
            }
            Item::Double if chunk == reversed => {
                return found(
                    &["TL-04"],
                    span,
                    format!(
                        "expected the double little-endian ({}); found {}",
                        hex(original),
                        hex(chunk)
                    ),
                )
            }
            Item::Int128 | Item::Int256 if chunk == reversed || chunk == canonical(original) => {
                return found(
                    &["TL-05"],
                    span,
                    format!(
                        "expected the {} bytes as they are, without a length prefix; found {}",
                        original.len(),
                        hex(chunk)
                    ),
                );
            }
            Item::Bool if chunk.len() == 4 => {
                return found(
                    &["TL-17"],
                    span,
                    format!(
                        "expected boolTrue or boolFalse ({}); found {}",
                        hex(original),
                        hex(chunk)
                    ),
                )
            }
            // A negative count is what a decoder must reject before anything else about
            // the vector: the same fault as in received bytes.
            Item::Count if chunk.len() == 4 && chunk[3] & 0x80 != 0 => {
                return found(
                    &["TL-16"],
                    span,
                    format!(
                        "expected the element count {}; found a negative count {}, which a decoder must reject",
                        hex(original),
                        hex(chunk)
                    ),
                );
            }
            Item::VectorId | Item::Count => {
                return found(
                    &["TL-14"],
                    span,
                    format!(
                        "expected the vector id and element count ({}); found {}",
                        hex(original),
                        hex(chunk)
                    ),
                );
            }
            Item::Id { element, .. } if chunk.is_empty() => {
                let rule = if element { "TL-15" } else { "TL-11" };
                return found(
                    &[rule],
                    span,
                    format!(
                        "expected the boxed value's constructor id {}; found none",
                        hex(original)
                    ),
                );
            }
            Item::Field { object, param }
                if chunk.is_empty() && context.layer >= FIRST_SHARED_BIT_LAYER =>
            {
                if let Some(other) = bit_partner(registry, spans, object, param) {
                    let name = param_name(registry, spans, object, param);
                    return found(&["TL-22"], span, format!("expected `{name}` with `{other}`, which shares its flag bit and was written; found it left out"));
                }
            }
            Item::Object { ctor, boxed } => {
                let id = registry.constructor(ctor).id().to_le_bytes();
                if !boxed
                    && chunk.len() == original.len() + 4
                    && chunk[..4] == id
                    && chunk[4..] == *original
                {
                    return found(
                        &["TL-12"],
                        span,
                        format!(
                            "expected the bare value without an id; found it boxed with {}",
                            hex(&id)
                        ),
                    );
                }
                // Before reordering: with one # field zero, moving its only bit looks like
                // swapping the two words.
                if let Some(violation) = moved_bits(spans, index, original, chunk) {
                    return found(&["TL-21"], span, violation);
                }
                if let Some(violation) = reordered(spans, index, original, chunk) {
                    return found(&["TL-23"], span, violation);
                }
            }
            Item::Flags { .. } if chunk.len() == 4 => {
                return found(
                    &["TL-20"],
                    span,
                    format!(
                        "expected the flags word {} (the bits of the present fields); found {}",
                        hex(original),
                        hex(chunk)
                    ),
                );
            }
            _ => {}
        }
    }
    elements_bare(spans, diff)
}

/// The encoding of a present empty `Vector` (its id and a zero count).
const EMPTY_VECTOR: [u8; 8] = [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0];

/// Every present, empty conditional vector written as if it were absent: its flag bit
/// cleared unless another written field keeps it set, and the vector left out (or, where
/// the bit is cleared, still written). An encoder that keys
/// presence on a vector being non-empty does this. A cleared bit breaks the flags word
/// (the bits of the present fields), and a vector still written under it breaks the
/// conditional field's rule; a bit kept set by another field leaves the vector missing
/// where its bit says it is written, or, from the first layer with shared bits, missing
/// beside the field that shares its bit.
fn empty_vectors_dropped(
    context: &Context,
    registry: &Registry,
    spans: &[Span],
    diff: &Diff<'_>,
) -> Option<Mistake> {
    let e = diff.expected;
    let dropped: Vec<(&Span, usize, usize)> = spans
        .iter()
        .filter_map(|s| match s.item {
            Item::Field { object, param }
                if matches!(
                    param_kind(registry, spans, object, param),
                    Some(Kind::Vector { .. })
                ) && e.get(s.start..s.end) == Some(&EMPTY_VECTOR[..])
                    && condition(registry, spans, object, param).is_some() =>
            {
                Some((s, object, param))
            }
            _ => None,
        })
        .collect();
    if dropped.is_empty() {
        return None;
    }
    let is_dropped =
        |object: usize, param: usize| dropped.iter().any(|(_, o, p)| (*o, *p) == (object, param));
    let mut rebuilt = e.to_vec();
    let (mut cleared, mut kept) = (false, false);
    for (_, object, param) in &dropped {
        let cond = condition(registry, spans, *object, *param)?;
        let partner_written = spans.iter().any(|s| match s.item {
            Item::Field {
                object: o,
                param: p,
            } if o == *object && p != *param => {
                !is_dropped(o, p)
                    && condition(registry, spans, o, p)
                        .is_some_and(|c| c.slot == cond.slot && c.bit == cond.bit)
            }
            _ => false,
        });
        if partner_written {
            kept = true;
            continue;
        }
        let flags = spans.iter().find(|s| {
            s.item
                == Item::Flags {
                    object: *object,
                    slot: cond.slot,
                }
        })?;
        let word = rebuilt.get_mut(flags.start..flags.end)?;
        let value = u32::from_le_bytes(word.try_into().ok()?) & !(1 << cond.bit);
        word.copy_from_slice(&value.to_le_bytes());
        cleared = true;
    }
    // An encoder that tests for a non-empty vector only when it computes the flags still
    // writes the vector, under a clear bit.
    let still_written = cleared && rebuilt == diff.produced;
    if !still_written {
        for (span, _, _) in dropped.iter().rev() {
            rebuilt.drain(span.start..span.end);
        }
        if rebuilt != diff.produced {
            return None;
        }
    }
    let mut rules = Vec::new();
    if cleared {
        rules.push("TL-20");
    }
    if still_written {
        rules.push("TL-19");
    }
    if kept {
        rules.push(if context.layer >= FIRST_SHARED_BIT_LAYER {
            "TL-22"
        } else {
            "TL-19"
        });
    }
    let (first, object, param) = dropped[0];
    let name = param_name(registry, spans, object, param);
    Some((
        rules,
        format!("bytes[{}] {}", first.start, first.path),
        format!(
            "expected the present empty vector `{name}` ({}) with its flag bit set; found it {}{}",
            hex(&EMPTY_VECTOR),
            if still_written {
                "written under a clear bit"
            } else {
                "written as absent"
            },
            if dropped.len() > 1 {
                format!(", as {} other present empty vectors", dropped.len() - 1)
            } else {
                String::new()
            }
        ),
    ))
}

/// A `true` written as a word: as boolTrue, or as the int 1.
fn is_true_word(chunk: &[u8]) -> bool {
    chunk == crate::codec::BOOL_TRUE.to_le_bytes() || chunk == 1u32.to_le_bytes()
}

/// The output writes the elements of one vector without their ids.
fn elements_bare(spans: &[Span], diff: &Diff<'_>) -> Option<Mistake> {
    let ids: Vec<&Span> = spans
        .iter()
        .filter(|s| matches!(s.item, Item::Id { element: true, .. }))
        .collect();
    let parent = |s: &Span| {
        s.path
            .rsplit_once('/')
            .map_or(String::new(), |(p, _)| p.to_owned())
    };
    for vector in ids.iter().map(|s| parent(s)) {
        let group: Vec<&&Span> = ids.iter().filter(|s| parent(s) == vector).collect();
        let mut rebuilt = Vec::with_capacity(diff.expected.len());
        let mut at = 0;
        for s in &group {
            rebuilt.extend_from_slice(&diff.expected[at..s.start]);
            at = s.end;
        }
        rebuilt.extend_from_slice(&diff.expected[at..]);
        if rebuilt == diff.produced {
            return Some((
                vec!["TL-15"],
                vector.clone(),
                format!(
                    "expected the {} elements of {vector} boxed, each with its id; found them bare",
                    group.len()
                ),
            ));
        }
    }
    None
}

/// The object at `index` (encoded as `original`) written as `chunk`: its fields in another
/// order.
fn reordered(spans: &[Span], index: usize, original: &[u8], chunk: &[u8]) -> Option<String> {
    let object = spans.get(index)?;
    let head = if matches!(object.item, Item::Object { boxed: true, .. }) {
        4
    } else {
        0
    };
    if chunk.len() != original.len() || chunk.get(..head) != original.get(..head) {
        return None;
    }
    let parts: Vec<&[u8]> = direct_parts(spans, index)
        .filter(|s| s.end > s.start)
        .filter_map(|s| original.get(s.start - object.start..s.end - object.start))
        .collect();
    let mut order = Vec::new();
    let mut used = vec![false; parts.len()];
    (arrange(&parts, &chunk[head..], &mut used, &mut order)
        && order.windows(2).any(|w| w[0] > w[1]))
    .then(|| {
        "expected the fields in declaration order; found the same fields in another order"
            .to_owned()
    })
}

/// Whether `rest` is the unused `parts` in some order (the first one found, in `order`).
fn arrange(parts: &[&[u8]], rest: &[u8], used: &mut [bool], order: &mut Vec<usize>) -> bool {
    if rest.is_empty() {
        return used.iter().all(|u| *u);
    }
    for i in 0..parts.len() {
        if !used[i] && rest.starts_with(parts[i]) {
            used[i] = true;
            order.push(i);
            if arrange(parts, &rest[parts[i].len()..], used, order) {
                return true;
            }
            order.pop();
            used[i] = false;
        }
    }
    false
}

/// The spans directly inside the object at `index`: its `#` fields and value fields.
fn direct_parts(spans: &[Span], index: usize) -> impl Iterator<Item = &Span> {
    spans.iter().filter(move |s| match s.item {
        Item::Flags { object, .. } | Item::Field { object, .. } => object == index,
        _ => false,
    })
}

/// The object at `index` with a bit moved from one of its `#` fields to another.
fn moved_bits(spans: &[Span], index: usize, original: &[u8], chunk: &[u8]) -> Option<String> {
    let start = spans.get(index)?.start;
    if chunk.len() != original.len() {
        return None;
    }
    let words: Vec<(usize, u32, u32)> = direct_parts(spans, index)
        .filter(|s| matches!(s.item, Item::Flags { .. }))
        .filter_map(|s| {
            let at = s.start - start;
            let word = |b: &[u8]| {
                b.get(at..at + 4)
                    .and_then(|w| w.try_into().ok())
                    .map(u32::from_le_bytes)
            };
            Some((at, word(original)?, word(chunk)?))
        })
        .collect();
    let changed: Vec<&(usize, u32, u32)> = words.iter().filter(|(_, a, b)| a != b).collect();
    let flags_only = (0..original.len()).all(|i| {
        original[i] == chunk[i] || words.iter().any(|(at, _, _)| (*at..at + 4).contains(&i))
    });
    match changed[..] {
        [(_, a1, b1), (_, a2, b2)] if flags_only && a1 ^ b1 == a2 ^ b2 && (a1 & !b1) | (a2 & !b2) != 0 => {
            Some(format!("expected each conditional field's bit in the # field it names; bits {:#x} were set in the wrong # field", a1 ^ b1))
        }
        _ => None,
    }
}

fn object_ctor(spans: &[Span], object: usize) -> Option<crate::dynamic::ConstructorId> {
    match spans.get(object)?.item {
        Item::Object { ctor, .. } => Some(ctor),
        _ => None,
    }
}

fn param_kind<'r>(
    registry: &'r Registry,
    spans: &[Span],
    object: usize,
    param: usize,
) -> Option<&'r Kind> {
    registry
        .constructor(object_ctor(spans, object)?)
        .params()
        .get(param)
        .map(|p| p.kind())
}

fn condition(
    registry: &Registry,
    spans: &[Span],
    object: usize,
    param: usize,
) -> Option<crate::dynamic::Condition> {
    registry
        .constructor(object_ctor(spans, object)?)
        .params()
        .get(param)?
        .condition()
}

fn param_name(registry: &Registry, spans: &[Span], object: usize, param: usize) -> String {
    object_ctor(spans, object)
        .and_then(|c| {
            registry
                .constructor(c)
                .params()
                .get(param)
                .map(|p| p.name().to_owned())
        })
        .unwrap_or_default()
}

/// Another present field of the object that depends on the same flag bit as `param`.
fn bit_partner(registry: &Registry, spans: &[Span], object: usize, param: usize) -> Option<String> {
    let params = registry.constructor(object_ctor(spans, object)?).params();
    let cond = params.get(param)?.condition()?;
    let present = |i: usize| {
        spans
            .iter()
            .any(|s| s.item == Item::Field { object, param: i })
    };
    params
        .iter()
        .enumerate()
        .find(|(i, p)| {
            *i != param
                && p.condition()
                    .is_some_and(|c| c.slot == cond.slot && c.bit == cond.bit)
                && present(*i)
        })
        .map(|(_, p)| p.name().to_owned())
}

fn hex(bytes: &[u8]) -> String {
    crate::dynamic::hex::encode(bytes)
}
