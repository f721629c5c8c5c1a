//! The generated world of the server's properties: a few users and bots, a group and a
//! channel, and messages of every origin with callback, game and peer-request buttons. What
//! varies is what the rules look at: usernames and photos of shareable peers, callback data,
//! the timeout, the bot limit, and the peer-request button itself.

use std::ops::RangeInclusive;

use proptest::collection::vec;
use proptest::prelude::*;

use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::chat::{ChatKind, Message, MessageOrigin};
use crate::model::markup::{Markup, ReplyKeyboard};
use crate::model::peer::{PeerInfo, PeerKind};
use crate::model::peer_type::PeerType;

use super::{Game, ServerSetup};

/// A user with a 2FA password.
pub const ALICE: i64 = 101;
/// A user without a 2FA password.
pub const BOB: i64 = 102;
/// A user with a 2FA password who types it wrong.
pub const CAROL: i64 = 103;
/// A business account: its chats with customers hold the bot's business messages.
pub const DAVE: i64 = 104;
/// Users that can be shared.
pub const SHAREABLE: [i64; 3] = [111, 112, 113];
/// A manager bot with a username and a game.
pub const SHOP_BOT: i64 = 201;
pub const SHOP_BOT_USERNAME: &str = "shop_bot";
pub const SHOP_GAME: &str = "tetris";
/// A bot that may not manage bots.
pub const HELPER_BOT: i64 = 202;
pub const HELPER_BOT_USERNAME: &str = "helper_bot";
pub const GROUP: i64 = 301;
pub const CHANNEL: i64 = 302;
/// No peer has this ID.
pub const NOBODY: i64 = 999;

/// The message in the private chat with the shop bot: a callback, a password and a game button.
pub const PRIVATE_MSG: i32 = 10;
/// The shop bot's own message in the group, with a callback button.
pub const GROUP_MSG: i32 = 11;
/// A message sent in the group via the shop bot's inline mode: a callback and a game button.
pub const INLINE_MSG: i32 = 12;
/// A business message of the shop bot in the business account's chat.
pub const BUSINESS_MSG: i32 = 13;
/// The shop bot's reply keyboard: a peer-request button and a create-bot button.
pub const KEYBOARD_MSG: i32 = 20;
pub const CREATE_BOT_BUTTON: i32 = 99;
pub const BUSINESS_CONNECTION: &str = "conn-1";

/// The first layer with `max_quantity`: before it a button shares one peer.
const MAX_QUANTITY_FROM: u32 = 169;
/// The first layer with the bot-side `inputKeyboardButtonRequestPeer` (and its `*_requested`
/// flags): before it a bot sends the plain `keyboardButtonRequestPeer`.
const INPUT_REQUEST_PEER_FROM: u32 = 177;
/// The first layer with `requestPeerTypeCreateBot`.
const CREATE_BOT_FROM: u32 = 224;

/// What varies from case to case.
#[derive(Debug, Clone)]
pub struct Variation {
    /// Per shareable user: (username, has_photo).
    pub shareable: [(Option<String>, bool); 3],
    /// Callback data of the plain and of the password button (distinct by their prefix).
    pub data: Vec<u8>,
    pub password_data: Vec<u8>,
    pub callback_timeout: u32,
    pub bot_limit: u32,
    /// The reply to the business message's sender, when it is a reply.
    pub business_reply_to: Option<i64>,
}

prop_compose! {
    pub fn variation()(
        usernames in proptest::array::uniform3(proptest::option::of("[a-z]{3,8}")),
        photos in any::<[bool; 3]>(),
        data in vec(any::<u8>(), 0..6),
        password_data in vec(any::<u8>(), 0..6),
        callback_timeout in 1u32..=30,
        bot_limit in 1u32..=20,
        business_reply_to in proptest::option::of(Just(ALICE)),
    ) -> Variation {
        let [a, b, c] = usernames;
        let shareable = [(a, photos[0]), (b, photos[1]), (c, photos[2])];
        let data = [b"buy:".as_slice(), &data].concat();
        let password_data = [b"pay:".as_slice(), &password_data].concat();
        Variation { shareable, data, password_data, callback_timeout, bot_limit, business_reply_to }
    }
}

/// A peer-request button of the shop bot's keyboard (never the create-bot one): users, or one
/// chat or channel.
pub fn request_button() -> impl Strategy<Value = RequestPeerButton> {
    let peer_type = prop_oneof![
        3 => (1i32..=3).prop_map(|max| (PeerType::User { bot: None, premium: None }, max)),
        1 => Just((PeerType::Chat { creator: false, bot_participant: false, has_username: None, forum: None, user_admin_rights: None, bot_admin_rights: None }, 1)),
        1 => Just((PeerType::Broadcast { creator: false, has_username: None, user_admin_rights: None, bot_admin_rights: None }, 1)),
    ];
    (1i32..=50, peer_type, any::<[bool; 3]>()).prop_map(
        |(button_id, (peer_type, max_quantity), [name, username, photo])| RequestPeerButton {
            button_id,
            peer_type,
            max_quantity,
            name_requested: name,
            username_requested: username,
            photo_requested: photo,
            input: true,
        },
    )
}

/// A layer of `layers` and a peer-request button of the shop bot's keyboard as the bot could
/// send it at that layer.
pub fn layer_and_request(
    layers: RangeInclusive<u32>,
) -> impl Strategy<Value = (u32, RequestPeerButton)> {
    (layers, request_button()).prop_map(|(layer, button)| (layer, sent_at(layer, button)))
}

/// `button` in the form a bot can send at `layer`: without the `*_requested` flags before the
/// bot-side constructor, and for one peer before `max_quantity`.
fn sent_at(layer: u32, button: RequestPeerButton) -> RequestPeerButton {
    let button = if layer < INPUT_REQUEST_PEER_FROM {
        RequestPeerButton {
            input: false,
            name_requested: false,
            username_requested: false,
            photo_requested: false,
            ..button
        }
    } else {
        button
    };
    if layer < MAX_QUANTITY_FROM {
        RequestPeerButton {
            max_quantity: 1,
            ..button
        }
    } else {
        button
    }
}

/// Peers a button of `peer_type` may share, picked by `choice`, at most `max`.
pub fn pick_peers(peer_type: &PeerType, max: i32, choice: &[bool; 3]) -> Vec<i64> {
    match peer_type {
        PeerType::User { .. } => {
            let picked: Vec<i64> = SHAREABLE
                .iter()
                .zip(choice)
                .filter(|(_, &take)| take)
                .map(|(id, _)| *id)
                .take(max.max(1) as usize)
                .collect();
            if picked.is_empty() {
                vec![SHAREABLE[0]]
            } else {
                picked
            }
        }
        PeerType::Chat { .. } => vec![GROUP],
        PeerType::Broadcast { .. } => vec![CHANNEL],
        // Only the bot the user just created answers this one.
        PeerType::CreateBot { .. } => Vec::new(),
    }
}

/// The create-bot button of the shop bot's keyboard.
pub fn create_bot_button() -> RequestPeerButton {
    RequestPeerButton {
        button_id: CREATE_BOT_BUTTON,
        peer_type: PeerType::CreateBot {
            bot_managed: true,
            suggested_name: None,
            suggested_username: None,
        },
        max_quantity: 1,
        name_requested: false,
        username_requested: false,
        photo_requested: false,
        input: true,
    }
}

fn peer(id: i64, kind: PeerKind, name: &str, username: Option<&str>, has_photo: bool) -> PeerInfo {
    PeerInfo {
        id,
        kind,
        name: name.to_owned(),
        username: username.map(str::to_owned),
        has_photo,
        premium: false,
        creator: false,
        my_rights: None,
        forum: false,
        deactivated: false,
        bot_is_member: false,
        bot_rights: None,
    }
}

fn button(text: &str, kind: ButtonKind) -> Button {
    Button {
        text: text.to_owned(),
        style: None,
        kind,
    }
}

fn message(
    chat: i64,
    chat_kind: ChatKind,
    msg_id: i32,
    origin: MessageOrigin,
    reply_to_sender: Option<i64>,
    markup: Markup,
) -> Message {
    Message {
        chat,
        chat_kind,
        msg_id,
        bot: SHOP_BOT,
        origin,
        mentions: Vec::new(),
        reply_to_sender,
        markup: Some(markup),
    }
}

/// The world of one case at `layer`, with `request` as the keyboard's peer-request button
/// (and the create-bot button beside it from the layer that has one).
pub fn world(layer: u32, variation: &Variation, request: &RequestPeerButton) -> ServerSetup {
    let mut peers = vec![
        peer(ALICE, PeerKind::User, "Alice", Some("alice"), true),
        peer(BOB, PeerKind::User, "Bob", None, false),
        peer(CAROL, PeerKind::User, "Carol", Some("carol"), false),
        peer(
            DAVE,
            PeerKind::User,
            "Dave's Shop",
            Some("daves_shop"),
            true,
        ),
        peer(
            SHOP_BOT,
            PeerKind::Bot,
            "Shop",
            Some(SHOP_BOT_USERNAME),
            true,
        ),
        peer(
            HELPER_BOT,
            PeerKind::Bot,
            "Helper",
            Some(HELPER_BOT_USERNAME),
            false,
        ),
        peer(GROUP, PeerKind::Supergroup, "Buyers", Some("buyers"), true),
        peer(CHANNEL, PeerKind::Channel, "News", None, false),
    ];
    for (index, (id, (username, has_photo))) in
        SHAREABLE.iter().zip(&variation.shareable).enumerate()
    {
        peers.push(peer(
            *id,
            PeerKind::User,
            &format!("Friend {index}"),
            username.as_deref(),
            *has_photo,
        ));
    }
    let callback = |data: &[u8], requires_password| {
        button(
            "press",
            ButtonKind::Callback {
                data: data.to_vec(),
                requires_password,
            },
        )
    };
    let inline = |rows: Vec<Button>| Markup::Inline { rows: vec![rows] };
    let mut row = vec![button("share", ButtonKind::RequestPeer(request.clone()))];
    if layer >= CREATE_BOT_FROM {
        row.push(button(
            "new bot",
            ButtonKind::RequestPeer(create_bot_button()),
        ));
    }
    let keyboard = Markup::Keyboard(ReplyKeyboard {
        rows: vec![row],
        resize: false,
        single_use: false,
        selective: false,
        persistent: false,
        placeholder: None,
    });
    let messages = vec![
        message(
            SHOP_BOT,
            ChatKind::Private,
            PRIVATE_MSG,
            MessageOrigin::Bot,
            None,
            inline(vec![
                callback(&variation.data, false),
                callback(&variation.password_data, true),
                button("play", ButtonKind::Game),
            ]),
        ),
        message(
            GROUP,
            ChatKind::Supergroup,
            GROUP_MSG,
            MessageOrigin::Bot,
            None,
            inline(vec![callback(&variation.data, false)]),
        ),
        message(
            GROUP,
            ChatKind::Supergroup,
            INLINE_MSG,
            MessageOrigin::ViaInline,
            None,
            inline(vec![
                callback(&variation.data, false),
                button("play", ButtonKind::Game),
            ]),
        ),
        message(
            DAVE,
            ChatKind::Private,
            BUSINESS_MSG,
            MessageOrigin::Business {
                connection_id: BUSINESS_CONNECTION.to_owned(),
            },
            variation.business_reply_to,
            inline(vec![callback(&variation.data, false)]),
        ),
        message(
            SHOP_BOT,
            ChatKind::Private,
            KEYBOARD_MSG,
            MessageOrigin::Bot,
            None,
            keyboard,
        ),
    ];
    ServerSetup {
        peers,
        with_password: vec![ALICE, CAROL],
        messages,
        callback_timeout: variation.callback_timeout,
        manager_bots: vec![SHOP_BOT],
        owned_bots: vec![(BOB, variation.bot_limit)],
        bot_limit: variation.bot_limit,
        games: vec![Game {
            bot: SHOP_BOT,
            short_name: SHOP_GAME.to_owned(),
            messages: vec![(SHOP_BOT, PRIVATE_MSG), (GROUP, INLINE_MSG)],
        }],
        mistyped_password: vec![CAROL],
    }
}
