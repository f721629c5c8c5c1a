//! The dynamic codec's registry over every real schema in the repository: the full
//! schemas of corpus/schemas/ and the era files of spec/schema/.

use std::path::{Path, PathBuf};

use tgconf_spec::codec::{DecodeErrorKind, DecodeOptions};
use tgconf_spec::dynamic::{
    decode, encode_as, from_json_str, to_json, JsonErrorKind, Kind, Registry, RegistryError,
    TypeSpec, Value,
};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn schema(path: &Path) -> tl_parser::Schema {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    tl_parser::parse_schema(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tl_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tl"))
        .collect();
    files.sort();
    files
}

/// Every unresolved type named by a parameter, with the constructor that names it.
fn unresolved(r: &Registry) -> Vec<String> {
    let mut out = Vec::new();
    for (_, c) in r.constructors() {
        for p in c.params() {
            if let Some(name) = p.kind().find_unresolved() {
                out.push(format!("{}.{}: {name}", c.name(), p.name()));
            }
        }
    }
    out
}

#[test]
fn every_full_schema_builds_and_resolves() {
    let files = tl_files(&root().join("corpus/schemas"));
    assert!(
        files.len() >= 10,
        "corpus/schemas has {} .tl files",
        files.len()
    );
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let s = schema(&path);
        let r = Registry::build(&s).unwrap_or_else(|e| panic!("{name}: {e}"));
        let skipped: Vec<_> = r.skipped().iter().map(|s| s.name.as_str()).collect();
        if name == "tdlib-telegram_api.tl" {
            // tdlib's pseudo-constructors share the ids of the functions they describe.
            assert_eq!(
                skipped,
                [
                    "invokeWithBusinessConnectionPrefix",
                    "invokeWithGooglePlayIntegrityPrefix",
                    "invokeWithApnsSecretPrefix",
                    "invokeWithReCaptchaPrefix"
                ],
                "{name}"
            );
        } else {
            assert!(skipped.is_empty(), "{name}: {skipped:?}");
        }
        // Every definition but the builtins is registered.
        let builtins = s
            .definitions
            .iter()
            .filter(|d| {
                d.builtin
                    || ["vector", "int128", "int256", "boolTrue", "boolFalse"]
                        .contains(&d.full_name().as_str())
            })
            .count();
        assert_eq!(
            r.constructors().len() + skipped.len() + builtins,
            s.definitions.len(),
            "{name}"
        );
        for def in &s.definitions {
            if let Some(c) = r.by_name(&def.full_name()) {
                assert_eq!(
                    r.constructor(c).id(),
                    def.effective_id(),
                    "{name}: {}",
                    def.full_name()
                );
            }
        }
        let missing = unresolved(&r);
        println!(
            "{name}: {} constructors, {} types, unresolved: {missing:?}",
            r.constructors().len(),
            r.types().len()
        );
    }
}

#[test]
fn the_layer_230_schema_names_only_types_it_defines() {
    let r = Registry::build(&schema(
        &root().join("corpus/schemas/grammers-crate-0.11.0-api.tl"),
    ))
    .unwrap();
    assert_eq!(r.layer(), Some(230));
    assert_eq!(unresolved(&r), Vec::<String>::new());
    // A few resolutions checked by hand against the file.
    let sbrp = r.constructor(r.by_name("messages.sendBotRequestedPeer").unwrap());
    assert_eq!(sbrp.id(), 0x6c5c_f2a7);
    let kinds: Vec<_> = sbrp.params().iter().map(|p| r.describe(p.kind())).collect();
    assert_eq!(
        kinds,
        [
            "#",
            "InputPeer",
            "int",
            "string",
            "int",
            "Vector<InputPeer>"
        ]
    );
    let message = r.constructor(r.by_name("message").unwrap());
    let (_, views) = message.param("views").unwrap();
    let (_, forwards) = message.param("forwards").unwrap();
    assert_eq!(views.condition().map(|c| c.bit), Some(10));
    assert_eq!(views.condition(), forwards.condition());
    let flags2 = message.param("flags2").unwrap().1;
    assert!(matches!(
        flags2.kind(),
        Kind::Flags {
            name: "flags2",
            slot: 1,
            ..
        }
    ));
    let invoke = r.constructor(r.by_name("invokeWithLayer").unwrap());
    assert_eq!(invoke.params()[1].kind(), &Kind::AnyFunction);
}

/// `query:!X` holds a function call: decoding, encoding and the JSON form accept any
/// function of the schema there and refuse a constructor (TL-combinators: `!X` is a
/// function returning X), while an `Object` would take either.
#[test]
fn a_type_parameter_field_takes_only_function_calls() {
    let r = Registry::build(&schema(
        &root().join("corpus/schemas/grammers-crate-0.11.0-api.tl"),
    ))
    .unwrap();
    let invoke = r.type_spec("invokeWithLayer").unwrap();
    let call = r#"{"_":"invokeWithLayer","layer":230,"query":{"_":"help.getConfig"}}"#;
    let value = from_json_str(&r, &invoke, call).unwrap();
    let bytes = encode_as(&r, &invoke, &value).unwrap();
    assert_eq!(hex(&bytes), "0d0d9bdae60000006b18f9c4");
    let read = decode(&r, &invoke, &bytes, DecodeOptions::default()).unwrap();
    assert_eq!(to_json(&read).to_string(), call);

    let constructor = r#"{"_":"invokeWithLayer","layer":230,"query":{"_":"inputPeerEmpty"}}"#;
    let e = from_json_str(&r, &invoke, constructor).unwrap_err();
    assert_eq!(e.kind, JsonErrorKind::UnexpectedConstructor, "{e}");
    let flag = r#"{"_":"invokeWithLayer","layer":230,"query":false}"#;
    assert!(from_json_str(&r, &invoke, flag).is_err());

    let mut as_object = Value::clone(&value);
    let Value::Object(o) = &mut as_object else {
        unreachable!()
    };
    o.fields[1].value = from_json_str(&r, &TypeSpec::object(), r#"{"_":"inputPeerEmpty"}"#)
        .unwrap()
        .into_owned();
    let e = encode_as(&r, &invoke, &as_object).unwrap_err();
    assert!(e.to_string().contains("a function call"), "{e}");

    // invokeWithLayer 230 (inputPeerEmpty): the constructor's id where a call's belongs.
    let wrong = [&bytes[..8], &0x7f3b_18ea_u32.to_le_bytes()].concat();
    let e = decode(&r, &invoke, &wrong, DecodeOptions::default()).unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnexpectedConstructor {
            id: 0x7f3b_18ea,
            expected: "a function call".into()
        }
    );
    assert_eq!(e.offset, 8);
}

#[test]
fn mtproto_builds_alone_and_with_the_api() {
    let mtproto = schema(&root().join("corpus/schemas/mtproto.tl"));
    let r = Registry::build(&mtproto).unwrap();
    assert_eq!(unresolved(&r), Vec::<String>::new());
    let salts = r.constructor(r.by_name("future_salts").unwrap());
    let salt = r.by_name("future_salt").unwrap();
    assert_eq!(
        salts.params()[2].kind(),
        &Kind::Vector {
            boxed: false,
            elem: Box::new(Kind::Bare(salt)),
            elem_min: 16
        }
    );
    let rule = r.constructor(r.by_name("accessPointRule").unwrap());
    assert!(matches!(
        rule.params()[2].kind(),
        Kind::Vector {
            boxed: false,
            elem_min: 4,
            ..
        }
    ));
    // `tlsClientHello`, written without an id, gets the computed one.
    let hello = tl_parser::parse_schema("tlsClientHello blocks:vector<TlsBlock> = TlsClientHello;")
        .unwrap();
    assert_eq!(
        r.constructor(r.by_name("tlsClientHello").unwrap()).id(),
        hello.definitions[0].computed_id()
    );

    let api = schema(&root().join("corpus/schemas/grammers-crate-0.11.0-api.tl"));
    let both = Registry::build_from(&[&api, &mtproto]).unwrap();
    assert_eq!(
        both.constructors().len(),
        Registry::build(&api).unwrap().constructors().len() + r.constructors().len()
    );
    assert_eq!(both.layer(), Some(230));
}

#[test]
fn every_era_file_builds() {
    let files = tl_files(&root().join("spec/schema"));
    assert!(
        files.len() >= 8,
        "spec/schema has {} era files",
        files.len()
    );
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let r = Registry::build(&schema(&path)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(r.skipped().is_empty(), "{name}");
        assert_eq!(
            unresolved(&r),
            Vec::<String>::new(),
            "{name}: the era files are closed over parameter types"
        );
        for ty in [
            "ReplyMarkup",
            "KeyboardButton",
            "InputPeer",
            "RequestPeerType",
        ] {
            assert!(r.type_by_name(ty).is_some(), "{name}: {ty}");
        }
    }
}

#[test]
fn schemas_a_codec_cannot_use_are_refused() {
    let build = |text: &str| Registry::build(&tl_parser::parse_schema(text).unwrap());
    assert!(matches!(
        build("a#1 = A;\nb#1 x:int = B;"),
        Err(RegistryError::DuplicateId { id: 1, .. })
    ));
    assert!(matches!(
        build("a#1 = A;\n---functions---\nb#1 = B;"),
        Err(RegistryError::DuplicateId { .. })
    ));
    assert!(matches!(
        build("a#1 x:int = A;\na#2 = A;"),
        Err(RegistryError::DuplicateName { .. })
    ));
    assert!(matches!(
        build("a#1 x:int [ int ] = A;"),
        Err(RegistryError::AnonymousParameter { position: 1, .. })
    ));
    assert!(matches!(
        build("a#1 x:int x:int = A;"),
        Err(RegistryError::DuplicateParameter { .. })
    ));
    // An unknown type is no reason to refuse the schema.
    let r = build("a#1 x:Nowhere y:Vector<%Nothing> = A;").unwrap();
    let a = r.constructor(r.by_name("a").unwrap());
    assert_eq!(a.params()[0].kind(), &Kind::Unresolved("Nowhere".into()));
    assert_eq!(a.params()[1].kind().find_unresolved(), Some("%Nothing"));
}
