//! The client side: a user's app receiving markup, the user acting on it, and the calls and
//! UI effects that follow.
//!
//! - [`session`]: the reference client, a deterministic state machine;
//! - [`check`]: the checker that judges any client's trace against the rules;
//! - [`properties`]: per client rule, valid traces and the bug that breaks exactly that rule.

pub mod cache;
pub mod filter;
pub mod flow;
pub mod gen;
pub mod input;
pub mod keyboard;
pub mod output;
pub mod session;
pub mod setup;

pub use input::ClientInput;
pub use output::{ClientOutput, MiniAppEvent, Ui};
pub use session::ClientSession;
pub use setup::ClientSetup;

use super::trace::Trace;

/// A client session as recorded.
pub type ClientTrace = Trace<ClientSetup, ClientInput, ClientOutput>;

pub mod check;
pub mod properties;
