//! The reference client served as a process adapter (process protocol v1,
//! docs/adapter-protocol.md): the `adapter` fuzz target's partner when no third-party
//! adapter offers the client role. Everything it receives and sends goes through the
//! protocol's TL payload forms (`tgconf_harness::protocol::payload`), so fuzzing it tests
//! that path and the process plumbing, not a second implementation of the rules.
//!
//! One JSON request per line on stdin, one answer per line on stdout; end of input ends it.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use serde_json::Value;
use tgconf_harness::layers::LayerSet;
use tgconf_harness::protocol::payload::{from_protocol, write};
use tgconf_harness::protocol::{Request, Response, PROTOCOL_VERSION};
use tgconf_harness::role::Role;
use tgconf_spec::era::{FIRST_LAYER, LAST_LAYER};
use tgconf_spec::model::client::{ClientInput, ClientSession, ClientSetup};
use tgconf_spec::model::trace::Session;

fn main() {
    let mut sessions: HashMap<String, (u32, ClientSession)> = HashMap::new();
    let stdout = std::io::stdout();
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        let response = match serde_json::from_str::<Request>(&line) {
            Ok(request) => answer(&mut sessions, request),
            Err(e) => Response::Error {
                case: None,
                message: format!("not a request: {e}"),
            },
        };
        let mut out = stdout.lock();
        let text = serde_json::to_string(&response).expect("responses serialize to JSON");
        if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
            break;
        }
    }
}

fn answer(sessions: &mut HashMap<String, (u32, ClientSession)>, request: Request) -> Response {
    match request {
        Request::Hello { .. } => Response::Hello {
            protocol: PROTOCOL_VERSION,
            name: "tgconf-fuzz-reference-adapter".to_owned(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
            roles: vec![Role::Client],
            layers: LayerSet::span(FIRST_LAYER, LAST_LAYER),
        },
        Request::Start {
            case,
            role: Role::Client,
            layer,
            setup,
        } => match from_protocol::<ClientSetup>(layer, "setup", setup) {
            Ok(setup) => {
                sessions.insert(case.clone(), (layer, ClientSession::new(layer, &setup)));
                Response::Started { case }
            }
            Err(e) => Response::Error {
                case: Some(case),
                message: e.to_string(),
            },
        },
        Request::Start { case, role, .. } => Response::Unsupported {
            case,
            reason: format!("the client role only, not {}", role.as_str()),
        },
        Request::Input { case, step, input } => match step_session(sessions, &case, input) {
            Ok(outputs) => Response::Outputs {
                case,
                step,
                outputs,
            },
            Err(message) => Response::Error {
                case: Some(case),
                message,
            },
        },
        Request::End { case } => {
            sessions.remove(&case);
            Response::Ended { case }
        }
        Request::Decode { case, .. }
        | Request::Encode { case, .. }
        | Request::SchemaLine { case, .. } => Response::Unsupported {
            case,
            reason: "the client role only".to_owned(),
        },
    }
}

fn step_session(
    sessions: &mut HashMap<String, (u32, ClientSession)>,
    case: &str,
    input: Value,
) -> Result<Vec<Value>, String> {
    let (layer, session) = sessions
        .get_mut(case)
        .ok_or_else(|| format!("no session {case} started"))?;
    let input = from_protocol::<ClientInput>(*layer, "input", input).map_err(|e| e.to_string())?;
    session
        .step(&input)
        .iter()
        .map(|output| write(*layer, "output", output).map_err(|e| e.to_string()))
        .collect()
}
