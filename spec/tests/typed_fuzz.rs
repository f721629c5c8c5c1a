//! Arbitrary bytes decoded as each boxed type and function of each generated era: never a
//! panic, and whatever strict decoding accepts encodes back to exactly the same bytes
//! (strict decoding only accepts canonical encodings).

use std::sync::OnceLock;

use proptest::prelude::*;
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::typed::generated::{EraCodec, ERAS};

/// Decoding must not panic; success must round-trip exactly.
fn check(codec: &EraCodec, name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let result = (codec.transcode)(name, bytes, DecodeOptions::default())
        .unwrap_or_else(|| panic!("era {}: `{name}` is listed but unknown", codec.era));
    if let Ok(again) = result {
        prop_assert_eq!(
            again,
            bytes,
            "era {} `{}`: re-encoding differs",
            codec.era,
            name
        );
    }
    // Lenient decoding may accept more; it must not panic either, and what it gives
    // must encode.
    if let Some(Err(tgconf_spec::typed::TranscodeError::Encode(e))) =
        (codec.transcode)(name, bytes, DecodeOptions::lenient())
    {
        return Err(TestCaseError::fail(format!(
            "era {} `{name}`: decoded leniently but cannot encode: {e}",
            codec.era
        )));
    }
    Ok(())
}

/// Every (era, name) pair the generated modules can decode by name.
fn targets() -> Vec<(usize, &'static str)> {
    ERAS.iter()
        .enumerate()
        .flat_map(|(i, c)| {
            c.boxed_types
                .iter()
                .chain(c.functions)
                .map(move |n| (i, *n))
        })
        .collect()
}

/// Bytes that start like a value of the era: a constructor id of the era, then words
/// that are often small numbers, ids, vector headers or short strings, so that decoding
/// gets past the first id and into the fields.
fn plausible(codec: &'static EraCodec) -> impl Strategy<Value = Vec<u8>> {
    let word = prop_oneof![
        3 => (0u32..16).prop_map(|n| n.to_le_bytes().to_vec()),
        3 => prop::sample::select(codec.ids).prop_map(|(id, _)| id.to_le_bytes().to_vec()),
        2 => Just(0x1cb5_c415u32.to_le_bytes().to_vec()),
        2 => any::<u32>().prop_map(|n| n.to_le_bytes().to_vec()),
        1 => (0u8..8).prop_map(|len| { let mut s = vec![len]; s.extend(std::iter::repeat_n(b'a', len as usize)); s.resize((1 + len as usize).div_ceil(4) * 4, 0); s }),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ];
    (
        prop::sample::select(codec.ids),
        prop::collection::vec(word, 0..24),
    )
        .prop_map(|((id, _), words)| {
            let mut out = id.to_le_bytes().to_vec();
            out.extend(words.concat());
            out
        })
}

/// The valid golden vectors of the generated eras: (index into ERAS, type, bytes).
fn golden() -> &'static [(usize, String, Vec<u8>)] {
    static GOLDEN: OnceLock<Vec<(usize, String, Vec<u8>)>> = OnceLock::new();
    GOLDEN.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/golden");
        let mut out = Vec::new();
        for (i, codec) in ERAS.iter().enumerate() {
            let Ok(text) = std::fs::read_to_string(dir.join(format!("{}.json", codec.era))) else {
                continue;
            };
            let file: serde_json::Value = serde_json::from_str(&text).unwrap();
            for v in file["vectors"].as_array().unwrap() {
                let hex = v["hex"].as_str().unwrap();
                let bytes: Vec<u8> = (0..hex.len())
                    .step_by(2)
                    .map(|j| u8::from_str_radix(&hex[j..j + 2], 16).unwrap())
                    .collect();
                let ty = v["type"].as_str().unwrap().to_owned();
                if matches!(
                    (codec.transcode)(&ty, &bytes, DecodeOptions::default()),
                    Some(Ok(_))
                ) {
                    out.push((i, ty, bytes));
                }
            }
        }
        assert!(
            out.len() > 200,
            "golden vectors of {:?}: {}",
            ERAS.map(|c| c.era),
            out.len()
        );
        out
    })
}

/// One small change to valid bytes: a byte replaced, a word replaced by an id of the era
/// or a small number, bytes cut off the end, or a word inserted.
#[derive(Debug, Clone)]
enum Mutation {
    Byte(usize, u8),
    Word(usize, u32),
    Truncate(usize),
    Insert(usize, u32),
}

fn mutation(codec: &'static EraCodec) -> impl Strategy<Value = Mutation> {
    let word = prop_oneof![
        (0u32..20),
        prop::sample::select(codec.ids).prop_map(|(id, _)| id),
        any::<u32>()
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Byte(at, b)),
        (any::<usize>(), word.clone()).prop_map(|(at, w)| Mutation::Word(at, w)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), word).prop_map(|(at, w)| Mutation::Insert(at, w)),
    ]
}

fn apply(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut out = bytes.to_vec();
    let n = out.len().max(1);
    if out.is_empty() && matches!(m, Mutation::Byte(..) | Mutation::Word(..)) {
        return out;
    }
    match *m {
        Mutation::Byte(at, b) => out[at % n] = b,
        Mutation::Word(at, w) => {
            let at = (at % n) & !3;
            let end = (at + 4).min(out.len());
            out[at..end].copy_from_slice(&w.to_le_bytes()[..end - at]);
        }
        Mutation::Truncate(at) => out.truncate(at % n),
        Mutation::Insert(at, w) => {
            let at = (at % (out.len() + 1)) & !3;
            out.splice(at..at, w.to_le_bytes());
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// Valid values with one or two changes: these get deep into the decoder, and many
    /// still decode (another flag, another id, another number).
    #[test]
    fn mutated_golden_vectors(
        (i, mutations) in (0..golden().len()).prop_flat_map(|i| {
            let codec = &ERAS[golden()[i].0];
            (Just(i), prop::collection::vec(mutation(codec), 1..3))
        })
    ) {
        let (era, ty, bytes) = &golden()[i];
        let mutated = mutations.iter().fold(bytes.clone(), |b, m| apply(&b, m));
        check(&ERAS[*era], ty, &mutated)?;
    }

    #[test]
    fn random_bytes(target in prop::sample::select(targets()), bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let (era, name) = target;
        check(&ERAS[era], name, &bytes)?;
    }

    #[test]
    fn plausible_bytes(
        (era, name, bytes) in prop::sample::select(targets())
            .prop_flat_map(|(era, name)| plausible(&ERAS[era]).prop_map(move |b| (era, name, b)))
    ) {
        check(&ERAS[era], name, &bytes)?;
    }
}

/// Exhaustively: each boxed type and function, fed each id of its era followed by zeros
/// (every optional field absent, every number zero, every vector empty): the decoder
/// reaches every constructor's fields at least once.
#[test]
fn every_id_as_every_type() {
    let mut accepted = 0;
    for codec in &ERAS {
        for name in codec.boxed_types.iter().chain(codec.functions) {
            for &(id, _) in codec.ids {
                for zeros in [0, 4, 8, 16, 32, 64] {
                    let mut bytes = id.to_le_bytes().to_vec();
                    bytes.resize(4 + zeros, 0);
                    if let Some(Ok(again)) =
                        (codec.transcode)(name, &bytes, DecodeOptions::default())
                    {
                        assert_eq!(again, bytes, "era {} `{name}` #{id:08x}", codec.era);
                        accepted += 1;
                    }
                }
            }
        }
    }
    // Most constructors decode from their id and zeros at one of those lengths.
    assert!(accepted > 150, "only {accepted} accepted");
}
