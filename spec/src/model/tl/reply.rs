//! `Reply` and `RpcError` ↔ the results of the calls.
//!
//! | reply | TL |
//! |---|---|
//! | `Done` | `Updates`: written as an empty `updates`; any `Updates` constructor reads as `Done` (the updates a call causes reach the parties as [`Update`](crate::model::update::Update)s, so their contents are not read here) |
//! | `Bool` | a boxed `Bool`: `true` / `false` |
//! | `BotCallbackAnswer` | `messages.botCallbackAnswer` |
//! | `CreatedBot` | `User`: written as `user{bot, id, bot_info_version: 0}`; any `user` reads as its `id` (the profile is not the model's) |
//! | `RequestedButton` | `bots.requestedButton` (224+) |
//! | `Button` | `KeyboardButton` (the reply form from 229) |
//! | `RpcError` | `rpc_error{error_code, error_message}` of the MTProto schema |
//!
//! `Updates`, `User` and `rpc_error` are outside the era schemas (function results are not
//! closed over); they follow the era's source schema (and MTProto's for `rpc_error`).

use serde_json::Value as Json;

use crate::model::call::{Outcome, Reply, RpcError};

use super::button::{self, Row};
use super::error::TlError;
use super::read::Obj;
use super::{answer, layer, peer_id, write};
use super::{FromTl, ToTl};

/// The constructors of `Updates`.
const UPDATES: [&str; 7] = [
    "updatesTooLong",
    "updateShortMessage",
    "updateShortChatMessage",
    "updateShort",
    "updatesCombined",
    "updates",
    "updateShortSentMessage",
];

impl ToTl for Reply {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        layer::era(layer)?;
        Ok(match self {
            Reply::Done => write::Obj::new("updates")
                .field("updates", Json::Array(Vec::new()))
                .field("users", Json::Array(Vec::new()))
                .field("chats", Json::Array(Vec::new()))
                .int("date", 0)
                .int("seq", 0)
                .build(),
            Reply::Bool { value } => Json::Bool(*value),
            Reply::BotCallbackAnswer { answer } => answer.to_tl(layer)?,
            Reply::CreatedBot { bot_id } => {
                layer::require(layer, "bots.createBot")?;
                // `bot` shares its flag with `bot_info_version`, which a new bot has at 0.
                write::Obj::new("user")
                    .flag("bot", true)
                    .long("id", peer_id::user_id(*bot_id)?)
                    .int("bot_info_version", 0)
                    .build()
            }
            Reply::RequestedButton { webapp_req_id } => {
                layer::require(layer, "bots.requestedButton")?;
                write::Obj::new("bots.requestedButton")
                    .string("webapp_req_id", webapp_req_id)
                    .build()
            }
            Reply::Button { button } => button::to_tl(button, layer, Row::Reply)?,
        })
    }
}

impl FromTl for Reply {
    fn from_tl(json: &Json, layer: u32) -> Result<Reply, TlError> {
        layer::era(layer)?;
        if let Json::Bool(value) = json {
            return Ok(Reply::Bool { value: *value });
        }
        let o = Obj::open(json, "")?;
        match o.name() {
            name if UPDATES.contains(&name) => Ok(Reply::Done),
            "user" => {
                let id = o.long("id")?;
                Ok(Reply::CreatedBot {
                    bot_id: peer_id::join(peer_id::Peer::User(id), &o.at("id"))?,
                })
            }
            "messages.botCallbackAnswer" => Ok(Reply::BotCallbackAnswer {
                answer: answer::read(json, "", layer)?,
            }),
            "bots.requestedButton" => {
                layer::require(layer, o.name())?;
                let webapp_req_id = o.string("webapp_req_id")?;
                o.finish()?;
                Ok(Reply::RequestedButton { webapp_req_id })
            }
            _ => match button::read(json, "", layer, Row::Reply) {
                Ok(button) => Ok(Reply::Button { button }),
                Err(TlError::UnknownConstructor { .. }) => {
                    Err(o.unknown("a result of the model's calls"))
                }
                Err(e) => Err(e),
            },
        }
    }
}

impl ToTl for RpcError {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        layer::era(layer)?;
        Ok(write::Obj::new("rpc_error")
            .int("error_code", self.code)
            .string("error_message", &self.message)
            .build())
    }
}

impl FromTl for RpcError {
    fn from_tl(json: &Json, layer: u32) -> Result<RpcError, TlError> {
        layer::era(layer)?;
        let o = Obj::open(json, "")?;
        if o.name() != "rpc_error" {
            return Err(o.unknown("rpc_error"));
        }
        let error = RpcError {
            code: o.int("error_code")?,
            message: o.string("error_message")?,
        };
        o.finish()?;
        Ok(error)
    }
}

impl ToTl for Outcome {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        match self {
            Ok(reply) => reply.to_tl(layer),
            Err(error) => error.to_tl(layer),
        }
    }
}

impl FromTl for Outcome {
    fn from_tl(json: &Json, layer: u32) -> Result<Outcome, TlError> {
        match json {
            Json::Object(map) if matches!(map.get("_"), Some(Json::String(name)) if name == "rpc_error") => {
                RpcError::from_tl(json, layer).map(Err)
            }
            _ => Reply::from_tl(json, layer).map(Ok),
        }
    }
}
