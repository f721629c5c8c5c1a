//! What a client does: calls to the server and effects the user sees.

use serde::{Deserialize, Serialize};

use crate::model::call::Call;
use crate::model::peer_type::PeerType;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "output", rename_all = "snake_case")]
pub enum ClientOutput {
    Call { call: Call },
    Ui { ui: Ui },
}

/// A user-visible effect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ui", rename_all = "snake_case")]
pub enum Ui {
    /// The chat's custom keyboard is shown in place of the regular one.
    KeyboardShown {
        chat: i64,
        persistent: bool,
        placeholder: Option<String>,
    },
    /// The custom keyboard is hidden; `reopenable` when a control can show it again.
    KeyboardHidden {
        chat: i64,
        reopenable: bool,
    },
    /// The reply interface is open for the message.
    ReplyOpened {
        chat: i64,
        msg_id: i32,
        placeholder: Option<String>,
    },
    Toast {
        text: String,
    },
    /// A dialog the user dismisses.
    Alert {
        text: String,
    },
    /// A URL is opened; `confirm` when the user was asked first.
    OpenUrl {
        url: String,
        confirm: bool,
    },
    /// A game is opened; `native` in the native interface rather than a web view.
    OpenGame {
        url: String,
        native: bool,
    },
    /// A press ended without an answer (e.g. BOT_RESPONSE_TIMEOUT).
    BotNotResponding,
    /// A peer selection is offered: the candidates that pass the filter, up to `max` chosen.
    PeerSelection {
        button_id: i32,
        peer_type: PeerType,
        candidates: Vec<i64>,
        max: i32,
    },
    /// The managed-bot creation form, prefilled.
    BotCreation {
        suggested_name: Option<String>,
        suggested_username: Option<String>,
    },
    /// An inline query is started in the input field.
    InlineQuery {
        bot: i64,
        query: String,
        chat: Option<i64>,
    },
    /// An event delivered to a Mini App of `bot`.
    MiniApp {
        bot: i64,
        event: MiniAppEvent,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum MiniAppEvent {
    RequestedChatSent { req_id: String },
    RequestedChatFailed { req_id: String },
}
