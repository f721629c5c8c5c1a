//! What a server knows of the world, and the look-ups both the reference server and the checker
//! make in it: peers, messages, the button a call refers to, games, owned bots.
//!
//! Both keep a `ServerSetup` of their own and add to it the bots created during the session.

use crate::model::button::{ButtonKind, RequestPeerButton};
use crate::model::chat::{ChatKind, Message};
use crate::model::peer::{PeerInfo, PeerKind};

use super::ServerSetup;

/// The button a `getBotCallbackAnswer` names within its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pressed {
    Callback { requires_password: bool },
    Game,
}

impl ServerSetup {
    pub fn peer(&self, id: i64) -> Option<&PeerInfo> {
        self.peers.iter().find(|peer| peer.id == id)
    }

    pub fn is_user(&self, id: i64) -> bool {
        self.peer(id)
            .is_some_and(|peer| peer.kind == PeerKind::User)
    }

    pub fn is_bot(&self, id: i64) -> bool {
        self.peer(id).is_some_and(|peer| peer.kind == PeerKind::Bot)
    }

    /// The message `msg_id` of the chat a user names `chat` (the bot, for a private chat).
    pub fn message(&self, chat: i64, msg_id: i32) -> Option<&Message> {
        self.messages
            .iter()
            .find(|message| message.chat == chat && message.msg_id == msg_id)
    }

    pub fn has_password(&self, user: i64) -> bool {
        self.with_password.contains(&user)
    }

    pub fn is_manager_bot(&self, bot: i64) -> bool {
        self.manager_bots.contains(&bot)
    }

    pub fn owned(&self, user: i64) -> u32 {
        self.owned_bots
            .iter()
            .find(|(owner, _)| *owner == user)
            .map_or(0, |(_, count)| *count)
    }

    /// Counts one more bot owned by `user`.
    pub fn add_owned(&mut self, user: i64) {
        match self.owned_bots.iter_mut().find(|(owner, _)| *owner == user) {
            Some((_, count)) => *count = count.saturating_add(1),
            None => self.owned_bots.push((user, 1)),
        }
    }

    /// Whether a peer already has `username` (usernames compare case-insensitively).
    pub fn username_taken(&self, username: &str) -> bool {
        self.peers.iter().any(|peer| {
            peer.username
                .as_deref()
                .is_some_and(|taken| taken.eq_ignore_ascii_case(username))
        })
    }

    /// The short name of the game the message's game button launches.
    pub fn game_of(&self, chat: i64, msg_id: i32) -> Option<&str> {
        self.games
            .iter()
            .find(|game| game.messages.contains(&(chat, msg_id)))
            .map(|game| game.short_name.as_str())
    }

    pub fn owns_game(&self, bot: i64, short_name: &str) -> bool {
        self.games
            .iter()
            .any(|game| game.bot == bot && game.short_name == short_name)
    }

    /// Registers a bot created during the session.
    pub fn add_bot(&mut self, id: i64, name: &str, username: &str) {
        self.peers.push(PeerInfo {
            id,
            kind: PeerKind::Bot,
            name: name.to_owned(),
            username: Some(username.to_owned()),
            has_photo: false,
            premium: false,
            creator: false,
            my_rights: None,
            forum: false,
            deactivated: false,
            bot_is_member: false,
            bot_rights: None,
        });
    }
}

/// The button of `message` that a press with `data` (or `game`) names.
pub fn pressed(message: &Message, data: Option<&[u8]>, game: bool) -> Option<Pressed> {
    let rows = message.markup.as_ref()?.rows();
    rows.iter().flatten().find_map(|button| match &button.kind {
        ButtonKind::Game if game => Some(Pressed::Game),
        ButtonKind::Callback {
            data: own,
            requires_password,
        } if !game && data == Some(own.as_slice()) => Some(Pressed::Callback {
            requires_password: *requires_password,
        }),
        _ => None,
    })
}

/// The peer-request button `button_id` of `message`.
pub fn request_peer_button(message: &Message, button_id: i32) -> Option<&RequestPeerButton> {
    let rows = message.markup.as_ref()?.rows();
    rows.iter().flatten().find_map(|button| match &button.kind {
        ButtonKind::RequestPeer(request) if request.button_id == button_id => Some(request),
        _ => None,
    })
}

/// The chat as the bot names it: a private chat is the user's, any other is itself.
pub fn chat_seen_by_bot(chat: i64, chat_kind: ChatKind, user: i64) -> i64 {
    match chat_kind {
        ChatKind::Private => user,
        ChatKind::BasicGroup | ChatKind::Supergroup => chat,
    }
}
