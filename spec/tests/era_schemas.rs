//! The era schema files in spec/schema/: they parse, their ids are the CRC32 of their
//! text, each definition is copied unchanged from the released schema named in
//! spec/schema/sources/, each file is closed under parameter types, and the ids of the
//! seed objects follow the known id history layer by layer.
//!
//! Everything read here is inside the repository (spec/schema, spec/schema/sources and
//! corpus/schemas).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tgconf_spec::codec::{DecodeErrorKind, DecodeOptions};
use tgconf_spec::dynamic::{decode, to_json, Registry};
use tgconf_spec::era::{
    era_for_layer, schema_for_layer, Era, UnsupportedLayer, FIRST_LAYER, LAST_LAYER,
};
use tl_parser::{parse_schema, Category, Definition, ParameterType, Schema, Type};

fn sources_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join("sources")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn source_with_builtins(era: Era) -> (String, Schema) {
    with_builtins(&sources_dir().join(era.source_file()))
}

/// The text of a full schema and its parse. Pyrogram and its forks keep the builtins only
/// as comments (`// boolTrue#997275b5 = Bool;  // Parsed manually`); for those files the
/// commented definitions (the text between `//` and the first `;`) are put in front, so
/// that the era's copies of them have something to be compared with.
fn with_builtins(path: &Path) -> (String, Schema) {
    let text = read(path);
    let plain =
        parse_schema(&text).unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
    let defined: BTreeSet<String> = plain.definitions.iter().map(|d| d.full_name()).collect();
    let missing: Vec<String> = commented_builtins(&text)
        .into_iter()
        .filter(|t| !defined.iter().any(|n| t.starts_with(&format!("{n}#"))))
        .collect();
    if missing.is_empty() {
        return (text, plain);
    }
    let augmented = format!("{}\n{text}", missing.join("\n"));
    let schema = parse_schema(&augmented).expect("augmented source parses");
    assert_eq!(schema.layer, plain.layer);
    (augmented, schema)
}

fn era_schema(era: Era) -> &'static Schema {
    era.schema()
        .unwrap_or_else(|e| panic!("{era}.tl does not parse: {e}"))
}

/// Collapse every run of whitespace to one space; nothing else is changed.
fn ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn def_text<'a>(def: &Definition, text: &'a str) -> &'a str {
    def.span
        .text(text)
        .unwrap_or_else(|| panic!("span of {} out of range", def.full_name()))
}

/// Boxed type names a parameter type mentions (`Vector<KeyboardButton>` gives `Vector`
/// and `KeyboardButton`); bare types (`int`, `string`, `true`, …) and `!X` are skipped.
fn boxed_names(ty: &Type, out: &mut BTreeSet<String>) {
    if ty.generic_ref {
        return;
    }
    if !ty.is_bare() {
        out.insert(ty.full_name());
    }
    if let Some(arg) = &ty.generic_arg {
        boxed_names(arg, out);
    }
}

fn param_types(def: &Definition) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for p in &def.params {
        match &p.ty {
            ParameterType::Flags => {}
            ParameterType::Normal { ty, .. } => boxed_names(ty, &mut out),
            ParameterType::Repeated { items, .. } => {
                for t in items {
                    boxed_names(t, &mut out);
                }
            }
        }
    }
    out
}

/// Constructors (type section) by the full name of their result type.
fn constructors_by_type(schema: &Schema) -> BTreeMap<String, BTreeSet<String>> {
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in schema.types() {
        map.entry(d.result.full_name())
            .or_default()
            .insert(d.full_name());
    }
    map
}

const BUILTIN_NAMES: [&str; 4] = ["boolFalse", "boolTrue", "true", "vector"];

/// Pyrogram and its forks keep the builtins only as comments
/// (`// boolTrue#997275b5 = Bool;  // Parsed manually`): the text between `//` and `;`.
fn commented_builtins(source: &str) -> BTreeSet<String> {
    source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("//"))
        .filter_map(|rest| rest.find(';').map(|i| ws(&rest[..=i])))
        .filter(|t| {
            BUILTIN_NAMES
                .iter()
                .any(|b| t.starts_with(&format!("{b}#")))
        })
        .collect()
}

#[test]
fn every_era_file_parses_declares_no_layer_and_has_no_id_mismatch() {
    for era in Era::ALL {
        let schema = era_schema(era);
        assert!(!schema.definitions.is_empty(), "{era}");
        // An era spans several layers, so the file must not claim one.
        assert_eq!(schema.layer, None, "{era}.tl declares a layer");
        let report = schema.check_ids();
        assert!(
            report.mismatches.is_empty(),
            "{era}: {:?}",
            report.mismatches
        );
        assert_eq!(
            report.inferred, 0,
            "{era}: every definition has an explicit id"
        );
        assert_eq!(report.verified, schema.definitions.len(), "{era}");
        let names: BTreeSet<_> = schema.definitions.iter().map(|d| d.full_name()).collect();
        assert_eq!(
            names.len(),
            schema.definitions.len(),
            "{era}: duplicate names"
        );
    }
}

#[test]
fn headers_agree_with_the_era_table() {
    for era in Era::ALL {
        let first = era.schema_text().lines().next().unwrap_or_default();
        let expected = format!(
            "// tgconf era schema {}: API layers {} to {}, both ends included.",
            era.name(),
            era.first_layer(),
            era.last_layer()
        );
        assert_eq!(first, expected, "{era}");
        assert!(
            era.schema_text().contains(&format!(
                "copied unchanged from sources/{}",
                era.source_file()
            )),
            "{era}: header names another source"
        );
        assert!(
            era.schema_text()
                .contains(&format!("source layer {};", era.source_layer())),
            "{era}: header gives another source layer"
        );
    }
}

/// Definitions an era file copies from a schema of a later layer of the era instead of
/// its source, because that layer names `true` flags added inside the era
/// (spec/schema/README.md): (era, definition, file in sources/, the layer it declares).
const SECOND_SOURCES: &[(Era, &str, &str, u32)] = &[(
    Era::L158To168,
    "chatAdminRights",
    "pyrofork-2.3.5-main_api.tl",
    164,
)];

#[test]
fn every_definition_is_copied_unchanged_from_its_source() {
    for era in Era::ALL {
        let (source_text, source) = source_with_builtins(era);
        let seconds: BTreeMap<&str, (String, Schema)> = SECOND_SOURCES
            .iter()
            .filter(|(e, ..)| *e == era)
            .map(|&(_, name, file, layer)| {
                let (text, schema) = with_builtins(&sources_dir().join(file));
                assert_eq!(schema.layer, Some(layer), "{file}");
                assert!(
                    era.contains(layer) && layer > era.source_layer(),
                    "{file}: a later layer of {era}"
                );
                (name, (text, schema))
            })
            .collect();
        // tdlib's file declares no layer; its layer comes from Version.h (PROVENANCE.md).
        if era.source_file() != "tdlib-telegram_api.tl" {
            assert_eq!(
                source.layer,
                Some(era.source_layer()),
                "{}",
                era.source_file()
            );
        }
        assert!(era.contains(era.source_layer()), "{era}");

        let by_name: BTreeMap<(String, Category), &Definition> = source
            .definitions
            .iter()
            .map(|d| ((d.full_name(), d.category), d))
            .collect();
        let era_text = era.schema_text();
        let era_lines: BTreeSet<&str> = era_text.lines().collect();

        for def in &era_schema(era).definitions {
            let name = def.full_name();
            let text = def_text(def, era_text);
            assert!(
                era_lines.contains(text),
                "{era}: {name} is not one whole line"
            );
            if let Some((second_text, second)) = seconds.get(name.as_str()) {
                let src = second
                    .definitions
                    .iter()
                    .find(|d| d.full_name() == name && d.category == def.category)
                    .unwrap_or_else(|| panic!("{era}: {name} is not in its second source"));
                assert_eq!(ws(text), ws(def_text(src, second_text)), "{era}: {name}");
                assert_eq!(src, def, "{era}: {name} parses differently");
                continue;
            }
            let src = by_name
                .get(&(name.clone(), def.category))
                .unwrap_or_else(|| panic!("{era}: {name} is not in {}", era.source_file()));
            assert_eq!(
                ws(text),
                ws(def_text(src, &source_text)),
                "{era}: {name} differs from {}",
                era.source_file()
            );
            assert_eq!(*src, def, "{era}: {name} parses differently");
        }
    }
}

/// Root types of the carried set (spec/schema/README.md): where the source has them,
/// every one of their constructors is in the era file.
const ROOT_TYPES: &[&str] = &[
    "ReplyMarkup",
    "KeyboardButtonRow",
    "KeyboardButton",
    "KeyboardButtonStyle",
    "ButtonType",
    "InlineButtonType",
    "KeyboardInlineButton",
    "KeyboardInlineButtonRow",
    "RequestPeerType",
    "ChatAdminRights",
    "RequestedPeer",
    "InputPeer",
    "InputUser",
    "InputCheckPasswordSRP",
    "Bool",
];

/// Root constructors and functions: in the era file whenever the source has them.
const ROOT_NAMES: &[&str] = &[
    "messageActionRequestedPeer",
    "messageActionRequestedPeerSentMe",
    "messageActionManagedBotCreated",
    "updateBotCallbackQuery",
    "updateInlineBotCallbackQuery",
    "messages.botCallbackAnswer",
    "bots.requestedButton",
    "messages.getBotCallbackAnswer",
    "messages.setBotCallbackAnswer",
    "messages.sendBotRequestedPeer",
    "bots.requestWebViewButton",
    "bots.getRequestedWebViewButton",
    "bots.createBot",
];

/// Left out on purpose: they need `Message`, whose closure is most of the API.
const NOT_CARRIED_ROOTS: &[&str] = &["updateBusinessBotCallbackQuery"];
const NOT_CARRIED_TYPES: &[&str] = &["Message"];

#[test]
fn roots_are_carried_where_the_source_has_them() {
    for era in Era::ALL {
        let (_, source) = source_with_builtins(era);
        let src_ctors = constructors_by_type(&source);
        let era_names: BTreeSet<String> = era_schema(era)
            .definitions
            .iter()
            .map(|d| d.full_name())
            .collect();
        let src_names: BTreeSet<String> =
            source.definitions.iter().map(|d| d.full_name()).collect();

        for ty in ROOT_TYPES {
            for ctor in src_ctors.get(*ty).into_iter().flatten() {
                assert!(era_names.contains(ctor), "{era}: {ctor} ({ty}) missing");
            }
        }
        for name in ROOT_NAMES {
            assert_eq!(
                era_names.contains(*name),
                src_names.contains(*name),
                "{era}: {name} carried iff the source has it"
            );
        }
        for name in NOT_CARRIED_ROOTS {
            assert!(!era_names.contains(*name), "{era}: {name} should be cut");
        }
        assert!(era_names.contains("keyboardButtonRow"), "{era}");
        assert!(
            era_names.contains("boolTrue") && era_names.contains("true"),
            "{era}"
        );
        assert!(era_names.contains("vector"), "{era}");
    }
}

#[test]
fn each_era_file_is_closed_under_parameter_types() {
    for era in Era::ALL {
        let (_, source) = source_with_builtins(era);
        let src_ctors = constructors_by_type(&source);
        let schema = era_schema(era);
        let era_ctors = constructors_by_type(schema);

        for def in &schema.definitions {
            for ty in param_types(def) {
                assert!(
                    !NOT_CARRIED_TYPES.contains(&ty.as_str()),
                    "{era}: {} refers to {ty}, which is not carried",
                    def.full_name()
                );
                let have = era_ctors.get(&ty).cloned().unwrap_or_default();
                let want = src_ctors
                    .get(&ty)
                    .unwrap_or_else(|| panic!("{era}: {ty} not in the source"));
                assert!(!want.is_empty());
                let missing: Vec<_> = want.difference(&have).collect();
                assert!(
                    missing.is_empty(),
                    "{era}: {} needs {ty}, but {missing:?} are missing",
                    def.full_name()
                );
            }
        }
        // Nothing beyond the closure sneaks in under a carried type either: every
        // constructor in the file belongs to a type that is fully present.
        for (ty, have) in &era_ctors {
            if let Some(want) = src_ctors.get(ty) {
                if ROOT_TYPES.contains(&ty.as_str()) || ty == "Peer" {
                    assert_eq!(have, want, "{era}: {ty} partially carried");
                }
            }
        }
    }
}

#[test]
fn era_for_layer_covers_152_to_230() {
    use Era::*;
    let expected: &[(u32, Era)] = &[
        (152, L152To157),
        (157, L152To157),
        (158, L158To168),
        (168, L158To168),
        (169, L169To176),
        (176, L169To176),
        (177, L177To221),
        (200, L177To221),
        (221, L177To221),
        (222, L222To223),
        (223, L222To223),
        (224, L224To228),
        (227, L224To228),
        (228, L224To228),
        (229, L229),
        (230, L230),
    ];
    for &(layer, era) in expected {
        assert_eq!(era_for_layer(layer), Ok(era), "layer {layer}");
    }
    for layer in FIRST_LAYER..=LAST_LAYER {
        let era = era_for_layer(layer).unwrap_or_else(|e| panic!("{e}"));
        assert!(era.contains(layer));
    }
    for layer in [0, 1, 151, 231, 1000, u32::MAX] {
        assert_eq!(era_for_layer(layer), Err(UnsupportedLayer { layer }));
    }
    assert_eq!((FIRST_LAYER, LAST_LAYER), (152, 230));
    let msg = era_for_layer(231).unwrap_err().to_string();
    assert!(msg.contains("231"), "{msg}");
}

/// One constructor's id over a layer range; `None`: the constructor does not exist there.
struct Ids(&'static str, u32, u32, Option<u32>);

/// Expected ids, written down from sources outside this crate, not from the era files.
///
/// Source A: the "History of the seed ids" table in the shared schema provenance
///   (schemas/PROVENANCE.md beside the seeds), read from tdesktop's and tdlib's git history.
/// Source B: the flow-rules catalogue (reference/flow-rules.md), §0.2 layer table and the
///   §4 button table (columns "ID (≥222)" and "ID (<222)").
/// Source C: released schema text, pyrogram 2.0.100 (layer 152) and pyrofork 2.1.6
///   (layer 157) for the old keyboardButtonSwitchInline, pyrogram 2.0.104 (layer 158) for the
///   new one; pyrofork 2.3.47 (layer 188) for the first keyboardButtonCopy
///   (spec/schema/sources/PROVENANCE.md lists these packages with hashes).
const HISTORY: &[Ids] = &[
    // Source A.
    Ids("keyboardButtonCallback", 152, 221, Some(0x35bbdb6b)),
    Ids("keyboardButtonCallback", 222, 228, Some(0xe62bc960)),
    Ids("keyboardButtonCallback", 229, 230, None),
    Ids("keyboardButtonGame", 152, 221, Some(0x50f41ccf)),
    Ids("keyboardButtonGame", 222, 228, Some(0x89c590f9)),
    Ids("keyboardButtonGame", 229, 230, None),
    Ids("keyboardButton", 152, 221, Some(0xa2fa4880)),
    Ids("keyboardButton", 222, 228, Some(0x7d170cff)),
    Ids("keyboardButton", 229, 230, Some(0x2f67a72f)),
    Ids("keyboardButtonRequestPeer", 152, 168, Some(0x0d0b468c)),
    Ids("keyboardButtonRequestPeer", 169, 221, Some(0x53d7bfd8)),
    Ids("keyboardButtonRequestPeer", 222, 228, Some(0x5b0f15f5)),
    Ids("keyboardButtonRequestPeer", 229, 230, None),
    Ids("inputKeyboardButtonRequestPeer", 177, 221, Some(0xc9662d05)),
    Ids("inputKeyboardButtonRequestPeer", 222, 228, Some(0x02b78156)),
    Ids("inputKeyboardButtonRequestPeer", 229, 230, None),
    Ids("keyboardButtonStyle", 222, 230, Some(0x4fdd3430)),
    Ids("messageActionRequestedPeer", 152, 168, Some(0xfe77345d)),
    Ids("messageActionRequestedPeer", 169, 230, Some(0x31518e9b)),
    Ids("messages.sendBotRequestedPeer", 152, 168, Some(0xfe38d01b)),
    Ids("messages.sendBotRequestedPeer", 169, 223, Some(0x91b2d060)),
    Ids("messages.sendBotRequestedPeer", 224, 230, Some(0x6c5cf2a7)),
    Ids("requestPeerTypeUser", 152, 230, Some(0x5f3b8a00)),
    Ids("requestPeerTypeChat", 152, 230, Some(0xc9f06e1b)),
    Ids("requestPeerTypeBroadcast", 152, 230, Some(0x339bef6c)),
    Ids("requestPeerTypeCreateBot", 152, 223, None),
    Ids("requestPeerTypeCreateBot", 224, 230, Some(0x3e81e078)),
    Ids("messageActionManagedBotCreated", 152, 223, None),
    Ids("messageActionManagedBotCreated", 224, 230, Some(0x16605e3e)),
    Ids("bots.requestedButton", 152, 223, None),
    Ids("bots.requestedButton", 224, 230, Some(0xf13bbcd7)),
    Ids("bots.requestWebViewButton", 152, 223, None),
    Ids("bots.requestWebViewButton", 224, 230, Some(0x31a2a35e)),
    Ids("bots.getRequestedWebViewButton", 152, 223, None),
    Ids("bots.getRequestedWebViewButton", 224, 230, Some(0xbf25b7f3)),
    Ids("replyKeyboardMarkup", 152, 230, Some(0x85dd99d1)),
    Ids("replyKeyboardForceReply", 152, 230, Some(0x86b40b08)),
    Ids("replyInlineMarkup", 152, 228, Some(0x48a30254)),
    Ids("replyInlineMarkup", 229, 230, Some(0xb2b15770)),
    Ids("updateBotCallbackQuery", 152, 230, Some(0xb9cfc48d)),
    Ids("messages.getBotCallbackAnswer", 152, 230, Some(0x9342ca07)),
    Ids("replyKeyboardHide", 152, 230, Some(0xa03e5b85)),
    Ids("keyboardButtonRow", 152, 230, Some(0x77608b83)),
    Ids("messages.botCallbackAnswer", 152, 230, Some(0x36585ea4)),
    Ids("messages.setBotCallbackAnswer", 152, 230, Some(0xd58f130a)),
    // Source B, §0.2: absent before 177, and bots.createBot from the managed-bot rules.
    Ids("inputKeyboardButtonRequestPeer", 152, 176, None),
    Ids("messageActionRequestedPeerSentMe", 152, 176, None),
    Ids(
        "messageActionRequestedPeerSentMe",
        177,
        230,
        Some(0x93b31848),
    ),
    Ids("keyboardButtonStyle", 152, 221, None),
    Ids("bots.createBot", 224, 230, Some(0xe5b17f2b)),
    // Source B, §4 button table: "<222" column over 177–221, "≥222" over 222–228.
    Ids("keyboardButtonUrl", 177, 221, Some(0x258aff05)),
    Ids("keyboardButtonUrl", 222, 228, Some(0xd80c25ec)),
    Ids("keyboardButtonRequestPhone", 177, 221, Some(0xb16a6c29)),
    Ids("keyboardButtonRequestPhone", 222, 228, Some(0x417efd8f)),
    Ids(
        "keyboardButtonRequestGeoLocation",
        177,
        221,
        Some(0xfc796b3f),
    ),
    Ids(
        "keyboardButtonRequestGeoLocation",
        222,
        228,
        Some(0xaa40f94d),
    ),
    Ids("keyboardButtonSwitchInline", 177, 221, Some(0x93b9fbb5)),
    Ids("keyboardButtonSwitchInline", 222, 228, Some(0x991399fc)),
    Ids("keyboardButtonBuy", 177, 221, Some(0xafd93fbb)),
    Ids("keyboardButtonBuy", 222, 228, Some(0x3fa53905)),
    Ids("keyboardButtonUrlAuth", 177, 221, Some(0x10b78d29)),
    Ids("keyboardButtonUrlAuth", 222, 228, Some(0xf51006f9)),
    Ids("inputKeyboardButtonUrlAuth", 177, 221, Some(0xd02e7fd4)),
    Ids("inputKeyboardButtonUrlAuth", 222, 228, Some(0x68013e72)),
    Ids("keyboardButtonRequestPoll", 177, 221, Some(0xbbc7515d)),
    Ids("keyboardButtonRequestPoll", 222, 228, Some(0x7a11d782)),
    Ids("inputKeyboardButtonUserProfile", 177, 221, Some(0xe988037b)),
    Ids("inputKeyboardButtonUserProfile", 222, 228, Some(0x7d5e07c7)),
    Ids("keyboardButtonUserProfile", 177, 221, Some(0x308660c1)),
    Ids("keyboardButtonUserProfile", 222, 228, Some(0xc0fd5d09)),
    Ids("keyboardButtonWebView", 177, 221, Some(0x13767230)),
    Ids("keyboardButtonWebView", 222, 228, Some(0xe846b1a0)),
    Ids("keyboardButtonSimpleWebView", 177, 221, Some(0xa0c0505c)),
    Ids("keyboardButtonSimpleWebView", 222, 228, Some(0xe15c4370)),
    Ids("keyboardButtonCopy", 222, 228, Some(0xbcc4af10)),
    // The same column for keyboardButtonCopy; the 177-221 file carries it over the whole
    // era although it exists only from layer 188 (a late addition, source C).
    Ids("keyboardButtonCopy", 177, 221, Some(0x75d2698e)),
    // Source C.
    Ids("keyboardButtonSwitchInline", 152, 157, Some(0x0568a748)),
    Ids("keyboardButtonSwitchInline", 158, 176, Some(0x93b9fbb5)),
    Ids("keyboardButtonCopy", 152, 176, None),
    // Layers 229 and 230: the button rework described in the anchors (reference/anchors.md §4).
    Ids("keyboardInlineButton", 229, 230, Some(0x11c1a322)),
    Ids("keyboardInlineButton", 152, 228, None),
    Ids("keyboardButtonUrl", 229, 230, None),
    Ids("updateBusinessBotCallbackQuery", 152, 230, None),
];

#[test]
fn seed_ids_follow_the_id_history_layer_by_layer() {
    let mut checked = 0;
    for Ids(name, first, last, want) in HISTORY {
        assert!(first <= last && *first >= FIRST_LAYER && *last <= LAST_LAYER);
        for layer in *first..=*last {
            let era = era_for_layer(layer).expect("supported layer");
            let got = era_schema(era)
                .definitions
                .iter()
                .find(|d| d.full_name() == *name)
                .and_then(|d| d.id);
            assert_eq!(
                got.map(|id| format!("{id:08x}")),
                want.map(|id| format!("{id:08x}")),
                "{name} at layer {layer} (era {era})"
            );
            checked += 1;
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn late_additions_are_carried_by_their_era() {
    for era in Era::ALL {
        for add in era.late_additions() {
            assert!(
                era.contains(add.last_absent) && era.contains(add.first_present),
                "{era}: {add:?}"
            );
            assert!(add.last_absent < add.first_present, "{add:?}");
            let def = era_schema(era)
                .definitions
                .iter()
                .find(|d| d.full_name() == add.name);
            let Some(def) = def else {
                panic!("{era}: {} not carried", add.name)
            };
            // extract.py writes the same list into the file's header.
            let named = match add.field {
                Some(field) => format!("{}.{field}", add.name),
                None => add.name.to_owned(),
            };
            let line = format!(
                "//   {named}: absent in a source of layer {}, present in one of layer {}.",
                add.last_absent, add.first_present
            );
            assert!(
                era.schema_text().contains(&line),
                "{era}: header lacks {line}"
            );
            if let Some(field) = add.field {
                let param = def.params.iter().find(|p| p.name.as_deref() == Some(field));
                assert!(
                    param.is_some_and(|p| p.is_flag_only()),
                    "{era}: {}.{field} is not a carried `true` flag",
                    add.name
                );
            }
        }
    }
    let listed = |era: Era| {
        era.late_additions()
            .iter()
            .map(|a| match a.field {
                Some(field) => format!("{}.{field}", a.name),
                None => a.name.to_owned(),
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        listed(Era::L158To168),
        [
            "chatAdminRights.post_stories",
            "chatAdminRights.edit_stories",
            "chatAdminRights.delete_stories"
        ]
    );
    assert_eq!(
        listed(Era::L177To221),
        [
            "keyboardButtonCopy",
            "inputStickerSetTonGifts",
            "chatAdminRights.manage_direct_messages"
        ]
    );
    assert_eq!(
        listed(Era::L224To228),
        ["chatAdminRights.manage_linked_peers"]
    );
}

/// The `true` flags of `chatAdminRights` in `schema`.
fn admin_right_names(schema: &Schema) -> Vec<String> {
    let def = schema
        .definitions
        .iter()
        .find(|d| d.full_name() == "chatAdminRights")
        .expect("every era carries chatAdminRights");
    def.params
        .iter()
        .filter(|p| p.is_flag_only())
        .filter_map(|p| p.name.as_deref().map(str::to_owned))
        .collect()
}

#[test]
fn a_layer_s_schema_lacks_the_late_additions_it_predates() {
    let at = |layer| schema_for_layer(layer).expect("a supported layer");
    let rights = |layer| admin_right_names(at(layer));
    assert_eq!(rights(227).last().map(String::as_str), Some("manage_ranks"));
    assert_eq!(
        rights(228).last().map(String::as_str),
        Some("manage_linked_peers")
    );
    assert_eq!(rights(224), rights(227));
    assert_eq!(
        rights(204).last().map(String::as_str),
        Some("delete_stories")
    );
    assert_eq!(
        rights(207).last().map(String::as_str),
        Some("manage_direct_messages")
    );
    assert_eq!(
        rights(163).last().map(String::as_str),
        Some("manage_topics")
    );
    assert_eq!(rights(158), rights(163));
    assert_eq!(
        rights(164).last().map(String::as_str),
        Some("delete_stories")
    );
    assert_eq!(rights(164), rights(168));
    let defines = |layer, name| at(layer).definitions.iter().any(|d| d.full_name() == name);
    assert!(!defines(187, "keyboardButtonCopy") && defines(188, "keyboardButtonCopy"));
    assert!(!defines(204, "inputStickerSetTonGifts") && defines(207, "inputStickerSetTonGifts"));
    // The id is the era's: a `true` flag does not enter it.
    let id = |layer| {
        at(layer)
            .definitions
            .iter()
            .find(|d| d.full_name() == "chatAdminRights")
            .and_then(|d| d.id)
    };
    assert_eq!(id(227), Some(0x5fb2_24d5));
    assert_eq!(id(227), id(228));
    // Layers that lack nothing share the era's schema.
    assert!(std::ptr::eq(at(228), era_schema(Era::L224To228)));
    assert!(std::ptr::eq(at(164), era_schema(Era::L158To168)));
    assert!(std::ptr::eq(at(230), era_schema(Era::L230)));
    assert!(schema_for_layer(151).is_err());
}

#[test]
fn the_dynamic_codec_reads_bit_19_of_admin_rights_only_from_layer_228() {
    // chatAdminRights#5fb224d5 with flags = 1 << 19 (manage_linked_peers).
    let bytes = [0xd5, 0x24, 0xb2, 0x5f, 0, 0, 0x08, 0];
    let read = |layer, options| {
        let registry = Registry::build(schema_for_layer(layer).unwrap()).unwrap();
        let spec = registry.type_spec("ChatAdminRights").unwrap();
        decode(&registry, &spec, &bytes, options).map(|v| to_json(&v))
    };
    assert_eq!(
        read(228, DecodeOptions::default()).unwrap(),
        serde_json::json!({"_": "chatAdminRights", "manage_linked_peers": true})
    );
    for layer in [224, 227] {
        let err = read(layer, DecodeOptions::default()).unwrap_err();
        assert_eq!(
            err.kind,
            DecodeErrorKind::UnknownFlags {
                field: "flags",
                bits: 1 << 19
            },
            "layer {layer}"
        );
        // Lenient decoding drops the bit, as for any bit no field uses.
        assert_eq!(
            read(layer, DecodeOptions::lenient()).unwrap(),
            serde_json::json!({"_": "chatAdminRights"})
        );
    }
}

#[test]
fn the_dynamic_codec_reads_the_story_rights_only_from_layer_164() {
    // chatAdminRights#5fb224d5 with flags = 1 << 14 (post_stories), and with bits 14-16.
    let post = [0xd5, 0x24, 0xb2, 0x5f, 0, 0x40, 0, 0];
    let all_three = [0xd5, 0x24, 0xb2, 0x5f, 0, 0xc0, 0x01, 0];
    let read = |layer, bytes: &[u8], options| {
        let registry = Registry::build(schema_for_layer(layer).unwrap()).unwrap();
        let spec = registry.type_spec("ChatAdminRights").unwrap();
        decode(&registry, &spec, bytes, options).map(|v| to_json(&v))
    };
    for layer in 164..=168 {
        assert_eq!(
            read(layer, &post, DecodeOptions::default()).unwrap(),
            serde_json::json!({"_": "chatAdminRights", "post_stories": true}),
            "layer {layer}"
        );
        assert_eq!(
            read(layer, &all_three, DecodeOptions::default()).unwrap(),
            serde_json::json!({
                "_": "chatAdminRights",
                "post_stories": true,
                "edit_stories": true,
                "delete_stories": true
            }),
            "layer {layer}"
        );
    }
    for layer in 158..=163 {
        let err = read(layer, &post, DecodeOptions::default()).unwrap_err();
        assert_eq!(
            err.kind,
            DecodeErrorKind::UnknownFlags {
                field: "flags",
                bits: 1 << 14
            },
            "layer {layer}"
        );
        let err = read(layer, &all_three, DecodeOptions::default()).unwrap_err();
        assert_eq!(
            err.kind,
            DecodeErrorKind::UnknownFlags {
                field: "flags",
                bits: 0b111 << 14
            },
            "layer {layer}"
        );
        assert_eq!(
            read(layer, &all_three, DecodeOptions::lenient()).unwrap(),
            serde_json::json!({"_": "chatAdminRights"})
        );
    }
}

/// Every full API schema the repository holds, with its layer: the era sources (and second
/// sources) in spec/schema/sources and the real schemas in corpus/schemas. tdlib's file
/// declares no layer; its layer, 228, comes from Version.h (sources/PROVENANCE.md). The
/// MTProto-only files declare none either and are not API schemas.
fn held_schemas() -> Vec<(PathBuf, u32)> {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/schemas");
    let mut out = Vec::new();
    for dir in [sources_dir(), corpus] {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("tl") {
                continue;
            }
            let declared = parse_schema(&read(&path))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .layer;
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            let layer = match (declared, name) {
                (Some(layer), _) => layer,
                (None, "tdlib-telegram_api.tl") => 228,
                (None, _) => {
                    assert!(name.contains("mtproto"), "{name} declares no layer");
                    continue;
                }
            };
            out.push((path, layer));
        }
    }
    out.sort_by_key(|(path, layer)| (*layer, path.clone()));
    out
}

#[test]
fn every_held_schema_agrees_with_the_schema_of_its_layer() {
    // A layer's schema (the era file less what the layer predates) must say exactly what a
    // released schema of that layer says about every definition it carries, `true` flags
    // included: an extra flag would be refused from a real peer, a missing one accepted.
    let held = held_schemas();
    let layers: BTreeSet<u32> = held.iter().map(|(_, layer)| *layer).collect();
    for layer in [157, 158, 163, 164, 176, 190, 214, 222, 227, 228, 229, 230] {
        assert!(layers.contains(&layer), "no held schema of layer {layer}");
    }
    for (path, layer) in &held {
        let (_, full) = with_builtins(path);
        let ours = schema_for_layer(*layer).unwrap_or_else(|e| panic!("{layer}: {e}"));
        for def in &ours.definitions {
            let name = def.full_name();
            let theirs = full
                .definitions
                .iter()
                .find(|d| d.full_name() == name && d.category == def.category);
            // gotd keeps the generic `vector` builtin in its MTProto file, not its API file.
            if theirs.is_none() && name == "vector" {
                continue;
            }
            let theirs = theirs
                .unwrap_or_else(|| panic!("{}: lacks {name} (layer {layer})", path.display()));
            assert_eq!(theirs, def, "{}: {name} (layer {layer})", path.display());
        }
    }
}

#[test]
fn layers_229_and_230_carry_the_same_definitions() {
    // Kept apart as eras, but nothing carried differs (spec/schema/README.md).
    let a = &era_schema(Era::L229).definitions;
    let b = &era_schema(Era::L230).definitions;
    let names = |d: &Vec<Definition>| d.iter().map(|d| d.full_name()).collect::<BTreeSet<_>>();
    assert_eq!(names(a), names(b));
    for d in a {
        let other = b.iter().find(|o| o.full_name() == d.full_name()).unwrap();
        assert_eq!(d, other, "{}", d.full_name());
    }
}
