//! What the server delivers: service-message actions and updates.

use serde::{Deserialize, Serialize};

use super::chat::Message;

/// A peer shared with a bot as the bot receives it (`RequestedPeer`), with only the details
/// the button asked for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestedPeer {
    pub id: i64,
    pub name: Option<String>,
    pub username: Option<String>,
    pub has_photo: bool,
}

/// The action of a service message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    /// `messageActionRequestedPeer`: peers as plain peer IDs.
    RequestedPeer { button_id: i32, peers: Vec<i64> },
    /// `messageActionRequestedPeerSentMe` (layer 177+): what the bot receives.
    RequestedPeerSentMe {
        button_id: i32,
        peers: Vec<RequestedPeer>,
    },
    /// `messageActionManagedBotCreated` (layer 224+).
    ManagedBotCreated { bot_id: i64 },
}

/// An update delivered to one party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "update", rename_all = "snake_case")]
pub enum Update {
    /// `updateBotCallbackQuery`.
    BotCallbackQuery {
        query_id: i64,
        user_id: i64,
        peer: i64,
        msg_id: i32,
        data: Option<Vec<u8>>,
        game_short_name: Option<String>,
    },
    /// `updateInlineBotCallbackQuery`.
    InlineBotCallbackQuery {
        query_id: i64,
        user_id: i64,
        inline_msg_id: String,
        data: Option<Vec<u8>>,
        game_short_name: Option<String>,
    },
    /// `updateBusinessBotCallbackQuery`.
    BusinessBotCallbackQuery {
        query_id: i64,
        user_id: i64,
        connection_id: String,
        message: Box<Message>,
        data: Option<Vec<u8>>,
    },
    /// A new service message in a chat.
    ServiceMessage {
        chat: i64,
        from: i64,
        action: Action,
    },
    /// `updateManagedBot`.
    ManagedBot { bot_id: i64 },
}
