//! Administrator rights (`chatAdminRights`) as a bit set, with the bit numbers of the schema.

use serde::{Deserialize, Serialize};

/// The flags word of `chatAdminRights`: bit N is the right of `flags.N?true`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct AdminRights(pub u32);

impl AdminRights {
    /// Rights and their bits in layers 224–230 (`chatAdminRights#5fb224d5`); earlier layers
    /// define a prefix of them.
    pub const NAMED: [(&'static str, u32); 18] = [
        ("change_info", 0),
        ("post_messages", 1),
        ("edit_messages", 2),
        ("delete_messages", 3),
        ("ban_users", 4),
        ("invite_users", 5),
        ("pin_messages", 7),
        ("add_admins", 9),
        ("anonymous", 10),
        ("manage_call", 11),
        ("other", 12),
        ("manage_topics", 13),
        ("post_stories", 14),
        ("edit_stories", 15),
        ("delete_stories", 16),
        ("manage_direct_messages", 17),
        ("manage_ranks", 18),
        ("manage_linked_peers", 19),
    ];

    /// Every right the schema names: what a chat's creator holds.
    pub fn all() -> AdminRights {
        AdminRights(Self::NAMED.iter().fold(0, |bits, (_, bit)| bits | 1 << bit))
    }

    pub fn has(self, bit: u32) -> bool {
        self.0 & (1 << bit) != 0
    }

    /// Whether every right of `required` is in `self`.
    pub fn covers(self, required: AdminRights) -> bool {
        self.0 & required.0 == required.0
    }

    /// The rights of `required` that `self` lacks, by name (for violation messages).
    pub fn missing(self, required: AdminRights) -> Vec<&'static str> {
        Self::NAMED
            .iter()
            .filter(|(_, bit)| required.has(*bit) && !self.has(*bit))
            .map(|(name, _)| *name)
            .collect()
    }
}
