//! The adapter API: how tgconf drives an implementation, whatever it is written in.
//!
//! An adapter offers roles (the parties it can play) and layers. For the session roles it is
//! handed a subject's setup and inputs and gives back its own outputs; for the codec role it
//! decodes and encodes TL values. The runner judges what comes back with the model's checker.
//!
//! - [`reference`]: the model itself, in process;
//! - [`broken`]: the reference with one property's bug injected (the suite testing itself);
//! - [`process`]: any program speaking process protocol v1 on stdin/stdout.

pub mod broken;
pub mod codec;
pub mod process;
pub mod reference;
pub mod sessions;
pub mod spec;
pub mod subject_io;
pub mod transcript;

use std::time::Instant;

use serde_json::Value;
use tgconf_spec::model::Subject;
use thiserror::Error;

use crate::layers::LayerSet;
use crate::role::Role;
pub use transcript::Transcript;

/// What an adapter says about itself in the handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdapterInfo {
    pub name: String,
    pub version: String,
    pub roles: Vec<Role>,
    pub layers: LayerSet,
}

/// An answer, or the adapter's word that it does not implement what was asked.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply<T> {
    Done(T),
    Unsupported(String),
}

/// What a decoder made of bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    Value(Value),
    Rejected(String),
}

/// What an encoder made of a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Encoded {
    Bytes(Vec<u8>),
    Rejected(String),
}

/// The adapter failed: the case gets the matching verdict and the adapter is restarted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Fault {
    /// No answer before the case's deadline → TIMEOUT.
    #[error("no answer in time: {0}")]
    Timeout(String),
    /// The process ended or closed its output → CRASH.
    #[error("the adapter crashed: {0}")]
    Crash(String),
    /// An answer that breaks the protocol (not JSON, wrong case, wrong version, too long) or
    /// an `error` message → ERROR.
    #[error("{0}")]
    Protocol(String),
}

/// A TL value to decode or encode: the wire subject's layer and type, and the definitions
/// to read it with when they are not the layer's era schema.
#[derive(Debug, Clone, Copy)]
pub struct TlType<'a> {
    pub layer: u32,
    pub name: &'a str,
    pub schema: Option<&'a str>,
}

/// An implementation under test. `exchange` names one use of a subject (`CASE#N`): process
/// adapters echo it on every message. `transcript`, when given, records the exchange as
/// protocol lines (in-process adapters write what a process would have seen).
pub trait Adapter {
    /// The handshake. Process adapters start their program here if it is not running.
    fn info(&mut self) -> Result<AdapterInfo, Fault>;

    /// Plays a session: the subject's setup and inputs go in; the result is the subject
    /// with the adapter's outputs in place of the reference's.
    fn session(
        &mut self,
        exchange: &str,
        subject: &Subject,
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Subject>, Fault>;

    fn decode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        bytes: &[u8],
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Decoded>, Fault>;

    fn encode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        value: &Value,
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Encoded>, Fault>;

    /// The constructor id of a TL schema line (`None`: the adapter refuses the line). `ty`
    /// names the definition.
    fn schema_line(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        line: &str,
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Option<u32>>, Fault>;

    /// Called after a fault: the next call starts from a fresh implementation.
    fn reset(&mut self);
}
