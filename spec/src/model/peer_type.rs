//! What a peer-request button asks for (`RequestPeerType`).

use serde::{Deserialize, Serialize};

use super::admin_rights::AdminRights;

/// The filter of a peer-request button. `Option<bool>` fields are the schema's
/// `flags.N?Bool`: absent means "either".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeerType {
    User {
        bot: Option<bool>,
        premium: Option<bool>,
    },
    /// A basic group or a supergroup.
    Chat {
        creator: bool,
        bot_participant: bool,
        has_username: Option<bool>,
        forum: Option<bool>,
        user_admin_rights: Option<AdminRights>,
        bot_admin_rights: Option<AdminRights>,
    },
    /// A broadcast channel.
    Broadcast {
        creator: bool,
        has_username: Option<bool>,
        user_admin_rights: Option<AdminRights>,
        bot_admin_rights: Option<AdminRights>,
    },
    /// Create a new bot managed by the requesting bot (layer 224+).
    CreateBot {
        bot_managed: bool,
        suggested_name: Option<String>,
        suggested_username: Option<String>,
    },
}

impl PeerType {
    pub fn is_create_bot(&self) -> bool {
        matches!(self, PeerType::CreateBot { .. })
    }
}
