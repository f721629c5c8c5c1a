//! The bot side: a bot receives updates and its own program's requests to send markup; it
//! calls the server.
//!
//! - [`session`]: the reference bot;
//! - [`check`]: the checker of any bot's trace (markup validity in [`markup_rules`], answering
//!   every query in [`callback_rules`]);
//! - [`gen`]: valid markup per layer and chat kind; [`scenario`]: whole bot traces;
//! - [`properties`]: per bot rule, valid traces and the bug that breaks exactly that rule.

use serde::{Deserialize, Serialize};

use super::call::{Call, Outcome};
use super::chat::ChatKind;
use super::markup::Markup;
use super::trace::Trace;
use super::update::Update;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotSetup {
    /// The bot's user ID.
    pub bot: i64,
    /// Whether the bot may set a style's icon: its owner has Premium or it bought a username
    /// on Fragment.
    pub can_use_icons: bool,
    /// The chats the bot is in.
    pub chats: Vec<BotChat>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BotChat {
    pub id: i64,
    pub kind: ChatKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "input", rename_all = "snake_case")]
pub enum BotInput {
    /// An update from the server.
    Update { update: Update },
    /// The bot's program sends a message with this markup to `chat`.
    Send {
        chat: i64,
        text: String,
        markup: Markup,
    },
    /// Time passes.
    Advance { seconds: u32 },
    /// The oldest call still waiting for a result gets this one.
    Result { outcome: Outcome },
}

/// Everything a bot does is a call.
pub type BotOutput = Call;

pub type BotTrace = Trace<BotSetup, BotInput, BotOutput>;

pub mod applies;
pub mod arbitrary;
pub mod callback_rules;
pub mod check;
pub mod edit;
pub mod gen;
pub mod markup_rules;
pub mod properties;
pub mod scenario;
pub mod session;
