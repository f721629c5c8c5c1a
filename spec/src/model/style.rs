//! A button's style (layer 222+): at most one background colour and an optional custom-emoji
//! icon.

use serde::{Deserialize, Serialize};

/// `keyboardButtonStyle`, as a set of flags and the icon's document ID.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Style {
    pub bg_primary: bool,
    pub bg_danger: bool,
    pub bg_success: bool,
    /// The custom emoji shown before the text (flags.3).
    pub icon: Option<i64>,
}

/// The background colours a style can name, in the order a client resolves conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Background {
    Primary,
    Danger,
    Success,
}

impl Style {
    /// How many background flags are set; a bot sets at most one.
    pub fn background_count(&self) -> usize {
        [self.bg_primary, self.bg_danger, self.bg_success]
            .iter()
            .filter(|&&set| set)
            .count()
    }

    /// Whether the style says nothing at all (no background, no icon), which a bot must not
    /// send.
    pub fn is_empty(&self) -> bool {
        self.background_count() == 0 && self.icon.is_none()
    }

    /// The colour a client shows: the first set flag in the order primary, danger, success.
    pub fn shown_background(&self) -> Option<Background> {
        [
            (self.bg_primary, Background::Primary),
            (self.bg_danger, Background::Danger),
            (self.bg_success, Background::Success),
        ]
        .into_iter()
        .find_map(|(set, colour)| set.then_some(colour))
    }
}
