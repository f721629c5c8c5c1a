//! Whole bot traces: a fixed cast (the bot, one user, a group, a supergroup), random traffic
//! (sends of valid markup, callback queries of the three kinds, other updates, time, call
//! results) around a focus the caller chooses, recorded with the reference bot.

use std::ops::RangeInclusive;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::model::button::{Button, ButtonKind};
use crate::model::call::{Call, Reply};
use crate::model::chat::{ChatKind, Message, MessageOrigin};
use crate::model::markup::Markup;
use crate::model::subject::Subject;
use crate::model::trace::{Session, Step, Trace};
use crate::model::update::{Action, RequestedPeer, Update};

use super::gen::{callback_data, text, valid_markup};
use super::session::BotSession;
use super::{BotChat, BotInput, BotSetup, BotTrace};

/// The bot's user ID.
pub const BOT: i64 = 5_000_000_001;
/// The user; their private chat with the bot has the same ID.
pub const USER: i64 = 100;
pub const GROUP: i64 = -200;
pub const SUPERGROUP: i64 = -1_000_000_300;

const KINDS: [ChatKind; 3] = [
    ChatKind::Private,
    ChatKind::BasicGroup,
    ChatKind::Supergroup,
];

/// The layer from which the bot receives messageActionRequestedPeerSentMe.
const SENT_ME_FROM: u32 = 177;
/// The layer from which managed bots exist.
const MANAGED_BOTS_FROM: u32 = 224;

/// A focus: the inputs a property needs, given the layer and whether the bot may use icons.
pub type Focus = fn(u32, bool) -> BoxedStrategy<Vec<BotInput>>;

pub fn setup(can_use_icons: bool) -> BotSetup {
    let chats = KINDS
        .iter()
        .map(|&kind| BotChat {
            id: chat_id(kind),
            kind,
        })
        .collect();
    BotSetup {
        bot: BOT,
        can_use_icons,
        chats,
    }
}

/// The chat of the setup that has this kind.
pub fn chat_id(kind: ChatKind) -> i64 {
    match kind {
        ChatKind::Private => USER,
        ChatKind::BasicGroup => GROUP,
        ChatKind::Supergroup => SUPERGROUP,
    }
}

/// A group or a supergroup.
pub fn group_kind() -> BoxedStrategy<ChatKind> {
    select(&KINDS[1..]).boxed()
}

/// The program asks to send `markup` to the chat of `chat_kind`.
pub fn send(chat_kind: ChatKind, markup: BoxedStrategy<Markup>) -> BoxedStrategy<BotInput> {
    (text(20), markup)
        .prop_map(move |(text, markup)| BotInput::Send {
            chat: chat_id(chat_kind),
            text,
            markup,
        })
        .boxed()
}

/// A send of any valid markup to any chat of the setup.
pub fn any_send(layer: u32, can_use_icons: bool) -> BoxedStrategy<BotInput> {
    select(&KINDS[..])
        .prop_flat_map(move |kind| send(kind, valid_markup(layer, kind, can_use_icons)))
        .boxed()
}

/// Exactly one of data and a game short name, as the server sends them.
fn data_or_game(game: bool) -> BoxedStrategy<(Option<Vec<u8>>, Option<String>)> {
    if game {
        vec(select(&['a', 'q', 'z', '_', '2'][..]), 1..=10)
            .prop_map(|name| (None, Some(String::from_iter(name))))
            .boxed()
    } else {
        callback_data().prop_map(|data| (Some(data), None)).boxed()
    }
}

/// A callback query about a button the bot sent itself or via inline mode; `game` chooses a
/// game button. Its `query_id` is 0 until [`trace`] numbers the queries.
pub fn callback_query(game: bool) -> BoxedStrategy<BotInput> {
    let plain = (select(&KINDS[..]), 1..100_000i32, data_or_game(game)).prop_map(
        |(kind, msg_id, (data, game_short_name))| Update::BotCallbackQuery {
            query_id: 0,
            user_id: USER,
            peer: chat_id(kind),
            msg_id,
            data,
            game_short_name,
        },
    );
    let inline = (any::<u32>(), data_or_game(game)).prop_map(|(n, (data, game_short_name))| {
        Update::InlineBotCallbackQuery {
            query_id: 0,
            user_id: USER,
            // `inputBotInlineMessageID` in the TL mapping's form "{dc_id}_{id}_{access_hash}".
            inline_msg_id: format!("2_{n}_{}", !i64::from(n)),
            data,
            game_short_name,
        }
    });
    prop_oneof![plain, inline]
        .prop_map(|update| BotInput::Update { update })
        .boxed()
}

/// A callback query from a message the bot sent through a business connection (always with
/// data: the update has no game field).
pub fn business_query() -> BoxedStrategy<BotInput> {
    (1..100_000i32, callback_data())
        .prop_map(|(msg_id, data)| {
            let connection_id = "business-1".to_owned();
            let button = Button {
                text: "ok".to_owned(),
                style: None,
                kind: ButtonKind::Callback {
                    data: data.clone(),
                    requires_password: false,
                },
            };
            let message = Message {
                chat: USER,
                chat_kind: ChatKind::Private,
                msg_id,
                bot: BOT,
                origin: MessageOrigin::Business {
                    connection_id: connection_id.clone(),
                },
                mentions: Vec::new(),
                reply_to_sender: None,
                markup: Some(Markup::Inline {
                    rows: vec![vec![button]],
                }),
            };
            let update = Update::BusinessBotCallbackQuery {
                query_id: 0,
                user_id: USER,
                connection_id,
                message: Box::new(message),
                data: Some(data),
            };
            BotInput::Update { update }
        })
        .boxed()
}

/// A callback query of any of the three kinds.
pub fn any_query() -> BoxedStrategy<BotInput> {
    prop_oneof![2 => callback_query(false), 1 => callback_query(true), 1 => business_query()]
        .boxed()
}

/// Updates that ask nothing of the bot: a peer shared with it, a managed bot created.
fn other_update(layer: u32) -> BoxedStrategy<BotInput> {
    let shared =
        (0i32..100, 1i64..1 << 40, option::of(text(10))).prop_map(move |(button_id, id, name)| {
            let action = if layer >= SENT_ME_FROM {
                Action::RequestedPeerSentMe {
                    button_id,
                    peers: vec![RequestedPeer {
                        id,
                        name,
                        username: None,
                        has_photo: false,
                    }],
                }
            } else {
                Action::RequestedPeer {
                    button_id,
                    peers: vec![id],
                }
            };
            BotInput::Update {
                update: Update::ServiceMessage {
                    chat: USER,
                    from: USER,
                    action,
                },
            }
        });
    if layer < MANAGED_BOTS_FROM {
        return shared.boxed();
    }
    let managed = (1i64..1 << 40).prop_map(|bot_id| BotInput::Update {
        update: Update::ManagedBot { bot_id },
    });
    prop_oneof![shared, managed].boxed()
}

/// One input of random traffic. A `Result` is a placeholder: [`trace`] gives it the outcome
/// of the oldest waiting call, or drops it when no call waits.
fn background_input(layer: u32, can_use_icons: bool) -> BoxedStrategy<BotInput> {
    prop_oneof![
        3 => any_send(layer, can_use_icons),
        3 => any_query(),
        1 => other_update(layer),
        2 => (1u32..=60).prop_map(|seconds| BotInput::Advance { seconds }),
        3 => Just(BotInput::Result { outcome: Ok(Reply::Done) }),
    ]
    .boxed()
}

/// Traces at a layer of `layers` with random traffic around `focus`; `can_use_icons` fixes
/// the setup's flag, or leaves it random when `None`.
pub fn trace(
    layers: RangeInclusive<u32>,
    can_use_icons: Option<bool>,
    focus: Focus,
) -> BoxedStrategy<Subject> {
    let icons = match can_use_icons {
        Some(flag) => Just(flag).boxed(),
        None => any::<bool>().boxed(),
    };
    (layers, icons)
        .prop_flat_map(move |(layer, icons)| {
            let background = vec(background_input(layer, icons), 0..=4);
            (
                Just(layer),
                Just(icons),
                background,
                focus(layer, icons),
                any::<Index>(),
                1i64..1 << 62,
            )
        })
        .prop_map(|(layer, icons, mut inputs, focus, at, first_query)| {
            let at = at.index(inputs.len() + 1);
            inputs.splice(at..at, focus);
            Subject::Bot(run(
                layer,
                setup(icons),
                number_queries(inputs, first_query),
            ))
        })
        .boxed()
}

/// Gives the callback queries the IDs `first`, `first + 1`, … in order.
fn number_queries(mut inputs: Vec<BotInput>, first: i64) -> Vec<BotInput> {
    let mut next = first;
    for input in &mut inputs {
        if let BotInput::Update {
            update:
                Update::BotCallbackQuery { query_id, .. }
                | Update::InlineBotCallbackQuery { query_id, .. }
                | Update::BusinessBotCallbackQuery { query_id, .. },
        } = input
        {
            *query_id = next;
            next += 1;
        }
    }
    inputs
}

/// Runs the reference bot, giving each `Result` the outcome of the oldest call still waiting
/// (a success of that call's kind) and dropping those that find none.
fn run(layer: u32, setup: BotSetup, inputs: Vec<BotInput>) -> BotTrace {
    let mut session = BotSession::new(layer, &setup);
    let mut waiting = std::collections::VecDeque::new();
    let mut steps = Vec::new();
    for mut input in inputs {
        if let BotInput::Result { outcome } = &mut input {
            match waiting.pop_front() {
                Some(Call::SetBotCallbackAnswer { .. }) => {
                    *outcome = Ok(Reply::Bool { value: true })
                }
                Some(_) => *outcome = Ok(Reply::Done),
                None => continue,
            }
        }
        let outputs = session.step(&input);
        waiting.extend(outputs.iter().cloned());
        steps.push(Step { input, outputs });
    }
    Trace {
        layer,
        setup,
        steps,
    }
}
