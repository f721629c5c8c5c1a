//! The one place where the model's values become protocol JSON and back.
//!
//! Setups, inputs and outputs travel in the model's own JSON form (the serde form of
//! `tgconf_spec::model`, shown in docs/adapter-protocol.md). When the model's `tl` mapping
//! lands, calls and markups switch to the canonical JSON of their TL objects here and nowhere
//! else; `layer` is the era those objects will be written in.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use thiserror::Error;

/// A value from an adapter that is not a value of the model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{what} is not valid: {message}")]
pub struct PayloadError {
    pub what: String,
    pub message: String,
}

/// A model value as the protocol carries it.
pub fn to_protocol<T: Serialize>(_layer: u32, value: &T) -> Value {
    // The model's types are plain data (no maps with non-string keys, no floats): serializing
    // them cannot fail, and a failure would be a bug in the model, not in any input.
    serde_json::to_value(value).expect("model values serialize to JSON")
}

/// A model value read from the protocol; `what` names it in the error.
pub fn from_protocol<T: DeserializeOwned>(_layer: u32, what: &str, value: Value) -> Result<T, PayloadError> {
    serde_json::from_value(value).map_err(|e| PayloadError { what: what.to_owned(), message: e.to_string() })
}
