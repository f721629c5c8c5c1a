//! Which of the user's peers a peer-request button's filter admits, and why a peer fails it.

use crate::model::admin_rights::AdminRights;
use crate::model::peer::{PeerInfo, PeerKind};
use crate::model::peer_type::PeerType;

/// One aspect of a filter that a peer fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mismatch {
    /// An end-to-end encrypted chat: never shareable, whatever the filter.
    SecretChat,
    /// A basic group migrated to a supergroup.
    Deactivated,
    /// Not the kind of peer the type names (user, group, channel; nothing existing for a
    /// create-bot type).
    Kind,
    Bot,
    Premium,
    Creator,
    HasUsername,
    Forum,
    UserAdminRights,
    BotParticipant,
    BotAdminRights,
}

/// Bit of `invite_users` in `chatAdminRights`: what adding the bot to a chat takes.
const INVITE_USERS: u32 = 5;
/// Bit of `add_admins`: what promoting the bot takes.
const ADD_ADMINS: u32 = 9;

/// Every aspect of `peer_type` that `peer` fails; empty when the peer may be shared.
pub fn mismatches(peer: &PeerInfo, peer_type: &PeerType) -> Vec<Mismatch> {
    if peer.kind == PeerKind::SecretChat {
        return vec![Mismatch::SecretChat];
    }
    let mut found = Vec::new();
    if peer.deactivated && peer.kind == PeerKind::BasicGroup {
        found.push(Mismatch::Deactivated);
    }
    match peer_type {
        PeerType::User { bot, premium } => {
            if !peer.kind.is_user() {
                found.push(Mismatch::Kind);
            }
            if bot.is_some_and(|bot| bot != (peer.kind == PeerKind::Bot)) {
                found.push(Mismatch::Bot);
            }
            if premium.is_some_and(|premium| premium != peer.premium) {
                found.push(Mismatch::Premium);
            }
        }
        PeerType::Chat {
            creator,
            bot_participant,
            has_username,
            forum,
            user_admin_rights,
            bot_admin_rights,
        } => {
            if !peer.kind.is_group() {
                found.push(Mismatch::Kind);
            }
            chat_filters(
                peer,
                *creator,
                *has_username,
                *user_admin_rights,
                *bot_admin_rights,
                &mut found,
            );
            if forum.is_some_and(|forum| forum != (peer.kind == PeerKind::Supergroup && peer.forum))
            {
                found.push(Mismatch::Forum);
            }
            if *bot_participant && !peer.bot_is_member && !rights(peer).has(INVITE_USERS) {
                found.push(Mismatch::BotParticipant);
            }
        }
        PeerType::Broadcast {
            creator,
            has_username,
            user_admin_rights,
            bot_admin_rights,
        } => {
            if peer.kind != PeerKind::Channel {
                found.push(Mismatch::Kind);
            }
            chat_filters(
                peer,
                *creator,
                *has_username,
                *user_admin_rights,
                *bot_admin_rights,
                &mut found,
            );
        }
        PeerType::CreateBot { .. } => found.push(Mismatch::Kind),
    }
    found
}

/// The filters groups and channels share.
fn chat_filters(
    peer: &PeerInfo,
    creator: bool,
    has_username: Option<bool>,
    user_admin_rights: Option<AdminRights>,
    bot_admin_rights: Option<AdminRights>,
    found: &mut Vec<Mismatch>,
) {
    if creator && !peer.creator {
        found.push(Mismatch::Creator);
    }
    // Basic groups cannot have a public username.
    let public = peer.username.is_some() && peer.kind != PeerKind::BasicGroup;
    if has_username.is_some_and(|wanted| wanted != public) {
        found.push(Mismatch::HasUsername);
    }
    if user_admin_rights.is_some_and(|required| !rights(peer).covers(required)) {
        found.push(Mismatch::UserAdminRights);
    }
    // The client cannot see the bot's rights unless told; otherwise it must be able to add
    // and promote the bot itself.
    if let Some(required) = bot_admin_rights {
        let bot_qualifies = peer.bot_rights.is_some_and(|held| held.covers(required));
        let mine = rights(peer);
        if !(bot_qualifies || mine.has(INVITE_USERS) && mine.has(ADD_ADMINS)) {
            found.push(Mismatch::BotAdminRights);
        }
    }
}

fn rights(peer: &PeerInfo) -> AdminRights {
    peer.effective_rights().unwrap_or_default()
}

/// The peers of `peers` that `peer_type` admits, in order.
pub fn candidates(peers: &[PeerInfo], peer_type: &PeerType) -> Vec<i64> {
    peers
        .iter()
        .filter(|peer| mismatches(peer, peer_type).is_empty())
        .map(|peer| peer.id)
        .collect()
}

/// How many peers a button lets the user pick: one before layer 169 (a single
/// `requested_peer`), else `max_quantity`, a value below 1 read as 1.
pub fn max_peers(layer: u32, max_quantity: i32) -> usize {
    if layer < 169 {
        1
    } else {
        usize::try_from(max_quantity.max(1)).unwrap_or(1)
    }
}
