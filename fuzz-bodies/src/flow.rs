//! The input of the session targets (`flow`, `adapter`): a client session read from
//! arbitrary bytes through [`arbitrary::Arbitrary`], so that every byte string is a session
//! and the fuzzer's mutations change its structure (an input more, a button less) rather
//! than break a format.
//!
//! The picks below are small on purpose: ids, chats, texts and answers come from short
//! lists (as in the model's generators, `tgconf_spec::model::client::gen`), so presses hit
//! received messages, selections hit offered peers and answers hit pending calls. Unlike
//! the generators, any button kind may sit in any markup and any peer type at any layer:
//! the reference must cope with what a bot or server really sends.

use arbitrary::{Arbitrary, Unstructured};

use tgconf_spec::era::{FIRST_LAYER, LAST_LAYER};
use tgconf_spec::model::admin_rights::AdminRights;
use tgconf_spec::model::answer::CallbackAnswer;
use tgconf_spec::model::button::{Button, ButtonKind, RequestPeerButton};
use tgconf_spec::model::call::{Outcome, Reply, RpcError};
use tgconf_spec::model::chat::{ChatKind, Message, MessageOrigin};
use tgconf_spec::model::client::gen::{
    BOT, DATA_BYTES, FIRST_CREATED_BOT, FIRST_PEER, GROUP, ME, OTHER_USER, REQ_IDS, URLS, WORDS,
};
use tgconf_spec::model::client::session::{
    BOT_CREATE_LIMIT_EXCEEDED, BOT_RESPONSE_TIMEOUT, MANAGED_BOTS_LAYER,
};
use tgconf_spec::model::client::{ClientInput, ClientSession, ClientSetup, ClientTrace};
use tgconf_spec::model::markup::{Markup, ReplyKeyboard};
use tgconf_spec::model::peer::{PeerInfo, PeerKind};
use tgconf_spec::model::peer_type::PeerType;
use tgconf_spec::model::style::Style;
use tgconf_spec::model::tl::{FromTl, ToTl, FIRST_STYLE_LAYER};
use tgconf_spec::model::trace::record;

/// The most inputs a session has: longer byte strings are cut there, so one input costs
/// microseconds and the fuzzer explores breadth.
pub const MAX_STEPS: usize = 64;
const MAX_PEERS: usize = 8;
const MAX_ROWS: usize = 4;
const MAX_COLUMNS: usize = 4;

/// A basic group the user is in, where selective markups apply to everyone.
const BASIC_GROUP: i64 = -300;

const BOT_NAMES: [&str; 4] = [
    "Weather",
    "Помощник 🤖",
    "",
    "A very long bot name that goes on and on past sixty-four characters",
];
const BOT_USERNAMES: [&str; 5] = [
    "weather_bot",
    "HelperBot",
    "bot",
    "no_suffix",
    "bad-name_bot",
];
const ERRORS: [(i32, &str); 6] = [
    (400, BOT_RESPONSE_TIMEOUT),
    (-503, "Timeout"),
    (400, "PASSWORD_MISSING"),
    (400, BOT_CREATE_LIMIT_EXCEEDED),
    (400, "USERNAME_OCCUPIED"),
    (400, "WEBAPP_REQ_ID_INVALID"),
];
const SECONDS: [u32; 8] = [0, 1, 4, 5, 29, 30, 31, 3600];
const CACHE_TIMES: [i32; 5] = [0, 0, 5, 30, 3600];

/// The start of an input: the layer, the setup, how many peers follow; then the peers,
/// then one [`Action`] after another until the bytes run out. (Not a `Vec`, whose
/// `Arbitrary` reads a continue-bit before each element: half of the random byte strings
/// would end after the first input.)
#[derive(Debug, Default, Arbitrary)]
struct Header {
    layer: u8,
    has_password: bool,
    peer_count: u8,
}

#[derive(Debug, Arbitrary)]
struct PeerPick {
    kind: u8,
    /// username, photo, premium, creator, forum, deactivated, bot is a member
    flags: u8,
    my_rights: Option<u8>,
    bot_rights: Option<u8>,
}

#[derive(Debug, Arbitrary)]
enum Action {
    Receive {
        place: u8,
        msg_id: u8,
        origin: u8,
        /// Whom a selective markup targets in a group: 0 the user by mention, 1 the user
        /// by reply, otherwise someone else.
        target: u8,
        markup: Option<MarkupPick>,
    },
    Press {
        chat: u8,
        msg_id: u8,
        row: u8,
        column: u8,
    },
    Reopen {
        chat: u8,
    },
    Hide {
        chat: u8,
    },
    Select {
        peers: Vec<u8>,
    },
    Cancel,
    Submit {
        name: u8,
        username: u8,
    },
    MiniApp {
        req_id: u8,
    },
    Advance {
        seconds: u8,
    },
    Result(OutcomePick),
}

#[derive(Debug, Arbitrary)]
enum MarkupPick {
    Keyboard {
        rows: Vec<Vec<ButtonPick>>,
        /// resize, single use, selective, persistent, placeholder
        flags: u8,
    },
    Inline {
        rows: Vec<Vec<ButtonPick>>,
    },
    Hide {
        selective: bool,
    },
    ForceReply {
        single_use: bool,
        selective: bool,
        placeholder: bool,
    },
}

#[derive(Debug, Arbitrary)]
struct ButtonPick {
    text: u8,
    style: Option<u8>,
    kind: KindPick,
}

#[derive(Debug, Arbitrary)]
enum KindPick {
    Text,
    Url(u8),
    Callback {
        data: Vec<u8>,
        requires_password: bool,
    },
    SwitchInline {
        query: u8,
        same_peer: bool,
    },
    Game,
    Buy,
    RequestPhone,
    RequestPeer(RequestPeerPick),
    WebView(u8),
    UserProfile,
    Copy,
}

#[derive(Debug, Arbitrary)]
struct RequestPeerPick {
    button_id: u8,
    peer_type: PeerTypePick,
    max_quantity: i8,
}

#[derive(Debug, Arbitrary)]
enum PeerTypePick {
    User {
        bot: Option<bool>,
        premium: Option<bool>,
    },
    Chat {
        creator: bool,
        bot_participant: bool,
        has_username: Option<bool>,
        forum: Option<bool>,
        user_admin_rights: Option<u8>,
        bot_admin_rights: Option<u8>,
    },
    Broadcast {
        creator: bool,
        has_username: Option<bool>,
        user_admin_rights: Option<u8>,
        bot_admin_rights: Option<u8>,
    },
    CreateBot {
        suggested_name: Option<u8>,
        suggested_username: Option<u8>,
    },
}

#[derive(Debug, Arbitrary)]
enum OutcomePick {
    Done,
    Bool(bool),
    Answer {
        /// alert, native UI
        flags: u8,
        message: Option<u8>,
        url: Option<u8>,
        cache_time: u8,
    },
    CreatedBot(u8),
    Button(ButtonPick),
    Error(u8),
}

/// Which sessions [`session`] spells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Any: a markup or answer its layer has no TL form for too (the `flow` target: the
    /// reference must cope with whatever the model can hold).
    Any,
    /// Only what the session's layer can carry in TL (the `adapter` target: the process
    /// protocol sends TL objects, and a session it cannot send tests nothing). What the
    /// layer cannot carry is replaced by the nearest thing it can: no style, one peer, a
    /// plain button, a `Done` answer.
    Layer,
}

/// The session `data` spells: its layer, setup and inputs. Every byte string spells one
/// (`arbitrary` reads zeros past the end).
pub fn session(data: &[u8], fit: Fit) -> (u32, ClientSetup, Vec<ClientInput>) {
    let mut u = Unstructured::new(data);
    let header = Header::arbitrary(&mut u).unwrap_or_default();
    let layer = FIRST_LAYER + u32::from(header.layer) % (LAST_LAYER - FIRST_LAYER + 1);
    let mut peers = Vec::new();
    for id in (FIRST_PEER..).take(usize::from(header.peer_count) % (MAX_PEERS + 1)) {
        let Ok(pick_) = PeerPick::arbitrary(&mut u) else {
            break;
        };
        peers.push(peer(&pick_, id));
    }
    let setup = ClientSetup {
        me: ME,
        has_password: header.has_password,
        peers,
    };
    let mut inputs = Vec::new();
    while !u.is_empty() && inputs.len() < MAX_STEPS {
        let Ok(action) = Action::arbitrary(&mut u) else {
            break;
        };
        let input = client_input(&action);
        inputs.push(match fit {
            Fit::Any => input,
            Fit::Layer => fit_input(layer, input),
        });
    }
    (layer, setup, inputs)
}

/// The reference client's own trace of the session `data` spells.
pub fn reference_trace(data: &[u8], fit: Fit) -> ClientTrace {
    let (layer, setup, inputs) = session(data, fit);
    record::<ClientSession>(layer, setup, inputs)
}

fn pick<T: Copy>(list: &[T], index: u8) -> T {
    list[usize::from(index) % list.len()]
}

fn word(index: u8) -> String {
    pick(&WORDS, index).to_owned()
}

fn bit(flags: u8, n: u8) -> bool {
    flags & 1 << n != 0
}

/// The rights the peer filters look at (change_info, invite_users, add_admins,
/// manage_topics) from the low four bits, as the generators draw them.
fn rights(bits: u8) -> AdminRights {
    AdminRights(
        [0, 5, 9, 13]
            .iter()
            .enumerate()
            .filter(|(i, _)| bit(bits, *i as u8))
            .fold(0, |acc, (_, b)| acc | 1 << b),
    )
}

/// A peer as a server describes it: the flags that only make sense for some kinds are
/// kept to those kinds (a server never sends a premium channel).
fn peer(pick_: &PeerPick, id: i64) -> PeerInfo {
    let kinds = [
        PeerKind::User,
        PeerKind::Bot,
        PeerKind::BasicGroup,
        PeerKind::Supergroup,
        PeerKind::Channel,
        PeerKind::SecretChat,
    ];
    let kind = pick(&kinds, pick_.kind);
    let flag = |n| bit(pick_.flags, n);
    PeerInfo {
        id,
        kind,
        name: format!("{kind:?}"),
        username: flag(0).then(|| "public_name".to_owned()),
        has_photo: flag(1),
        premium: flag(2) && kind.is_user(),
        creator: flag(3) && !kind.is_user(),
        my_rights: pick_.my_rights.map(rights).filter(|_| !kind.is_user()),
        forum: flag(4) && kind == PeerKind::Supergroup,
        deactivated: flag(5) && kind == PeerKind::BasicGroup,
        bot_is_member: flag(6) && kind.is_group(),
        bot_rights: pick_.bot_rights.map(rights).filter(|_| !kind.is_user()),
    }
}

fn chat(index: u8) -> i64 {
    pick(&[BOT, GROUP, BASIC_GROUP], index)
}

/// Message ids 1 to 4: few enough that presses and replacements hit.
fn msg_id(index: u8) -> i32 {
    i32::from(index % 4) + 1
}

fn client_input(action: &Action) -> ClientInput {
    match action {
        Action::Receive {
            place,
            msg_id: id,
            origin,
            target,
            markup: m,
        } => ClientInput::Receive {
            message: message(*place, *id, *origin, *target, m.as_ref()),
        },
        Action::Press {
            chat: c,
            msg_id: id,
            row,
            column,
        } => ClientInput::Press {
            chat: chat(*c),
            msg_id: msg_id(*id),
            row: usize::from(*row) % MAX_ROWS,
            column: usize::from(*column) % MAX_COLUMNS,
        },
        Action::Reopen { chat: c } => ClientInput::ReopenKeyboard { chat: chat(*c) },
        Action::Hide { chat: c } => ClientInput::HideKeyboard { chat: chat(*c) },
        Action::Select { peers } => ClientInput::SelectPeers {
            // Two ids past the setup's peers: a client must ignore peers it did not offer.
            peers: peers
                .iter()
                .take(MAX_PEERS)
                .map(|p| FIRST_PEER + i64::from(p % 10))
                .collect(),
        },
        Action::Cancel => ClientInput::Cancel,
        Action::Submit { name, username } => ClientInput::SubmitBot {
            name: pick(&BOT_NAMES, *name).to_owned(),
            username: pick(&BOT_USERNAMES, *username).to_owned(),
        },
        Action::MiniApp { req_id } => ClientInput::MiniAppRequestChat {
            bot: BOT,
            req_id: pick(&REQ_IDS, *req_id).to_owned(),
        },
        Action::Advance { seconds } => ClientInput::Advance {
            seconds: pick(&SECONDS, *seconds),
        },
        Action::Result(outcome_pick) => ClientInput::Result {
            outcome: outcome(outcome_pick),
        },
    }
}

fn message(place: u8, id: u8, origin: u8, target: u8, markup_pick: Option<&MarkupPick>) -> Message {
    let chat_ = chat(place);
    let (chat_kind, for_me, by_reply) = match chat_ {
        BOT => (ChatKind::Private, true, false),
        GROUP => (ChatKind::Supergroup, target != 2, target == 1),
        _ => (ChatKind::BasicGroup, target != 2, target == 1),
    };
    let addressee = if for_me { ME } else { OTHER_USER };
    let (mentions, reply_to_sender) = match (chat_kind, by_reply) {
        (ChatKind::Private, _) => (vec![], None),
        (_, true) => (vec![], Some(addressee)),
        (_, false) => (vec![addressee], None),
    };
    let origin = match origin % 3 {
        0 => MessageOrigin::Bot,
        1 => MessageOrigin::ViaInline,
        _ => MessageOrigin::Business {
            connection_id: "conn".to_owned(),
        },
    };
    Message {
        chat: chat_,
        chat_kind,
        msg_id: msg_id(id),
        bot: BOT,
        origin,
        mentions,
        reply_to_sender,
        markup: markup_pick.map(markup),
    }
}

fn rows(picks: &[Vec<ButtonPick>]) -> Vec<Vec<Button>> {
    picks
        .iter()
        .take(MAX_ROWS)
        .map(|row| row.iter().take(MAX_COLUMNS).map(button).collect())
        .collect()
}

fn markup(pick_: &MarkupPick) -> Markup {
    match pick_ {
        MarkupPick::Keyboard { rows: r, flags } => Markup::Keyboard(ReplyKeyboard {
            rows: rows(r),
            resize: bit(*flags, 0),
            single_use: bit(*flags, 1),
            selective: bit(*flags, 2),
            persistent: bit(*flags, 3),
            placeholder: bit(*flags, 4).then(|| "Choose".to_owned()),
        }),
        MarkupPick::Inline { rows: r } => Markup::Inline { rows: rows(r) },
        MarkupPick::Hide { selective } => Markup::Hide {
            selective: *selective,
        },
        MarkupPick::ForceReply {
            single_use,
            selective,
            placeholder,
        } => Markup::ForceReply {
            single_use: *single_use,
            selective: *selective,
            placeholder: placeholder.then(|| "Reply".to_owned()),
        },
    }
}

/// A button: at most one background colour, as a server sends it.
fn button(pick_: &ButtonPick) -> Button {
    let style = pick_.style.map(|s| Style {
        bg_primary: s % 4 == 1,
        bg_danger: s % 4 == 2,
        bg_success: s % 4 == 3,
        icon: bit(s, 2).then_some(i64::from(s >> 3) + 1),
    });
    Button {
        text: word(pick_.text),
        style,
        kind: kind(&pick_.kind),
    }
}

fn kind(pick_: &KindPick) -> ButtonKind {
    match pick_ {
        KindPick::Text => ButtonKind::Text,
        KindPick::Url(u) => ButtonKind::Url {
            url: pick(&URLS, *u).to_owned(),
        },
        KindPick::Callback {
            data,
            requires_password,
        } => ButtonKind::Callback {
            // 1 to 3 bytes from a small alphabet, so that buttons share data.
            data: std::iter::once(0)
                .chain(data.iter().copied())
                .take(3)
                .map(|b| pick(&DATA_BYTES, b))
                .collect(),
            requires_password: *requires_password,
        },
        KindPick::SwitchInline { query, same_peer } => ButtonKind::SwitchInline {
            query: word(*query),
            same_peer: *same_peer,
        },
        KindPick::Game => ButtonKind::Game,
        KindPick::Buy => ButtonKind::Buy,
        KindPick::RequestPhone => ButtonKind::RequestPhone,
        KindPick::RequestPeer(p) => ButtonKind::RequestPeer(request_peer(p)),
        KindPick::WebView(u) => ButtonKind::WebView {
            url: pick(&URLS, *u).to_owned(),
        },
        KindPick::UserProfile => ButtonKind::UserProfile {
            user_id: OTHER_USER,
        },
        KindPick::Copy => ButtonKind::Copy {
            copy_text: "code".to_owned(),
        },
    }
}

fn request_peer(pick_: &RequestPeerPick) -> RequestPeerButton {
    let opt_rights = |r: &Option<u8>| r.map(rights);
    let peer_type = match &pick_.peer_type {
        PeerTypePick::User { bot, premium } => PeerType::User {
            bot: *bot,
            premium: *premium,
        },
        PeerTypePick::Chat {
            creator,
            bot_participant,
            has_username,
            forum,
            user_admin_rights,
            bot_admin_rights,
        } => PeerType::Chat {
            creator: *creator,
            bot_participant: *bot_participant,
            has_username: *has_username,
            forum: *forum,
            user_admin_rights: opt_rights(user_admin_rights),
            bot_admin_rights: opt_rights(bot_admin_rights),
        },
        PeerTypePick::Broadcast {
            creator,
            has_username,
            user_admin_rights,
            bot_admin_rights,
        } => PeerType::Broadcast {
            creator: *creator,
            has_username: *has_username,
            user_admin_rights: opt_rights(user_admin_rights),
            bot_admin_rights: opt_rights(bot_admin_rights),
        },
        PeerTypePick::CreateBot {
            suggested_name,
            suggested_username,
        } => PeerType::CreateBot {
            bot_managed: true,
            suggested_name: suggested_name.map(|n| pick(&["Weather", "Помощник"], n).to_owned()),
            suggested_username: suggested_username
                .map(|n| pick(&["weather_bot", "HelperBot"], n).to_owned()),
        },
    };
    RequestPeerButton {
        button_id: i32::from(pick_.button_id % 4),
        peer_type,
        // -1 to 4: values below 1 occur in the wild.
        max_quantity: i32::from(pick_.max_quantity).rem_euclid(6) - 1,
        name_requested: false,
        username_requested: false,
        photo_requested: false,
        input: false,
    }
}

fn outcome(pick_: &OutcomePick) -> Outcome {
    match pick_ {
        OutcomePick::Done => Ok(Reply::Done),
        OutcomePick::Bool(value) => Ok(Reply::Bool { value: *value }),
        OutcomePick::Answer {
            flags,
            message,
            url,
            cache_time,
        } => {
            let message = message.map(word);
            let url = url.map(|u| pick(&URLS, u).to_owned());
            Ok(Reply::BotCallbackAnswer {
                answer: CallbackAnswer {
                    alert: bit(*flags, 0) && message.is_some(),
                    native_ui: bit(*flags, 1),
                    has_url: url.is_some(),
                    message,
                    url,
                    cache_time: pick(&CACHE_TIMES, *cache_time),
                },
            })
        }
        OutcomePick::CreatedBot(n) => Ok(Reply::CreatedBot {
            bot_id: FIRST_CREATED_BOT + i64::from(n % 3),
        }),
        OutcomePick::Button(b) => Ok(Reply::Button { button: button(b) }),
        OutcomePick::Error(e) => {
            let (code, message) = pick(&ERRORS, *e);
            Err(RpcError::new(code, message))
        }
    }
}

/// Whether `layer` has a TL form for `value` that reads back as `value`.
fn carried<T: ToTl + FromTl + PartialEq>(layer: u32, value: &T) -> bool {
    value
        .to_tl(layer)
        .is_ok_and(|tl| T::from_tl(&tl, layer).is_ok_and(|back| back == *value))
}

fn fit_input(layer: u32, input: ClientInput) -> ClientInput {
    match input {
        ClientInput::Receive { mut message } => {
            message.markup = message
                .markup
                .map(|m| fit_markup(layer, m))
                .filter(|m| carried(layer, m));
            ClientInput::Receive { message }
        }
        ClientInput::Result { outcome } => ClientInput::Result {
            outcome: fit_outcome(layer, outcome),
        },
        other => other,
    }
}

fn fit_markup(layer: u32, mut markup: Markup) -> Markup {
    if carried(layer, &markup) {
        return markup;
    }
    match &mut markup {
        Markup::Keyboard(keyboard) => keyboard
            .rows
            .iter_mut()
            .flatten()
            .for_each(|b| fit_button(layer, b, Family::Reply)),
        Markup::Inline { rows } => rows
            .iter_mut()
            .flatten()
            .for_each(|b| fit_button(layer, b, Family::Inline)),
        Markup::Hide { .. } | Markup::ForceReply { .. } => {}
    }
    markup
}

/// The rows a button sits in: from layer 229 each has its own button types.
#[derive(Clone, Copy)]
enum Family {
    Reply,
    Inline,
}

fn fit_button(layer: u32, button: &mut Button, family: Family) {
    if layer < FIRST_STYLE_LAYER {
        button.style = None;
    }
    if let ButtonKind::RequestPeer(request) = &mut button.kind {
        if request.peer_type.is_create_bot() && layer < MANAGED_BOTS_LAYER {
            request.peer_type = PeerType::User {
                bot: None,
                premium: None,
            };
        }
        if !carried(
            layer,
            &Markup::Keyboard(one_button_keyboard(button.clone())),
        ) {
            // Before multi-peer requests: one peer.
            if let ButtonKind::RequestPeer(request) = &mut button.kind {
                request.max_quantity = 1;
            }
        }
    }
    let alone = match family {
        Family::Reply => Markup::Keyboard(one_button_keyboard(button.clone())),
        Family::Inline => Markup::Inline {
            rows: vec![vec![button.clone()]],
        },
    };
    if !carried(layer, &alone) {
        button.kind = match family {
            Family::Reply => ButtonKind::Text,
            Family::Inline => ButtonKind::Callback {
                data: vec![b'a'],
                requires_password: false,
            },
        };
    }
}

fn one_button_keyboard(button: Button) -> ReplyKeyboard {
    ReplyKeyboard {
        rows: vec![vec![button]],
        resize: false,
        single_use: false,
        selective: false,
        persistent: false,
        placeholder: None,
    }
}

fn fit_outcome(layer: u32, outcome: Outcome) -> Outcome {
    let outcome = match outcome {
        Ok(Reply::Button { mut button }) => {
            fit_button(layer, &mut button, Family::Reply);
            Ok(Reply::Button { button })
        }
        other => other,
    };
    if carried(layer, &outcome) {
        outcome
    } else {
        Ok(Reply::Done)
    }
}

/// Seeds for the session targets: byte strings from a fixed pseudo-random sequence, kept
/// when they spell a long session (at least `min_steps` inputs), so that the fuzzer starts
/// from sessions that reach deep states rather than from empty ones.
pub fn seeds(count: usize, min_steps: usize) -> Vec<Vec<u8>> {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        // splitmix64
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut out = Vec::new();
    while out.len() < count {
        let len = 32 + (next() % 992) as usize;
        let bytes: Vec<u8> = (0..len).map(|_| next() as u8).collect();
        if session(&bytes, Fit::Any).2.len() >= min_steps {
            out.push(bytes);
        }
    }
    out
}
