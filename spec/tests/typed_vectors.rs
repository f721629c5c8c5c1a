//! The hand-checkable byte vectors of the rule catalogue, through the typed codec of era
//! 224-228 (and 177-221 for the #91b2d060 one), both ways; and strict decoding errors with
//! their kind and offset.
//!
//! The hex strings are copied from `/work/shared/reference/flow-rules.md` §9.1 ("Golden
//! byte vectors"). That catalogue says the keyboardButtonStyle, requestPeerTypeUser,
//! sendBotRequestedPeer#6c5cf2a7 and getBotCallbackAnswer vectors were reproduced byte
//! for byte with Telethon 1.44.0 (layer 227), the #91b2d060 one with Telethon 1.42.0
//! (layer 216), and that the getUsers one is the example of
//! https://core.telegram.org/mtproto/TL.

use std::borrow::Cow;

use tgconf_spec::codec::{DecodeErrorKind, DecodeOptions};
use tgconf_spec::typed::generated::era_224_228::{enums, functions, types};
use tgconf_spec::typed::{from_bytes, to_bytes, Deserialize, Identifiable, Serialize};

fn hex(s: &str) -> Vec<u8> {
    let s: String = s.split_whitespace().collect();
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// Encodes to exactly `expected`, and decodes it back to an equal value.
fn both_ways<'a, T>(value: &T, expected: &'a [u8])
where
    T: Serialize + Deserialize<'a> + PartialEq + std::fmt::Debug,
{
    let bytes = to_bytes(value).unwrap();
    assert_eq!(bytes, expected, "encoding {value:?}");
    assert_eq!(value.serialized_len(), expected.len());
    let back: T = from_bytes(expected, DecodeOptions::default()).unwrap();
    assert_eq!(&back, value);
}

fn user(user_id: i64, access_hash: i64) -> enums::InputPeer {
    types::InputPeerUser {
        user_id,
        access_hash,
    }
    .into()
}

#[test]
fn bools_and_strings() {
    both_ways(&true, &hex("b5 75 72 99"));
    both_ways(&false, &hex("37 97 79 bc"));
    both_ways(&Cow::Borrowed(""), &hex("00 00 00 00"));
    both_ways(&Cow::Borrowed("a"), &hex("01 61 00 00"));
    for (len, header, total) in [
        (253, "fd", 256),
        (254, "fe fe 00 00", 260),
        (300, "fe 2c 01 00", 304),
    ] {
        let text = "a".repeat(len);
        let mut expected = hex(header);
        expected.extend(text.as_bytes());
        expected.resize(total, 0);
        both_ways(&Cow::Borrowed(text.as_str()), &expected);
    }
}

#[test]
fn get_users_example_of_the_tl_page() {
    // `getUsers#2d84d5f5 (Vector int) = Vector User` is not in the era schema, so only
    // its argument is checked: the boxed Vector<int> after the 4-byte id.
    let call = hex("f5 d5 84 2d 15 c4 b5 1c 03 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00");
    both_ways(&vec![2i32, 3, 4], &call[4..]);
}

#[test]
fn keyboard_button_style() {
    let primary = types::KeyboardButtonStyle {
        bg_primary: true,
        bg_danger: false,
        bg_success: false,
        icon: None,
    };
    both_ways(&primary, &hex("30 34 dd 4f 01 00 00 00"));
    both_ways(
        &enums::KeyboardButtonStyle::from(primary),
        &hex("30 34 dd 4f 01 00 00 00"),
    );
    let icon = types::KeyboardButtonStyle {
        bg_primary: false,
        bg_danger: false,
        bg_success: false,
        icon: Some(0x1122_3344_5566_7788),
    };
    both_ways(
        &icon,
        &hex("30 34 dd 4f 08 00 00 00 88 77 66 55 44 33 22 11"),
    );
}

#[test]
fn request_peer_type_user() {
    let value = types::RequestPeerTypeUser {
        bot: Some(true),
        premium: None,
    };
    both_ways(&value, &hex("00 8a 3b 5f 01 00 00 00 b5 75 72 99"));
}

#[test]
fn send_bot_requested_peer() {
    let mut call = functions::messages::SendBotRequestedPeer {
        peer: user(100, 200),
        msg_id: Some(42),
        webapp_req_id: None,
        button_id: 7,
        requested_peers: vec![user(300, 400)],
    };
    assert_eq!(
        functions::messages::SendBotRequestedPeer::CONSTRUCTOR_ID,
        0x6c5c_f2a7
    );
    both_ways(
        &call,
        &hex("a7 f2 5c 6c 01 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 2a 00 00 00 \
              07 00 00 00 15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00"),
    );
    call.msg_id = None;
    call.webapp_req_id = Some("abc".into());
    both_ways(
        &call,
        &hex("a7 f2 5c 6c 02 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 03 61 62 63 \
              07 00 00 00 15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00"),
    );
}

#[test]
fn send_bot_requested_peer_before_layer_224() {
    use tgconf_spec::typed::generated::era_177_221 as old;
    let user = |user_id, access_hash| {
        old::enums::InputPeer::from(old::types::InputPeerUser {
            user_id,
            access_hash,
        })
    };
    let call = old::functions::messages::SendBotRequestedPeer {
        peer: user(100, 200),
        msg_id: 42,
        button_id: 7,
        requested_peers: vec![user(300, 400)],
    };
    assert_eq!(
        old::functions::messages::SendBotRequestedPeer::CONSTRUCTOR_ID,
        0x91b2_d060
    );
    both_ways(
        &call,
        &hex("60 d0 b2 91 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 2a 00 00 00 07 00 00 00 \
              15 c4 b5 1c 01 00 00 00 4c a5 e8 dd 2c 01 00 00 00 00 00 00 90 01 00 00 00 00 00 00"),
    );
}

#[test]
fn get_bot_callback_answer() {
    let mut call = functions::messages::GetBotCallbackAnswer {
        game: true,
        peer: user(100, 200),
        msg_id: 5,
        data: None,
        password: None,
    };
    both_ways(&call, &hex("07 ca 42 93 02 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 05 00 00 00"));
    call.game = false;
    call.data = Some(Cow::Borrowed(&[1, 2]));
    both_ways(
        &call,
        &hex("07 ca 42 93 01 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 05 00 00 00 02 01 02 00"),
    );
}

#[test]
fn decoding_borrows_strings_and_bytes() {
    let bytes = hex("07 ca 42 93 01 00 00 00 4c a5 e8 dd 64 00 00 00 00 00 00 00 c8 00 00 00 00 00 00 00 05 00 00 00 02 01 02 00");
    let call: functions::messages::GetBotCallbackAnswer<'_> =
        from_bytes(&bytes, DecodeOptions::default()).unwrap();
    let Some(Cow::Borrowed(data)) = call.data else {
        panic!("data was copied: {:?}", call.data)
    };
    assert_eq!(data.as_ptr(), bytes[33..].as_ptr());
}

fn error<'a, T: Deserialize<'a> + std::fmt::Debug>(bytes: &'a [u8]) -> (usize, DecodeErrorKind) {
    let e = from_bytes::<T>(bytes, DecodeOptions::default()).unwrap_err();
    (e.offset, e.kind)
}

#[test]
fn strict_errors_have_kind_and_offset() {
    // An id the era does not define, where a KeyboardButtonStyle is expected.
    assert_eq!(
        error::<enums::KeyboardButtonStyle>(&hex("ef be ad de")),
        (0, DecodeErrorKind::UnknownConstructor { id: 0xdead_beef })
    );
    // boolTrue is an id of the era, but no KeyboardButtonStyle.
    assert_eq!(
        error::<enums::KeyboardButtonStyle>(&hex("b5 75 72 99")),
        (
            0,
            DecodeErrorKind::UnexpectedConstructor {
                id: 0x9972_75b5,
                expected: "KeyboardButtonStyle".into()
            }
        )
    );
    // The struct of one constructor names that constructor.
    assert_eq!(
        error::<types::KeyboardButtonStyle>(&hex("00 8a 3b 5f 00 00 00 00")),
        (
            0,
            DecodeErrorKind::UnexpectedConstructor {
                id: 0x5f3b_8a00,
                expected: "keyboardButtonStyle".into()
            }
        )
    );
    // peerUser#59511722 where the peer must be an InputPeer: reported at the nested id.
    assert_eq!(
        error::<functions::messages::GetBotCallbackAnswer>(&hex(
            "07ca42930200000022175159640000000000000005000000"
        )),
        (
            8,
            DecodeErrorKind::UnexpectedConstructor {
                id: 0x5951_1722,
                expected: "InputPeer".into()
            }
        )
    );
    // Bit 4 of keyboardButtonStyle's flags belongs to no field.
    assert_eq!(
        error::<types::KeyboardButtonStyle>(&hex("30 34 dd 4f 10 00 00 00")),
        (
            4,
            DecodeErrorKind::UnknownFlags {
                field: "flags",
                bits: 0x10
            }
        )
    );
    // flags.3 promises an 8-byte icon; only 4 bytes follow.
    assert!(matches!(
        error::<enums::KeyboardButtonStyle>(&hex("30 34 dd 4f 08 00 00 00 88 77 66 55")),
        (8, DecodeErrorKind::Truncated { .. })
    ));
    // A complete value followed by more bytes.
    assert_eq!(
        error::<enums::KeyboardButtonStyle>(&hex("30 34 dd 4f 01 00 00 00 00 00 00 00")),
        (8, DecodeErrorKind::TrailingBytes { count: 4 })
    );
    // requestPeerTypeUser.bot is a Bool; 1 is no Bool id.
    assert_eq!(
        error::<enums::RequestPeerType>(&hex("00 8a 3b 5f 01 00 00 00 01 00 00 00")),
        (8, DecodeErrorKind::BadBool { id: 1 })
    );
    // A vector count that cannot fit the bytes left is refused before allocating.
    assert!(matches!(
        error::<enums::MessageAction>(&hex(
            "9b8e51310700000015c4b51c00000100221751592c01000000000000"
        )),
        (12, DecodeErrorKind::CountTooLarge { count: 65536, .. })
    ));
}

#[test]
fn lenient_decoding_accepts_unknown_flags_and_trailing_bytes() {
    let lenient = DecodeOptions::lenient();
    let style: types::KeyboardButtonStyle =
        from_bytes(&hex("30 34 dd 4f 11 00 00 00 ff"), lenient).unwrap();
    assert!(style.bg_primary && style.icon.is_none());
    // Re-encoding drops what lenient decoding ignored.
    assert_eq!(to_bytes(&style).unwrap(), hex("30 34 dd 4f 01 00 00 00"));
}

#[test]
fn depth_is_limited() {
    // Each object costs one level (vectors cost none): a limit of 2 refuses a row
    // (level 1) holding a keyboardButtonCallback (level 2) whose style is level 3. The
    // error is reported where the third object starts.
    let row = hex("83 8b 60 77 15 c4 b5 1c 01 00 00 00 60 c9 2b e6 00 04 00 00 30 34 dd 4f 01 00 00 00 01 41 00 00 00 00 00 00");
    let options = DecodeOptions {
        max_depth: 2,
        ..DecodeOptions::default()
    };
    let e = from_bytes::<enums::KeyboardButtonRow>(&row, options).unwrap_err();
    assert_eq!(
        (e.offset, e.kind),
        (20, DecodeErrorKind::DepthExceeded { limit: 2 })
    );
    let row: enums::KeyboardButtonRow = from_bytes(&row, DecodeOptions::default()).unwrap();
    assert_eq!(to_bytes(&row).unwrap().len(), 36);
}
