//! The protocol lines of one exchange, kept for a failure's report.

use serde::{Deserialize, Serialize};

/// Longer lines are cut in transcripts: a report must stay readable when an adapter prints
/// megabytes.
const MAX_LINE: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// tgconf → adapter.
    Tgconf,
    /// adapter → tgconf.
    Adapter,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptLine {
    pub from: Side,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Transcript(pub Vec<TranscriptLine>);

impl Transcript {
    pub fn push(&mut self, from: Side, text: &str) {
        let text = match text.char_indices().nth(MAX_LINE) {
            Some((cut, _)) => format!("{}… ({} bytes in all)", &text[..cut], text.len()),
            None => text.to_owned(),
        };
        self.0.push(TranscriptLine { from, text });
    }

    /// Records a message as the JSON line it is (or would be) on the protocol.
    pub fn push_json<T: Serialize>(&mut self, from: Side, message: &T) {
        match serde_json::to_string(message) {
            Ok(text) => self.push(from, &text),
            Err(e) => self.push(from, &format!("(unserializable message: {e})")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_on_a_char_boundary() {
        let mut transcript = Transcript::default();
        transcript.push(Side::Adapter, &"é".repeat(MAX_LINE + 10));
        let text = &transcript.0[0].text;
        assert!(text.starts_with(&"é".repeat(MAX_LINE)));
        assert!(text.ends_with(&format!("({} bytes in all)", 2 * (MAX_LINE + 10))));
    }
}

/// What an in-process adapter's exchanges would have been on the protocol, so that reports
/// show every adapter's failures the same way.
pub mod render {
    use serde_json::Value;
    use tgconf_spec::dynamic::hex;
    use tgconf_spec::model::Subject;

    use super::{Side, Transcript};
    use crate::adapter::subject_io::{outputs, session_parts_for_report};
    use crate::adapter::{Decoded, Encoded, TlType};
    use crate::protocol::{Request, Response};

    /// A whole session: start, each input with its outputs, end.
    pub fn session(transcript: Option<&mut Transcript>, exchange: &str, played: &Subject) {
        let (Some(transcript), Some(parts)) = (transcript, session_parts_for_report(played)) else {
            return;
        };
        let case = exchange.to_owned();
        let (role, layer, setup) = (parts.role, parts.layer, parts.setup);
        transcript.push_json(
            Side::Tgconf,
            &Request::Start {
                case: case.clone(),
                role,
                layer,
                setup,
            },
        );
        transcript.push_json(Side::Adapter, &Response::Started { case: case.clone() });
        for (step, (input, outputs)) in parts.inputs.into_iter().zip(outputs(played)).enumerate() {
            transcript.push_json(
                Side::Tgconf,
                &Request::Input {
                    case: case.clone(),
                    step,
                    input,
                },
            );
            transcript.push_json(
                Side::Adapter,
                &Response::Outputs {
                    case: case.clone(),
                    step,
                    outputs,
                },
            );
        }
        transcript.push_json(Side::Tgconf, &Request::End { case: case.clone() });
        transcript.push_json(Side::Adapter, &Response::Ended { case });
    }

    pub fn decode(
        transcript: Option<&mut Transcript>,
        exchange: &str,
        ty: TlType<'_>,
        bytes: &[u8],
        answer: &Decoded,
    ) {
        let Some(transcript) = transcript else { return };
        let case = exchange.to_owned();
        let (layer, tl_type) = (ty.layer, ty.name.to_owned());
        let (hex, schema) = (hex::encode(bytes), ty.schema.map(str::to_owned));
        transcript.push_json(
            Side::Tgconf,
            &Request::Decode {
                case: case.clone(),
                layer,
                tl_type,
                hex,
                schema,
            },
        );
        transcript.push_json(
            Side::Adapter,
            &match answer {
                Decoded::Value(value) => Response::Decoded {
                    case,
                    value: value.clone(),
                },
                Decoded::Rejected(reason) => Response::Rejected {
                    case,
                    reason: reason.clone(),
                },
            },
        );
    }

    pub fn encode(
        transcript: Option<&mut Transcript>,
        exchange: &str,
        ty: TlType<'_>,
        value: &Value,
        answer: &Encoded,
    ) {
        let Some(transcript) = transcript else { return };
        let case = exchange.to_owned();
        let (layer, tl_type) = (ty.layer, ty.name.to_owned());
        let (value, schema) = (value.clone(), ty.schema.map(str::to_owned));
        transcript.push_json(
            Side::Tgconf,
            &Request::Encode {
                case: case.clone(),
                layer,
                tl_type,
                value,
                schema,
            },
        );
        transcript.push_json(
            Side::Adapter,
            &match answer {
                Encoded::Bytes(bytes) => Response::Encoded {
                    case,
                    hex: hex::encode(bytes),
                },
                Encoded::Rejected(reason) => Response::Rejected {
                    case,
                    reason: reason.clone(),
                },
            },
        );
    }

    pub fn schema_line(
        transcript: Option<&mut Transcript>,
        exchange: &str,
        line: &str,
        answer: Option<u32>,
    ) {
        let Some(transcript) = transcript else { return };
        let case = exchange.to_owned();
        transcript.push_json(
            Side::Tgconf,
            &Request::SchemaLine {
                case: case.clone(),
                line: line.to_owned(),
            },
        );
        transcript.push_json(
            Side::Adapter,
            &match answer {
                Some(id) => Response::LineId { case, id },
                None => Response::Rejected {
                    case,
                    reason: "not a schema definition".to_owned(),
                },
            },
        );
    }
}
