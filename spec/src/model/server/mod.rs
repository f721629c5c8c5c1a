//! The server side: it validates calls from users and bots, answers them, and produces the
//! service messages and updates that follow.
//!
//! - [`session`]: the reference server;
//! - [`world`]: what a server knows (peers, messages, games) and the look-ups into it;
//! - [`deep_link`]: which URLs a callback answer may carry;
//! - [`check`]: the checker of any server's trace;
//! - [`gen`], [`drive`], [`scenarios`]: the generated worlds, the driver that runs a planned
//!   session on the reference server, and the sessions of each flow;
//! - [`properties`]: per server rule, valid traces and the bug that breaks exactly that rule.

use serde::{Deserialize, Serialize};

use super::call::{Call, Outcome};
use super::chat::Message;
use super::peer::PeerInfo;
use super::trace::Trace;
use super::update::Update;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerSetup {
    /// Users and bots with their properties (`PeerKind::User` / `PeerKind::Bot`), and chats.
    pub peers: Vec<PeerInfo>,
    /// Users with a 2FA password.
    pub with_password: Vec<i64>,
    /// Messages already in chats, with their markup.
    pub messages: Vec<Message>,
    /// Seconds the server waits for a bot's callback answer before BOT_RESPONSE_TIMEOUT.
    pub callback_timeout: u32,
    /// Bots with `user.bot_can_manage_bots`: the ones that may manage bots users create.
    #[serde(default)]
    pub manager_bots: Vec<i64>,
    /// How many bots each listed user already owns (unlisted users own none).
    #[serde(default)]
    pub owned_bots: Vec<(i64, u32)>,
    /// The most bots one user may own.
    #[serde(default)]
    pub bot_limit: u32,
    /// The games bots own.
    #[serde(default)]
    pub games: Vec<Game>,
    /// Users whose SRP answers in this session are computed from a wrong password.
    #[serde(default)]
    pub mistyped_password: Vec<i64>,
}

/// A game a bot owns (`game.short_name`), and the messages (chat, msg_id) that carry it: the
/// game button of such a message launches it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Game {
    pub bot: i64,
    pub short_name: String,
    #[serde(default)]
    pub messages: Vec<(i64, i32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "input", rename_all = "snake_case")]
pub enum ServerInput {
    /// `from` (a user or a bot) makes a call.
    Call {
        from: i64,
        call: Call,
    },
    Advance {
        seconds: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "output", rename_all = "snake_case")]
pub enum ServerOutput {
    /// The result of the call made at step `call_step` (results may come later than the call:
    /// a callback answer waits for the bot).
    Result { call_step: usize, outcome: Outcome },
    /// An update delivered to `to`.
    Deliver { to: i64, update: Update },
}

pub type ServerTrace = Trace<ServerSetup, ServerInput, ServerOutput>;

pub mod check;
pub mod deep_link;
pub mod drive;
pub mod gen;
pub mod properties;
pub mod scenarios;
pub mod session;
pub mod world;

#[cfg(test)]
mod tests;
