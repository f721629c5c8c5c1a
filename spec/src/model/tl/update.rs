//! `Update` ↔ `Update`.
//!
//! - `BotCallbackQuery` ↔ `updateBotCallbackQuery`, `InlineBotCallbackQuery` ↔
//!   `updateInlineBotCallbackQuery` (the ID as [`inline_message_id`](super::inline_message_id)
//!   spells it). `chat_instance` is written `"0"` and not read: the model does not track it.
//! - `ServiceMessage` ↔ `updateNewMessage{message: messageService{from_id, peer_id, action}}`,
//!   and `ManagedBot` ↔ `updateManagedBot` (224+): neither is in the era schemas (see
//!   [`call`](super::call) for how such objects follow the era's source schema). The message's
//!   `id` and `date`, `pts`/`pts_count`/`qts`, and `updateManagedBot.user_id` (the model's
//!   `ManagedBot` has no user) are written as 0 and not read.
//! - `BusinessBotCallbackQuery` ↔ `updateBusinessBotCallbackQuery` needs the whole `Message`
//!   type, which no era schema carries: [`TlError::NotCarried`] both ways.

use serde_json::Value as Json;

use crate::model::update::Update;

use super::error::TlError;
use super::read::Obj;
use super::{action, inline_message_id, layer, peer_id, write};
use super::{FromTl, ToTl};

/// `updateManagedBot` first appears with the managed-bot functions.
const FIRST_MANAGED_BOT_LAYER: u32 = 224;

fn not_carried(name: &str, layer: u32) -> Result<TlError, TlError> {
    Ok(TlError::NotCarried {
        name: name.into(),
        era: layer::era_name(layer)?,
    })
}

impl ToTl for Update {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        layer::era(layer)?;
        Ok(match self {
            Update::BotCallbackQuery {
                query_id,
                user_id,
                peer,
                msg_id,
                data,
                game_short_name,
            } => write::Obj::new("updateBotCallbackQuery")
                .long("query_id", *query_id)
                .long("user_id", peer_id::user_id(*user_id)?)
                .field("peer", peer_id::peer(*peer)?)
                .int("msg_id", *msg_id)
                .long("chat_instance", 0)
                .opt(
                    "data",
                    data.as_deref()
                        .map(|d| Json::String(crate::dynamic::hex::encode(d))),
                )
                .opt(
                    "game_short_name",
                    game_short_name.as_deref().map(write::string),
                ),
            Update::InlineBotCallbackQuery {
                query_id,
                user_id,
                inline_msg_id,
                data,
                game_short_name,
            } => write::Obj::new("updateInlineBotCallbackQuery")
                .long("query_id", *query_id)
                .long("user_id", peer_id::user_id(*user_id)?)
                .field("msg_id", inline_message_id::to_tl(inline_msg_id)?)
                .long("chat_instance", 0)
                .opt(
                    "data",
                    data.as_deref()
                        .map(|d| Json::String(crate::dynamic::hex::encode(d))),
                )
                .opt(
                    "game_short_name",
                    game_short_name.as_deref().map(write::string),
                ),
            Update::BusinessBotCallbackQuery { .. } => {
                return Err(not_carried("updateBusinessBotCallbackQuery", layer)?)
            }
            Update::ServiceMessage { chat, from, action } => {
                let message = write::Obj::new("messageService")
                    .int("id", 0)
                    .field("from_id", peer_id::peer(*from)?)
                    .field("peer_id", peer_id::peer(*chat)?)
                    .int("date", 0)
                    .field("action", action.to_tl(layer)?)
                    .build();
                write::Obj::new("updateNewMessage")
                    .field("message", message)
                    .int("pts", 0)
                    .int("pts_count", 0)
            }
            Update::ManagedBot { bot_id } => {
                if layer < FIRST_MANAGED_BOT_LAYER {
                    return Err(TlError::Absent {
                        name: "updateManagedBot".into(),
                        layer,
                    });
                }
                write::Obj::new("updateManagedBot")
                    .long("user_id", 0)
                    .long("bot_id", peer_id::user_id(*bot_id)?)
                    .int("qts", 0)
            }
        }
        .build())
    }
}

impl FromTl for Update {
    fn from_tl(json: &Json, layer: u32) -> Result<Update, TlError> {
        layer::era(layer)?;
        let o = Obj::open(json, "")?;
        let user = |o: &Obj<'_>| -> Result<i64, TlError> {
            let id = o.long("user_id")?;
            peer_id::join(peer_id::Peer::User(id), &o.at("user_id"))
        };
        let update = match o.name() {
            "updateBotCallbackQuery" => {
                let update = Update::BotCallbackQuery {
                    query_id: o.long("query_id")?,
                    user_id: user(&o)?,
                    peer: peer_id::read_peer(o.req("peer")?, &o.at("peer"))?,
                    msg_id: o.int("msg_id")?,
                    data: o.opt_bytes("data")?,
                    game_short_name: o.opt_string("game_short_name")?,
                };
                o.long("chat_instance")?;
                update
            }
            "updateInlineBotCallbackQuery" => {
                let update = Update::InlineBotCallbackQuery {
                    query_id: o.long("query_id")?,
                    user_id: user(&o)?,
                    inline_msg_id: inline_message_id::read(o.req("msg_id")?, &o.at("msg_id"))?,
                    data: o.opt_bytes("data")?,
                    game_short_name: o.opt_string("game_short_name")?,
                };
                o.long("chat_instance")?;
                update
            }
            "updateBusinessBotCallbackQuery" => return Err(not_carried(o.name(), layer)?),
            "updateNewMessage" => {
                o.int("pts")?;
                o.int("pts_count")?;
                let m = o.object("message")?;
                if m.name() != "messageService" {
                    return Err(m.unknown("messageService"));
                }
                m.int("id")?;
                m.int("date")?;
                let update = Update::ServiceMessage {
                    chat: peer_id::read_peer(m.req("peer_id")?, &m.at("peer_id"))?,
                    from: peer_id::read_peer(m.req("from_id")?, &m.at("from_id"))?,
                    action: action::read(m.req("action")?, &m.at("action"), layer)?,
                };
                m.finish()?;
                update
            }
            "updateManagedBot" => {
                if layer < FIRST_MANAGED_BOT_LAYER {
                    return Err(TlError::Absent {
                        name: o.name().into(),
                        layer,
                    });
                }
                o.long("user_id")?;
                o.int("qts")?;
                let id = o.long("bot_id")?;
                Update::ManagedBot {
                    bot_id: peer_id::join(peer_id::Peer::User(id), &o.at("bot_id"))?,
                }
            }
            _ => return Err(o.unknown("an Update of the model")),
        };
        o.finish()?;
        Ok(update)
    }
}
