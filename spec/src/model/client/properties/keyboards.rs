//! Reply keyboards: shown, hidden after a press, kept, persistent, selective, removed, and
//! what pressing their buttons and inline URL and switch buttons does.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

use crate::model::button::{Button, ButtonKind};
use crate::model::call::Call;
use crate::model::chat::Message;
use crate::model::client::gen;
use crate::model::client::{ClientInput, ClientOutput, ClientSession, Ui};
use crate::model::markup::{Markup, ReplyKeyboard};
use crate::model::property::Property;
use crate::model::subject::Subject;

use super::support::{
    at_step, each_step, first_call, first_ui, has_call, has_ui, press, remove_first, setup,
    subject, tail, ui,
};

pub(super) fn all() -> Vec<Property> {
    vec![
        Property {
            rule: "KB-03",
            bug: "client-reply-keyboard-not-shown",
            valid: || keyboard_then(None, None, |_| Just(vec![]).boxed()),
            inject: drop_shown,
            also: &[],
        },
        Property {
            rule: "KB-04",
            bug: "client-ignores-keyboard-hide",
            valid: || {
                keyboard_then(None, None, |m| {
                    Just(vec![receive(in_place(
                        m,
                        90,
                        Markup::Hide { selective: false },
                    ))])
                    .boxed()
                })
            },
            inject: drop_hidden_on_hide,
            also: &[],
        },
        Property {
            rule: "KB-05",
            bug: "client-ignores-force-reply",
            valid: force_reply_for_me,
            inject: drop_reply_opened,
            also: &[],
        },
        Property {
            rule: "KB-06",
            bug: "client-single-use-keyboard-stays-shown",
            valid: || keyboard_then(Some(true), None, pressed),
            inject: keep_after_press,
            also: &[],
        },
        Property {
            rule: "KB-07",
            bug: "client-single-use-keyboard-removed-after-press",
            valid: || keyboard_then(Some(true), None, pressed),
            inject: remove_after_press,
            also: &[],
        },
        Property {
            rule: "KB-08",
            bug: "client-keyboard-dropped-after-press",
            valid: || keyboard_then(Some(false), None, pressed),
            inject: drop_after_press,
            also: &[],
        },
        Property {
            rule: "KB-09",
            bug: "client-persistent-keyboard-hideable",
            valid: || keyboard_then(None, Some(true), hidden_by_user),
            inject: hide_persistent,
            also: &[],
        },
        Property {
            rule: "KB-10",
            bug: "client-selective-keyboard-shown-to-all",
            valid: selective_keyboard_for_other,
            inject: show_selective,
            also: &[],
        },
        Property {
            rule: "KB-11",
            bug: "client-selective-hide-applies-to-all",
            valid: selective_hide_for_other,
            inject: hide_selective,
            also: &[],
        },
        Property {
            rule: "KB-12",
            bug: "client-selective-force-reply-opens-for-all",
            valid: selective_force_reply_for_other,
            inject: open_selective,
            also: &[],
        },
        Property {
            rule: "KB-16",
            bug: "client-placeholder-not-shown",
            valid: || keyboard_then(None, None, |_| Just(vec![]).boxed()),
            inject: drop_placeholder,
            also: &[],
        },
        Property {
            rule: "KB-17",
            bug: "client-removed-keyboard-reopenable",
            valid: removed_then_reopened,
            inject: reopen_removed,
            also: &[],
        },
        Property {
            rule: "KB-24",
            bug: "client-text-button-not-a-reply",
            valid: || keyboard_then(None, None, pressed),
            inject: text_not_a_reply,
            also: &[],
        },
        Property {
            rule: "KB-25",
            bug: "client-url-opened-without-confirmation",
            valid: || inline_with(external_url()),
            inject: url_without_confirmation,
            also: &[],
        },
        Property {
            rule: "KB-26",
            bug: "client-switch-inline-ignores-same-peer",
            valid: || inline_with(switch_inline()),
            inject: switch_inline_wrong_chat,
            also: &[],
        },
    ]
}

fn receive(message: Message) -> ClientInput {
    ClientInput::Receive { message }
}

/// A message with `markup` where `keyboard_message` was, for the user as well.
fn in_place(keyboard_message: &Message, msg_id: i32, markup: Markup) -> Message {
    Message {
        msg_id,
        markup: Some(markup),
        ..keyboard_message.clone()
    }
}

/// A reply keyboard of text buttons for the user (in the private chat, or in the group
/// targeting them), with a placeholder for the placeholder's property, `single_use` and
/// `persistent` forced where given; then what `then` makes of the message, then a tail.
fn keyboard_then(
    single_use: Option<bool>,
    persistent: Option<bool>,
    then: fn(&Message) -> BoxedStrategy<Vec<ClientInput>>,
) -> BoxedStrategy<Subject> {
    gen::layer()
        .prop_flat_map(move |layer| {
            (
                Just(layer),
                gen::reply_keyboard(vec(gen::text_button(layer), 1..=4)),
                any::<[bool; 2]>(),
                1i32..50,
            )
        })
        .prop_flat_map(move |(layer, mut keyboard, [group, by_reply], msg_id)| {
            keyboard.single_use = single_use.unwrap_or(keyboard.single_use);
            keyboard.persistent = persistent.unwrap_or(keyboard.persistent);
            keyboard.placeholder = keyboard.placeholder.or(Some("Choose".to_owned()));
            let markup = Some(Markup::Keyboard(keyboard));
            let message = if group {
                gen::group_message(msg_id, markup, true, by_reply)
            } else {
                gen::private_message(msg_id, markup)
            };
            (
                Just(layer),
                then(&message),
                tail(message.chat),
                Just(message),
            )
        })
        .prop_map(|(layer, then, tail, message)| {
            subject(
                layer,
                setup(false),
                [vec![receive(message)], then, tail].concat(),
            )
        })
        .boxed()
}

fn pressed(message: &Message) -> BoxedStrategy<Vec<ClientInput>> {
    let message = message.clone();
    any::<Index>()
        .prop_map(move |index| vec![press(&message, index)])
        .boxed()
}

fn hidden_by_user(message: &Message) -> BoxedStrategy<Vec<ClientInput>> {
    Just(vec![ClientInput::HideKeyboard { chat: message.chat }]).boxed()
}

fn is_press(input: &ClientInput) -> bool {
    matches!(input, ClientInput::Press { .. })
}

fn input_chat(input: &ClientInput) -> i64 {
    match input {
        ClientInput::Press { chat, .. }
        | ClientInput::ReopenKeyboard { chat }
        | ClientInput::HideKeyboard { chat } => *chat,
        ClientInput::Receive { message } => message.chat,
        _ => 0,
    }
}

fn drop_shown(subject: &mut Subject) -> bool {
    remove_first(
        subject,
        |input| matches!(input, ClientInput::Receive { .. }),
        |output| {
            matches!(
                output,
                ClientOutput::Ui {
                    ui: Ui::KeyboardShown { .. }
                }
            )
        },
    )
}

fn drop_hidden_on_hide(subject: &mut Subject) -> bool {
    remove_first(
        subject,
        |input| matches!(input, ClientInput::Receive { message } if matches!(message.markup, Some(Markup::Hide { .. }))),
        |output| {
            matches!(
                output,
                ClientOutput::Ui {
                    ui: Ui::KeyboardHidden { .. }
                }
            )
        },
    )
}

fn drop_placeholder(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui {
        Ui::KeyboardShown { placeholder, .. } => placeholder.take().is_some(),
        _ => false,
    })
}

fn keep_after_press(subject: &mut Subject) -> bool {
    remove_first(subject, is_press, |output| {
        matches!(
            output,
            ClientOutput::Ui {
                ui: Ui::KeyboardHidden { .. }
            }
        )
    })
}

fn remove_after_press(subject: &mut Subject) -> bool {
    at_step(
        subject,
        |input, outputs| {
            is_press(input) && has_ui(outputs, |ui| matches!(ui, Ui::KeyboardHidden { .. }))
        },
        |_, outputs| {
            for output in outputs {
                if let ClientOutput::Ui {
                    ui: Ui::KeyboardHidden { reopenable, .. },
                } = output
                {
                    *reopenable = false;
                }
            }
        },
    )
}

fn drop_after_press(subject: &mut Subject) -> bool {
    at_step(
        subject,
        |input, outputs| {
            is_press(input) && has_call(outputs, |call| matches!(call, Call::SendMessage { .. }))
        },
        |input, outputs| {
            outputs.push(ui(Ui::KeyboardHidden {
                chat: input_chat(input),
                reopenable: true,
            }))
        },
    )
}

fn hide_persistent(subject: &mut Subject) -> bool {
    at_step(
        subject,
        |input, _| matches!(input, ClientInput::HideKeyboard { .. }),
        |input, outputs| {
            outputs.push(ui(Ui::KeyboardHidden {
                chat: input_chat(input),
                reopenable: true,
            }))
        },
    )
}

fn text_not_a_reply(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::SendMessage { reply_to, .. } => reply_to.take().is_some(),
        _ => false,
    })
}

fn force_reply_for_me() -> BoxedStrategy<Subject> {
    (
        gen::layer(),
        any::<[bool; 3]>(),
        proptest::option::of(Just("Your answer".to_owned())),
        1i32..50,
    )
        .prop_map(
            |(layer, [group, by_reply, selective], placeholder, msg_id)| {
                let markup = Some(Markup::ForceReply {
                    single_use: false,
                    selective,
                    placeholder,
                });
                let message = if group {
                    gen::group_message(msg_id, markup, true, by_reply)
                } else {
                    gen::private_message(msg_id, markup)
                };
                subject(layer, setup(false), vec![receive(message)])
            },
        )
        .boxed()
}

fn drop_reply_opened(subject: &mut Subject) -> bool {
    remove_first(
        subject,
        |_| true,
        |output| {
            matches!(
                output,
                ClientOutput::Ui {
                    ui: Ui::ReplyOpened { .. }
                }
            )
        },
    )
}

/// In the group: a keyboard for the user (maybe none, unless `mine`), then a selective
/// `markup` for another member.
fn selective_for_other(mine: bool, markup: BoxedStrategy<Markup>) -> BoxedStrategy<Subject> {
    gen::layer()
        .prop_flat_map(move |layer| {
            let keyboard = gen::reply_keyboard(vec(gen::text_button(layer), 1..=3));
            let my_keyboard = if mine {
                keyboard.prop_map(Some).boxed()
            } else {
                proptest::option::of(keyboard).boxed()
            };
            (Just(layer), my_keyboard, markup.clone(), any::<bool>())
        })
        .prop_map(|(layer, mine, markup, by_reply)| {
            let mut inputs: Vec<ClientInput> = mine
                .into_iter()
                .map(|keyboard| {
                    receive(gen::group_message(
                        1,
                        Some(Markup::Keyboard(keyboard)),
                        true,
                        by_reply,
                    ))
                })
                .collect();
            inputs.push(receive(gen::group_message(
                2,
                Some(markup),
                false,
                by_reply,
            )));
            subject(layer, setup(false), inputs)
        })
        .boxed()
}

fn selective_keyboard_for_other() -> BoxedStrategy<Subject> {
    selective_for_other(
        false,
        gen::reply_keyboard(vec(gen::text_button(152), 1..=3))
            .prop_map(|keyboard| {
                Markup::Keyboard(ReplyKeyboard {
                    selective: true,
                    ..keyboard
                })
            })
            .boxed(),
    )
}

/// The user has a keyboard for the misapplied hide to remove.
fn selective_hide_for_other() -> BoxedStrategy<Subject> {
    selective_for_other(true, Just(Markup::Hide { selective: true }).boxed())
}

fn selective_force_reply_for_other() -> BoxedStrategy<Subject> {
    selective_for_other(
        false,
        proptest::option::of(Just("Reply".to_owned()))
            .prop_map(|placeholder| Markup::ForceReply {
                single_use: false,
                selective: true,
                placeholder,
            })
            .boxed(),
    )
}

/// Where a selective markup in a group is not for the user: the message and its markup.
fn for_other<'a>(
    before: &ClientSession,
    input: &'a ClientInput,
) -> Option<(&'a Message, &'a Markup)> {
    match input {
        ClientInput::Receive { message } if !message.markup_applies_to(before.setup().me) => {
            Some((message, message.markup.as_ref()?))
        }
        _ => None,
    }
}

/// The selective keyboard shown as if it were for the user.
fn show_selective(subject: &mut Subject) -> bool {
    each_step(subject, |before, input, outputs| {
        match for_other(before, input) {
            Some((message, Markup::Keyboard(keyboard))) => {
                outputs.push(ui(Ui::KeyboardShown {
                    chat: message.chat,
                    persistent: keyboard.persistent,
                    placeholder: keyboard.placeholder.clone(),
                }));
                true
            }
            _ => false,
        }
    })
}

/// The selective hide removing the user's keyboard, where they have one.
fn hide_selective(subject: &mut Subject) -> bool {
    each_step(subject, |before, input, outputs| {
        match for_other(before, input) {
            Some((message, Markup::Hide { .. })) if before.keyboard(message.chat).is_some() => {
                outputs.push(ui(Ui::KeyboardHidden {
                    chat: message.chat,
                    reopenable: false,
                }));
                true
            }
            _ => false,
        }
    })
}

/// The selective force reply opening the reply interface for the user.
fn open_selective(subject: &mut Subject) -> bool {
    each_step(subject, |before, input, outputs| {
        match for_other(before, input) {
            Some((message, Markup::ForceReply { placeholder, .. })) => {
                outputs.push(ui(Ui::ReplyOpened {
                    chat: message.chat,
                    msg_id: message.msg_id,
                    placeholder: placeholder.clone(),
                }));
                true
            }
            _ => false,
        }
    })
}

/// A keyboard, then a replyKeyboardHide for the user, then an attempt to reopen it.
fn removed_then_reopened() -> BoxedStrategy<Subject> {
    keyboard_then(None, None, |message| {
        let hide = in_place(
            message,
            message.msg_id + 1,
            Markup::Hide { selective: false },
        );
        Just(vec![
            receive(hide),
            ClientInput::ReopenKeyboard { chat: message.chat },
        ])
        .boxed()
    })
}

fn reopen_removed(subject: &mut Subject) -> bool {
    at_step(
        subject,
        |input, outputs| matches!(input, ClientInput::ReopenKeyboard { .. }) && outputs.is_empty(),
        |input, outputs| {
            outputs.push(ui(Ui::KeyboardShown {
                chat: input_chat(input),
                persistent: false,
                placeholder: None,
            }))
        },
    )
}

fn external_url() -> BoxedStrategy<ButtonKind> {
    proptest::sample::select(&["https://example.com/a", "http://example.org/"][..])
        .prop_map(|url| ButtonKind::Url {
            url: url.to_owned(),
        })
        .boxed()
}

fn switch_inline() -> BoxedStrategy<ButtonKind> {
    (gen::word(), any::<bool>())
        .prop_map(|(query, same_peer)| ButtonKind::SwitchInline { query, same_peer })
        .boxed()
}

/// An inline keyboard whose first button is of `first`'s kind, pressed, then more presses.
fn inline_with(first: BoxedStrategy<ButtonKind>) -> BoxedStrategy<Subject> {
    gen::layer()
        .prop_flat_map(move |layer| {
            (
                Just(layer),
                first.clone(),
                gen::inline_markup(layer),
                any::<bool>(),
                vec(any::<Index>(), 0..3),
            )
        })
        .prop_map(|(layer, kind, mut markup, group, presses)| {
            if let Markup::Inline { rows } = &mut markup {
                rows.insert(
                    0,
                    vec![Button {
                        text: "Open".to_owned(),
                        style: None,
                        kind,
                    }],
                );
            }
            let message = if group {
                gen::group_message(7, Some(markup), true, false)
            } else {
                gen::private_message(7, Some(markup))
            };
            let mut inputs = vec![
                receive(message.clone()),
                ClientInput::Press {
                    chat: message.chat,
                    msg_id: 7,
                    row: 0,
                    column: 0,
                },
            ];
            inputs.extend(presses.into_iter().map(|index| press(&message, index)));
            subject(layer, setup(false), inputs)
        })
        .boxed()
}

fn url_without_confirmation(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui {
        Ui::OpenUrl { confirm, .. } => std::mem::replace(confirm, false),
        _ => false,
    })
}

fn switch_inline_wrong_chat(subject: &mut Subject) -> bool {
    let Subject::Client(trace) = subject else {
        return false;
    };
    let chat = trace
        .steps
        .first()
        .map(|step| input_chat(&step.input))
        .unwrap_or_default();
    first_ui(subject, |ui| match ui {
        Ui::InlineQuery { chat: target, .. } => {
            *target = if target.is_some() { None } else { Some(chat) };
            true
        }
        _ => false,
    })
}
