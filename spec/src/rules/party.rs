//! Who a rule binds: the participant whose behaviour a check observes.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// The party a rule binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    /// A user's Telegram app (it renders keyboards, presses buttons, calls user-only methods).
    Client,
    /// A bot (it builds keyboards, answers callback queries).
    Bot,
    /// Telegram's servers (they validate requests and generate updates and service messages).
    Server,
    /// A TL encoder or decoder, whoever runs it.
    Codec,
    /// A Mini App running in a client's web view.
    MiniApp,
}

impl Party {
    /// Every party, in declaration order.
    pub const ALL: [Party; 5] = [
        Party::Client,
        Party::Bot,
        Party::Server,
        Party::Codec,
        Party::MiniApp,
    ];

    /// The spelling used in the catalogue files and in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Party::Client => "client",
            Party::Bot => "bot",
            Party::Server => "server",
            Party::Codec => "codec",
            Party::MiniApp => "mini-app",
        }
    }
}

impl fmt::Display for Party {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A party that is not one of the spellings of [`Party::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown party `{0}` (expected client, bot, server, codec or mini-app)")]
pub struct ParsePartyError(pub String);

impl FromStr for Party {
    type Err = ParsePartyError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Party::ALL
            .into_iter()
            .find(|party| party.as_str() == s)
            .ok_or_else(|| ParsePartyError(s.to_owned()))
    }
}
