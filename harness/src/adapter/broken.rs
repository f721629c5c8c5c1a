//! Broken adapters: the reference with one property's bug injected into its outputs. Each
//! must fail exactly the rules its property names; `tgconf selftest` checks that it does.

use std::collections::VecDeque;
use std::time::Instant;

use serde_json::Value;
use tgconf_spec::model::wire::{Origin, WireCase};
use tgconf_spec::model::Subject;

use super::codec::line_id;
use super::reference::Reference;
use super::transcript::render;
use super::{Adapter, AdapterInfo, Decoded, Encoded, Fault, Reply, TlType, Transcript};
use crate::case::Case;

/// How many buggy encodings a broken decoder remembers (see [`Broken::decode`]).
const REMEMBERED: usize = 16;

pub struct Broken {
    reference: Reference,
    bug: &'static str,
    inject: fn(&mut Subject) -> bool,
    /// Bytes as the bug writes them, with the value they stand for.
    misread: VecDeque<(Vec<u8>, Value)>,
}

impl Broken {
    /// The reference with `case`'s bug.
    pub fn new(reference: Reference, case: &Case) -> Broken {
        Broken {
            reference,
            bug: case.bug,
            inject: case.inject,
            misread: VecDeque::new(),
        }
    }

    fn wire(ty: TlType<'_>, bytes: Vec<u8>, origin: Origin) -> Subject {
        Subject::Wire(WireCase {
            layer: ty.layer,
            type_name: ty.name.to_owned(),
            bytes,
            origin,
            schema: ty.schema.map(str::to_owned),
        })
    }
}

impl Adapter for Broken {
    fn info(&mut self) -> Result<AdapterInfo, Fault> {
        let info = self.reference.info()?;
        Ok(AdapterInfo {
            name: format!("broken:{}", self.bug),
            ..info
        })
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

    /// A decoder with the bug reads bytes written with the bug as the value they were meant
    /// to be. So: bytes the reference decodes are remembered in their buggy form, and that
    /// form, when asked, decodes to the remembered value instead of being rejected.
    fn decode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        bytes: &[u8],
        _deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Decoded>, Fault> {
        let answer = match self.reference.decode_bytes(ty, bytes) {
            Decoded::Value(value) => {
                let mut buggy = Broken::wire(ty, bytes.to_vec(), Origin::Received);
                if (self.inject)(&mut buggy) {
                    if let Subject::Wire(buggy) = buggy {
                        if self.misread.len() == REMEMBERED {
                            self.misread.pop_front();
                        }
                        self.misread.push_back((buggy.bytes, value.clone()));
                    }
                }
                Decoded::Value(value)
            }
            rejected => match self.misread.iter().find(|(buggy, _)| buggy == bytes) {
                Some((_, value)) => Decoded::Value(value.clone()),
                None => rejected,
            },
        };
        render::decode(transcript, exchange, ty, bytes, &answer);
        Ok(Reply::Done(answer))
    }

    /// The reference's bytes with the bug applied, as a buggy encoder writes them.
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
                let mut subject = Broken::wire(
                    ty,
                    bytes,
                    Origin::Encoded {
                        value: value.clone(),
                    },
                );
                (self.inject)(&mut subject);
                match subject {
                    Subject::Wire(case) => Encoded::Bytes(case.bytes),
                    // A bug never changes a subject's party (only its outputs); were it to,
                    // there would be no bytes to give.
                    other => Encoded::Rejected(format!(
                        "the bug turned the bytes into a {} subject",
                        other.party()
                    )),
                }
            }
            rejected => rejected,
        };
        render::encode(transcript, exchange, ty, value, &answer);
        Ok(Reply::Done(answer))
    }

    /// The reference's id with the bug applied, as a buggy schema reader computes it.
    fn schema_line(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        line: &str,
        _deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Option<u32>>, Fault> {
        let origin = Origin::SchemaLine {
            line: line.to_owned(),
            id: line_id(line),
        };
        let mut subject = Broken::wire(ty, Vec::new(), origin);
        (self.inject)(&mut subject);
        let id = match subject {
            Subject::Wire(WireCase {
                origin: Origin::SchemaLine { id, .. },
                ..
            }) => id,
            _ => line_id(line),
        };
        render::schema_line(transcript, exchange, line, id);
        Ok(Reply::Done(id))
    }

    fn reset(&mut self) {
        self.misread.clear();
    }
}
