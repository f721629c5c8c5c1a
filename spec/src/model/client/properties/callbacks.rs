//! Callback and game buttons: the query, the answer shown, timeouts and the answer cache.

use proptest::prelude::*;
use proptest::sample::select;

use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind};
use crate::model::call::{Call, Outcome, Reply, RpcError};
use crate::model::chat::{Message, MessageOrigin};
use crate::model::client::gen::{self, BOT};
use crate::model::client::session::BOT_RESPONSE_TIMEOUT;
use crate::model::client::{ClientInput, ClientOutput, Ui};
use crate::model::markup::Markup;
use crate::model::property::Property;
use crate::model::subject::Subject;

use super::support::{at_step, first_call, first_ui, has_ui, press, setup, subject};

pub(super) fn all() -> Vec<Property> {
    vec![
        Property { rule: "CB-01", bug: "client-queries-the-bot-instead-of-the-chat", valid: || pressed_in_group(callback(Some(false))), inject: query_the_bot, also: &[] },
        Property { rule: "CB-02", bug: "client-callback-data-truncated", valid: || answered(callback(None), answer()), inject: truncate_data, also: &[] },
        Property { rule: "CB-03", bug: "client-game-button-as-callback", valid: || answered(game(), answer()), inject: game_without_flag, also: &[] },
        Property { rule: "CB-04", bug: "client-password-button-without-srp", valid: || with_password(answered(callback(Some(true)), answer())), inject: drop_password, also: &[] },
        Property { rule: "CB-05", bug: "client-srp-on-every-button", valid: || with_password(answered(callback(Some(false)), answer())), inject: add_password, also: &[] },
        Property { rule: "CB-10", bug: "client-resends-query-after-bot-timeout", valid: || answered(callback(None), failed(BOT_RESPONSE_TIMEOUT)), inject: resend_after(BOT_RESPONSE_TIMEOUT), also: &[] },
        Property { rule: "CB-11", bug: "client-resends-query-after-server-timeout", valid: || answered(callback(None), failed("Timeout")), inject: resend_after("Timeout"), also: &[] },
        Property { rule: "CB-12", bug: "client-answer-message-not-shown", valid: || answered(callback(None), shown_as(false)), inject: drop_toast, also: &[] },
        Property { rule: "CB-13", bug: "client-alert-shown-as-toast", valid: || answered(callback(None), shown_as(true)), inject: alert_as_toast, also: &[] },
        Property { rule: "CB-14", bug: "client-answer-url-needs-confirmation", valid: || answered(callback(None), with_url()), inject: confirm_answer_url, also: &[] },
        Property { rule: "CB-16", bug: "client-native-ui-ignored", valid: || answered(game(), with_url()), inject: flip_native, also: &[] },
        Property { rule: "CB-17", bug: "client-never-caches-answers", valid: || pressed_twice(callback(Some(false)), false, 1..5, Repeat::Same), inject: query_cached_press, also: &[] },
        Property { rule: "CB-18", bug: "client-serves-expired-cached-answer", valid: || pressed_twice(callback(Some(false)), false, 0..100, Repeat::Expired), inject: serve_from_cache, also: &[] },
        Property { rule: "CB-19", bug: "client-caches-zero-cache-time", valid: || pressed_twice(callback(Some(false)), true, 0..5, Repeat::Same), inject: serve_from_cache, also: &[] },
        Property { rule: "CB-20", bug: "client-caches-game-and-password-answers", valid: || pressed_twice(prop_oneof![game(), callback(Some(true))].boxed(), false, 0..5, Repeat::Same), inject: serve_from_cache, also: &[] },
        Property { rule: "CB-21", bug: "client-cache-key-ignores-data", valid: || pressed_twice(callback(Some(false)), false, 0..5, Repeat::OtherData), inject: serve_from_cache, also: &[] },
        Property { rule: "CB-32", bug: "client-ignores-business-callbacks", valid: business_press, inject: drop_first_query, also: &[] },
    ]
}

fn callback(requires_password: Option<bool>) -> BoxedStrategy<ButtonKind> {
    (gen::data(), any::<bool>()).prop_map(move |(data, any_password)| ButtonKind::Callback { data, requires_password: requires_password.unwrap_or(any_password) }).boxed()
}

fn game() -> BoxedStrategy<ButtonKind> {
    Just(ButtonKind::Game).boxed()
}

fn answer() -> BoxedStrategy<Outcome> {
    gen::answer().prop_map(|answer| Ok(Reply::BotCallbackAnswer { answer })).boxed()
}

fn failed(error: &'static str) -> BoxedStrategy<Outcome> {
    let code = if error == BOT_RESPONSE_TIMEOUT { 400 } else { -503 };
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
        answer.url = Some(answer.url.take().unwrap_or_else(|| "https://t.me/example?start=1".to_owned()));
        answer.has_url = true;
    })
}

/// An inline keyboard whose first button is of `first`'s kind, in the private chat or the
/// group, from the bot or via inline mode.
fn message(layer: u32, first: ButtonKind, group: bool, via_inline: bool) -> impl Strategy<Value = Message> {
    gen::inline_markup(layer).prop_map(move |mut markup| {
        if let Markup::Inline { rows } = &mut markup {
            rows.insert(0, vec![Button { text: "Go".to_owned(), style: None, kind: first.clone() }]);
        }
        let mut message = if group { gen::group_message(7, Some(markup), true, false) } else { gen::private_message(7, Some(markup)) };
        if via_inline {
            message.origin = MessageOrigin::ViaInline;
        }
        message
    })
}

fn first_press(message: &Message) -> ClientInput {
    ClientInput::Press { chat: message.chat, msg_id: message.msg_id, row: 0, column: 0 }
}

/// The first button pressed and `outcome` delivered, then random presses and answers.
fn answered(first: BoxedStrategy<ButtonKind>, outcome: BoxedStrategy<Outcome>) -> BoxedStrategy<Subject> {
    gen::layer()
        .prop_flat_map(move |layer| {
            let message = (first.clone(), any::<[bool; 2]>()).prop_flat_map(move |(kind, [group, via_inline])| message(layer, kind, group, via_inline));
            let later = proptest::collection::vec((any::<proptest::sample::Index>(), answer()), 0..3);
            (Just(layer), message, outcome.clone(), later, any::<bool>())
        })
        .prop_map(|(layer, message, outcome, later, has_password)| {
            let mut inputs = vec![ClientInput::Receive { message: message.clone() }, first_press(&message), ClientInput::Result { outcome }];
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
        .prop_map(|(layer, message, outcome)| subject(layer, setup(false), vec![ClientInput::Receive { message: message.clone() }, first_press(&message), ClientInput::Result { outcome }]))
        .boxed()
}

fn business_press() -> BoxedStrategy<Subject> {
    (gen::layer_from(177), callback(Some(false)))
        .prop_flat_map(|(layer, kind)| (Just(layer), message(layer, kind, false, false), answer()))
        .prop_map(|(layer, mut message, outcome)| {
            message.origin = MessageOrigin::Business { connection_id: "conn".to_owned() };
            subject(layer, setup(false), vec![ClientInput::Receive { message: message.clone() }, first_press(&message), ClientInput::Result { outcome }])
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
fn pressed_twice(first: BoxedStrategy<ButtonKind>, zero: bool, wait: std::ops::Range<u32>, repeat: Repeat) -> BoxedStrategy<Subject> {
    (gen::layer(), first, wait, select(&[5i32, 30, 3600][..]), any::<[bool; 2]>())
        .prop_flat_map(|(layer, kind, wait, cache_time, [group, has_password])| (Just((layer, wait, cache_time, has_password)), message(layer, kind, group, false), gen::answer(), gen::answer()))
        .prop_map(move |((layer, wait, cache_time, has_password), mut message, mut first_answer, second_answer)| {
            first_answer.cache_time = if zero { 0 } else { cache_time.max(wait as i32 + 1) };
            let (seconds, column) = match repeat {
                Repeat::Same => (wait, 0),
                Repeat::Expired => (first_answer.cache_time as u32 + wait, 0),
                Repeat::OtherData => (wait, 1),
            };
            if let (Repeat::OtherData, Some(Markup::Inline { rows })) = (repeat, &mut message.markup) {
                if let Some(ButtonKind::Callback { data, requires_password }) = rows.first().and_then(|row| row.first()).map(|b| b.kind.clone()) {
                    let other = ButtonKind::Callback { data: [data, vec![b'+']].concat(), requires_password };
                    rows[0].push(Button { text: "Other".to_owned(), style: None, kind: other });
                }
            }
            let inputs = vec![
                ClientInput::Receive { message: message.clone() },
                first_press(&message),
                ClientInput::Result { outcome: Ok(Reply::BotCallbackAnswer { answer: first_answer }) },
                ClientInput::Advance { seconds },
                ClientInput::Press { chat: message.chat, msg_id: message.msg_id, row: 0, column },
                ClientInput::Result { outcome: Ok(Reply::BotCallbackAnswer { answer: second_answer }) },
            ];
            subject(layer, setup(has_password), inputs)
        })
        .boxed()
}

fn is_query(output: &ClientOutput) -> bool {
    matches!(output, ClientOutput::Call { call: Call::GetBotCallbackAnswer { .. } })
}

/// The second press answered from a cache that must not serve it: no query, the first
/// answer's message shown again.
fn serve_from_cache(subject: &mut Subject) -> bool {
    let Subject::Client(trace) = subject else { return false };
    let shown: Vec<ClientOutput> = trace.steps.get(2).map(|step| step.outputs.clone()).unwrap_or_default();
    let Some(step) = trace.steps.get_mut(4) else { return false };
    if !step.outputs.iter().any(is_query) {
        return false;
    }
    step.outputs.retain(|output| !is_query(output));
    step.outputs.extend(shown);
    true
}

fn query_cached_press(subject: &mut Subject) -> bool {
    let Subject::Client(trace) = subject else { return false };
    let query = trace.steps.get(1).and_then(|step| step.outputs.iter().find(|output| is_query(output))).cloned();
    match (query, trace.steps.get_mut(4)) {
        (Some(query), Some(step)) if !step.outputs.iter().any(is_query) => {
            step.outputs.push(query);
            true
        }
        _ => false,
    }
}

fn drop_first_query(subject: &mut Subject) -> bool {
    at_step(subject, |_, outputs| outputs.iter().any(is_query), |_, outputs| outputs.retain(|output| !is_query(output)))
}

fn query_the_bot(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call { Call::GetBotCallbackAnswer { peer, .. } => std::mem::replace(peer, BOT) != BOT, _ => false })
}

fn truncate_data(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call { Call::GetBotCallbackAnswer { data: Some(data), .. } => data.pop().is_some(), _ => false })
}

fn game_without_flag(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call { Call::GetBotCallbackAnswer { game, .. } => std::mem::replace(game, false), _ => false })
}

fn drop_password(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call { Call::GetBotCallbackAnswer { password, .. } => std::mem::replace(password, false), _ => false })
}

fn add_password(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call { Call::GetBotCallbackAnswer { password, .. } => !std::mem::replace(password, true), _ => false })
}

/// The query sent again when `error` comes back for it.
fn resend_after(error: &'static str) -> fn(&mut Subject) -> bool {
    fn resend(subject: &mut Subject, error: &str) -> bool {
        let Subject::Client(trace) = subject else { return false };
        let query = trace.steps.get(1).and_then(|step| step.outputs.iter().find(|output| is_query(output))).cloned();
        let Some(query) = query else { return false };
        let failed = |input: &ClientInput| matches!(input, ClientInput::Result { outcome: Err(e) } if e.message == error);
        at_step(subject, |input, _| failed(input), |_, outputs| outputs.push(query))
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
        |input, outputs| matches!(input, ClientInput::Result { .. }) && has_ui(outputs, |ui| matches!(ui, Ui::Toast { .. })),
        |_, outputs| outputs.retain(|output| !matches!(output, ClientOutput::Ui { ui: Ui::Toast { .. } })),
    )
}

fn alert_as_toast(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui {
        Ui::Alert { text } => {
            *ui = Ui::Toast { text: std::mem::take(text) };
            true
        }
        _ => false,
    })
}

fn confirm_answer_url(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui { Ui::OpenUrl { confirm, .. } => !std::mem::replace(confirm, true), _ => false })
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
