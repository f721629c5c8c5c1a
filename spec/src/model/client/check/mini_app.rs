//! A Mini App's web_app_request_chat: the button fetched, and the one outcome it is owed.

use std::collections::BTreeMap;

use crate::model::button::{Button, ButtonKind};
use crate::model::call::{Call, Reply};

use super::super::flow::Pending;
use super::super::session::MANAGED_BOTS_LAYER;
use super::super::{ClientInput, ClientOutput, MiniAppEvent, Ui};
use super::Ctx;

pub(super) fn check(ctx: &mut Ctx, requests: &mut BTreeMap<String, u32>) {
    if ctx.layer() < MANAGED_BOTS_LAYER {
        return;
    }
    if let ClientInput::MiniAppRequestChat { bot, req_id } = ctx.input {
        let fetched: Vec<(usize, Call)> = ctx
            .calls()
            .filter(|(_, call)| matches!(call, Call::GetRequestedWebViewButton { .. }))
            .map(|(j, c)| (j, c.clone()))
            .collect();
        let wanted = Call::GetRequestedWebViewButton {
            bot: *bot,
            webapp_req_id: req_id.clone(),
        };
        if fetched.is_empty() {
            ctx.report(
                "MA-05",
                None,
                format!("expected {wanted:?}; got no bots.getRequestedWebViewButton"),
            );
        }
        for (j, call) in fetched.into_iter().filter(|(_, call)| *call != wanted) {
            ctx.report("MA-05", Some(j), format!("expected {wanted:?} (the bot owning the Mini App, req_id unchanged); got {call:?}"));
        }
        *requests.entry(req_id.clone()).or_default() += 1;
    }
    // The button the Mini App's bot prepared is not a peer request: no flow can follow.
    let not_a_peer_request = matches!(
        ctx.before.pending().front(),
        Some(Pending::WebViewButton { .. })
    ) && matches!(ctx.input, ClientInput::Result { outcome: Ok(Reply::Button { button: Button { kind, .. } }) } if !matches!(kind, ButtonKind::RequestPeer(_)));
    if not_a_peer_request {
        let flows: Vec<(usize, String)> = ctx
            .actual
            .iter()
            .enumerate()
            .filter_map(|(j, output)| match output {
                ClientOutput::Ui {
                    ui: ui @ (Ui::PeerSelection { .. } | Ui::BotCreation { .. }),
                } => Some((j, format!("{ui:?}"))),
                ClientOutput::Call {
                    call: call @ Call::SendBotRequestedPeer { .. },
                } => Some((j, format!("{call:?}"))),
                _ => None,
            })
            .collect();
        for (j, what) in flows {
            ctx.report("MA-08", Some(j), format!("the prepared button is not a peer request: expected no flow and no share; got {what}"));
        }
    }
    outcomes(ctx, requests, not_a_peer_request);
}

fn events<'a>(uis: impl Iterator<Item = (usize, &'a Ui)>) -> Vec<(usize, String, bool)> {
    uis.filter_map(|(j, ui)| match ui {
        Ui::MiniApp {
            event: MiniAppEvent::RequestedChatSent { req_id },
            ..
        } => Some((j, req_id.clone(), true)),
        Ui::MiniApp {
            event: MiniAppEvent::RequestedChatFailed { req_id },
            ..
        } => Some((j, req_id.clone(), false)),
        _ => None,
    })
    .collect()
}

/// requested_chat_sent after the share succeeded, requested_chat_failed otherwise: one
/// event per request.
fn outcomes(ctx: &mut Ctx, requests: &mut BTreeMap<String, u32>, not_a_peer_request: bool) {
    let actual = events(ctx.uis());
    let expected = events(ctx.expected_uis().enumerate());
    for (j, req_id, sent) in &actual {
        let open = requests.get(req_id).is_some_and(|owed| *owed > 0);
        let expected_here = expected
            .iter()
            .find(|(_, r, _)| r == req_id)
            .map(|(_, _, sent)| *sent);
        let name = if *sent {
            "requested_chat_sent"
        } else {
            "requested_chat_failed"
        };
        if !open {
            ctx.report("MA-12", Some(*j), format!("request {req_id:?} has already ended (or was never made): expected no further event; got {name}"));
        } else if *sent && expected_here != Some(true) {
            ctx.report("MA-13", Some(*j), format!("requested_chat_sent comes only after messages.sendBotRequestedPeer succeeded; got it for {req_id:?} with no successful share"));
        } else if !*sent && expected_here != Some(false) {
            let when = if expected_here == Some(true) {
                "the share succeeded"
            } else {
                "the request is still under way"
            };
            ctx.report(
                "MA-12",
                Some(*j),
                format!("{when}: expected no requested_chat_failed for {req_id:?}; got one"),
            );
        }
        settle(requests, req_id);
    }
    for (_, req_id, sent) in expected {
        if actual.iter().any(|(_, r, _)| *r == req_id)
            || requests.get(&req_id).is_none_or(|owed| *owed == 0)
        {
            continue;
        }
        settle(requests, &req_id);
        if sent {
            ctx.report("MA-12", None, format!("messages.sendBotRequestedPeer succeeded: expected requested_chat_sent for {req_id:?}; got none"));
        } else if not_a_peer_request {
            ctx.report("MA-08", None, format!("the prepared button is not a peer request: expected requested_chat_failed for {req_id:?}; got none"));
        } else {
            ctx.report("MA-14", None, format!("the request ended without a share (cancelled, or a call failed): expected requested_chat_failed for {req_id:?}; got none"));
        }
    }
}

/// One outcome of `req_id` given: one request fewer is owed one.
fn settle(requests: &mut BTreeMap<String, u32>, req_id: &str) {
    if let Some(owed) = requests.get_mut(req_id) {
        *owed = owed.saturating_sub(1);
    }
}
