//! Generators of client inputs: peers, buttons, markups, messages, answers and outcomes, and
//! whole random input sequences. Values are small and drawn from short lists, so a case costs
//! microseconds.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use crate::model::admin_rights::AdminRights;
use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::{Outcome, Reply, RpcError};
use crate::model::chat::{ChatKind, Message, MessageOrigin};
use crate::model::markup::{Markup, ReplyKeyboard};
use crate::model::peer::{PeerInfo, PeerKind};
use crate::model::peer_type::PeerType;
use crate::model::style::Style;
use crate::model::tl;

use super::session::{BOT_CREATE_LIMIT_EXCEEDED, BOT_RESPONSE_TIMEOUT, MANAGED_BOTS_LAYER};
use super::{ClientInput, ClientSetup};

/// The current user.
pub const ME: i64 = 1;
/// The bot the cases talk to; its private chat with the user has the bot's ID.
pub const BOT: i64 = 100;
/// A group the user and the bot are in.
pub const GROUP: i64 = -200;
/// Another member of the group.
pub const OTHER_USER: i64 = 2;
/// The first ID of the peers in the setup.
pub const FIRST_PEER: i64 = 1000;
/// The first ID bots.createBot returns.
pub const FIRST_CREATED_BOT: i64 = 5000;

pub fn layer() -> impl Strategy<Value = u32> {
    152u32..=230
}

pub fn layer_from(first: u32) -> impl Strategy<Value = u32> {
    first..=230
}

/// A valid style, only where styles exist.
pub fn style(layer: u32) -> BoxedStrategy<Option<Style>> {
    if layer < 222 {
        return Just(None).boxed();
    }
    prop_oneof![
        Just(None),
        (0..3usize, proptest::option::of(1i64..5)).prop_map(|(colour, icon)| Some(Style {
            bg_primary: colour == 0,
            bg_danger: colour == 1,
            bg_success: colour == 2,
            icon
        })),
    ]
    .boxed()
}

/// Button texts: short, repeated ones (so buttons collide), non-Latin and an emoji.
pub const WORDS: [&str; 8] = [
    "yes",
    "no",
    "Help",
    "Settings",
    "Back",
    "Start over",
    "Погода",
    "🎲",
];
/// URLs: external ones and internal URIs in both cases.
pub const URLS: [&str; 5] = [
    "https://example.com/a",
    "http://example.org/",
    "tg://resolve?domain=durov",
    "TG://settings",
    "https://t.me/example",
];
/// The alphabet of callback data.
pub const DATA_BYTES: [u8; 4] = [b'a', b'b', 0, 0xff];
/// Mini App request IDs, long enough to survive a truncating bug visibly.
pub const REQ_IDS: [&str; 3] = ["req-Alpha-0001", "req-Beta-00002", "rq_gamma_3_xyz"];

pub fn word() -> impl Strategy<Value = String> + Clone {
    select(&WORDS[..]).prop_map(str::to_owned)
}

fn button(layer: u32, kind: impl Strategy<Value = ButtonKind>) -> impl Strategy<Value = Button> {
    (word(), style(layer), kind).prop_map(|(text, style, kind)| Button { text, style, kind })
}

pub fn text_button(layer: u32) -> impl Strategy<Value = Button> {
    button(layer, Just(ButtonKind::Text))
}

pub fn url() -> impl Strategy<Value = String> + Clone {
    select(&URLS[..]).prop_map(str::to_owned)
}

/// Callback data: 1 to 8 bytes from a small alphabet, so two buttons often share data.
pub fn data() -> impl Strategy<Value = Vec<u8>> + Clone {
    vec(select(&DATA_BYTES[..]), 1..=3)
}

/// A button of an inline keyboard that a client acts on observably; a copy button only at
/// layers that have one (188 on).
pub fn inline_button(layer: u32) -> impl Strategy<Value = Button> {
    let copy = ButtonKind::Copy {
        copy_text: "code".to_owned(),
    };
    let copy_exists = tl::button::to_tl(
        &Button {
            text: "x".to_owned(),
            style: None,
            kind: copy.clone(),
        },
        layer,
        tl::Row::Inline,
    )
    .is_ok();
    let mut kinds = vec![
        (
            3,
            (data(), any::<bool>())
                .prop_map(|(data, requires_password)| ButtonKind::Callback {
                    data,
                    requires_password,
                })
                .boxed(),
        ),
        (1, Just(ButtonKind::Game).boxed()),
        (1, url().prop_map(|url| ButtonKind::Url { url }).boxed()),
        (
            1,
            (word(), any::<bool>())
                .prop_map(|(query, same_peer)| ButtonKind::SwitchInline { query, same_peer })
                .boxed(),
        ),
    ];
    if copy_exists {
        kinds.push((1, Just(copy).boxed()));
    }
    button(layer, proptest::strategy::Union::new_weighted(kinds))
}

pub fn rights() -> impl Strategy<Value = AdminRights> {
    // change_info, invite_users, add_admins, manage_topics: the rights the filters look at.
    (0u32..16).prop_map(|bits| {
        AdminRights([0, 5, 9, 13].iter().enumerate().fold(0, |acc, (i, bit)| {
            if bits & 1 << i != 0 {
                acc | 1 << bit
            } else {
                acc
            }
        }))
    })
}

/// A peer the user can see, of any kind and with any properties (its ID is set later).
pub fn peer() -> impl Strategy<Value = PeerInfo> {
    let kind = select(
        &[
            PeerKind::User,
            PeerKind::Bot,
            PeerKind::BasicGroup,
            PeerKind::Supergroup,
            PeerKind::Channel,
            PeerKind::SecretChat,
        ][..],
    );
    (
        kind,
        any::<[bool; 7]>(),
        proptest::option::of(rights()),
        proptest::option::of(rights()),
    )
        .prop_map(
            |(
                kind,
                [username, photo, premium, creator, forum, deactivated, member],
                my_rights,
                bot_rights,
            )| PeerInfo {
                id: 0,
                kind,
                name: format!("{kind:?}"),
                username: username.then(|| "public_name".to_owned()),
                has_photo: photo,
                premium: premium && kind.is_user(),
                creator: creator && !kind.is_user(),
                my_rights: my_rights.filter(|_| !kind.is_user()),
                forum: forum && kind == PeerKind::Supergroup,
                deactivated: deactivated && kind == PeerKind::BasicGroup,
                bot_is_member: member && kind.is_group(),
                bot_rights: bot_rights.filter(|_| !kind.is_user()),
            },
        )
}

/// Numbers the peers from [`FIRST_PEER`].
pub fn numbered(peers: Vec<PeerInfo>) -> Vec<PeerInfo> {
    peers
        .into_iter()
        .zip(FIRST_PEER..)
        .map(|(peer, id)| PeerInfo { id, ..peer })
        .collect()
}

pub fn setup() -> impl Strategy<Value = ClientSetup> {
    (any::<bool>(), vec(peer(), 0..8)).prop_map(|(has_password, peers)| ClientSetup {
        me: ME,
        has_password,
        peers: numbered(peers),
    })
}

fn tri() -> impl Strategy<Value = Option<bool>> {
    proptest::option::of(any::<bool>())
}

/// Any request type that exists at `layer`.
pub fn peer_type(layer: u32) -> BoxedStrategy<PeerType> {
    let user = (tri(), tri()).prop_map(|(bot, premium)| PeerType::User { bot, premium });
    let chat = (
        any::<[bool; 2]>(),
        tri(),
        tri(),
        proptest::option::of(rights()),
        proptest::option::of(rights()),
    )
        .prop_map(
            |(
                [creator, bot_participant],
                has_username,
                forum,
                user_admin_rights,
                bot_admin_rights,
            )| PeerType::Chat {
                creator,
                bot_participant,
                has_username,
                forum,
                user_admin_rights,
                bot_admin_rights,
            },
        );
    let broadcast = (
        any::<bool>(),
        tri(),
        proptest::option::of(rights()),
        proptest::option::of(rights()),
    )
        .prop_map(
            |(creator, has_username, user_admin_rights, bot_admin_rights)| PeerType::Broadcast {
                creator,
                has_username,
                user_admin_rights,
                bot_admin_rights,
            },
        );
    if layer < MANAGED_BOTS_LAYER {
        prop_oneof![user, chat, broadcast].boxed()
    } else {
        prop_oneof![user, chat, broadcast, create_bot()].boxed()
    }
}

pub fn create_bot() -> impl Strategy<Value = PeerType> {
    (
        proptest::option::of(select(&["Weather", "Помощник"][..])),
        proptest::option::of(select(&["weather_bot", "HelperBot"][..])),
    )
        .prop_map(|(name, username)| PeerType::CreateBot {
            bot_managed: true,
            suggested_name: name.map(str::to_owned),
            suggested_username: username.map(str::to_owned),
        })
}

/// A peer-request button as users receive it: max_quantity only from layer 169, where
/// values below 1 occur too.
pub fn request_peer(
    layer: u32,
    peer_type: impl Strategy<Value = PeerType>,
) -> impl Strategy<Value = RequestPeerButton> {
    let max = if layer < 169 {
        Just(1).boxed()
    } else {
        (-1i32..=4).boxed()
    };
    (0i32..4, peer_type, max).prop_map(|(button_id, peer_type, max_quantity)| RequestPeerButton {
        button_id,
        peer_type,
        max_quantity,
        name_requested: false,
        username_requested: false,
        photo_requested: false,
        input: false,
    })
}

pub fn request_peer_button(
    layer: u32,
    peer_type: impl Strategy<Value = PeerType>,
) -> impl Strategy<Value = Button> {
    button(
        layer,
        request_peer(layer, peer_type).prop_map(ButtonKind::RequestPeer),
    )
}

/// A reply keyboard of `buttons` in one to three rows, with random flags.
pub fn reply_keyboard(
    buttons: impl Strategy<Value = Vec<Button>>,
) -> impl Strategy<Value = ReplyKeyboard> {
    (
        buttons,
        1usize..=3,
        any::<[bool; 4]>(),
        proptest::option::of(select(&["Choose", "Ответ"][..])),
    )
        .prop_map(
            |(buttons, per_row, [resize, single_use, selective, persistent], placeholder)| {
                ReplyKeyboard {
                    rows: buttons.chunks(per_row).map(<[Button]>::to_vec).collect(),
                    resize,
                    single_use,
                    selective,
                    persistent,
                    placeholder: placeholder.map(str::to_owned),
                }
            },
        )
}

pub fn inline_markup(layer: u32) -> impl Strategy<Value = Markup> {
    vec(vec(inline_button(layer), 1..=3), 1..=2).prop_map(|rows| Markup::Inline { rows })
}

/// Any markup a bot may send at `layer`.
pub fn markup(layer: u32) -> BoxedStrategy<Markup> {
    let reply_buttons = vec(
        prop_oneof![3 => text_button(layer), 1 => request_peer_button(layer, peer_type(layer))],
        1..=4,
    );
    prop_oneof![
        3 => reply_keyboard(reply_buttons).prop_map(Markup::Keyboard),
        2 => inline_markup(layer),
        1 => any::<bool>().prop_map(|selective| Markup::Hide { selective }),
        1 => (any::<[bool; 2]>(), proptest::option::of(Just("Reply".to_owned()))).prop_map(|([single_use, selective], placeholder)| Markup::ForceReply { single_use, selective, placeholder }),
    ]
    .boxed()
}

/// A message of the bot in its private chat with the user.
pub fn private_message(msg_id: i32, markup: Option<Markup>) -> Message {
    Message {
        chat: BOT,
        chat_kind: ChatKind::Private,
        msg_id,
        bot: BOT,
        origin: MessageOrigin::Bot,
        mentions: vec![],
        reply_to_sender: None,
        markup,
    }
}

/// A message of the bot in the group; `for_me` decides whether a selective markup targets
/// the user (by a mention or by replying to them) or someone else.
pub fn group_message(msg_id: i32, markup: Option<Markup>, for_me: bool, by_reply: bool) -> Message {
    let target = if for_me { ME } else { OTHER_USER };
    let (mentions, reply_to_sender) = if by_reply {
        (vec![], Some(target))
    } else {
        (vec![target], None)
    };
    Message {
        chat: GROUP,
        chat_kind: ChatKind::Supergroup,
        msg_id,
        bot: BOT,
        origin: MessageOrigin::Bot,
        mentions,
        reply_to_sender,
        markup,
    }
}

/// A message in the private chat or the group (targeting the user or not), from any origin
/// that exists at `layer`.
pub fn message(
    layer: u32,
    msg_id: impl Strategy<Value = i32>,
    markup: impl Strategy<Value = Option<Markup>>,
) -> impl Strategy<Value = Message> {
    let origins = if layer >= 177 { 3 } else { 2 };
    (msg_id, markup, 0..3u8, any::<[bool; 2]>(), 0..origins).prop_map(
        |(msg_id, markup, place, [for_me, by_reply], origin)| {
            let mut message = if place == 0 {
                group_message(msg_id, markup, for_me, by_reply)
            } else {
                private_message(msg_id, markup)
            };
            message.origin = match origin {
                0 => MessageOrigin::Bot,
                1 => MessageOrigin::ViaInline,
                _ => MessageOrigin::Business {
                    connection_id: "conn".to_owned(),
                },
            };
            message
        },
    )
}

pub fn answer() -> impl Strategy<Value = CallbackAnswer> {
    (
        any::<[bool; 2]>(),
        proptest::option::of(word()),
        proptest::option::of(url()),
        select(&[0, 0, 5, 30, 3600][..]),
    )
        .prop_map(
            |([alert, native_ui], message, url, cache_time)| CallbackAnswer {
                alert: alert && message.is_some(),
                native_ui,
                has_url: url.is_some(),
                message,
                url,
                cache_time,
            },
        )
}

pub fn error() -> impl Strategy<Value = RpcError> {
    select(
        &[
            (400, BOT_RESPONSE_TIMEOUT),
            (-503, "Timeout"),
            (400, "PASSWORD_MISSING"),
            (400, BOT_CREATE_LIMIT_EXCEEDED),
            (400, "USERNAME_OCCUPIED"),
            (400, "WEBAPP_REQ_ID_INVALID"),
        ][..],
    )
    .prop_map(|(code, message)| RpcError::new(code, message))
}

/// Any outcome, of any call.
pub fn outcome(layer: u32) -> impl Strategy<Value = Outcome> {
    let button = prop_oneof![
        request_peer_button(layer, peer_type(layer)),
        inline_button(layer)
    ];
    prop_oneof![
        2 => Just(Ok(Reply::Done)),
        1 => any::<bool>().prop_map(|value| Ok(Reply::Bool { value })),
        2 => answer().prop_map(|answer| Ok(Reply::BotCallbackAnswer { answer })),
        1 => (0i64..3).prop_map(|n| Ok(Reply::CreatedBot { bot_id: FIRST_CREATED_BOT + n })),
        1 => button.prop_map(|button| Ok(Reply::Button { button })),
        2 => error().prop_map(Err),
    ]
}

/// A Mini App request ID ([`REQ_IDS`]).
pub fn req_id() -> impl Strategy<Value = String> + Clone {
    select(&REQ_IDS[..]).prop_map(str::to_owned)
}

/// Bot names and usernames a user may type, valid or not.
pub fn bot_form() -> impl Strategy<Value = (String, String)> {
    let names = select(
        &[
            "Weather",
            "Помощник 🤖",
            "",
            "A very long bot name that goes on and on past sixty-four characters",
        ][..],
    );
    let usernames = select(
        &[
            "weather_bot",
            "HelperBot",
            "bot",
            "no_suffix",
            "bad-name_bot",
        ][..],
    );
    (names, usernames).prop_map(|(name, username)| (name.to_owned(), username.to_owned()))
}

/// Any input, aimed at the private chat and the group with a few message IDs, so presses
/// often hit a received message.
pub fn input(layer: u32) -> impl Strategy<Value = ClientInput> {
    let chat = select(&[BOT, GROUP][..]);
    prop_oneof![
        4 => message(layer, 1i32..4, proptest::option::of(markup(layer))).prop_map(|message| ClientInput::Receive { message }),
        5 => (chat.clone(), 1i32..4, 0usize..2, 0usize..3).prop_map(|(chat, msg_id, row, column)| ClientInput::Press { chat, msg_id, row, column }),
        1 => chat.clone().prop_map(|chat| ClientInput::ReopenKeyboard { chat }),
        1 => chat.prop_map(|chat| ClientInput::HideKeyboard { chat }),
        2 => vec(FIRST_PEER..FIRST_PEER + 8, 0..3).prop_map(|peers| ClientInput::SelectPeers { peers }),
        1 => Just(ClientInput::Cancel),
        1 => bot_form().prop_map(|(name, username)| ClientInput::SubmitBot { name, username }),
        1 => req_id().prop_map(|req_id| ClientInput::MiniAppRequestChat { bot: BOT, req_id }),
        2 => select(&[0u32, 1, 4, 5, 29, 30, 31, 3600][..]).prop_map(|seconds| ClientInput::Advance { seconds }),
        4 => outcome(layer).prop_map(|outcome| ClientInput::Result { outcome }),
    ]
}

/// A whole session's inputs at a random layer.
pub fn session() -> impl Strategy<Value = (u32, ClientSetup, Vec<ClientInput>)> {
    layer().prop_flat_map(|layer| (Just(layer), setup(), vec(input(layer), 0..24)))
}
