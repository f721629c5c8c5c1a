//! Managed-bot creation from a chat's create-bot button: the form, the calls, and the share
//! of the new bot.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::{Call, Outcome, Reply, RpcError};
use crate::model::client::flow::{Flow, Stage};
use crate::model::client::gen::{self, BOT, FIRST_CREATED_BOT, ME};
use crate::model::client::session::BOT_CREATE_LIMIT_EXCEEDED;
use crate::model::client::{ClientInput, ClientOutput, Ui};
use crate::model::markup::{Markup, ReplyKeyboard};
use crate::model::peer_type::PeerType;
use crate::model::property::Property;
use crate::model::subject::Subject;

use super::peers::{edit_shares, from_chat};
use super::support::{at_step, each_step, first_call, first_ui, remove_first, setup, subject};

pub(super) fn all() -> Vec<Property> {
    vec![
        Property {
            rule: "MB-03",
            bug: "client-create-bot-button-ignored",
            valid: || created(false),
            inject: drop_form,
            also: &[],
        },
        Property {
            rule: "MB-04",
            bug: "client-drops-suggested-name",
            valid: || created(false),
            inject: drop_suggested_name,
            also: &[],
        },
        Property {
            rule: "MB-05",
            bug: "client-drops-suggested-username",
            valid: || created(false),
            inject: drop_suggested_username,
            also: &[],
        },
        Property {
            rule: "MB-06",
            bug: "client-stops-after-create-bot",
            valid: || created(true),
            inject: drop_share,
            also: &[],
        },
        Property {
            rule: "MB-07",
            bug: "client-shares-manager-with-new-bot",
            valid: || created(true),
            inject: share_manager_too,
            also: &[],
        },
        Property {
            rule: "MB-08",
            bug: "client-shares-after-failed-create-bot",
            valid: not_created,
            inject: share_after_failure,
            also: &[],
        },
        Property {
            rule: "MB-11",
            bug: "client-create-bot-name-unbounded",
            valid: || created(true),
            inject: long_name,
            also: &[],
        },
        Property {
            rule: "MB-12",
            bug: "client-create-bot-username-without-suffix",
            valid: || created(true),
            inject: drop_suffix,
            also: &[],
        },
        Property {
            rule: "MB-13",
            bug: "client-checks-unvalidated-username",
            valid: || created(true),
            inject: check_invalid_username,
            also: &["MB-12"],
        },
        Property {
            rule: "MB-14",
            bug: "client-create-bot-manager-is-self",
            valid: || created(true),
            inject: self_manager,
            also: &[],
        },
    ]
}

/// The message holding the create-bot button.
const MSG_ID: i32 = 21;

fn valid_form() -> impl Strategy<Value = (String, String)> {
    (
        select(&["Weather", "Помощник 🤖", "x"][..]),
        select(&["weather_bot", "HelperBot", "Some_Bot"][..]),
    )
        .prop_map(|(name, username)| (name.to_owned(), username.to_owned()))
}

/// What the user tries before the submission that goes through: an invalid form (refused
/// locally) or a username the server does not accept.
fn detour() -> impl Strategy<Value = Vec<ClientInput>> {
    prop_oneof![
        gen::bot_form()
            .prop_map(|(name, username)| vec![ClientInput::SubmitBot { name, username }]),
        valid_form().prop_map(|(name, username)| vec![
            ClientInput::SubmitBot { name, username },
            ClientInput::Result {
                outcome: Ok(Reply::Bool { value: false })
            }
        ]),
    ]
}

/// A create-bot button pressed, the form filled in (after detours), the username accepted,
/// then bots.createBot's `outcome`, then the share's result.
fn creation(outcome: BoxedStrategy<Outcome>) -> BoxedStrategy<Subject> {
    (
        gen::layer_from(224),
        gen::create_bot(),
        0i32..3,
        vec(detour(), 0..3),
        valid_form(),
        outcome,
    )
        .prop_map(
            |(layer, peer_type, button_id, detours, (name, username), outcome)| {
                let peer_type = match peer_type {
                    PeerType::CreateBot { bot_managed, .. } => PeerType::CreateBot {
                        bot_managed,
                        suggested_name: Some("Weather".to_owned()),
                        suggested_username: Some("weather_bot".to_owned()),
                    },
                    other => other,
                };
                let button = RequestPeerButton {
                    button_id,
                    peer_type,
                    max_quantity: 1,
                    name_requested: false,
                    username_requested: false,
                    photo_requested: false,
                    input: false,
                };
                let keyboard = ReplyKeyboard {
                    rows: vec![vec![Button {
                        text: "New bot".to_owned(),
                        style: None,
                        kind: ButtonKind::RequestPeer(button),
                    }]],
                    resize: false,
                    single_use: true,
                    selective: false,
                    persistent: false,
                    placeholder: None,
                };
                let mut inputs = vec![
                    ClientInput::Receive {
                        message: gen::private_message(MSG_ID, Some(Markup::Keyboard(keyboard))),
                    },
                    ClientInput::Press {
                        chat: BOT,
                        msg_id: MSG_ID,
                        row: 0,
                        column: 0,
                    },
                ];
                inputs.extend(detours.into_iter().flatten());
                inputs.extend([
                    ClientInput::SubmitBot { name, username },
                    ClientInput::Result {
                        outcome: Ok(Reply::Bool { value: true }),
                    },
                    ClientInput::Result { outcome },
                    ClientInput::Result {
                        outcome: Ok(Reply::Done),
                    },
                ]);
                subject(layer, setup(false), inputs)
            },
        )
        .boxed()
}

/// Creation that succeeds when `success`, else any outcome.
fn created(success: bool) -> BoxedStrategy<Subject> {
    let created = (0i64..3).prop_map(|n| {
        Ok(Reply::CreatedBot {
            bot_id: FIRST_CREATED_BOT + n,
        })
    });
    if success {
        creation(created.boxed())
    } else {
        creation(prop_oneof![created, failure()].boxed())
    }
}

fn failure() -> impl Strategy<Value = Outcome> {
    select(
        &[
            BOT_CREATE_LIMIT_EXCEEDED,
            "USERNAME_OCCUPIED",
            "MANAGER_PERMISSION_MISSING",
        ][..],
    )
    .prop_map(|error| Err(RpcError::new(400, error)))
}

fn not_created() -> BoxedStrategy<Subject> {
    creation(failure().boxed())
}

fn is_share(output: &ClientOutput) -> bool {
    matches!(
        output,
        ClientOutput::Call {
            call: Call::SendBotRequestedPeer { .. }
        }
    )
}

fn drop_form(subject: &mut Subject) -> bool {
    remove_first(
        subject,
        |input| matches!(input, ClientInput::Press { .. }),
        |output| {
            matches!(
                output,
                ClientOutput::Ui {
                    ui: Ui::BotCreation { .. }
                }
            )
        },
    )
}

fn drop_suggested_name(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui {
        Ui::BotCreation { suggested_name, .. } => suggested_name.take().is_some(),
        _ => false,
    })
}

fn drop_suggested_username(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui {
        Ui::BotCreation {
            suggested_username, ..
        } => suggested_username.take().is_some(),
        _ => false,
    })
}

/// A bot being created for a button pressed in a chat: the Mini App's creation flow is the
/// Mini App rules' concern.
fn creating_from_chat(flow: &Flow) -> bool {
    from_chat(flow) && flow.stage == Stage::Creating
}

/// The flow ends when bots.createBot succeeds, without sharing the new bot.
fn drop_share(subject: &mut Subject) -> bool {
    each_step(subject, |before, _, outputs| {
        let sharing = before.flow().is_some_and(creating_from_chat) && outputs.iter().any(is_share);
        outputs.retain(|output| !sharing || !is_share(output));
        sharing
    })
}

/// The new bot shared together with the manager bot that asked for it.
fn share_manager_too(subject: &mut Subject) -> bool {
    edit_shares(
        subject,
        creating_from_chat,
        |(peer, .., requested_peers)| {
            requested_peers.push(*peer);
            true
        },
    )
}

fn share_after_failure(subject: &mut Subject) -> bool {
    let failed = |input: &ClientInput| matches!(input, ClientInput::Result { outcome: Err(_) });
    at_step(
        subject,
        |input, _| failed(input),
        |_, outputs| {
            outputs.push(ClientOutput::Call {
                call: Call::SendBotRequestedPeer {
                    peer: BOT,
                    msg_id: Some(MSG_ID),
                    webapp_req_id: None,
                    button_id: 0,
                    requested_peers: vec![],
                },
            });
        },
    )
}

fn long_name(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::CreateBot { name, .. } => {
            name.push_str(&"x".repeat(64));
            true
        }
        _ => false,
    })
}

fn drop_suffix(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::CreateBot { username, .. } => {
            username.truncate(username.len().saturating_sub(3));
            true
        }
        _ => false,
    })
}

fn check_invalid_username(subject: &mut Subject) -> bool {
    // The last check is the one whose acceptance leads to bots.createBot.
    let Subject::Client(trace) = subject else {
        return false;
    };
    let last = trace
        .steps
        .iter_mut()
        .rev()
        .flat_map(|step| step.outputs.iter_mut())
        .find_map(|output| match output {
            ClientOutput::Call {
                call: Call::CheckUsername { username },
            } => Some(username),
            _ => None,
        });
    last.map(|username| *username = format!("{username} please"))
        .is_some()
}

fn self_manager(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::CreateBot { manager, .. } => {
            *manager = ME;
            true
        }
        _ => false,
    })
}
