//! The generator on its own: the text it makes for a small schema (an insta snapshot),
//! the problems it reports, and that every schema we carry can be mapped.

use tgconf_spec::era::Era;
use tgconf_spec::typed::gen::{generate, GenError, GenOptions};

fn gen(schema: &str) -> Result<String, GenError> {
    let schema = tl_parser::parse_schema(schema).unwrap_or_else(|e| panic!("{e}"));
    generate(
        &schema,
        &GenOptions {
            title: "the snapshot schema",
            source: "typed_gen.rs",
            ..GenOptions::default()
        },
    )
}

fn problems(schema: &str) -> Vec<(String, String)> {
    gen(schema)
        .unwrap_err()
        .problems
        .into_iter()
        .map(|p| (p.definition, p.reason))
        .collect()
}

/// Seed objects of era 224-228 (with the parameters they have there): a style with only
/// flags, a button with a string, bytes and an optional boxed field, a row (a vector of a
/// boxed type), a namespaced constructor, and functions with a flag word, an optional
/// string and a vector.
const SMALL: &str = "\
boolFalse#bc799737 = Bool;
boolTrue#997275b5 = Bool;
vector#1cb5c415 {t:Type} # [ t ] = Vector t;
inputPeerEmpty#7f3b18ea = InputPeer;
inputPeerUser#dde8a54c user_id:long access_hash:long = InputPeer;
keyboardButtonStyle#4fdd3430 flags:# bg_primary:flags.0?true bg_danger:flags.1?true bg_success:flags.2?true icon:flags.3?long = KeyboardButtonStyle;
keyboardButtonCallback#e62bc960 flags:# requires_password:flags.0?true style:flags.10?KeyboardButtonStyle text:string data:bytes = KeyboardButton;
keyboardButtonRow#77608b83 buttons:Vector<KeyboardButton> = KeyboardButtonRow;
messages.botCallbackAnswer#36585ea4 flags:# alert:flags.1?true has_url:flags.3?true native_ui:flags.4?true message:flags.0?string url:flags.2?string cache_time:int = messages.BotCallbackAnswer;
---functions---
messages.sendBotRequestedPeer#6c5cf2a7 flags:# peer:InputPeer msg_id:flags.0?int webapp_req_id:flags.1?string button_id:int requested_peers:Vector<InputPeer> = Updates;
messages.getBotCallbackAnswer#9342ca07 flags:# game:flags.1?true peer:InputPeer msg_id:int data:flags.0?bytes = messages.BotCallbackAnswer;
";

#[test]
fn small_schema_snapshot() {
    insta::assert_snapshot!(gen(SMALL).unwrap());
}

#[test]
fn output_is_deterministic() {
    assert_eq!(gen(SMALL).unwrap(), gen(SMALL).unwrap());
}

#[test]
fn mapping_of_the_seed_objects() {
    let out = gen(SMALL).unwrap();
    for expected in [
        // flags.N?true → bool, other conditionals → Option, `#` not stored.
        "pub struct KeyboardButtonStyle {\n        pub bg_primary: bool,",
        "pub icon: Option<i64>,",
        // Only types that hold strings or bytes borrow.
        "pub struct KeyboardButtonCallback<'a> {",
        "pub style: Option<enums::KeyboardButtonStyle>,",
        "pub text: Cow<'a, str>,",
        "pub data: Cow<'a, [u8]>,",
        "pub buttons: Vec<enums::KeyboardButton<'a>>,",
        "pub struct InputPeerUser {",
        // Namespaces are modules; variants drop the type's name.
        "pub mod messages {",
        "pub enum BotCallbackAnswer<'a> {",
        "    Callback(types::KeyboardButtonCallback<'a>),",
        "    User(types::InputPeerUser),",
        // Known bits only; fields in declaration order.
        "r.flags(\"flags\", 0x401)?",
        // A result type the schema lacks stays raw; a known one is typed.
        "type Return<'r> = OpaqueResult<'r>;",
        "type Return<'r> = enums::messages::BotCallbackAnswer<'r>;",
    ] {
        assert!(out.contains(expected), "missing `{expected}`");
    }
    // Builtins produce no items.
    assert!(!out.contains("pub enum Bool"));
    assert!(!out.contains("struct Vector"));
}

#[test]
fn every_problem_is_reported_at_once() {
    let found = problems(
        "a#1 x:Missing = A;\n\
         b#2 y:%A z:int = B;\n\
         a2#3 = A;\n\
         c#4 w:%A = C;\n\
         d#5 {X:Type} q:!X = D;\n\
         e#6 v:true = E;\n\
         ---functions---\n\
         f#7 = vector<int>;",
    );
    let names: Vec<&str> = found.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(names, ["d", "a", "b", "c", "e", "f"], "{found:#?}");
    let reason = |name: &str| &found.iter().find(|(d, _)| d == name).unwrap().1;
    assert!(reason("d").contains("type parameters"), "{found:#?}");
    assert!(
        reason("a").contains("`Missing` is not defined"),
        "{found:#?}"
    );
    assert!(
        reason("b").contains("exactly one constructor"),
        "{found:#?}"
    );
    assert!(
        reason("e").contains("`true` outside a condition"),
        "{found:#?}"
    );
    assert!(reason("f").contains("bare type"), "{found:#?}");
}

#[test]
fn rust_name_collisions_are_problems() {
    let found = problems("foo_bar#1 = X;\nfooBar#2 = X;");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].1.contains("`types::FooBar`"), "{found:#?}");
    let found = problems("vec#1 = Vec;");
    assert!(
        found.iter().any(|(_, r)| r.contains("reserved")),
        "{found:#?}"
    );
}

#[test]
fn every_era_file_can_be_generated() {
    for era in Era::ALL {
        let schema = era.schema().unwrap();
        let options = GenOptions {
            title: era.name(),
            ..GenOptions::default()
        };
        generate(schema, &options).unwrap_or_else(|e| panic!("era {era}: {e}"));
    }
}

#[test]
fn every_full_schema_can_be_generated() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/schemas");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "tl") {
            let text = std::fs::read_to_string(&path).unwrap();
            let schema = tl_parser::parse_schema(&text).unwrap();
            let out = generate(&schema, &GenOptions::default())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert!(out.len() > 10_000, "{}", path.display());
            seen += 1;
        }
    }
    assert!(seen >= 7, "only {seen} schemas in {}", dir.display());
}
