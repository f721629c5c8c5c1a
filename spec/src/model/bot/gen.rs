//! Generators of markup a conforming bot may send, per layer and chat kind. Public: the TL
//! mapping and the harness draw valid keyboards from here too.
//!
//! What "valid" means here is every bot rule of the catalogue at once: at most one background
//! and never an empty style, icons only for bots allowed to use them, placeholders of 1 to 64
//! characters from the Basic Multilingual Plane (so code points and UTF-16 units agree on the
//! length), callback data of 1 to 64 bytes, each button kind only in the keyboard it belongs
//! to, request buttons only in private chats, peer-request buttons in their input form (from
//! layer 177) with in-range `max_quantity` and unique `button_id`s, create-bot requests
//! managed and asking for no details, and no `selective` flag in private chats.
//!
//! `keyboardButtonUserProfile` and `keyboardButtonCopy` are generated in inline keyboards
//! only (their Bot API counterparts exist only there, and from layer 229 only the inline form
//! exists), although before 229 the schema would let them into reply keyboards. Game and buy
//! buttons are generated like the others; a real server accepts them only on a game or an
//! invoice message, which the model does not distinguish from a text message.

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::model::admin_rights::AdminRights;
use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::chat::ChatKind;
use crate::model::markup::{Markup, ReplyKeyboard};
use crate::model::peer_type::PeerType;
use crate::model::style::Style;
use crate::model::tl;

/// Characters for visible strings: ASCII and a few BMP letters and symbols, so byte length,
/// code points and UTF-16 units differ between the first and agree between the last two.
pub const TEXT_CHARS: &[char] = &[
    'a', 'b', 'k', 'z', 'A', 'Q', '0', '7', ' ', '-', 'é', 'ß', 'Ж', 'я', '中', '→', '✓',
];

/// A layer's first: keyboardButtonRequestPeer carries max_quantity.
const MAX_QUANTITY_FROM: u32 = 169;
/// A layer's first: bots send inputKeyboardButtonRequestPeer, with the *_requested flags.
const INPUT_REQUEST_PEER_FROM: u32 = 177;
/// A layer's first: keyboardButtonCopy exists.
const COPY_FROM: u32 = 188;
/// A layer's first: buttons carry a style.
const STYLE_FROM: u32 = 222;
/// A layer's first: requestPeerTypeCreateBot exists, and chatAdminRights names all its bits.
const CREATE_BOT_FROM: u32 = 224;

/// A string of 1 to `max` characters of [`TEXT_CHARS`].
pub fn text(max: usize) -> BoxedStrategy<String> {
    vec(select(TEXT_CHARS), 1..=max)
        .prop_map(String::from_iter)
        .boxed()
}

/// A placeholder: 1 to 64 characters, never empty.
pub fn placeholder() -> BoxedStrategy<String> {
    text(64)
}

/// Callback data: 1 to 64 arbitrary bytes.
pub fn callback_data() -> BoxedStrategy<Vec<u8>> {
    vec(any::<u8>(), 1..=64).boxed()
}

fn url() -> BoxedStrategy<String> {
    (0u32..1000)
        .prop_map(|n| format!("https://example.com/p/{n}"))
        .boxed()
}

/// A style a conforming bot may attach, or none: one background or none, an icon only when
/// the bot may use icons, never an empty style.
pub fn style(layer: u32, can_use_icons: bool) -> BoxedStrategy<Option<Style>> {
    if layer < STYLE_FROM {
        return Just(None).boxed();
    }
    let icon = if can_use_icons {
        option::of(1i64..i64::MAX).boxed()
    } else {
        Just(None).boxed()
    };
    (0usize..4, icon)
        .prop_map(|(background, icon)| {
            let style = Style {
                bg_primary: background == 1,
                bg_danger: background == 2,
                bg_success: background == 3,
                icon,
            };
            (!style.is_empty()).then_some(style)
        })
        .boxed()
}

fn admin_rights(layer: u32) -> BoxedStrategy<AdminRights> {
    // The rights the layer has and the model names; none at a layer without an era.
    let mask = tl::admin_rights_at(layer).map_or(0, |rights| rights.0);
    any::<u32>()
        .prop_map(move |bits| AdminRights(bits & mask & AdminRights::all().0))
        .boxed()
}

/// `requestPeerTypeUser`.
pub fn user_peer_type() -> BoxedStrategy<PeerType> {
    (option::of(any::<bool>()), option::of(any::<bool>()))
        .prop_map(|(bot, premium)| PeerType::User { bot, premium })
        .boxed()
}

/// `requestPeerTypeChat`, with administrator rights of `layer`.
pub fn chat_peer_type(layer: u32) -> BoxedStrategy<PeerType> {
    let rights = || option::of(admin_rights(layer));
    (
        any::<bool>(),
        any::<bool>(),
        option::of(any::<bool>()),
        option::of(any::<bool>()),
        rights(),
        rights(),
    )
        .prop_map(
            |(
                creator,
                bot_participant,
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
        )
        .boxed()
}

/// `requestPeerTypeBroadcast`, with administrator rights of `layer`.
pub fn broadcast_peer_type(layer: u32) -> BoxedStrategy<PeerType> {
    let rights = || option::of(admin_rights(layer));
    (any::<bool>(), option::of(any::<bool>()), rights(), rights())
        .prop_map(
            |(creator, has_username, user_admin_rights, bot_admin_rights)| PeerType::Broadcast {
                creator,
                has_username,
                user_admin_rights,
                bot_admin_rights,
            },
        )
        .boxed()
}

/// `requestPeerTypeCreateBot` (layer 224+), always managed, maybe with suggestions.
pub fn create_bot_peer_type() -> BoxedStrategy<PeerType> {
    (
        option::of(text(16)),
        option::of(vec(select(&['a', 'k', 'z', '0', '_'][..]), 1..=8)),
    )
        .prop_map(|(suggested_name, username)| PeerType::CreateBot {
            bot_managed: true,
            suggested_name,
            suggested_username: username.map(|chars| format!("x{}bot", String::from_iter(chars))),
        })
        .boxed()
}

/// What a peer-request button may ask for at `layer`.
pub fn peer_type(layer: u32) -> BoxedStrategy<PeerType> {
    if layer < CREATE_BOT_FROM {
        return prop_oneof![
            user_peer_type(),
            chat_peer_type(layer),
            broadcast_peer_type(layer)
        ]
        .boxed();
    }
    prop_oneof![
        user_peer_type(),
        chat_peer_type(layer),
        broadcast_peer_type(layer),
        create_bot_peer_type()
    ]
    .boxed()
}

/// A peer-request button for `peer_type`, as a conforming bot sends it. Its `button_id` is 0:
/// [`number_peer_requests`] makes the IDs of a keyboard unique.
pub fn request_peer(layer: u32, peer_type: BoxedStrategy<PeerType>) -> BoxedStrategy<ButtonKind> {
    let max_users = if layer >= MAX_QUANTITY_FROM { 10 } else { 1 };
    (peer_type, 1..=max_users, any::<[bool; 3]>())
        .prop_map(move |(peer_type, users, [name, username, photo])| {
            let input = layer >= INPUT_REQUEST_PEER_FROM;
            let details = input && !peer_type.is_create_bot();
            let max_quantity = if matches!(peer_type, PeerType::User { .. }) {
                users
            } else {
                1
            };
            ButtonKind::RequestPeer(RequestPeerButton {
                button_id: 0,
                peer_type,
                max_quantity,
                name_requested: details && name,
                username_requested: details && username,
                photo_requested: details && photo,
                input,
            })
        })
        .boxed()
}

/// Gives the peer-request buttons of `markup` the IDs `first`, `first + 1`, … in reading order.
pub fn number_peer_requests(mut markup: Markup, first: i32) -> Markup {
    let rows = match &mut markup {
        Markup::Keyboard(keyboard) => &mut keyboard.rows,
        Markup::Inline { rows } => rows,
        Markup::Hide { .. } | Markup::ForceReply { .. } => return markup,
    };
    let mut next = first;
    for button in rows.iter_mut().flatten() {
        if let ButtonKind::RequestPeer(request) = &mut button.kind {
            request.button_id = next;
            next = next.wrapping_add(1);
        }
    }
    markup
}

/// Button kinds that belong in inline keyboards.
pub fn inline_kind(layer: u32) -> BoxedStrategy<ButtonKind> {
    let mut kinds = vec![
        url().prop_map(|url| ButtonKind::Url { url }).boxed(),
        (callback_data(), any::<bool>())
            .prop_map(|(data, requires_password)| ButtonKind::Callback {
                data,
                requires_password,
            })
            .boxed(),
        (option::of(text(16)), any::<bool>())
            .prop_map(|(query, same_peer)| ButtonKind::SwitchInline {
                query: query.unwrap_or_default(),
                same_peer,
            })
            .boxed(),
        Just(ButtonKind::Game).boxed(),
        Just(ButtonKind::Buy).boxed(),
        // The bot-side form (inputKeyboardButtonUrlAuth) has no button ID: the server gives one.
        url()
            .prop_map(|url| ButtonKind::UrlAuth {
                url,
                button_id: 0,
                input: true,
            })
            .boxed(),
        url().prop_map(|url| ButtonKind::WebView { url }).boxed(),
        (1i64..1 << 40)
            .prop_map(|user_id| ButtonKind::UserProfile { user_id })
            .boxed(),
    ];
    if layer >= COPY_FROM {
        kinds.push(
            text(32)
                .prop_map(|copy_text| ButtonKind::Copy { copy_text })
                .boxed(),
        );
    }
    proptest::strategy::Union::new(kinds).boxed()
}

/// Button kinds that belong in reply keyboards of a chat of `chat_kind`: the request buttons
/// only in private chats.
pub fn reply_kind(layer: u32, chat_kind: ChatKind) -> BoxedStrategy<ButtonKind> {
    let mut kinds = vec![
        (4, Just(ButtonKind::Text).boxed()),
        (
            1,
            url()
                .prop_map(|url| ButtonKind::SimpleWebView { url })
                .boxed(),
        ),
    ];
    if chat_kind == ChatKind::Private {
        kinds.extend([
            (1, Just(ButtonKind::RequestPhone).boxed()),
            (1, Just(ButtonKind::RequestGeoLocation).boxed()),
            (
                1,
                option::of(any::<bool>())
                    .prop_map(|quiz| ButtonKind::RequestPoll { quiz })
                    .boxed(),
            ),
            (2, request_peer(layer, peer_type(layer))),
        ]);
    }
    proptest::strategy::Union::new_weighted(kinds).boxed()
}

/// A button of one of `kinds`, with a text and maybe a style.
pub fn button(
    layer: u32,
    can_use_icons: bool,
    kinds: BoxedStrategy<ButtonKind>,
) -> BoxedStrategy<Button> {
    (text(12), style(layer, can_use_icons), kinds)
        .prop_map(|(text, style, kind)| Button { text, style, kind })
        .boxed()
}

/// 1 to 3 rows of 1 to 3 buttons, with `forced` (if any) at a random place.
fn rows(
    buttons: BoxedStrategy<Button>,
    forced: Option<BoxedStrategy<Button>>,
) -> BoxedStrategy<Vec<Vec<Button>>> {
    let rows = vec(vec(buttons, 1..=3), 1..=3);
    match forced {
        None => rows.boxed(),
        Some(forced) => (rows, forced, any::<Index>(), any::<Index>())
            .prop_map(|(mut rows, forced, row, column)| {
                let row = row.get_mut(&mut rows);
                let at = column.index(row.len() + 1);
                row.insert(at, forced);
                rows
            })
            .boxed(),
    }
}

/// Whether a conforming bot may set `selective` in a chat of this kind (not in private
/// chats, where it has no one to select).
fn selective(chat_kind: ChatKind) -> BoxedStrategy<bool> {
    if chat_kind == ChatKind::Private {
        Just(false).boxed()
    } else {
        any::<bool>().boxed()
    }
}

/// An inline keyboard, containing `forced` when given.
pub fn inline_markup(
    layer: u32,
    can_use_icons: bool,
    forced: Option<BoxedStrategy<Button>>,
) -> BoxedStrategy<Markup> {
    rows(button(layer, can_use_icons, inline_kind(layer)), forced)
        .prop_map(|rows| Markup::Inline { rows })
        .boxed()
}

/// A reply keyboard for a chat of `chat_kind`, containing `forced` when given.
pub fn reply_keyboard(
    layer: u32,
    chat_kind: ChatKind,
    can_use_icons: bool,
    forced: Option<BoxedStrategy<Button>>,
) -> BoxedStrategy<Markup> {
    let rows = rows(
        button(layer, can_use_icons, reply_kind(layer, chat_kind)),
        forced,
    );
    (
        rows,
        any::<[bool; 3]>(),
        selective(chat_kind),
        option::of(placeholder()),
        0i32..100,
    )
        .prop_map(
            |(rows, [resize, single_use, persistent], selective, placeholder, first_id)| {
                let keyboard = ReplyKeyboard {
                    rows,
                    resize,
                    single_use,
                    selective,
                    persistent,
                    placeholder,
                };
                number_peer_requests(Markup::Keyboard(keyboard), first_id)
            },
        )
        .boxed()
}

/// `replyKeyboardHide`.
pub fn hide(chat_kind: ChatKind) -> BoxedStrategy<Markup> {
    selective(chat_kind)
        .prop_map(|selective| Markup::Hide { selective })
        .boxed()
}

/// `replyKeyboardForceReply`.
pub fn force_reply(chat_kind: ChatKind) -> BoxedStrategy<Markup> {
    (
        any::<bool>(),
        selective(chat_kind),
        option::of(placeholder()),
    )
        .prop_map(|(single_use, selective, placeholder)| Markup::ForceReply {
            single_use,
            selective,
            placeholder,
        })
        .boxed()
}

/// Any markup a conforming bot may send at `layer` to a chat of `chat_kind`.
pub fn valid_markup(layer: u32, chat_kind: ChatKind, can_use_icons: bool) -> BoxedStrategy<Markup> {
    prop_oneof![
        3 => inline_markup(layer, can_use_icons, None),
        3 => reply_keyboard(layer, chat_kind, can_use_icons, None),
        1 => hide(chat_kind),
        1 => force_reply(chat_kind),
    ]
    .boxed()
}

#[cfg(test)]
mod tests {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    use super::*;
    use crate::model::bot::markup_rules::{check_markup, Target};

    /// Every generated markup passes every markup rule, in every chat kind and a spread of
    /// layers, with and without icons.
    #[test]
    fn valid_markups_break_no_rule() {
        let mut runner = TestRunner::deterministic();
        for layer in [152, 158, 169, 177, 188, 222, 224, 228, 229, 230] {
            for chat_kind in [
                ChatKind::Private,
                ChatKind::BasicGroup,
                ChatKind::Supergroup,
            ] {
                for can_use_icons in [false, true] {
                    let strategy = valid_markup(layer, chat_kind, can_use_icons);
                    for _ in 0..40 {
                        let markup = strategy.new_tree(&mut runner).expect("generates").current();
                        let target = Target {
                            layer,
                            chat_kind: Some(chat_kind),
                            can_use_icons,
                        };
                        let violations = check_markup(&target, &markup, "markup");
                        assert!(
                            violations.is_empty(),
                            "layer {layer}, {chat_kind:?}: {violations:?} in {markup:?}"
                        );
                    }
                }
            }
        }
    }
}
