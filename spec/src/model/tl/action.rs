//! `Action` ↔ `MessageAction`.
//!
//! `messageActionRequestedPeer` holds one `peer` before layer 169 and `peers` from 169;
//! `messageActionRequestedPeerSentMe` exists from 177 and `messageActionManagedBotCreated`
//! from 224.

use serde_json::Value as Json;

use crate::model::update::Action;

use super::error::TlError;
use super::read::Obj;
use super::{layer, peer_id, requested_peer, write};
use super::{FromTl, ToTl};

/// `messageActionRequestedPeer` has `peers:Vector<Peer>` from this layer.
const FIRST_MULTI_PEER_LAYER: u32 = 169;

impl ToTl for Action {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        layer::era(layer)?;
        Ok(match self {
            Action::RequestedPeer { button_id, peers } => {
                let o = write::Obj::new("messageActionRequestedPeer").int("button_id", *button_id);
                let peers = peers
                    .iter()
                    .map(|&p| peer_id::peer(p))
                    .collect::<Result<Vec<_>, _>>()?;
                if layer >= FIRST_MULTI_PEER_LAYER {
                    o.field("peers", Json::Array(peers))
                } else {
                    let [peer] = <[Json; 1]>::try_from(peers).map_err(|peers| {
                        TlError::unrepresentable(format!(
                            "layer {layer} shares exactly one peer, the model has {}",
                            peers.len()
                        ))
                    })?;
                    o.field("peer", peer)
                }
            }
            Action::RequestedPeerSentMe { button_id, peers } => {
                layer::require(layer, "messageActionRequestedPeerSentMe")?;
                let peers = peers
                    .iter()
                    .map(requested_peer::to_tl)
                    .collect::<Result<Vec<_>, _>>()?;
                write::Obj::new("messageActionRequestedPeerSentMe")
                    .int("button_id", *button_id)
                    .field("peers", Json::Array(peers))
            }
            Action::ManagedBotCreated { bot_id } => {
                layer::require(layer, "messageActionManagedBotCreated")?;
                write::Obj::new("messageActionManagedBotCreated")
                    .long("bot_id", peer_id::user_id(*bot_id)?)
            }
        }
        .build())
    }
}

impl FromTl for Action {
    fn from_tl(json: &Json, layer: u32) -> Result<Action, TlError> {
        read(json, "", layer)
    }
}

pub(super) fn read(json: &Json, path: &str, layer: u32) -> Result<Action, TlError> {
    layer::era(layer)?;
    let o = Obj::open(json, path)?;
    let action = match o.name() {
        "messageActionRequestedPeer" => {
            let button_id = o.int("button_id")?;
            let peers = if layer >= FIRST_MULTI_PEER_LAYER {
                o.array("peers")?
                    .into_iter()
                    .map(|(j, p)| peer_id::read_peer(j, &p))
                    .collect::<Result<_, _>>()?
            } else {
                vec![peer_id::read_peer(o.req("peer")?, &o.at("peer"))?]
            };
            Action::RequestedPeer { button_id, peers }
        }
        "messageActionRequestedPeerSentMe" => {
            layer::require(layer, o.name())?;
            Action::RequestedPeerSentMe {
                button_id: o.int("button_id")?,
                peers: o
                    .array("peers")?
                    .into_iter()
                    .map(|(j, p)| requested_peer::read(j, &p))
                    .collect::<Result<_, _>>()?,
            }
        }
        "messageActionManagedBotCreated" => {
            layer::require(layer, o.name())?;
            let id = o.long("bot_id")?;
            Action::ManagedBotCreated {
                bot_id: peer_id::join(peer_id::Peer::User(id), &o.at("bot_id"))?,
            }
        }
        _ => return Err(o.unknown("a MessageAction of the model")),
    };
    o.finish()?;
    Ok(action)
}
