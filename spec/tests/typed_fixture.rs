//! The generated code for `typed_fixture/schema.tl`, a made-up schema with what the era
//! files lack (recursion, bare types, shared flag bits, keywords, generics, …), compiled
//! here and run. `typed_fixture/generated.rs` is checked in like the era modules:
//! `TGCONF_BLESS=1` rewrites it.

use std::borrow::Cow;
use std::path::PathBuf;

use tgconf_spec::codec::{DecodeErrorKind, DecodeOptions, EncodeError};
use tgconf_spec::typed::gen::{generate, GenOptions};
use tgconf_spec::typed::{
    from_bytes, to_bytes, Deserialize, Identifiable, OpaqueResult, RemoteCall, Serialize,
};

#[path = "typed_fixture/generated.rs"]
#[allow(dead_code)]
#[rustfmt::skip]
mod generated;

use generated::{enums, functions, types};

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/typed_fixture")
}

#[test]
fn generated_fixture_is_current() {
    let schema = std::fs::read_to_string(fixture_dir().join("schema.tl")).unwrap();
    let schema = tl_parser::parse_schema(&schema).unwrap();
    let options = GenOptions {
        title: "the test fixture schema",
        source: "spec/tests/typed_fixture/schema.tl",
        layers: None,
        runtime: "tgconf_spec::typed",
    };
    let fresh = generate(&schema, &options).unwrap();
    let path = fixture_dir().join("generated.rs");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(fresh.as_str()) {
        if std::env::var_os("TGCONF_BLESS").is_some_and(|v| v == "1") {
            std::fs::write(&path, fresh).unwrap();
        } else {
            panic!("typed_fixture/generated.rs is stale: TGCONF_BLESS=1 cargo test -p tgconf-spec --test typed_fixture");
        }
    }
}

fn round_trip<'a, T>(value: &T, bytes: &'a mut Vec<u8>) -> T
where
    T: Serialize + Deserialize<'a> + PartialEq + std::fmt::Debug,
{
    *bytes = to_bytes(value).unwrap();
    assert_eq!(
        bytes.len(),
        value.serialized_len(),
        "serialized_len of {value:?}"
    );
    let back: T = from_bytes(bytes, DecodeOptions::default()).unwrap();
    assert_eq!(&back, value);
    back
}

fn plain(text: &str) -> enums::RichText<'_> {
    types::TextPlain { text: text.into() }.into()
}

#[test]
#[allow(clippy::borrowed_box)] // the `&Box<…>` annotation is the point: it checks the boxing
fn recursion_is_boxed_and_round_trips() {
    let text: enums::RichText = types::TextConcat {
        texts: vec![
            plain("a"),
            types::TextBold {
                text: types::TextBold { text: plain("b") }.into(),
            }
            .into(),
            types::TextEmpty.into(),
        ],
    }
    .into();
    let mut bytes = Vec::new();
    round_trip(&text, &mut bytes);
    // Only the cycle's edge is boxed: textBold holds a RichText inline, textPlain and
    // textConcat (whose RichTexts are behind a Vec) do not. These only compile if so.
    let enums::RichText::TextConcat(concat) = &text else {
        panic!("{text:?}")
    };
    let enums::RichText::TextPlain(plain) = &concat.texts[0] else {
        panic!()
    };
    let _: &types::TextPlain<'_> = plain;
    let enums::RichText::TextBold(bold) = &concat.texts[1] else {
        panic!()
    };
    let _: &Box<types::TextBold<'_>> = bold;
}

#[test]
fn deep_recursion_stops_at_the_depth_limit() {
    // 100 nested textBold around a textEmpty: 101 levels, over the default 64.
    let mut bytes = Vec::new();
    for _ in 0..100 {
        bytes.extend(0x6724_abc4u32.to_le_bytes());
    }
    bytes.extend(0xdc3d_824fu32.to_le_bytes());
    let e = from_bytes::<enums::RichText>(&bytes, DecodeOptions::default()).unwrap_err();
    assert_eq!(
        (e.offset, e.kind),
        (64 * 4, DecodeErrorKind::DepthExceeded { limit: 64 })
    );
    let deep = DecodeOptions {
        max_depth: 101,
        ..DecodeOptions::default()
    };
    let text: enums::RichText = from_bytes(&bytes, deep).unwrap();
    assert_eq!(to_bytes(&text).unwrap(), bytes);
}

#[test]
fn bare_fields_carry_no_id() {
    let segment = types::Segment {
        from: types::Point { x: 1, y: 2 },
        to: types::Point { x: 3, y: 4 },
    };
    let mut bytes = Vec::new();
    round_trip(&segment, &mut bytes);
    assert_eq!(bytes.len(), 4 + 16, "id, then four ints");
    // A bare constructor that refers to itself is boxed.
    let chain = types::Chain {
        next: Some(Box::new(types::Chain {
            next: None,
            value: 2,
        })),
        value: 1,
    };
    round_trip(&chain, &mut bytes);
    assert_eq!(
        bytes,
        [0x03, 0, 0, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0]
    );
}

#[test]
fn fields_sharing_a_bit_travel_together() {
    let mut peer = types::RequestedPeerUser {
        user_id: 5,
        first_name: Some("Ada".into()),
        last_name: Some("".into()),
        username: None,
    };
    let mut bytes = Vec::new();
    round_trip(&peer, &mut bytes);
    assert_eq!(&bytes[4..8], &[1, 0, 0, 0]);
    peer.last_name = None;
    assert_eq!(
        to_bytes(&peer),
        Err(EncodeError::FlagGroupMismatch {
            constructor: "requestedPeerUser",
            first: "first_name",
            second: "last_name",
            bit: 0
        })
    );
    // A `true` flag and a value on one bit.
    let account = types::Account {
        bot: true,
        bot_info_version: None,
        premium: true,
        r#type: "x".into(),
        self_: 1,
        w: 2,
        r: 3,
        r#static: false,
    };
    assert!(matches!(
        to_bytes(&account),
        Err(EncodeError::FlagGroupMismatch { bit: 14, .. })
    ));
    let account = types::Account {
        bot_info_version: Some(9),
        ..account
    };
    round_trip(&account, &mut bytes);
    // flags (bit 14), bot_info_version, flags2 (bit 3), then the rest in order.
    assert_eq!(&bytes[4..16], &[0, 0x40, 0, 0, 9, 0, 0, 0, 8, 0, 0, 0]);
    // Decoding one set bit sets both fields.
    let decoded: types::Account = from_bytes(&bytes, DecodeOptions::default()).unwrap();
    assert!(decoded.bot && decoded.bot_info_version == Some(9));
}

#[test]
fn wide_numbers_and_vectors() {
    let secret = types::Secret {
        nonce: [7; 16],
        key: [9; 32],
        ratio: -0.5,
    };
    let mut bytes = Vec::new();
    round_trip(&secret, &mut bytes);
    assert_eq!(bytes.len(), 4 + 16 + 32 + 8);
    let ids = types::Ids {
        values: vec![1, -1],
        nested: vec![vec![], vec![1, 2, 3]],
        raw: vec![4, 5],
        blobs: vec![Cow::Borrowed(&[1, 2, 3][..]), Cow::Borrowed(&[][..])],
    };
    round_trip(&ids, &mut bytes);
    // The bare vector has a count and no vector id.
    let raw_at = 4 + (8 + 16) + (8 + 8 + (8 + 12));
    assert_eq!(
        &bytes[raw_at..raw_at + 12],
        &[2, 0, 0, 0, 4, 0, 0, 0, 5, 0, 0, 0]
    );
}

#[test]
fn functions_and_their_results() {
    let call = functions::InvokeWithLayer {
        layer: 230,
        query: functions::Ping,
    };
    let bytes = to_bytes(&call).unwrap();
    assert_eq!(
        bytes,
        [0x0d, 0x0d, 0x9b, 0xda, 230, 0, 0, 0, 0x0a, 0, 0, 0x10]
    );
    let back: functions::InvokeWithLayer<functions::Ping> =
        from_bytes(&bytes, DecodeOptions::default()).unwrap();
    assert_eq!(back, call);

    // Result types: the generic's, a vector, a type the schema lacks.
    fn answer<'r, F: RemoteCall>(bytes: &'r [u8]) -> F::Return<'r> {
        from_bytes(bytes, DecodeOptions::default()).unwrap()
    }
    let ok: bool = answer::<functions::InvokeWithLayer<functions::Ping>>(&[0xb5, 0x75, 0x72, 0x99]);
    assert!(ok);
    let ids = to_bytes(&vec![1i64, 2]).unwrap();
    let ids: Vec<i64> = answer::<functions::messages::GetIds>(&ids);
    assert_eq!(ids, [1, 2]);
    let updates: OpaqueResult<'_> = answer::<functions::messages::SendThing>(&[1, 2, 3, 4, 5]);
    assert_eq!((updates.id, &*updates.body), (0x0403_0201, &[5u8][..]));
    let secret: enums::Secret = answer::<functions::help::GetSecret>(
        &to_bytes(&types::Secret {
            nonce: [0; 16],
            key: [0; 32],
            ratio: 0.0,
        })
        .unwrap(),
    );
    assert!(matches!(secret, enums::Secret::Secret(_)));
    assert_eq!(functions::help::GetSecret::NAME, "help.getSecret");
}

#[test]
fn unknown_and_unexpected_ids() {
    // peerUser is in the schema but is no RichText; 0x12345678 is in no schema.
    let e = from_bytes::<enums::RichText>(&0x5951_1722u32.to_le_bytes(), DecodeOptions::default())
        .unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnexpectedConstructor {
            id: 0x5951_1722,
            expected: "RichText".into()
        }
    );
    let e = from_bytes::<enums::RichText>(&0x1234_5678u32.to_le_bytes(), DecodeOptions::default())
        .unwrap_err();
    assert_eq!(
        e.kind,
        DecodeErrorKind::UnknownConstructor { id: 0x1234_5678 }
    );
    // The era table knows function ids too.
    assert_eq!(generated::constructor_name(0x1000_000a), Some("ping"));
}
