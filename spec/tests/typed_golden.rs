//! The golden vectors of `corpus/golden/` through the typed codec: every vector whose type
//! the era's generated module knows decodes strictly and encodes back to the same bytes,
//! and every invalid input is refused with the catalogued error kind and offset.

use std::path::PathBuf;

use serde_json::Value;
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::era::Era;
use tgconf_spec::typed::generated::for_era;
use tgconf_spec::typed::TranscodeError;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/golden")
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn load(name: &str) -> Value {
    let text =
        std::fs::read_to_string(golden_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn vectors_decode_and_encode_back_to_the_same_bytes() {
    let mut replayed_total = 0;
    for entry in std::fs::read_dir(golden_dir()).unwrap() {
        let path = entry.unwrap().path();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let Some(era) = file
            .strip_suffix(".json")
            .and_then(|stem| stem.parse::<Era>().ok())
        else {
            continue;
        };
        let Some(codec) = for_era(era) else { continue };
        let golden = load(&file);
        assert_eq!(golden["format"], 1, "{file}");
        let (mut replayed, mut skipped) = (0, Vec::new());
        for v in golden["vectors"].as_array().unwrap() {
            let (id, ty) = (v["id"].as_str().unwrap(), v["type"].as_str().unwrap());
            let bytes = hex(v["hex"].as_str().unwrap());
            // A vector may use constructors the era file does not carry (it closes over
            // the button objects only): those need a full schema.
            let ids = v["ids"].as_array().map(Vec::as_slice).unwrap_or_default();
            let missing: Vec<&str> = ids
                .iter()
                .map(|i| i.as_str().unwrap())
                .filter(|i| {
                    u32::from_str_radix(i, 16).map_or(true, |i| {
                        codec.ids.binary_search_by_key(&i, |&(id, _)| id).is_err()
                    })
                })
                .collect();
            if !missing.is_empty() {
                skipped.push(format!("{id} (uses {missing:?})"));
                continue;
            }
            match (codec.transcode)(ty, &bytes, DecodeOptions::default()) {
                None => skipped.push(format!("{id} ({ty})")),
                Some(Ok(again)) => {
                    assert_eq!(again, bytes, "{file} {id}: re-encoded bytes differ");
                    replayed += 1;
                }
                Some(Err(e)) => panic!("{file} {id} ({ty}): {e}"),
            }
        }
        eprintln!(
            "{file}: {replayed} vectors replayed; skipped, not in the era schema: {skipped:?}"
        );
        // The TL page's getUsers example, and values built on constructors the era file
        // leaves out.
        assert!(skipped.len() <= 3, "{file}: {skipped:?}");
        let total = golden["vectors"].as_array().unwrap().len();
        assert_eq!(replayed + skipped.len(), total);
        assert!(replayed >= 80, "{file}: only {replayed} vectors");
        replayed_total += replayed;
    }
    assert!(replayed_total >= 200, "{replayed_total} vectors in all");
}

#[test]
fn invalid_inputs_fail_with_the_catalogued_kind_and_offset() {
    let invalid = load("invalid.json");
    let mut checked = 0;
    let (mut wrong, mut absent) = (Vec::new(), Vec::new());
    for v in invalid["invalid"].as_array().unwrap() {
        let era: Era = v["era"].as_str().unwrap().parse().unwrap();
        let Some(codec) = for_era(era) else { continue };
        let (id, ty) = (v["id"].as_str().unwrap(), v["type"].as_str().unwrap());
        let expected = (
            v["error"].as_str().unwrap(),
            v["offset"].as_u64().unwrap() as usize,
        );
        let bytes = hex(v["hex"].as_str().unwrap());
        match (codec.transcode)(ty, &bytes, DecodeOptions::default()) {
            // A type the era does not have at all (keyboardButtonStyle before 222): the
            // typed codec has nothing to decode it as.
            None if !codec.boxed_types.contains(&ty) && !codec.functions.contains(&ty) => {
                absent.push(id.to_owned())
            }
            None => panic!("{id}: the typed codec of {era} does not know `{ty}`"),
            Some(Err(TranscodeError::Decode(e))) if (e.kind.code(), e.offset) == expected => {
                checked += 1
            }
            other => wrong.push(format!("{id}: expected {expected:?}, got {other:?}")),
        }
    }
    eprintln!("{checked} invalid inputs refused as catalogued; types not in their era: {absent:?}");
    assert!(absent.len() <= 2, "{absent:?}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        checked >= 50,
        "only {checked} invalid inputs for the generated eras"
    );
}
