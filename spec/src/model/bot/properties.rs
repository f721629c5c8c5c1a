//! Per bot rule: traces of the reference bot that exercise it, and a bug a real bot could
//! have that breaks exactly that rule.

use proptest::prelude::*;
use proptest::sample::select;

use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::Call;
use crate::model::chat::ChatKind;
use crate::model::markup::Markup;
use crate::model::peer_type::PeerType;
use crate::model::property::Property;
use crate::model::style::Style;
use crate::model::subject::Subject;

use super::edit::{answers, first_button, first_markup, first_peer_request, outputs_mut, rows_mut};
use super::gen::{
    broadcast_peer_type, button, callback_data, chat_peer_type, create_bot_peer_type, force_reply,
    hide, inline_kind, inline_markup, number_peer_requests, peer_type, placeholder, reply_keyboard,
    request_peer, text, user_peer_type,
};
use super::scenario::{any_query, callback_query, group_kind, send, trace};
use super::BotInput;

const ALL: std::ops::RangeInclusive<u32> = 152..=230;
const STYLES: std::ops::RangeInclusive<u32> = 222..=230;
/// Where the schema still lets a button sit in the wrong keyboard.
const MIXED_KEYBOARDS: std::ops::RangeInclusive<u32> = 152..=228;
const MAX_QUANTITY: std::ops::RangeInclusive<u32> = 169..=230;
const INPUT_FORM: std::ops::RangeInclusive<u32> = 177..=230;
const CREATE_BOT: std::ops::RangeInclusive<u32> = 224..=230;

const CHAT_KINDS: [ChatKind; 3] = [
    ChatKind::Private,
    ChatKind::BasicGroup,
    ChatKind::Supergroup,
];

fn one(input: BoxedStrategy<BotInput>) -> BoxedStrategy<Vec<BotInput>> {
    input.prop_map(|input| vec![input]).boxed()
}

/// A send, to a chat of any kind, of an inline markup holding `forced`.
fn inline_with(
    layer: u32,
    can_use_icons: bool,
    forced: BoxedStrategy<Button>,
) -> BoxedStrategy<Vec<BotInput>> {
    one(select(&CHAT_KINDS[..])
        .prop_flat_map(move |kind| {
            send(
                kind,
                inline_markup(layer, can_use_icons, Some(forced.clone())),
            )
        })
        .boxed())
}

/// A send to the private chat of a reply keyboard holding `forced`.
fn private_keyboard_with(
    layer: u32,
    can_use_icons: bool,
    forced: BoxedStrategy<Button>,
) -> BoxedStrategy<Vec<BotInput>> {
    one(send(
        ChatKind::Private,
        reply_keyboard(layer, ChatKind::Private, can_use_icons, Some(forced)),
    ))
}

/// An inline button whose style is drawn from `style`.
fn inline_button_styled(layer: u32, style: BoxedStrategy<Option<Style>>) -> BoxedStrategy<Button> {
    (text(12), style, inline_kind(layer))
        .prop_map(|(text, style, kind)| Button { text, style, kind })
        .boxed()
}

/// A style with exactly one background, and an icon when the bot may use one.
fn background_style(can_use_icons: bool, icon: bool) -> BoxedStrategy<Option<Style>> {
    (0usize..3, 1i64..i64::MAX)
        .prop_map(move |(background, id)| {
            Some(Style {
                bg_primary: background == 0,
                bg_danger: background == 1,
                bg_success: background == 2,
                icon: (icon && can_use_icons).then_some(id),
            })
        })
        .boxed()
}

/// A peer-request button asking for what `peer_type` gives.
fn peer_request_button(
    layer: u32,
    can_use_icons: bool,
    peer_type: BoxedStrategy<PeerType>,
) -> BoxedStrategy<Button> {
    button(layer, can_use_icons, request_peer(layer, peer_type))
}

/// A send of a reply keyboard or a force-reply to a chat of any kind, its placeholder
/// present or not.
fn placeholder_markup(
    layer: u32,
    can_use_icons: bool,
    present: bool,
) -> BoxedStrategy<Vec<BotInput>> {
    let markup = move |kind| {
        let markup = prop_oneof![
            reply_keyboard(layer, kind, can_use_icons, None),
            force_reply(kind)
        ];
        (markup, placeholder()).prop_map(move |(mut markup, text)| {
            match &mut markup {
                Markup::Keyboard(keyboard) => keyboard.placeholder = present.then_some(text),
                Markup::ForceReply { placeholder, .. } => *placeholder = present.then_some(text),
                Markup::Hide { .. } | Markup::Inline { .. } => {}
            }
            markup
        })
    };
    one(select(&CHAT_KINDS[..])
        .prop_flat_map(move |kind| send(kind, markup(kind).boxed()))
        .boxed())
}

fn placeholder_mut(markup: &mut Markup) -> Option<&mut Option<String>> {
    match markup {
        Markup::Keyboard(keyboard) => Some(&mut keyboard.placeholder),
        Markup::ForceReply { placeholder, .. } => Some(placeholder),
        Markup::Hide { .. } | Markup::Inline { .. } => None,
    }
}

/// Puts `kind` at the end of the first row of the first sent markup satisfying `wanted`.
fn add_button(
    subject: &mut Subject,
    wanted: impl Fn(Option<ChatKind>, &Markup) -> bool,
    kind: ButtonKind,
) -> bool {
    let Some(rows) = first_markup(subject, wanted).and_then(rows_mut) else {
        return false;
    };
    let Some(row) = rows.first_mut() else {
        return false;
    };
    row.push(Button {
        text: "extra".to_owned(),
        style: None,
        kind,
    });
    true
}

fn is_inline(markup: &Markup) -> bool {
    matches!(markup, Markup::Inline { .. })
}

fn is_keyboard(markup: &Markup) -> bool {
    matches!(markup, Markup::Keyboard(_))
}

fn subject_layer(subject: &Subject) -> u32 {
    match subject {
        Subject::Bot(trace) => trace.layer,
        _ => 0,
    }
}

/// Changes the answer to the first callback query answered in its own step (a game one when
/// `game`).
fn edit_answer(subject: &mut Subject, game: bool, edit: impl FnOnce(&mut CallbackAnswer)) -> bool {
    let Some(at) = answers(subject).into_iter().find(|at| at.game || !game) else {
        return false;
    };
    match outputs_mut(subject, at.step).and_then(|outputs| outputs.get_mut(at.output)) {
        Some(Call::SetBotCallbackAnswer { answer, .. }) => {
            edit(answer);
            true
        }
        _ => false,
    }
}

fn a_query() -> BoxedStrategy<Vec<BotInput>> {
    one(any_query())
}

pub fn all() -> Vec<Property> {
    vec![
        Property {
            rule: "ST-01",
            bug: "bot-style-two-backgrounds",
            valid: || {
                trace(STYLES, None, |layer, icons| {
                    inline_with(
                        layer,
                        icons,
                        inline_button_styled(layer, background_style(icons, true)),
                    )
                })
            },
            inject: |subject| match first_button(subject, |button| {
                button
                    .style
                    .as_ref()
                    .is_some_and(|style| style.background_count() == 1)
            }) {
                Some(Button {
                    style: Some(style), ..
                }) => {
                    // A bot that adds the colour it was asked for without clearing the default.
                    if style.bg_primary {
                        style.bg_success = true;
                    } else {
                        style.bg_primary = true;
                    }
                    true
                }
                _ => false,
            },
            also: &[],
        },
        Property {
            rule: "ST-02",
            bug: "bot-style-background-cleared-object-kept",
            valid: || {
                trace(STYLES, None, |layer, icons| {
                    inline_with(
                        layer,
                        icons,
                        inline_button_styled(layer, background_style(icons, false)),
                    )
                })
            },
            inject: |subject| match first_button(subject, |button| {
                button
                    .style
                    .as_ref()
                    .is_some_and(|style| style.icon.is_none() && style.background_count() == 1)
            }) {
                Some(Button {
                    style: Some(style), ..
                }) => {
                    *style = Style::default();
                    true
                }
                _ => false,
            },
            // The model cannot tell an empty style object from an empty style on a button.
            also: &["ST-03"],
        },
        Property {
            rule: "ST-03",
            bug: "bot-empty-style-instead-of-none",
            valid: || {
                trace(STYLES, None, |layer, icons| {
                    inline_with(
                        layer,
                        icons,
                        inline_button_styled(layer, Just(None).boxed()),
                    )
                })
            },
            inject: |subject| match first_button(subject, |button| button.style.is_none()) {
                Some(button) => {
                    button.style = Some(Style::default());
                    true
                }
                None => false,
            },
            also: &["ST-02"],
        },
        Property {
            rule: "ST-06",
            bug: "bot-icon-without-premium",
            valid: || {
                trace(STYLES, Some(false), |layer, icons| {
                    inline_with(layer, icons, button(layer, icons, inline_kind(layer)))
                })
            },
            inject: |subject| match first_button(subject, |_| true) {
                Some(button) => {
                    button.style.get_or_insert_with(Style::default).icon =
                        Some(5_368_324_170_671_202_286);
                    true
                }
                None => false,
            },
            also: &[],
        },
        Property {
            rule: "KB-13",
            bug: "bot-selective-in-private-chat",
            valid: || {
                trace(ALL, None, |layer, icons| {
                    let private = ChatKind::Private;
                    one(send(
                        private,
                        prop_oneof![
                            reply_keyboard(layer, private, icons, None),
                            hide(private),
                            force_reply(private)
                        ]
                        .boxed(),
                    ))
                })
            },
            inject: |subject| match first_markup(subject, |kind, markup| {
                kind == Some(ChatKind::Private) && !is_inline(markup)
            }) {
                Some(Markup::Keyboard(keyboard)) => {
                    keyboard.selective = true;
                    true
                }
                Some(Markup::Hide { selective } | Markup::ForceReply { selective, .. }) => {
                    *selective = true;
                    true
                }
                _ => false,
            },
            also: &[],
        },
        Property {
            rule: "KB-14",
            bug: "bot-placeholder-over-64-chars",
            valid: || {
                trace(ALL, None, |layer, icons| {
                    placeholder_markup(layer, icons, true)
                })
            },
            inject: |subject| {
                let wanted = |_: Option<ChatKind>, markup: &Markup| {
                    matches!(markup, Markup::Keyboard(k) if k.placeholder.is_some())
                        || matches!(
                            markup,
                            Markup::ForceReply {
                                placeholder: Some(_),
                                ..
                            }
                        )
                };
                match first_markup(subject, wanted).and_then(placeholder_mut) {
                    Some(Some(text)) => {
                        // Not truncated to the limit: the program's text repeated to 65 characters.
                        *text = text.chars().cycle().take(65).collect();
                        true
                    }
                    _ => false,
                }
            },
            also: &[],
        },
        Property {
            rule: "KB-15",
            bug: "bot-empty-placeholder",
            valid: || {
                trace(ALL, None, |layer, icons| {
                    placeholder_markup(layer, icons, false)
                })
            },
            inject: |subject| {
                let wanted = |_: Option<ChatKind>, markup: &Markup| {
                    matches!(markup, Markup::Keyboard(k) if k.placeholder.is_none())
                        || matches!(
                            markup,
                            Markup::ForceReply {
                                placeholder: None,
                                ..
                            }
                        )
                };
                match first_markup(subject, wanted).and_then(placeholder_mut) {
                    Some(placeholder) => {
                        *placeholder = Some(String::new());
                        true
                    }
                    None => false,
                }
            },
            also: &[],
        },
        Property {
            rule: "KB-18",
            bug: "bot-callback-data-empty",
            valid: || {
                trace(ALL, None, |layer, icons| {
                    inline_with(layer, icons, callback_button(layer, icons))
                })
            },
            inject: |subject| edit_callback_data(subject, |data| data.clear()),
            also: &[],
        },
        Property {
            rule: "KB-18",
            bug: "bot-callback-data-65-bytes",
            valid: || {
                trace(ALL, None, |layer, icons| {
                    inline_with(layer, icons, callback_button(layer, icons))
                })
            },
            inject: |subject| edit_callback_data(subject, |data| data.resize(65, b'x')),
            also: &[],
        },
        Property {
            rule: "KB-19",
            bug: "bot-text-button-in-inline-keyboard",
            valid: || {
                trace(MIXED_KEYBOARDS, None, |layer, icons| {
                    one(select(&CHAT_KINDS[..])
                        .prop_flat_map(move |kind| send(kind, inline_markup(layer, icons, None)))
                        .boxed())
                })
            },
            inject: |subject| add_button(subject, |_, markup| is_inline(markup), ButtonKind::Text),
            also: &[],
        },
        Property {
            rule: "KB-20",
            bug: "bot-url-button-in-reply-keyboard",
            valid: || trace(MIXED_KEYBOARDS, None, any_chat_keyboard),
            inject: |subject| {
                add_button(
                    subject,
                    |_, markup| is_keyboard(markup),
                    ButtonKind::Url {
                        url: "https://example.com/".to_owned(),
                    },
                )
            },
            also: &[],
        },
        Property {
            rule: "KB-21",
            bug: "bot-web-view-in-reply-keyboard",
            valid: || trace(MIXED_KEYBOARDS, None, any_chat_keyboard),
            inject: |subject| {
                add_button(
                    subject,
                    |_, markup| is_keyboard(markup),
                    ButtonKind::WebView {
                        url: "https://example.com/app".to_owned(),
                    },
                )
            },
            also: &[],
        },
        Property {
            rule: "KB-21",
            bug: "bot-simple-web-view-in-inline-keyboard",
            valid: || {
                trace(MIXED_KEYBOARDS, None, |layer, icons| {
                    one(select(&CHAT_KINDS[..])
                        .prop_flat_map(move |kind| send(kind, inline_markup(layer, icons, None)))
                        .boxed())
                })
            },
            inject: |subject| {
                add_button(
                    subject,
                    |_, markup| is_inline(markup),
                    ButtonKind::SimpleWebView {
                        url: "https://example.com/app".to_owned(),
                    },
                )
            },
            also: &[],
        },
        Property {
            rule: "KB-22",
            bug: "bot-request-phone-in-group",
            valid: || trace(ALL, None, group_keyboard),
            inject: |subject| {
                add_button(
                    subject,
                    |kind, markup| {
                        kind.is_some_and(|kind| kind != ChatKind::Private) && is_keyboard(markup)
                    },
                    ButtonKind::RequestPhone,
                )
            },
            also: &[],
        },
        Property {
            rule: "RP-01",
            bug: "bot-request-peer-in-received-form",
            valid: || {
                trace(INPUT_FORM, None, |layer, icons| {
                    private_keyboard_with(
                        layer,
                        icons,
                        button(layer, icons, request_peer(layer, peer_type(layer))),
                    )
                })
            },
            inject: |subject| match first_peer_request(subject, |request| request.input) {
                Some(request) => {
                    request.input = false;
                    true
                }
                None => false,
            },
            also: &[],
        },
        Property {
            rule: "RP-02",
            bug: "bot-request-peer-in-group",
            valid: || trace(ALL, None, group_keyboard),
            inject: |subject| {
                let layer = subject_layer(subject);
                let request = RequestPeerButton {
                    button_id: 1,
                    peer_type: PeerType::User {
                        bot: Some(false),
                        premium: None,
                    },
                    max_quantity: 1,
                    name_requested: false,
                    username_requested: false,
                    photo_requested: false,
                    input: layer >= 177,
                };
                add_button(
                    subject,
                    |kind, markup| {
                        kind.is_some_and(|kind| kind != ChatKind::Private) && is_keyboard(markup)
                    },
                    ButtonKind::RequestPeer(request),
                )
            },
            also: &[],
        },
        Property {
            rule: "RP-07",
            bug: "bot-max-quantity-11-users",
            valid: || {
                trace(MAX_QUANTITY, None, |layer, icons| {
                    private_keyboard_with(
                        layer,
                        icons,
                        peer_request_button(layer, icons, user_peer_type()),
                    )
                })
            },
            inject: |subject| {
                set_max_quantity(
                    subject,
                    |peer_type| matches!(peer_type, PeerType::User { .. }),
                    11,
                )
            },
            also: &[],
        },
        Property {
            rule: "RP-07",
            bug: "bot-max-quantity-0-users",
            valid: || {
                trace(MAX_QUANTITY, None, |layer, icons| {
                    private_keyboard_with(
                        layer,
                        icons,
                        peer_request_button(layer, icons, user_peer_type()),
                    )
                })
            },
            inject: |subject| {
                set_max_quantity(
                    subject,
                    |peer_type| matches!(peer_type, PeerType::User { .. }),
                    0,
                )
            },
            also: &[],
        },
        Property {
            rule: "RP-08",
            bug: "bot-max-quantity-2-chats",
            valid: || {
                trace(MAX_QUANTITY, None, |layer, icons| {
                    private_keyboard_with(
                        layer,
                        icons,
                        peer_request_button(
                            layer,
                            icons,
                            prop_oneof![chat_peer_type(layer), broadcast_peer_type(layer)].boxed(),
                        ),
                    )
                })
            },
            inject: |subject| {
                set_max_quantity(
                    subject,
                    |peer_type| {
                        matches!(
                            peer_type,
                            PeerType::Chat { .. } | PeerType::Broadcast { .. }
                        )
                    },
                    2,
                )
            },
            also: &[],
        },
        Property {
            rule: "RP-24",
            bug: "bot-duplicate-request-peer-button-id",
            valid: || trace(ALL, None, two_peer_requests),
            inject: |subject| {
                let Some(Markup::Keyboard(keyboard)) =
                    first_markup(subject, |_, markup| peer_requests(markup) >= 2)
                else {
                    return false;
                };
                let mut requests = keyboard.rows.iter_mut().flatten().filter_map(|button| {
                    match &mut button.kind {
                        ButtonKind::RequestPeer(request) => Some(request),
                        _ => None,
                    }
                });
                match (requests.next(), requests.next()) {
                    (Some(first), Some(second)) => {
                        // Both buttons numbered from the same counter that was never advanced.
                        second.button_id = first.button_id;
                        true
                    }
                    _ => false,
                }
            },
            also: &[],
        },
        Property {
            rule: "MB-01",
            bug: "bot-create-bot-asks-name",
            valid: || {
                trace(CREATE_BOT, None, |layer, icons| {
                    private_keyboard_with(
                        layer,
                        icons,
                        peer_request_button(layer, icons, create_bot_peer_type()),
                    )
                })
            },
            inject: |subject| match first_peer_request(subject, |request| {
                request.peer_type.is_create_bot()
            }) {
                Some(request) => {
                    request.name_requested = true;
                    true
                }
                None => false,
            },
            also: &[],
        },
        Property {
            rule: "MB-02",
            bug: "bot-create-bot-not-managed",
            valid: || {
                trace(CREATE_BOT, None, |layer, icons| {
                    private_keyboard_with(
                        layer,
                        icons,
                        peer_request_button(layer, icons, create_bot_peer_type()),
                    )
                })
            },
            inject: |subject| match first_peer_request(subject, |request| {
                request.peer_type.is_create_bot()
            }) {
                Some(RequestPeerButton {
                    peer_type: PeerType::CreateBot { bot_managed, .. },
                    ..
                }) => {
                    *bot_managed = false;
                    true
                }
                _ => false,
            },
            also: &[],
        },
        Property {
            rule: "CB-26",
            bug: "bot-callback-query-unanswered",
            valid: || trace(ALL, None, |_, _| a_query()),
            inject: |subject| {
                let Some(at) = answers(subject).into_iter().next() else {
                    return false;
                };
                outputs_mut(subject, at.step).is_some_and(|outputs| {
                    outputs.remove(at.output);
                    true
                })
            },
            also: &[],
        },
        Property {
            rule: "CB-26",
            bug: "bot-callback-query-answered-twice",
            valid: || trace(ALL, None, |_, _| a_query()),
            inject: |subject| {
                let Some(at) = answers(subject).into_iter().next() else {
                    return false;
                };
                outputs_mut(subject, at.step).is_some_and(|outputs| {
                    match outputs.get(at.output).cloned() {
                        Some(answer) => {
                            outputs.insert(at.output + 1, answer);
                            true
                        }
                        None => false,
                    }
                })
            },
            also: &[],
        },
        Property {
            rule: "CB-27",
            bug: "bot-callback-answer-wrong-query-id",
            valid: || trace(ALL, None, |_, _| a_query()),
            inject: |subject| {
                let unused = unused_query_id(subject);
                let Some(at) = answers(subject).into_iter().next() else {
                    return false;
                };
                match outputs_mut(subject, at.step).and_then(|outputs| outputs.get_mut(at.output)) {
                    Some(Call::SetBotCallbackAnswer { query_id, .. }) => {
                        *query_id = unused;
                        true
                    }
                    _ => false,
                }
            },
            also: &[],
        },
        Property {
            rule: "CB-27",
            bug: "bot-callback-answer-late",
            valid: || {
                trace(ALL, None, |_, _| {
                    (any_query(), 1u32..=60)
                        .prop_map(|(query, seconds)| vec![query, BotInput::Advance { seconds }])
                        .boxed()
                })
            },
            inject: |subject| {
                let steps = match &*subject {
                    Subject::Bot(trace) => trace.steps.len(),
                    _ => 0,
                };
                let Some(at) = answers(subject).into_iter().find(|at| at.step + 1 < steps) else {
                    return false;
                };
                // The answer waits for the bot's next event instead of being sent at once.
                let Some(answer) =
                    outputs_mut(subject, at.step).map(|outputs| outputs.remove(at.output))
                else {
                    return false;
                };
                outputs_mut(subject, at.step + 1).is_some_and(|outputs| {
                    outputs.insert(0, answer);
                    true
                })
            },
            also: &[],
        },
        Property {
            rule: "CB-28",
            bug: "bot-game-answer-without-url",
            valid: || trace(ALL, None, |_, _| one(callback_query(true))),
            inject: |subject| edit_answer(subject, true, |answer| answer.url = None),
            also: &[],
        },
        Property {
            rule: "CB-30",
            bug: "bot-callback-answer-empty-message",
            valid: || trace(ALL, None, |_, _| a_query()),
            inject: |subject| {
                edit_answer(subject, false, |answer| {
                    answer.message = Some(String::new())
                })
            },
            also: &[],
        },
        Property {
            rule: "CB-30",
            bug: "bot-callback-answer-negative-cache-time",
            valid: || trace(ALL, None, |_, _| a_query()),
            inject: |subject| edit_answer(subject, false, |answer| answer.cache_time = -1),
            also: &[],
        },
    ]
}

fn callback_button(layer: u32, can_use_icons: bool) -> BoxedStrategy<Button> {
    let kind = (callback_data(), any::<bool>()).prop_map(|(data, requires_password)| {
        ButtonKind::Callback {
            data,
            requires_password,
        }
    });
    button(layer, can_use_icons, kind.boxed())
}

fn edit_callback_data(subject: &mut Subject, edit: impl FnOnce(&mut Vec<u8>)) -> bool {
    match first_button(subject, |button| {
        matches!(button.kind, ButtonKind::Callback { .. })
    }) {
        Some(Button {
            kind: ButtonKind::Callback { data, .. },
            ..
        }) => {
            edit(data);
            true
        }
        _ => false,
    }
}

/// A send of a reply keyboard to a chat of any kind.
fn any_chat_keyboard(layer: u32, can_use_icons: bool) -> BoxedStrategy<Vec<BotInput>> {
    one(select(&CHAT_KINDS[..])
        .prop_flat_map(move |kind| send(kind, reply_keyboard(layer, kind, can_use_icons, None)))
        .boxed())
}

/// A send of a reply keyboard to a group or a supergroup.
fn group_keyboard(layer: u32, can_use_icons: bool) -> BoxedStrategy<Vec<BotInput>> {
    one(group_kind()
        .prop_flat_map(move |kind| send(kind, reply_keyboard(layer, kind, can_use_icons, None)))
        .boxed())
}

/// A private reply keyboard with at least two peer-request buttons.
fn two_peer_requests(layer: u32, can_use_icons: bool) -> BoxedStrategy<Vec<BotInput>> {
    let forced = || button(layer, can_use_icons, request_peer(layer, peer_type(layer)));
    let keyboard = (
        reply_keyboard(layer, ChatKind::Private, can_use_icons, Some(forced())),
        forced(),
        0i32..100,
    )
        .prop_map(|(mut markup, extra, first)| {
            if let Some(row) = rows_mut(&mut markup).and_then(|rows| rows.last_mut()) {
                row.push(extra);
            }
            number_peer_requests(markup, first)
        });
    one(send(ChatKind::Private, keyboard.boxed()))
}

fn peer_requests(markup: &Markup) -> usize {
    markup
        .rows()
        .iter()
        .flatten()
        .filter(|button| matches!(button.kind, ButtonKind::RequestPeer(_)))
        .count()
}

fn set_max_quantity(subject: &mut Subject, wanted: fn(&PeerType) -> bool, quantity: i32) -> bool {
    match first_peer_request(subject, |request| wanted(&request.peer_type)) {
        Some(request) => {
            request.max_quantity = quantity;
            true
        }
        None => false,
    }
}

/// A query ID that names no query of the trace.
fn unused_query_id(subject: &Subject) -> i64 {
    let Subject::Bot(trace) = subject else {
        return 0;
    };
    let ids = trace.steps.iter().filter_map(|step| match &step.input {
        BotInput::Update { update } => super::session::callback_query(update).map(|(id, _)| id),
        _ => None,
    });
    ids.max().map_or(1, |max| max.wrapping_add(1))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use proptest::test_runner::{Config, TestCaseError, TestRunner};

    use super::all;
    use crate::rules::{Catalogue, Party};

    /// The bot's share of the model's property test, on fewer cases: valid traces break no
    /// rule, and each bug breaks its rule and nothing outside `also`.
    #[test]
    fn bot_properties_hold() {
        let catalogue = Catalogue::load().expect("catalogue loads");
        let mut bugs = BTreeSet::new();
        for property in all() {
            let rule = catalogue.rule(property.rule).expect("a catalogue rule");
            assert_eq!(rule.party, Party::Bot, "{}", property.rule);
            assert!(
                bugs.insert(property.bug),
                "bug {} named twice",
                property.bug
            );
            let mut runner = TestRunner::new(Config {
                cases: 64,
                failure_persistence: None,
                ..Config::default()
            });
            let result = runner.run(&(property.valid)(), |subject| {
                let crate::model::Subject::Bot(trace) = &subject else {
                    return Err(TestCaseError::fail("not a bot subject"));
                };
                proptest::prop_assert!(
                    rule.layers.contains(trace.layer),
                    "layer {} outside the rule",
                    trace.layer
                );
                let violations = subject.check();
                proptest::prop_assert!(
                    violations.is_empty(),
                    "valid subject broke rules: {violations:?}"
                );
                let mut broken = subject;
                proptest::prop_assert!(
                    (property.inject)(&mut broken),
                    "the bug found nothing to act on"
                );
                let found: BTreeSet<String> = broken.check().into_iter().map(|v| v.rule).collect();
                proptest::prop_assert!(found.contains(property.rule), "not caught: {found:?}");
                let unexpected: Vec<&String> = found
                    .iter()
                    .filter(|r| r.as_str() != property.rule && !property.also.contains(&r.as_str()))
                    .collect();
                proptest::prop_assert!(unexpected.is_empty(), "also broke {unexpected:?}");
                Ok(())
            });
            assert!(
                result.is_ok(),
                "{} / {}: {result:?}",
                property.rule,
                property.bug
            );
        }
    }

    /// Every bot rule that binds (MUST, MUST NOT) has a property here.
    #[test]
    fn every_bot_must_rule_has_a_property() {
        let catalogue = Catalogue::load().expect("catalogue loads");
        let covered: BTreeSet<&str> = all().iter().map(|property| property.rule).collect();
        let missing: Vec<String> = catalogue
            .must_rules()
            .filter(|rule| rule.party == Party::Bot)
            .map(|rule| rule.id.to_string())
            .filter(|id| !covered.contains(id.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "bot MUST rules without a property: {missing:?}"
        );
    }
}
