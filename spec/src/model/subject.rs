//! What a check judges: one party's recorded behaviour.

use serde::{Deserialize, Serialize};

use super::bot::BotTrace;
use super::client::ClientTrace;
use super::mini_app::MiniAppTrace;
use super::server::ServerTrace;
use super::violation::Violation;
use super::wire::WireCase;
use super::{bot, client, mini_app, server, wire};
use crate::rules::Party;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "party", rename_all = "snake_case")]
pub enum Subject {
    Client(ClientTrace),
    Bot(BotTrace),
    Server(ServerTrace),
    MiniApp(MiniAppTrace),
    Wire(WireCase),
}

impl Subject {
    /// The party whose behaviour this is.
    pub fn party(&self) -> Party {
        match self {
            Subject::Client(_) => Party::Client,
            Subject::Bot(_) => Party::Bot,
            Subject::Server(_) => Party::Server,
            Subject::MiniApp(_) => Party::MiniApp,
            Subject::Wire(_) => Party::Codec,
        }
    }

    /// Every rule the subject breaks.
    pub fn check(&self) -> Vec<Violation> {
        match self {
            Subject::Client(trace) => client::check::check(trace),
            Subject::Bot(trace) => bot::check::check(trace),
            Subject::Server(trace) => server::check::check(trace),
            Subject::MiniApp(trace) => mini_app::check::check(trace),
            Subject::Wire(case) => wire::check::check(case),
        }
    }
}
