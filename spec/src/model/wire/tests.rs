//! The wire checker's own tests: its layout walk reads exactly what the dynamic decoder
//! reads, it never panics, and each wire property holds (valid cases pass, each bug is
//! caught as its rule).

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::codec::DecodeOptions;
use crate::dynamic::decode;
use crate::era::{FIRST_LAYER, LAST_LAYER};
use crate::model::subject::Subject;
use crate::rules::Catalogue;

use super::gen::{eras, resolve, samples, unchanged};
use super::layout::walk;
use super::{check, properties, Origin, WireCase};

const TYPES: &[&str] = &[
    "Object",
    "ReplyMarkup",
    "KeyboardButton",
    "KeyboardInlineButton",
    "RequestPeerType",
    "RequestedPeer",
    "InputPeer",
    "messages.sendBotRequestedPeer",
    "messages.getBotCallbackAnswer",
    "Vector<KeyboardButtonRow>",
    "vector<long>",
    "Vector<true>",
    "keyboardButtonStyle",
    "int256",
    "Bool",
    "NoSuchType",
    "Vector<",
];

/// Valid encodings, corrupted at a few places, or replaced by arbitrary bytes.
fn inputs() -> impl Strategy<Value = (u32, String, Vec<u8>)> {
    let corrupted = (
        samples(
            eras(FIRST_LAYER, LAST_LAYER),
            &[
                "ReplyMarkup",
                "RequestPeerType",
                "messages.sendBotRequestedPeer",
                "KeyboardButton",
            ],
            unchanged,
        ),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    )
        .prop_map(|(s, edits)| {
            let mut bytes = s.bytes;
            for (i, b) in edits {
                if !bytes.is_empty() {
                    let at = i.index(bytes.len());
                    bytes[at] = b;
                }
            }
            (s.layer, s.type_name, bytes)
        });
    let arbitrary = (
        100u32..260,
        prop::sample::select(TYPES),
        prop::collection::vec(any::<u8>(), 0..64),
    )
        .prop_map(|(l, t, b)| (l, t.to_owned(), b));
    prop_oneof![corrupted, arbitrary]
}

proptest! {
    #[test]
    fn the_walk_reads_what_the_decoder_reads((layer, type_name, bytes) in inputs()) {
        if let Some((registry, spec)) = resolve(layer, &type_name) {
            let decoded = decode(registry, &spec, &bytes, DecodeOptions::default());
            let layout = walk(registry, spec.kind(), &bytes);
            prop_assert_eq!(decoded.err(), layout.failure.map(|f| f.error));
        }
    }

    #[test]
    fn the_checker_never_panics((layer, type_name, bytes) in inputs(), kind in 0..4u8, text in ".{0,40}", id in any::<Option<u32>>()) {
        let origin = match kind {
            0 => Origin::Received,
            1 => Origin::Encoded { value: serde_json::json!({ "_": text.clone(), "text": text.clone() }) },
            2 => Origin::SchemaLine { line: text.clone(), id },
            _ => Origin::SchemaLine { line: format!("a#{:x} x:{text} = A;", id.unwrap_or(0)), id },
        };
        let schema = (kind == 3).then(|| text.clone());
        let _ = check::check(&WireCase { layer, type_name, bytes, origin, schema });
    }
}

#[test]
fn the_rules_examples_are_judged() {
    // messages.sendBotRequestedPeer #91b2d060 at layer 224, where it is #6c5cf2a7.
    let call = [0x60, 0xd0, 0xb2, 0x91, 0, 0, 0, 0];
    let rules = |case: &WireCase| {
        check::check(case)
            .into_iter()
            .map(|v| v.rule)
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(
        rules(&WireCase::received(
            224,
            "messages.sendBotRequestedPeer",
            call.to_vec()
        )),
        BTreeSet::from(["TL-29".into(), "TL-30".into()])
    );
    // keyboardButtonStyle{bg_primary} is valid from 222 on.
    let style = [0x30, 0x34, 0xdd, 0x4f, 0x01, 0x00, 0x00, 0x00];
    assert!(rules(&WireCase::received(
        222,
        "KeyboardButtonStyle",
        style.to_vec()
    ))
    .is_empty());
    let mut unknown_bit = style;
    unknown_bit[4] = 0x11;
    assert_eq!(
        rules(&WireCase::received(
            222,
            "KeyboardButtonStyle",
            unknown_bit.to_vec()
        )),
        BTreeSet::from(["TL-20".into()])
    );
    assert_eq!(
        rules(&WireCase::received(
            222,
            "KeyboardButtonStyle",
            style[..6].to_vec()
        )),
        BTreeSet::from(["TL-01".into()])
    );
}

/// What the project's model test does for every property, for the wire ones only.
#[test]
fn each_wire_property_holds() {
    let catalogue = Catalogue::load().expect("catalogue loads");
    let mut failures = Vec::new();
    for property in properties::all() {
        let layers = &catalogue
            .rule(property.rule)
            .expect("a catalogue rule")
            .layers;
        let mut runner = TestRunner::new(Config {
            failure_persistence: None,
            ..Config::default()
        });
        let result = runner.run(&(property.valid)(), |subject| {
            let Subject::Wire(case) = &subject else {
                return Err(TestCaseError::fail("not a wire subject"));
            };
            prop_assert!(
                layers.contains(case.layer),
                "layer {} outside the rule's layers",
                case.layer
            );
            let violations = subject.check();
            prop_assert!(
                violations.is_empty(),
                "valid subject broke rules: {violations:?}"
            );
            let mut broken = subject.clone();
            prop_assert!(
                (property.inject)(&mut broken),
                "the bug found nothing to act on"
            );
            let found: BTreeSet<String> = broken.check().into_iter().map(|v| v.rule).collect();
            prop_assert!(
                found.contains(property.rule),
                "bug `{}` not caught as {}: found {found:?} in {broken:?}",
                property.bug,
                property.rule
            );
            let unexpected: Vec<&String> = found
                .iter()
                .filter(|r| r.as_str() != property.rule && !property.also.contains(&r.as_str()))
                .collect();
            prop_assert!(
                unexpected.is_empty(),
                "bug `{}` also broke {unexpected:?} in {broken:?}",
                property.bug
            );
            Ok(())
        });
        if let Err(error) = result {
            failures.push(format!("{} {}: {error}", property.rule, property.bug));
        }
    }
    assert!(
        failures.is_empty(),
        "{} properties failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
