//! The Mini App side: a Mini App starts peer requests with IDs its bot prepared.
//!
//! - [`session`]: the reference Mini App;
//! - [`check`]: the checker of a Mini App's trace;
//! - [`properties`]: valid traces and the bug that breaks each Mini App rule.

use serde::{Deserialize, Serialize};

use super::trace::Trace;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MiniAppSetup {
    /// The user the Mini App runs for.
    pub user: i64,
    /// The bot that owns the Mini App.
    pub bot: i64,
    /// The `webapp_req_id`s `bots.requestWebViewButton` returned to the bot for this user.
    pub issued: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "input", rename_all = "snake_case")]
pub enum MiniAppInput {
    /// The Mini App's program asks for the peer request prepared as `issued[index]`.
    AskForChat { index: usize },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum MiniAppOutput {
    /// `web_app_request_chat`.
    RequestChat { req_id: String },
}

pub type MiniAppTrace = Trace<MiniAppSetup, MiniAppInput, MiniAppOutput>;

pub mod check;
pub mod properties;
pub mod session;
