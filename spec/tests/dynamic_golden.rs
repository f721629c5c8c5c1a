//! Replays the golden vectors of corpus/golden/ (made and checked with Telethon by
//! scripts/golden/make_vectors.py; format in corpus/golden/README.md) through the dynamic
//! codec:
//!
//! * every vector of every `<era>.json`, both ways: hex → strict decode → to_json equals
//!   `value` (key order included), and `value` → from_json → encode equals `hex`;
//! * every entry of `invalid.json`: strict decoding fails with that error kind, at that
//!   byte offset.
//!
//! A vector is decoded with its era's schema file (spec/schema/, via `tgconf_spec::era`)
//! when that file has every constructor id the vector lists in `ids`; otherwise with the
//! full schema the era file was cut from (`Era::source_file`, in spec/schema/sources/),
//! since a few generated vectors use constructors outside the bot-button closure
//! (`users.getUsers`). The test fails when the directory holds no vector files, so it can
//! never pass by finding nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use serde_json::Value as Json;
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::dynamic::{decode, encode_as, from_json, to_json, Registry, TypeSpec};
use tgconf_spec::era::Era;

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/golden")
}

fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex {s}");
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn load(path: &Path) -> Json {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Registries {
    era: Registry,
    full: Registry,
}

fn registries(era: Era) -> Registries {
    let schema = era.schema().unwrap_or_else(|e| panic!("{era}: {e}"));
    let source = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema/sources")
        .join(era.source_file());
    let full = tl_parser::parse_schema(&std::fs::read_to_string(&source).unwrap()).unwrap();
    Registries {
        era: Registry::build(schema).unwrap(),
        full: Registry::build(&full).unwrap(),
    }
}

/// The TL page's `getUsers#2d84d5f5 (Vector int) = Vector User;`: an anonymous argument in
/// parentheses, which Telegram's schemas never use and tl-parser does not read. Each
/// `(T a)` becomes `T<a>` under a placeholder name, renamed afterwards to the argument's
/// 1-based position, which is how the golden files key it. Read as a function: the bytes
/// start with its id.
fn page_schema(line: &str) -> tl_parser::Schema {
    let mut out = String::new();
    let mut rest = line;
    let mut n = 0;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').unwrap() + open;
        let mut words = rest[open + 1..close].split_whitespace();
        let (ty, arg) = (words.next().unwrap(), words.next().unwrap());
        n += 1;
        out.push_str(&rest[..open]);
        out.push_str(&format!("placeholder{n}:{ty}<{arg}>"));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    let result = out.rfind('=').unwrap();
    let (head, tail) = out.split_at(result);
    let tail = tail.replace("Vector User", "Vector<User>");
    let mut schema = tl_parser::parse_schema(&format!("---functions---\n{head}{tail}"))
        .unwrap_or_else(|e| panic!("{line}: {e}"));
    for p in &mut schema.definitions[0].params {
        if let Some(name) = p.name.as_mut().filter(|n| n.starts_with("placeholder")) {
            *name = name["placeholder".len()..].into();
        }
    }
    schema
}

#[test]
fn golden_vectors_both_ways() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .unwrap_or_else(|e| panic!("{}: {e}", golden_dir().display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| load(p).get("vectors").is_some())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no golden vector files in {}",
        golden_dir().display()
    );

    let mut failures = Vec::new();
    let mut counts = BTreeMap::new();
    for path in &files {
        let doc = load(path);
        let era = Era::from_str(doc["era"].as_str().unwrap()).unwrap();
        let layer = doc["layer"].as_u64().unwrap() as u32;
        assert!(
            era.contains(layer),
            "{}: layer {layer} outside era {era}",
            path.display()
        );
        let regs = registries(era);
        let vectors = doc["vectors"].as_array().unwrap();
        assert!(!vectors.is_empty(), "{}: no vectors", path.display());
        let (mut with_era, mut with_full) = (0, 0);
        for v in vectors {
            let id = v["id"].as_str().unwrap();
            let extra;
            let registry = if let Some(line) = v.get("schema").and_then(Json::as_str) {
                extra = Registry::build(&page_schema(line)).unwrap();
                &extra
            } else {
                let ids: Vec<u32> = v
                    .get("ids")
                    .and_then(Json::as_array)
                    .map(|ids| {
                        ids.iter()
                            .map(|i| u32::from_str_radix(i.as_str().unwrap(), 16).unwrap())
                            .collect()
                    })
                    .unwrap_or_default();
                if ids.iter().all(|&i| regs.era.by_id(i).is_some()) {
                    with_era += 1;
                    &regs.era
                } else {
                    with_full += 1;
                    &regs.full
                }
            };
            let ty = match registry.type_spec(v["type"].as_str().unwrap()) {
                Ok(ty) => ty,
                Err(e) => {
                    failures.push(format!("{era} {id}: type: {e}"));
                    continue;
                }
            };
            let bytes = hex(v["hex"].as_str().unwrap());
            match decode(registry, &ty, &bytes, DecodeOptions::default()) {
                Ok(value) => {
                    // As text, so that member order counts too.
                    let (got, want) = (to_json(&value).to_string(), v["value"].to_string());
                    if got != want {
                        failures.push(format!("{era} {id}: decoded to {got}, expected {want}"));
                    }
                }
                Err(e) => failures.push(format!("{era} {id}: decode: {e}")),
            }
            match from_json(registry, &ty, &v["value"])
                .map_err(|e| e.to_string())
                .and_then(|value| encode_as(registry, &ty, &value).map_err(|e| e.to_string()))
            {
                Ok(encoded) if encoded == bytes => {}
                Ok(encoded) => failures.push(format!(
                    "{era} {id}: encoded to {}, expected {}",
                    to_hex(&encoded),
                    v["hex"]
                )),
                Err(e) => failures.push(format!("{era} {id}: encode: {e}")),
            }
        }
        println!(
            "{era}: {} vectors ({with_era} with the era file, {with_full} with {})",
            vectors.len(),
            era.source_file()
        );
        counts.insert(era.to_string(), vectors.len());
    }
    println!("{counts:?}");
    assert!(
        failures.is_empty(),
        "{} golden vectors fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn invalid_vectors_fail_where_they_should() {
    let path = golden_dir().join("invalid.json");
    assert!(path.exists(), "{} is missing", path.display());
    let doc = load(&path);
    let entries = doc["invalid"].as_array().unwrap();
    assert!(!entries.is_empty(), "{}: no entries", path.display());
    let mut regs = BTreeMap::new();
    let mut failures = Vec::new();
    for v in entries {
        let id = v["id"].as_str().unwrap();
        let era = Era::from_str(v["era"].as_str().unwrap()).unwrap();
        let registry = &regs.entry(era).or_insert_with(|| registries(era)).era;
        // A type the era does not have yet (KeyboardButtonStyle before 222) has no
        // constructors: read any boxed value, which must then fail on its id.
        let ty = registry
            .type_spec(v["type"].as_str().unwrap())
            .unwrap_or_else(|e| {
                println!("{id}: {e}; decoding as Object");
                TypeSpec::object()
            });
        let bytes = hex(v["hex"].as_str().unwrap());
        let (kind, offset) = (
            v["error"].as_str().unwrap(),
            v["offset"].as_u64().unwrap() as usize,
        );
        match decode(registry, &ty, &bytes, DecodeOptions::default()) {
            Ok(value) => failures.push(format!(
                "{id}: accepted as {value}; expected {kind} at {offset}"
            )),
            Err(e) if e.kind.code() == kind && e.offset == offset => {}
            Err(e) => failures.push(format!(
                "{id}: {} at {} ({e}); expected {kind} at {offset}",
                e.kind.code(),
                e.offset
            )),
        }
    }
    println!("{} invalid inputs", entries.len());
    assert!(
        failures.is_empty(),
        "{} of {} invalid inputs fail differently:\n{}",
        failures.len(),
        entries.len(),
        failures.join("\n")
    );
}
