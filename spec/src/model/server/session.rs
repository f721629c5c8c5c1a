//! The reference server: validates each call, answers it (a callback press only when its bot
//! answers or the timeout passes), and delivers the service messages and updates that follow.
//!
//! IDs it chooses (query IDs, created bots, `webapp_req_id`s) are deterministic: counters and
//! the largest known peer ID, never a clock or randomness.

use crate::model::answer::CallbackAnswer;
use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::{Call, Outcome, Reply, RpcError};
use crate::model::chat::{ChatKind, MessageOrigin};
use crate::model::peer::PeerKind;
use crate::model::trace::Session;
use crate::model::update::{Action, RequestedPeer, Update};

use super::deep_link::answer_url_allowed;
use super::world::{chat_seen_by_bot, pressed, request_peer_button, Pressed};
use super::{ServerInput, ServerOutput, ServerSetup};

/// The first layer whose bots receive `messageActionRequestedPeerSentMe`.
pub const SENT_ME_LAYER: u32 = 177;

pub struct ServerSession {
    layer: u32,
    world: ServerSetup,
    /// The index of the step being processed: the `call_step` of its results.
    step: usize,
    /// Seconds passed since the session started.
    now: u64,
    queries: Vec<Query>,
    prepared: Vec<Prepared>,
    /// Bots created during the session: (bot, owner, manager).
    created: Vec<(i64, i64, i64)>,
}

struct Query {
    id: i64,
    bot: i64,
    call_step: usize,
    asked_at: u64,
    game_press: bool,
    pending: bool,
}

/// A button a bot prepared with `bots.requestWebViewButton`.
struct Prepared {
    id: String,
    bot: i64,
    user: i64,
    button: Button,
    used: bool,
}

fn error(message: &str) -> Outcome {
    Err(RpcError::new(400, message))
}

impl Session for ServerSession {
    type Setup = ServerSetup;
    type Input = ServerInput;
    type Output = ServerOutput;

    fn new(layer: u32, setup: &ServerSetup) -> ServerSession {
        ServerSession {
            layer,
            world: setup.clone(),
            step: 0,
            now: 0,
            queries: Vec::new(),
            prepared: Vec::new(),
            created: Vec::new(),
        }
    }

    fn step(&mut self, input: &ServerInput) -> Vec<ServerOutput> {
        let outputs = match input {
            ServerInput::Call { from, call } => self.call(*from, call),
            ServerInput::Advance { seconds } => self.advance(*seconds),
        };
        self.step += 1;
        outputs
    }
}

impl ServerSession {
    fn advance(&mut self, seconds: u32) -> Vec<ServerOutput> {
        self.now += u64::from(seconds);
        let (now, timeout) = (self.now, u64::from(self.world.callback_timeout));
        self.queries
            .iter_mut()
            .filter(|query| query.pending && now - query.asked_at >= timeout)
            .map(|query| {
                query.pending = false;
                ServerOutput::Result {
                    call_step: query.call_step,
                    outcome: error("BOT_RESPONSE_TIMEOUT"),
                }
            })
            .collect()
    }

    fn call(&mut self, from: i64, call: &Call) -> Vec<ServerOutput> {
        let mut outputs = Vec::new();
        let outcome = match call {
            Call::SendMessage { peer, .. } => self.send_message(*peer),
            Call::GetBotCallbackAnswer {
                peer,
                msg_id,
                data,
                game,
                password,
            } => {
                match self.press(
                    from,
                    *peer,
                    *msg_id,
                    data.as_deref(),
                    *game,
                    *password,
                    &mut outputs,
                ) {
                    // The answer comes when the bot answers, or the timeout passes.
                    Ok(()) => return outputs,
                    Err(outcome) => outcome,
                }
            }
            Call::SetBotCallbackAnswer { query_id, answer } => {
                self.answer(from, *query_id, answer, &mut outputs)
            }
            Call::SendBotRequestedPeer {
                peer,
                msg_id,
                webapp_req_id,
                button_id,
                requested_peers,
            } => self.share(
                from,
                *peer,
                *msg_id,
                webapp_req_id.as_deref(),
                *button_id,
                requested_peers,
                &mut outputs,
            ),
            Call::CheckUsername { username } => self.check_username(from, username),
            Call::CreateBot {
                name,
                username,
                manager,
            } => self.create_bot(from, name, username, *manager, &mut outputs),
            Call::RequestWebViewButton { user_id, button } => self.prepare(from, *user_id, button),
            Call::GetRequestedWebViewButton { bot, webapp_req_id } => {
                self.prepared_button(from, *bot, webapp_req_id)
            }
        };
        outputs.insert(
            0,
            ServerOutput::Result {
                call_step: self.step,
                outcome,
            },
        );
        outputs
    }

    fn send_message(&self, peer: i64) -> Outcome {
        if self.world.peer(peer).is_none() {
            return error("PEER_ID_INVALID");
        }
        Ok(Reply::Done)
    }

    /// A button press: on success the bot gets its callback update and the call waits.
    #[allow(clippy::too_many_arguments)]
    fn press(
        &mut self,
        from: i64,
        peer: i64,
        msg_id: i32,
        data: Option<&[u8]>,
        game: bool,
        password: bool,
        outputs: &mut Vec<ServerOutput>,
    ) -> Result<(), Outcome> {
        if !self.world.is_user(from) {
            return Err(error("BOT_METHOD_INVALID"));
        }
        if self.world.peer(peer).is_none() {
            return Err(error("PEER_ID_INVALID"));
        }
        let message = self
            .world
            .message(peer, msg_id)
            .ok_or_else(|| error("MESSAGE_ID_INVALID"))?;
        let button = pressed(message, data, game).ok_or_else(|| error("DATA_INVALID"))?;
        if button
            == (Pressed::Callback {
                requires_password: true,
            })
        {
            if !self.world.has_password(from) {
                return Err(error("PASSWORD_MISSING"));
            }
            if !password || self.world.mistyped_password.contains(&from) {
                return Err(error("PASSWORD_HASH_INVALID"));
            }
        }
        let game_short_name = match button {
            Pressed::Game => Some(
                self.world
                    .game_of(peer, msg_id)
                    .ok_or_else(|| error("DATA_INVALID"))?
                    .to_owned(),
            ),
            Pressed::Callback { .. } => None,
        };
        let data = if game_short_name.is_some() {
            None
        } else {
            data.map(<[u8]>::to_vec)
        };
        let id = self.queries.len() as i64 + 1;
        let update = match &message.origin {
            MessageOrigin::Bot => Update::BotCallbackQuery {
                query_id: id,
                user_id: from,
                peer: chat_seen_by_bot(message.chat, message.chat_kind, from),
                msg_id,
                data,
                game_short_name,
            },
            MessageOrigin::ViaInline => Update::InlineBotCallbackQuery {
                query_id: id,
                user_id: from,
                inline_msg_id: inline_message_id(message.chat, message.msg_id),
                data,
                game_short_name,
            },
            // The business update has no field for a game.
            MessageOrigin::Business { .. } if game_short_name.is_some() => {
                return Err(error("DATA_INVALID"))
            }
            MessageOrigin::Business { connection_id } => Update::BusinessBotCallbackQuery {
                query_id: id,
                user_id: from,
                connection_id: connection_id.clone(),
                message: Box::new(message.clone()),
                data,
            },
        };
        let bot = message.bot;
        self.queries.push(Query {
            id,
            bot,
            call_step: self.step,
            asked_at: self.now,
            game_press: button == Pressed::Game,
            pending: true,
        });
        outputs.push(ServerOutput::Deliver { to: bot, update });
        Ok(())
    }

    /// `setBotCallbackAnswer`: on success the waiting press gets the answer.
    fn answer(
        &mut self,
        from: i64,
        query_id: i64,
        answer: &CallbackAnswer,
        outputs: &mut Vec<ServerOutput>,
    ) -> Outcome {
        if !self.world.is_bot(from) {
            return error("USER_BOT_REQUIRED");
        }
        let Some(query) = self
            .queries
            .iter()
            .find(|query| query.id == query_id && query.bot == from && query.pending)
        else {
            return error("QUERY_ID_INVALID");
        };
        if let Some(url) = &answer.url {
            let username = self
                .world
                .peer(from)
                .and_then(|bot| bot.username.as_deref());
            if !answer_url_allowed(url, username, query.game_press, |game| {
                self.world.owns_game(from, game)
            }) {
                return error("URL_INVALID");
            }
        }
        let answered = CallbackAnswer {
            has_url: answer.url.is_some(),
            ..answer.clone()
        };
        outputs.push(ServerOutput::Result {
            call_step: query.call_step,
            outcome: Ok(Reply::BotCallbackAnswer { answer: answered }),
        });
        if let Some(query) = self.queries.iter_mut().find(|query| query.id == query_id) {
            query.pending = false;
        }
        Ok(Reply::Bool { value: true })
    }

    /// `sendBotRequestedPeer`: validates the call, then delivers the service message to both
    /// sides (or `messageActionManagedBotCreated` for a created bot).
    #[allow(clippy::too_many_arguments)]
    fn share(
        &mut self,
        from: i64,
        peer: i64,
        msg_id: Option<i32>,
        webapp_req_id: Option<&str>,
        button_id: i32,
        requested: &[i64],
        outputs: &mut Vec<ServerOutput>,
    ) -> Outcome {
        if !self.world.is_user(from) {
            return error("BOT_METHOD_INVALID");
        }
        if self.world.peer(peer).is_none() {
            return error("PEER_ID_INVALID");
        }
        // Both places given: the message wins (the server may pick either).
        let (bot, bot_chat, button, prepared) = match (msg_id, webapp_req_id) {
            (Some(msg_id), _) => {
                let message = self
                    .world
                    .message(peer, msg_id)
                    .ok_or_else(|| RpcError::new(400, "MESSAGE_ID_INVALID"))?;
                let button = request_peer_button(message, button_id)
                    .ok_or_else(|| RpcError::new(400, "BUTTON_ID_INVALID"))?;
                (
                    message.bot,
                    chat_seen_by_bot(message.chat, message.chat_kind, from),
                    button.clone(),
                    None,
                )
            }
            (None, Some(req_id)) => {
                let index = self
                    .prepared
                    .iter()
                    .position(|p| p.id == req_id && p.bot == peer && p.user == from && !p.used)
                    .ok_or_else(|| RpcError::new(400, "WEBAPP_REQ_ID_INVALID"))?;
                let button = match &self.prepared[index].button.kind {
                    ButtonKind::RequestPeer(button) if button.button_id == button_id => {
                        button.clone()
                    }
                    _ => return error("BUTTON_ID_INVALID"),
                };
                (
                    peer,
                    chat_seen_by_bot(peer, ChatKind::Private, from),
                    button,
                    Some(index),
                )
            }
            (None, None) => return error("MESSAGE_ID_INVALID"),
        };
        if button.peer_type.is_create_bot() {
            let [created] = requested else {
                return error("PEER_ID_INVALID");
            };
            if !self.created.contains(&(*created, from, bot)) {
                return error("PEER_ID_INVALID");
            }
            let action = Action::ManagedBotCreated { bot_id: *created };
            outputs.push(ServerOutput::Deliver {
                to: from,
                update: Update::ServiceMessage {
                    chat: peer,
                    from,
                    action: action.clone(),
                },
            });
            outputs.push(ServerOutput::Deliver {
                to: bot,
                update: Update::ServiceMessage {
                    chat: bot_chat,
                    from,
                    action,
                },
            });
        } else {
            let within_quantity =
                !requested.is_empty() && requested.len() <= button.max_quantity.max(1) as usize;
            let known = requested.iter().all(|id| {
                self.world
                    .peer(*id)
                    .is_some_and(|p| p.kind != PeerKind::SecretChat)
            });
            if !within_quantity || !known {
                return error("PEER_ID_INVALID");
            }
            let plain = Action::RequestedPeer {
                button_id,
                peers: requested.to_vec(),
            };
            let for_bot = if self.layer >= SENT_ME_LAYER {
                Action::RequestedPeerSentMe {
                    button_id,
                    peers: requested
                        .iter()
                        .map(|id| self.as_requested(*id, &button))
                        .collect(),
                }
            } else {
                plain.clone()
            };
            outputs.push(ServerOutput::Deliver {
                to: from,
                update: Update::ServiceMessage {
                    chat: peer,
                    from,
                    action: plain,
                },
            });
            outputs.push(ServerOutput::Deliver {
                to: bot,
                update: Update::ServiceMessage {
                    chat: bot_chat,
                    from,
                    action: for_bot,
                },
            });
        }
        if let Some(index) = prepared {
            self.prepared[index].used = true;
        }
        Ok(Reply::Done)
    }

    /// A shared peer with only the details the button asked for.
    fn as_requested(&self, id: i64, button: &RequestPeerButton) -> RequestedPeer {
        let peer = self.world.peer(id);
        RequestedPeer {
            id,
            name: peer
                .filter(|_| button.name_requested)
                .map(|p| p.name.clone()),
            username: peer
                .filter(|_| button.username_requested)
                .and_then(|p| p.username.clone()),
            has_photo: button.photo_requested && peer.is_some_and(|p| p.has_photo),
        }
    }

    fn check_username(&self, from: i64, username: &str) -> Outcome {
        if !self.world.is_user(from) {
            return error("BOT_METHOD_INVALID");
        }
        Ok(Reply::Bool {
            value: !self.world.username_taken(username),
        })
    }

    fn create_bot(
        &mut self,
        from: i64,
        name: &str,
        username: &str,
        manager: i64,
        outputs: &mut Vec<ServerOutput>,
    ) -> Outcome {
        if !self.world.is_user(from) {
            return error("BOT_METHOD_INVALID");
        }
        if !self.world.is_manager_bot(manager) || !self.world.is_bot(manager) {
            return error("MANAGER_PERMISSION_MISSING");
        }
        if self.world.owned(from) >= self.world.bot_limit {
            return error("BOT_CREATE_LIMIT_EXCEEDED");
        }
        if self.world.username_taken(username) {
            return error("USERNAME_OCCUPIED");
        }
        let bot_id = self
            .world
            .peers
            .iter()
            .map(|peer| peer.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1);
        self.world.add_bot(bot_id, name, username);
        self.world.add_owned(from);
        self.created.push((bot_id, from, manager));
        outputs.push(ServerOutput::Deliver {
            to: manager,
            update: Update::ManagedBot { bot_id },
        });
        Ok(Reply::CreatedBot { bot_id })
    }

    fn prepare(&mut self, from: i64, user: i64, button: &Button) -> Outcome {
        if !self.world.is_bot(from) {
            return error("USER_BOT_REQUIRED");
        }
        if !matches!(button.kind, ButtonKind::RequestPeer(_)) {
            return error("BUTTON_INVALID");
        }
        if !self.world.is_user(user) {
            return error("USER_ID_INVALID");
        }
        let id = format!("req{}", self.prepared.len() + 1);
        self.prepared.push(Prepared {
            id: id.clone(),
            bot: from,
            user,
            button: button.clone(),
            used: false,
        });
        Ok(Reply::RequestedButton { webapp_req_id: id })
    }

    fn prepared_button(&self, from: i64, bot: i64, req_id: &str) -> Outcome {
        if !self.world.is_user(from) {
            return error("BOT_METHOD_INVALID");
        }
        if !self.world.is_bot(bot) {
            return error("BOT_ID_INVALID");
        }
        match self
            .prepared
            .iter()
            .find(|p| p.id == req_id && p.bot == bot && p.user == from)
        {
            Some(prepared) => Ok(Reply::Button {
                button: prepared.button.clone(),
            }),
            None => error("WEBAPP_REQ_ID_INVALID"),
        }
    }
}

/// The ID the server gives a message sent via inline mode, in the form the TL mapping reads
/// as `inputBotInlineMessageID64` (`"{dc_id}_{owner_id}_{id}_{access_hash}"`): the chat as
/// owner, the message's own ID, and an access hash made from both so that IDs stay distinct.
fn inline_message_id(chat: i64, msg_id: i32) -> String {
    const DC: i32 = 2;
    let access_hash = chat.wrapping_mul(1_000_003) ^ i64::from(msg_id);
    format!("{DC}_{chat}_{msg_id}_{access_hash}")
}
