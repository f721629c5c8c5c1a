//! `RequestedPeer` (the model's) ↔ `RequestedPeer` (layer 177+): a shared peer with the
//! details the button asked for.
//!
//! The constructor follows the ID ([`peer_id`](super::peer_id)). A user's `name` is written
//! as `first_name` with an empty `last_name` (the two share one flag), and read back as
//! `"first last"` (or `first` when `last_name` is empty). A chat's or channel's `name` is its
//! `title`; basic groups have no username. `has_photo` is a `photo` field holding a
//! placeholder `photo` (ID 0, no sizes); reading, any `photo` object counts and
//! `photoEmpty` does not. The photo's contents are not the model's business and are not read.

use serde_json::Value as Json;

use crate::model::update::RequestedPeer;

use super::error::TlError;
use super::peer_id::{self, Peer};
use super::read::Obj;
use super::write;

fn placeholder_photo() -> Json {
    write::Obj::new("photo")
        .long("id", 0)
        .long("access_hash", 0)
        .bytes("file_reference", &[])
        .int("date", 0)
        .field("sizes", Json::Array(Vec::new()))
        .int("dc_id", 0)
        .build()
}

pub(super) fn to_tl(peer: &RequestedPeer) -> Result<Json, TlError> {
    let photo = peer.has_photo.then(placeholder_photo);
    let name = peer.name.as_deref().map(write::string);
    let username = peer.username.as_deref().map(write::string);
    Ok(match peer_id::split(peer.id)? {
        Peer::User(id) => write::Obj::new("requestedPeerUser")
            .long("user_id", id)
            .opt("first_name", name)
            .opt("last_name", peer.name.as_ref().map(|_| write::string("")))
            .opt("username", username)
            .opt("photo", photo),
        Peer::Chat(id) => {
            if username.is_some() {
                return Err(TlError::unrepresentable(format!(
                    "basic group {} has no username in requestedPeerChat",
                    peer.id
                )));
            }
            write::Obj::new("requestedPeerChat")
                .long("chat_id", id)
                .opt("title", name)
                .opt("photo", photo)
        }
        Peer::Channel(id) => write::Obj::new("requestedPeerChannel")
            .long("channel_id", id)
            .opt("title", name)
            .opt("username", username)
            .opt("photo", photo),
    }
    .build())
}

pub(super) fn read(json: &Json, path: &str) -> Result<RequestedPeer, TlError> {
    let o = Obj::open(json, path)?;
    let (peer, name, username) = match o.name() {
        "requestedPeerUser" => {
            let id = o.long("user_id")?;
            let first = o.opt_string("first_name")?;
            let last = o.opt_string("last_name")?;
            let name = match (first, last) {
                (Some(first), Some(last)) if !last.is_empty() => Some(format!("{first} {last}")),
                (first, _) => first,
            };
            (Peer::User(id), name, o.opt_string("username")?)
        }
        "requestedPeerChat" => (Peer::Chat(o.long("chat_id")?), o.opt_string("title")?, None),
        "requestedPeerChannel" => (
            Peer::Channel(o.long("channel_id")?),
            o.opt_string("title")?,
            o.opt_string("username")?,
        ),
        _ => return Err(o.unknown("a RequestedPeer")),
    };
    let has_photo = match o.opt_object("photo")? {
        None => false,
        Some(photo) => match photo.name() {
            "photo" => true,
            "photoEmpty" => false,
            _ => return Err(photo.unknown("a Photo")),
        },
    };
    let id = peer_id::join(peer, path)?;
    o.finish()?;
    Ok(RequestedPeer {
        id,
        name,
        username,
        has_photo,
    })
}
