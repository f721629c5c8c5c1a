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
//! * (d) lenient decoding accepts everything strict decoding accepts, with the same value.
//!
//! The generator reads its choices from a tape of numbers that proptest produces and
//! shrinks (an exhausted tape reads as zeros, which picks the first, smallest options).

use std::sync::LazyLock;

use proptest::prelude::*;
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::dynamic::{
    decode, encode, from_json_str, to_json, ConstructorId, Field, Kind, Object, Registry, TypeSpec,
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

static HEIGHTS: LazyLock<Heights> = LazyLock::new(|| Heights::new(&REGISTRY));

const DEPTH: usize = 4;
const INF: usize = usize::MAX / 2;

/// The least generation depth each constructor needs (its mandatory fields only).
struct Heights {
    ctor: Vec<usize>,
}

impl Heights {
    fn new(r: &Registry) -> Self {
        let mut h = Heights {
            ctor: vec![INF; r.constructors().len()],
        };
        loop {
            let mut changed = false;
            for (c, ctor) in r.constructors() {
                let need = ctor
                    .params()
                    .iter()
                    .filter(|p| p.condition().is_none())
                    .map(|p| h.kind(r, p.kind()))
                    .max()
                    .unwrap_or(0)
                    .saturating_add(1);
                if need < h.ctor[c_index(c)] {
                    h.ctor[c_index(c)] = need;
                    changed = true;
                }
            }
            if !changed {
                return h;
            }
        }
    }

    fn kind(&self, r: &Registry, kind: &Kind) -> usize {
        match kind {
            Kind::Vector { .. } | Kind::AnyObject => 0,
            Kind::Boxed(t) => r
                .type_info(*t)
                .constructors()
                .iter()
                .map(|&c| self.ctor[c_index(c)])
                .min()
                .unwrap_or(INF),
            Kind::Bare(c) | Kind::Call(c) => self.ctor[c_index(*c)],
            Kind::Unresolved(_) => INF,
            _ => 0,
        }
    }
}

fn c_index(c: ConstructorId) -> usize {
    c.index()
}

struct Gen<'t> {
    r: &'static Registry,
    tape: &'t [u64],
    pos: usize,
}

impl Gen<'_> {
    fn next(&mut self) -> u64 {
        let v = self.tape.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        v
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn text(&mut self) -> String {
        let len = match self.below(8) {
            7 => 250 + self.below(60), // around the switch to the 4-byte length form
            n => n * 3,
        };
        (0..len)
            .map(|_| match self.below(4) {
                0 => char::from_u32(self.below(0x11_0000) as u32).unwrap_or('\u{fffd}'),
                1 => 'é',
                _ => char::from(b'a' + self.below(26) as u8),
            })
            .collect()
    }

    fn value(&mut self, kind: &Kind, depth: usize) -> Value<'static> {
        match kind {
            Kind::Int | Kind::Flags { .. } => Value::Int(self.next() as i32),
            Kind::Long => Value::Long(self.next() as i64),
            Kind::Double => {
                let d = f64::from_bits(self.next());
                // JSON writes every NaN as "NaN": keep the one it reads back.
                Value::Double(if d.is_nan() { f64::NAN } else { d })
            }
            Kind::Int128 => Value::Int128(std::array::from_fn(|_| self.next() as u8)),
            Kind::Int256 => Value::Int256(std::array::from_fn(|_| self.next() as u8)),
            Kind::String => Value::string(self.text()),
            Kind::Bytes => {
                let len = self.text().len();
                Value::bytes((0..len).map(|_| self.next() as u8).collect::<Vec<_>>())
            }
            Kind::Bool => Value::Bool(self.next() & 1 == 1),
            Kind::True => Value::True,
            Kind::Vector { elem, .. } => {
                let len = if depth == 0 || HEIGHTS.kind(self.r, elem) > depth - 1 {
                    0
                } else {
                    self.below(4)
                };
                Value::Vector((0..len).map(|_| self.value(elem, depth - 1)).collect())
            }
            Kind::Boxed(t) => {
                let options: Vec<_> = self
                    .r
                    .type_info(*t)
                    .constructors()
                    .iter()
                    .copied()
                    .filter(|&c| HEIGHTS.ctor[c_index(c)] <= depth)
                    .collect();
                let c = options[self.below(options.len())];
                self.object(c, depth)
            }
            Kind::Bare(c) | Kind::Call(c) => self.object(*c, depth),
            Kind::AnyObject => {
                if self.below(16) == 0 {
                    return Value::Bool(self.next() & 1 == 1);
                }
                let options: Vec<_> = self
                    .r
                    .constructors()
                    .map(|(c, _)| c)
                    .filter(|&c| HEIGHTS.ctor[c_index(c)] <= depth)
                    .collect();
                let c = options[self.below(options.len())];
                self.object(c, depth)
            }
            Kind::Unresolved(name) => {
                unreachable!("the layer-230 schema has no unresolved type, found {name}")
            }
        }
    }

    fn object(&mut self, c: ConstructorId, depth: usize) -> Value<'static> {
        let ctor = self.r.constructor(c);
        let params = ctor.params();
        // Choose the bits of each `#` field, then clear those whose fields cannot be
        // generated at this depth (all fields sharing a bit go together).
        let mut words = vec![0u32; params.len()];
        for (i, p) in params.iter().enumerate() {
            if let Kind::Flags { known, .. } = p.kind() {
                words[i] = self.next() as u32 & known;
            }
        }
        for p in params {
            if let Some(cond) = p.condition() {
                if HEIGHTS.kind(self.r, p.kind()) > depth - 1 {
                    words[cond.flags_field] &= !(1 << cond.bit);
                }
            }
        }
        let mut fields = Vec::new();
        for p in params.iter().filter(|p| !p.is_flags()) {
            if let Some(cond) = p.condition() {
                if words[cond.flags_field] & (1 << cond.bit) == 0 {
                    continue;
                }
            }
            let value = self.value(p.kind(), depth - 1);
            fields.push(Field {
                name: p.name().to_owned().into(),
                value,
            });
        }
        Value::Object(Object {
            name: ctor.name().to_owned().into(),
            fields,
        })
    }
}

fn generate(tape: &[u64], kind: &Kind) -> Value<'static> {
    Gen {
        r: &REGISTRY,
        tape,
        pos: 0,
    }
    .value(kind, DEPTH)
}

fn strict() -> DecodeOptions {
    DecodeOptions::default()
}

/// Checks (a), (c) and (d) for one input.
fn check_decoding(bytes: &[u8]) -> Result<(), TestCaseError> {
    let r = &*REGISTRY;
    let object = TypeSpec::object();
    let strict_result = decode(r, &object, bytes, strict());
    let lenient_result = decode(r, &object, bytes, DecodeOptions::lenient());
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
        if HEIGHTS.ctor[c_index(c)] > DEPTH {
            continue;
        }
        for round in 0..3 {
            let tape: Vec<u64> = match round {
                0 => Vec::new(),
                1 => vec![u64::MAX; 64],
                _ => (0..400).map(|_| xorshift()).collect(),
            };
            let value = Gen {
                r,
                tape: &tape,
                pos: 0,
            }
            .object(c, DEPTH);
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
