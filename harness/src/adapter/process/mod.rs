//! Process adapters: any program that speaks process protocol v1 on its stdin and stdout.
//!
//! The program is started on first use and again after any fault; each start begins with the
//! handshake. Every answer must come before the case's deadline, echo the request's case,
//! and fit in one bounded line; anything else is a [`Fault`], after which the runner resets
//! the adapter (the process is killed and started afresh for the next case).

mod child;
pub mod lines;

use std::time::{Duration, Instant};

use serde_json::Value;
use tgconf_spec::dynamic::hex;
use tgconf_spec::model::Subject;

use self::child::{Running, Wait};
use self::lines::{Line, MAX_LINE};
use super::subject_io::{session_parts, with_outputs};
use super::transcript::Side;
use super::{Adapter, AdapterInfo, Decoded, Encoded, Fault, Reply, TlType, Transcript};
use crate::protocol::{Request, Response, SuiteInfo, PROTOCOL_VERSION};

pub struct ProcessAdapter {
    command: String,
    /// Sent in the handshake: the run is restricted to this layer.
    layer: Option<u32>,
    handshake_timeout: Duration,
    running: Option<Running>,
    /// The request being sent, as one line; kept so that its allocation is reused.
    request_line: Vec<u8>,
}

impl ProcessAdapter {
    pub fn new(command: &str, layer: Option<u32>, handshake_timeout: Duration) -> ProcessAdapter {
        ProcessAdapter {
            command: command.to_owned(),
            layer,
            handshake_timeout,
            running: None,
            request_line: Vec::new(),
        }
    }

    /// The running process, started and greeted if need be.
    fn start(&mut self, deadline: Instant) -> Result<AdapterInfo, Fault> {
        self.running = None;
        let running = Running::spawn(&self.command)
            .map_err(|e| Fault::Crash(format!("cannot start `{}`: {e}", self.command)))?;
        let hello = Request::Hello {
            protocol: PROTOCOL_VERSION,
            suite: SuiteInfo::current(),
            layer: self.layer,
        };
        self.running = Some(running);
        match self.exchange(&hello, None, deadline, None)? {
            Response::Hello {
                protocol: PROTOCOL_VERSION,
                name,
                version,
                roles,
                layers,
            } => Ok(AdapterInfo {
                name,
                version,
                roles,
                layers,
            }),
            Response::Hello { protocol, .. } => {
                self.running = None;
                Err(Fault::Protocol(format!(
                    "the adapter speaks protocol version {protocol}; tgconf speaks {PROTOCOL_VERSION}"
                )))
            }
            other => {
                self.running = None;
                Err(Fault::Protocol(format!(
                    "expected the `hello` answer, got `{}`",
                    other.kind()
                )))
            }
        }
    }

    /// Sends `request` and reads its answer, which must echo `case`. Any fault kills the
    /// process: whatever state it is in can no longer be trusted.
    fn exchange(
        &mut self,
        request: &Request,
        case: Option<&str>,
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Response, Fault> {
        if self.running.is_none() {
            self.start(deadline)?;
        }
        let result = self.exchange_running(request, case, deadline, transcript);
        if result.is_err() {
            self.running = None;
        }
        result
    }

    fn exchange_running(
        &mut self,
        request: &Request,
        case: Option<&str>,
        deadline: Instant,
        mut transcript: Option<&mut Transcript>,
    ) -> Result<Response, Fault> {
        let Some(running) = self.running.as_mut() else {
            return Err(Fault::Crash("the adapter is not running".to_owned()));
        };
        self.request_line.clear();
        serde_json::to_writer(&mut self.request_line, request)
            .map_err(|e| Fault::Protocol(format!("cannot write the request: {e}")))?;
        if let Some(t) = transcript.as_deref_mut() {
            t.push(Side::Tgconf, &String::from_utf8_lossy(&self.request_line));
        }
        self.request_line.push(b'\n');
        let text = match running.exchange(&self.request_line, deadline) {
            Ok(Line::Text(text)) => text,
            Ok(Line::NotUtf8(start)) => {
                return Err(Fault::Protocol(format!(
                    "a line that is not UTF-8: {start:?}"
                )))
            }
            Ok(Line::TooLong) => {
                return Err(Fault::Protocol(format!(
                    "a line longer than {MAX_LINE} bytes (the protocol's bound)"
                )))
            }
            Err(Wait::Closed) => return Err(crash(running)),
            Err(Wait::Timeout) => {
                return Err(Fault::Timeout(format!(
                    "no answer to `{}` before the deadline",
                    request_kind(request)
                )))
            }
        };
        if let Some(t) = transcript {
            t.push(Side::Adapter, text);
        }
        let response: Response = serde_json::from_str(text).map_err(|e| {
            let start: String = text.chars().take(200).collect();
            Fault::Protocol(format!("not a protocol message ({e}): {start:?}"))
        })?;
        if let Response::Error { message, .. } = &response {
            return Err(Fault::Protocol(format!(
                "the adapter reported an error: {message}"
            )));
        }
        if response.case() != case {
            return Err(Fault::Protocol(format!(
                "the answer echoes case {:?}, expected {:?}",
                response.case().unwrap_or("(none)"),
                case.unwrap_or("(none)")
            )));
        }
        Ok(response)
    }
}

fn crash(running: &mut Running) -> Fault {
    let status = match running.exit_status() {
        Some(status) => format!("exited with {status}"),
        None => "closed its output".to_owned(),
    };
    match running.stderr_tail() {
        tail if tail.is_empty() => Fault::Crash(status),
        tail => Fault::Crash(format!("{status}; its stderr ends with: {tail}")),
    }
}

fn request_kind(request: &Request) -> &'static str {
    match request {
        Request::Hello { .. } => "hello",
        Request::Start { .. } => "start",
        Request::Input { .. } => "input",
        Request::End { .. } => "end",
        Request::Decode { .. } => "decode",
        Request::Encode { .. } => "encode",
        Request::SchemaLine { .. } => "schema_line",
    }
}

fn unexpected(expected: &str, got: &Response) -> Fault {
    Fault::Protocol(format!("expected `{expected}`, got `{}`", got.kind()))
}

impl Adapter for ProcessAdapter {
    fn info(&mut self) -> Result<AdapterInfo, Fault> {
        self.start(Instant::now() + self.handshake_timeout)
    }

    fn session(
        &mut self,
        exchange: &str,
        subject: &Subject,
        deadline: Instant,
        mut transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Subject>, Fault> {
        let parts = match session_parts(subject) {
            None => {
                return Ok(Reply::Unsupported(
                    "a wire subject has no session".to_owned(),
                ))
            }
            // The subject cannot be said in TL at its layer: nothing is sent.
            Some(Err(unwritable)) => return Ok(Reply::Unsupported(unwritable.to_string())),
            Some(Ok(parts)) => parts,
        };
        let case = exchange.to_owned();
        let start = Request::Start {
            case: case.clone(),
            role: parts.role,
            layer: parts.layer,
            setup: parts.setup,
        };
        match self.exchange(&start, Some(exchange), deadline, transcript.as_deref_mut())? {
            Response::Started { .. } => {}
            Response::Unsupported { reason, .. } => return Ok(Reply::Unsupported(reason)),
            other => return Err(unexpected("started", &other)),
        }
        let mut outputs = Vec::with_capacity(parts.inputs.len());
        let mut unsupported = None;
        for (step, input) in parts.inputs.into_iter().enumerate() {
            let request = Request::Input {
                case: case.clone(),
                step,
                input,
            };
            match self.exchange(
                &request,
                Some(exchange),
                deadline,
                transcript.as_deref_mut(),
            )? {
                Response::Outputs {
                    step: echoed,
                    outputs: outs,
                    ..
                } if echoed == step => outputs.push(outs),
                Response::Outputs { step: echoed, .. } => {
                    return Err(Fault::Protocol(format!(
                        "outputs for step {echoed} in answer to step {step}"
                    )))
                }
                Response::Unsupported { reason, .. } => {
                    unsupported = Some(reason);
                    break;
                }
                other => return Err(unexpected("outputs", &other)),
            }
        }
        match self.exchange(&Request::End { case }, Some(exchange), deadline, transcript)? {
            Response::Ended { .. } => {}
            other => return Err(unexpected("ended", &other)),
        }
        if let Some(reason) = unsupported {
            return Ok(Reply::Unsupported(reason));
        }
        with_outputs(subject, outputs)
            .map(Reply::Done)
            .map_err(|e| Fault::Protocol(e.to_string()))
    }

    fn decode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        bytes: &[u8],
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Decoded>, Fault> {
        let request = Request::Decode {
            case: exchange.to_owned(),
            layer: ty.layer,
            tl_type: ty.name.to_owned(),
            hex: hex::encode(bytes),
            schema: ty.schema.map(str::to_owned),
        };
        match self.exchange(&request, Some(exchange), deadline, transcript)? {
            Response::Decoded { value, .. } => Ok(Reply::Done(Decoded::Value(value))),
            Response::Rejected { reason, .. } => Ok(Reply::Done(Decoded::Rejected(reason))),
            Response::Unsupported { reason, .. } => Ok(Reply::Unsupported(reason)),
            other => Err(unexpected("decoded", &other)),
        }
    }

    fn encode(
        &mut self,
        exchange: &str,
        ty: TlType<'_>,
        value: &Value,
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Encoded>, Fault> {
        let request = Request::Encode {
            case: exchange.to_owned(),
            layer: ty.layer,
            tl_type: ty.name.to_owned(),
            value: value.clone(),
            schema: ty.schema.map(str::to_owned),
        };
        match self.exchange(&request, Some(exchange), deadline, transcript)? {
            Response::Encoded { hex: text, .. } => match hex::decode_canonical(&text) {
                Ok(bytes) => Ok(Reply::Done(Encoded::Bytes(bytes))),
                Err(e) => Err(Fault::Protocol(format!(
                    "`hex` is not lowercase hex of whole bytes: {e}"
                ))),
            },
            Response::Rejected { reason, .. } => Ok(Reply::Done(Encoded::Rejected(reason))),
            Response::Unsupported { reason, .. } => Ok(Reply::Unsupported(reason)),
            other => Err(unexpected("encoded", &other)),
        }
    }

    fn schema_line(
        &mut self,
        exchange: &str,
        _ty: TlType<'_>,
        line: &str,
        deadline: Instant,
        transcript: Option<&mut Transcript>,
    ) -> Result<Reply<Option<u32>>, Fault> {
        let request = Request::SchemaLine {
            case: exchange.to_owned(),
            line: line.to_owned(),
        };
        match self.exchange(&request, Some(exchange), deadline, transcript)? {
            Response::LineId { id, .. } => Ok(Reply::Done(Some(id))),
            Response::Rejected { .. } => Ok(Reply::Done(None)),
            Response::Unsupported { reason, .. } => Ok(Reply::Unsupported(reason)),
            other => Err(unexpected("line_id", &other)),
        }
    }

    fn reset(&mut self) {
        self.running = None;
    }
}
