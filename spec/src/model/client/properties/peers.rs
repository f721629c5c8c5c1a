//! Peer requests from a chat: the selection offered, the filters, and the share.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::model::admin_rights::AdminRights;
use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::{Call, Reply};
use crate::model::client::filter::{self, Mismatch};
use crate::model::client::flow::{Flow, Origin, Stage};
use crate::model::client::gen::{self, BOT, ME};
use crate::model::client::{ClientInput, ClientOutput, ClientSession, ClientSetup, Ui};
use crate::model::markup::{Markup, ReplyKeyboard};
use crate::model::peer::{PeerInfo, PeerKind};
use crate::model::peer_type::PeerType;
use crate::model::property::Property;
use crate::model::subject::Subject;

use super::support::{at_step, each_step, first_ui, subject};

pub(super) fn all() -> Vec<Property> {
    vec![
        Property {
            rule: "RP-03",
            bug: "client-peer-request-button-ignored",
            valid: || shared(152),
            inject: drop_selection,
            also: &[],
        },
        Property {
            rule: "RP-04",
            bug: "client-button-id-off-by-one",
            valid: || shared(152),
            inject: button_id_off_by_one,
            also: &["MB-06"],
        },
        Property {
            rule: "RP-05",
            bug: "client-shares-max-quantity-plus-one",
            valid: all_allowed,
            inject: one_peer_too_many,
            also: &[],
        },
        Property {
            rule: "RP-06",
            bug: "client-shares-empty-selection",
            valid: left_empty,
            inject: share_nothing,
            also: &[],
        },
        Property {
            rule: "RP-09",
            bug: "client-refuses-max-quantity-below-one",
            valid: below_one,
            inject: offer_up_to_max_quantity,
            also: &[],
        },
        Property {
            rule: "RP-10",
            bug: "client-selection-misses-a-peer",
            valid: || shared(169),
            inject: drop_candidate,
            also: &[],
        },
        Property {
            rule: "RP-11",
            bug: "client-ignores-bot-filter",
            valid: || filtered(Mismatch::Bot),
            inject: |s| offered_ignoring(s, Mismatch::Bot),
            also: &[],
        },
        Property {
            rule: "RP-12",
            bug: "client-ignores-premium-filter",
            valid: || filtered(Mismatch::Premium),
            inject: |s| offered_ignoring(s, Mismatch::Premium),
            also: &[],
        },
        Property {
            rule: "RP-13",
            bug: "client-offers-peers-of-another-kind",
            valid: || filtered(Mismatch::Kind),
            inject: |s| offered_ignoring(s, Mismatch::Kind),
            also: &[],
        },
        Property {
            rule: "RP-14",
            bug: "client-ignores-creator-filter",
            valid: || filtered(Mismatch::Creator),
            inject: |s| offered_ignoring(s, Mismatch::Creator),
            also: &[],
        },
        Property {
            rule: "RP-15",
            bug: "client-ignores-username-filter",
            valid: || filtered(Mismatch::HasUsername),
            inject: |s| offered_ignoring(s, Mismatch::HasUsername),
            also: &[],
        },
        Property {
            rule: "RP-16",
            bug: "client-ignores-forum-filter",
            valid: || filtered(Mismatch::Forum),
            inject: |s| offered_ignoring(s, Mismatch::Forum),
            also: &[],
        },
        Property {
            rule: "RP-17",
            bug: "client-ignores-user-admin-rights",
            valid: || filtered(Mismatch::UserAdminRights),
            inject: |s| offered_ignoring(s, Mismatch::UserAdminRights),
            also: &[],
        },
        Property {
            rule: "RP-18",
            bug: "client-ignores-bot-participant",
            valid: || filtered(Mismatch::BotParticipant),
            inject: |s| offered_ignoring(s, Mismatch::BotParticipant),
            also: &[],
        },
        Property {
            rule: "RP-19",
            bug: "client-ignores-bot-admin-rights",
            valid: || filtered(Mismatch::BotAdminRights),
            inject: |s| offered_ignoring(s, Mismatch::BotAdminRights),
            also: &[],
        },
        Property {
            rule: "RP-21",
            bug: "client-offers-secret-chats",
            valid: || filtered(Mismatch::SecretChat),
            inject: |s| offered_ignoring(s, Mismatch::SecretChat),
            also: &[],
        },
        Property {
            rule: "RP-22",
            bug: "client-offers-deactivated-groups",
            valid: || filtered(Mismatch::Deactivated),
            inject: |s| offered_ignoring(s, Mismatch::Deactivated),
            also: &[],
        },
        Property {
            rule: "RP-26",
            bug: "client-shares-with-self",
            valid: || shared(152),
            inject: share_with_self,
            also: &["MB-06"],
        },
        Property {
            rule: "RP-27",
            bug: "client-msg-id-of-the-next-message",
            valid: || shared(152),
            inject: next_msg_id,
            also: &["MB-06"],
        },
        Property {
            rule: "RP-28",
            bug: "client-sets-webapp-req-id-for-chat-button",
            valid: || shared(224),
            inject: add_webapp_req_id,
            also: &[],
        },
    ]
}

/// The message holding the peer-request button.
const MSG_ID: i32 = 11;

/// A peer of `kind` that passes every filter left unset: no username, no rights, not a
/// creator, not a forum.
fn neutral(id: i64, kind: PeerKind) -> PeerInfo {
    PeerInfo {
        id,
        kind,
        name: format!("{kind:?}"),
        username: None,
        has_photo: false,
        premium: false,
        creator: false,
        my_rights: None,
        forum: false,
        deactivated: false,
        bot_is_member: false,
        bot_rights: None,
    }
}

/// Peers `pick` chooses among what `button` offers, at most as many as it allows.
fn picked(layer: u32, setup: &ClientSetup, button: &RequestPeerButton, pick: &[Index]) -> Vec<i64> {
    let candidates = filter::candidates(&setup.peers, &button.peer_type);
    let max = filter::max_peers(layer, button.max_quantity);
    pick.iter()
        .take(max)
        .filter(|_| !candidates.is_empty())
        .map(|index| candidates[index.index(candidates.len())])
        .collect()
}

/// The inputs of a press on `button` in the bot's private chat, the user selecting `peers`,
/// and the share's result.
fn session(layer: u32, setup: ClientSetup, button: RequestPeerButton, peers: Vec<i64>) -> Subject {
    let keyboard = ReplyKeyboard {
        rows: vec![vec![Button {
            text: "Share".to_owned(),
            style: None,
            kind: ButtonKind::RequestPeer(button),
        }]],
        resize: true,
        single_use: false,
        selective: false,
        persistent: false,
        placeholder: None,
    };
    let message = gen::private_message(MSG_ID, Some(Markup::Keyboard(keyboard)));
    let inputs = vec![
        ClientInput::Receive { message },
        ClientInput::Press {
            chat: BOT,
            msg_id: MSG_ID,
            row: 0,
            column: 0,
        },
        ClientInput::SelectPeers { peers },
        ClientInput::Result {
            outcome: Ok(Reply::Done),
        },
    ];
    subject(layer, setup, inputs)
}

/// A peer request of any non-creating type over random peers (plus a user and a group, so
/// something always passes), from layer `first`, shared with at least one peer picked.
fn shared(first: u32) -> BoxedStrategy<Subject> {
    gen::layer_from(first)
        .prop_flat_map(|layer| {
            let user_or_group = prop_oneof![
                (
                    proptest::option::of(Just(false)),
                    proptest::option::of(Just(false))
                )
                    .prop_map(|(bot, premium)| PeerType::User { bot, premium }),
                Just(PeerType::Chat {
                    creator: false,
                    bot_participant: false,
                    has_username: None,
                    forum: None,
                    user_admin_rights: None,
                    bot_admin_rights: None
                }),
            ];
            (
                Just(layer),
                gen::request_peer(layer, user_or_group),
                vec(gen::peer(), 0..5),
                vec(any::<Index>(), 1..3),
            )
        })
        .prop_map(|(layer, mut button, random, pick)| {
            button.button_id = button.button_id.max(1);
            let mut peers = random;
            peers.extend([neutral(0, PeerKind::User), neutral(0, PeerKind::Supergroup)]);
            let setup = ClientSetup {
                me: ME,
                has_password: false,
                peers: gen::numbered(peers),
            };
            let selection = picked(layer, &setup, &button, &pick);
            session(layer, setup, button, selection)
        })
        .boxed()
}

/// Users only, at least as many as max_quantity, all of them picked up to the maximum.
fn all_allowed() -> BoxedStrategy<Subject> {
    (gen::layer_from(169), 1i32..=3, 4usize..7)
        .prop_map(|(layer, max_quantity, users)| {
            let button = RequestPeerButton {
                button_id: 1,
                peer_type: PeerType::User {
                    bot: None,
                    premium: None,
                },
                max_quantity,
                name_requested: false,
                username_requested: false,
                photo_requested: false,
                input: false,
            };
            let peers = gen::numbered((0..users).map(|_| neutral(0, PeerKind::User)).collect());
            let everyone = peers.iter().map(|peer| peer.id).collect();
            session(
                layer,
                ClientSetup {
                    me: ME,
                    has_password: false,
                    peers,
                },
                button,
                everyone,
            )
        })
        .boxed()
}

/// Users only, but the user picks nobody (or only peers that were not offered).
fn left_empty() -> BoxedStrategy<Subject> {
    (
        gen::layer_from(169),
        vec(select(&[gen::GROUP, 999][..]), 0..2),
    )
        .prop_map(|(layer, extra)| {
            let button = RequestPeerButton {
                button_id: 1,
                peer_type: PeerType::User {
                    bot: None,
                    premium: None,
                },
                max_quantity: 2,
                name_requested: false,
                username_requested: false,
                photo_requested: false,
                input: false,
            };
            session(
                layer,
                ClientSetup {
                    me: ME,
                    has_password: false,
                    peers: gen::numbered(vec![neutral(0, PeerKind::User)]),
                },
                button,
                extra,
            )
        })
        .boxed()
}

fn below_one() -> BoxedStrategy<Subject> {
    (gen::layer_from(169), -1i32..=0, vec(any::<Index>(), 1..3))
        .prop_map(|(layer, max_quantity, pick)| {
            let button = RequestPeerButton {
                button_id: 1,
                peer_type: PeerType::User {
                    bot: None,
                    premium: None,
                },
                max_quantity,
                name_requested: false,
                username_requested: false,
                photo_requested: false,
                input: false,
            };
            let setup = ClientSetup {
                me: ME,
                has_password: false,
                peers: gen::numbered(vec![neutral(0, PeerKind::User), neutral(0, PeerKind::Bot)]),
            };
            let selection = picked(layer, &setup, &button, &pick);
            session(layer, setup, button, selection)
        })
        .boxed()
}

/// A request type with the one filter `mismatch` is about, and a witness peer that fails
/// exactly that filter, among random peers.
fn filtered(mismatch: Mismatch) -> BoxedStrategy<Subject> {
    (
        gen::layer(),
        any::<bool>(),
        any::<bool>(),
        vec(gen::peer(), 0..5),
        vec(any::<Index>(), 1..3),
    )
        .prop_map(move |(layer, flag, channel, random, pick)| {
            let chat = |f: fn(&mut PeerType)| {
                let mut peer_type = if channel {
                    PeerType::Broadcast {
                        creator: false,
                        has_username: None,
                        user_admin_rights: None,
                        bot_admin_rights: None,
                    }
                } else {
                    PeerType::Chat {
                        creator: false,
                        bot_participant: false,
                        has_username: None,
                        forum: None,
                        user_admin_rights: None,
                        bot_admin_rights: None,
                    }
                };
                f(&mut peer_type);
                peer_type
            };
            let group_kind = if channel {
                PeerKind::Channel
            } else {
                PeerKind::Supergroup
            };
            let (peer_type, witness) = match mismatch {
                Mismatch::Bot => (
                    PeerType::User {
                        bot: Some(flag),
                        premium: None,
                    },
                    neutral(0, if flag { PeerKind::User } else { PeerKind::Bot }),
                ),
                Mismatch::Premium => (
                    PeerType::User {
                        bot: None,
                        premium: Some(flag),
                    },
                    PeerInfo {
                        premium: !flag,
                        ..neutral(0, PeerKind::User)
                    },
                ),
                Mismatch::Kind => (
                    PeerType::User {
                        bot: None,
                        premium: None,
                    },
                    neutral(0, group_kind),
                ),
                Mismatch::Creator => (chat(set_creator), neutral(0, group_kind)),
                Mismatch::HasUsername => {
                    let peer_type = if flag {
                        chat(|t| set_has_username(t, true))
                    } else {
                        chat(|t| set_has_username(t, false))
                    };
                    (
                        peer_type,
                        PeerInfo {
                            username: (!flag).then(|| "public".to_owned()),
                            ..neutral(0, group_kind)
                        },
                    )
                }
                Mismatch::Forum => (
                    PeerType::Chat {
                        creator: false,
                        bot_participant: false,
                        has_username: None,
                        forum: Some(flag),
                        user_admin_rights: None,
                        bot_admin_rights: None,
                    },
                    PeerInfo {
                        forum: !flag,
                        ..neutral(0, PeerKind::Supergroup)
                    },
                ),
                Mismatch::UserAdminRights => (
                    chat(set_user_rights),
                    PeerInfo {
                        my_rights: Some(AdminRights(1)),
                        ..neutral(0, group_kind)
                    },
                ),
                Mismatch::BotParticipant => (
                    PeerType::Chat {
                        creator: false,
                        bot_participant: true,
                        has_username: None,
                        forum: None,
                        user_admin_rights: None,
                        bot_admin_rights: None,
                    },
                    PeerInfo {
                        my_rights: Some(AdminRights(1)),
                        ..neutral(
                            0,
                            if flag {
                                PeerKind::BasicGroup
                            } else {
                                PeerKind::Supergroup
                            },
                        )
                    },
                ),
                Mismatch::BotAdminRights => (
                    chat(set_bot_rights),
                    PeerInfo {
                        my_rights: Some(AdminRights(1 << 5)),
                        bot_rights: Some(AdminRights(1)),
                        ..neutral(0, group_kind)
                    },
                ),
                Mismatch::SecretChat => (
                    PeerType::User {
                        bot: None,
                        premium: None,
                    },
                    neutral(0, PeerKind::SecretChat),
                ),
                Mismatch::Deactivated => (
                    PeerType::Chat {
                        creator: false,
                        bot_participant: false,
                        has_username: None,
                        forum: None,
                        user_admin_rights: None,
                        bot_admin_rights: None,
                    },
                    PeerInfo {
                        deactivated: true,
                        ..neutral(0, PeerKind::BasicGroup)
                    },
                ),
            };
            // The witness comes last: that is how the bug finds it.
            let mut peers = random;
            peers.push(witness);
            let button = RequestPeerButton {
                button_id: 1,
                peer_type,
                max_quantity: 1,
                name_requested: false,
                username_requested: false,
                photo_requested: false,
                input: false,
            };
            let setup = ClientSetup {
                me: ME,
                has_password: false,
                peers: gen::numbered(peers),
            };
            let selection = picked(layer, &setup, &button, &pick);
            session(layer, setup, button, selection)
        })
        .boxed()
}

fn set_creator(peer_type: &mut PeerType) {
    if let PeerType::Chat { creator, .. } | PeerType::Broadcast { creator, .. } = peer_type {
        *creator = true;
    }
}

fn set_has_username(peer_type: &mut PeerType, wanted: bool) {
    if let PeerType::Chat { has_username, .. } | PeerType::Broadcast { has_username, .. } =
        peer_type
    {
        *has_username = Some(wanted);
    }
}

fn set_user_rights(peer_type: &mut PeerType) {
    if let PeerType::Chat {
        user_admin_rights, ..
    }
    | PeerType::Broadcast {
        user_admin_rights, ..
    } = peer_type
    {
        *user_admin_rights = Some(AdminRights(1 << 5));
    }
}

fn set_bot_rights(peer_type: &mut PeerType) {
    if let PeerType::Chat {
        bot_admin_rights, ..
    }
    | PeerType::Broadcast {
        bot_admin_rights, ..
    } = peer_type
    {
        *bot_admin_rights = Some(AdminRights(1 << 2));
    }
}

fn trace_setup(subject: &Subject) -> Option<ClientSetup> {
    match subject {
        Subject::Client(trace) => Some(trace.setup.clone()),
        _ => None,
    }
}

/// Every selection offered as a client computes it that checks each aspect of the filter but
/// `ignored`: the peers failing that one aspect alone are offered too. Nothing changes where
/// no such peer exists.
fn offered_ignoring(subject: &mut Subject, ignored: Mismatch) -> bool {
    let Some(setup) = trace_setup(subject) else {
        return false;
    };
    let admitted = |peer_type: &PeerType| -> Vec<i64> {
        setup
            .peers
            .iter()
            .filter(|peer| {
                filter::mismatches(peer, peer_type)
                    .iter()
                    .all(|m| *m == ignored)
            })
            .map(|peer| peer.id)
            .collect()
    };
    each_step(subject, |_, _, outputs| {
        let mut edited = false;
        for output in outputs {
            if let ClientOutput::Ui {
                ui:
                    Ui::PeerSelection {
                        peer_type,
                        candidates,
                        ..
                    },
            } = output
            {
                let wider = admitted(peer_type);
                if wider != *candidates {
                    *candidates = wider;
                    edited = true;
                }
            }
        }
        edited
    })
}

fn drop_selection(subject: &mut Subject) -> bool {
    at_step(
        subject,
        |input, outputs| {
            matches!(input, ClientInput::Press { .. })
                && outputs.iter().any(|o| {
                    matches!(
                        o,
                        ClientOutput::Ui {
                            ui: Ui::PeerSelection { .. }
                        }
                    )
                })
        },
        |_, outputs| {
            outputs.retain(|output| {
                !matches!(
                    output,
                    ClientOutput::Ui {
                        ui: Ui::PeerSelection { .. }
                    }
                )
            })
        },
    )
}

fn drop_candidate(subject: &mut Subject) -> bool {
    first_ui(subject, |ui| match ui {
        Ui::PeerSelection { candidates, .. } => candidates.pop().is_some(),
        _ => false,
    })
}

fn offer_up_to_max_quantity(subject: &mut Subject) -> bool {
    let Subject::Client(trace) = subject else {
        return false;
    };
    let Some(ClientInput::Receive { message }) = trace.steps.first().map(|step| &step.input) else {
        return false;
    };
    let Some(Button {
        kind: ButtonKind::RequestPeer(button),
        ..
    }) = message.markup.as_ref().and_then(|m| m.button(0, 0))
    else {
        return false;
    };
    let max_quantity = button.max_quantity;
    first_ui(subject, |ui| match ui {
        Ui::PeerSelection { max, .. } => std::mem::replace(max, max_quantity) != max_quantity,
        _ => false,
    })
}

/// The fields of a messages.sendBotRequestedPeer: peer, msg_id, webapp_req_id, button_id,
/// requested_peers.
pub(super) type ShareFields<'a> = (
    &'a mut i64,
    &'a mut Option<i32>,
    &'a mut Option<String>,
    &'a mut i32,
    &'a mut Vec<i64>,
);

fn share_call(call: &mut Call) -> Option<ShareFields<'_>> {
    match call {
        Call::SendBotRequestedPeer {
            peer,
            msg_id,
            webapp_req_id,
            button_id,
            requested_peers,
        } => Some((peer, msg_id, webapp_req_id, button_id, requested_peers)),
        _ => None,
    }
}

/// Edits every messages.sendBotRequestedPeer made for a flow `from` accepts (the flow on
/// screen before the step that shares: a selection confirmed, or a bot created); whether
/// `edit` changed any.
pub(super) fn edit_shares(
    subject: &mut Subject,
    from: fn(&Flow) -> bool,
    mut edit: impl FnMut(ShareFields<'_>) -> bool,
) -> bool {
    each_step(subject, |before, _, outputs| {
        if !before.flow().is_some_and(from) {
            return false;
        }
        let mut edited = false;
        for output in outputs {
            if let ClientOutput::Call { call } = output {
                edited |= share_call(call).is_some_and(&mut edit);
            }
        }
        edited
    })
}

/// A flow started by a button pressed in a chat (not one a Mini App asked for).
pub(super) fn from_chat(flow: &Flow) -> bool {
    matches!(flow.origin, Origin::Chat { .. })
}

fn button_id_off_by_one(subject: &mut Subject) -> bool {
    edit_shares(subject, from_chat, |(_, _, _, button_id, _)| {
        *button_id += 1;
        true
    })
}

fn share_with_self(subject: &mut Subject) -> bool {
    edit_shares(subject, from_chat, |(peer, ..)| {
        std::mem::replace(peer, ME) != ME
    })
}

fn next_msg_id(subject: &mut Subject) -> bool {
    edit_shares(subject, from_chat, |(_, msg_id, ..)| {
        msg_id.as_mut().map(|msg_id| *msg_id += 1).is_some()
    })
}

fn add_webapp_req_id(subject: &mut Subject) -> bool {
    edit_shares(subject, from_chat, |(_, _, webapp_req_id, ..)| {
        webapp_req_id.replace("req-Alpha-0001".to_owned()).is_none()
    })
}

/// The user's distinct picks among the offered peers, in order, when confirming `peers` in
/// `before`'s selection (from layer 169, where max_quantity counts), with that selection's
/// maximum.
fn picks(before: &ClientSession, input: &ClientInput) -> Option<(Vec<i64>, usize, Origin)> {
    let (
        ClientInput::SelectPeers { peers },
        Some(Flow {
            stage: Stage::Selecting { candidates, max },
            origin,
            ..
        }),
    ) = (input, before.flow())
    else {
        return None;
    };
    let mut picked: Vec<i64> = Vec::new();
    for peer in peers.iter().filter(|peer| candidates.contains(peer)) {
        if !picked.contains(peer) {
            picked.push(*peer);
        }
    }
    Some((picked, *max, origin.clone()))
}

/// The limit checked as `<= max_quantity` after adding: a user who picks more than
/// max_quantity peers gets one more shared.
fn one_peer_too_many(subject: &mut Subject) -> bool {
    each_step(subject, |before, input, outputs| {
        let Some((picked, max, _)) = picks(before, input).filter(|_| before.layer() >= 169) else {
            return false;
        };
        let Some(extra) = picked.get(max).copied() else {
            return false;
        };
        let mut edited = false;
        for output in outputs {
            if let Some((.., peers)) = match output {
                ClientOutput::Call { call } => share_call(call),
                ClientOutput::Ui { .. } => None,
            } {
                peers.push(extra);
                edited = true;
            }
        }
        edited
    })
}

/// A selection from a chat button confirmed with no peer picked, shared anyway (empty).
fn share_nothing(subject: &mut Subject) -> bool {
    each_step(subject, |before, input, outputs| {
        let Some(flow) = before.flow().filter(|flow| from_chat(flow)) else {
            return false;
        };
        match picks(before, input) {
            Some((picked, ..)) if picked.is_empty() => {
                let (msg_id, webapp_req_id) = flow.origin.share_target();
                let call = Call::SendBotRequestedPeer {
                    peer: flow.origin.bot(),
                    msg_id,
                    webapp_req_id,
                    button_id: flow.button.button_id,
                    requested_peers: vec![],
                };
                outputs.push(ClientOutput::Call { call });
                true
            }
            _ => false,
        }
    })
}
