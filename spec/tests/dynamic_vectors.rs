//! The hand-checkable byte vectors of the flow-rules catalogue, §9.1
//! (/work/shared/reference/flow-rules.md, "9.1 Golden byte vectors"), replayed through the
//! dynamic codec in both directions. The hex strings are copied from that table; the
//! expected values are written out by hand from the table's first column.
//!
//! Per the catalogue, the keyboardButtonStyle, requestPeerTypeUser,
//! sendBotRequestedPeer#6c5cf2a7 and getBotCallbackAnswer rows were reproduced byte for
//! byte with Telethon 1.44.0 (layer 227), the #91b2d060 row with Telethon 1.42.0 (layer
//! 216), and the getUsers row is the example of https://core.telegram.org/mtproto/TL.

use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::dynamic::{
    decode, encode, encode_as, from_json_str, to_json, Object, Registry, TypeSpec, Value,
};
use tgconf_spec::era::Era;

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn era(era: Era) -> Registry {
    Registry::build(era.schema().unwrap()).unwrap()
}

/// Decodes `bytes` as `ty` (strictly) to `expected`, and encodes `expected` back to `bytes`.
fn both_ways(r: &Registry, ty: &str, bytes: &[u8], expected: &Value<'_>) {
    let spec = r.type_spec(ty).unwrap();
    let decoded =
        decode(r, &spec, bytes, DecodeOptions::default()).unwrap_or_else(|e| panic!("{ty}: {e}"));
    assert_eq!(&decoded, expected, "{ty}: decoded");
    assert_eq!(
        encode_as(r, &spec, expected).unwrap(),
        bytes,
        "{ty}: encoded with the type"
    );
    assert_eq!(
        encode(r, expected).unwrap(),
        bytes,
        "{ty}: encoded by shape"
    );
    // and through the canonical JSON
    let json = to_json(&decoded).to_string();
    assert_eq!(
        &from_json_str(r, &spec, &json).unwrap(),
        expected,
        "{ty}: {json}"
    );
}

fn peer_user(user_id: i64, access_hash: i64) -> Value<'static> {
    Object::new("inputPeerUser")
        .with("user_id", user_id)
        .with("access_hash", access_hash)
        .into()
}

#[test]
fn bools() {
    let r = era(Era::L224To228);
    both_ways(&r, "Bool", &hex("b5 75 72 99"), &Value::Bool(true));
    both_ways(&r, "Bool", &hex("37 97 79 bc"), &Value::Bool(false));
    // A Bool is also a boxed object.
    both_ways(&r, "Object", &hex("b5 75 72 99"), &Value::Bool(true));
}

#[test]
fn strings_switch_to_the_long_length_form_at_254() {
    let r = era(Era::L224To228);
    both_ways(&r, "string", &hex("00 00 00 00"), &Value::string(""));
    both_ways(&r, "string", &hex("01 61 00 00"), &Value::string("a"));
    for (len, header, padding, total) in [
        (253, "fd", 2, 256),
        (254, "fe fe 00 00", 2, 260),
        (300, "fe 2c 01 00", 0, 304),
    ] {
        let text = "x".repeat(len);
        let mut bytes = hex(header);
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend(std::iter::repeat_n(0, padding));
        assert_eq!(bytes.len(), total);
        both_ways(&r, "string", &bytes, &Value::string(text));
    }
}

#[test]
fn get_users_of_the_tl_page() {
    // The TL page's combinator, `getUsers#2d84d5f5 (Vector int) = Vector User`, with its
    // anonymous argument given a name (names are not on the wire).
    let schema = tl_parser::parse_schema(
        "---functions---\ngetUsers#2d84d5f5 id:Vector<int> = Vector<User>;",
    )
    .unwrap();
    let r = Registry::build(&schema).unwrap();
    let value = Object::new("getUsers")
        .with("id", vec![Value::Int(2), Value::Int(3), Value::Int(4)])
        .into();
    both_ways(
        &r,
        "getUsers",
        &hex("f5 d5 84 2d 15 c4 b5 1c 03 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00"),
        &value,
    );
    both_ways(
        &r,
        "Object",
        &hex("f5 d5 84 2d 15 c4 b5 1c 03 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00"),
        &value,
    );
}

#[test]
fn keyboard_button_styles() {
    for e in [Era::L222To223, Era::L224To228, Era::L229, Era::L230] {
        let r = era(e);
        let primary = Object::new("keyboardButtonStyle")
            .with("bg_primary", Value::True)
            .into();
        both_ways(
            &r,
            "KeyboardButtonStyle",
            &hex("30 34 dd 4f 01 00 00 00"),
            &primary,
        );
        let icon = Object::new("keyboardButtonStyle")
            .with("icon", 0x1122_3344_5566_7788i64)
            .into();
        both_ways(
            &r,
            "KeyboardButtonStyle",
            &hex("30 34 dd 4f 08 00 00 00 88 77 66 55 44 33 22 11"),
            &icon,
        );
        assert_eq!(
            to_json(&primary).to_string(),
            r#"{"_":"keyboardButtonStyle","bg_primary":true}"#
        );
        assert_eq!(
            to_json(&icon).to_string(),
            r#"{"_":"keyboardButtonStyle","icon":"1234605616436508552"}"#
        );
    }
}

#[test]
fn request_peer_type_user_with_a_conditional_bool() {
    let r = era(Era::L224To228);
    let value = Object::new("requestPeerTypeUser").with("bot", true).into();
    both_ways(
        &r,
        "RequestPeerType",
        &hex("00 8a 3b 5f 01 00 00 00 b5 75 72 99"),
        &value,
    );
}

#[test]
fn send_bot_requested_peer_layer_224_and_later() {
    for e in [Era::L224To228, Era::L229, Era::L230] {
        let r = era(e);
        let with_msg_id = Object::new("messages.sendBotRequestedPeer")
            .with("peer", peer_user(100, 200))
            .with("msg_id", 42)
            .with("button_id", 7)
            .with("requested_peers", vec![peer_user(300, 400)])
            .into();
        both_ways(
            &r,
            "messages.sendBotRequestedPeer",
            &hex("a7 f2 5c 6c 01 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 2a 00 00 00 \
                  07 00 00 00 15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00"),
            &with_msg_id,
        );
        let with_webapp = Object::new("messages.sendBotRequestedPeer")
            .with("peer", peer_user(100, 200))
            .with("webapp_req_id", "abc")
            .with("button_id", 7)
            .with("requested_peers", vec![peer_user(300, 400)])
            .into();
        both_ways(
            &r,
            "messages.sendBotRequestedPeer",
            &hex("a7 f2 5c 6c 02 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 03 61 62 63 \
                  07 00 00 00 15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00"),
            &with_webapp,
        );
    }
}

#[test]
fn send_bot_requested_peer_layers_169_to_223() {
    for e in [Era::L169To176, Era::L177To221, Era::L222To223] {
        let r = era(e);
        let value = Object::new("messages.sendBotRequestedPeer")
            .with("peer", peer_user(100, 200))
            .with("msg_id", 42)
            .with("button_id", 7)
            .with("requested_peers", vec![peer_user(300, 400)])
            .into();
        both_ways(
            &r,
            "messages.sendBotRequestedPeer",
            &hex("60 d0 b2 91 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 2a 00 00 00 07 00 00 00 \
                  15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00"),
            &value,
        );
    }
}

#[test]
fn get_bot_callback_answer() {
    let r = era(Era::L224To228);
    let game = Object::new("messages.getBotCallbackAnswer")
        .with("game", Value::True)
        .with("peer", peer_user(100, 200))
        .with("msg_id", 5)
        .into();
    both_ways(
        &r,
        "messages.getBotCallbackAnswer",
        &hex("07 ca 42 93 02 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 05 00 00 00"),
        &game,
    );
    let data = Object::new("messages.getBotCallbackAnswer")
        .with("peer", peer_user(100, 200))
        .with("msg_id", 5)
        .with("data", Value::bytes(vec![1, 2]))
        .into();
    both_ways(
        &r,
        "messages.getBotCallbackAnswer",
        &hex("07 ca 42 93 01 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 05 00 00 00 02 01 02 00"),
        &data,
    );
    assert_eq!(
        to_json(&data).to_string(),
        r#"{"_":"messages.getBotCallbackAnswer","peer":{"_":"inputPeerUser","user_id":"100","access_hash":"200"},"msg_id":5,"data":"0102"}"#
    );
}

#[test]
fn the_documented_json_example_encodes_to_the_91b2d060_vector() {
    // docs/canonical-json.md's example object, read at a layer where msg_id is mandatory.
    let r = era(Era::L177To221);
    let json = r#"{"_": "messages.sendBotRequestedPeer",
 "peer": {"_": "inputPeerUser", "user_id": "100", "access_hash": "200"},
 "msg_id": 42, "button_id": 7,
 "requested_peers": [{"_": "inputPeerUser", "user_id": "300", "access_hash": "400"}]}"#;
    let value = from_json_str(&r, &TypeSpec::object(), json).unwrap();
    assert_eq!(
        encode(&r, &value).unwrap(),
        hex("60 d0 b2 91 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 2a 00 00 00 07 00 00 00 \
             15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00")
    );
}
