//! Every schema in `corpus/schemas/` parses, with counts, layers and id checks that were
//! derived independently of this crate.
//!
//! Types/functions: counted with awk over the files, one definition per `;` outside
//! comments (no real file spreads a definition over several lines), builtins counted
//! as types:
//!
//! ```sh
//! awk '{sub(/\/\/.*/,"")} /^---functions---/{f=1} /^---types---/{f=0}
//!      /;/{ if(f) fn++; else ty++ } END{print ty+0, fn+0}' FILE
//! ```
//!
//! Verified / inferred / builtin / mismatches: a throwaway Python script working on
//! the text line by line the way Telethon's `infer_id` does (regexes over the source
//! line: drop comments and `#id`, delete ` \w+:\w+\.\d+\?true`, replace `:bytes `
//! and `?bytes ` with `string`, `<` → space, drop `>{}`, collapse spaces,
//! `zlib.crc32`; lines whose body starts with `?` counted as builtins).

use std::collections::BTreeSet;
use std::path::PathBuf;

use tl_parser::known_exceptions::KNOWN_EXCEPTIONS;
use tl_parser::{parse_schema, LineIndex, Schema};

struct Expected {
    file: &'static str,
    layer: Option<u32>,
    types: usize,
    functions: usize,
    verified: usize,
    inferred: usize,
    builtin: usize,
    /// Names of the definitions whose explicit id differs from the computed one.
    mismatches: &'static [&'static str],
}

const SIMPLE_CONFIG: &[&str] = &["ipPortSecret", "accessPointRule", "help.configSimple"];

const EXPECTED: &[Expected] = &[
    Expected {
        file: "grammers-crate-0.11.0-api.tl",
        layer: Some(230),
        types: 1704,
        functions: 850,
        verified: 2554,
        inferred: 0,
        builtin: 0,
        mismatches: &[],
    },
    Expected {
        file: "tdlib-telegram_api.tl",
        // tdlib's file declares no layer (PROVENANCE.md takes 228 from Version.h).
        layer: None,
        types: 1655,
        functions: 813,
        verified: 2451,
        inferred: 4,
        builtin: 4,
        mismatches: &[
            "ipPortSecret",
            "accessPointRule",
            "help.configSimple",
            "inputPeerPhotoFileLocationLegacy",
            "inputStickerSetThumbLegacy",
            "invokeWithBusinessConnectionPrefix",
            "invokeWithGooglePlayIntegrityPrefix",
            "invokeWithApnsSecretPrefix",
            "invokeWithReCaptchaPrefix",
        ],
    },
    Expected {
        file: "gotd-tdesktop.tl",
        layer: Some(228),
        types: 1642,
        functions: 806,
        verified: 2448,
        inferred: 0,
        builtin: 0,
        mismatches: &[],
    },
    Expected {
        file: "grammers-api.tl",
        layer: Some(222),
        types: 1541,
        functions: 754,
        verified: 2295,
        inferred: 0,
        builtin: 0,
        mismatches: &[],
    },
    Expected {
        file: "tdesktop-api.tl",
        layer: Some(214),
        types: 1479,
        functions: 727,
        verified: 2206,
        inferred: 0,
        builtin: 0,
        mismatches: &[],
    },
    Expected {
        file: "kurigram-2.2.24-main_api.tl",
        layer: Some(227),
        types: 1614,
        functions: 790,
        verified: 2404,
        inferred: 0,
        builtin: 0,
        mismatches: &[],
    },
    Expected {
        file: "kurigram-2.2.26-main_api.tl",
        layer: Some(229),
        types: 1652,
        functions: 813,
        verified: 2465,
        inferred: 0,
        builtin: 0,
        mismatches: &[],
    },
    Expected {
        file: "telethon-api.tl",
        layer: Some(190),
        types: 1363,
        functions: 663,
        verified: 2026,
        inferred: 0,
        builtin: 0,
        mismatches: &[],
    },
    Expected {
        file: "pyrogram-main_api.tl",
        layer: Some(158),
        types: 1108,
        functions: 511,
        verified: 1619,
        inferred: 0,
        builtin: 0,
        mismatches: &[],
    },
    Expected {
        file: "mtproto.tl",
        layer: None,
        types: 56,
        functions: 10,
        verified: 47,
        inferred: 12,
        builtin: 4,
        mismatches: SIMPLE_CONFIG,
    },
    Expected {
        file: "grammers-mtproto.tl",
        layer: None,
        types: 56,
        functions: 10,
        verified: 48,
        inferred: 11,
        builtin: 4,
        mismatches: SIMPLE_CONFIG,
    },
    Expected {
        file: "tdlib-mtproto_api.tl",
        layer: None,
        types: 40,
        functions: 8,
        verified: 38,
        inferred: 5,
        builtin: 4,
        mismatches: &["gzip_packed"],
    },
];

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/schemas")
}

fn read(file: &str) -> String {
    let path = corpus_dir().join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse(file: &str, text: &str) -> Schema {
    parse_schema(text).unwrap_or_else(|e| panic!("{file}:{e}"))
}

#[test]
fn every_corpus_file_is_covered() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(corpus_dir())
        .expect("corpus/schemas exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".tl"))
        .collect();
    let expected: BTreeSet<String> = EXPECTED.iter().map(|e| e.file.to_owned()).collect();
    assert_eq!(on_disk, expected);
}

#[test]
fn counts_layers_and_ids_match_the_independent_derivation() {
    for exp in EXPECTED {
        let text = read(exp.file);
        let schema = parse(exp.file, &text);
        let report = schema.check_ids();
        let mismatches: Vec<&str> = report.mismatches.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(schema.layer, exp.layer, "{}: layer", exp.file);
        assert_eq!(
            (schema.types().count(), schema.functions().count()),
            (exp.types, exp.functions),
            "{}: types, functions",
            exp.file
        );
        assert_eq!(
            (report.verified, report.inferred, report.builtin),
            (exp.verified, exp.inferred, exp.builtin),
            "{}: verified, inferred, builtin",
            exp.file
        );
        assert_eq!(mismatches, exp.mismatches, "{}: mismatches", exp.file);
    }
}

#[test]
fn every_mismatch_is_a_known_exception_and_every_exception_is_needed() {
    let mut used = BTreeSet::new();
    for exp in EXPECTED {
        let schema = parse(exp.file, &read(exp.file));
        let report = schema.check_ids();
        let unexplained: Vec<String> = report.unexplained().map(|m| m.to_string()).collect();
        assert!(unexplained.is_empty(), "{}: {unexplained:#?}", exp.file);
        used.extend(
            report
                .mismatches
                .iter()
                .filter_map(|m| m.known_exception.map(|e| e.name)),
        );
    }
    let unused: Vec<&str> = KNOWN_EXCEPTIONS
        .iter()
        .map(|e| e.name)
        .filter(|name| !used.contains(name))
        .collect();
    assert!(unused.is_empty(), "exceptions no schema needs: {unused:?}");
}

#[test]
fn printing_and_reparsing_gives_the_same_schema() {
    for exp in EXPECTED {
        let schema = parse(exp.file, &read(exp.file));
        let printed = schema.to_string();
        let reparsed = parse(exp.file, &printed);
        assert_eq!(reparsed, schema, "{}", exp.file);
        // Ids are per definition, so the report must not change either (spans aside).
        let summary = |s: &Schema| {
            let r = s.check_ids();
            let m: Vec<_> = r
                .mismatches
                .iter()
                .map(|m| (m.name.clone(), m.declared, m.computed))
                .collect();
            (r.verified, r.inferred, r.builtin, m)
        };
        assert_eq!(summary(&reparsed), summary(&schema), "{}", exp.file);
    }
}

#[test]
fn spans_cover_each_definition_and_map_to_lines() {
    for exp in EXPECTED {
        let text = read(exp.file);
        let schema = parse(exp.file, &text);
        let index = LineIndex::new(&text);
        let mut previous_end = 0;
        for def in &schema.definitions {
            let spanned = def
                .span
                .text(&text)
                .unwrap_or_else(|| panic!("{}: bad span", exp.file));
            assert!(
                spanned.starts_with(def.full_name().as_str()),
                "{}: {spanned}",
                exp.file
            );
            assert!(spanned.ends_with(';'), "{}: {spanned}", exp.file);
            assert!(
                def.span.start >= previous_end,
                "{}: spans overlap",
                exp.file
            );
            previous_end = def.span.end;
            // No real file spreads a definition over lines, so every span starts a line.
            let at = index.line_col(def.span.start);
            assert_eq!(at.column, 1, "{}:{at}", exp.file);
            let line = text.lines().nth(at.line - 1).unwrap_or_default();
            assert!(line.starts_with(spanned), "{}:{at}", exp.file);
            for param in &def.params {
                let p = param.span.text(&text).unwrap_or_default();
                assert_eq!(p, param.to_string(), "{}:{at}", exp.file);
            }
        }
    }
}

#[test]
fn seed_ids_reproduce_in_the_schemas_that_have_them() {
    // (file, name, id): constructors of the bot-button flows named in the reference
    // notes, looked up in the layer that defines them.
    let cases = [
        (
            "grammers-crate-0.11.0-api.tl",
            "keyboardButtonStyle",
            0x4fdd_3430,
        ),
        (
            "grammers-crate-0.11.0-api.tl",
            "messages.sendBotRequestedPeer",
            0x6c5c_f2a7,
        ),
        (
            "tdesktop-api.tl",
            "messages.sendBotRequestedPeer",
            0x91b2_d060,
        ),
        ("gotd-tdesktop.tl", "keyboardButtonCallback", 0xe62b_c960),
        (
            "grammers-crate-0.11.0-api.tl",
            "messages.sendVote",
            0x10ea_6184,
        ),
        ("grammers-crate-0.11.0-api.tl", "codeSettings", 0xad25_3d78),
        ("mtproto.tl", "vector", 0x1cb5_c415),
        (
            "gotd-tdesktop.tl",
            "inputKeyboardButtonRequestPeer",
            0x02b7_8156,
        ),
        (
            "tdlib-telegram_api.tl",
            "inputKeyboardButtonRequestPeer",
            0x02b7_8156,
        ),
    ];
    for (file, name, id) in cases {
        let schema = parse(file, &read(file));
        let def = schema
            .definitions
            .iter()
            .find(|d| d.full_name() == name)
            .unwrap_or_else(|| panic!("{file}: no {name}"));
        assert_eq!(def.computed_id(), id, "{file}: {name}");
        assert_eq!(def.effective_id(), id, "{file}: {name}");
    }
}
