//! `PeerType` ↔ `RequestPeerType` (`requestPeerTypeCreateBot` from layer 224).

use serde_json::Value as Json;

use crate::model::admin_rights::AdminRights;
use crate::model::peer_type::PeerType;

use super::error::TlError;
use super::layer;
use super::read::Obj;
use super::write;
use super::{admin_rights, FromTl, ToTl};

fn rights(rights: &Option<AdminRights>, layer: u32) -> Result<Option<Json>, TlError> {
    rights.as_ref().map(|r| r.to_tl(layer)).transpose()
}

impl ToTl for PeerType {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        layer::era(layer)?;
        Ok(match self {
            PeerType::User { bot, premium } => write::Obj::new("requestPeerTypeUser")
                .opt("bot", bot.map(Json::Bool))
                .opt("premium", premium.map(Json::Bool)),
            PeerType::Chat {
                creator,
                bot_participant,
                has_username,
                forum,
                user_admin_rights,
                bot_admin_rights,
            } => write::Obj::new("requestPeerTypeChat")
                .flag("creator", *creator)
                .flag("bot_participant", *bot_participant)
                .opt("has_username", has_username.map(Json::Bool))
                .opt("forum", forum.map(Json::Bool))
                .opt("user_admin_rights", rights(user_admin_rights, layer)?)
                .opt("bot_admin_rights", rights(bot_admin_rights, layer)?),
            PeerType::Broadcast {
                creator,
                has_username,
                user_admin_rights,
                bot_admin_rights,
            } => write::Obj::new("requestPeerTypeBroadcast")
                .flag("creator", *creator)
                .opt("has_username", has_username.map(Json::Bool))
                .opt("user_admin_rights", rights(user_admin_rights, layer)?)
                .opt("bot_admin_rights", rights(bot_admin_rights, layer)?),
            PeerType::CreateBot {
                bot_managed,
                suggested_name,
                suggested_username,
            } => {
                layer::require(layer, "requestPeerTypeCreateBot")?;
                write::Obj::new("requestPeerTypeCreateBot")
                    .flag("bot_managed", *bot_managed)
                    .opt(
                        "suggested_name",
                        suggested_name.as_deref().map(write::string),
                    )
                    .opt(
                        "suggested_username",
                        suggested_username.as_deref().map(write::string),
                    )
            }
        }
        .build())
    }
}

impl FromTl for PeerType {
    fn from_tl(json: &Json, layer: u32) -> Result<PeerType, TlError> {
        read(json, "", layer)
    }
}

fn read_rights(o: &Obj<'_>, field: &str, layer: u32) -> Result<Option<AdminRights>, TlError> {
    o.get(field)
        .map(|j| admin_rights::read(j, &o.at(field), layer))
        .transpose()
}

pub(super) fn read(json: &Json, path: &str, layer: u32) -> Result<PeerType, TlError> {
    layer::era(layer)?;
    let o = Obj::open(json, path)?;
    let peer_type = match o.name() {
        "requestPeerTypeUser" => PeerType::User {
            bot: o.opt_bool("bot")?,
            premium: o.opt_bool("premium")?,
        },
        "requestPeerTypeChat" => PeerType::Chat {
            creator: o.flag("creator")?,
            bot_participant: o.flag("bot_participant")?,
            has_username: o.opt_bool("has_username")?,
            forum: o.opt_bool("forum")?,
            user_admin_rights: read_rights(&o, "user_admin_rights", layer)?,
            bot_admin_rights: read_rights(&o, "bot_admin_rights", layer)?,
        },
        "requestPeerTypeBroadcast" => PeerType::Broadcast {
            creator: o.flag("creator")?,
            has_username: o.opt_bool("has_username")?,
            user_admin_rights: read_rights(&o, "user_admin_rights", layer)?,
            bot_admin_rights: read_rights(&o, "bot_admin_rights", layer)?,
        },
        "requestPeerTypeCreateBot" => {
            layer::require(layer, "requestPeerTypeCreateBot")?;
            PeerType::CreateBot {
                bot_managed: o.flag("bot_managed")?,
                suggested_name: o.opt_string("suggested_name")?,
                suggested_username: o.opt_string("suggested_username")?,
            }
        }
        _ => return Err(o.unknown("a RequestPeerType")),
    };
    o.finish()?;
    Ok(peer_type)
}
