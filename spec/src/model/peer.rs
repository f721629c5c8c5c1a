//! The peers a user can see, with the properties peer-request filters look at.

use serde::{Deserialize, Serialize};

use super::admin_rights::AdminRights;

/// What a peer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeerKind {
    User,
    Bot,
    BasicGroup,
    Supergroup,
    Channel,
    /// An end-to-end encrypted chat; never shareable through a peer request.
    SecretChat,
}

impl PeerKind {
    pub fn is_user(self) -> bool {
        matches!(self, PeerKind::User | PeerKind::Bot)
    }

    /// Basic groups and supergroups: what `requestPeerTypeChat` names.
    pub fn is_group(self) -> bool {
        matches!(self, PeerKind::BasicGroup | PeerKind::Supergroup)
    }
}

/// A peer as the current user's client knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerInfo {
    pub id: i64,
    pub kind: PeerKind,
    /// Display name (first and last name, or title).
    pub name: String,
    pub username: Option<String>,
    pub has_photo: bool,
    /// Users: has Telegram Premium.
    pub premium: bool,
    /// Chats: created by the current user.
    pub creator: bool,
    /// Chats: the current user's administrator rights; `None` when not an administrator.
    /// A creator holds every right.
    pub my_rights: Option<AdminRights>,
    /// Supergroups: topics enabled.
    pub forum: bool,
    /// Basic groups migrated to a supergroup; not offered for sharing.
    pub deactivated: bool,
    /// Chats: the requesting bot is known to be a member.
    pub bot_is_member: bool,
    /// Chats: the requesting bot is known to be an administrator with these rights.
    pub bot_rights: Option<AdminRights>,
}

impl PeerInfo {
    /// The rights the current user holds in this chat (all of them when they created it).
    pub fn effective_rights(&self) -> Option<AdminRights> {
        if self.creator {
            Some(AdminRights::all())
        } else {
            self.my_rights
        }
    }
}
