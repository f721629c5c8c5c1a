//! Playing one subject: the adapter produces its behaviour for the subject's inputs, and the
//! model's checker judges it against the case's rule.

use std::time::Instant;

use tgconf_spec::dynamic::hex;
use tgconf_spec::model::wire::{Origin, WireCase};
use tgconf_spec::model::{Subject, Violation};

use crate::adapter::codec::ReferenceCodec;
use crate::adapter::{Adapter, Decoded, Encoded, Fault, Reply, TlType, Transcript};
use crate::case::Case;

/// What one subject showed.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Pass,
    /// The case's rule is broken: the violations, and the subject as the adapter played it.
    Fail {
        violations: Vec<Violation>,
        played: Box<Subject>,
    },
    /// The adapter declined the subject.
    Unsupported(String),
    /// The suite cannot judge the subject (the reference cannot decode its own valid bytes).
    SuiteError(String),
}

/// What plays subjects: the checker, and the reference codec the codec role is compared with.
pub struct Player {
    pub check: fn(&Subject) -> Vec<Violation>,
    pub codec: ReferenceCodec,
}

impl Player {
    pub fn play(
        &mut self,
        adapter: &mut dyn Adapter,
        case: &Case,
        exchange: &str,
        subject: &Subject,
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Outcome, Fault> {
        match subject {
            Subject::Wire(wire) => {
                self.play_codec(adapter, case, exchange, wire, deadline, transcript)
            }
            _ => match adapter.session(exchange, subject, deadline, transcript)? {
                Reply::Unsupported(reason) => Ok(Outcome::Unsupported(reason)),
                Reply::Done(played) => Ok(self.judge(case, played, Vec::new())),
            },
        }
    }

    /// The violations of the case's rule in `played`, plus `found` (already attributed).
    fn judge(&self, case: &Case, played: Subject, mut found: Vec<Violation>) -> Outcome {
        found.extend(
            (self.check)(&played)
                .into_iter()
                .filter(|v| v.rule == case.rule),
        );
        if found.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail {
                violations: found,
                played: Box::new(played),
            }
        }
    }

    /// The codec role. A schema line: the adapter's id for it is judged. Bytes: they must
    /// decode to the reference's value; that value must encode to bytes the checker accepts
    /// (the same bytes: TL has one encoding); and the bytes with the case's bug injected, when
    /// the checker refuses them as received, must be rejected.
    fn play_codec(
        &mut self,
        adapter: &mut dyn Adapter,
        case: &Case,
        exchange: &str,
        wire: &WireCase,
        deadline: Instant,
        mut transcript: Option<&mut Transcript>,
    ) -> Result<Outcome, Fault> {
        let ty = TlType {
            layer: wire.layer,
            name: &wire.type_name,
            schema: wire.schema.as_deref(),
        };
        if let Origin::SchemaLine { line, .. } = &wire.origin {
            return Ok(
                match adapter.schema_line(exchange, ty, line, deadline, transcript)? {
                    Reply::Unsupported(reason) => Outcome::Unsupported(reason),
                    Reply::Done(id) => {
                        let origin = Origin::SchemaLine {
                            line: line.clone(),
                            id,
                        };
                        self.judge(
                            case,
                            Subject::Wire(WireCase {
                                origin,
                                ..wire.clone()
                            }),
                            Vec::new(),
                        )
                    }
                },
            );
        }
        let expected = match self.codec.decode(ty, &wire.bytes) {
            Decoded::Value(value) => value,
            Decoded::Rejected(reason) => {
                return Ok(Outcome::SuiteError(format!(
                    "the reference rejects a valid {} case: {reason}",
                    wire.type_name
                )))
            }
        };
        let rule = case.rule.as_str();
        let hex = hex::encode(&wire.bytes);
        let mut found = Vec::new();
        match adapter.decode(
            exchange,
            ty,
            &wire.bytes,
            deadline,
            transcript.as_deref_mut(),
        )? {
            Reply::Unsupported(reason) => return Ok(Outcome::Unsupported(reason)),
            Reply::Done(Decoded::Value(value)) if value == expected => {}
            Reply::Done(Decoded::Value(value)) => found.push(Violation::new(
                rule,
                "decode",
                format!("expected {hex} to decode to {expected}; got {value}"),
            )),
            Reply::Done(Decoded::Rejected(reason)) => found.push(Violation::new(
                rule,
                "decode",
                format!(
                    "expected {hex} to decode to {expected}; the adapter rejected it: {reason}"
                ),
            )),
        }
        let mut played = Subject::Wire(wire.clone());
        match adapter.encode(exchange, ty, &expected, deadline, transcript.as_deref_mut())? {
            Reply::Unsupported(reason) => return Ok(Outcome::Unsupported(reason)),
            Reply::Done(Encoded::Bytes(bytes)) => {
                let origin = Origin::Encoded {
                    value: expected.clone(),
                };
                let own = Subject::Wire(WireCase {
                    bytes: bytes.clone(),
                    origin,
                    ..wire.clone()
                });
                let judged = (self.check)(&own);
                if judged.is_empty() && bytes != wire.bytes {
                    let got = hex::encode(&bytes);
                    found.push(Violation::new(
                        rule,
                        "encode",
                        format!("expected {expected} to encode to {hex}; got {got}"),
                    ));
                }
                found.extend(judged.into_iter().filter(|v| v.rule == rule));
                played = own;
            }
            Reply::Done(Encoded::Rejected(reason)) => found.push(Violation::new(
                rule,
                "encode",
                format!("expected {expected} to encode to {hex}; the adapter refused: {reason}"),
            )),
        }
        let mut broken = Subject::Wire(wire.clone());
        if (case.inject)(&mut broken) {
            if let Subject::Wire(bad) = broken {
                let received = Subject::Wire(WireCase {
                    origin: Origin::Received,
                    ..bad
                });
                if let Subject::Wire(bad) = &received {
                    if (self.check)(&received).iter().any(|v| v.rule == rule) {
                        let answer =
                            adapter.decode(exchange, ty, &bad.bytes, deadline, transcript)?;
                        if let Reply::Done(Decoded::Value(value)) = answer {
                            found.push(Violation::new(
                                rule,
                                "decode",
                                format!(
                                    "expected {} rejected (the bytes of the bug `{}`); the adapter decoded them to {value}",
                                    hex::encode(&bad.bytes),
                                    case.bug
                                ),
                            ));
                        }
                    }
                }
            }
        }
        Ok(if found.is_empty() {
            Outcome::Pass
        } else {
            Outcome::Fail {
                violations: found,
                played: Box::new(played),
            }
        })
    }
}
