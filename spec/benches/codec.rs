//! Throughput of the typed and the dynamic codec (bytes of TL per second), in the same run,
//! on a realistic set of bot-button values at layer 227 (era 224-228): a reply markup with
//! several rows of mixed buttons, a keyboard of styled peer-request buttons,
//! messages.sendBotRequestedPeer with 10 peers, and callback answers.
//!
//! `cargo bench -p tgconf-spec --bench codec`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::dynamic::{
    decode, decode_in, encode, from_json_str, to_json, Arena, Registry, TypeSpec, Value,
};
use tgconf_spec::era::Era;
use tgconf_spec::typed::generated::era_224_228::{enums, functions};
use tgconf_spec::typed::{from_bytes, to_bytes};

/// The set's values read by the typed codec, each as its own Rust type.
enum Typed<'a> {
    Markup(enums::ReplyMarkup<'a>),
    SendPeers(functions::messages::SendBotRequestedPeer<'a>),
    Answer(enums::messages::BotCallbackAnswer<'a>),
    SetAnswer(functions::messages::SetBotCallbackAnswer<'a>),
}

impl<'a> Typed<'a> {
    /// Reads `bytes` as the type of the set's `index`-th value.
    fn decode(index: usize, bytes: &'a [u8]) -> Self {
        let strict = DecodeOptions::default();
        match index {
            0 | 1 => Typed::Markup(from_bytes(bytes, strict).unwrap()),
            2 => Typed::SendPeers(from_bytes(bytes, strict).unwrap()),
            3 | 4 => Typed::Answer(from_bytes(bytes, strict).unwrap()),
            _ => Typed::SetAnswer(from_bytes(bytes, strict).unwrap()),
        }
    }

    fn encode(&self) -> Vec<u8> {
        match self {
            Typed::Markup(v) => to_bytes(v),
            Typed::SendPeers(v) => to_bytes(v),
            Typed::Answer(v) => to_bytes(v),
            Typed::SetAnswer(v) => to_bytes(v),
        }
        .unwrap()
    }
}

const INLINE_MARKUP: &str = r#"{"_":"replyInlineMarkup","rows":[
 {"_":"keyboardButtonRow","buttons":[
  {"_":"keyboardButtonUrl","style":{"_":"keyboardButtonStyle","bg_primary":true},"text":"Open the site","url":"https://example.org/path?x=1"},
  {"_":"keyboardButtonCallback","style":{"_":"keyboardButtonStyle","bg_danger":true,"icon":"5368324170671202286"},"text":"Delete","data":"64656c6574653a3132333435"}]},
 {"_":"keyboardButtonRow","buttons":[
  {"_":"keyboardButtonCallback","text":"1","data":"706167653a31"},
  {"_":"keyboardButtonCallback","text":"2","data":"706167653a32"},
  {"_":"keyboardButtonCallback","requires_password":true,"text":"3","data":"706167653a33"},
  {"_":"keyboardButtonCallback","text":"Next »","data":"706167653a6e657874"}]},
 {"_":"keyboardButtonRow","buttons":[
  {"_":"keyboardButtonSwitchInline","same_peer":true,"text":"Share here","query":"inline query text"},
  {"_":"keyboardButtonWebView","style":{"_":"keyboardButtonStyle","bg_success":true},"text":"Open app","url":"https://example.org/app"}]},
 {"_":"keyboardButtonRow","buttons":[
  {"_":"keyboardButtonCopy","text":"Copy code","copy_text":"PROMO-2026-XYZ"},
  {"_":"keyboardButtonUserProfile","text":"Author","user_id":"123456789"},
  {"_":"keyboardButtonGame","text":"Play"}]}]}"#;

const PEER_KEYBOARD: &str = r#"{"_":"replyKeyboardMarkup","resize":true,"single_use":true,"rows":[
 {"_":"keyboardButtonRow","buttons":[
  {"_":"keyboardButtonRequestPeer","style":{"_":"keyboardButtonStyle","bg_primary":true},"text":"Choose users","button_id":1,
   "peer_type":{"_":"requestPeerTypeUser","bot":false,"premium":true},"max_quantity":10}]},
 {"_":"keyboardButtonRow","buttons":[
  {"_":"keyboardButtonRequestPeer","style":{"_":"keyboardButtonStyle","bg_success":true,"icon":"5368324170671202286"},"text":"Choose a group","button_id":2,
   "peer_type":{"_":"requestPeerTypeChat","creator":true,"has_username":true,"forum":false,
    "user_admin_rights":{"_":"chatAdminRights","change_info":true,"delete_messages":true,"ban_users":true,"invite_users":true,"pin_messages":true},
    "bot_admin_rights":{"_":"chatAdminRights","post_messages":true,"edit_messages":true}},"max_quantity":1},
  {"_":"keyboardButtonRequestPeer","style":{"_":"keyboardButtonStyle","bg_danger":true},"text":"Choose a channel","button_id":3,
   "peer_type":{"_":"requestPeerTypeBroadcast","has_username":false,"user_admin_rights":{"_":"chatAdminRights","post_messages":true}},"max_quantity":1}]},
 {"_":"keyboardButtonRow","buttons":[
  {"_":"keyboardButtonRequestPeer","text":"Create a bot","button_id":4,
   "peer_type":{"_":"requestPeerTypeCreateBot","bot_managed":true,"suggested_name":"Helper","suggested_username":"helper_bot"},"max_quantity":1},
  {"_":"keyboardButtonRequestPhone","text":"Share phone"},
  {"_":"keyboardButton","text":"Cancel"}]}],"placeholder":"Choose…"}"#;

fn send_bot_requested_peer() -> String {
    let peers: Vec<String> = (0..10)
        .map(|i| {
            if i % 3 == 2 {
                format!(
                    r#"{{"_":"inputPeerChannel","channel_id":"{}","access_hash":"{}"}}"#,
                    1_000_000_000 + i,
                    -7_000_000_000_000i64 * (i + 1)
                )
            } else {
                format!(
                    r#"{{"_":"inputPeerUser","user_id":"{}","access_hash":"{}"}}"#,
                    5_000_000 + i,
                    9_000_000_000_000_000i64 - i
                )
            }
        })
        .collect();
    format!(
        r#"{{"_":"messages.sendBotRequestedPeer","peer":{{"_":"inputPeerUser","user_id":"100","access_hash":"200"}},"msg_id":4242,"button_id":1,"requested_peers":[{}]}}"#,
        peers.join(",")
    )
}

const CALLBACK_ANSWER: &str = r#"{"_":"messages.botCallbackAnswer","alert":true,"message":"You pressed the button: the order is confirmed.","cache_time":30}"#;
const CALLBACK_URL_ANSWER: &str = r#"{"_":"messages.botCallbackAnswer","has_url":true,"url":"https://t.me/example_bot?start=game","cache_time":0}"#;
const SET_CALLBACK_ANSWER: &str = r#"{"_":"messages.setBotCallbackAnswer","alert":true,"query_id":"-1234567890123","message":"Done","cache_time":60}"#;

/// The first block of one decode's arena, per byte of input: every tree of the set fits
/// in it (they take 8 to 23 bytes per byte of input), so each decode allocates once.
const ARENA_BYTES_PER_INPUT_BYTE: usize = 24;

fn bench(c: &mut Criterion) {
    let registry =
        Registry::build(Era::L224To228.schema().expect("era parses")).expect("era builds");
    let object = TypeSpec::object();
    let sbrp = send_bot_requested_peer();
    let texts = [
        INLINE_MARKUP,
        PEER_KEYBOARD,
        &sbrp,
        CALLBACK_ANSWER,
        CALLBACK_URL_ANSWER,
        SET_CALLBACK_ANSWER,
    ];
    let values: Vec<Value<'_>> = texts
        .iter()
        .map(|t| from_json_str(&registry, &object, t).unwrap_or_else(|e| panic!("{e}: {t}")))
        .collect();
    let encoded: Vec<Vec<u8>> = values
        .iter()
        .map(|v| encode(&registry, v).expect("encodes"))
        .collect();
    let total: usize = encoded.iter().map(Vec::len).sum();
    let json_texts: Vec<String> = values.iter().map(|v| to_json(v).to_string()).collect();
    let json_total: usize = json_texts.iter().map(String::len).sum();
    eprintln!(
        "set: {} values, {total} bytes of TL, {json_total} bytes of canonical JSON",
        values.len()
    );
    for (text, bytes) in texts.iter().zip(&encoded) {
        let name = &text[text.find("\"_\":\"").unwrap() + 5..];
        let arena = Arena::with_capacity(ARENA_BYTES_PER_INPUT_BYTE * bytes.len());
        decode_in(&arena, &registry, &object, bytes, DecodeOptions::default()).unwrap();
        assert_eq!(
            arena.allocated_bytes(),
            Arena::with_capacity(ARENA_BYTES_PER_INPUT_BYTE * bytes.len()).allocated_bytes(),
            "the tree outgrew the arena's first block"
        );
        eprintln!(
            "  {:>4} bytes  {}",
            bytes.len(),
            &name[..name.find('"').unwrap()]
        );
    }

    let typed: Vec<Typed<'_>> = encoded
        .iter()
        .enumerate()
        .map(|(i, bytes)| Typed::decode(i, bytes))
        .collect();
    for (t, bytes) in typed.iter().zip(&encoded) {
        assert_eq!(&t.encode(), bytes, "typed and dynamic encodings differ");
    }

    // Each body is one pass over the whole set.
    let typed_decode = || {
        for (i, bytes) in encoded.iter().enumerate() {
            black_box(Typed::decode(i, black_box(bytes)));
        }
    };
    let typed_encode = || {
        for t in &typed {
            black_box(black_box(t).encode());
        }
    };
    let dynamic_decode = |options: DecodeOptions| {
        for bytes in &encoded {
            black_box(decode(&registry, &object, black_box(bytes), options).unwrap());
        }
    };
    // A fresh arena per value, as a caller that keeps each tree apart would use it.
    let dynamic_decode_in = |options: DecodeOptions| {
        for bytes in &encoded {
            let arena = Arena::with_capacity(ARENA_BYTES_PER_INPUT_BYTE * bytes.len());
            black_box(decode_in(&arena, &registry, &object, black_box(bytes), options).unwrap());
        }
    };
    let dynamic_encode = || {
        for v in &values {
            black_box(encode(&registry, black_box(v)).unwrap());
        }
    };
    let dynamic_to_json = || {
        for bytes in &encoded {
            let v = decode(
                &registry,
                &object,
                black_box(bytes),
                DecodeOptions::default(),
            )
            .unwrap();
            black_box(to_json(&v).to_string());
        }
    };
    let dynamic_from_json = || {
        for t in &json_texts {
            let v = from_json_str(&registry, &object, black_box(t)).unwrap();
            black_box(encode(&registry, &v).unwrap());
        }
    };
    let bodies: [(&str, &dyn Fn()); 9] = [
        ("typed/decode/strict", &typed_decode),
        ("typed/encode", &typed_encode),
        ("dynamic/decode/strict", &|| {
            dynamic_decode(DecodeOptions::default())
        }),
        ("dynamic/decode/lenient", &|| {
            dynamic_decode(DecodeOptions::lenient())
        }),
        ("dynamic/decode_in/strict", &|| {
            dynamic_decode_in(DecodeOptions::default())
        }),
        ("dynamic/decode_in/lenient", &|| {
            dynamic_decode_in(DecodeOptions::lenient())
        }),
        ("dynamic/encode", &dynamic_encode),
        ("dynamic/decode+to_json", &dynamic_to_json),
        ("dynamic-json/from_json_str+encode", &dynamic_from_json),
    ];

    // `TGCONF_PROFILE=dynamic/encode:1000` runs one body that many times instead of
    // benchmarking, for callgrind: its counts then depend on the code, not on how long
    // criterion sampled. Subtracting a run of N from one of 2N leaves N passes.
    if let Ok(spec) = std::env::var("TGCONF_PROFILE") {
        let (name, times) = spec
            .rsplit_once(':')
            .expect("TGCONF_PROFILE=name:iterations");
        let times: u32 = times.parse().expect("iterations");
        let (_, body) = bodies
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("no body {name}"));
        for _ in 0..times {
            body();
        }
        return;
    }

    for (name, body) in bodies {
        let (group_name, function) = name.split_once('/').expect("group/function");
        let size = if group_name == "dynamic-json" {
            json_total
        } else {
            total
        };
        let mut group = c.benchmark_group(group_name);
        group.throughput(Throughput::Bytes(size as u64));
        group.bench_function(function, |b| b.iter(body));
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
