//! The codec side: bytes on the wire and what a conforming decoder makes of them.
//!
//! - [`check`]: decodes a case strictly and names the TL-* rule each failure breaks;
//! - [`properties`]: per codec rule, valid encodings and the corruption that breaks it.

use serde::{Deserialize, Serialize};

/// Bytes claimed to be a value of `type_name` at `layer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WireCase {
    pub layer: u32,
    /// A boxed type (`ReplyMarkup`) or a function name (`messages.getBotCallbackAnswer`).
    pub type_name: String,
    pub bytes: Vec<u8>,
}

pub mod check;
pub mod properties;
