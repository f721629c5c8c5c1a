//! Broken adapters: the reference with one property's bug injected into its outputs. Each
//! must fail exactly the rules its property names; `tgconf selftest` checks that it does.

use std::time::Instant;

use serde_json::Value;
use tgconf_spec::model::wire::WireCase;
use tgconf_spec::model::Subject;

use super::reference::Reference;
use super::transcript::render;
use crate::case::Case;
use super::{Adapter, AdapterInfo, Decoded, Encoded, Fault, Reply, TlType, Transcript};

pub struct Broken {
    reference: Reference,
    bug: &'static str,
    inject: fn(&mut Subject) -> bool,
}

impl Broken {
    /// The reference with `case`'s bug.
    pub fn new(reference: Reference, case: &Case) -> Broken {
        Broken { reference, bug: case.bug, inject: case.inject }
    }
}

impl Adapter for Broken {
    fn info(&mut self) -> Result<AdapterInfo, Fault> {
        let info = self.reference.info()?;
        Ok(AdapterInfo { name: format!("broken:{}", self.bug), ..info })
    }

    fn session(
        &mut self,
        exchange: &str,
        subject: &Subject,
        _deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Subject>, Fault> {
        let mut reply = self.reference.replay(subject);
        if let Reply::Done(played) = &mut reply {
            // `false` means the subject gives the bug nothing to act on: the outputs stay right.
            (self.inject)(played);
            render::session(transcript, exchange, played);
        }
        Ok(reply)
    }

    /// Bugs act on what an implementation produces; a decoder's output is the reference's.
    fn decode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        bytes: &[u8],
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Decoded>, Fault> {
        self.reference.decode(exchange, ty, bytes, deadline, transcript)
    }

    /// The reference's bytes with the bug applied, as a buggy encoder would write them.
    fn encode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        value: &Value,
        _deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Encoded>, Fault> {
        let answer = match self.reference.encode_value(ty, value) {
            Encoded::Bytes(bytes) => {
                let mut subject = Subject::Wire(WireCase { layer: ty.layer, type_name: ty.name.to_owned(), bytes });
                (self.inject)(&mut subject);
                match subject {
                    Subject::Wire(case) => Encoded::Bytes(case.bytes),
                    // An injection never changes a subject's party; if one did, its outputs are
                    // not bytes, and the bug is reported as the encoder refusing the value.
                    other => Encoded::Rejected(format!("the bug turned the bytes into a {} subject", other.party())),
                }
            }
            rejected => rejected,
        };
        render::encode(transcript, exchange, ty, value, &answer);
        Ok(Reply::Done(answer))
    }

    fn reset(&mut self) {}
}
