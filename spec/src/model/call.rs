//! Remote calls between the parties, layer-independent, with their results.

use serde::{Deserialize, Serialize};

use super::answer::CallbackAnswer;
use super::button::Button;
use super::markup::Markup;

/// A remote procedure call, as the model sees it. `tl` maps each to the function of an era.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "call", rename_all = "snake_case")]
pub enum Call {
    /// `messages.sendMessage`: text (a pressed text button, a bot's message) with optional markup.
    SendMessage {
        peer: i64,
        text: String,
        reply_to: Option<i32>,
        markup: Option<Markup>,
    },
    /// `messages.getBotCallbackAnswer`. `password` stands for an SRP check of the user's
    /// password (`inputCheckPasswordSRP`); its contents are out of scope.
    GetBotCallbackAnswer {
        peer: i64,
        msg_id: i32,
        data: Option<Vec<u8>>,
        game: bool,
        password: bool,
    },
    /// `messages.setBotCallbackAnswer`.
    SetBotCallbackAnswer {
        query_id: i64,
        answer: CallbackAnswer,
    },
    /// `messages.sendBotRequestedPeer`.
    SendBotRequestedPeer {
        peer: i64,
        msg_id: Option<i32>,
        webapp_req_id: Option<String>,
        button_id: i32,
        requested_peers: Vec<i64>,
    },
    /// `bots.checkUsername`.
    CheckUsername { username: String },
    /// `bots.createBot`.
    CreateBot {
        name: String,
        username: String,
        manager: i64,
    },
    /// `bots.requestWebViewButton`.
    RequestWebViewButton { user_id: i64, button: Button },
    /// `bots.getRequestedWebViewButton`.
    GetRequestedWebViewButton { bot: i64, webapp_req_id: String },
}

impl Call {
    /// The call's name in messages and reports (its TL function name).
    pub fn name(&self) -> &'static str {
        match self {
            Call::SendMessage { .. } => "messages.sendMessage",
            Call::GetBotCallbackAnswer { .. } => "messages.getBotCallbackAnswer",
            Call::SetBotCallbackAnswer { .. } => "messages.setBotCallbackAnswer",
            Call::SendBotRequestedPeer { .. } => "messages.sendBotRequestedPeer",
            Call::CheckUsername { .. } => "bots.checkUsername",
            Call::CreateBot { .. } => "bots.createBot",
            Call::RequestWebViewButton { .. } => "bots.requestWebViewButton",
            Call::GetRequestedWebViewButton { .. } => "bots.getRequestedWebViewButton",
        }
    }
}

/// A successful result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reply", rename_all = "snake_case")]
pub enum Reply {
    /// `Updates` of a call that changes state (sendMessage, sendBotRequestedPeer).
    Done,
    Bool {
        value: bool,
    },
    BotCallbackAnswer {
        answer: CallbackAnswer,
    },
    /// `bots.createBot`'s `User`: the new bot.
    CreatedBot {
        bot_id: i64,
    },
    /// `bots.requestedButton`.
    RequestedButton {
        webapp_req_id: String,
    },
    /// `bots.getRequestedWebViewButton`'s `KeyboardButton`.
    Button {
        button: Button,
    },
}

/// An RPC error: the code and the error type (`BOT_RESPONSE_TIMEOUT`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RpcError {
    pub code: i32,
    pub message: String,
}

impl RpcError {
    pub fn new(code: i32, message: &str) -> RpcError {
        RpcError {
            code,
            message: message.to_owned(),
        }
    }
}

/// What came back for a call.
pub type Outcome = Result<Reply, RpcError>;
