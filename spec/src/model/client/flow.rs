//! The peer-sharing flows a client runs (a selection or a managed-bot creation, started by a
//! button in a chat or by a Mini App), and the calls it waits on.

use crate::model::button::RequestPeerButton;

use super::cache::CacheKey;

/// Where the button being answered came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A button of a message's reply keyboard.
    Chat { chat: i64, msg_id: i32, bot: i64 },
    /// A button a bot prepared for its Mini App (`web_app_request_chat`).
    MiniApp { bot: i64, req_id: String },
}

impl Origin {
    /// The bot the peers are shared with.
    pub fn bot(&self) -> i64 {
        match self {
            Origin::Chat { bot, .. } | Origin::MiniApp { bot, .. } => *bot,
        }
    }

    /// The Mini App request this flow answers, if any.
    pub fn req_id(&self) -> Option<&str> {
        match self {
            Origin::Chat { .. } => None,
            Origin::MiniApp { req_id, .. } => Some(req_id),
        }
    }

    /// `msg_id` and `webapp_req_id` of the `messages.sendBotRequestedPeer` that answers it.
    pub fn share_target(&self) -> (Option<i32>, Option<String>) {
        match self {
            Origin::Chat { msg_id, .. } => (Some(*msg_id), None),
            Origin::MiniApp { req_id, .. } => (None, Some(req_id.clone())),
        }
    }
}

/// The flow on screen: at most one at a time, a new one replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// Distinguishes flows, so a call's result is applied only to the flow that made it.
    pub id: u32,
    pub origin: Origin,
    pub button: RequestPeerButton,
    pub stage: Stage,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// The user picks up to `max` of `candidates`.
    Selecting { candidates: Vec<i64>, max: usize },
    /// The creation form is open.
    Form,
    /// `bots.checkUsername` is under way for what the user submitted.
    Checking { name: String, username: String },
    /// `bots.createBot` is under way; the user can no longer cancel.
    Creating,
}

impl Flow {
    pub fn is_creation(&self) -> bool {
        !matches!(self.stage, Stage::Selecting { .. })
    }
}

/// A call waiting for its result, with what the client needs to act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pending {
    SendMessage,
    Callback {
        key: CacheKey,
        game: bool,
        requires_password: bool,
    },
    WebViewButton {
        bot: i64,
        req_id: String,
    },
    CheckUsername {
        flow: u32,
    },
    CreateBot {
        flow: u32,
    },
    Share {
        origin: Origin,
    },
}
