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
    /// Where the bytes come from, which decides what else they are judged against.
    #[serde(default, skip_serializing_if = "Origin::is_received")]
    pub origin: Origin,
    /// Definitions to read `type_name` with instead of the layer's era schema, for shapes
    /// no era schema carries (no constructor there has two `#` fields).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
}

/// What a [`WireCase`] records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "origin", rename_all = "snake_case")]
pub enum Origin {
    /// Bytes as received from a peer: judged by strict decoding alone.
    #[default]
    Received,
    /// An encoder's output for `value` (the canonical JSON of a `type_name` at `layer`):
    /// also compared with the reference encoding of that value. Empty bytes stand for a
    /// refusal, which is right for a value that has no encoding.
    Encoded { value: serde_json::Value },
    /// A schema definition and the constructor id an implementation read or computed for
    /// it (`None`: it refused the line). `type_name` names the definition; `bytes` is empty.
    SchemaLine { line: String, id: Option<u32> },
}

impl Origin {
    pub fn is_received(&self) -> bool {
        matches!(self, Origin::Received)
    }
}

impl WireCase {
    /// Bytes received as a `type_name` at `layer`, read with the layer's era schema.
    pub fn received(layer: u32, type_name: impl Into<String>, bytes: Vec<u8>) -> WireCase {
        WireCase {
            layer,
            type_name: type_name.into(),
            bytes,
            origin: Origin::Received,
            schema: None,
        }
    }
}

mod bugs;
pub mod check;
mod context;
mod encoded;
mod forms;
pub mod gen;
pub mod layout;
pub mod properties;
mod received;
mod schema_line;
pub mod schemas;

#[cfg(test)]
mod tests;
