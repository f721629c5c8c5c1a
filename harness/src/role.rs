//! The roles an implementation can play: one per party of the catalogue.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use tgconf_spec::rules::Party;

/// What an adapter offers to do. Each case needs exactly one role: the party of its rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Decodes and encodes TL bytes (the `codec` party).
    Codec,
    Client,
    Bot,
    Server,
    MiniApp,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Codec,
        Role::Client,
        Role::Bot,
        Role::Server,
        Role::MiniApp,
    ];

    /// The role that plays `party`'s part.
    pub fn of(party: Party) -> Role {
        match party {
            Party::Codec => Role::Codec,
            Party::Client => Role::Client,
            Party::Bot => Role::Bot,
            Party::Server => Role::Server,
            Party::MiniApp => Role::MiniApp,
        }
    }

    /// The name used on the protocol and in reports: the catalogue's party name.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Codec => "codec",
            Role::Client => "client",
            Role::Bot => "bot",
            Role::Server => "server",
            Role::MiniApp => "mini-app",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| {
                format!("unknown role `{s}` (expected codec, client, bot, server or mini-app)")
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_party_has_its_role_by_name() {
        for party in Party::ALL {
            assert_eq!(Role::of(party).as_str(), party.as_str());
            assert_eq!(party.as_str().parse::<Role>(), Ok(Role::of(party)));
        }
        assert_eq!(
            serde_json::to_string(&Role::MiniApp).unwrap(),
            "\"mini-app\""
        );
    }
}
