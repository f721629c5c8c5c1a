//! Every kind of error of the dynamic codec, with where it is reported: decode errors at
//! byte offsets, encode errors and canonical-JSON errors at JSON paths.

use std::sync::LazyLock;

use tgconf_spec::codec::{DecodeErrorKind, DecodeOptions, EncodeError};
use tgconf_spec::dynamic::{
    decode, encode, encode_as, from_json_str, JsonErrorKind, Object, Registry, TypeSpec, Value,
    ValueErrorKind,
};
use tgconf_spec::era::Era;

static ERA: LazyLock<Registry> =
    LazyLock::new(|| Registry::build(Era::L224To228.schema().unwrap()).unwrap());
static FULL: LazyLock<Registry> = LazyLock::new(|| {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../corpus/schemas/grammers-crate-0.11.0-api.tl"
    );
    Registry::build(&tl_parser::parse_schema(&std::fs::read_to_string(path).unwrap()).unwrap())
        .unwrap()
});

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn decode_err(r: &Registry, ty: &str, bytes: &[u8]) -> (usize, DecodeErrorKind) {
    let e = decode(
        r,
        &r.type_spec(ty).unwrap(),
        bytes,
        DecodeOptions::default(),
    )
    .unwrap_err();
    (e.offset, e.kind)
}

fn value_err(r: &Registry, ty: &str, v: &Value<'_>) -> (String, ValueErrorKind) {
    match encode_as(r, &r.type_spec(ty).unwrap(), v).unwrap_err() {
        EncodeError::Value(e) => (e.path.as_str().to_owned(), e.kind),
        other => panic!("not a value error: {other}"),
    }
}

fn json_err(r: &Registry, ty: &str, text: &str) -> (String, JsonErrorKind, String, String) {
    let e = from_json_str(r, &r.type_spec(ty).unwrap(), text).unwrap_err();
    (e.path.as_str().to_owned(), e.kind, e.expected, e.found)
}

fn peer(user_id: i64) -> Value<'static> {
    Object::new("inputPeerUser")
        .with("user_id", user_id)
        .with("access_hash", 0i64)
        .into()
}

fn sbrp(peers: Vec<Value<'static>>) -> Object<'static> {
    Object::new("messages.sendBotRequestedPeer")
        .with("peer", peer(1))
        .with("msg_id", 1)
        .with("button_id", 1)
        .with("requested_peers", peers)
}

// ---- decoding ---------------------------------------------------------------------------

#[test]
fn flag_bits_no_field_uses_are_refused_strictly_and_dropped_leniently() {
    let r = &*ERA;
    // keyboardButtonStyle uses bits 0-3; bit 4 belongs to nothing.
    let bytes = hex("30 34 dd 4f 11 00 00 00");
    assert_eq!(
        decode_err(r, "KeyboardButtonStyle", &bytes),
        (
            4,
            DecodeErrorKind::UnknownFlags {
                field: "flags",
                bits: 0x10
            }
        )
    );
    let lenient = decode(
        r,
        &r.type_spec("KeyboardButtonStyle").unwrap(),
        &bytes,
        DecodeOptions::lenient(),
    )
    .unwrap();
    assert_eq!(
        lenient,
        Object::new("keyboardButtonStyle")
            .with("bg_primary", Value::True)
            .into()
    );
    // Re-encoding writes only the bits of present fields.
    assert_eq!(encode(r, &lenient).unwrap(), hex("30 34 dd 4f 01 00 00 00"));
}

#[test]
fn constructors_of_the_wrong_type_and_unknown_ids() {
    let r = &*ERA;
    // peerUser#59511722 where an InputPeer belongs (sendBotRequestedPeer.peer at byte 8).
    let bytes = hex("a7 f2 5c 6c 00 00 00 00 22 17 51 59 01 00 00 00 00 00 00 00");
    assert_eq!(
        decode_err(r, "messages.sendBotRequestedPeer", &bytes),
        (
            8,
            DecodeErrorKind::UnexpectedConstructor {
                id: 0x5951_1722,
                expected: "InputPeer".into()
            }
        )
    );
    assert_eq!(
        decode_err(r, "InputPeer", &hex("ef be ad de")),
        (0, DecodeErrorKind::UnknownConstructor { id: 0xdead_beef })
    );
    // A function call where a function of another name is expected.
    assert!(matches!(
        decode_err(r, "messages.getBotCallbackAnswer", &bytes),
        (
            0,
            DecodeErrorKind::UnexpectedConstructor {
                id: 0x6c5c_f2a7,
                ..
            }
        )
    ));
    // A vector has no element type on the wire: it cannot be an Object.
    assert!(matches!(
        decode_err(r, "Object", &hex("15 c4 b5 1c 00 00 00 00")),
        (0, DecodeErrorKind::UnexpectedConstructor { .. })
    ));
}

#[test]
fn nesting_is_bounded() {
    // textBold#6724abc4 text:RichText nests without end in the full schema.
    let r = &*FULL;
    let bold = r.constructor(r.by_name("textBold").unwrap()).id();
    let mut bytes = Vec::new();
    for _ in 0..100 {
        bytes.extend_from_slice(&bold.to_le_bytes());
    }
    let (offset, kind) = decode_err(r, "RichText", &bytes);
    assert_eq!(
        (offset, kind),
        (64 * 4, DecodeErrorKind::DepthExceeded { limit: 64 })
    );
    let shallow = DecodeOptions {
        max_depth: 3,
        ..DecodeOptions::default()
    };
    let e = decode(r, &TypeSpec::object(), &bytes, shallow).unwrap_err();
    assert_eq!(e.offset, 12);
}

#[test]
fn zero_size_elements_are_bounded_by_the_input() {
    let r = &*ERA;
    // Reader::count bounds a count of zero-size elements by the bytes left, as if each
    // took one byte.
    let ty = r.type_spec("Vector<true>").unwrap();
    assert_eq!(
        decode(r, &ty, &hex("15c4b51c 00000000"), DecodeOptions::default()).unwrap(),
        Value::from(Vec::new())
    );
    let e = decode(r, &ty, &hex("15c4b51c 03000000"), DecodeOptions::default()).unwrap_err();
    assert_eq!(
        (e.offset, e.kind),
        (
            4,
            DecodeErrorKind::CountTooLarge {
                count: 3,
                remaining: 0
            }
        )
    );
    // The decoder adds a bound over all such vectors together: the input's length. Here
    // the second inner vector claims 30 more when 64 - 40 = 24 are left.
    let ty = r.type_spec("Vector<Vector<true>>").unwrap();
    let mut bytes = hex("15c4b51c 03000000 15c4b51c 28000000 15c4b51c 1e000000 15c4b51c 00000000");
    bytes.resize(64, 0);
    let e = decode(r, &ty, &bytes, DecodeOptions::lenient()).unwrap_err();
    assert_eq!(
        (e.offset, e.kind),
        (
            20,
            DecodeErrorKind::CountTooLarge {
                count: 30,
                remaining: 24
            }
        )
    );
    bytes[20] = 24;
    let v = decode(r, &ty, &bytes, DecodeOptions::lenient()).unwrap();
    assert_eq!(v.node_count(), 1 + 3 + 40 + 24);
}

#[test]
fn unresolved_types_fail_only_when_read() {
    let schema = tl_parser::parse_schema("a#1 flags:# x:flags.0?Missing = A;").unwrap();
    let r = Registry::build(&schema).unwrap();
    assert_eq!(
        decode(
            &r,
            &TypeSpec::object(),
            &hex("01000000 00000000"),
            DecodeOptions::default()
        )
        .unwrap(),
        Object::new("a").into()
    );
    assert_eq!(
        decode_err(&r, "Object", &hex("01000000 01000000")),
        (
            8,
            DecodeErrorKind::UnresolvedType {
                name: "Missing".into()
            }
        )
    );
    assert_eq!(
        DecodeErrorKind::UnresolvedType { name: "X".into() }.code(),
        "unresolved_type"
    );
    let v = Object::new("a").with("x", 1).into();
    assert_eq!(
        value_err(&r, "Object", &v),
        (
            "/x".into(),
            ValueErrorKind::UnresolvedType {
                name: "Missing".into()
            }
        )
    );
}

// ---- encoding ---------------------------------------------------------------------------

#[test]
fn encode_errors_say_what_and_where() {
    let r = &*ERA;
    let ty = "messages.sendBotRequestedPeer";
    let bad_peer = Object::new("inputPeerUser")
        .with("user_id", 1)
        .with("access_hash", 0i64);
    assert_eq!(
        value_err(r, ty, &sbrp(vec![peer(2), bad_peer.into()]).into()),
        (
            "/requested_peers/1/user_id".into(),
            ValueErrorKind::WrongKind {
                expected: "long".into(),
                found: "int".into()
            }
        )
    );
    assert_eq!(
        value_err(
            r,
            ty,
            &sbrp(vec![Object::new("inputPeerNobody").into()]).into()
        ),
        (
            "/requested_peers/0".into(),
            ValueErrorKind::UnknownConstructor {
                name: "inputPeerNobody".into()
            }
        )
    );
    let peer_user = Object::new("peerUser").with("user_id", 1i64);
    assert!(matches!(
        value_err(r, ty, &sbrp(vec![peer_user.into()]).into()),
        (path, ValueErrorKind::UnexpectedConstructor { .. }) if path == "/requested_peers/0"
    ));
    let missing = Object::new("messages.sendBotRequestedPeer")
        .with("peer", peer(1))
        .with("button_id", 1);
    assert_eq!(
        value_err(r, ty, &missing.into()),
        (
            "".into(),
            ValueErrorKind::MissingField {
                constructor: ty.into(),
                field: "requested_peers".into()
            }
        )
    );
    let with_flags = sbrp(vec![]).with("flags", 1);
    assert_eq!(
        value_err(r, ty, &with_flags.into()).1,
        ValueErrorKind::UnknownField {
            constructor: ty.into(),
            field: "flags".into()
        }
    );
    let unknown = sbrp(vec![]).with("colour", 1);
    assert_eq!(
        value_err(r, ty, &unknown.into()).1,
        ValueErrorKind::UnknownField {
            constructor: ty.into(),
            field: "colour".into()
        }
    );
    let twice = sbrp(vec![]).with("msg_id", 2);
    assert_eq!(
        value_err(r, ty, &twice.into()).1,
        ValueErrorKind::DuplicateField {
            constructor: ty.into(),
            field: "msg_id".into()
        }
    );
    // A flag-only field holds `true`, nothing else.
    let style = Object::new("keyboardButtonStyle").with("bg_primary", false);
    assert_eq!(
        value_err(r, "KeyboardButtonStyle", &style.into()),
        (
            "/bg_primary".into(),
            ValueErrorKind::WrongKind {
                expected: "true".into(),
                found: "Bool".into()
            }
        )
    );
}

#[test]
fn fields_sharing_a_bit_go_together() {
    let r = &*FULL;
    // requestedPeerUser: first_name and last_name are both flags.0.
    let half = Object::new("requestedPeerUser")
        .with("user_id", 1i64)
        .with("first_name", "Ann");
    assert_eq!(
        value_err(r, "RequestedPeer", &half.into()),
        (
            "".into(),
            ValueErrorKind::InconsistentFlag {
                constructor: "requestedPeerUser".into(),
                flags: "flags".into(),
                bit: 0,
                present: "first_name".into(),
                absent: "last_name".into(),
            }
        )
    );
    let both = Object::new("requestedPeerUser")
        .with("user_id", 1i64)
        .with("first_name", "Ann")
        .with("last_name", "Lee");
    let bytes = encode(r, &both.clone().into()).unwrap();
    assert_eq!(&bytes[4..8], &[1, 0, 0, 0]);
    // Order of the given fields does not matter; the output is in declaration order.
    let shuffled = Object::new("requestedPeerUser")
        .with("last_name", "Lee")
        .with("first_name", "Ann")
        .with("user_id", 1i64);
    assert_eq!(encode(r, &shuffled.into()).unwrap(), bytes);
    // inputMediaUploadedPhoto: a `true` flag and a value share bit 3.
    let photo = Object::new("inputMediaUploadedPhoto")
        .with("live_photo", Value::True)
        .with(
            "file",
            Object::new("inputFileBig")
                .with("id", 1i64)
                .with("parts", 1)
                .with("name", "a"),
        );
    assert!(matches!(
        value_err(r, "InputMedia", &photo.into()).1,
        ValueErrorKind::InconsistentFlag { bit: 3, .. }
    ));
}

// ---- canonical JSON ---------------------------------------------------------------------

#[test]
fn json_errors_point_at_the_member() {
    let r = &*ERA;
    let ty = "messages.sendBotRequestedPeer";
    let base = |peers: &str| {
        format!(
            r#"{{"_":"messages.sendBotRequestedPeer","peer":{{"_":"inputPeerUser","user_id":"1","access_hash":"2"}},"msg_id":1,"button_id":1,"requested_peers":[{peers}]}}"#
        )
    };
    let (path, kind, expected, found) = json_err(
        r,
        ty,
        &base(r#"{"_":"inputPeerUser","user_id":5,"access_hash":"2"}"#),
    );
    assert_eq!(
        (path.as_str(), kind),
        ("/requested_peers/0/user_id", JsonErrorKind::WrongType)
    );
    assert!(
        expected.contains("decimal string") && found == "the number 5",
        "{expected} / {found}"
    );
    let (path, kind, ..) = json_err(r, ty, &base(r#"{"_":"peerUser","user_id":"5"}"#));
    assert_eq!(
        (path.as_str(), kind),
        ("/requested_peers/0/_", JsonErrorKind::UnexpectedConstructor)
    );
    let (path, kind, ..) = json_err(r, ty, &base(r#"{"_":"nobody"}"#));
    assert_eq!(
        (path.as_str(), kind),
        ("/requested_peers/0/_", JsonErrorKind::UnknownConstructor)
    );
    let (path, kind, ..) = json_err(r, ty, &base(r#"{"_":"inputPeerUser","user_id":"1"}"#));
    assert_eq!(
        (path.as_str(), kind),
        ("/requested_peers/0", JsonErrorKind::MissingMember)
    );
    let (path, kind, ..) = json_err(
        r,
        ty,
        &base(r#"{"_":"inputPeerUser","user_id":"1","access_hash":"2","x":1}"#),
    );
    assert_eq!(
        (path.as_str(), kind),
        ("/requested_peers/0/x", JsonErrorKind::UnknownMember)
    );
    let (path, kind, ..) = json_err(
        r,
        ty,
        &base(r#"{"_":"inputPeerUser","user_id":"1","access_hash":"2","user_id":"1"}"#),
    );
    assert_eq!(
        (path.as_str(), kind),
        ("/requested_peers/0/user_id", JsonErrorKind::DuplicateMember)
    );
    let (path, kind, ..) = json_err(
        r,
        ty,
        &base(r#"{"user_id":"1","_":"inputPeerUser","access_hash":"2"}"#),
    );
    assert_eq!(
        (path.as_str(), kind),
        ("/requested_peers/0", JsonErrorKind::ConstructorName)
    );
    let (path, kind, ..) = json_err(r, ty, &base(r#"[]"#));
    assert_eq!(
        (path.as_str(), kind),
        ("/requested_peers/0", JsonErrorKind::WrongType)
    );
}

#[test]
fn json_readers_are_strict() {
    let r = &*ERA;
    let style = |member: &str| {
        json_err(
            r,
            "KeyboardButtonStyle",
            &format!(r#"{{"_":"keyboardButtonStyle",{member}}}"#),
        )
    };
    assert_eq!(style(r#""bg_primary":false"#).1, JsonErrorKind::WrongType);
    assert_eq!(style(r#""flags":1"#).1, JsonErrorKind::UnknownMember);
    assert_eq!(style(r#""icon":1"#).1, JsonErrorKind::WrongType);
    for long in [
        r#""+1""#,
        r#""01""#,
        r#""-0""#,
        r#""1.0""#,
        r#""9223372036854775808""#,
        r#"" 1""#,
    ] {
        assert_eq!(
            style(&format!(r#""icon":{long}"#)).1,
            JsonErrorKind::WrongType,
            "{long}"
        );
    }
    let callback = |data: &str| {
        json_err(
            r,
            "KeyboardButton",
            &format!(r#"{{"_":"keyboardButtonCallback","text":"A","data":{data}}}"#),
        )
    };
    for bad in [r#""0A""#, r#""abc""#, r#""zz""#, r#"[1]"#] {
        assert_eq!(callback(bad).1, JsonErrorKind::WrongType, "{bad}");
    }
    let int = |v: &str| json_err(r, "int", v).1;
    for bad in ["2147483648", "-2147483649", "1.0", "\"1\"", "true"] {
        assert_eq!(int(bad), JsonErrorKind::WrongType, "{bad}");
    }
    assert_eq!(
        from_json_str(r, &r.type_spec("int").unwrap(), "-2147483648").unwrap(),
        Value::Int(i32::MIN)
    );
    assert_eq!(json_err(r, "int", "{").1, JsonErrorKind::Syntax);
    assert_eq!(json_err(r, "int128", "\"00\"").1, JsonErrorKind::WrongType);
    // Doubles: numbers, integers included, and the three names of non-finite values.
    let double = |v: &str| from_json_str(r, &r.type_spec("double").unwrap(), v).unwrap();
    assert_eq!(double("2"), Value::Double(2.0));
    assert_eq!(double("-0.0"), Value::Double(-0.0));
    assert_eq!(double("\"-Infinity\""), Value::Double(f64::NEG_INFINITY));
    assert!(matches!(double("\"NaN\""), Value::Double(d) if d.is_nan()));
    assert_eq!(double("0.1"), Value::Double(0.1));
    assert_eq!(json_err(r, "double", "\"1.5\"").1, JsonErrorKind::WrongType);
}
