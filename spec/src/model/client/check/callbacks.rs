//! Callback and game buttons: the query, the answer shown, timeouts and the answer cache.

use std::collections::BTreeMap;

use crate::model::answer::CallbackAnswer;
use crate::model::button::ButtonKind;
use crate::model::call::{Call, Reply};
use crate::model::chat::MessageOrigin;

use super::super::cache::CacheKey;
use super::super::flow::Pending;
use super::super::session::{show_answer, BOT_RESPONSE_TIMEOUT};
use super::super::{ClientInput, ClientOutput, Ui};
use super::{Answered, Ctx};

/// The error code of a generic server-side timeout (`-503 Timeout`).
const TIMEOUT_CODE: i32 = -503;

pub(super) fn check(ctx: &mut Ctx, answers: &mut BTreeMap<CacheKey, Answered>) {
    match ctx.input {
        ClientInput::Press {
            chat,
            msg_id,
            row,
            column,
        } => press(ctx, answers, *chat, *msg_id, *row, *column),
        ClientInput::Result { outcome } => {
            let Some(Pending::Callback { key, game, .. }) = ctx.before.pending().front().cloned()
            else {
                return;
            };
            let now = ctx.before.now();
            match outcome {
                Ok(Reply::BotCallbackAnswer { answer }) => {
                    answer_shown(ctx, answer, game);
                    answers.insert(
                        key,
                        Answered::Answer {
                            at: now,
                            cache_time: answer.cache_time,
                            shown: display(answer, game),
                        },
                    );
                }
                Err(error) if error.message == BOT_RESPONSE_TIMEOUT => {
                    for (j, call) in queries(ctx) {
                        ctx.report("CB-10", Some(j), format!("after BOT_RESPONSE_TIMEOUT the press ends: expected no query resent by itself; got {call:?}"));
                    }
                    let shown: Vec<(usize, Ui)> = ctx
                        .uis()
                        .filter(|(_, ui)| matches!(ui, Ui::OpenUrl { .. } | Ui::OpenGame { .. }))
                        .map(|(j, ui)| (j, ui.clone()))
                        .collect();
                    for (j, ui) in shown {
                        ctx.report(
                            "CB-10",
                            Some(j),
                            format!(
                                "after BOT_RESPONSE_TIMEOUT there is no answer to show; got {ui:?}"
                            ),
                        );
                    }
                    answers.insert(key, Answered::TimedOut);
                }
                Err(error) if error.code == TIMEOUT_CODE => {
                    for (j, call) in queries(ctx) {
                        ctx.report("CB-11", Some(j), format!("after -503 {}, expected no query resent by itself (only a new press sends one); got {call:?}", error.message));
                    }
                }
                _ => {}
            }
        }
        _ => {}
    }
}

fn press(
    ctx: &mut Ctx,
    answers: &BTreeMap<CacheKey, Answered>,
    chat: i64,
    msg_id: i32,
    row: usize,
    column: usize,
) {
    let Some((message, button)) = ctx.before.pressable(chat, msg_id, row, column) else {
        return;
    };
    let (data, requires_password, game) = match &button.kind {
        ButtonKind::Callback {
            data,
            requires_password,
        } => (Some(data.clone()), *requires_password, false),
        ButtonKind::Game => (None, false, true),
        _ => return,
    };
    let business = matches!(message.origin, MessageOrigin::Business { .. });
    let key = CacheKey {
        chat,
        msg_id,
        data: data.clone(),
    };
    let now = ctx.before.now();
    let sent = queries(ctx);
    let expected = ctx
        .expected_calls()
        .any(|call| matches!(call, Call::GetBotCallbackAnswer { .. }));
    if expected && sent.is_empty() {
        let (rule, why) = match answers.get(&key) {
            _ if served_another_key(ctx, &key, answers.get(&key), now) => ("CB-21", format!("what it shows is the answer cached for another button; (chat {chat}, message {msg_id}, data {data:?}) has none of its own")),
            Some(_) if game || requires_password => ("CB-20", "answers to game and requires_password buttons are never cached".to_owned()),
            Some(Answered::TimedOut) => ("CB-10", "the last query of this button timed out (BOT_RESPONSE_TIMEOUT) and the button stays pressable".to_owned()),
            Some(Answered::Answer { cache_time, .. }) if *cache_time <= 0 => ("CB-19", format!("the last answer had cache_time {cache_time} and is never cached")),
            Some(Answered::Answer { at, cache_time, .. }) => {
                ("CB-18", format!("the answer of t={at} with cache_time {cache_time} expired at t={}, it is now t={now}", at.saturating_add_signed(i64::from(*cache_time))))
            }
            None if ctx.before.cache().fresh(now).any(|(cached, _)| *cached != key) => {
                ("CB-21", format!("no answer is cached for (chat {chat}, message {msg_id}, data {data:?}); another key's answer does not apply"))
            }
            None if business && ctx.layer() >= 177 => ("CB-32", "the message came through a business connection".to_owned()),
            None => ("CB-01", "no answer is cached for it".to_owned()),
        };
        ctx.report(rule, None, format!("expected messages.getBotCallbackAnswer for the press on message {msg_id} of chat {chat} ({why}); got none"));
    }
    if !expected && !sent.is_empty() {
        ctx.report("CB-17", sent.first().map(|(j, _)| *j), format!("an answer for (chat {chat}, message {msg_id}, data {data:?}) is cached until its cache_time: expected it served without a query; got one"));
    }
    if !expected && sent.is_empty() {
        if let Some(answer) = ctx.before.cache().get(&key, now).cloned() {
            answer_shown(ctx, &answer, false);
        }
    }
    let has_password = ctx.before.setup().has_password;
    for (j, call) in sent {
        let Call::GetBotCallbackAnswer {
            peer,
            msg_id: queried,
            data: sent_data,
            game: game_flag,
            password,
        } = &call
        else {
            continue;
        };
        if *peer != chat || *queried != msg_id {
            ctx.report("CB-01", Some(j), format!("expected the query for message {msg_id} of chat {chat}; got message {queried} of {peer}"));
        }
        if game {
            if !game_flag || sent_data.is_some() {
                ctx.report("CB-03", Some(j), format!("a game button's query sets game and no data; got game: {game_flag}, data: {sent_data:?}"));
            }
        } else if *sent_data != data || *game_flag {
            ctx.report("CB-02", Some(j), format!("a callback button's query carries data {data:?} unchanged and no game flag; got data: {sent_data:?}, game: {game_flag}"));
        }
        if requires_password && has_password && !password {
            ctx.report("CB-04", Some(j), "the button requires the password and the account has one: expected the SRP check in password; got none".to_owned());
        }
        if !requires_password && *password {
            ctx.report(
                "CB-05",
                Some(j),
                "the button does not require the password: expected no SRP check; got one"
                    .to_owned(),
            );
        }
    }
}

/// Whether the step shows, instead of querying, an answer still cached for another key, and
/// not the last answer of the pressed key itself: the cache was looked up with a wrong key.
fn served_another_key(ctx: &Ctx, key: &CacheKey, own: Option<&Answered>, now: u64) -> bool {
    let shown = answer_uis(ctx.actual.iter().filter_map(|output| match output {
        ClientOutput::Ui { ui } => Some(ui.clone()),
        ClientOutput::Call { .. } => None,
    }));
    let own_shown = match own {
        Some(Answered::Answer { shown, .. }) => Some(shown),
        _ => None,
    };
    !shown.is_empty()
        && own_shown != Some(&shown)
        && ctx
            .before
            .cache()
            .fresh(now)
            .any(|(cached, entry)| cached != key && display(&entry.answer, false) == shown)
}

/// What the user sees of `answer`.
fn display(answer: &CallbackAnswer, game: bool) -> Vec<Ui> {
    let mut out = Vec::new();
    show_answer(answer, game, &mut out);
    answer_uis(out.into_iter().filter_map(|output| match output {
        ClientOutput::Ui { ui } => Some(ui),
        ClientOutput::Call { .. } => None,
    }))
}

/// The effects that show a callback answer, among `uis`.
fn answer_uis(uis: impl Iterator<Item = Ui>) -> Vec<Ui> {
    uis.filter(|ui| {
        matches!(
            ui,
            Ui::Toast { .. } | Ui::Alert { .. } | Ui::OpenUrl { .. } | Ui::OpenGame { .. }
        )
    })
    .collect()
}

/// The getBotCallbackAnswer calls of the step.
fn queries(ctx: &Ctx) -> Vec<(usize, Call)> {
    ctx.calls()
        .filter(|(_, call)| matches!(call, Call::GetBotCallbackAnswer { .. }))
        .map(|(j, call)| (j, call.clone()))
        .collect()
}

/// What the user must see of an answer: its message as a toast or a dialog, its URL opened.
fn answer_shown(ctx: &mut Ctx, answer: &CallbackAnswer, game: bool) {
    if let Some(text) = &answer.message {
        if answer.alert {
            if !ctx
                .uis()
                .any(|(_, ui)| matches!(ui, Ui::Alert { text: shown } if shown == text))
            {
                ctx.report(
                    "CB-13",
                    None,
                    format!("the answer sets alert: expected {text:?} in a dialog; got none"),
                );
            }
        } else if !ctx
            .uis()
            .any(|(_, ui)| matches!(ui, Ui::Toast { text: shown } if shown == text))
        {
            ctx.report(
                "CB-12",
                None,
                format!("expected the answer's message {text:?} as a toast; got none"),
            );
        }
    }
    let Some(url) = &answer.url else { return };
    if game {
        let opened: Vec<(usize, bool)> = ctx
            .uis()
            .filter(|(_, ui)| matches!(ui, Ui::OpenGame { url: o, .. } if o == url))
            .map(|(j, ui)| (j, matches!(ui, Ui::OpenGame { native: true, .. })))
            .collect();
        if opened.is_empty() {
            ctx.report(
                "CB-14",
                None,
                format!("expected the answer's game URL {url:?} opened; got none"),
            );
        }
        for (j, native) in opened
            .into_iter()
            .filter(|(_, native)| *native != answer.native_ui)
        {
            ctx.report("CB-16", Some(j), format!("the answer has native_ui: {}: expected the game opened with native: {}; got native: {native}", answer.native_ui, answer.native_ui));
        }
    } else {
        let opened: Vec<(usize, bool)> = ctx
            .uis()
            .filter(|(_, ui)| matches!(ui, Ui::OpenUrl { url: o, .. } if o == url))
            .map(|(j, ui)| (j, matches!(ui, Ui::OpenUrl { confirm: true, .. })))
            .collect();
        if opened.is_empty() {
            ctx.report(
                "CB-14",
                None,
                format!("expected the answer's URL {url:?} opened; got none"),
            );
        }
        for (j, _) in opened.into_iter().filter(|(_, confirm)| *confirm) {
            ctx.report(
                "CB-14",
                Some(j),
                format!("the answer's URL {url:?} opens without asking; got confirm: true"),
            );
        }
    }
}
