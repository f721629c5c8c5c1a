//! Property tests: printing round-trips, and no input makes the parser panic or hang.

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use compact_str::CompactString;
use proptest::prelude::*;
use tl_parser::{
    parse_schema, Category, Definition, Flag, Generic, Parameter, ParameterType, Schema, Span,
    Type, MAX_MULTIPLICITY,
};

// ---------------------------------------------------------------- generators

fn ident() -> impl Strategy<Value = CompactString> {
    "[a-zA-Z][a-zA-Z0-9_]{0,10}".prop_map(CompactString::from)
}

fn namespace() -> impl Strategy<Value = Vec<CompactString>> {
    prop::collection::vec(ident(), 0..=2)
}

/// Generic names the generated definitions may declare; `!X` uses are drawn from here
/// and the declarations are then made to match.
const GENERIC_NAMES: [&str; 3] = ["X", "Y", "t"];

fn leaf_type() -> impl Strategy<Value = Type> {
    prop_oneof![
        4 => (namespace(), ident(), any::<bool>()).prop_map(|(namespace, name, bare_marker)| Type {
            namespace,
            name,
            bare_marker,
            generic_ref: false,
            generic_arg: None,
        }),
        1 => prop::sample::select(&GENERIC_NAMES[..]).prop_map(|name| Type {
            namespace: Vec::new(),
            name: name.into(),
            bare_marker: false,
            generic_ref: true,
            generic_arg: None,
        }),
    ]
}

fn any_type() -> impl Strategy<Value = Type> {
    leaf_type().prop_recursive(4, 8, 1, |inner| {
        (namespace(), ident(), any::<bool>(), inner).prop_map(
            |(namespace, name, bare_marker, arg)| Type {
                namespace,
                name,
                bare_marker,
                generic_ref: false,
                generic_arg: Some(Box::new(arg)),
            },
        )
    })
}

/// A parameter before its condition is tied to a real `#` field.
#[derive(Clone, Debug)]
enum RawParam {
    Flags(Option<CompactString>),
    Normal {
        name: CompactString,
        ty: Type,
        condition: Option<(usize, u32)>,
    },
    Repeated {
        multiplicity: Option<u32>,
        items: Vec<Type>,
    },
}

fn raw_param() -> impl Strategy<Value = RawParam> {
    prop_oneof![
        1 => prop::option::weighted(0.9, ident()).prop_map(RawParam::Flags),
        6 => (ident(), any_type(), prop::option::of((any::<usize>(), 0..=31u32)))
            .prop_map(|(name, ty, condition)| RawParam::Normal { name, ty, condition }),
        1 => (
            prop::option::of(1..=MAX_MULTIPLICITY),
            prop::collection::vec(any_type(), 1..3),
        )
            .prop_map(|(multiplicity, items)| RawParam::Repeated { multiplicity, items }),
    ]
}

fn refs_generic(ty: &Type, out: &mut Vec<CompactString>) {
    if ty.generic_ref && !out.contains(&ty.name) {
        out.push(ty.name.clone());
    }
    if let Some(arg) = &ty.generic_arg {
        refs_generic(arg, out);
    }
}

/// Builds a definition the parser must accept: conditions name earlier named `#`
/// fields (or are dropped), and every `!X` used is declared.
fn build(
    (namespace, name, id, raw, result, builtin, function): (
        Vec<CompactString>,
        CompactString,
        Option<u32>,
        Vec<RawParam>,
        Type,
        bool,
        bool,
    ),
) -> Definition {
    let mut params = Vec::new();
    let mut flag_fields: Vec<CompactString> = Vec::new();
    let mut generic_uses = Vec::new();
    for p in if builtin { Vec::new() } else { raw } {
        let (name, ty) = match p {
            RawParam::Flags(name) => {
                flag_fields.extend(name.clone());
                (name, ParameterType::Flags)
            }
            RawParam::Normal {
                name,
                ty,
                condition,
            } => {
                refs_generic(&ty, &mut generic_uses);
                let flag = condition.and_then(|(pick, index)| {
                    let field = flag_fields.get(pick % flag_fields.len().max(1))?;
                    Some(Flag {
                        name: field.clone(),
                        index,
                    })
                });
                (Some(name), ParameterType::Normal { ty, flag })
            }
            RawParam::Repeated {
                multiplicity,
                items,
            } => {
                items
                    .iter()
                    .for_each(|t| refs_generic(t, &mut generic_uses));
                (
                    None,
                    ParameterType::Repeated {
                        multiplicity,
                        items,
                    },
                )
            }
        };
        params.push(Parameter {
            name,
            ty,
            span: Span::default(),
        });
    }
    Definition {
        namespace,
        name,
        id,
        generics: generic_uses
            .into_iter()
            .map(|name| Generic { name })
            .collect(),
        params,
        builtin,
        result,
        category: if function {
            Category::Function
        } else {
            Category::Type
        },
        span: Span::default(),
    }
}

fn definition() -> impl Strategy<Value = Definition> {
    (
        namespace(),
        ident(),
        prop::option::of(any::<u32>()),
        prop::collection::vec(raw_param(), 0..8),
        any_type(),
        prop::bool::weighted(0.1),
        any::<bool>(),
    )
        .prop_map(build)
}

// ---------------------------------------------------------------- round trips

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn definitions_round_trip(def in definition()) {
        // `{:#}` adds the section marker a function needs to come back as one.
        let printed = format!("{def:#}");
        let parsed: Definition = printed.parse().map_err(|e| TestCaseError::fail(format!("{printed}\n{e}")))?;
        prop_assert_eq!(&parsed, &def, "{}", printed);
        // The id is computed from the parsed value, so it survives printing too.
        prop_assert_eq!(parsed.computed_id(), def.computed_id());
    }

    #[test]
    fn schemas_round_trip(defs in prop::collection::vec(definition(), 0..6), layer in prop::option::of(any::<u32>())) {
        let schema = Schema { layer, definitions: defs };
        let printed = schema.to_string();
        let parsed = parse_schema(&printed).map_err(|e| TestCaseError::fail(format!("{printed}\n{e}")))?;
        prop_assert_eq!(parsed, schema);
    }

    #[test]
    fn parts_round_trip(ty in any_type(), name in ident(), index in 0..=31u32) {
        prop_assert_eq!(ty.to_string().parse::<Type>(), Ok(ty.clone()));
        let flag = Flag { name: name.clone(), index };
        prop_assert_eq!(flag.to_string().parse::<Flag>(), Ok(flag.clone()));
        let param = Parameter {
            name: Some(name),
            ty: ParameterType::Normal { ty, flag: Some(flag) },
            span: Span::default(),
        };
        prop_assert_eq!(param.to_string().parse::<Parameter>(), Ok(param));
    }
}

// ---------------------------------------------------------------- hostile input

/// Runs every entry point on `text`; any panic fails the test.
fn parse_everything(text: &str) {
    let _ = parse_schema(text);
    let _ = text.parse::<Definition>();
    let _ = text.parse::<Type>();
    let _ = text.parse::<Parameter>();
    let _ = text.parse::<Flag>();
}

/// TL punctuation and names, so that random text reaches deep into the grammar.
const TL_ALPHABET: &str = "[a-zA-Z0-9_#:.?<>{}!%*=;/ \\n\\[\\]-]{0,300}";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        parse_everything(&text);
    }

    #[test]
    fn tl_like_strings_never_panic(text in TL_ALPHABET) {
        parse_everything(&text);
        if let Ok(schema) = parse_schema(&text) {
            // Whatever parses also checks and prints without trouble.
            let _ = schema.check_ids();
            prop_assert_eq!(parse_schema(&schema.to_string()), Ok(schema));
        }
    }
}

/// The corpus files, read once for all cases.
fn corpus() -> &'static [(String, Vec<u8>)] {
    static CORPUS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    CORPUS.get_or_init(read_corpus)
}

fn read_corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../corpus/schemas");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/schemas exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tl"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read(&p).expect("readable"),
            )
        })
        .collect()
}

#[derive(Clone, Debug)]
enum Mutation {
    Flip { at: usize, mask: u8 },
    Insert { at: usize, byte: u8 },
    Delete { at: usize, len: usize },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    // Positions are fractions of the text (per mille), resolved against its length.
    prop_oneof![
        (0..1000usize, 1..=255u8).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        (
            0..1000usize,
            prop::sample::select(&b"#:.?<>{}[]!%*=;/\n -0a"[..])
        )
            .prop_map(|(at, byte)| Mutation::Insert { at, byte }),
        (0..1000usize, 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (0..1000usize).prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |per_mille: usize, len: usize| len * per_mille / 1000;
    match *m {
        Mutation::Flip { at, mask } => {
            let i = pos(at, bytes.len());
            if let Some(b) = bytes.get_mut(i) {
                *b ^= mask;
            }
        }
        Mutation::Insert { at, byte } => {
            let i = pos(at, bytes.len());
            bytes.insert(i, byte);
        }
        Mutation::Delete { at, len } => {
            let i = pos(at, bytes.len());
            let end = (i + len).min(bytes.len());
            bytes.drain(i..end);
        }
        Mutation::Truncate { at } => bytes.truncate(pos(at, bytes.len())),
    }
}

/// Far above the few milliseconds a whole file takes; only a hang or a blow-up in
/// work per byte would reach it, even on a loaded machine.
const TIME_LIMIT: Duration = Duration::from_secs(5);

fn parse_mutated(bytes: &[u8]) -> Result<(), TestCaseError> {
    let text = String::from_utf8_lossy(bytes);
    let started = Instant::now();
    if let Ok(schema) = parse_schema(&text) {
        let _ = schema.check_ids();
    }
    prop_assert!(
        started.elapsed() < TIME_LIMIT,
        "took {:?}",
        started.elapsed()
    );
    Ok(())
}

proptest! {
    // Each case parses a slice of real schema text: cheap, so many cases.
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_corpus_windows_never_panic(
        file in any::<prop::sample::Index>(),
        start in 0..1000usize,
        len in 1..8192usize,
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let (_, bytes) = file.get(corpus());
        let from = bytes.len() * start / 1000;
        let mut window = bytes.get(from..(from + len).min(bytes.len())).unwrap_or_default().to_vec();
        for m in &mutations {
            apply(&mut window, m);
        }
        parse_mutated(&window)?;
    }
}

proptest! {
    // Whole files (up to 400 KB): fewer cases keep `cargo test` quick.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn mutated_whole_files_never_panic(
        file in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let (_, bytes) = file.get(corpus());
        let mut bytes = bytes.clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        parse_mutated(&bytes)?;
    }
}

#[test]
fn pathological_inputs_fail_cleanly() {
    let deep = format!(
        "a x:{}int{} = A;",
        "Vector<".repeat(100_000),
        ">".repeat(100_000)
    );
    assert!(parse_schema(&deep).is_err());
    let deep_result = format!("a = {}A;", "V<".repeat(100_000));
    assert!(parse_schema(&deep_result).is_err());
    let many_params = format!("a {}= A;", "flags:# x:flags.0?int ".repeat(50_000));
    let started = Instant::now();
    assert!(parse_schema(&many_params).is_err());
    let many_generics = format!("a {}q:!X = X;", "{X:Type} ".repeat(100_000));
    assert!(parse_schema(&many_generics).is_err());
    assert!(started.elapsed() < TIME_LIMIT);
    assert!(parse_schema("int128 4294967296*[ int ] = Int128;").is_err());
    assert!(parse_schema("a x:flags.4294967296?int = A;").is_err());
    assert!(parse_schema(&"/ ".repeat(100_000)).is_err());
    assert!(parse_schema(&"// ".repeat(100_000)).is_ok());
    assert!(parse_schema(&"[".repeat(100_000)).is_err());
}

/// The mutation tests draw from the corpus; make sure it is really there (which files
/// it holds is `real_schemas.rs`'s business).
#[test]
fn corpus_is_there() {
    let corpus = corpus();
    assert!(
        corpus.len() >= 10,
        "{:?}",
        corpus.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    assert!(corpus.iter().all(|(_, b)| b.len() > 1000));
}
