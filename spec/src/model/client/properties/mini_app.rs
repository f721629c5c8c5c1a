//! A Mini App's peer request: the button fetched, the flow it opens, the share and the one
//! outcome reported back.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::{Call, Outcome, Reply, RpcError};
use crate::model::client::flow::{Flow, Origin, Pending};
use crate::model::client::gen::{self, BOT, FIRST_CREATED_BOT, FIRST_PEER, ME};
use crate::model::client::{
    ClientInput, ClientOutput, ClientSession, ClientSetup, MiniAppEvent, Ui,
};
use crate::model::peer::{PeerInfo, PeerKind};
use crate::model::peer_type::PeerType;
use crate::model::property::Property;
use crate::model::subject::Subject;

use super::peers::edit_shares;
use super::support::{at_step, each_step, first_call, remove_first, subject};

pub(super) fn all() -> Vec<Property> {
    use End::*;
    vec![
        Property {
            rule: "MA-05",
            bug: "client-mini-app-req-id-truncated-on-fetch",
            valid: || {
                request(&[
                    Success,
                    ShareFails,
                    Cancel,
                    Empty,
                    CreateFails,
                    FetchFails,
                    NotAPeerRequest,
                ])
            },
            inject: truncate_fetched,
            also: &[],
        },
        Property {
            rule: "MA-07",
            bug: "client-mini-app-button-ignored",
            valid: || request(&[Success, ShareFails, Cancel, Empty, CreateFails]),
            inject: drop_flow,
            also: &[],
        },
        Property {
            rule: "MA-08",
            bug: "client-mini-app-other-button-unanswered",
            valid: || request(&[NotAPeerRequest]),
            inject: drop_failed_other_button,
            also: &[],
        },
        Property {
            rule: "MA-09",
            bug: "client-mini-app-shares-with-self",
            valid: || request(&[Success, ShareFails]),
            inject: share_with_self,
            also: &[],
        },
        Property {
            rule: "MA-10",
            bug: "client-mini-app-req-id-truncated-on-share",
            valid: || request(&[Success, ShareFails]),
            inject: truncate_shared,
            also: &[],
        },
        Property {
            rule: "MA-11",
            bug: "client-mini-app-button-id-off-by-one",
            valid: || request(&[Success, ShareFails]),
            inject: button_id_off_by_one,
            also: &[],
        },
        Property {
            rule: "MA-12",
            bug: "client-mini-app-reports-sent-and-failed",
            valid: || request(&[Success]),
            inject: failed_after_sent,
            also: &[],
        },
        Property {
            rule: "MA-13",
            bug: "client-mini-app-sent-on-confirm",
            valid: || request(&[Success]),
            inject: sent_on_confirm,
            also: &[],
        },
        Property {
            rule: "MA-14",
            bug: "client-mini-app-failure-unreported",
            valid: || request(&[ShareFails, Cancel, Empty, CreateFails, FetchFails]),
            inject: drop_failed_in_the_chain,
            also: &[],
        },
    ]
}

/// How the request ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Success,
    ShareFails,
    Cancel,
    /// The user confirms an empty selection (a creation flow is cancelled instead).
    Empty,
    /// bots.createBot fails (in a selection flow, the share fails instead).
    CreateFails,
    FetchFails,
    NotAPeerRequest,
}

fn error(message: &str) -> Outcome {
    Err(RpcError::new(400, message))
}

/// A fetched button that is no peer request. It is a reply-keyboard button: the fetch's result
/// (`KeyboardButton`) has only reply-keyboard types from layer 229.
fn not_a_peer_request() -> impl Strategy<Value = Button> {
    let kind = prop_oneof![
        Just(ButtonKind::Text),
        Just(ButtonKind::RequestPhone),
        Just(ButtonKind::RequestGeoLocation),
        gen::url().prop_map(|url| ButtonKind::SimpleWebView { url }),
    ];
    (gen::text_button(224), kind).prop_map(|(button, kind)| Button { kind, ..button })
}

/// A web_app_request_chat for a button of any peer type, the flow it opens and `end`.
fn request(ends: &'static [End]) -> BoxedStrategy<Subject> {
    let peer_type = prop_oneof![
        Just(PeerType::User {
            bot: None,
            premium: None
        }),
        Just(PeerType::Chat {
            creator: false,
            bot_participant: false,
            has_username: None,
            forum: None,
            user_admin_rights: None,
            bot_admin_rights: None
        }),
        gen::create_bot(),
    ];
    (
        gen::layer_from(224),
        select(ends),
        gen::req_id(),
        1i32..4,
        1i32..4,
        peer_type,
        vec(any::<Index>(), 1..3),
        not_a_peer_request(),
    )
        .prop_map(
            |(layer, end, req_id, button_id, max_quantity, peer_type, pick, other_button)| {
                let creation = peer_type.is_create_bot();
                let button = RequestPeerButton {
                    button_id,
                    peer_type,
                    max_quantity,
                    name_requested: false,
                    username_requested: false,
                    photo_requested: false,
                    input: false,
                };
                let peers: Vec<PeerInfo> = [PeerKind::User, PeerKind::Supergroup, PeerKind::User]
                    .into_iter()
                    .zip(FIRST_PEER..)
                    .map(|(kind, id)| PeerInfo {
                        id,
                        kind,
                        name: "peer".to_owned(),
                        username: None,
                        has_photo: false,
                        premium: false,
                        creator: false,
                        my_rights: None,
                        forum: false,
                        deactivated: false,
                        bot_is_member: false,
                        bot_rights: None,
                    })
                    .collect();
                let candidates: Vec<i64> =
                    crate::model::client::filter::candidates(&peers, &button.peer_type);
                let fetched = match end {
                    End::FetchFails => error("WEBAPP_REQ_ID_INVALID"),
                    End::NotAPeerRequest => Ok(Reply::Button {
                        button: other_button,
                    }),
                    _ => Ok(Reply::Button {
                        button: Button {
                            text: "Pick".to_owned(),
                            style: None,
                            kind: ButtonKind::RequestPeer(button),
                        },
                    }),
                };
                let mut inputs = vec![
                    ClientInput::MiniAppRequestChat { bot: BOT, req_id },
                    ClientInput::Result { outcome: fetched },
                ];
                // An end the flow cannot have becomes the nearest one it can.
                let share_fails = end == End::ShareFails || (end == End::CreateFails && !creation);
                let share = if share_fails {
                    error("PEER_ID_INVALID")
                } else {
                    Ok(Reply::Done)
                };
                match end {
                    End::FetchFails | End::NotAPeerRequest => {}
                    End::Cancel => inputs.push(ClientInput::Cancel),
                    End::Empty if creation => inputs.push(ClientInput::Cancel),
                    _ if creation => {
                        let created = if end == End::CreateFails {
                            error("USERNAME_OCCUPIED")
                        } else {
                            Ok(Reply::CreatedBot {
                                bot_id: FIRST_CREATED_BOT,
                            })
                        };
                        inputs.extend([
                            ClientInput::SubmitBot {
                                name: "Weather".to_owned(),
                                username: "weather_bot".to_owned(),
                            },
                            ClientInput::Result {
                                outcome: Ok(Reply::Bool { value: true }),
                            },
                            ClientInput::Result { outcome: created },
                            ClientInput::Result { outcome: share },
                        ]);
                    }
                    _ => {
                        let picked = if end == End::Empty {
                            vec![]
                        } else {
                            pick.iter()
                                .map(|index| candidates[index.index(candidates.len())])
                                .collect()
                        };
                        inputs.extend([
                            ClientInput::SelectPeers { peers: picked },
                            ClientInput::Result { outcome: share },
                        ]);
                    }
                }
                subject(
                    layer,
                    ClientSetup {
                        me: ME,
                        has_password: false,
                        peers,
                    },
                    inputs,
                )
            },
        )
        .boxed()
}

fn is_failed(output: &ClientOutput) -> bool {
    matches!(
        output,
        ClientOutput::Ui {
            ui: Ui::MiniApp {
                event: MiniAppEvent::RequestedChatFailed { .. },
                ..
            }
        }
    )
}

fn is_sent(output: &ClientOutput) -> bool {
    matches!(
        output,
        ClientOutput::Ui {
            ui: Ui::MiniApp {
                event: MiniAppEvent::RequestedChatSent { .. },
                ..
            }
        }
    )
}

fn truncated(req_id: &mut String) -> bool {
    req_id.truncate(8);
    true
}

fn truncate_fetched(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::GetRequestedWebViewButton { webapp_req_id, .. } => truncated(webapp_req_id),
        _ => false,
    })
}

fn truncate_shared(subject: &mut Subject) -> bool {
    first_call(subject, |call| match call {
        Call::SendBotRequestedPeer {
            webapp_req_id: Some(req_id),
            ..
        } => truncated(req_id),
        _ => false,
    })
}

/// A flow a Mini App asked for (a selection or a creation).
fn from_mini_app(flow: &Flow) -> bool {
    matches!(flow.origin, Origin::MiniApp { .. })
}

fn share_with_self(subject: &mut Subject) -> bool {
    edit_shares(subject, from_mini_app, |(peer, ..)| {
        std::mem::replace(peer, ME) != ME
    })
}

fn button_id_off_by_one(subject: &mut Subject) -> bool {
    edit_shares(subject, from_mini_app, |(_, _, _, button_id, _)| {
        *button_id += 1;
        true
    })
}

fn drop_flow(subject: &mut Subject) -> bool {
    remove_first(
        subject,
        |input| matches!(input, ClientInput::Result { .. }),
        |output| {
            matches!(
                output,
                ClientOutput::Ui {
                    ui: Ui::PeerSelection { .. } | Ui::BotCreation { .. }
                }
            )
        },
    )
}

/// Whether the step gets the Mini App's prepared button and it is not a peer request.
fn other_button(before: &ClientSession, input: &ClientInput) -> bool {
    matches!(
        before.pending().front(),
        Some(Pending::WebViewButton { .. })
    ) && matches!(input, ClientInput::Result { outcome: Ok(Reply::Button { button: Button { kind, .. } }) } if !matches!(kind, ButtonKind::RequestPeer(_)))
}

/// Removes the requested_chat_failed events of the steps `at` picks; whether there were any.
fn drop_failed_where(subject: &mut Subject, at: fn(&ClientSession, &ClientInput) -> bool) -> bool {
    each_step(subject, |before, input, outputs| {
        let dropped = at(before, input) && outputs.iter().any(is_failed);
        outputs.retain(|output| !dropped || !is_failed(output));
        dropped
    })
}

/// A prepared button of another kind ends the request silently.
fn drop_failed_other_button(subject: &mut Subject) -> bool {
    drop_failed_where(subject, other_button)
}

/// A cancelled flow or a failed call of the chain ends the request silently.
fn drop_failed_in_the_chain(subject: &mut Subject) -> bool {
    drop_failed_where(subject, |before, input| !other_button(before, input))
}

fn failed_after_sent(subject: &mut Subject) -> bool {
    at_step(
        subject,
        |_, outputs| outputs.iter().any(is_sent),
        |_, outputs| {
            let failed: Vec<ClientOutput> = outputs
                .iter()
                .filter_map(|output| match output {
                    ClientOutput::Ui {
                        ui:
                            Ui::MiniApp {
                                bot,
                                event: MiniAppEvent::RequestedChatSent { req_id },
                            },
                    } => Some(ClientOutput::Ui {
                        ui: Ui::MiniApp {
                            bot: *bot,
                            event: MiniAppEvent::RequestedChatFailed {
                                req_id: req_id.clone(),
                            },
                        },
                    }),
                    _ => None,
                })
                .collect();
            outputs.extend(failed);
        },
    )
}

/// requested_chat_sent moved from the share's success to the step that made the share.
fn sent_on_confirm(subject: &mut Subject) -> bool {
    let Subject::Client(trace) = subject else {
        return false;
    };
    let Some(shared) = trace.steps.iter().position(|step| {
        step.outputs.iter().any(|o| {
            matches!(
                o,
                ClientOutput::Call {
                    call: Call::SendBotRequestedPeer { .. }
                }
            )
        })
    }) else {
        return false;
    };
    let Some(succeeded) = trace
        .steps
        .iter()
        .position(|step| step.outputs.iter().any(is_sent))
    else {
        return false;
    };
    let Some(step) = trace.steps.get_mut(succeeded) else {
        return false;
    };
    let sent: Vec<ClientOutput> = step
        .outputs
        .iter()
        .filter(|o| is_sent(o))
        .cloned()
        .collect();
    step.outputs.retain(|output| !is_sent(output));
    match trace.steps.get_mut(shared) {
        Some(step) => {
            step.outputs.extend(sent);
            true
        }
        None => false,
    }
}
