//! A subject seen as a session: what goes to an adapter (setup, inputs) and how its outputs
//! come back into a subject the checker can judge.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use tgconf_spec::model::trace::{Step, Trace};
use tgconf_spec::model::Subject;

use crate::protocol::payload::{from_protocol, to_protocol, PayloadError};
use crate::role::Role;

/// The part of a session subject an adapter is given.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionParts {
    pub role: Role,
    pub layer: u32,
    pub setup: Value,
    pub inputs: Vec<Value>,
}

/// The layer a subject is at.
pub fn layer(subject: &Subject) -> u32 {
    match subject {
        Subject::Client(t) => t.layer,
        Subject::Bot(t) => t.layer,
        Subject::Server(t) => t.layer,
        Subject::MiniApp(t) => t.layer,
        Subject::Wire(case) => case.layer,
    }
}

/// Setup and inputs of a session subject; `None` for a wire subject (the codec role has no
/// session).
pub fn session_parts(subject: &Subject) -> Option<SessionParts> {
    Some(match subject {
        Subject::Client(t) => parts(Role::Client, t),
        Subject::Bot(t) => parts(Role::Bot, t),
        Subject::Server(t) => parts(Role::Server, t),
        Subject::MiniApp(t) => parts(Role::MiniApp, t),
        Subject::Wire(_) => return None,
    })
}

/// The subject with `outputs[i]` (protocol JSON) as the outputs of step `i`.
pub fn with_outputs(subject: &Subject, outputs: Vec<Vec<Value>>) -> Result<Subject, PayloadError> {
    Ok(match subject {
        Subject::Client(t) => Subject::Client(rebuild(t, outputs)?),
        Subject::Bot(t) => Subject::Bot(rebuild(t, outputs)?),
        Subject::Server(t) => Subject::Server(rebuild(t, outputs)?),
        Subject::MiniApp(t) => Subject::MiniApp(rebuild(t, outputs)?),
        Subject::Wire(_) => subject.clone(),
    })
}

fn parts<S: Serialize, I: Serialize, O>(role: Role, trace: &Trace<S, I, O>) -> SessionParts {
    SessionParts {
        role,
        layer: trace.layer,
        setup: to_protocol(trace.layer, &trace.setup),
        inputs: trace.steps.iter().map(|step| to_protocol(trace.layer, &step.input)).collect(),
    }
}

fn rebuild<S: Clone, I: Clone, O: DeserializeOwned>(
    trace: &Trace<S, I, O>,
    outputs: Vec<Vec<Value>>,
) -> Result<Trace<S, I, O>, PayloadError> {
    let steps = trace
        .steps
        .iter()
        .zip(outputs)
        .enumerate()
        .map(|(i, (step, outs))| {
            let outputs = outs
                .into_iter()
                .enumerate()
                .map(|(j, out)| from_protocol(trace.layer, &format!("steps[{i}].outputs[{j}]"), out))
                .collect::<Result<Vec<O>, _>>()?;
            Ok(Step { input: step.input.clone(), outputs })
        })
        .collect::<Result<Vec<_>, PayloadError>>()?;
    Ok(Trace { layer: trace.layer, setup: trace.setup.clone(), steps })
}

/// The outputs of each step of a session subject, as protocol JSON.
pub fn outputs(subject: &Subject) -> Vec<Vec<Value>> {
    match subject {
        Subject::Client(t) => outputs_of(t),
        Subject::Bot(t) => outputs_of(t),
        Subject::Server(t) => outputs_of(t),
        Subject::MiniApp(t) => outputs_of(t),
        Subject::Wire(_) => Vec::new(),
    }
}

fn outputs_of<S, I, O: Serialize>(trace: &Trace<S, I, O>) -> Vec<Vec<Value>> {
    trace.steps.iter().map(|step| step.outputs.iter().map(|out| to_protocol(trace.layer, out)).collect()).collect()
}
