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

/// A constructor with a vector sharing its bit with another field, and one alone on its bit.
const EMPTY_VECTORS: &str = "\
inputPeerEmpty#7f3b18ea = InputPeer;
emptyVectors#659d98bd flags:# peer:flags.0?InputPeer ids:flags.0?Vector<int> order:flags.1?Vector<long> = EmptyVectors;
";

/// The rules the checker names for `produced` as an encoder's output for `value`.
fn encoded_rules(layer: u32, value: serde_json::Value, produced: &[u8]) -> BTreeSet<String> {
    check::check(&WireCase {
        layer,
        type_name: "EmptyVectors".into(),
        bytes: produced.to_vec(),
        origin: Origin::Encoded { value },
        schema: Some(EMPTY_VECTORS.into()),
    })
    .into_iter()
    .map(|v| v.rule)
    .collect()
}

const ID: [u8; 4] = [0xbd, 0x98, 0x9d, 0x65];
const INPUT_PEER_EMPTY: [u8; 4] = [0xea, 0x18, 0x3b, 0x7f];
const EMPTY: [u8; 8] = [0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0];

#[test]
fn a_present_empty_vector_written_absent_breaks_the_flags_word() {
    let value = serde_json::json!({ "_": "emptyVectors", "order": [] });
    let reference = [&ID[..], &[2, 0, 0, 0], &EMPTY].concat();
    assert!(encoded_rules(158, value.clone(), &reference).is_empty());
    let dropped = [&ID[..], &[0, 0, 0, 0]].concat();
    assert_eq!(
        encoded_rules(158, value, &dropped),
        BTreeSet::from(["TL-20".into()])
    );
}

#[test]
fn a_present_empty_vector_left_out_under_a_bit_kept_set_is_named_by_layer() {
    let value =
        serde_json::json!({ "_": "emptyVectors", "peer": { "_": "inputPeerEmpty" }, "ids": [] });
    let dropped = [&ID[..], &[1, 0, 0, 0], &INPUT_PEER_EMPTY].concat();
    // Written where its bit says it is: before the first layer with shared bits, the
    // conditional-field rule; from it, the shared-bit rule.
    assert_eq!(
        encoded_rules(158, value.clone(), &dropped),
        BTreeSet::from(["TL-19".into()])
    );
    assert_eq!(
        encoded_rules(230, value, &dropped),
        BTreeSet::from(["TL-22".into()])
    );
}

#[test]
fn every_present_empty_vector_written_absent_is_one_mistake() {
    let value = serde_json::json!({
        "_": "emptyVectors", "peer": { "_": "inputPeerEmpty" }, "ids": [], "order": []
    });
    let dropped = [&ID[..], &[1, 0, 0, 0], &INPUT_PEER_EMPTY].concat();
    assert_eq!(
        encoded_rules(158, value, &dropped),
        BTreeSet::from(["TL-20".into(), "TL-19".into()])
    );
}

#[test]
fn a_non_empty_vector_left_out_is_not_that_mistake() {
    let value = serde_json::json!({ "_": "emptyVectors", "order": ["1"] });
    let dropped = [&ID[..], &[0, 0, 0, 0]].concat();
    let rules = encoded_rules(158, value, &dropped);
    assert!(!rules.is_empty());
    // Without the mistake to explain it, the walk of the output names the flags word too;
    // the message is what tells them apart.
    let violations = check::check(&WireCase {
        layer: 158,
        type_name: "EmptyVectors".into(),
        bytes: dropped,
        origin: Origin::Encoded {
            value: serde_json::json!({ "_": "emptyVectors", "order": ["1"] }),
        },
        schema: Some(EMPTY_VECTORS.into()),
    });
    assert!(violations
        .iter()
        .all(|v| !v.message.contains("present empty vector")));
}

#[test]
fn a_present_empty_vector_still_written_under_its_cleared_bit_breaks_both_rules() {
    let value = serde_json::json!({ "_": "emptyVectors", "order": [] });
    let cleared = [&ID[..], &[0, 0, 0, 0], &EMPTY].concat();
    assert_eq!(
        encoded_rules(158, value, &cleared),
        BTreeSet::from(["TL-20".into(), "TL-19".into()])
    );
}
