//! Callback and game buttons: the query, the answer shown, timeouts and the answer cache.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::sample::select;

use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind};
use crate::model::call::{Call, Outcome, Reply, RpcError};
use crate::model::chat::{Message, MessageOrigin};
use crate::model::client::cache::CacheKey;
use crate::model::client::flow::Pending;
use crate::model::client::gen::{self, BOT};
use crate::model::client::session::{show_answer, BOT_RESPONSE_TIMEOUT};
use crate::model::client::{ClientInput, ClientOutput, Ui};
use crate::model::markup::Markup;
use crate::model::property::Property;
use crate::model::subject::Subject;

use super::support::{at_step, each_step, first_call, first_ui, has_ui, press, setup, subject};

pub(super) fn all() -> Vec<Property> {
    vec![
        Property {
            rule: "CB-01",
            bug: "client-queries-the-bot-instead-of-the-chat",
            valid: || pressed_in_group(callback(Some(false))),
            inject: query_the_bot,
            also: &[],
        },
        Property {
            rule: "CB-02",
            bug: "client-callback-data-truncated",
            valid: || answered(callback(None), answer()),
            inject: truncate_data,
            also: &[],
        },
        Property {
            rule: "CB-03",
            bug: "client-game-button-as-callback",
            valid: || answered(game(), answer()),
            inject: game_without_flag,
            also: &[],
        },
        Property {
            rule: "CB-04",
            bug: "client-password-button-without-srp",
            valid: || with_password(answered(callback(Some(true)), answer())),
            inject: drop_password,
            also: &[],
        },
        Property {
            rule: "CB-05",
            bug: "client-srp-on-every-button",
            valid: || with_password(answered(callback(Some(false)), answer())),
            inject: add_password,
            also: &[],
        },
        Property {
            rule: "CB-10",
            bug: "client-resends-query-after-bot-timeout",
            valid: || answered(callback(None), failed(BOT_RESPONSE_TIMEOUT)),
            inject: resend_after(BOT_RESPONSE_TIMEOUT),
            also: &[],
        },
        Property {
            rule: "CB-11",
            bug: "client-resends-query-after-server-timeout",
            valid: || answered(callback(None), failed("Timeout")),
            inject: resend_after("Timeout"),
            also: &[],
        },
        Property {
            rule: "CB-12",
            bug: "client-answer-message-not-shown",
            valid: || answered(callback(None), shown_as(false)),
            inject: drop_toast,
            also: &[],
        },
        Property {
            rule: "CB-13",
            bug: "client-alert-shown-as-toast",
            valid: || answered(callback(None), shown_as(true)),
            inject: alert_as_toast,
            also: &[],
        },
        Property {
            rule: "CB-14",
            bug: "client-answer-url-needs-confirmation",
            valid: || answered(callback(None), with_url()),
            inject: confirm_answer_url,
            also: &[],
        },
        Property {
            rule: "CB-16",
            bug: "client-native-ui-ignored",
            valid: || answered(game(), with_url()),
            inject: flip_native,
            also: &[],
        },
        Property {
            rule: "CB-17",
            bug: "client-never-caches-answers",
            valid: || pressed_twice(callback(Some(false)), false, 1..5, Repeat::Same),
            inject: query_cached_press,
            also: &[],
        },
        Property {
            rule: "CB-18",
            bug: "client-serves-expired-cached-answer",
            valid: || pressed_twice(callback(Some(false)), false, 0..100, Repeat::Expired),
            inject: serve_expired,
            also: &[],
        },
        Property {
            rule: "CB-19",
            bug: "client-caches-zero-cache-time",
            valid: || pressed_twice(callback(Some(false)), true, 0..5, Repeat::Same),
            inject: serve_zero_cache_time,
            also: &[],
        },
        Property {
            rule: "CB-20",
            bug: "client-caches-game-and-password-answers",
            valid: || {
                pressed_twice(
                    prop_oneof![game(), callback(Some(true))].boxed(),
                    false,
                    0..5,
                    Repeat::Same,
                )
            },
            inject: serve_uncacheable,
            also: &[],
        },
        Property {
            rule: "CB-21",
            bug: "client-cache-key-ignores-data",
            valid: || pressed_twice(callback(Some(false)), false, 0..5, Repeat::OtherData),
            inject: serve_other_data,
            also: &[],
        },
        Property {
            rule: "CB-32",
            bug: "client-ignores-business-callbacks",
            valid: business_press,
            inject: drop_business_query,
            also: &[],
        },
    ]
}

fn callback(requires_password: Option<bool>) -> BoxedStrategy<ButtonKind> {
    (gen::data(), any::<bool>())
        .prop_map(move |(data, any_password)| ButtonKind::Callback {
            data,
            requires_password: requires_password.unwrap_or(any_password),
        })
        .boxed()
}

fn game() -> BoxedStrategy<ButtonKind> {
    Just(ButtonKind::Game).boxed()
}

fn answer() -> BoxedStrategy<Outcome> {
    gen::answer()
        .prop_map(|answer| Ok(Reply::BotCallbackAnswer { answer }))
        .boxed()
}

fn failed(error: &'static str) -> BoxedStrategy<Outcome> {
    let code = if error == BOT_RESPONSE_TIMEOUT {
        400
    } else {
        -503
    };
    Just(Err(RpcError::new(code, error))).boxed()
}

fn answer_where(edit: fn(&mut CallbackAnswer)) -> BoxedStrategy<Outcome> {
    gen::answer()
        .prop_map(move |mut answer| {
            edit(&mut answer);
            Ok(Reply::BotCallbackAnswer { answer })
        })
        .boxed()
}

fn shown_as(alert: bool) -> BoxedStrategy<Outcome> {
    if alert {
        answer_where(|answer| {
            answer.message = Some(answer.message.take().unwrap_or_else(|| "Done".to_owned()));
            answer.alert = true;
        })
    } else {
        answer_where(|answer| {
            answer.message = Some(answer.message.take().unwrap_or_else(|| "Done".to_owned()));
            answer.alert = false;
        })
    }
}

fn with_url() -> BoxedStrategy<Outcome> {
    answer_where(|answer| {
        answer.url = Some(
            answer
                .url
                .take()
                .unwrap_or_else(|| "https://t.me/example?start=1".to_owned()),
        );
        answer.has_url = true;
    })
}

/// An inline keyboard whose first button is of `first`'s kind, in the private chat or the
/// group, from the bot or via inline mode.
fn message(
    layer: u32,
    first: ButtonKind,
    group: bool,
    via_inline: bool,
) -> impl Strategy<Value = Message> {
    gen::inline_markup(layer).prop_map(move |mut markup| {
        if let Markup::Inline { rows } = &mut markup {
            rows.insert(
                0,
                vec![Button {
                    text: "Go".to_owned(),
                    style: None,
                    kind: first.clone(),
                }],
            );
        }
        let mut message = if group {
            gen::group_message(7, Some(markup), true, false)
        } else {
            gen::private_message(7, Some(markup))
        };
        if via_inline {
            message.origin = MessageOrigin::ViaInline;
        }
        message
    })
}

fn first_press(message: &Message) -> ClientInput {
    ClientInput::Press {
        chat: message.chat,
        msg_id: message.msg_id,
        row: 0,
        column: 0,
    }
}

/// The first button pressed and `outcome` delivered, then random presses and answers.
fn answered(
    first: BoxedStrategy<ButtonKind>,
    outcome: BoxedStrategy<Outcome>,
) -> BoxedStrategy<Subject> {
    gen::layer()
        .prop_flat_map(move |layer| {
            let message = (first.clone(), any::<[bool; 2]>()).prop_flat_map(
                move |(kind, [group, via_inline])| message(layer, kind, group, via_inline),
            );
            let later =
                proptest::collection::vec((any::<proptest::sample::Index>(), answer()), 0..3);
            (Just(layer), message, outcome.clone(), later, any::<bool>())
        })
        .prop_map(|(layer, message, outcome, later, has_password)| {
            let mut inputs = vec![
                ClientInput::Receive {
                    message: message.clone(),
                },
                first_press(&message),
                ClientInput::Result { outcome },
            ];
            for (index, outcome) in later {
                inputs.push(press(&message, index));
                inputs.push(ClientInput::Result { outcome });
            }
            subject(layer, setup(has_password), inputs)
        })
        .boxed()
}

fn with_password(subjects: BoxedStrategy<Subject>) -> BoxedStrategy<Subject> {
    subjects
        .prop_map(|mut subject| {
            if let Subject::Client(trace) = &mut subject {
                trace.setup.has_password = true;
                let inputs = trace.steps.iter().map(|step| step.input.clone()).collect();
                return super::support::subject(trace.layer, trace.setup.clone(), inputs);
            }
            subject
        })
        .boxed()
}

fn pressed_in_group(first: BoxedStrategy<ButtonKind>) -> BoxedStrategy<Subject> {
    (gen::layer(), first)
        .prop_flat_map(|(layer, kind)| (Just(layer), message(layer, kind, true, false), answer()))
        .prop_map(|(layer, message, outcome)| {
            subject(
                layer,
                setup(false),
                vec![
                    ClientInput::Receive {
                        message: message.clone(),
                    },
                    first_press(&message),
                    ClientInput::Result { outcome },
                ],
            )
        })
        .boxed()
}

fn business_press() -> BoxedStrategy<Subject> {
    (gen::layer_from(177), callback(Some(false)))
        .prop_flat_map(|(layer, kind)| (Just(layer), message(layer, kind, false, false), answer()))
        .prop_map(|(layer, mut message, outcome)| {
            message.origin = MessageOrigin::Business {
                connection_id: "conn".to_owned(),
            };
            subject(
                layer,
                setup(false),
                vec![
                    ClientInput::Receive {
                        message: message.clone(),
                    },
                    first_press(&message),
                    ClientInput::Result { outcome },
                ],
            )
        })
        .boxed()
}

/// How the second press relates to the first answer.
#[derive(Debug, Clone, Copy)]
enum Repeat {
    /// The same button again, `wait` seconds later.
    Same,
    /// The same button once the answer's cache_time has passed (plus `wait`).
    Expired,
    /// A button with other data on the same message, `wait` seconds later.
    OtherData,
}

/// Steps: receive, press, answer, wait, press again (step 4), its answer; then nothing.
/// `zero` gives the first answer cache_time 0, else one above the wait.
fn pressed_twice(
    first: BoxedStrategy<ButtonKind>,
    zero: bool,
    wait: std::ops::Range<u32>,
    repeat: Repeat,
) -> BoxedStrategy<Subject> {
    (
        gen::layer(),
        first,
        wait,
        select(&[5i32, 30, 3600][..]),
        any::<[bool; 2]>(),
    )
        .prop_flat_map(|(layer, kind, wait, cache_time, [group, has_password])| {
            (
                Just((layer, wait, cache_time, has_password)),
                message(layer, kind, group, false),
                gen::answer(),
                gen::answer(),
            )
        })
        .prop_map(
            move |(
                (layer, wait, cache_time, has_password),
                mut message,
                mut first_answer,
                second_answer,
            )| {
                first_answer.cache_time = if zero {
                    0
                } else {
                    cache_time.max(wait as i32 + 1)
                };
                let (seconds, column) = match repeat {
                    Repeat::Same => (wait, 0),
                    Repeat::Expired => (first_answer.cache_time as u32 + wait, 0),
                    Repeat::OtherData => (wait, 1),
                };
                if let (Repeat::OtherData, Some(Markup::Inline { rows })) =
                    (repeat, &mut message.markup)
                {
                    if let Some(ButtonKind::Callback {
                        data,
                        requires_password,
                    }) = rows
                        .first()
                        .and_then(|row| row.first())
                        .map(|b| b.kind.clone())
                    {
                        let other = ButtonKind::Callback {
                            data: [data, vec![b'+']].concat(),
                            requires_password,
                        };
                        rows[0].push(Button {
                            text: "Other".to_owned(),
                            style: None,
                            kind: other,
                        });
                    }
                }
                let inputs = vec![
                    ClientInput::Receive {
                        message: message.clone(),
                    },
                    first_press(&message),
                    ClientInput::Result {
                        outcome: Ok(Reply::BotCallbackAnswer {
                            answer: first_answer,
                        }),
                    },
                    ClientInput::Advance { seconds },
                    ClientInput::Press {
                        chat: message.chat,
                        msg_id: message.msg_id,
                        row: 0,
                        column,
                    },
                    ClientInput::Result {
                        outcome: Ok(Reply::BotCallbackAnswer {
                            answer: second_answer,
                        }),
                    },
                ];
                subject(layer, setup(has_password), inputs)
            },
        )
        .boxed()
}

fn is_query(output: &ClientOutput) -> bool {
    matches!(
        output,
        ClientOutput::Call {
            call: Call::GetBotCallbackAnswer { .. }
        }
    )
}

/// A callback answer as the client received it.
struct Received {
    at: u64,
    answer: CallbackAnswer,
    game: bool,
    requires_password: bool,
}

impl Received {
    fn fresh(&self, now: u64) -> bool {
        now < self
            .at
            .saturating_add_signed(i64::from(self.answer.cache_time))
    }

    /// What the reference's cache keeps: positive cache_time, neither game nor password.
    fn cacheable(&self) -> bool {
        self.answer.cache_time > 0 && !self.game && !self.requires_password
    }
}

/// What a faulty cache holds for a press: the last answer received for the press's own key,
/// and the last answer the reference would cache for any button of the same message.
struct Held<'a> {
    now: u64,
    own: Option<&'a Received>,
    same_message: Option<&'a Received>,
}

/// Every press the reference sends a query for, answered instead from a faulty cache where
/// `serves` finds an answer in it: no query, that answer shown again.
fn serve_when(
    subject: &mut Subject,
    serves: for<'a> fn(&Held<'a>) -> Option<&'a Received>,
) -> bool {
    let mut by_key: BTreeMap<CacheKey, Received> = BTreeMap::new();
    let mut by_message: BTreeMap<(i64, i32), Received> = BTreeMap::new();
    each_step(subject, |before, input, outputs| {
        let now = before.now();
        match input {
            ClientInput::Result {
                outcome: Ok(Reply::BotCallbackAnswer { answer }),
            } => {
                if let Some(Pending::Callback {
                    key,
                    game,
                    requires_password,
                }) = before.pending().front()
                {
                    let received = || Received {
                        at: now,
                        answer: answer.clone(),
                        game: *game,
                        requires_password: *requires_password,
                    };
                    if received().cacheable() {
                        by_message.insert((key.chat, key.msg_id), received());
                    }
                    by_key.insert(key.clone(), received());
                }
                false
            }
            ClientInput::Press {
                chat,
                msg_id,
                row,
                column,
            } if outputs.iter().any(is_query) => {
                let Some((_, button)) = before.pressable(*chat, *msg_id, *row, *column) else {
                    return false;
                };
                let data = match &button.kind {
                    ButtonKind::Callback { data, .. } => Some(data.clone()),
                    _ => None,
                };
                let key = CacheKey {
                    chat: *chat,
                    msg_id: *msg_id,
                    data,
                };
                let held = Held {
                    now,
                    own: by_key.get(&key),
                    same_message: by_message.get(&(*chat, *msg_id)),
                };
                let Some(served) = serves(&held) else {
                    return false;
                };
                outputs.retain(|output| !is_query(output));
                show_answer(&served.answer, served.game, outputs);
                true
            }
            _ => false,
        }
    })
}

/// The cache never looks at the answer's age.
fn serve_expired(subject: &mut Subject) -> bool {
    serve_when(subject, |held| {
        held.own
            .filter(|own| own.cacheable() && !own.fresh(held.now))
    })
}

/// An answer with cache_time 0 is kept (and never expires).
fn serve_zero_cache_time(subject: &mut Subject) -> bool {
    serve_when(subject, |held| {
        held.own
            .filter(|own| own.answer.cache_time == 0 && !own.game && !own.requires_password)
    })
}

/// Answers to game and requires_password buttons are cached like any other.
fn serve_uncacheable(subject: &mut Subject) -> bool {
    serve_when(subject, |held| {
        held.own.filter(|own| {
            (own.game || own.requires_password) && own.answer.cache_time > 0 && own.fresh(held.now)
        })
    })
}

/// Answers are cached by chat and message only: a button with other data on the same
/// message gets the last one.
fn serve_other_data(subject: &mut Subject) -> bool {
    serve_when(subject, |held| {
        held.same_message.filter(|last| last.fresh(held.now))
    })
}

fn query_cached_press(subject: &mut Subject) -> bool {
    let Subject::Client(trace) = subject else {
        return false;
    };
    let query = trace
        .steps
        .get(1)
        .and_then(|step| step.outputs.iter().find(|output| is_query(output)))
        .cloned();
    match (query, trace.steps.get_mut(4)) {
        (Some(query), Some(step)) if !step.outputs.iter().any(is_query) => {
            step.outputs.push(query);
            true
        }
        _ => false,
    }
}

/// No query for a press on a message a bot sent through a business connection.
fn drop_business_query(subject: &mut Subject) -> bool {
    each_step(subject, |before, input, outputs| {
        let ClientInput::Press {
            chat,
            msg_id,
            row,
            column,
        } = input
        else {
            return false;
        };
        let business = before
            .pressable(*chat, *msg_id, *row, *column)
            .is_some_and(|(message, _)| matches!(message.origin, MessageOrigin::Business { .. }));
        let dropped = business && outputs.iter().any(is_query);
        outputs.retain(|output| !dropped || !is_query(output));
        dropped
    })
}

fn query_the_bot(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::GetBotCallbackAnswer { peer, .. } => std::mem::replace(peer, BOT) != BOT,
        _ => false,
    })
}

fn truncate_data(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::GetBotCallbackAnswer {
            data: Some(data), ..
        } => data.pop().is_some(),
        _ => false,
    })
}

fn game_without_flag(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::GetBotCallbackAnswer { game, .. } => std::mem::replace(game, false),
        _ => false,
    })
}

fn drop_password(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::GetBotCallbackAnswer { password, .. } => std::mem::replace(password, false),
        _ => false,
    })
}

fn add_password(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::GetBotCallbackAnswer { password, .. } => !std::mem::replace(password, true),
        _ => false,
    })
}

/// The query sent again when `error` comes back for it.
fn resend_after(error: &'static str) -> fn(&mut Subject) -> bool {
    fn resend(subject: &mut Subject, error: &str) -> bool {
        let Subject::Client(trace) = subject else {
            return false;
        };
        let query = trace
            .steps
            .get(1)
            .and_then(|step| step.outputs.iter().find(|output| is_query(output)))
            .cloned();
        let Some(query) = query else { return false };
        let failed = |input: &ClientInput| matches!(input, ClientInput::Result { outcome: Err(e) } if e.message == error);
        at_step(
            subject,
            |input, _| failed(input),
            |_, outputs| outputs.push(query),
        )
    }
    if error == BOT_RESPONSE_TIMEOUT {
        |subject| resend(subject, BOT_RESPONSE_TIMEOUT)
    } else {
        |subject| resend(subject, "Timeout")
    }
}

fn drop_toast(subject: &mut Subject) -> bool {
    at_step(
        subject,
        |input, outputs| {
            matches!(input, ClientInput::Result { .. })
                && has_ui(outputs, |ui| matches!(ui, Ui::Toast { .. }))
        },
        |_, outputs| {
            outputs.retain(|output| {
                !matches!(
                    output,
                    ClientOutput::Ui {
                        ui: Ui::Toast { .. }
                    }
                )
            })
        },
    )
}

fn alert_as_toast(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui {
        Ui::Alert { text } => {
            *ui = Ui::Toast {
                text: std::mem::take(text),
            };
            true
        }
        _ => false,
    })
}

/// Only the URL an answer brings is confirmed: a URL button's own prompt is another rule's.
fn confirm_answer_url(subject: &mut Subject) -> bool {
    let opens_unconfirmed = |ui: &Ui| matches!(ui, Ui::OpenUrl { confirm: false, .. });
    at_step(
        subject,
        |input, outputs| {
            matches!(input, ClientInput::Result { outcome: Ok(Reply::BotCallbackAnswer { answer }) } if answer.url.is_some())
                && has_ui(outputs, opens_unconfirmed)
        },
        |_, outputs| {
            for output in outputs {
                if let ClientOutput::Ui {
                    ui: Ui::OpenUrl { confirm, .. },
                } = output
                {
                    *confirm = true;
                }
            }
        },
    )
}

fn flip_native(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui {
        Ui::OpenGame { native, .. } => {
            *native = !*native;
            true
        }
        _ => false,
    })
}
