//! A bot's answer to a callback query (`messages.botCallbackAnswer`, or the arguments of
//! `messages.setBotCallbackAnswer`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackAnswer {
    /// Show `message` as a dialog the user dismisses rather than a toast.
    pub alert: bool,
    /// Open `url` in the client's native game interface.
    pub native_ui: bool,
    pub message: Option<String>,
    pub url: Option<String>,
    /// `messages.botCallbackAnswer` only: set exactly when `url` is present.
    pub has_url: bool,
    /// Seconds the client may serve this answer from its cache.
    pub cache_time: i32,
}
