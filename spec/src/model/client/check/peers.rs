//! Peer requests from a chat or a Mini App: the selection or creation offered, the managed-bot
//! calls, and the messages.sendBotRequestedPeer that shares the result.

use std::collections::BTreeSet;

use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::{Call, Reply};
use crate::model::peer_type::PeerType;

use super::super::filter::{self, Mismatch};
use super::super::flow::{Flow, Pending, Stage};
use super::super::session::{valid_bot_name, valid_bot_username, MANAGED_BOTS_LAYER};
use super::super::{ClientInput, Ui};
use super::Ctx;

pub(super) fn check(ctx: &mut Ctx, accepted: &BTreeSet<String>) {
    match ctx.input {
        ClientInput::Press {
            chat,
            msg_id,
            row,
            column,
        } => {
            let Some((_, button)) = ctx.before.pressable(*chat, *msg_id, *row, *column) else {
                return;
            };
            if let ButtonKind::RequestPeer(button) = &button.kind {
                offered(ctx, button, false);
            }
        }
        ClientInput::Result {
            outcome:
                Ok(Reply::Button {
                    button:
                        Button {
                            kind: ButtonKind::RequestPeer(button),
                            ..
                        },
                }),
        } => {
            if matches!(
                ctx.before.pending().front(),
                Some(Pending::WebViewButton { .. })
            ) {
                offered(ctx, button, true);
            }
        }
        _ => {}
    }
    shares(ctx);
    if ctx.layer() >= MANAGED_BOTS_LAYER {
        creation_calls(ctx, accepted);
    }
}

/// The rule a shared or offered peer breaks by failing one aspect of the filter.
fn filter_rule(mismatch: Mismatch) -> &'static str {
    match mismatch {
        Mismatch::SecretChat => "RP-21",
        Mismatch::Deactivated => "RP-22",
        Mismatch::Kind => "RP-13",
        Mismatch::Bot => "RP-11",
        Mismatch::Premium => "RP-12",
        Mismatch::Creator => "RP-14",
        Mismatch::HasUsername => "RP-15",
        Mismatch::Forum => "RP-16",
        Mismatch::UserAdminRights => "RP-17",
        Mismatch::BotParticipant => "RP-18",
        Mismatch::BotAdminRights => "RP-19",
    }
}

/// Reports every filter aspect `peer` fails; returns whether it failed any.
fn filtered(ctx: &mut Ctx, peer: i64, peer_type: &PeerType, output: usize, what: &str) -> bool {
    let Some(info) = ctx.before.setup().peers.iter().find(|p| p.id == peer) else {
        return false;
    };
    let mismatches = filter::mismatches(info, peer_type);
    for mismatch in &mismatches {
        ctx.report(filter_rule(*mismatch), Some(output), format!("{what} peer {peer}, which fails the button's filter ({mismatch:?}) for {peer_type:?}"));
    }
    !mismatches.is_empty()
}

/// The flow a peer-request button opens: a selection of the peers the filter admits, or the
/// creation form for a create-bot button.
fn offered(ctx: &mut Ctx, button: &RequestPeerButton, mini_app: bool) {
    let creation = ctx
        .expected_uis()
        .find(|ui| matches!(ui, Ui::BotCreation { .. }))
        .cloned();
    let selection = ctx
        .expected_uis()
        .find(|ui| matches!(ui, Ui::PeerSelection { .. }))
        .cloned();
    if let Some(Ui::BotCreation {
        suggested_name,
        suggested_username,
    }) = creation
    {
        let form = ctx.uis().find_map(|(j, ui)| match ui {
            Ui::BotCreation {
                suggested_name,
                suggested_username,
            } => Some((j, suggested_name.clone(), suggested_username.clone())),
            _ => None,
        });
        let Some((j, name, username)) = form else {
            let rule = if mini_app { "MA-07" } else { "MB-03" };
            return ctx.report(rule, None, "a create-bot button opens the managed-bot creation form: expected BotCreation; got none".to_owned());
        };
        if name != suggested_name {
            ctx.report("MB-04", Some(j), format!("expected the form to start with the suggested name {suggested_name:?}; got {name:?}"));
        }
        if username != suggested_username {
            ctx.report("MB-05", Some(j), format!("expected the form to start with the suggested username {suggested_username:?}; got {username:?}"));
        }
    } else if let Some(Ui::PeerSelection {
        candidates: expected,
        max: expected_max,
        ..
    }) = selection
    {
        let offered = ctx.uis().find_map(|(j, ui)| match ui {
            Ui::PeerSelection {
                candidates, max, ..
            } => Some((j, candidates.clone(), *max)),
            _ => None,
        });
        let Some((j, candidates, max)) = offered else {
            let rule = if mini_app { "MA-07" } else { "RP-03" };
            return ctx.report(
                rule,
                None,
                format!(
                    "expected a selection of the peers that satisfy {:?}; got no PeerSelection",
                    button.peer_type
                ),
            );
        };
        for peer in candidates.iter().filter(|peer| !expected.contains(peer)) {
            filtered(ctx, *peer, &button.peer_type, j, "offered");
        }
        for peer in expected.iter().filter(|peer| !candidates.contains(peer)) {
            let creator_without_rights = ctx.before.setup().peers.iter().any(|p| {
                p.id == *peer
                    && p.creator
                    && p.my_rights.is_none_or(|mine| {
                        !chat_user_rights(&button.peer_type).is_none_or(|r| mine.covers(r))
                    })
            });
            if creator_without_rights {
                ctx.report("RP-20", Some(j), format!("peer {peer} was created by the user, who therefore holds every right: expected it offered; it is missing"));
            } else if ctx.layer() >= 169 {
                ctx.report(
                    "RP-10",
                    Some(j),
                    format!(
                        "peer {peer} satisfies {:?}: expected it offered; it is missing",
                        button.peer_type
                    ),
                );
            }
        }
        if max != expected_max && ctx.layer() >= 169 {
            if button.max_quantity < 1 {
                ctx.report("RP-09", Some(j), format!("max_quantity {} is read as 1: expected up to 1 peer offered; got up to {max}", button.max_quantity));
            } else if max > expected_max {
                ctx.report("RP-05", Some(j), format!("max_quantity is {}: expected up to {expected_max} peers offered; got up to {max}", button.max_quantity));
            }
        }
    }
}

fn chat_user_rights(peer_type: &PeerType) -> Option<crate::model::admin_rights::AdminRights> {
    match peer_type {
        PeerType::Chat {
            user_admin_rights, ..
        }
        | PeerType::Broadcast {
            user_admin_rights, ..
        } => *user_admin_rights,
        PeerType::User { .. } | PeerType::CreateBot { .. } => None,
    }
}

/// The messages.sendBotRequestedPeer calls of the step against the one the reference made.
fn shares(ctx: &mut Ctx) {
    let actual: Vec<(usize, Call)> = ctx
        .calls()
        .filter(|(_, call)| matches!(call, Call::SendBotRequestedPeer { .. }))
        .map(|(j, c)| (j, c.clone()))
        .collect();
    let expected = ctx
        .expected_calls()
        .find(|call| matches!(call, Call::SendBotRequestedPeer { .. }))
        .cloned();
    let flow = ctx.before.flow().cloned();
    match (expected, flow) {
        (Some(expected), Some(flow)) => {
            if actual.is_empty() {
                let (rule, what) = match (flow.origin.req_id().is_some(), flow.is_creation()) {
                    (true, _) => ("MA-09", "the Mini App's request"),
                    (false, true) => ("MB-06", "the created bot"),
                    (false, false) => ("RP-03", "the user's selection"),
                };
                ctx.report(rule, None, format!("expected messages.sendBotRequestedPeer sharing {what} ({expected:?}); got none"));
            }
            for (j, call) in actual {
                shared(ctx, &flow, &expected, j, &call);
            }
        }
        _ => {
            let creating = |flow: Option<&Flow>| flow.is_some_and(Flow::is_creation);
            let in_creation = creating(ctx.before.flow()) || creating(ctx.after.flow());
            let selecting = matches!(
                ctx.before.flow(),
                Some(Flow {
                    stage: Stage::Selecting { .. },
                    ..
                })
            ) && matches!(
                ctx.input,
                ClientInput::SelectPeers { .. } | ClientInput::Cancel
            );
            for (j, call) in actual {
                if in_creation && ctx.layer() >= MANAGED_BOTS_LAYER {
                    ctx.report("MB-08", Some(j), format!("a create-bot button shares only the bot bots.createBot returned, after it succeeded: expected no call now; got {call:?}"));
                } else if selecting && ctx.layer() >= 169 {
                    ctx.report("RP-06", Some(j), format!("the selection was cancelled or left empty: expected nothing shared; got {call:?}"));
                }
            }
        }
    }
}

/// One messages.sendBotRequestedPeer the client made where the reference made `expected`.
fn shared(ctx: &mut Ctx, flow: &Flow, expected: &Call, j: usize, call: &Call) {
    let (
        Call::SendBotRequestedPeer {
            peer: want_peer,
            msg_id: want_msg,
            webapp_req_id: want_req,
            button_id: want_button,
            requested_peers: want_peers,
        },
        Call::SendBotRequestedPeer {
            peer,
            msg_id,
            webapp_req_id,
            button_id,
            requested_peers,
        },
    ) = (expected, call)
    else {
        return;
    };
    let mini_app = flow.origin.req_id().is_some();
    let creation = flow.is_creation();
    if peer != want_peer {
        let rule = if mini_app {
            "MA-09"
        } else if creation {
            "MB-06"
        } else {
            "RP-26"
        };
        ctx.report(
            rule,
            Some(j),
            format!("expected peer = the bot {want_peer} that asked; got {peer}"),
        );
    }
    if mini_app {
        if webapp_req_id != want_req || msg_id.is_some() {
            ctx.report("MA-10", Some(j), format!("expected webapp_req_id {want_req:?} and no msg_id; got webapp_req_id {webapp_req_id:?}, msg_id {msg_id:?}"));
        }
    } else if msg_id != want_msg {
        let rule = if creation { "MB-06" } else { "RP-27" };
        ctx.report(
            rule,
            Some(j),
            format!("expected msg_id {want_msg:?}, the message holding the button; got {msg_id:?}"),
        );
    }
    if ctx.layer() >= MANAGED_BOTS_LAYER && msg_id.is_some() == webapp_req_id.is_some() {
        ctx.report("RP-28", Some(j), format!("exactly one of msg_id and webapp_req_id is set; got msg_id {msg_id:?}, webapp_req_id {webapp_req_id:?}"));
    }
    if button_id != want_button {
        let rule = if mini_app {
            "MA-11"
        } else if creation {
            "MB-06"
        } else {
            "RP-04"
        };
        ctx.report(
            rule,
            Some(j),
            format!("expected button_id {want_button}, the button's own; got {button_id}"),
        );
    }
    if creation {
        if requested_peers != want_peers {
            let rule = if mini_app { "MA-11" } else { "MB-07" };
            ctx.report(rule, Some(j), format!("expected requested_peers to hold exactly the created bot {want_peers:?}; got {requested_peers:?}"));
        }
        return;
    }
    let mut broken = false;
    if let Stage::Selecting { max, .. } = &flow.stage {
        if ctx.layer() >= 169 {
            if requested_peers.len() > *max {
                ctx.report(
                    "RP-05",
                    Some(j),
                    format!(
                        "expected at most {max} peers (max_quantity {}); got {}",
                        flow.button.max_quantity,
                        requested_peers.len()
                    ),
                );
                broken = true;
            }
            if requested_peers.is_empty() {
                ctx.report(
                    "RP-06",
                    Some(j),
                    "expected at least one peer shared; got none".to_owned(),
                );
                broken = true;
            }
        }
    }
    for shared_peer in requested_peers {
        broken |= filtered(ctx, *shared_peer, &flow.button.peer_type, j, "shared");
    }
    let sorted = |peers: &[i64]| {
        let mut peers = peers.to_vec();
        peers.sort_unstable();
        peers
    };
    if !broken && sorted(requested_peers) != sorted(want_peers) {
        let rule = if mini_app { "MA-11" } else { "RP-03" };
        ctx.report(
            rule,
            Some(j),
            format!("expected the peers the user picked, {want_peers:?}; got {requested_peers:?}"),
        );
    }
}

/// bots.checkUsername and bots.createBot as the client calls them.
fn creation_calls(ctx: &mut Ctx, accepted: &BTreeSet<String>) {
    let manager = ctx
        .before
        .flow()
        .filter(|flow| flow.is_creation())
        .map(|flow| flow.origin.bot());
    let calls: Vec<(usize, Call)> = ctx.calls().map(|(j, c)| (j, c.clone())).collect();
    for (j, call) in calls {
        match call {
            Call::CreateBot {
                name,
                username,
                manager: sent_manager,
            } => {
                if !valid_bot_name(&name) {
                    ctx.report(
                        "MB-11",
                        Some(j),
                        format!(
                            "expected a bot name of 1 to 64 characters; got {} characters",
                            name.chars().count()
                        ),
                    );
                }
                if !username.to_ascii_lowercase().ends_with("bot") || !accepted.contains(&username)
                {
                    ctx.report("MB-12", Some(j), format!("expected a username ending in \"bot\" that bots.checkUsername accepted ({accepted:?}); got {username:?}"));
                }
                if let Some(manager) = manager.filter(|manager| *manager != sent_manager) {
                    ctx.report("MB-14", Some(j), format!("expected manager_id = the bot {manager} that sent the button; got {sent_manager}"));
                }
            }
            Call::CheckUsername { username } if !valid_bot_username(&username) => {
                ctx.report("MB-13", Some(j), format!("a username is checked locally first (5 to 32 letters, digits or underscores, ending in \"bot\"); got bots.checkUsername of {username:?}"));
            }
            _ => {}
        }
    }
}
