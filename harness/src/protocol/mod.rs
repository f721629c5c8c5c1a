//! Process protocol v1: the messages between tgconf and an adapter process, one JSON object
//! per line (docs/adapter-protocol.md, docs/adapter-protocol.schema.json).
//!
//! tgconf sends a [`Request`] and waits for exactly one [`Response`] echoing its `case`, so
//! an adapter is a loop: read a line, answer a line, exit on end of input.

pub mod payload;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::layers::LayerSet;
use crate::role::Role;

/// The version this tgconf speaks; an adapter answering any other is an ERROR.
pub const PROTOCOL_VERSION: u32 = 1;

/// Which suite is asking: lets an adapter log or refuse a suite it was not written for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuiteInfo {
    pub name: String,
    pub version: String,
    /// The git revision tgconf was built from (`unknown` outside a checkout).
    pub revision: String,
}

impl SuiteInfo {
    /// This build of tgconf.
    pub fn current() -> SuiteInfo {
        SuiteInfo {
            name: "tgconf".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            revision: env!("TGCONF_GIT_REVISION").to_owned(),
        }
    }
}

/// tgconf → adapter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Request {
    /// The first message. `layer` is set when the run is restricted to one layer.
    Hello {
        protocol: u32,
        suite: SuiteInfo,
        layer: Option<u32>,
    },
    /// A session of `role` begins: the implementation is created with `setup` at `layer`.
    Start {
        case: String,
        role: Role,
        layer: u32,
        setup: Value,
    },
    /// The next input of the session started as `case`; `step` counts from 0.
    Input {
        case: String,
        step: usize,
        input: Value,
    },
    /// The session is over; the adapter drops its state for `case`.
    End { case: String },
    /// Decode `hex` as a value of `tl_type` at `layer`, strictly; with `schema`, read it
    /// with those TL definitions instead of the layer's.
    Decode {
        case: String,
        layer: u32,
        tl_type: String,
        hex: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        schema: Option<String>,
    },
    /// Encode `value` (canonical JSON) as `tl_type` at `layer` (or with `schema`).
    Encode {
        case: String,
        layer: u32,
        tl_type: String,
        value: Value,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        schema: Option<String>,
    },
    /// Give the constructor id of one TL schema line, as the adapter's schema reader would.
    SchemaLine { case: String, line: String },
}

/// adapter → tgconf. Unknown members are ignored, so adapters may add their own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Response {
    Hello {
        protocol: u32,
        name: String,
        version: String,
        roles: Vec<Role>,
        layers: LayerSet,
    },
    Started {
        case: String,
    },
    Outputs {
        case: String,
        step: usize,
        outputs: Vec<Value>,
    },
    Ended {
        case: String,
    },
    Decoded {
        case: String,
        value: Value,
    },
    Encoded {
        case: String,
        hex: String,
    },
    /// The constructor id of a schema line.
    LineId {
        case: String,
        id: u32,
    },
    /// The input is not acceptable (a strict decoder refusing bytes): a verdict, not a fault.
    Rejected {
        case: String,
        reason: String,
    },
    /// The adapter cannot do this (a constructor, setup or input it does not implement).
    Unsupported {
        case: String,
        reason: String,
    },
    /// The adapter failed; the case is ERROR and the adapter is restarted.
    Error {
        case: Option<String>,
        message: String,
    },
}

impl Response {
    /// The case the response answers (`None` for the handshake).
    pub fn case(&self) -> Option<&str> {
        match self {
            Response::Hello { .. } => None,
            Response::Error { case, .. } => case.as_deref(),
            Response::Started { case }
            | Response::Outputs { case, .. }
            | Response::Ended { case }
            | Response::Decoded { case, .. }
            | Response::Encoded { case, .. }
            | Response::LineId { case, .. }
            | Response::Rejected { case, .. }
            | Response::Unsupported { case, .. } => Some(case),
        }
    }

    /// The message's `type`, for "expected X, got Y" errors.
    pub fn kind(&self) -> &'static str {
        match self {
            Response::Hello { .. } => "hello",
            Response::Started { .. } => "started",
            Response::Outputs { .. } => "outputs",
            Response::Ended { .. } => "ended",
            Response::Decoded { .. } => "decoded",
            Response::Encoded { .. } => "encoded",
            Response::LineId { .. } => "line_id",
            Response::Rejected { .. } => "rejected",
            Response::Unsupported { .. } => "unsupported",
            Response::Error { .. } => "error",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_tagged_by_type() {
        let text = serde_json::to_string(&Request::End { case: "X#1".into() }).unwrap();
        assert_eq!(text, r#"{"type":"end","case":"X#1"}"#);
    }

    #[test]
    fn responses_tolerate_extra_members_but_not_missing_ones() {
        let ok: Response =
            serde_json::from_str(r#"{"type":"ended","case":"X#1","note":"hi"}"#).unwrap();
        assert_eq!(ok, Response::Ended { case: "X#1".into() });
        assert!(serde_json::from_str::<Response>(r#"{"type":"outputs","case":"X#1"}"#).is_err());
        assert!(serde_json::from_str::<Response>(r#"{"type":"bogus","case":"X#1"}"#).is_err());
    }
}
