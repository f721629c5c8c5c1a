//! `Call` ↔ the TL function of the layer.
//!
//! | call | function | layers |
//! |---|---|---|
//! | `SendMessage` | `messages.sendMessage` (peer, reply, text, random_id, markup only) | all, see below |
//! | `GetBotCallbackAnswer` | `messages.getBotCallbackAnswer` | all |
//! | `SetBotCallbackAnswer` | `messages.setBotCallbackAnswer` | all |
//! | `SendBotRequestedPeer` | `#fe38d01b` one peer, `#91b2d060` from 169, `#6c5cf2a7` from 224 | all |
//! | `CheckUsername` | `bots.checkUsername` | 224+ |
//! | `CreateBot`, `RequestWebViewButton`, `GetRequestedWebViewButton` | `bots.*` | 224+ |
//!
//! `messages.sendMessage` and `bots.checkUsername` are not in the era schemas (spec/schema
//! carries the bot-button closure only); their form here follows the full schema each era was
//! cut from (`Era::source_file`): before 169 the reply is `reply_to_msg_id:flags.0?int`, from
//! 169 `reply_to:flags.0?InputReplyTo` as `inputReplyToMessage{reply_to_msg_id}`. Both
//! carry only the fields the model has, which every version of the function since has
//! kept.
//!
//! Peers are written by [`peer_id`](super::peer_id)'s rule. Fields the model leaves out
//! are fixed on writing and ignored on reading where they are bookkeeping: `random_id`
//! is [`random_id`] of the message (deterministic, so equal calls are equal), and the
//! password of `getBotCallbackAnswer` is `inputCheckPasswordSRP{srp_id: "0", A: "", M1: ""}`
//! when the model says `password: true` (any password object reads as `true`).

use serde_json::Value as Json;

use crate::model::answer::CallbackAnswer;
use crate::model::call::Call;

use super::button::{self, Row};
use super::error::TlError;
use super::read::Obj;
use super::{layer, markup, peer_id, write};
use super::{FromTl, ToTl};

/// `messages.sendMessage` takes `InputReplyTo` from this layer (the first era whose source
/// has it).
const FIRST_INPUT_REPLY_TO_LAYER: u32 = 169;
/// Layers before this one have `#fe38d01b`, one peer per request.
const FIRST_MULTI_PEER_LAYER: u32 = 169;
/// `#6c5cf2a7` from this layer: `msg_id` optional, `webapp_req_id` added.
const FIRST_WEBAPP_REQUEST_LAYER: u32 = 224;
/// `bots.checkUsername` first appears with the managed-bot functions.
const FIRST_CHECK_USERNAME_LAYER: u32 = 224;

/// The `random_id` of a `messages.sendMessage`: FNV-1a over the message's peer, reply and
/// text, so the same model call always maps to the same TL call. (A real server drops a
/// repeated random_id; sessions that send one text twice to one peer send it once here.)
pub fn random_id(peer: i64, text: &str, reply_to: Option<i32>) -> i64 {
    let reply = reply_to.map_or([0; 5], |id| {
        let b = id.to_le_bytes();
        [1, b[0], b[1], b[2], b[3]]
    });
    let hash = peer
        .to_le_bytes()
        .iter()
        .chain(&reply)
        .chain(text.as_bytes())
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
    i64::from_le_bytes(hash.to_le_bytes())
}

impl ToTl for Call {
    fn to_tl(&self, layer: u32) -> Result<Json, TlError> {
        layer::era(layer)?;
        let name = self.name();
        let o = write::Obj::new(name);
        Ok(match self {
            Call::SendMessage { peer, text, reply_to, markup } => {
                let o = o.field("peer", peer_id::input_peer(*peer)?);
                let o = if layer < FIRST_INPUT_REPLY_TO_LAYER {
                    o.opt("reply_to_msg_id", reply_to.map(Json::from))
                } else {
                    o.opt("reply_to", reply_to.map(|id| write::Obj::new("inputReplyToMessage").int("reply_to_msg_id", id).build()))
                };
                o.string("message", text)
                    .long("random_id", random_id(*peer, text, *reply_to))
                    .opt("reply_markup", markup.as_ref().map(|m| m.to_tl(layer)).transpose()?)
            }
            Call::GetBotCallbackAnswer { peer, msg_id, data, game, password } => o
                .flag("game", *game)
                .field("peer", peer_id::input_peer(*peer)?)
                .int("msg_id", *msg_id)
                .opt("data", data.as_deref().map(|d| Json::String(crate::dynamic::hex::encode(d))))
                .opt(
                    "password",
                    password.then(|| {
                        write::Obj::new("inputCheckPasswordSRP").long("srp_id", 0).bytes("A", &[]).bytes("M1", &[]).build()
                    }),
                ),
            Call::SetBotCallbackAnswer { query_id, answer } => set_answer(o, *query_id, answer)?,
            Call::SendBotRequestedPeer { peer, msg_id, webapp_req_id, button_id, requested_peers } => {
                let peers = requested_peers.iter().map(|&p| peer_id::input_peer(p)).collect::<Result<Vec<_>, _>>()?;
                if layer >= FIRST_WEBAPP_REQUEST_LAYER {
                    o.field("peer", peer_id::input_peer(*peer)?)
                        .opt("msg_id", msg_id.map(Json::from))
                        .opt("webapp_req_id", webapp_req_id.as_deref().map(write::string))
                        .int("button_id", *button_id)
                        .field("requested_peers", Json::Array(peers))
                } else {
                    let msg_id = legacy_request_msg_id(*msg_id, webapp_req_id.as_deref(), layer)?;
                    let o = o.field("peer", peer_id::input_peer(*peer)?).int("msg_id", msg_id).int("button_id", *button_id);
                    if layer >= FIRST_MULTI_PEER_LAYER {
                        o.field("requested_peers", Json::Array(peers))
                    } else {
                        let [peer] = <[Json; 1]>::try_from(peers).map_err(|peers| {
                            TlError::unrepresentable(format!(
                                "layer {layer} shares exactly one peer per request, the model shares {}",
                                peers.len()
                            ))
                        })?;
                        o.field("requested_peer", peer)
                    }
                }
            }
            Call::CheckUsername { username } => {
                if layer < FIRST_CHECK_USERNAME_LAYER {
                    return Err(TlError::Absent { name: name.into(), layer });
                }
                o.string("username", username)
            }
            Call::CreateBot { name: bot_name, username, manager } => {
                layer::require(layer, name)?;
                o.string("name", bot_name).string("username", username).field("manager_id", peer_id::input_user(*manager)?)
            }
            Call::RequestWebViewButton { user_id, button } => {
                layer::require(layer, name)?;
                o.field("user_id", peer_id::input_user(*user_id)?).field("button", button::to_tl(button, layer, Row::Reply)?)
            }
            Call::GetRequestedWebViewButton { bot, webapp_req_id } => {
                layer::require(layer, name)?;
                o.field("bot", peer_id::input_user(*bot)?).string("webapp_req_id", webapp_req_id)
            }
        }
        .build())
    }
}

/// Before 224 a peer request answers a message (`msg_id` required) and Mini Apps cannot
/// make one.
fn legacy_request_msg_id(
    msg_id: Option<i32>,
    webapp_req_id: Option<&str>,
    layer: u32,
) -> Result<i32, TlError> {
    match (msg_id, webapp_req_id) {
        (Some(msg_id), None) => Ok(msg_id),
        (_, Some(_)) => Err(TlError::unrepresentable(format!(
            "layer {layer} has no webapp_req_id (Mini App peer requests start at 224)"
        ))),
        (None, None) => Err(TlError::unrepresentable(format!(
            "layer {layer} requires the msg_id of a peer request"
        ))),
    }
}

fn set_answer(
    o: write::Obj,
    query_id: i64,
    answer: &CallbackAnswer,
) -> Result<write::Obj, TlError> {
    if answer.has_url || answer.native_ui {
        return Err(TlError::unrepresentable(
            "messages.setBotCallbackAnswer has no has_url or native_ui (they belong to messages.botCallbackAnswer)",
        ));
    }
    Ok(o.flag("alert", answer.alert)
        .long("query_id", query_id)
        .opt("message", answer.message.as_deref().map(write::string))
        .opt("url", answer.url.as_deref().map(write::string))
        .int("cache_time", answer.cache_time))
}

impl FromTl for Call {
    fn from_tl(json: &Json, layer: u32) -> Result<Call, TlError> {
        layer::era(layer)?;
        let o = Obj::open(json, "")?;
        let call = match o.name() {
            "messages.sendMessage" => {
                let peer = peer_id::read_input_peer(o.req("peer")?, &o.at("peer"))?;
                let reply_to = if layer < FIRST_INPUT_REPLY_TO_LAYER {
                    o.opt_int("reply_to_msg_id")?
                } else {
                    o.opt_object("reply_to")?
                        .map(|r| {
                            if r.name() != "inputReplyToMessage" {
                                return Err(r.unknown("inputReplyToMessage"));
                            }
                            let id = r.int("reply_to_msg_id")?;
                            r.finish()?;
                            Ok(id)
                        })
                        .transpose()?
                };
                let text = o.string("message")?;
                o.long("random_id")?;
                let markup = o
                    .get("reply_markup")
                    .map(|j| markup::read(j, &o.at("reply_markup"), layer))
                    .transpose()?;
                Call::SendMessage {
                    peer,
                    text,
                    reply_to,
                    markup,
                }
            }
            "messages.getBotCallbackAnswer" => Call::GetBotCallbackAnswer {
                game: o.flag("game")?,
                peer: peer_id::read_input_peer(o.req("peer")?, &o.at("peer"))?,
                msg_id: o.int("msg_id")?,
                data: o.opt_bytes("data")?,
                password: o.opt_object("password")?.is_some(),
            },
            "messages.setBotCallbackAnswer" => Call::SetBotCallbackAnswer {
                query_id: o.long("query_id")?,
                answer: CallbackAnswer {
                    alert: o.flag("alert")?,
                    native_ui: false,
                    message: o.opt_string("message")?,
                    url: o.opt_string("url")?,
                    has_url: false,
                    cache_time: o.int("cache_time")?,
                },
            },
            "messages.sendBotRequestedPeer" => read_send_requested_peer(&o, layer)?,
            "bots.checkUsername" => {
                if layer < FIRST_CHECK_USERNAME_LAYER {
                    return Err(TlError::Absent {
                        name: o.name().into(),
                        layer,
                    });
                }
                o.absent(
                    "additional",
                    "the model's username checks are for the bot itself",
                )?;
                Call::CheckUsername {
                    username: o.string("username")?,
                }
            }
            "bots.createBot" => {
                layer::require(layer, o.name())?;
                o.absent(
                    "via_deeplink",
                    "the model has no via_deeplink on bot creation",
                )?;
                Call::CreateBot {
                    name: o.string("name")?,
                    username: o.string("username")?,
                    manager: peer_id::read_input_user(o.req("manager_id")?, &o.at("manager_id"))?,
                }
            }
            "bots.requestWebViewButton" => {
                layer::require(layer, o.name())?;
                Call::RequestWebViewButton {
                    user_id: peer_id::read_input_user(o.req("user_id")?, &o.at("user_id"))?,
                    button: button::read(o.req("button")?, &o.at("button"), layer, Row::Reply)?,
                }
            }
            "bots.getRequestedWebViewButton" => {
                layer::require(layer, o.name())?;
                Call::GetRequestedWebViewButton {
                    bot: peer_id::read_input_user(o.req("bot")?, &o.at("bot"))?,
                    webapp_req_id: o.string("webapp_req_id")?,
                }
            }
            _ => return Err(o.unknown("a function of the model's calls")),
        };
        o.finish()?;
        Ok(call)
    }
}

fn read_send_requested_peer(o: &Obj<'_>, layer: u32) -> Result<Call, TlError> {
    let peer = peer_id::read_input_peer(o.req("peer")?, &o.at("peer"))?;
    let (msg_id, webapp_req_id) = if layer >= FIRST_WEBAPP_REQUEST_LAYER {
        (o.opt_int("msg_id")?, o.opt_string("webapp_req_id")?)
    } else {
        (Some(o.int("msg_id")?), None)
    };
    let button_id = o.int("button_id")?;
    let requested_peers = if layer >= FIRST_MULTI_PEER_LAYER {
        o.array("requested_peers")?
            .into_iter()
            .map(|(j, path)| peer_id::read_input_peer(j, &path))
            .collect::<Result<_, _>>()?
    } else {
        vec![peer_id::read_input_peer(
            o.req("requested_peer")?,
            &o.at("requested_peer"),
        )?]
    };
    Ok(Call::SendBotRequestedPeer {
        peer,
        msg_id,
        webapp_req_id,
        button_id,
        requested_peers,
    })
}
