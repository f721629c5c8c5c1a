//! Per server rule: the reference's traces that exercise it, and a realistic server bug (an
//! edit of the outputs only) that breaks exactly that rule.

use crate::model::call::{Call, Outcome, Reply, RpcError};
use crate::model::property::Property;
use crate::model::subject::Subject;
use crate::model::update::{Action, RequestedPeer, Update};

use super::gen::SHOP_GAME;
use super::scenarios::*;
use super::{ServerInput, ServerOutput, ServerSetup};

pub fn all() -> Vec<Property> {
    vec![
        Property {
            rule: "RP-23",
            bug: "server-unrequested-name-to-bot",
            valid: || shares(SENT_ME_LAYERS, Some(false)),
            inject: unrequested_name,
            also: &[],
        },
        Property {
            rule: "RP-25",
            bug: "server-bot-may-share-peers",
            valid: bot_shares,
            inject: bot_share_accepted,
            also: &[],
        },
        Property {
            rule: "RP-29",
            bug: "server-missing-message-as-bad-peer",
            valid: || bad_share_target(false),
            inject: missing_message_as_bad_peer,
            also: &[],
        },
        Property {
            rule: "RP-30",
            bug: "server-shares-into-unknown-peer",
            valid: || bad_share_target(true),
            inject: unknown_peer_share_accepted,
            also: &[],
        },
        Property {
            rule: "RP-31",
            bug: "server-no-service-message-for-user",
            valid: || shares(ALL_LAYERS, None),
            inject: no_message_for_user,
            also: &[],
        },
        Property {
            rule: "RP-32",
            bug: "server-plain-action-to-bot",
            valid: || shares(SENT_ME_LAYERS, None),
            inject: plain_action_to_bot,
            also: &[],
        },
        Property {
            rule: "RP-33",
            bug: "server-sent-me-before-177",
            valid: || shares(BEFORE_SENT_ME, None),
            inject: sent_me_to_bot,
            also: &[],
        },
        Property {
            rule: "RP-34",
            bug: "server-button-id-changed",
            valid: || shares(ALL_LAYERS, None),
            inject: button_id_changed,
            also: &[],
        },
        Property {
            rule: "MB-09",
            bug: "server-created-bot-shared-without-action",
            valid: creates_and_shares,
            inject: no_managed_bot_action,
            also: &[],
        },
        Property {
            rule: "MB-10",
            bug: "server-managed-bot-created-on-create-bot",
            valid: creates_and_shares,
            inject: action_on_create_bot,
            also: &[],
        },
        Property {
            rule: "MB-15",
            bug: "server-bot-may-create-bots",
            valid: bot_creates,
            inject: bot_creation_accepted,
            also: &[],
        },
        Property {
            rule: "MB-16",
            bug: "server-creation-limits-ignored",
            valid: refused_creations,
            inject: refused_creation_accepted,
            also: &[],
        },
        Property {
            rule: "MB-18",
            bug: "server-managed-bot-update-to-owner",
            valid: creates_and_shares,
            inject: managed_bot_update_to_owner,
            also: &[],
        },
        Property {
            rule: "MA-02",
            bug: "server-web-view-button-unvalidated",
            valid: refused_preparations,
            inject: preparation_accepted,
            also: &[],
        },
        Property {
            rule: "MA-03",
            bug: "server-empty-webapp-req-id",
            valid: prepares,
            inject: empty_req_id,
            also: &[],
        },
        Property {
            rule: "MA-06",
            bug: "server-foreign-webapp-req-id-accepted",
            valid: foreign_prepared_requests,
            inject: prepared_button_given,
            also: &[],
        },
        Property {
            rule: "CB-06",
            bug: "server-forwards-failed-password-press",
            valid: || password_presses(&WRONG_PASSWORDS),
            inject: forwarded_press,
            also: &[],
        },
        Property {
            rule: "CB-07",
            bug: "server-srp-appended-to-data",
            valid: || password_presses(&RIGHT_PASSWORD),
            inject: srp_in_data,
            also: &[],
        },
        Property {
            rule: "CB-08",
            bug: "server-no-2fa-as-wrong-password",
            valid: || password_presses(&NO_PASSWORD),
            inject: missing_as_wrong_password,
            also: &[],
        },
        Property {
            rule: "CB-09",
            bug: "server-never-times-out",
            valid: || presses(ALL_LAYERS, bot_origin(), Ends::TimedOut),
            inject: no_timeout,
            also: &[],
        },
        Property {
            rule: "CB-15",
            bug: "server-accepts-foreign-answer-url",
            valid: foreign_urls,
            inject: foreign_url_accepted,
            also: &[],
        },
        Property {
            rule: "CB-22",
            bug: "server-callback-wrong-msg-id",
            valid: || presses(ALL_LAYERS, bot_origin(), Ends::Either),
            inject: wrong_msg_id,
            also: &[],
        },
        Property {
            rule: "CB-23",
            bug: "server-inline-callback-as-plain",
            valid: || presses(ALL_LAYERS, inline_origin(), Ends::Either),
            inject: inline_as_plain,
            also: &[],
        },
        Property {
            rule: "CB-24",
            bug: "server-business-callback-strips-markup",
            valid: || presses(SENT_ME_LAYERS, business_origin(), Ends::Either),
            inject: business_without_markup,
            also: &[],
        },
        Property {
            rule: "CB-25",
            bug: "server-callback-data-and-game",
            valid: || presses(ALL_LAYERS, bot_or_inline_origin(), Ends::Either),
            inject: data_and_game,
            also: &[],
        },
        Property {
            rule: "CB-29",
            bug: "server-has-url-flipped",
            valid: || presses(ALL_LAYERS, bot_or_inline_origin(), Ends::Answered),
            inject: has_url_flipped,
            also: &[],
        },
        Property {
            rule: "CB-31",
            bug: "server-anyone-may-answer-callbacks",
            valid: foreign_answers,
            inject: foreign_answer_accepted,
            also: &[],
        },
    ]
}

const WRONG_PASSWORDS: [(i64, bool); 3] = [
    (super::gen::ALICE, false),
    (super::gen::CAROL, true),
    (super::gen::CAROL, false),
];
const RIGHT_PASSWORD: [(i64, bool); 1] = [(super::gen::ALICE, true)];
const NO_PASSWORD: [(i64, bool); 2] = [(super::gen::BOB, true), (super::gen::BOB, false)];

fn is_error(output: &ServerOutput, name: &str) -> bool {
    matches!(output, ServerOutput::Result { outcome: Err(error), .. } if error.message == name)
}

/// Runs `edit` on the steps in order (from the last one when `last`) until it applies.
fn edit_steps(
    subject: &mut Subject,
    last: bool,
    mut edit: impl FnMut(&ServerSetup, i64, &Call, &mut Vec<ServerOutput>) -> bool,
) -> bool {
    let Subject::Server(trace) = subject else {
        return false;
    };
    let setup = &trace.setup;
    let mut apply =
        |step: &mut crate::model::trace::Step<ServerInput, ServerOutput>| match &step.input {
            ServerInput::Call { from, call } => edit(setup, *from, call, &mut step.outputs),
            ServerInput::Advance { .. } => false,
        };
    if last {
        trace.steps.iter_mut().rev().any(&mut apply)
    } else {
        trace.steps.iter_mut().any(&mut apply)
    }
}

/// The error result among `outputs` (named `name`, or any when `None`).
fn error_result<'a>(
    outputs: &'a mut [ServerOutput],
    name: Option<&str>,
) -> Option<&'a mut Outcome> {
    outputs.iter_mut().find_map(|output| match output {
        ServerOutput::Result { outcome, .. }
            if outcome
                .as_ref()
                .is_err_and(|e| name.is_none_or(|name| e.message == name)) =>
        {
            Some(outcome)
        }
        _ => None,
    })
}

/// The bot's side of a share: service messages to anyone but the sharing user.
fn bot_actions(outputs: &mut [ServerOutput], user: i64) -> impl Iterator<Item = &mut Action> {
    outputs.iter_mut().filter_map(move |output| match output {
        ServerOutput::Deliver {
            to,
            update: Update::ServiceMessage { action, .. },
        } if *to != user => Some(action),
        _ => None,
    })
}

fn callback_updates(outputs: &mut [ServerOutput]) -> impl Iterator<Item = &mut Update> {
    outputs.iter_mut().filter_map(|output| match output {
        ServerOutput::Deliver { update, .. } => Some(update),
        ServerOutput::Result { .. } => None,
    })
}

fn unrequested_name(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |setup, user, _, outputs| {
        bot_actions(outputs, user).any(|action| {
            let Action::RequestedPeerSentMe { peers, .. } = action else {
                return false;
            };
            let Some(entry) = peers.iter_mut().find(|entry| entry.name.is_none()) else {
                return false;
            };
            entry.name = setup.peer(entry.id).map(|peer| peer.name.clone());
            entry.name.is_some()
        })
    })
}

/// The server accepts a refused share.
fn share_accepted(outputs: &mut [ServerOutput]) -> bool {
    error_result(outputs, None)
        .map(|outcome| *outcome = Ok(Reply::Done))
        .is_some()
}

/// The server never asks who calls sendBotRequestedPeer: a bot's share into a real message
/// goes through. (A share the other checks refuse stays refused.)
fn bot_share_accepted(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |setup, from, call, outputs| {
        let Call::SendBotRequestedPeer {
            peer,
            msg_id: Some(msg_id),
            ..
        } = call
        else {
            return false;
        };
        setup.is_bot(from) && setup.message(*peer, *msg_id).is_some() && share_accepted(outputs)
    })
}

/// The server never looks the peer up: a user's share naming a peer that does not exist
/// goes through.
fn unknown_peer_share_accepted(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |setup, from, call, outputs| {
        let Call::SendBotRequestedPeer { peer, .. } = call else {
            return false;
        };
        setup.is_user(from) && setup.peer(*peer).is_none() && share_accepted(outputs)
    })
}

fn missing_message_as_bad_peer(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        error_result(outputs, Some("MESSAGE_ID_INVALID"))
            .map(|outcome| *outcome = Err(RpcError::new(400, "PEER_ID_INVALID")))
            .is_some()
    })
}

fn no_message_for_user(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, user, call, outputs| {
        let Call::SendBotRequestedPeer { .. } = call else {
            return false;
        };
        let before = outputs.len();
        outputs.retain(|output| !matches!(output, ServerOutput::Deliver { to, update: Update::ServiceMessage { .. } } if *to == user));
        outputs.len() < before
    })
}

fn plain_action_to_bot(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, user, _, outputs| {
        bot_actions(outputs, user).any(|action| {
            let Action::RequestedPeerSentMe { button_id, peers } = action else {
                return false;
            };
            *action = Action::RequestedPeer {
                button_id: *button_id,
                peers: peers.iter().map(|peer| peer.id).collect(),
            };
            true
        })
    })
}

fn sent_me_to_bot(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, user, _, outputs| {
        bot_actions(outputs, user).any(|action| {
            let Action::RequestedPeer { button_id, peers } = action else {
                return false;
            };
            let peers = peers
                .iter()
                .map(|id| RequestedPeer {
                    id: *id,
                    name: None,
                    username: None,
                    has_photo: false,
                })
                .collect();
            *action = Action::RequestedPeerSentMe {
                button_id: *button_id,
                peers,
            };
            true
        })
    })
}

fn button_id_changed(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, user, _, outputs| {
        bot_actions(outputs, user).any(|action| match action {
            Action::RequestedPeer { button_id, .. }
            | Action::RequestedPeerSentMe { button_id, .. } => {
                *button_id = button_id.wrapping_add(1);
                true
            }
            Action::ManagedBotCreated { .. } => false,
        })
    })
}

fn no_managed_bot_action(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, user, call, outputs| {
        let Call::SendBotRequestedPeer { .. } = call else {
            return false;
        };
        let before = outputs.len();
        outputs.retain(|output| {
            !matches!(output, ServerOutput::Deliver { to, update: Update::ServiceMessage { action: Action::ManagedBotCreated { .. }, .. } } if *to != user)
        });
        outputs.len() < before
    })
}

fn action_on_create_bot(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, user, call, outputs| {
        let Call::CreateBot { manager, .. } = call else {
            return false;
        };
        let created = outputs.iter().find_map(|output| match output {
            ServerOutput::Result {
                outcome: Ok(Reply::CreatedBot { bot_id }),
                ..
            } => Some(*bot_id),
            _ => None,
        });
        let Some(bot_id) = created else { return false };
        let action = Action::ManagedBotCreated { bot_id };
        outputs.push(ServerOutput::Deliver {
            to: *manager,
            update: Update::ServiceMessage {
                chat: user,
                from: user,
                action,
            },
        });
        true
    })
}

/// A bot ID no generated world uses.
const FORGED_BOT: i64 = 5000;

/// The server creates a bot it had to refuse, and tells the manager.
fn creation_accepted(call: &Call, outputs: &mut Vec<ServerOutput>) -> bool {
    let reply = match call {
        Call::CreateBot { .. } => Reply::CreatedBot { bot_id: FORGED_BOT },
        Call::CheckUsername { .. } => Reply::Bool { value: true },
        _ => return false,
    };
    let Some(outcome) = error_result(outputs, None) else {
        return false;
    };
    *outcome = Ok(reply);
    if let Call::CreateBot { manager, .. } = call {
        outputs.push(ServerOutput::Deliver {
            to: *manager,
            update: Update::ManagedBot { bot_id: FORGED_BOT },
        });
    }
    true
}

/// The server never asks who calls bots.checkUsername and bots.createBot: a bot's call goes
/// through where a user's would (its limits still apply).
fn bot_creation_accepted(subject: &mut Subject) -> bool {
    edit_steps(subject, true, |setup, from, call, outputs| {
        let within_limits = match call {
            Call::CheckUsername { username } => !setup.username_taken(username),
            Call::CreateBot {
                username, manager, ..
            } => {
                setup.is_manager_bot(*manager)
                    && setup.owned(from) < setup.bot_limit
                    && !setup.username_taken(username)
            }
            _ => false,
        };
        setup.is_bot(from) && within_limits && creation_accepted(call, outputs)
    })
}

/// The server skips bots.createBot's limits (manager permission, bot count, username): a
/// user's refused creation goes through.
fn refused_creation_accepted(subject: &mut Subject) -> bool {
    edit_steps(subject, true, |setup, from, call, outputs| {
        matches!(call, Call::CreateBot { .. })
            && setup.is_user(from)
            && creation_accepted(call, outputs)
    })
}

fn managed_bot_update_to_owner(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, user, _, outputs| {
        outputs.iter_mut().any(|output| match output {
            ServerOutput::Deliver {
                to,
                update: Update::ManagedBot { .. },
            } => {
                *to = user;
                true
            }
            _ => false,
        })
    })
}

fn preparation_accepted(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, call, outputs| {
        let Call::RequestWebViewButton { .. } = call else {
            return false;
        };
        error_result(outputs, None)
            .map(|outcome| {
                *outcome = Ok(Reply::RequestedButton {
                    webapp_req_id: "req-forged".to_owned(),
                })
            })
            .is_some()
    })
}

fn empty_req_id(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        outputs.iter_mut().any(|output| match output {
            ServerOutput::Result {
                outcome: Ok(Reply::RequestedButton { webapp_req_id }),
                ..
            } => {
                webapp_req_id.clear();
                true
            }
            _ => false,
        })
    })
}

fn prepared_button_given(subject: &mut Subject) -> bool {
    edit_steps(subject, true, |setup, _, call, outputs| {
        let Call::GetRequestedWebViewButton { .. } = call else {
            return false;
        };
        let Some(button) = setup
            .messages
            .iter()
            .filter_map(|message| message.markup.as_ref())
            .flat_map(|markup| markup.rows().iter().flatten())
            .next()
        else {
            return false;
        };
        error_result(outputs, None)
            .map(|outcome| {
                *outcome = Ok(Reply::Button {
                    button: button.clone(),
                })
            })
            .is_some()
    })
}

fn forwarded_press(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |setup, user, call, outputs| {
        let Call::GetBotCallbackAnswer {
            peer, msg_id, data, ..
        } = call
        else {
            return false;
        };
        let Some(message) = setup.message(*peer, *msg_id) else {
            return false;
        };
        // Only the SRP check's failure is forwarded: a user without a password has none.
        if !setup.has_password(user) || error_result(outputs, None).is_none() {
            return false;
        }
        let update = Update::BotCallbackQuery {
            query_id: 1,
            user_id: user,
            peer: user,
            msg_id: *msg_id,
            data: data.clone(),
            game_short_name: None,
        };
        outputs.push(ServerOutput::Deliver {
            to: message.bot,
            update,
        });
        true
    })
}

/// Only a press that carried the SRP answer has one to leak.
fn srp_in_data(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, call, outputs| {
        let Call::GetBotCallbackAnswer { password: true, .. } = call else {
            return false;
        };
        callback_updates(outputs).any(|update| match update {
            Update::BotCallbackQuery {
                data: Some(data), ..
            } => {
                data.extend_from_slice(b"|srp");
                true
            }
            _ => false,
        })
    })
}

fn missing_as_wrong_password(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        error_result(outputs, Some("PASSWORD_MISSING"))
            .map(|outcome| *outcome = Err(RpcError::new(400, "PASSWORD_HASH_INVALID")))
            .is_some()
    })
}

fn no_timeout(subject: &mut Subject) -> bool {
    let Subject::Server(trace) = subject else {
        return false;
    };
    trace.steps.iter_mut().any(|step| {
        let before = step.outputs.len();
        step.outputs
            .retain(|output| !is_error(output, "BOT_RESPONSE_TIMEOUT"));
        step.outputs.len() < before
    })
}

fn foreign_url_accepted(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        error_result(outputs, Some("URL_INVALID"))
            .map(|outcome| *outcome = Ok(Reply::Bool { value: true }))
            .is_some()
    })
}

fn wrong_msg_id(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        callback_updates(outputs).any(|update| match update {
            Update::BotCallbackQuery { msg_id, .. } => {
                *msg_id = msg_id.wrapping_add(1);
                true
            }
            _ => false,
        })
    })
}

fn inline_as_plain(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        callback_updates(outputs).any(|update| match update {
            Update::InlineBotCallbackQuery {
                query_id,
                user_id,
                data,
                game_short_name,
                ..
            } => {
                *update = Update::BotCallbackQuery {
                    query_id: *query_id,
                    user_id: *user_id,
                    peer: 0,
                    msg_id: 0,
                    data: data.take(),
                    game_short_name: game_short_name.take(),
                };
                true
            }
            _ => false,
        })
    })
}

fn business_without_markup(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        callback_updates(outputs).any(|update| match update {
            Update::BusinessBotCallbackQuery { message, .. } => message.markup.take().is_some(),
            _ => false,
        })
    })
}

fn data_and_game(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        callback_updates(outputs).any(|update| match update {
            Update::BotCallbackQuery {
                data,
                game_short_name,
                ..
            }
            | Update::InlineBotCallbackQuery {
                data,
                game_short_name,
                ..
            } => {
                if game_short_name.is_some() {
                    *data = Some(Vec::new());
                } else {
                    *game_short_name = Some(SHOP_GAME.to_owned());
                }
                true
            }
            _ => false,
        })
    })
}

fn has_url_flipped(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, _, outputs| {
        outputs.iter_mut().any(|output| match output {
            ServerOutput::Result {
                outcome: Ok(Reply::BotCallbackAnswer { answer }),
                ..
            } => {
                answer.has_url = !answer.has_url;
                true
            }
            _ => false,
        })
    })
}

/// The server skips the caller and query checks of setBotCallbackAnswer (its URL check
/// stays).
fn foreign_answer_accepted(subject: &mut Subject) -> bool {
    edit_steps(subject, false, |_, _, call, outputs| {
        let Call::SetBotCallbackAnswer { .. } = call else {
            return false;
        };
        let skipped = ["USER_BOT_REQUIRED", "QUERY_ID_INVALID"];
        let refused = outputs.iter_mut().find_map(|output| match output {
            ServerOutput::Result { outcome, .. }
                if outcome
                    .as_ref()
                    .is_err_and(|e| skipped.contains(&e.message.as_str())) =>
            {
                Some(outcome)
            }
            _ => None,
        });
        refused
            .map(|outcome| *outcome = Ok(Reply::Bool { value: true }))
            .is_some()
    })
}
