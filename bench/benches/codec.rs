//! Decoding and encoding the bot-button objects of layer 230: tgconf's typed codec, tgconf's
//! dynamic codec and grammers-tl-types 0.11.0, on the same bytes in the same run, with a
//! copy of those bytes as the floor.
//!
//! Every input is written once as canonical JSON and encoded by tgconf's dynamic codec;
//! before anything is timed, each implementation decodes those bytes and encodes them back
//! to exactly the same bytes, so all of them are measured doing the same work.
//!
//! `cargo bench --bench codec` (in bench/); `python3 ratios.py` turns the results into
//! the ratio table of docs/performance.md.

use std::cell::RefCell;
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use grammers_tl_types as gr;
use grammers_tl_types::{Deserializable, Serializable};
use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::dynamic::{decode, decode_in, encode_as, from_json_str, Arena, Registry, TypeSpec};
use tgconf_spec::era::Era;
use tgconf_spec::typed::generated::era_230 as tg;
use tgconf_spec::typed::{from_bytes, to_bytes};

/// The style of a button that has one: each of the three colours, some with an icon.
fn style(i: usize) -> String {
    let colour = ["bg_primary", "bg_danger", "bg_success"][i % 3];
    if i % 2 == 0 {
        format!(r#"{{"_":"keyboardButtonStyle","{colour}":true,"icon":"{}"}}"#, 5_368_324_170_671_202_286u64 + i as u64)
    } else {
        format!(r#"{{"_":"keyboardButtonStyle","{colour}":true}}"#)
    }
}

/// The `i`-th button of a reply keyboard: the six button types in turn, every third
/// one styled.
fn keyboard_button(i: usize) -> String {
    let ty = match i % 6 {
        0 => r#"{"_":"buttonTypeDefault"}"#.to_owned(),
        1 => r#"{"_":"buttonTypeRequestPhone"}"#.to_owned(),
        2 => format!(
            r#"{{"_":"buttonTypeRequestPeer","button_id":{i},"peer_type":{{"_":"requestPeerTypeUser","bot":false,"premium":true}},"max_quantity":10}}"#
        ),
        3 => r#"{"_":"buttonTypeRequestPoll","quiz":true}"#.to_owned(),
        4 => r#"{"_":"buttonTypeRequestGeoLocation"}"#.to_owned(),
        _ => r#"{"_":"buttonTypeSimpleWebView","url":"https://example.org/app?start=menu"}"#.to_owned(),
    };
    let style = if i % 3 == 0 { format!(r#""style":{},"#, style(i)) } else { String::new() };
    format!(r#"{{"_":"keyboardButton",{style}"text":"Button {i}","type":{ty}}}"#)
}

/// The `i`-th button of an inline keyboard: seven button types in turn, every third one
/// styled.
fn inline_button(i: usize) -> String {
    let ty = match i % 7 {
        0 => format!(r#"{{"_":"inlineButtonTypeCallback","data":"{}"}}"#, hex(format!("page:{i}").as_bytes())),
        1 => r#"{"_":"inlineButtonTypeUrl","url":"https://example.org/path?x=1"}"#.to_owned(),
        2 => format!(r#"{{"_":"inlineButtonTypeCallback","requires_password":true,"data":"{}"}}"#, hex(b"delete:12345")),
        3 => r#"{"_":"inlineButtonTypeSwitchInline","same_peer":true,"query":"inline query text"}"#.to_owned(),
        4 => r#"{"_":"inlineButtonTypeCopy","copy_text":"PROMO-2026-XYZ"}"#.to_owned(),
        5 => format!(r#"{{"_":"inlineButtonTypeUserProfile","user_id":"{}"}}"#, 123_456_789 + i),
        _ => r#"{"_":"inlineButtonTypeWebView","url":"https://example.org/app"}"#.to_owned(),
    };
    let style = if i % 3 == 0 { format!(r#""style":{},"#, style(i)) } else { String::new() };
    format!(r#"{{"_":"keyboardInlineButton",{style}"text":"Button {i}","type":{ty}}}"#)
}

/// `count` buttons in rows of at most 8 (Telegram's widest row).
fn rows(count: usize, row: &str, button: fn(usize) -> String) -> String {
    let buttons: Vec<String> = (0..count).map(button).collect();
    let rows: Vec<String> = buttons
        .chunks(8)
        .map(|chunk| format!(r#"{{"_":"{row}","buttons":[{}]}}"#, chunk.join(",")))
        .collect();
    rows.join(",")
}

fn reply_keyboard(count: usize) -> String {
    format!(
        r#"{{"_":"replyKeyboardMarkup","resize":true,"single_use":true,"rows":[{}],"placeholder":"Choose…"}}"#,
        rows(count, "keyboardButtonRow", keyboard_button)
    )
}

fn inline_keyboard(count: usize) -> String {
    format!(r#"{{"_":"replyInlineMarkup","rows":[{}]}}"#, rows(count, "keyboardInlineButtonRow", inline_button))
}

fn send_bot_requested_peer(count: i64) -> String {
    let peers: Vec<String> = (0..count)
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

const CHAT_WITH_RIGHTS: &str = r#"{"_":"requestPeerTypeChat","creator":true,"has_username":true,"forum":false,
 "user_admin_rights":{"_":"chatAdminRights","change_info":true,"delete_messages":true,"ban_users":true,"invite_users":true,"pin_messages":true,"manage_topics":true},
 "bot_admin_rights":{"_":"chatAdminRights","post_messages":true,"edit_messages":true,"delete_messages":true}}"#;

const BROADCAST_WITH_RIGHTS: &str = r#"{"_":"requestPeerTypeBroadcast","has_username":false,
 "user_admin_rights":{"_":"chatAdminRights","post_messages":true,"edit_messages":true,"post_stories":true,"edit_stories":true,"delete_stories":true}}"#;

const CALLBACK_ANSWER: &str = r#"{"_":"messages.botCallbackAnswer","alert":true,"message":"You pressed the button: the order is confirmed.","cache_time":30}"#;

fn callback_query() -> String {
    let data: Vec<u8> = (0..64).map(|i| (i * 37 % 256) as u8).collect();
    format!(
        r#"{{"_":"updateBotCallbackQuery","query_id":"-1234567890123","user_id":"5000001","peer":{{"_":"peerUser","user_id":"5000001"}},"msg_id":4242,"chat_instance":"-8765432109876543210","data":"{}"}}"#,
        hex(&data)
    )
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One input: its name in the report, its TL type, its bytes.
struct Input {
    name: String,
    spec: TypeSpec,
    bytes: Vec<u8>,
}

impl Input {
    fn new(registry: &Registry, name: &str, tl_type: &str, json: &str) -> Self {
        let spec = registry.type_spec(tl_type).expect("the type is in era 230");
        let value = from_json_str(registry, &spec, json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bytes = encode_as(registry, &spec, &value).expect("encodes");
        Input { name: name.to_owned(), spec, bytes }
    }
}

/// Checks that the three codecs agree on `input`, then times each decoding and encoding.
/// `$typed` and `$grammers` are the Rust types of the input's TL type in each crate.
macro_rules! case {
    ($c:expr, $registry:expr, $input:expr, $typed:ty, $grammers:ty) => {
        case!($c, $registry, $input, $typed, $grammers, |bytes: &[u8]| <$grammers>::from_bytes(bytes))
    };
    // grammers reads a function's fields without its id: the id is checked here, so that
    // every decoder reads all the bytes.
    ($c:expr, $registry:expr, $input:expr, $typed:ty, $grammers:ty, function) => {
        case!($c, $registry, $input, $typed, $grammers, |bytes: &[u8]| {
            let (id, body) = bytes.split_at(4);
            assert_eq!(id, <$grammers as gr::Identifiable>::CONSTRUCTOR_ID.to_le_bytes());
            <$grammers>::from_bytes(body)
        })
    };
    ($c:expr, $registry:expr, $input:expr, $typed:ty, $grammers:ty, $grammers_decode:expr) => {{
        let grammers_decode = $grammers_decode;
        let registry: &Registry = $registry;
        let input: &Input = $input;
        let bytes = &input.bytes[..];
        let strict = DecodeOptions::default();

        let typed: $typed = from_bytes(bytes, strict).expect("typed decodes");
        assert_eq!(to_bytes(&typed).unwrap(), bytes, "{}: typed", input.name);
        let dynamic = decode(registry, &input.spec, bytes, strict).expect("dynamic decodes");
        assert_eq!(encode_as(registry, &input.spec, &dynamic).unwrap(), bytes, "{}: dynamic", input.name);
        let grammers: $grammers = grammers_decode(bytes).expect("grammers decodes");
        assert_eq!(grammers.to_bytes(), bytes, "{}: grammers", input.name);

        // The arena decode as the CLI and the reference adapter use it: one arena, emptied
        // before each value.
        let arena = RefCell::new(Arena::new());
        let dynamic_in = || {
            let mut arena = arena.borrow_mut();
            arena.reset();
            drop(black_box(decode_in(&arena, registry, &input.spec, black_box(bytes), strict).unwrap()));
        };
        if let Some((target, times)) = profile_request() {
            let bodies: [(&str, &str, &dyn Fn()); 8] = [
                ("decode", "tgconf typed", &|| drop(black_box(from_bytes::<$typed>(black_box(bytes), strict).unwrap()))),
                ("decode", "tgconf dynamic", &|| drop(black_box(decode(registry, &input.spec, black_box(bytes), strict).unwrap()))),
                ("decode", "tgconf dynamic (arena)", &dynamic_in),
                ("decode", "grammers-tl-types", &|| drop(black_box(grammers_decode(black_box(bytes)).unwrap()))),
                ("decode", "memcpy", &|| drop(black_box(black_box(bytes).to_vec()))),
                ("encode", "tgconf typed", &|| drop(black_box(to_bytes(black_box(&typed)).unwrap()))),
                ("encode", "tgconf dynamic", &|| drop(black_box(encode_as(registry, &input.spec, black_box(&dynamic)).unwrap()))),
                ("encode", "grammers-tl-types", &|| drop(black_box(black_box(&grammers).to_bytes()))),
            ];
            for (what, function, body) in bodies {
                if target == format!("{what}/{}/{function}", input.name) {
                    for _ in 0..times {
                        body();
                    }
                }
            }
        } else {
            let mut group = new_group($c, "decode", input);
            group.bench_function("tgconf typed", |b| b.iter(|| from_bytes::<$typed>(black_box(bytes), strict).unwrap()));
            group.bench_function("tgconf dynamic", |b| {
                b.iter(|| decode(registry, &input.spec, black_box(bytes), strict).unwrap())
            });
            group.bench_function("tgconf dynamic (arena)", |b| b.iter(dynamic_in));
            group.bench_function("grammers-tl-types", |b| b.iter(|| grammers_decode(black_box(bytes)).unwrap()));
            group.bench_function("memcpy", |b| b.iter(|| black_box(bytes).to_vec()));
            group.finish();

            let mut group = new_group($c, "encode", input);
            group.bench_function("tgconf typed", |b| b.iter(|| to_bytes(black_box(&typed)).unwrap()));
            group.bench_function("tgconf dynamic", |b| {
                b.iter(|| encode_as(registry, &input.spec, black_box(&dynamic)).unwrap())
            });
            group.bench_function("grammers-tl-types", |b| b.iter(|| black_box(&grammers).to_bytes()));
            group.finish();
        }
    }};
}

/// `TGCONF_PROFILE=decode/<input>/<function>:N` (a criterion id, e.g.
/// `decode/messages.sendBotRequestedPeer 1/tgconf typed:2000`) runs that one body N times
/// instead of benchmarking, for callgrind: subtracting a run of N from one of 2N leaves
/// the instructions of N passes, whatever the load.
fn profile_request() -> Option<(String, u32)> {
    let spec = std::env::var("TGCONF_PROFILE").ok()?;
    let (target, times) = spec.rsplit_once(':').expect("TGCONF_PROFILE=<group>/<function>:N");
    Some((target.to_owned(), times.parse().expect("N is a number")))
}

fn new_group<'c>(c: &'c mut Criterion, what: &str, input: &Input) -> BenchmarkGroup<'c, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(format!("{what}/{}", input.name));
    group.throughput(Throughput::Bytes(input.bytes.len() as u64));
    group
}

fn codec(c: &mut Criterion) {
    let registry = Registry::build(Era::L230.schema().expect("era parses")).expect("era builds");
    assert_eq!(gr::LAYER, 230);
    let r = &registry;
    let input = |name: &str, tl_type: &str, json: &str| Input::new(r, name, tl_type, json);

    let inputs = [
        input("keyboardButtonStyle", "KeyboardButtonStyle", &style(0)),
        input("keyboardButtonRow (8 mixed)", "KeyboardButtonRow", &rows(8, "keyboardButtonRow", keyboard_button)),
        input(
            "keyboardInlineButtonRow (8 mixed)",
            "KeyboardInlineButtonRow",
            &rows(8, "keyboardInlineButtonRow", inline_button),
        ),
        input("replyKeyboardMarkup 1", "ReplyMarkup", &reply_keyboard(1)),
        input("replyKeyboardMarkup 8", "ReplyMarkup", &reply_keyboard(8)),
        input("replyKeyboardMarkup 100", "ReplyMarkup", &reply_keyboard(100)),
        input("replyInlineMarkup 1", "ReplyMarkup", &inline_keyboard(1)),
        input("replyInlineMarkup 8", "ReplyMarkup", &inline_keyboard(8)),
        input("replyInlineMarkup 100", "ReplyMarkup", &inline_keyboard(100)),
        input("requestPeerTypeChat (admin rights)", "RequestPeerType", CHAT_WITH_RIGHTS),
        input("requestPeerTypeBroadcast (admin rights)", "RequestPeerType", BROADCAST_WITH_RIGHTS),
        input("messages.sendBotRequestedPeer 1", "messages.sendBotRequestedPeer", &send_bot_requested_peer(1)),
        input("messages.sendBotRequestedPeer 10", "messages.sendBotRequestedPeer", &send_bot_requested_peer(10)),
        input("messages.botCallbackAnswer", "messages.BotCallbackAnswer", CALLBACK_ANSWER),
        input("updateBotCallbackQuery (64-byte data)", "Update", &callback_query()),
    ];
    for input in &inputs {
        eprintln!("{:>6} bytes  {}", input.bytes.len(), input.name);
    }
    let [style, button_row, inline_row, kb1, kb8, kb100, in1, in8, in100, chat, broadcast, peers1, peers10, answer, query] =
        &inputs;

    case!(c, r, style, tg::enums::KeyboardButtonStyle, gr::enums::KeyboardButtonStyle);
    case!(c, r, button_row, tg::enums::KeyboardButtonRow<'_>, gr::enums::KeyboardButtonRow);
    case!(c, r, inline_row, tg::enums::KeyboardInlineButtonRow<'_>, gr::enums::KeyboardInlineButtonRow);
    for markup in [kb1, kb8, kb100, in1, in8, in100] {
        case!(c, r, markup, tg::enums::ReplyMarkup<'_>, gr::enums::ReplyMarkup);
    }
    for peer_type in [chat, broadcast] {
        case!(c, r, peer_type, tg::enums::RequestPeerType<'_>, gr::enums::RequestPeerType);
    }
    for peers in [peers1, peers10] {
        case!(
            c,
            r,
            peers,
            tg::functions::messages::SendBotRequestedPeer<'_>,
            gr::functions::messages::SendBotRequestedPeer,
            function
        );
    }
    case!(c, r, answer, tg::enums::messages::BotCallbackAnswer<'_>, gr::enums::messages::BotCallbackAnswer);
    case!(c, r, query, tg::enums::Update<'_>, gr::enums::Update);
}

criterion_group! {
    name = benches;
    // 105 functions: a shorter measurement than criterion's default keeps one run near
    // ten minutes; the intervals in the report say how precise each one is.
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .without_plots();
    targets = codec
}
criterion_main!(benches);
