//! A chat's current custom reply keyboard as the client holds it.

use crate::model::markup::ReplyKeyboard;

use super::Ui;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatKeyboard {
    /// The message whose markup it is (presses reply to it).
    pub msg_id: i32,
    pub keyboard: ReplyKeyboard,
    pub visibility: Visibility,
}

/// Whether the keyboard is on screen, and if not, why: both hidden states keep it reopenable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    Shown,
    /// Hidden after a press because it is single_use.
    HiddenByPress,
    /// Hidden by the user.
    HiddenByUser,
}

impl ChatKeyboard {
    /// The effect of showing it in `chat`.
    pub fn shown(&self, chat: i64) -> Ui {
        Ui::KeyboardShown {
            chat,
            persistent: self.keyboard.persistent,
            placeholder: self.keyboard.placeholder.clone(),
        }
    }
}
