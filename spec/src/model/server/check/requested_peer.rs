//! `messages.sendBotRequestedPeer`: who may call it, the errors for a bad peer or message, and
//! the service messages a share produces on each side (or, for a created bot, the managed-bot
//! action).

use crate::model::button::{ButtonKind, RequestPeerButton};
use crate::model::chat::ChatKind;
use crate::model::update::{Action, RequestedPeer, Update};

use super::super::session::SENT_ME_LAYER;
use super::super::world::{chat_seen_by_bot, request_peer_button};
use super::super::ServerOutput;
use super::{Checker, Fault};

/// The first layer whose `sendBotRequestedPeer` can name a Mini App's request instead of a
/// message.
const WEBAPP_LAYER: u32 = 224;

/// What the server had to do with a share the rules judge.
struct Share<'a> {
    step: usize,
    user: i64,
    /// The chat as the user names it.
    peer: i64,
    bot: i64,
    bot_chat: i64,
    button_id: i32,
    button: RequestPeerButton,
    requested: &'a [i64],
}

/// The shares among a step's outputs: (index, recipient, chat, sender, action).
fn shares(outputs: &[ServerOutput]) -> impl Iterator<Item = (usize, i64, i64, i64, &Action)> {
    outputs
        .iter()
        .enumerate()
        .filter_map(|(index, output)| match output {
            ServerOutput::Deliver {
                to,
                update: Update::ServiceMessage { chat, from, action },
            } => Some((index, *to, *chat, *from, action)),
            _ => None,
        })
}

fn sorted(peers: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut peers: Vec<i64> = peers.collect();
    peers.sort_unstable();
    peers
}

impl Checker<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn share(
        &mut self,
        step: usize,
        from: i64,
        peer: i64,
        msg_id: Option<i32>,
        webapp_req_id: Option<&str>,
        button_id: i32,
        requested: &[i64],
    ) {
        let mut faults = Vec::new();
        if self.world.is_bot(from) {
            faults.push(Fault::any("RP-25"));
        } else if !self.world.is_user(from) {
            return;
        }
        // Both or neither of msg_id and webapp_req_id: the server's answer is not asserted.
        let place = match (msg_id, webapp_req_id) {
            (Some(msg_id), None) => Some(Ok(msg_id)),
            (Some(msg_id), Some(_)) if self.layer < WEBAPP_LAYER => Some(Ok(msg_id)),
            (None, Some(req_id)) if self.layer >= WEBAPP_LAYER => Some(Err(req_id)),
            _ => None,
        };
        if faults.is_empty() {
            if self.world.peer(peer).is_none() {
                faults.push(Fault::named("RP-30", "PEER_ID_INVALID"));
            }
            if let Some(Ok(msg_id)) = place {
                if self.world.message(peer, msg_id).is_none() {
                    faults.push(Fault::named("RP-29", "MESSAGE_ID_INVALID"));
                }
            }
        }
        if let Some(first) = faults.first().copied() {
            self.refused(step, &faults, "a share the server must refuse");
            for (index, to, _, _, action) in shares(self.outputs(step)) {
                self.report(
                    first.rule,
                    format!("steps[{step}].outputs[{index}]"),
                    format!("a refused share shares nothing; {to} got {action:?}"),
                );
            }
            return;
        }
        let Some(place) = place else { return };
        let source = match place {
            Ok(msg_id) => self.world.message(peer, msg_id).and_then(|message| {
                let button = request_peer_button(message, button_id)?.clone();
                Some((
                    message.bot,
                    chat_seen_by_bot(message.chat, message.chat_kind, from),
                    button,
                    None,
                ))
            }),
            Err(req_id) => self
                .prepared
                .iter()
                .position(|p| p.id == req_id && p.bot == peer && p.user == from && !p.used)
                .and_then(|index| {
                    let ButtonKind::RequestPeer(button) = &self.prepared[index].button.kind else {
                        return None;
                    };
                    (button.button_id == button_id).then(|| {
                        (
                            peer,
                            chat_seen_by_bot(peer, ChatKind::Private, from),
                            button.clone(),
                            Some(index),
                        )
                    })
                }),
        };
        let Some((bot, bot_chat, button, prepared)) = source else {
            return;
        };
        let succeeded = self
            .result(step)
            .is_some_and(|answer| answer.outcome.is_ok());
        if !succeeded {
            return;
        }
        if let Some(index) = prepared {
            self.prepared[index].used = true;
        }
        let share = Share {
            step,
            user: from,
            peer,
            bot,
            bot_chat,
            button_id,
            button,
            requested,
        };
        if share.button.peer_type.is_create_bot() {
            self.created_bot_shared(&share);
        } else {
            let within_quantity = !requested.is_empty()
                && requested.len() <= share.button.max_quantity.max(1) as usize;
            if within_quantity && requested.iter().all(|id| self.world.peer(*id).is_some()) {
                self.peers_shared(&share);
            }
        }
    }

    /// A share answering a create-bot button: the manager bot gets the created bot's action.
    fn created_bot_shared(&mut self, share: &Share) {
        let &[created] = share.requested else { return };
        if !self.created.contains(&(created, share.user, share.bot)) {
            return;
        }
        let mut found = false;
        for (index, to, _, from, action) in shares(self.outputs(share.step)) {
            let Action::ManagedBotCreated { bot_id } = action else {
                continue;
            };
            let path = format!("steps[{}].outputs[{index}]", share.step);
            if to != share.bot {
                continue;
            }
            if *bot_id != created || from != share.user {
                self.report("MB-09", path, format!("expected messageActionManagedBotCreated of bot {created} from user {}; got bot {bot_id} from {from}", share.user));
            } else {
                found = true;
            }
        }
        if !found {
            self.report("MB-09", format!("steps[{}].outputs", share.step), format!("expected messageActionManagedBotCreated of bot {created} to the manager bot {}; got none", share.bot));
        }
    }

    /// A share of existing peers: the user's side gets messageActionRequestedPeer, the bot's
    /// side the form of its layer, both with the call's button_id and peers.
    fn peers_shared(&mut self, share: &Share) {
        let step = share.step;
        let expected_peers = sorted(share.requested.iter().copied());
        let mut user_side = false;
        let mut bot_side = false;
        let (bot_rule, bot_form) = if self.layer >= SENT_ME_LAYER {
            ("RP-32", "messageActionRequestedPeerSentMe")
        } else {
            ("RP-33", "messageActionRequestedPeer")
        };
        for (index, to, chat, from, action) in shares(self.outputs(step)) {
            let path = format!("steps[{step}].outputs[{index}]");
            let (button_id, peers) = match action {
                Action::RequestedPeer { button_id, peers } => {
                    (*button_id, sorted(peers.iter().copied()))
                }
                Action::RequestedPeerSentMe { button_id, peers } => {
                    (*button_id, sorted(peers.iter().map(|peer| peer.id)))
                }
                Action::ManagedBotCreated { .. } => continue,
            };
            let sent_me = matches!(action, Action::RequestedPeerSentMe { .. });
            if to == share.user {
                if sent_me {
                    self.report("RP-31", &path, "the user's side must carry messageActionRequestedPeer; got messageActionRequestedPeerSentMe");
                } else if chat != share.peer || from != share.user {
                    self.report("RP-31", &path, format!("expected a message from user {} in chat {}; got one from {from} in chat {chat}", share.user, share.peer));
                } else {
                    user_side = true;
                }
            } else if to == share.bot {
                if sent_me != (self.layer >= SENT_ME_LAYER) {
                    let got = if sent_me {
                        "messageActionRequestedPeerSentMe"
                    } else {
                        "messageActionRequestedPeer"
                    };
                    self.report(
                        bot_rule,
                        &path,
                        format!(
                            "at layer {} the bot receives {bot_form}; got {got}",
                            self.layer
                        ),
                    );
                } else if from != share.user || chat != share.bot_chat {
                    self.report(bot_rule, &path, format!("expected a message from user {} in chat {}; got one from {from} in chat {chat}", share.user, share.bot_chat));
                } else {
                    bot_side = true;
                }
                if let Action::RequestedPeerSentMe { peers, .. } = action {
                    self.requested_details(&path, &share.button, peers);
                }
            } else {
                continue;
            }
            if button_id != share.button_id || peers != expected_peers {
                self.report("RP-34", &path, format!("expected button_id {} and peers {expected_peers:?}; got button_id {button_id} and peers {peers:?}", share.button_id));
            }
        }
        if !user_side {
            self.report(
                "RP-31",
                format!("steps[{step}].outputs"),
                format!(
                    "expected messageActionRequestedPeer to user {}; got none",
                    share.user
                ),
            );
        }
        if !bot_side {
            self.report(
                bot_rule,
                format!("steps[{step}].outputs"),
                format!("expected {bot_form} to bot {}; got none", share.bot),
            );
        }
    }

    /// Each shared peer carries exactly the details the button asked for and the peer has.
    fn requested_details(
        &mut self,
        path: &str,
        button: &RequestPeerButton,
        peers: &[RequestedPeer],
    ) {
        for (position, got) in peers.iter().enumerate() {
            let Some(peer) = self.world.peer(got.id) else {
                continue;
            };
            let expected = RequestedPeer {
                id: got.id,
                name: button.name_requested.then(|| peer.name.clone()),
                username: if button.username_requested {
                    peer.username.clone()
                } else {
                    None
                },
                has_photo: button.photo_requested && peer.has_photo,
            };
            if *got != expected {
                let flags = (
                    button.name_requested,
                    button.username_requested,
                    button.photo_requested,
                );
                self.report("RP-23", format!("{path}.peers[{position}]"), format!("requested (name, username, photo) = {flags:?}: expected {expected:?}; got {got:?}"));
            }
        }
    }
}
