//! Encoder and parser mistakes, each applied to a valid case's output (its bytes, or the id
//! given to its schema line). Each returns `false` when the case has nothing it acts on.

use std::sync::OnceLock;

use crate::codec::DecodeOptions;
use crate::codec::BOOL_TRUE;
use crate::dynamic::{decode, encode_as, ConstructorId, Field, Kind, Registry, Value};
use crate::era::{era_for_layer, Era};
use crate::model::subject::Subject;

use super::forms::{canonical, long_form};
use super::gen::{case_spans, object, resolve, set_field};
use super::layout::{Item, Span};
use super::received::is_styled;
use super::schema_line::{normalize, written_digits, Bytes, Steps, SMALL_ID};
use super::schemas::{era_registry, layer_registry};
use super::{Origin, WireCase};
use crc32fast::hash as crc32;

fn case(subject: &mut Subject) -> Option<&mut WireCase> {
    match subject {
        Subject::Wire(case) => Some(case),
        _ => None,
    }
}

/// The first span of the case's encoding that `pick` accepts, with all the spans.
fn find(case: &WireCase, pick: impl Fn(&[Span], &Span) -> bool) -> Option<(Span, Vec<Span>)> {
    let spans = case_spans(case);
    let span = spans.iter().find(|s| pick(&spans, s))?.clone();
    Some((span, spans))
}

/// Applies `change` to the bytes of the first span `pick` accepts.
fn at_span(
    subject: &mut Subject,
    pick: impl Fn(&[Span], &Span) -> bool,
    change: impl FnOnce(&mut Vec<u8>, &Span) -> bool,
) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Some((span, _)) = find(case, pick) else {
        return false;
    };
    change(&mut case.bytes, &span)
}

fn splice(bytes: &mut Vec<u8>, start: usize, end: usize, with: &[u8]) {
    bytes.splice(start..end, with.iter().copied());
}

fn padding(span: &Span) -> usize {
    match span.item {
        Item::Text { header, len, .. } => span.end - span.start - header - len,
        _ => 0,
    }
}

fn reverse(bytes: &mut [u8], span: &Span) -> bool {
    bytes[span.start..span.end].reverse();
    true
}

fn not_palindrome(bytes: &[u8]) -> bool {
    bytes.iter().ne(bytes.iter().rev())
}

/// A C-style encoder ends the value with a NUL byte.
pub fn nul_terminated(subject: &mut Subject) -> bool {
    case(subject).map(|c| c.bytes.push(0)).is_some()
}

pub fn int_big_endian(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let bytes = case.bytes.clone();
    let Some((span, _)) = find(case, |_, s| {
        s.item == Item::Int && not_palindrome(&bytes[s.start..s.end])
    }) else {
        return false;
    };
    reverse(&mut case.bytes, &span)
}

pub fn long_high_word_first(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let bytes = case.bytes.clone();
    let Some((span, _)) = find(case, |_, s| {
        s.item == Item::Long && bytes[s.start..s.start + 4] != bytes[s.start + 4..s.end]
    }) else {
        return false;
    };
    case.bytes[span.start..span.end].rotate_left(4);
    true
}

pub fn double_big_endian(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let bytes = case.bytes.clone();
    let Some((span, _)) = find(case, |_, s| {
        s.item == Item::Double && not_palindrome(&bytes[s.start..s.end])
    }) else {
        return false;
    };
    reverse(&mut case.bytes, &span)
}

/// int128 and int256 written as `bytes`, with a length prefix.
pub fn wide_int_as_bytes(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| matches!(s.item, Item::Int128 | Item::Int256),
        |bytes, span| {
            let with = canonical(&bytes[span.start..span.end]);
            splice(bytes, span.start, span.end, &with);
            true
        },
    )
}

/// A short string's padding one byte short (computed from the payload's length alone).
pub fn padding_byte_missing(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| matches!(s.item, Item::Text { header: 1, .. }) && padding(s) > 0,
        |bytes, span| {
            bytes.remove(span.end - 1);
            true
        },
    )
}

/// Short strings padded with spaces instead of zeros.
pub fn padded_with_spaces(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| matches!(s.item, Item::Text { header: 1, .. }) && padding(s) > 0,
        |bytes, span| {
            bytes[span.end - padding(span)..span.end].fill(b' ');
            true
        },
    )
}

/// The long-form path leaves its padding bytes uninitialised.
pub fn long_padding_uninitialised(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| matches!(s.item, Item::Text { header: 4, .. }) && padding(s) > 0,
        |bytes, span| {
            bytes[span.end - padding(span)..span.end].fill(0xcd);
            true
        },
    )
}

/// Every string and bytes value written in the 4-byte length form.
pub fn long_form_always(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let texts: Vec<Span> = case_spans(case)
        .into_iter()
        .filter(|s| matches!(s.item, Item::Text { header: 1, .. }))
        .collect();
    for span in texts.iter().rev() {
        if let Item::Text { header, len, .. } = span.item {
            let with = long_form(&case.bytes[span.start + header..span.start + header + len]);
            splice(&mut case.bytes, span.start, span.end, &with);
        }
    }
    !texts.is_empty()
}

/// A string's first character written as a Latin-1 byte.
pub fn string_in_latin1(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| {
            matches!(
                s.item,
                Item::Text {
                    string: true,
                    len: 1..,
                    ..
                }
            )
        },
        |bytes, span| {
            if let Item::Text { header, .. } = span.item {
                bytes[span.start + header] = 0xff;
            }
            true
        },
    )
}

/// A bytes value passed through a text API, which replaces invalid UTF-8 with U+FFFD.
pub fn bytes_made_valid_utf8(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let bytes = case.bytes.clone();
    let payload = |s: &Span| match s.item {
        Item::Text {
            string: false,
            header,
            len,
        } => Some(&bytes[s.start + header..s.start + header + len]),
        _ => None,
    };
    let Some((span, _)) = find(case, |_, s| {
        payload(s).is_some_and(|p| std::str::from_utf8(p).is_err())
    }) else {
        return false;
    };
    let Some(data) = payload(&span) else {
        return false;
    };
    let with = canonical(String::from_utf8_lossy(data).as_bytes());
    splice(&mut case.bytes, span.start, span.end, &with);
    true
}

/// A boxed field (not the value itself) written without its constructor id.
pub fn boxed_field_without_id(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| matches!(s.item, Item::Id { element: false, .. }) && s.start > 0,
        |bytes, span| {
            splice(bytes, span.start, span.end, &[]);
            true
        },
    )
}

/// A bare value written with its constructor id, as if boxed.
pub fn bare_value_with_id(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Some((registry, _)) = resolve(case.layer, &case.type_name) else {
        return false;
    };
    let Some((span, _)) = find(case, |_, s| {
        matches!(s.item, Item::Object { boxed: false, .. }) && s.start == 0
    }) else {
        return false;
    };
    let Item::Object { ctor, .. } = span.item else {
        return false;
    };
    splice(
        &mut case.bytes,
        0,
        0,
        &registry.constructor(ctor).id().to_le_bytes(),
    );
    true
}

/// An InputPeer written as the InputUser with the same fields: the id of an inputPeerUser
/// (wherever one is) replaced by inputUser's. Values without an inputPeerUser give the
/// mistake nothing to act on.
pub fn input_user_for_input_peer(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Some((registry, _)) = resolve(case.layer, &case.type_name) else {
        return false;
    };
    let (Some(peer_user), Some(user)) = (
        registry.by_name("inputPeerUser"),
        registry.by_name("inputUser"),
    ) else {
        return false;
    };
    let Some((span, _)) = find(
        case,
        |_, s| matches!(s.item, Item::Id { ctor: Some(c), .. } if c == peer_user),
    ) else {
        return false;
    };
    let id = registry.constructor(user).id().to_le_bytes();
    splice(&mut case.bytes, span.start, span.end, &id);
    true
}

/// A Vector written like a bare vector: the count without the id.
pub fn vector_without_id(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| s.item == Item::VectorId,
        |bytes, span| {
            splice(bytes, span.start, span.end, &[]);
            true
        },
    )
}

/// The elements of a vector of a boxed type written bare.
pub fn vector_elements_bare(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let spans = case_spans(case);
    let parent = |s: &Span| s.path.rsplit_once('/').map(|(p, _)| p.to_owned());
    let Some(first) = spans
        .iter()
        .find(|s| matches!(s.item, Item::Id { element: true, .. }))
    else {
        return false;
    };
    let vector = parent(first);
    for s in spans
        .iter()
        .rev()
        .filter(|s| matches!(s.item, Item::Id { element: true, .. }) && parent(s) == vector)
    {
        splice(&mut case.bytes, s.start, s.end, &[]);
    }
    true
}

/// An empty vector written as a null list, count -1.
pub fn empty_vector_count_minus_one(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let bytes = case.bytes.clone();
    let Some((span, _)) = find(case, |_, s| {
        s.item == Item::Count && bytes[s.start..s.end] == [0; 4]
    }) else {
        return false;
    };
    case.bytes[span.start..span.end].copy_from_slice(&(-1i32).to_le_bytes());
    true
}

/// A Bool written as the int 1 (or 0).
pub fn bool_as_int_one(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| s.item == Item::Bool,
        |bytes, span| {
            bytes[span.start..span.end].copy_from_slice(&1i32.to_le_bytes());
            true
        },
    )
}

/// The kind of parameter `param` of the object whose span is `spans[object]`.
fn param_kind<'r>(
    registry: &'r Registry,
    spans: &[Span],
    object: usize,
    param: usize,
) -> Option<&'r Kind> {
    let Item::Object { ctor, .. } = spans.get(object)?.item else {
        return None;
    };
    registry
        .constructor(ctor)
        .params()
        .get(param)
        .map(|p| p.kind())
}

fn is_true_field(registry: &Registry, spans: &[Span], s: &Span) -> bool {
    matches!(s.item, Item::Field { object, param } if param_kind(registry, spans, object, param) == Some(&Kind::True))
}

/// A present `flags.N?true` field written as a boolTrue word.
pub fn true_flag_as_word(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Some((registry, _)) = resolve(case.layer, &case.type_name) else {
        return false;
    };
    let Some((span, _)) = find(case, |spans, s| is_true_field(registry, spans, s)) else {
        return false;
    };
    splice(
        &mut case.bytes,
        span.start,
        span.start,
        &BOOL_TRUE.to_le_bytes(),
    );
    true
}

/// The encoding of an empty value of `kind`, for the kinds that have one.
fn empty(kind: &Kind) -> Option<Vec<u8>> {
    match kind {
        Kind::Int | Kind::String | Kind::Bytes => Some(vec![0; 4]),
        Kind::Long | Kind::Double => Some(vec![0; 8]),
        Kind::Bool => Some(crate::codec::BOOL_FALSE.to_le_bytes().to_vec()),
        _ => None,
    }
}

/// An absent optional field written anyway, as an empty value.
pub fn absent_field_written(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Some((registry, _)) = resolve(case.layer, &case.type_name) else {
        return false;
    };
    let pick = |spans: &[Span], s: &Span| match s.item {
        Item::Absent { object, param } => {
            param_kind(registry, spans, object, param)
                .and_then(empty)
                .is_some()
                && !spans.iter().any(|t| {
                    t.start == s.start && t.end == s.start && is_true_field(registry, spans, t)
                })
        }
        _ => false,
    };
    let Some((span, spans)) = find(case, pick) else {
        return false;
    };
    let Item::Absent { object, param } = span.item else {
        return false;
    };
    let Some(with) = param_kind(registry, &spans, object, param).and_then(empty) else {
        return false;
    };
    splice(&mut case.bytes, span.start, span.start, &with);
    true
}

/// A flags word with bit 31 set, as an encoder that keeps a sign bit as a marker does.
pub fn flags_bit_31(subject: &mut Subject) -> bool {
    at_span(
        subject,
        |_, s| matches!(s.item, Item::Flags { .. }),
        |bytes, span| {
            bytes[span.end - 1] |= 0x80;
            true
        },
    )
}

/// A bit of the second `#` field set in the first one instead.
pub fn flags2_bit_in_flags(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let spans = case_spans(case);
    let word = |slot: u8| {
        spans
            .iter()
            .find(|s| matches!(s.item, Item::Flags { object: 0, slot: n } if n == slot))
            .map(|s| s.start)
    };
    let (Some(first), Some(second)) = (word(0), word(1)) else {
        return false;
    };
    let read = |at: usize| {
        u32::from_le_bytes([
            case.bytes[at],
            case.bytes[at + 1],
            case.bytes[at + 2],
            case.bytes[at + 3],
        ])
    };
    let (w1, w2) = (read(first), read(second));
    let movable = w2 & !w1;
    if movable == 0 {
        return false;
    }
    let bit = movable & movable.wrapping_neg();
    case.bytes[first..first + 4].copy_from_slice(&(w1 | bit).to_le_bytes());
    case.bytes[second..second + 4].copy_from_slice(&(w2 & !bit).to_le_bytes());
    true
}

/// Of two fields that share a flag bit, only the first written.
pub fn shared_bit_second_dropped(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Some((registry, _)) = resolve(case.layer, &case.type_name) else {
        return false;
    };
    let named = |spans: &[Span], s: &Span| match s.item {
        Item::Field { object, param } => match spans.get(object).map(|o| o.item) {
            Some(Item::Object { ctor, .. }) => registry
                .constructor(ctor)
                .params()
                .get(param)
                .is_some_and(|p| p.name() == "last_name"),
            _ => false,
        },
        _ => false,
    };
    let Some((span, _)) = find(case, named) else {
        return false;
    };
    splice(&mut case.bytes, span.start, span.end, &[]);
    true
}

/// The top object's fields written flags first, then optional fields by bit number, then
/// the others: the order of the bits, not of the declaration.
pub fn fields_in_bit_order(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Some((registry, _)) = resolve(case.layer, &case.type_name) else {
        return false;
    };
    let spans = case_spans(case);
    let Some(Item::Object { ctor, boxed }) = spans.first().map(|s| s.item) else {
        return false;
    };
    let params = registry.constructor(ctor).params();
    let mut parts: Vec<((u8, u32, usize), &Span)> = spans
        .iter()
        .filter_map(|s| match s.item {
            Item::Flags { object: 0, slot } => Some(((0, 0, usize::from(slot)), s)),
            Item::Field { object: 0, param } => {
                let key = params
                    .get(param)?
                    .condition()
                    .map_or((2, 0, param), |c| (1, c.bit, param));
                Some((key, s))
            }
            _ => None,
        })
        .collect();
    let declared: Vec<usize> = parts.iter().map(|(_, s)| s.start).collect();
    parts.sort_by_key(|(key, _)| *key);
    if parts.iter().map(|(_, s)| s.start).eq(declared) {
        return false;
    }
    let head = if boxed { 4 } else { 0 };
    let end = spans[0].end;
    let mut rebuilt = case.bytes[..head].to_vec();
    for (_, s) in &parts {
        rebuilt.extend_from_slice(&case.bytes[s.start..s.end]);
    }
    splice(&mut case.bytes, 0, end, &rebuilt);
    true
}

/// The schema line of a case and the id given to it.
fn line_and_id(subject: &mut Subject) -> Option<(&str, &mut Option<u32>)> {
    match &mut case(subject)?.origin {
        Origin::SchemaLine { line, id } => Some((line.as_str(), id)),
        _ => None,
    }
}

/// The CRC32 of the line as it stands in the file.
pub fn crc_of_line_as_written(subject: &mut Subject) -> bool {
    let Some((line, id)) = line_and_id(subject) else {
        return false;
    };
    *id = Some(crc32(line.trim().as_bytes()));
    true
}

fn crc_with(subject: &mut Subject, steps: Steps) -> bool {
    let Some((line, id)) = line_and_id(subject) else {
        return false;
    };
    let Ok(def) = line.parse::<tl_parser::Definition>() else {
        return false;
    };
    let text = normalize(&def, steps);
    if text == def.normalized_line() {
        return false;
    }
    *id = Some(crc32(text.as_bytes()));
    true
}

pub fn crc_keeps_bytes(subject: &mut Subject) -> bool {
    crc_with(
        subject,
        Steps {
            bytes: Bytes::Kept,
            ..Steps::RIGHT
        },
    )
}

pub fn crc_keeps_true_flags(subject: &mut Subject) -> bool {
    crc_with(
        subject,
        Steps {
            keep_true: true,
            ..Steps::RIGHT
        },
    )
}

/// `#2b78156` read as if its digits were the high ones: 0x2b781560.
pub fn short_id_as_high_digits(subject: &mut Subject) -> bool {
    let Some((line, id)) = line_and_id(subject) else {
        return false;
    };
    let (Some(digits), Some(value)) = (written_digits(line), *id) else {
        return false;
    };
    if !(1..8).contains(&digits) {
        return false;
    }
    *id = Some(value << (4 * (8 - digits)));
    true
}

/// A parser that takes ids below 0x01000000 for out of range refuses the lines that have
/// one; other lines it reads right.
pub fn small_id_refused(subject: &mut Subject) -> bool {
    let Some((_, id)) = line_and_id(subject) else {
        return false;
    };
    if !id.is_some_and(|value| value < SMALL_ID) {
        return false;
    }
    *id = None;
    true
}

/// Per era, the constructors whose id differs in another era, with that other id, when
/// writing it breaks no rule but the layer's own ids: not sendBotRequestedPeer, and
/// below 222 not a styled button of a later layer.
pub fn changed_ids(era: Era) -> &'static [(ConstructorId, u32)] {
    static BUILT: [OnceLock<Vec<(ConstructorId, u32)>>; 8] = [const { OnceLock::new() }; 8];
    BUILT[era as usize].get_or_init(|| {
        let Some(registry) = era_registry(era) else {
            return Vec::new();
        };
        registry
            .constructors()
            .filter(|(_, c)| !c.is_function() && c.name() != "messages.sendBotRequestedPeer")
            .filter_map(|(cid, c)| {
                Era::ALL
                    .into_iter()
                    .filter(|&e| e != era)
                    .find_map(|other| {
                        let theirs = era_registry(other)?;
                        let id = theirs.constructor(theirs.by_name(c.name())?).id();
                        let styled = era < Era::L222To223
                            && other >= Era::L222To223
                            && is_styled(other, c.name());
                        (id != c.id() && registry.by_id(id).is_none() && !styled)
                            .then_some((cid, id))
                    })
            })
            .collect()
    })
}

/// The top constructor written with its id of another layer.
pub fn stale_constructor_id(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Ok(era) = era_for_layer(case.layer) else {
        return false;
    };
    let Some((span, _)) = find(case, |_, s| {
        s.start == 0 && matches!(s.item, Item::Id { .. })
    }) else {
        return false;
    };
    let Item::Id {
        ctor: Some(ctor), ..
    } = span.item
    else {
        return false;
    };
    // The walk numbers constructors in the layer's registry, `changed_ids` in the era's.
    let (Some(layer_registry), Some(registry)) = (layer_registry(case.layer), era_registry(era))
    else {
        return false;
    };
    let name = layer_registry.constructor(ctor).name();
    let Some(&(_, id)) = changed_ids(era)
        .iter()
        .find(|(c, _)| registry.constructor(*c).name() == name)
    else {
        return false;
    };
    case.bytes[..4].copy_from_slice(&id.to_le_bytes());
    true
}

/// Re-encodes the case's value, changed by `convert`, with the schema of `era`.
fn rewrite(
    case: &mut WireCase,
    era: Era,
    type_name: &str,
    convert: impl FnOnce(&mut Value<'static>),
) -> bool {
    let Some((registry, spec)) = resolve(case.layer, &case.type_name) else {
        return false;
    };
    let Ok(value) = decode(registry, &spec, &case.bytes, DecodeOptions::default()) else {
        return false;
    };
    let mut value = value.into_owned();
    convert(&mut value);
    let Some(target) = era_registry(era) else {
        return false;
    };
    let Ok(spec) = target.type_spec(type_name) else {
        return false;
    };
    match encode_as(target, &spec, &value) {
        Ok(bytes) => {
            case.bytes = bytes;
            true
        }
        Err(_) => false,
    }
}

fn field(value: &Value<'static>, name: &str) -> Option<Value<'static>> {
    value.as_object()?.get(name).cloned()
}

/// sendBotRequestedPeer written in the form of the neighbouring layers.
pub fn requested_peer_other_form(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Ok(era) = era_for_layer(case.layer) else {
        return false;
    };
    let name = "messages.sendBotRequestedPeer";
    let (target, convert): (Era, fn(&mut Value<'static>)) = if era < Era::L169To176 {
        (Era::L169To176, |v| {
            let mut f = vec![];
            f.extend(field(v, "peer").map(|x| ("peer", x)));
            f.extend(field(v, "msg_id").map(|x| ("msg_id", x)));
            f.extend(field(v, "button_id").map(|x| ("button_id", x)));
            f.push((
                "requested_peers",
                Value::Vector(field(v, "requested_peer").into_iter().collect()),
            ));
            *v = object("messages.sendBotRequestedPeer", f);
        })
    } else if era < Era::L224To228 {
        (Era::L224To228, |_| {})
    } else {
        (Era::L177To221, |v| {
            let msg_id = field(v, "msg_id").unwrap_or(Value::Int(0));
            if let Some(o) = v.as_object() {
                let kept: Vec<Field<'static>> = o
                    .fields
                    .iter()
                    .filter(|f| f.name != "webapp_req_id" && f.name != "msg_id")
                    .cloned()
                    .collect();
                let mut o = o.clone();
                o.fields = kept.into();
                *v = Value::Object(o);
            }
            set_field(v, "msg_id", msg_id);
        })
    };
    rewrite(case, target, name, convert)
}

/// A button written below layer 222 with the style (and the id) of 222.
pub fn style_below_222(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    // From 222 on the style is the layer's own: there is no mistake to make.
    if case.layer >= Era::L222To223.first_layer() {
        return false;
    }
    rewrite(case, Era::L222To223, "KeyboardButton", |v| {
        set_field(
            v,
            "style",
            object("keyboardButtonStyle", vec![("bg_primary", Value::True)]),
        );
        if v.as_object().is_some_and(|o| {
            o.name == "keyboardButtonRequestPeer" && o.get("max_quantity").is_none()
        }) {
            set_field(v, "max_quantity", Value::Int(1));
        }
    })
}

/// A reply keyboard's button (keyboardButton with a ButtonType) put in an inline row.
pub fn reply_button_in_inline_row(subject: &mut Subject) -> bool {
    let Some(case) = case(subject) else {
        return false;
    };
    let Some((registry, _)) = resolve(case.layer, &case.type_name) else {
        return false;
    };
    let Some(inline) = registry.by_name("keyboardInlineButton") else {
        return false;
    };
    let Some((span, _)) = find(case, |_, s| {
        s.item
            == Item::Object {
                ctor: inline,
                boxed: true,
            }
    }) else {
        return false;
    };
    let button = object(
        "keyboardButton",
        vec![
            ("text", Value::string("Send location")),
            ("type", object("buttonTypeRequestGeoLocation", vec![])),
        ],
    );
    let Ok(spec) = registry.type_spec("KeyboardButton") else {
        return false;
    };
    let Ok(with) = encode_as(registry, &spec, &button) else {
        return false;
    };
    splice(&mut case.bytes, span.start, span.end, &with);
    true
}
