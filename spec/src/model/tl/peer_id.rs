//! The model's `i64` peer IDs and TL's `Peer`, `InputPeer` and `InputUser`.
//!
//! The model names every peer by one `i64`, marked as the Bot API marks chat IDs: a user is
//! its user ID (positive), a basic group is minus its chat ID, and a channel or supergroup is
//! `-1000000000000 - channel_id`. So an ID alone says which constructor carries it:
//!
//! | model ID | `Peer` | `InputPeer` |
//! |---|---|---|
//! | `id > 0` | `peerUser{user_id: id}` | `inputPeerUser{user_id: id, access_hash: "0"}` |
//! | `-10¹² < id < 0` | `peerChat{chat_id: -id}` | `inputPeerChat{chat_id: -id}` |
//! | `id < -10¹²` | `peerChannel{channel_id: -10¹² - id}` | `inputPeerChannel{…, access_hash: "0"}` |
//!
//! `0` and `-10¹²` name no peer. Access hashes are a session's credentials, not behaviour:
//! written as `"0"` and ignored when read. `inputPeerSelf`, `inputPeerEmpty` and the
//! `…FromMessage` forms do not carry the ID, so they have no model form.

use serde_json::Value as Json;

use super::error::TlError;
use super::read::{self, Obj};
use super::write;

/// What a marked channel ID is offset by.
const CHANNEL_OFFSET: i64 = 1_000_000_000_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Peer {
    User(i64),
    Chat(i64),
    Channel(i64),
}

/// Which peer a model ID names.
pub(super) fn split(id: i64) -> Result<Peer, TlError> {
    if id > 0 {
        Ok(Peer::User(id))
    } else if id > -CHANNEL_OFFSET && id < 0 {
        Ok(Peer::Chat(-id))
    } else if id < -CHANNEL_OFFSET {
        // id + OFFSET is in (i64::MIN + OFFSET, 0): negating it cannot overflow.
        Ok(Peer::Channel(-(id + CHANNEL_OFFSET)))
    } else {
        Err(TlError::unrepresentable(format!("{id} names no peer (model IDs: users > 0, basic groups in (-10^12, 0), channels < -10^12)")))
    }
}

/// The model ID of a peer; `path` locates it in the JSON read.
pub(super) fn join(peer: Peer, path: &str) -> Result<i64, TlError> {
    let marked = match peer {
        Peer::User(id) if id > 0 => Some(id),
        Peer::Chat(id) if id > 0 && id < CHANNEL_OFFSET => Some(-id),
        Peer::Channel(id) if id > 0 => (-CHANNEL_OFFSET).checked_sub(id),
        _ => None,
    };
    marked.ok_or_else(|| TlError::Unrepresentable {
        path: path.to_owned(),
        what: format!("{peer:?} has no model ID"),
    })
}

pub(super) fn user_id(id: i64) -> Result<i64, TlError> {
    match split(id)? {
        Peer::User(id) => Ok(id),
        _ => Err(TlError::unrepresentable(format!("{id} is not a user ID"))),
    }
}

pub(super) fn peer(id: i64) -> Result<Json, TlError> {
    Ok(match split(id)? {
        Peer::User(id) => write::Obj::new("peerUser").long("user_id", id),
        Peer::Chat(id) => write::Obj::new("peerChat").long("chat_id", id),
        Peer::Channel(id) => write::Obj::new("peerChannel").long("channel_id", id),
    }
    .build())
}

pub(super) fn input_peer(id: i64) -> Result<Json, TlError> {
    Ok(match split(id)? {
        Peer::User(id) => write::Obj::new("inputPeerUser")
            .long("user_id", id)
            .long("access_hash", 0),
        Peer::Chat(id) => write::Obj::new("inputPeerChat").long("chat_id", id),
        Peer::Channel(id) => write::Obj::new("inputPeerChannel")
            .long("channel_id", id)
            .long("access_hash", 0),
    }
    .build())
}

pub(super) fn input_user(id: i64) -> Result<Json, TlError> {
    Ok(write::Obj::new("inputUser")
        .long("user_id", user_id(id)?)
        .long("access_hash", 0)
        .build())
}

pub(super) fn read_peer(json: &Json, path: &str) -> Result<i64, TlError> {
    let o = Obj::open(json, path)?;
    let peer = match o.name() {
        "peerUser" => Peer::User(o.long("user_id")?),
        "peerChat" => Peer::Chat(o.long("chat_id")?),
        "peerChannel" => Peer::Channel(o.long("channel_id")?),
        _ => return Err(o.unknown("a Peer")),
    };
    o.finish()?;
    join(peer, path)
}

pub(super) fn read_input_peer(json: &Json, path: &str) -> Result<i64, TlError> {
    let o = Obj::open(json, path)?;
    let peer = match o.name() {
        "inputPeerUser" => Peer::User(o.long("user_id")?),
        "inputPeerChat" => Peer::Chat(o.long("chat_id")?),
        "inputPeerChannel" => Peer::Channel(o.long("channel_id")?),
        "inputPeerSelf"
        | "inputPeerEmpty"
        | "inputPeerUserFromMessage"
        | "inputPeerChannelFromMessage" => {
            return Err(TlError::Unrepresentable {
                path: path.to_owned(),
                what: format!("{} does not carry the peer's ID", o.name()),
            })
        }
        _ => return Err(o.unknown("an InputPeer")),
    };
    if o.name() != "inputPeerChat" {
        read::long(o.req("access_hash")?, &o.at("access_hash"))?;
    }
    o.finish()?;
    join(peer, path)
}

pub(super) fn read_input_user(json: &Json, path: &str) -> Result<i64, TlError> {
    let o = Obj::open(json, path)?;
    match o.name() {
        "inputUser" => {
            let id = o.long("user_id")?;
            o.long("access_hash")?;
            o.finish()?;
            join(Peer::User(id), path)
        }
        "inputUserSelf" | "inputUserEmpty" | "inputUserFromMessage" => {
            Err(TlError::Unrepresentable {
                path: path.to_owned(),
                what: format!("{} does not carry the user's ID", o.name()),
            })
        }
        _ => Err(o.unknown("an InputUser")),
    }
}
