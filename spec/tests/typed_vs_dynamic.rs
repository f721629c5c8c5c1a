//! The typed codec (Rust types generated from the era files) and the dynamic codec (driven
//! by the parsed era schema at run time) are two independent readings of the same TL text.
//! They must agree byte for byte:
//!
//! * a value generated from the schema and encoded by the dynamic codec is decoded and
//!   re-encoded by the typed codec to the same bytes, for every boxed type and function of
//!   every era that has a typed module;
//! * on arbitrary and on corrupted encodings, both accept or both reject, and when both
//!   reject they name the same error kind at the same byte offset.

use std::sync::LazyLock;

use proptest::prelude::*;
use tgconf_spec::codec::{DecodeError, DecodeOptions};
use tgconf_spec::dynamic::{decode, decode_in, encode, Arena, Generator, Kind, Registry, TypeSpec};
use tgconf_spec::typed::generated::{EraCodec, ERAS};
use tgconf_spec::typed::TranscodeError;
use tl_parser::Category;

/// How much deeper than its minimum a generated value may nest.
const EXTRA_DEPTH: usize = 3;

struct EraUnderTest {
    codec: &'static EraCodec,
    registry: &'static Registry,
    generator: Generator<'static>,
    /// Every boxed type and function the typed module can transcode, with its spec.
    names: Vec<(&'static str, TypeSpec)>,
}

static ERAS_UNDER_TEST: LazyLock<Vec<EraUnderTest>> = LazyLock::new(|| {
    ERAS.iter()
        .map(|codec| {
            let schema = codec
                .era
                .schema()
                .unwrap_or_else(|e| panic!("{}: {e}", codec.era.name()));
            let registry: &'static Registry =
                Box::leak(Box::new(Registry::build(schema).expect("the era builds")));
            let names = codec
                .boxed_types
                .iter()
                .chain(codec.functions)
                .map(|&name| {
                    (
                        name,
                        registry
                            .type_spec(name)
                            .unwrap_or_else(|e| panic!("{name}: {e}")),
                    )
                })
                .collect();
            EraUnderTest {
                codec,
                registry,
                generator: Generator::new(registry),
                names,
            }
        })
        .collect()
});

fn strict() -> DecodeOptions {
    DecodeOptions::default()
}

/// Encodes a generated value of `name` with the dynamic codec.
fn dynamic_encoding(era: &EraUnderTest, spec: &TypeSpec, tape: &[u64]) -> Option<Vec<u8>> {
    let depth = era.generator.min_depth(spec.kind())? + EXTRA_DEPTH;
    let value = era.generator.generate(tape, spec.kind(), depth)?;
    Some(encode(era.registry, &value).unwrap_or_else(|e| panic!("{}: {e}: {value}", spec.as_str())))
}

fn typed_transcode(era: &EraUnderTest, name: &str, bytes: &[u8]) -> Result<Vec<u8>, DecodeError> {
    match (era.codec.transcode)(name, bytes, strict()) {
        None => panic!(
            "the typed module of {} does not know {name}",
            era.codec.era.name()
        ),
        Some(Ok(out)) => Ok(out),
        Some(Err(TranscodeError::Decode(e))) => Err(e),
        Some(Err(TranscodeError::Encode(e))) => {
            panic!("{name}: re-encoding what was decoded failed: {e}")
        }
    }
}

/// Both codecs read `bytes` as `name`; they must agree on acceptance, on the bytes
/// written back, and on the error.
fn assert_agree(
    era: &EraUnderTest,
    name: &str,
    spec: &TypeSpec,
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    let typed = typed_transcode(era, name, bytes);
    let decoded = decode(era.registry, spec, bytes, strict());
    let arena = Arena::new();
    let in_arena = decode_in(&arena, era.registry, spec, bytes, strict());
    prop_assert_eq!(
        &in_arena,
        &decoded,
        "{}: decoding into an arena differs",
        name
    );
    let dynamic =
        decoded.map(|value| encode(era.registry, &value).expect("a decoded value encodes"));
    let hex = tgconf_spec::dynamic::hex::encode(bytes);
    match (typed, dynamic) {
        (Ok(t), Ok(d)) => {
            prop_assert_eq!(&t, bytes, "typed re-encoding of {} differs: {}", name, hex);
            prop_assert_eq!(
                &d,
                bytes,
                "dynamic re-encoding of {} differs: {}",
                name,
                hex
            );
        }
        (Err(t), Err(d)) => {
            prop_assert_eq!(t, d, "{} {}: the codecs reject differently", name, hex)
        }
        (t, d) => prop_assert!(
            false,
            "{} {}: typed {:?}, dynamic {:?}",
            name,
            hex,
            t.map(|_| ()),
            d.map(|_| ())
        ),
    }
    Ok(())
}

#[test]
fn every_constructor_and_function_of_every_typed_era_agrees() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut xorshift = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for era in ERAS_UNDER_TEST.iter() {
        let mut checked = 0;
        for (c, ctor) in era.registry.constructors() {
            // A constructor is read through its boxed type, a function as itself.
            let name = if ctor.is_function() {
                ctor.name()
            } else {
                ctor.result()
            };
            let Some((name, _)) = era.names.iter().find(|(n, _)| *n == name) else {
                continue;
            };
            let kind = Kind::Bare(c);
            let depth = era
                .generator
                .min_depth(&kind)
                .expect("every era constructor can be generated")
                + EXTRA_DEPTH;
            for round in 0..4 {
                let tape: Vec<u64> = match round {
                    0 => Vec::new(),
                    1 => vec![u64::MAX; 256],
                    _ => (0..600).map(|_| xorshift()).collect(),
                };
                let value = era
                    .generator
                    .generate(&tape, &kind, depth)
                    .expect("within its depth");
                let bytes =
                    encode(era.registry, &value).unwrap_or_else(|e| panic!("{}: {e}", ctor.name()));
                assert_eq!(
                    typed_transcode(era, name, &bytes),
                    Ok(bytes.clone()),
                    "{} {}: {value}",
                    era.codec.era.name(),
                    ctor.name()
                );
            }
            checked += 1;
        }
        // Everything but the builtin types (Bool, True, Vector), which have no typed module
        // entry of their own, is checked.
        let expected = era
            .codec
            .era
            .schema()
            .unwrap()
            .definitions
            .iter()
            .filter(|d| !d.builtin)
            .filter(|d| {
                d.category == Category::Function
                    || !["Bool", "True", "Vector"].contains(&d.result.name.as_str())
            })
            .count();
        assert_eq!(
            checked,
            expected,
            "{}: constructors and functions checked",
            era.codec.era.name()
        );
    }
}

/// One corruption of an encoding.
#[derive(Debug, Clone)]
enum Corruption {
    Flip { at: prop::sample::Index, bit: u8 },
    Truncate { at: prop::sample::Index },
    Insert { at: prop::sample::Index, byte: u8 },
    Remove { at: prop::sample::Index },
}

fn corruption() -> impl Strategy<Value = Corruption> {
    prop_oneof![
        (any::<prop::sample::Index>(), 0..8u8).prop_map(|(at, bit)| Corruption::Flip { at, bit }),
        any::<prop::sample::Index>().prop_map(|at| Corruption::Truncate { at }),
        (any::<prop::sample::Index>(), any::<u8>())
            .prop_map(|(at, byte)| Corruption::Insert { at, byte }),
        any::<prop::sample::Index>().prop_map(|at| Corruption::Remove { at }),
    ]
}

fn corrupt(bytes: &mut Vec<u8>, c: &Corruption) {
    if bytes.is_empty() {
        return;
    }
    let len = bytes.len();
    match c {
        Corruption::Flip { at, bit } => bytes[at.index(len)] ^= 1 << bit,
        Corruption::Truncate { at } => bytes.truncate(at.index(len)),
        Corruption::Insert { at, byte } => bytes.insert(at.index(len + 1), *byte),
        Corruption::Remove { at } => {
            bytes.remove(at.index(len));
        }
    }
}

proptest! {
    #[test]
    fn generated_values_agree(era in any::<prop::sample::Index>(), name in any::<prop::sample::Index>(), tape in prop::collection::vec(any::<u64>(), 0..600)) {
        let era = &ERAS_UNDER_TEST[era.index(ERAS_UNDER_TEST.len())];
        let (name, spec) = &era.names[name.index(era.names.len())];
        if let Some(bytes) = dynamic_encoding(era, spec, &tape) {
            assert_agree(era, name, spec, &bytes)?;
        }
    }

    #[test]
    fn corrupted_encodings_get_the_same_verdict(
        era in any::<prop::sample::Index>(),
        name in any::<prop::sample::Index>(),
        tape in prop::collection::vec(any::<u64>(), 0..600),
        corruptions in prop::collection::vec(corruption(), 1..4),
    ) {
        let era = &ERAS_UNDER_TEST[era.index(ERAS_UNDER_TEST.len())];
        let (name, spec) = &era.names[name.index(era.names.len())];
        if let Some(mut bytes) = dynamic_encoding(era, spec, &tape) {
            for c in &corruptions {
                corrupt(&mut bytes, c);
            }
            assert_agree(era, name, spec, &bytes)?;
        }
    }

    #[test]
    fn arbitrary_bytes_get_the_same_verdict(era in any::<prop::sample::Index>(), name in any::<prop::sample::Index>(), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let era = &ERAS_UNDER_TEST[era.index(ERAS_UNDER_TEST.len())];
        let (name, spec) = &era.names[name.index(era.names.len())];
        assert_agree(era, name, spec, &bytes)?;
    }
}
