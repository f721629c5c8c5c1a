//! The reference adapter: the model's own sessions and the spec's strict codec, in process.
//! It is what every other implementation is compared with, and it must pass every case.

use std::time::Instant;

use serde_json::Value;
use tgconf_spec::era::{FIRST_LAYER, LAST_LAYER};
use tgconf_spec::model::Subject;

use super::codec::{line_id, ReferenceCodec};
use super::sessions::Sessions;
use super::subject_io::session_role;
use super::transcript::render;
use super::{Adapter, AdapterInfo, Decoded, Encoded, Fault, Reply, TlType, Transcript};
use crate::layers::LayerSet;
use crate::role::Role;

pub struct Reference {
    sessions: Sessions,
    codec: ReferenceCodec,
}

impl Reference {
    pub fn new(sessions: Sessions) -> Reference {
        Reference {
            sessions,
            codec: ReferenceCodec::default(),
        }
    }

    /// The reference's outputs for the subject's inputs, without a transcript.
    pub fn replay(&self, subject: &Subject) -> Reply<Subject> {
        match (self.sessions.replay)(subject) {
            Some(played) => Reply::Done(played),
            None => Reply::Unsupported(match session_role(subject) {
                Some(role) => format!("the model has no reference {role} session yet"),
                None => "a wire subject has no session".to_owned(),
            }),
        }
    }

    pub fn decode_bytes(&mut self, ty: TlType<'_>, bytes: &[u8]) -> Decoded {
        self.codec.decode(ty, bytes)
    }

    pub fn encode_value(&mut self, ty: TlType<'_>, value: &Value) -> Encoded {
        self.codec.encode(ty, value)
    }
}

impl Adapter for Reference {
    fn info(&mut self) -> Result<AdapterInfo, Fault> {
        let mut roles = vec![Role::Codec];
        roles.extend_from_slice(self.sessions.roles);
        Ok(AdapterInfo {
            name: "reference".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            roles,
            layers: LayerSet::span(FIRST_LAYER, LAST_LAYER),
        })
    }

    fn session(
        &mut self,
        exchange: &str,
        subject: &Subject,
        _deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Subject>, Fault> {
        let reply = self.replay(subject);
        if let Reply::Done(played) = &reply {
            render::session(transcript, exchange, played);
        }
        Ok(reply)
    }

    fn decode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        bytes: &[u8],
        _deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Decoded>, Fault> {
        let answer = self.decode_bytes(ty, bytes);
        render::decode(transcript, exchange, ty, bytes, &answer);
        Ok(Reply::Done(answer))
    }

    fn encode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        value: &Value,
        _deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Encoded>, Fault> {
        let answer = self.encode_value(ty, value);
        render::encode(transcript, exchange, ty, value, &answer);
        Ok(Reply::Done(answer))
    }

    fn schema_line(
        &mut self,
        exchange: &str,
        _ty: TlType<'_>,
        line: &str,
        _deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Option<u32>>, Fault> {
        let id = line_id(line);
        render::schema_line(transcript, exchange, line, id);
        Ok(Reply::Done(id))
    }

    /// The model keeps no state between calls: nothing to reset.
    fn reset(&mut self) {}
}
