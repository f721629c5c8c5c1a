//! The reference model of the button flows: layer-independent types for markup, buttons,
//! peer requests, callbacks and calls; a deterministic state machine and a checker per party;
//! and the properties that tie each rule of the catalogue to generated cases.
//!
//! The model speaks of behaviour, not bytes: [`tl`] maps its types to and from the canonical
//! JSON form of each era's TL objects.

pub mod admin_rights;
pub mod answer;
pub mod bot;
pub mod button;
pub mod call;
pub mod chat;
pub mod client;
pub mod markup;
pub mod mini_app;
pub mod peer;
pub mod peer_type;
pub mod property;
pub mod server;
pub mod style;
pub mod subject;
pub mod tl;
pub mod trace;
pub mod update;
pub mod violation;
pub mod wire;

pub use property::Property;
pub use subject::Subject;
pub use violation::Violation;
