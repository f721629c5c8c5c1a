//! Property tests of the dynamic codec over the full layer-230 schema
//! (corpus/schemas/grammers-crate-0.11.0-api.tl, 2,551 constructors and functions):
//!
//! * (a) decoding arbitrary bytes as `Object` never panics and stays within bounds: an
//!   error's offset lies inside the input, and a decoded tree has at most 10 nodes per
//!   input byte (plus one);
//! * (b) a value generated from the schema (any constructor, bounded depth) survives
//!   encode → decode and to_json → from_json unchanged;
//! * (c) whenever strict decoding of arbitrary or mutated bytes succeeds, encoding the
//!   value gives back exactly those bytes;
//! * (d) lenient decoding accepts everything strict decoding accepts, with the same value;
//! * (e) decoding into an arena (`decode_in`) gives the same value or the same error as
//!   decoding into owned vectors, strict and lenient, and its arena stays within 1 KiB
//!   per input byte (plus one block): linear in the input, whatever counts it claims.
//!
//! The generator reads its choices from a tape of numbers that proptest produces and
//! shrinks (an exhausted tape reads as zeros, which picks the first, smallest options).

use std::sync::LazyLock;

use proptest::prelude::*;
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::dynamic::{
    decode, decode_in, encode, from_json_str, to_json, Arena, Generator, Kind, Registry, TypeSpec,
    Value,
};

static REGISTRY: LazyLock<Registry> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../corpus/schemas/grammers-crate-0.11.0-api.tl"
    );
    let text = std::fs::read_to_string(path).unwrap();
    Registry::build(&tl_parser::parse_schema(&text).unwrap()).unwrap()
});

static GENERATOR: LazyLock<Generator<'static>> = LazyLock::new(|| Generator::new(&REGISTRY));

const DEPTH: usize = 4;

fn generate(tape: &[u64], kind: &Kind) -> Value<'static> {
    GENERATOR
        .generate(tape, kind, DEPTH)
        .expect("every layer-230 type fits in the depth")
}

fn strict() -> DecodeOptions {
    DecodeOptions::default()
}

/// An arena's first block, and the most a decode may add to it per input byte: an object
/// of 8 bytes (its id and a `#` word) may have 12 fields of 80 bytes reserved.
const ARENA_BLOCK: usize = 4096;
const ARENA_BYTES_PER_INPUT_BYTE: usize = 1024;

/// Checks (a), (c), (d) and (e) for one input.
fn check_decoding(bytes: &[u8]) -> Result<(), TestCaseError> {
    let r = &*REGISTRY;
    let object = TypeSpec::object();
    let strict_result = decode(r, &object, bytes, strict());
    let lenient_result = decode(r, &object, bytes, DecodeOptions::lenient());
    for (options, owned) in [
        (strict(), &strict_result),
        (DecodeOptions::lenient(), &lenient_result),
    ] {
        let arena = Arena::with_capacity(ARENA_BLOCK);
        let in_arena = decode_in(&arena, r, &object, bytes, options);
        prop_assert_eq!(&in_arena, owned, "decoding into an arena differs");
        // Blocks double as they are added, so the arena may hold twice what was used.
        let bound = 2 * (ARENA_BLOCK + ARENA_BYTES_PER_INPUT_BYTE * bytes.len());
        prop_assert!(
            arena.allocated_bytes() <= bound,
            "an arena of {} bytes for {} input bytes",
            arena.allocated_bytes(),
            bytes.len()
        );
    }
    for result in [&strict_result, &lenient_result] {
        match result {
            Ok(v) => prop_assert!(
                v.node_count() <= 10 * bytes.len() + 1,
                "{} nodes from {} bytes",
                v.node_count(),
                bytes.len()
            ),
            Err(e) => prop_assert!(
                e.offset <= bytes.len(),
                "offset {} past the {} input bytes: {e}",
                e.offset,
                bytes.len()
            ),
        }
    }
    if let Ok(value) = &strict_result {
        prop_assert_eq!(
            encode(r, value).map_err(|e| TestCaseError::fail(e.to_string()))?,
            bytes,
            "re-encoding {}",
            value
        );
        prop_assert_eq!(
            lenient_result.as_ref().ok(),
            Some(value),
            "lenient decoding of strictly valid bytes"
        );
    }
    Ok(())
}

fn tape() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), 0..400)
}

#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Flip(usize, u8),
    Insert(usize, u8),
    Remove(usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Set(i, b)),
        (any::<usize>(), 0u8..8).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Remove),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match *m {
        Mutation::Set(i, b) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            bytes[i] = b;
        }
        Mutation::Flip(i, bit) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            bytes[i] ^= 1 << bit;
        }
        Mutation::Insert(i, b) => {
            let i = at(i, bytes.len() + 1);
            bytes.insert(i, b);
        }
        Mutation::Remove(i) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            bytes.remove(i);
        }
        Mutation::Truncate(i) => {
            let len = at(i, bytes.len() + 1);
            bytes.truncate(len);
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { max_shrink_iters: 2000, ..ProptestConfig::default() })]

    /// (a), (c), (d) on arbitrary bytes; a valid constructor id in front half of the time
    /// gets past the first check.
    #[test]
    fn arbitrary_bytes(prefix in any::<prop::sample::Index>(), with_id in any::<bool>(), rest in prop::collection::vec(any::<u8>(), 0..300)) {
        let mut bytes = Vec::new();
        if with_id {
            let (_, c) = REGISTRY.constructors().nth(prefix.index(REGISTRY.constructors().len())).unwrap();
            bytes.extend_from_slice(&c.id().to_le_bytes());
        }
        bytes.extend_from_slice(&rest);
        check_decoding(&bytes)?;
    }

    /// (a), (c), (d) on mutations of valid encodings.
    #[test]
    fn mutated_encodings(tape in tape(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let value = generate(&tape, &Kind::AnyObject);
        let mut bytes = encode(&REGISTRY, &value).unwrap();
        for m in &mutations {
            mutate(&mut bytes, m);
        }
        check_decoding(&bytes)?;
    }

    /// (b): encode → decode and to_json → from_json give the generated value back.
    #[test]
    fn generated_values_round_trip(tape in tape()) {
        let r = &*REGISTRY;
        let value = generate(&tape, &Kind::AnyObject);
        let bytes = encode(r, &value).map_err(|e| TestCaseError::fail(format!("{e}: {value}")))?;
        let decoded = decode(r, &TypeSpec::object(), &bytes, strict()).map_err(|e| TestCaseError::fail(format!("{e}: {value}")))?;
        prop_assert_eq!(&decoded, &value);
        let arena = Arena::new();
        let in_arena = decode_in(&arena, r, &TypeSpec::object(), &bytes, strict()).map_err(|e| TestCaseError::fail(format!("{e}: {value}")))?;
        prop_assert_eq!(&in_arena, &value);
        check_decoding(&bytes)?;
        let text = to_json(&value).to_string();
        let parsed = from_json_str(r, &TypeSpec::object(), &text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&parsed, &value);
        prop_assert_eq!(to_json(&parsed).to_string(), text);
    }
}

/// (b) for every constructor and function of the schema, each with a few fixed tapes
/// (a seeded xorshift, so every run covers all 2,551 of them the same way).
#[test]
fn every_constructor_round_trips() {
    let r = &*REGISTRY;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut xorshift = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut checked = 0;
    for (c, ctor) in r.constructors() {
        let kind = Kind::Bare(c);
        if GENERATOR.min_depth(&kind).is_none_or(|d| d > DEPTH) {
            continue;
        }
        for round in 0..3 {
            let tape: Vec<u64> = match round {
                0 => Vec::new(),
                1 => vec![u64::MAX; 64],
                _ => (0..400).map(|_| xorshift()).collect(),
            };
            let value = generate(&tape, &kind);
            let bytes =
                encode(r, &value).unwrap_or_else(|e| panic!("{}: {e}: {value}", ctor.name()));
            assert_eq!(&bytes[..4], &ctor.id().to_le_bytes(), "{}", ctor.name());
            let decoded = decode(r, &TypeSpec::object(), &bytes, strict())
                .unwrap_or_else(|e| panic!("{}: {e}: {value}", ctor.name()));
            assert_eq!(decoded, value, "{}", ctor.name());
            let text = to_json(&value).to_string();
            let parsed = from_json_str(r, &TypeSpec::object(), &text)
                .unwrap_or_else(|e| panic!("{}: {e}: {text}", ctor.name()));
            assert_eq!(parsed, value, "{}", ctor.name());
            checked += 1;
        }
    }
    // Every constructor of the schema can be generated within the depth bound.
    assert_eq!(checked, 3 * r.constructors().len());
}
