//! The codec's properties: for each rule, reference encodings of generated values (or
//! schema lines with their ids) and the encoder or parser mistake that breaks the rule.

use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::dynamic::{Generator, Kind, Value};
use crate::era::{era_for_layer, Era, FIRST_LAYER, LAST_LAYER};
use crate::model::property::Property;
use crate::model::subject::Subject;

use super::bugs;
use super::gen::{self, eras, layer_of, objects, samples, set_field, unchanged, Sample};
use super::schemas::{era_registry, own_registry};
use super::{Origin, WireCase};

pub fn all() -> Vec<Property> {
    vec![
        Property {
            rule: "TL-01",
            bug: "wire-nul-terminated-value",
            valid: any_value,
            inject: bugs::nul_terminated,
            also: &[],
        },
        Property {
            rule: "TL-02",
            bug: "wire-int-big-endian",
            valid: with_int,
            inject: bugs::int_big_endian,
            also: &[],
        },
        Property {
            rule: "TL-03",
            bug: "wire-long-high-word-first",
            valid: with_long,
            inject: bugs::long_high_word_first,
            also: &[],
        },
        Property {
            rule: "TL-04",
            bug: "wire-double-big-endian",
            valid: doubles,
            inject: bugs::double_big_endian,
            also: &[],
        },
        Property {
            rule: "TL-05",
            bug: "wire-int256-with-length-prefix",
            valid: wide_ints,
            inject: bugs::wide_int_as_bytes,
            also: &[],
        },
        Property {
            rule: "TL-06",
            bug: "wire-string-padding-byte-missing",
            valid: with_padded_text,
            inject: bugs::padding_byte_missing,
            also: &["TL-01"],
        },
        Property {
            rule: "TL-06",
            bug: "wire-string-padded-with-spaces",
            valid: received_padded_text,
            inject: bugs::padded_with_spaces,
            also: &[],
        },
        Property {
            rule: "TL-07",
            bug: "wire-long-string-padding-uninitialised",
            valid: with_long_text,
            inject: bugs::long_padding_uninitialised,
            also: &[],
        },
        Property {
            rule: "TL-08",
            bug: "wire-long-length-form-always",
            valid: received_text,
            inject: bugs::long_form_always,
            also: &[],
        },
        Property {
            rule: "TL-09",
            bug: "wire-string-in-latin1",
            valid: received_string,
            inject: bugs::string_in_latin1,
            also: &[],
        },
        Property {
            rule: "TL-10",
            bug: "wire-bytes-made-valid-utf8",
            valid: with_binary_bytes,
            inject: bugs::bytes_made_valid_utf8,
            also: &[],
        },
        Property {
            rule: "TL-11",
            bug: "wire-boxed-field-without-id",
            valid: with_boxed_field,
            inject: bugs::boxed_field_without_id,
            also: &[],
        },
        Property {
            rule: "TL-12",
            bug: "wire-bare-value-with-id",
            valid: bare_values,
            inject: bugs::bare_value_with_id,
            also: &[],
        },
        Property {
            rule: "TL-13",
            bug: "wire-input-user-for-input-peer",
            valid: input_peer_users,
            inject: bugs::input_user_for_input_peer,
            also: &[],
        },
        Property {
            rule: "TL-14",
            bug: "wire-vector-without-id",
            valid: with_vector,
            inject: bugs::vector_without_id,
            also: &[],
        },
        Property {
            rule: "TL-15",
            bug: "wire-vector-elements-bare",
            valid: with_boxed_elements,
            inject: bugs::vector_elements_bare,
            also: &[],
        },
        Property {
            rule: "TL-16",
            bug: "wire-empty-vector-count-minus-one",
            valid: with_empty_vector,
            inject: bugs::empty_vector_count_minus_one,
            also: &[],
        },
        Property {
            rule: "TL-17",
            bug: "wire-bool-as-int-one",
            valid: with_bool,
            inject: bugs::bool_as_int_one,
            also: &[],
        },
        Property {
            rule: "TL-18",
            bug: "wire-true-flag-as-word",
            valid: with_true_flag,
            inject: bugs::true_flag_as_word,
            also: &[],
        },
        Property {
            rule: "TL-19",
            bug: "wire-absent-field-written-empty",
            valid: with_absent_field,
            inject: bugs::absent_field_written,
            also: &[],
        },
        Property {
            rule: "TL-20",
            bug: "wire-flags-bit-31-set",
            valid: with_flags,
            inject: bugs::flags_bit_31,
            also: &[],
        },
        Property {
            rule: "TL-21",
            bug: "wire-flags2-bit-in-flags",
            valid: two_flag_fields,
            inject: bugs::flags2_bit_in_flags,
            also: &[],
        },
        Property {
            rule: "TL-22",
            bug: "wire-shared-bit-second-field-dropped",
            valid: requested_users,
            inject: bugs::shared_bit_second_dropped,
            also: &[],
        },
        Property {
            rule: "TL-23",
            bug: "wire-fields-in-bit-order",
            valid: placeholders,
            inject: bugs::fields_in_bit_order,
            also: &[],
        },
        Property {
            rule: "TL-24",
            bug: "wire-crc-of-line-as-written",
            valid: computed_ids,
            inject: bugs::crc_of_line_as_written,
            also: &[],
        },
        Property {
            rule: "TL-25",
            bug: "wire-crc-keeps-bytes",
            valid: computed_ids_with_bytes,
            inject: bugs::crc_keeps_bytes,
            also: &[],
        },
        Property {
            rule: "TL-26",
            bug: "wire-crc-keeps-true-flags",
            valid: computed_ids_with_true_flags,
            inject: bugs::crc_keeps_true_flags,
            also: &[],
        },
        Property {
            rule: "TL-27",
            bug: "wire-short-id-read-as-high-digits",
            valid: short_explicit_ids,
            inject: bugs::short_id_as_high_digits,
            also: &[],
        },
        Property {
            rule: "TL-28",
            bug: "wire-small-id-refused",
            valid: small_explicit_ids,
            inject: bugs::small_id_refused,
            also: &[],
        },
        Property {
            rule: "TL-29",
            bug: "wire-stale-constructor-id",
            valid: with_changed_ids,
            inject: bugs::stale_constructor_id,
            also: &[],
        },
        Property {
            rule: "TL-30",
            bug: "wire-requested-peer-in-other-layer-form",
            valid: requested_peer_calls,
            inject: bugs::requested_peer_other_form,
            also: &["TL-29"],
        },
        Property {
            rule: "ST-10",
            bug: "wire-style-below-222",
            valid: buttons_below_222,
            inject: bugs::style_below_222,
            also: &["TL-29"],
        },
        Property {
            rule: "KB-23",
            bug: "wire-reply-button-in-inline-row",
            valid: inline_markups,
            inject: bugs::reply_button_in_inline_row,
            also: &[],
        },
    ]
}

/// Types of the seed objects that every era has.
const SEED_TYPES: &[&str] = &[
    "ReplyMarkup",
    "KeyboardButton",
    "RequestPeerType",
    "InputPeer",
    "messages.BotCallbackAnswer",
    "messages.getBotCallbackAnswer",
    "messages.setBotCallbackAnswer",
    "messages.sendBotRequestedPeer",
];

/// Types with strings in them.
const TEXT_TYPES: &[&str] = &[
    "KeyboardButton",
    "ReplyMarkup",
    "messages.BotCallbackAnswer",
    "messages.setBotCallbackAnswer",
];

fn every_era() -> Vec<Era> {
    eras(FIRST_LAYER, LAST_LAYER)
}

fn received(strategy: BoxedStrategy<Sample>) -> BoxedStrategy<Subject> {
    strategy.prop_map(|s| Subject::Wire(s.received())).boxed()
}

fn encoded(strategy: BoxedStrategy<Sample>) -> BoxedStrategy<Subject> {
    strategy.prop_map(|s| Subject::Wire(s.encoded())).boxed()
}

/// Samples that give the bug `inject` something to act on.
fn where_bug_applies(
    strategy: BoxedStrategy<Sample>,
    origin: fn(Sample) -> WireCase,
    inject: fn(&mut Subject) -> bool,
) -> BoxedStrategy<Subject> {
    strategy
        .prop_map(move |s| Subject::Wire(origin(s)))
        .prop_filter("the bug has something to act on", move |subject| {
            inject(&mut subject.clone())
        })
        .boxed()
}

fn any_value() -> BoxedStrategy<Subject> {
    received(samples(every_era(), SEED_TYPES, unchanged))
}

fn with_int() -> BoxedStrategy<Subject> {
    let types = &[
        "messages.BotCallbackAnswer",
        "messages.getBotCallbackAnswer",
        "messages.setBotCallbackAnswer",
    ];
    where_bug_applies(
        samples(every_era(), types, unchanged),
        Sample::encoded,
        bugs::int_big_endian,
    )
}

fn with_long() -> BoxedStrategy<Subject> {
    let types = &[
        "InputPeer",
        "messages.setBotCallbackAnswer",
        "messages.getBotCallbackAnswer",
    ];
    where_bug_applies(
        samples(every_era(), types, unchanged),
        Sample::encoded,
        bugs::long_high_word_first,
    )
}

fn doubles() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), &["double"], unchanged),
        Sample::encoded,
        bugs::double_big_endian,
    )
}

fn wide_ints() -> BoxedStrategy<Subject> {
    encoded(samples(every_era(), &["int128", "int256"], unchanged))
}

fn with_padded_text() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), TEXT_TYPES, unchanged),
        Sample::encoded,
        bugs::padding_byte_missing,
    )
}

fn received_padded_text() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), TEXT_TYPES, unchanged),
        Sample::received,
        bugs::padded_with_spaces,
    )
}

fn with_long_text() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), TEXT_TYPES, long_text),
        Sample::received,
        bugs::long_padding_uninitialised,
    )
}

/// Makes the first string a long one (254 bytes or more) that needs padding.
fn long_text(value: &mut Value<'static>, seed: u64) {
    let mut len = 254 + (seed % 300) as usize;
    if len % 4 == 0 {
        len += 1;
    }
    if let Some(s) = gen::first_string(value) {
        *s = Value::string(
            (0..len)
                .map(|i| char::from(b'a' + ((seed >> (i % 48)) % 26) as u8))
                .collect::<String>(),
        );
    }
}

fn received_text() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), TEXT_TYPES, unchanged),
        Sample::received,
        bugs::long_form_always,
    )
}

fn received_string() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), TEXT_TYPES, unchanged),
        Sample::received,
        bugs::string_in_latin1,
    )
}

fn with_binary_bytes() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), &["messages.getBotCallbackAnswer"], binary_data),
        Sample::encoded,
        bugs::bytes_made_valid_utf8,
    )
}

/// Callback data that is not UTF-8, as opaque tokens often are.
fn binary_data(value: &mut Value<'static>, seed: u64) {
    let mut data = vec![0xff];
    data.extend(seed.to_le_bytes().iter().take((seed % 9) as usize));
    set_field(value, "data", Value::bytes(data));
}

fn with_boxed_field() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(
            every_era(),
            &["messages.getBotCallbackAnswer", "RequestPeerType"],
            unchanged,
        ),
        Sample::encoded,
        bugs::boxed_field_without_id,
    )
}

fn bare_values() -> BoxedStrategy<Subject> {
    encoded(samples(
        every_era(),
        &["inputPeerUser", "inputUser", "keyboardButtonRow"],
        unchanged,
    ))
}

fn input_peer_users() -> BoxedStrategy<Subject> {
    received(objects(every_era(), "inputPeerUser", unchanged))
}

fn with_vector() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(
            every_era(),
            &["ReplyMarkup", "messages.sendBotRequestedPeer"],
            unchanged,
        ),
        Sample::encoded,
        bugs::vector_without_id,
    )
}

fn with_boxed_elements() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(
            every_era(),
            &["ReplyMarkup", "messages.sendBotRequestedPeer"],
            unchanged,
        ),
        Sample::encoded,
        bugs::vector_elements_bare,
    )
}

fn with_empty_vector() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(
            every_era(),
            &["ReplyMarkup", "messages.sendBotRequestedPeer"],
            unchanged,
        ),
        Sample::received,
        bugs::empty_vector_count_minus_one,
    )
}

fn with_bool() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), &["RequestPeerType"], unchanged),
        Sample::received,
        bugs::bool_as_int_one,
    )
}

fn with_true_flag() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), &["ReplyMarkup", "RequestPeerType"], unchanged),
        Sample::encoded,
        bugs::true_flag_as_word,
    )
}

fn with_absent_field() -> BoxedStrategy<Subject> {
    let types = &[
        "ReplyMarkup",
        "messages.BotCallbackAnswer",
        "messages.getBotCallbackAnswer",
    ];
    where_bug_applies(
        samples(every_era(), types, unchanged),
        Sample::encoded,
        bugs::absent_field_written,
    )
}

fn with_flags() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), SEED_TYPES, unchanged),
        Sample::received,
        bugs::flags_bit_31,
    )
}

/// Real definitions (layer 230) of a constructor with two `#` fields and the types it
/// uses; no era schema has such a constructor.
pub const TWO_FLAG_FIELDS: &str = "\
community#65efe954 flags:# creator:flags.0?true left:flags.2?true min:flags.12?true flags2:# collapsed_in_dialogs:flags2.20?true id:long access_hash:flags.13?long title:string photo:ChatPhoto date:int admin_rights:flags.14?ChatAdminRights default_banned_rights:flags.18?ChatBannedRights = Chat;
chatPhotoEmpty#37c1011c = ChatPhoto;
chatPhoto#1c6e1c11 flags:# has_video:flags.0?true photo_id:long stripped_thumb:flags.1?bytes dc_id:int = ChatPhoto;
chatAdminRights#5fb224d5 flags:# change_info:flags.0?true post_messages:flags.1?true edit_messages:flags.2?true delete_messages:flags.3?true ban_users:flags.4?true invite_users:flags.5?true pin_messages:flags.7?true add_admins:flags.9?true anonymous:flags.10?true manage_call:flags.11?true other:flags.12?true manage_topics:flags.13?true post_stories:flags.14?true edit_stories:flags.15?true delete_stories:flags.16?true manage_direct_messages:flags.17?true manage_ranks:flags.18?true manage_linked_peers:flags.19?true manage_welcome_messages:flags.20?true = ChatAdminRights;
chatBannedRights#9f120418 flags:# view_messages:flags.0?true send_messages:flags.1?true send_media:flags.2?true send_stickers:flags.3?true send_gifs:flags.4?true send_games:flags.5?true send_inline:flags.6?true embed_links:flags.7?true send_polls:flags.8?true change_info:flags.10?true invite_users:flags.15?true pin_messages:flags.17?true manage_topics:flags.18?true send_photos:flags.19?true send_videos:flags.20?true send_roundvideos:flags.21?true send_audios:flags.22?true send_voices:flags.23?true send_docs:flags.24?true send_plain:flags.25?true edit_rank:flags.26?true send_reactions:flags.27?true manage_linked_peers:flags.28?true until_date:int = ChatBannedRights;
";

fn two_flag_fields() -> BoxedStrategy<Subject> {
    (
        prop::collection::vec(any::<u64>(), 0..48),
        LAST_LAYER..=LAST_LAYER,
    )
        .prop_filter_map("the definitions compile", |(tape, layer)| {
            let registry = own_registry(TWO_FLAG_FIELDS)?;
            let spec = registry.type_spec("Chat").ok()?;
            let mut value = Generator::new(&registry).generate(&tape, spec.kind(), 4)?;
            set_field(&mut value, "collapsed_in_dialogs", Value::True);
            let sample = gen::sample(&registry, &spec, layer, "Chat", &value)?;
            Some(Subject::Wire(WireCase {
                schema: Some(TWO_FLAG_FIELDS.to_owned()),
                ..sample.encoded()
            }))
        })
        .boxed()
}

fn requested_users() -> BoxedStrategy<Subject> {
    encoded(objects(
        eras(177, LAST_LAYER),
        "requestedPeerUser",
        full_name,
    ))
}

/// Both names of a requested user, which share one flag bit.
fn full_name(value: &mut Value<'static>, seed: u64) {
    let names = [
        "Ada", "Lovelace", "Alan", "Turing", "Grace", "Hopper", "Édith", "",
    ];
    set_field(
        value,
        "first_name",
        Value::string(names[(seed % 8) as usize]),
    );
    set_field(
        value,
        "last_name",
        Value::string(names[(seed / 8 % 7) as usize]),
    );
}

fn placeholders() -> BoxedStrategy<Subject> {
    encoded(objects(every_era(), "replyKeyboardMarkup", placeholder))
}

fn placeholder(value: &mut Value<'static>, seed: u64) {
    let texts = ["Choose an option", "", "Type here…", "Antwort"];
    set_field(
        value,
        "placeholder",
        Value::string(texts[(seed % 4) as usize]),
    );
}

/// A schema line case: `line` and the id an implementation gave it.
pub fn schema_line(layer: u32, name: &str, line: String, id: Option<u32>) -> Subject {
    Subject::Wire(WireCase {
        origin: Origin::SchemaLine { line, id },
        ..WireCase::received(layer, name, Vec::new())
    })
}

/// Definitions of the era schemas with their ids left out, as `(layer, definition)`.
fn definitions(keep: fn(&tl_parser::Definition) -> bool) -> BoxedStrategy<Subject> {
    (layer_of(every_era()), any::<Index>())
        .prop_filter_map("the era has such a definition", move |(layer, i)| {
            let schema = era_for_layer(layer).ok()?.schema().ok()?;
            let defs: Vec<&tl_parser::Definition> = schema
                .definitions
                .iter()
                .filter(|d| {
                    !d.builtin && tl_parser::known_exception(&d.full_name()).is_none() && keep(d)
                })
                .collect();
            if defs.is_empty() {
                return None;
            }
            let mut def = (*i.get(&defs)).clone();
            def.id = None;
            let id = def.computed_id();
            Some(schema_line(
                layer,
                &def.full_name(),
                def.to_string(),
                Some(id),
            ))
        })
        .boxed()
}

fn computed_ids() -> BoxedStrategy<Subject> {
    definitions(|_| true)
}

fn computed_ids_with_bytes() -> BoxedStrategy<Subject> {
    definitions(|d| {
        d.params.iter().any(|p| matches!(&p.ty, tl_parser::ParameterType::Normal { ty, .. } if ty.to_string() == "bytes"))
    })
}

fn computed_ids_with_true_flags() -> BoxedStrategy<Subject> {
    definitions(|d| d.params.iter().any(tl_parser::Parameter::is_flag_only))
}

fn short_explicit_ids() -> BoxedStrategy<Subject> {
    (layer_of(every_era()), any::<Index>())
        .prop_filter_map("the era has a short id", |(layer, i)| {
            let schema = era_for_layer(layer).ok()?.schema().ok()?;
            let defs: Vec<&tl_parser::Definition> = schema
                .definitions
                .iter()
                .filter(|d| d.id.is_some_and(|id| id < 0x1000_0000))
                .collect();
            if defs.is_empty() {
                return None;
            }
            let def = *i.get(&defs);
            Some(schema_line(
                layer,
                &def.full_name(),
                def.to_string(),
                def.id,
            ))
        })
        .boxed()
}

/// Real constructors whose ids are below 0x01000000, written with 8 digits as tdlib does.
const SMALL_IDS: &[&str] = &[
    "userStatusOffline#008c703f was_online:int = UserStatus;",
    "storage.fileJpeg#007efe0e = storage.FileType;",
    "securePasswordKdfAlgoUnknown#004a8537 = SecurePasswordKdfAlgo;",
    "help.peerColors#00f8ed08 hash:int colors:Vector<help.PeerColorOption> = help.PeerColors;",
];

fn small_explicit_ids() -> BoxedStrategy<Subject> {
    (FIRST_LAYER..=LAST_LAYER, select(SMALL_IDS))
        .prop_filter_map("the line parses", |(layer, line)| {
            let def: tl_parser::Definition = line.parse().ok()?;
            Some(schema_line(
                layer,
                &def.full_name(),
                line.to_owned(),
                def.id,
            ))
        })
        .boxed()
}

fn with_changed_ids() -> BoxedStrategy<Subject> {
    (
        layer_of(every_era()),
        any::<Index>(),
        prop::collection::vec(any::<u64>(), 0..48),
    )
        .prop_filter_map("a constructor whose id changed", |(layer, i, tape)| {
            let era = era_for_layer(layer).ok()?;
            let candidates = bugs::changed_ids(era);
            if candidates.is_empty() {
                return None;
            }
            let (c, _) = *i.get(candidates);
            // The constructor as the layer has it (the era's registry numbers them apart).
            let name = era_registry(era)?.constructor(c).name();
            let registry = super::schemas::layer_registry(layer)?;
            let c = registry.by_name(name)?;
            let type_name = registry
                .type_info(registry.constructor(c).type_id()?)
                .name()
                .to_owned();
            let spec = registry.type_spec(&type_name).ok()?;
            let value =
                super::schemas::layer_generator(layer)?.generate(&tape, &Kind::Bare(c), 7)?;
            Some(Subject::Wire(
                gen::sample(registry, &spec, layer, &type_name, &value)?.received(),
            ))
        })
        .boxed()
}

fn requested_peer_calls() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(every_era(), &["messages.sendBotRequestedPeer"], unchanged),
        Sample::received,
        bugs::requested_peer_other_form,
    )
}

fn buttons_below_222() -> BoxedStrategy<Subject> {
    where_bug_applies(
        samples(eras(FIRST_LAYER, 221), &["KeyboardButton"], unchanged),
        Sample::received,
        bugs::style_below_222,
    )
}

fn inline_markups() -> BoxedStrategy<Subject> {
    where_bug_applies(
        objects(eras(229, LAST_LAYER), "replyInlineMarkup", unchanged),
        Sample::received,
        bugs::reply_button_in_inline_row,
    )
}
