//! Reply markup attached to a message (`ReplyMarkup`).

use serde::{Deserialize, Serialize};

use super::button::Button;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Markup {
    /// `replyKeyboardMarkup`: a custom keyboard replacing the regular one.
    Keyboard(ReplyKeyboard),
    /// `replyKeyboardHide`: removes the custom keyboard.
    Hide { selective: bool },
    /// `replyKeyboardForceReply`: opens the reply interface.
    ForceReply {
        single_use: bool,
        selective: bool,
        placeholder: Option<String>,
    },
    /// `replyInlineMarkup`: buttons under the message.
    Inline { rows: Vec<Vec<Button>> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyKeyboard {
    pub rows: Vec<Vec<Button>>,
    pub resize: bool,
    pub single_use: bool,
    pub selective: bool,
    pub persistent: bool,
    /// `None` is flags.3 clear; `Some("")` is an empty placeholder, which a bot must not send.
    pub placeholder: Option<String>,
}

impl Markup {
    /// The button rows, for the two markups that have them.
    pub fn rows(&self) -> &[Vec<Button>] {
        match self {
            Markup::Keyboard(keyboard) => &keyboard.rows,
            Markup::Inline { rows } => rows,
            Markup::Hide { .. } | Markup::ForceReply { .. } => &[],
        }
    }

    pub fn is_selective(&self) -> bool {
        match self {
            Markup::Keyboard(keyboard) => keyboard.selective,
            Markup::Hide { selective } | Markup::ForceReply { selective, .. } => *selective,
            Markup::Inline { .. } => false,
        }
    }

    /// The button at `row`, `column`, if there is one.
    pub fn button(&self, row: usize, column: usize) -> Option<&Button> {
        self.rows().get(row)?.get(column)
    }
}
