//! The bodies of the cargo-fuzz targets in `fuzz/`, as plain library functions: each
//! `fuzz/fuzz_targets/<name>.rs` only hands libFuzzer's input to the function of the same
//! name, so the tests of this crate replay the committed corpus and every kept crasher
//! through exactly the fuzzed code on stable Rust, without libFuzzer.
//!
//! A body returns normally for every input it accepts as correct behaviour and panics on
//! a broken property; the panic message carries the input in hex. The codec targets share
//! one input format ([`input`]); `parse_schema` takes text; the session targets read a
//! client session from the bytes ([`flow`]).
//!
//! docs/fuzzing.md says how to run, reproduce, minimize and keep crashes.

pub mod dict;
pub mod differential;
pub mod flow;
pub mod input;
pub mod seeds;
pub mod select;

use tgconf_spec::codec::{DecodeError, DecodeErrorKind, DecodeOptions};
use tgconf_spec::dynamic::{decode, encode_as, from_json_str, hex, to_json, TypeSpec};
use tgconf_spec::model::client::check::check;
use tgconf_spec::model::Subject;
use tgconf_spec::typed::TranscodeError;

use input::{EraTables, Input};

/// A fuzz target: its name (as in `fuzz/Cargo.toml`) and its body.
pub struct Target {
    pub name: &'static str,
    pub body: fn(&[u8]),
}

/// Every target, in the order the nightly script runs them.
pub const TARGETS: [Target; 7] = [
    Target {
        name: "parse_schema",
        body: parse_schema,
    },
    Target {
        name: "decode_dynamic",
        body: decode_dynamic,
    },
    Target {
        name: "decode_typed",
        body: decode_typed,
    },
    Target {
        name: "roundtrip",
        body: roundtrip,
    },
    Target {
        name: "typed_vs_dynamic",
        body: typed_vs_dynamic,
    },
    Target {
        name: "flow",
        body: flow,
    },
    Target {
        name: "adapter",
        body: adapter,
    },
];

/// Arbitrary text into the schema parser: no panic; what parses prints (`Display`) to
/// text that parses back to an equal schema and prints identically again.
pub fn parse_schema(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let schema = match tl_parser::parse_schema(text) {
        Ok(schema) => schema,
        Err(e) => {
            // The error's position is inside the text (or at its end).
            assert!(
                e.span.start <= text.len() && e.line >= 1 && e.column >= 1,
                "error {e} at {:?} outside {text:?}",
                e.span
            );
            return;
        }
    };
    let printed = schema.to_string();
    let reparsed = tl_parser::parse_schema(&printed).unwrap_or_else(|e| {
        panic!("the printed schema does not parse: {e}\ninput: {text:?}\nprinted: {printed:?}")
    });
    assert_eq!(
        schema, reparsed,
        "print → parse changed the schema\ninput: {text:?}\nprinted: {printed:?}"
    );
    assert_eq!(
        printed,
        reparsed.to_string(),
        "printing is not a fixed point\ninput: {text:?}"
    );
    // Ids are computed from the parsed definition, not from how it was written.
    assert_eq!(
        id_check(&schema),
        id_check(&reparsed),
        "ids differ after printing\ninput: {text:?}"
    );
}

/// What `check_ids` finds, without the spans (which printing moves).
fn id_check(schema: &tl_parser::Schema) -> (usize, usize, usize, Vec<String>) {
    let report = schema.check_ids();
    let mismatches = report.mismatches.iter().map(ToString::to_string).collect();
    (report.verified, report.inferred, report.builtin, mismatches)
}

/// Arbitrary bytes through the dynamic codec of every era: no panic; errors point inside
/// the input. Inputs marked lenient are read strictly too (unmarked ones only strictly,
/// for speed): lenient decoding accepts everything strict decoding does, as the same
/// value, and fails the same way wherever strict decoding fails for a reason leniency
/// does not forgive.
pub fn decode_dynamic(data: &[u8]) {
    let Some(input) = Input::split(data) else {
        return;
    };
    let read = |options| {
        checked(
            input.bytes,
            decode(&input.tables.registry, input.spec, input.bytes, options),
        )
    };
    let result = read(input.options);
    if input.options.is_strict() {
        return;
    }
    let context = || {
        format!(
            "{} {} {}",
            input.tables.era,
            input.spec,
            hex::encode(input.bytes)
        )
    };
    match (read(DecodeOptions::default()), result) {
        (Ok(s), Ok(l)) => assert!(
            s == l,
            "lenient decoding reads another value: {}",
            context()
        ),
        (Ok(_), Err(e)) => panic!(
            "lenient decoding rejects what strict decoding accepts: {e}: {}",
            context()
        ),
        (Err(s), lenient) => check_leniency(&s, lenient.err().as_ref(), context),
    }
}

/// [`decode_dynamic`] for the typed codec of the eras that have one, through its
/// decode-then-encode entry point: no panic; errors point inside the input; a decoded
/// value always encodes again; strict and lenient decoding relate as there.
pub fn decode_typed(data: &[u8]) {
    let Some(input) = Input::split(data) else {
        return;
    };
    let read = |options| typed(input.tables, input.spec, input.bytes, options);
    let Some(result) = read(input.options) else {
        return;
    };
    if input.options.is_strict() {
        return;
    }
    let context = || {
        format!(
            "{} {} {}",
            input.tables.era,
            input.spec,
            hex::encode(input.bytes)
        )
    };
    match (
        read(DecodeOptions::default()).expect("the same name"),
        result,
    ) {
        (Ok(s), Ok(l)) => assert_eq!(s, l, "lenient decoding reads another value: {}", context()),
        (Ok(_), Err(e)) => panic!(
            "lenient decoding rejects what strict decoding accepts: {e}: {}",
            context()
        ),
        (Err(s), lenient) => check_leniency(&s, lenient.err().as_ref(), context),
    }
}

/// Decode, then encode, with both codecs: strictly decoded bytes encode back to exactly
/// the input, also through the canonical JSON text; leniently decoded bytes encode to a
/// canonical form that strict decoding reads as the same value.
pub fn roundtrip(data: &[u8]) {
    let Some(input) = Input::split(data) else {
        return;
    };
    let (registry, spec, bytes) = (&input.tables.registry, input.spec, input.bytes);
    let context = || format!("{} {} {}", input.tables.era, spec, hex::encode(bytes));
    let strict = input.options.is_strict();
    if let Ok(value) = decode(registry, spec, bytes, input.options) {
        let encoded = encode_as(registry, spec, &value)
            .unwrap_or_else(|e| panic!("a decoded value does not encode: {e}: {}", context()));
        let json = to_json(&value);
        if strict {
            assert_eq!(
                hex::encode(&encoded),
                hex::encode(bytes),
                "dynamic: decode → encode changed the bytes: {}",
                context()
            );
        } else {
            let canonical = decode(registry, spec, &encoded, DecodeOptions::default())
                .unwrap_or_else(|e| {
                    panic!(
                        "dynamic: the lenient re-encoding {} is not canonical: {e}: {}",
                        hex::encode(&encoded),
                        context()
                    )
                });
            assert_eq!(
                to_json(&canonical),
                json,
                "dynamic: canonical re-encoding reads another value: {}",
                context()
            );
        }
        // Through the canonical JSON text: the same JSON, and bytes that read as it. (Not
        // the same bytes: JSON writes every NaN as "NaN".)
        let from_text = from_json_str(registry, spec, &json.to_string()).unwrap_or_else(|e| {
            panic!(
                "canonical JSON {json} does not read back: {e}: {}",
                context()
            )
        });
        assert_eq!(
            to_json(&from_text),
            json,
            "JSON → value → JSON changed: {}",
            context()
        );
        let via_json = encode_as(registry, spec, &from_text).unwrap_or_else(|e| {
            panic!(
                "the value read from {json} does not encode: {e}: {}",
                context()
            )
        });
        let reread = decode(registry, spec, &via_json, DecodeOptions::default())
            .unwrap_or_else(|e| panic!("bytes from JSON {json} do not decode: {e}: {}", context()));
        assert_eq!(
            to_json(&reread),
            json,
            "JSON → bytes → JSON changed: {}",
            context()
        );
    }
    if let Some(Ok(encoded)) = typed(input.tables, spec, bytes, input.options) {
        if strict {
            assert_eq!(
                hex::encode(&encoded),
                hex::encode(bytes),
                "typed: decode → encode changed the bytes: {}",
                context()
            );
        } else {
            let again = typed(input.tables, spec, &encoded, DecodeOptions::default())
                .expect("the same name");
            assert_eq!(
                again,
                Ok(encoded),
                "typed: the lenient re-encoding is not canonical: {}",
                context()
            );
        }
    }
}

/// The typed and the dynamic codec read the same input the same way: both accept it as
/// one value (compared as canonical JSON; the typed value is read back from its own
/// re-encoding), or both reject it with the same error at the same offset.
pub fn typed_vs_dynamic(data: &[u8]) {
    let Some(input) = Input::split(data) else {
        return;
    };
    let (registry, spec, bytes) = (&input.tables.registry, input.spec, input.bytes);
    let Some(typed) = typed(input.tables, spec, bytes, input.options) else {
        return;
    };
    let dynamic = decode(registry, spec, bytes, input.options);
    let context = || {
        format!(
            "{} {} {:?} {}",
            input.tables.era,
            spec,
            input.options.strictness,
            hex::encode(bytes)
        )
    };
    match (typed, dynamic) {
        (Ok(t), Ok(d)) => {
            let t = decode(registry, spec, &t, DecodeOptions::default()).unwrap_or_else(|e| {
                panic!(
                    "the typed re-encoding {} does not decode strictly: {e}: {}",
                    hex::encode(&t),
                    context()
                )
            });
            assert_eq!(
                to_json(&t),
                to_json(&d),
                "the codecs read different values: {}",
                context()
            );
        }
        (Err(t), Err(d)) => assert_eq!(t, d, "the codecs reject differently: {}", context()),
        (t, d) => panic!(
            "typed {:?}, dynamic {:?}: {}",
            t.map(|_| ()),
            d.map(|_| ()),
            context()
        ),
    }
}

/// A client session ([`flow::session`]) through the reference client: its own trace
/// breaks no rule of the checker, and neither panics.
pub fn flow(data: &[u8]) {
    let trace = flow::reference_trace(data, flow::Fit::Any);
    let violations = check(&trace);
    assert!(
        violations.is_empty(),
        "the reference client breaks {violations:?}\nsession: {}",
        differential::json(&Subject::Client(trace))
    );
}

/// The session of [`flow`] played by the process adapter [`differential`] names: the
/// checker finds no rule broken in its trace, and the adapter answers every request in
/// time and within the protocol. Sessions it cannot play (a layer it does not offer,
/// `unsupported`) pass.
pub fn adapter(data: &[u8]) {
    if let differential::Compared::Played { played, .. } = differential::play(data) {
        let violations = played.check();
        assert!(
            violations.is_empty(),
            "the adapter breaks {violations:?}\nits trace: {}",
            differential::json(&played)
        );
    }
}

/// The `adapter` target's start: the adapter runs and offers the client role, or the
/// process says why and exits.
pub fn adapter_init() {
    differential::init();
}

/// A decode result whose error, if any, points inside the input (or just past its end,
/// where truncation is noticed).
fn checked<T>(bytes: &[u8], result: Result<T, DecodeError>) -> Result<T, DecodeError> {
    if let Err(e) = &result {
        assert!(
            e.offset <= bytes.len(),
            "error offset past the end: {e}: {}",
            hex::encode(bytes)
        );
    }
    result
}

/// The checks `DecodeOptions::lenient` drops (codec/options.rs); every other failure is
/// the same both ways.
fn forgiven_by_lenient(kind: &DecodeErrorKind) -> bool {
    matches!(
        kind,
        DecodeErrorKind::NonZeroPadding
            | DecodeErrorKind::NonCanonicalLength { .. }
            | DecodeErrorKind::InvalidUtf8
            | DecodeErrorKind::UnknownFlags { .. }
            | DecodeErrorKind::TrailingBytes { .. }
    )
}

/// Strict decoding failed with `strict`: lenient decoding reads the same bytes the same
/// way up to there, so it fails identically unless leniency forgives that failure, and
/// then it succeeds or fails later.
fn check_leniency(
    strict: &DecodeError,
    lenient: Option<&DecodeError>,
    context: impl Fn() -> String,
) {
    if !forgiven_by_lenient(&strict.kind) {
        assert_eq!(
            lenient,
            Some(strict),
            "lenient decoding fails differently: {}",
            context()
        );
    } else if let Some(l) = lenient {
        assert!(
            l.offset >= strict.offset,
            "lenient fails at {l}, before strict's {strict}: {}",
            context()
        );
    }
}

/// The typed codec's decode-then-encode of `bytes` as `spec`; `None` when the era has no
/// typed codec or it does not know the type (`Object`, `True`, generic functions).
fn typed(
    tables: &EraTables,
    spec: &TypeSpec,
    bytes: &[u8],
    options: DecodeOptions,
) -> Option<Result<Vec<u8>, DecodeError>> {
    let result = (tables.typed?.transcode)(spec.as_str(), bytes, options)?;
    Some(match result {
        Ok(out) => Ok(out),
        Err(TranscodeError::Decode(e)) => checked(bytes, Err(e)),
        Err(TranscodeError::Encode(e)) => {
            panic!(
                "typed: a decoded {spec} does not encode: {e}: {} {}",
                tables.era,
                hex::encode(bytes)
            )
        }
    })
}
