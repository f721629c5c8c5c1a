//! What happens to a client: messages arrive, the user acts, time passes, calls return.

use serde::{Deserialize, Serialize};

use crate::model::call::Outcome;
use crate::model::chat::Message;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "input", rename_all = "snake_case")]
pub enum ClientInput {
    /// A bot's message arrives.
    Receive { message: Message },
    /// The user presses the button at `row`, `column` of the message's markup.
    Press {
        chat: i64,
        msg_id: i32,
        row: usize,
        column: usize,
    },
    /// The user taps the control that shows a hidden custom keyboard again.
    ReopenKeyboard { chat: i64 },
    /// The user hides the custom keyboard (possible unless it is persistent).
    HideKeyboard { chat: i64 },
    /// The user confirms a peer selection with these peers.
    SelectPeers { peers: Vec<i64> },
    /// The user cancels the open selection or creation flow.
    Cancel,
    /// The user submits the managed-bot creation form.
    SubmitBot { name: String, username: String },
    /// A Mini App of `bot` emits `web_app_request_chat`.
    MiniAppRequestChat { bot: i64, req_id: String },
    /// Time passes.
    Advance { seconds: u32 },
    /// The oldest call still waiting for a result gets this one.
    Result { outcome: Outcome },
}
