//! Seed inputs: what the committed corpus in `corpus/fuzz/` was minimized from, and what
//! the nightly run merges into it again (so that new golden vectors reach the corpus).
//!
//! * `parse_schema`: the era schemas and the real schemas of `corpus/schemas/`, cut at
//!   definition ends into pieces of at most [`MAX_SCHEMA_SEED`] bytes (the fuzzer's
//!   `-max_len`);
//! * the codec targets ([`crate::input`] format): every golden vector and invalid input
//!   of `corpus/golden/`, and values generated for every type of every era;
//! * the session targets (`flow`, `adapter`): [`SESSION_SEEDS`] byte strings that spell
//!   sessions of at least [`SESSION_SEED_STEPS`] inputs ([`crate::flow::seeds`]).

use std::path::{Path, PathBuf};

use serde_json::Value as Json;
use tgconf_spec::dynamic::{encode_as, hex, Generator};
use tgconf_spec::era::Era;

use crate::input::{header, tables};

/// The longest input the nightly run lets the fuzzer make (its `-max_len`).
pub const MAX_SCHEMA_SEED: usize = 4096;

/// How much deeper than its minimum a generated value may nest (as in
/// spec/tests/typed_vs_dynamic.rs).
const EXTRA_DEPTH: usize = 3;

/// How many seeds the session targets get, and how long their sessions are at least.
pub const SESSION_SEEDS: usize = 120;
pub const SESSION_SEED_STEPS: usize = 12;

/// The repository root (this crate's parent directory).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("fuzz-bodies/ has a parent")
        .to_owned()
}

/// The seeds of `target` (a name in [`crate::TARGETS`]).
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    match target {
        "parse_schema" => schema_seeds(),
        "flow" | "adapter" => crate::flow::seeds(SESSION_SEEDS, SESSION_SEED_STEPS),
        _ => codec_seeds(),
    }
}

fn schema_seeds() -> Vec<Vec<u8>> {
    let mut texts: Vec<String> = Era::ALL
        .iter()
        .map(|e| e.schema_text().to_owned())
        .collect();
    let mut files: Vec<PathBuf> = read_dir(&repo_root().join("corpus/schemas"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tl"))
        .collect();
    files.sort();
    texts.extend(
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))),
    );
    texts
        .iter()
        .flat_map(|t| pieces(t))
        .map(String::into_bytes)
        .collect()
}

/// `text` cut after lines that end a definition, into pieces of at most
/// [`MAX_SCHEMA_SEED`] bytes (a single longer line is cut anywhere on a char boundary).
fn pieces(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut piece = String::new();
    for line in text.split_inclusive('\n') {
        if piece.len() + line.len() > MAX_SCHEMA_SEED && !piece.is_empty() {
            out.push(std::mem::take(&mut piece));
        }
        let mut line = line;
        while line.len() > MAX_SCHEMA_SEED {
            let cut = (0..=MAX_SCHEMA_SEED)
                .rev()
                .find(|&i| line.is_char_boundary(i))
                .expect("0 is a boundary");
            out.push(line[..cut].to_owned());
            line = &line[cut..];
        }
        piece.push_str(line);
        if piece.len() >= MAX_SCHEMA_SEED * 3 / 4 && line.trim_end().ends_with(';') {
            out.push(std::mem::take(&mut piece));
        }
    }
    if !piece.trim().is_empty() {
        out.push(piece);
    }
    out
}

fn codec_seeds() -> Vec<Vec<u8>> {
    let mut out = golden_seeds();
    out.extend(generated_seeds());
    out
}

/// Every golden vector (strict) and invalid input (strict and lenient) whose type the
/// era's table names.
fn golden_seeds() -> Vec<Vec<u8>> {
    let golden = repo_root().join("corpus/golden");
    let mut out = Vec::new();
    let mut add = |era: &str, ty: &str, hex_text: &str, modes: &[bool]| {
        let era: Era = era.parse().unwrap_or_else(|e| panic!("{e}"));
        let t = tables(era);
        let Ok(spec) = t.registry.type_spec(ty) else {
            return;
        };
        let Some(index) = t.names.iter().position(|n| *n == spec) else {
            return;
        };
        let bytes = hex::decode_canonical(hex_text).unwrap_or_else(|e| panic!("{hex_text}: {e}"));
        for &lenient in modes {
            out.push([&header(era, index, lenient)[..], &bytes].concat());
        }
    };
    for path in read_dir(&golden) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.ends_with(".json") || name == "flow-rules-comparison.json" {
            continue;
        }
        let json: Json = serde_json::from_str(
            &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let field = |v: &Json, k: &str| {
            v[k].as_str()
                .unwrap_or_else(|| panic!("{}: `{k}` is not a string in {v}", path.display()))
                .to_owned()
        };
        if let Some(invalid) = json["invalid"].as_array() {
            for v in invalid {
                add(
                    &field(v, "era"),
                    &field(v, "type"),
                    &field(v, "hex"),
                    &[false, true],
                );
            }
        } else {
            let era = field(&json, "era");
            // A vector with its own `schema` line is not of the era's schema.
            for v in json["vectors"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|v| v.get("schema").is_none())
            {
                add(&era, &field(v, "type"), &field(v, "hex"), &[false]);
            }
        }
    }
    out
}

/// For every era and every type its table names: values from an empty tape (the
/// smallest), an all-ones tape (the largest choices) and a pseudo-random one.
fn generated_seeds() -> Vec<Vec<u8>> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut xorshift = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out = Vec::new();
    for era in Era::ALL {
        let t = tables(era);
        let generator = Generator::new(&t.registry);
        for (index, spec) in t.names.iter().enumerate() {
            let Some(depth) = generator.min_depth(spec.kind()) else {
                continue;
            };
            let random: Vec<u64> = (0..600).map(|_| xorshift()).collect();
            for tape in [&[][..], &[u64::MAX; 256], &random] {
                let value = generator
                    .generate(tape, spec.kind(), depth + EXTRA_DEPTH)
                    .expect("within its depth");
                let bytes = encode_as(&t.registry, spec, &value)
                    .unwrap_or_else(|e| panic!("{era} {spec}: {e}: {value}"));
                out.push([&header(era, index, false)[..], &bytes].concat());
            }
        }
    }
    out
}

fn read_dir(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .collect()
}
