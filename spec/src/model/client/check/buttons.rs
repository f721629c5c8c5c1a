//! What a press of a text, URL or switch-inline button does.

use crate::model::button::ButtonKind;
use crate::model::call::Call;

use super::super::session::is_internal;
use super::super::{ClientInput, Ui};
use super::Ctx;

pub(super) fn check(ctx: &mut Ctx) {
    let ClientInput::Press {
        chat,
        msg_id,
        row,
        column,
    } = *ctx.input
    else {
        return;
    };
    let Some((message, button)) = ctx.before.pressable(chat, msg_id, row, column) else {
        return;
    };
    match &button.kind {
        ButtonKind::Text => {
            let sent: Vec<(usize, Call)> = ctx
                .calls()
                .filter(|(_, call)| matches!(call, Call::SendMessage { .. }))
                .map(|(j, c)| (j, c.clone()))
                .collect();
            if sent.is_empty() {
                ctx.report("KB-24", None, format!("expected messages.sendMessage of {:?} to chat {chat} replying to message {msg_id}; got none", button.text));
            }
            for (j, call) in sent {
                if let Call::SendMessage {
                    peer,
                    text,
                    reply_to,
                    ..
                } = &call
                {
                    if *peer != chat || *text != button.text || *reply_to != Some(msg_id) {
                        ctx.report("KB-24", Some(j), format!("expected messages.sendMessage of {:?} to chat {chat} replying to message {msg_id}; got text {text:?} to {peer} replying to {reply_to:?}", button.text));
                    }
                }
            }
        }
        ButtonKind::Url { url } => {
            let confirm = !is_internal(url);
            let opened: Vec<(usize, String, bool)> = ctx
                .uis()
                .filter_map(|(j, ui)| match ui {
                    Ui::OpenUrl { url, confirm } => Some((j, url.clone(), *confirm)),
                    _ => None,
                })
                .collect();
            if opened.is_empty() {
                ctx.report(
                    "KB-25",
                    None,
                    format!("expected {url:?} opened (confirm: {confirm}); got no OpenUrl"),
                );
            }
            for (j, opened_url, asked) in opened {
                if opened_url != *url || asked != confirm {
                    let why = if confirm {
                        "an external URL needs the user's confirmation"
                    } else {
                        "an internal URI opens at once"
                    };
                    ctx.report("KB-25", Some(j), format!("expected {url:?} opened with confirm: {confirm} ({why}); got {opened_url:?} with confirm: {asked}"));
                }
            }
        }
        ButtonKind::SwitchInline { query, same_peer } => {
            let expected = Ui::InlineQuery {
                bot: message.bot,
                query: query.clone(),
                chat: same_peer.then_some(chat),
            };
            let started: Vec<(usize, Ui)> = ctx
                .uis()
                .filter(|(_, ui)| matches!(ui, Ui::InlineQuery { .. }))
                .map(|(j, ui)| (j, ui.clone()))
                .collect();
            if started.is_empty() {
                ctx.report(
                    "KB-26",
                    None,
                    format!("expected {expected:?}; got no InlineQuery"),
                );
            }
            for (j, ui) in started.into_iter().filter(|(_, ui)| *ui != expected) {
                ctx.report(
                    "KB-26",
                    Some(j),
                    format!("expected {expected:?}; got {ui:?}"),
                );
            }
        }
        _ => {}
    }
}
