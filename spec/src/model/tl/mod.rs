//! Mapping between the model's types and the canonical JSON form of each era's TL objects
//! (docs/canonical-json.md).
//!
//! [`ToTl::to_tl`] writes a model value as the TL object of a layer, in canonical form
//! (members in declaration order), and [`FromTl::from_tl`] reads one back. Writing fails
//! when the layer cannot say what the value says (a style before 222, a create-bot request
//! before 224, a callback button in a 229 reply row); reading is strict and fails on any
//! JSON that is not the canonical form of a model value at that layer. Neither panics on
//! any input: adapters send this JSON.
//!
//! The layer-independent choices (how peer IDs become `InputPeer`s, what is written for the
//! bookkeeping fields the model does not track) are in [`peer_id`] and in each file's notes.

mod action;
mod admin_rights;
mod answer;
pub mod button;
mod button_type;
mod call;
mod error;
mod inline_message_id;
mod layer;
mod legacy_button;
mod markup;
mod peer_id;
mod peer_type;
mod read;
mod reply;
mod requested_peer;
mod style;
mod update;
mod write;

use serde_json::Value as Json;

pub use admin_rights::admin_rights_at;
pub use button::Row;
pub use call::random_id;
pub use error::TlError;
pub use style::FIRST_STYLE_LAYER;

/// A model value that has a TL form.
pub trait ToTl {
    /// The canonical JSON of the value's TL object at `layer`.
    fn to_tl(&self, layer: u32) -> Result<Json, TlError>;
}

/// A model value read from a TL object.
pub trait FromTl: Sized {
    /// Reads the canonical JSON of a TL object of `layer`.
    fn from_tl(json: &Json, layer: u32) -> Result<Self, TlError>;
}

/// [`ToTl::to_tl`] as a function.
pub fn to_tl<T: ToTl>(value: &T, layer: u32) -> Result<Json, TlError> {
    value.to_tl(layer)
}

/// [`FromTl::from_tl`] as a function.
pub fn from_tl<T: FromTl>(json: &Json, layer: u32) -> Result<T, TlError> {
    T::from_tl(json, layer)
}
