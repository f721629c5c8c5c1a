//! What a client knows before the session starts.

use serde::{Deserialize, Serialize};

use crate::model::peer::PeerInfo;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSetup {
    /// The current user's ID.
    pub me: i64,
    /// Whether the account has a 2FA password (needed for requires_password buttons).
    pub has_password: bool,
    /// The peers the user can see: candidates for peer requests.
    pub peers: Vec<PeerInfo>,
}
