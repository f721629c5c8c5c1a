//! Chats and the messages a bot sends into them, as a receiving client sees them.

use serde::{Deserialize, Serialize};

use super::markup::Markup;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatKind {
    /// The private chat of the user and the bot.
    Private,
    BasicGroup,
    Supergroup,
}

/// How the message reached the chat; it decides which callback update the bot gets
/// (plain, inline or business callback query).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MessageOrigin {
    /// Sent by the bot itself.
    Bot,
    /// Sent by a user via the bot's inline mode.
    ViaInline,
    /// Sent by the bot on behalf of a business account.
    Business { connection_id: String },
}

/// A message carrying (maybe) markup, from a bot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub chat: i64,
    pub chat_kind: ChatKind,
    pub msg_id: i32,
    /// The bot that sent it (or via which it was sent).
    pub bot: i64,
    pub origin: MessageOrigin,
    /// Users @mentioned in the text.
    pub mentions: Vec<i64>,
    /// The sender of the message this one replies to, if it is a reply.
    pub reply_to_sender: Option<i64>,
    pub markup: Option<Markup>,
}

impl Message {
    /// Whether the message's markup concerns `user`: everyone in a private chat, and in
    /// groups everyone unless the markup is selective, in which case only the mentioned users
    /// and the sender of the replied-to message.
    pub fn markup_applies_to(&self, user: i64) -> bool {
        let selective = self.markup.as_ref().is_some_and(Markup::is_selective);
        self.chat_kind == ChatKind::Private
            || !selective
            || self.mentions.contains(&user)
            || self.reply_to_sender == Some(user)
    }
}
