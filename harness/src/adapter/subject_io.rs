//! A subject seen as a session: what goes to an adapter (setup, inputs) and how its outputs
//! come back into a subject the checker can judge.

use serde_json::Value;
use tgconf_spec::model::trace::{Step, Trace};
use tgconf_spec::model::Subject;

use crate::protocol::payload::{
    from_protocol, to_protocol, write, write_or_model, Payload, PayloadError, Unwritable,
};
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

/// The session role of a subject; `None` for a wire subject (the codec role has no session).
pub fn session_role(subject: &Subject) -> Option<Role> {
    match subject {
        Subject::Client(_) => Some(Role::Client),
        Subject::Bot(_) => Some(Role::Bot),
        Subject::Server(_) => Some(Role::Server),
        Subject::MiniApp(_) => Some(Role::MiniApp),
        Subject::Wire(_) => None,
    }
}

/// Setup and inputs of a session subject in protocol form; `None` for a wire subject (the
/// codec role has no session), `Some(Err)` when a value has no faithful TL form at the
/// subject's layer (the subject is unsupported for process adapters).
///
/// The subject's own outputs (a generated subject carries the reference's) must have a TL
/// form too: when what a correct implementation answers cannot be said at the layer, no
/// adapter could pass the subject.
pub fn session_parts(subject: &Subject) -> Option<Result<SessionParts, Unwritable>> {
    if let Err(e) = protocol_outputs(subject) {
        return Some(Err(e));
    }
    Some(match subject {
        Subject::Client(t) => parts(Role::Client, t),
        Subject::Bot(t) => parts(Role::Bot, t),
        Subject::Server(t) => parts(Role::Server, t),
        Subject::MiniApp(t) => parts(Role::MiniApp, t),
        Subject::Wire(_) => return None,
    })
}

/// [`session_parts`] for reports of in-process adapters: a value with no TL form is shown in
/// the model's form (see [`write_or_model`]).
pub fn session_parts_for_report(subject: &Subject) -> Option<SessionParts> {
    fn go<S: Payload, I: Payload, O>(role: Role, t: &Trace<S, I, O>) -> SessionParts {
        SessionParts {
            role,
            layer: t.layer,
            setup: write_or_model(t.layer, "setup", &t.setup),
            inputs: t
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| write_or_model(t.layer, &format!("steps[{i}].input"), &s.input))
                .collect(),
        }
    }
    Some(match subject {
        Subject::Client(t) => go(Role::Client, t),
        Subject::Bot(t) => go(Role::Bot, t),
        Subject::Server(t) => go(Role::Server, t),
        Subject::MiniApp(t) => go(Role::MiniApp, t),
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

fn parts<S: Payload, I: Payload, O>(
    role: Role,
    trace: &Trace<S, I, O>,
) -> Result<SessionParts, Unwritable> {
    let layer = trace.layer;
    Ok(SessionParts {
        role,
        layer,
        setup: to_protocol(layer, "setup", &trace.setup)?,
        inputs: trace
            .steps
            .iter()
            .enumerate()
            .map(|(i, step)| to_protocol(layer, &format!("steps[{i}].input"), &step.input))
            .collect::<Result<_, _>>()?,
    })
}

fn rebuild<S: Clone, I: Clone, O: Payload>(
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
                .map(|(j, out)| {
                    from_protocol(trace.layer, &format!("steps[{i}].outputs[{j}]"), out)
                })
                .collect::<Result<Vec<O>, _>>()?;
            Ok(Step {
                input: step.input.clone(),
                outputs,
            })
        })
        .collect::<Result<Vec<_>, PayloadError>>()?;
    Ok(Trace {
        layer: trace.layer,
        setup: trace.setup.clone(),
        steps,
    })
}

/// The outputs of each step of a session subject, as protocol JSON (for reports: an output
/// with no TL form is shown in the model's form).
pub fn outputs(subject: &Subject) -> Vec<Vec<Value>> {
    match subject {
        Subject::Client(t) => outputs_of(t),
        Subject::Bot(t) => outputs_of(t),
        Subject::Server(t) => outputs_of(t),
        Subject::MiniApp(t) => outputs_of(t),
        Subject::Wire(_) => Vec::new(),
    }
}

fn outputs_of<S, I, O: Payload>(trace: &Trace<S, I, O>) -> Vec<Vec<Value>> {
    let layer = trace.layer;
    let step = |(i, step): (usize, &Step<I, O>)| {
        let output =
            |(j, out): (usize, &O)| write_or_model(layer, &format!("steps[{i}].outputs[{j}]"), out);
        step.outputs.iter().enumerate().map(output).collect()
    };
    trace.steps.iter().enumerate().map(step).collect()
}

/// The outputs of each step of a session subject in protocol form, as an adapter would send
/// them; `Err` when one has no TL form at the subject's layer (no adapter can send it).
pub fn protocol_outputs(subject: &Subject) -> Result<Vec<Vec<Value>>, Unwritable> {
    fn go<S, I, O: Payload>(t: &Trace<S, I, O>) -> Result<Vec<Vec<Value>>, Unwritable> {
        let step = |(i, step): (usize, &Step<I, O>)| {
            let output =
                |(j, out): (usize, &O)| write(t.layer, &format!("steps[{i}].outputs[{j}]"), out);
            step.outputs.iter().enumerate().map(output).collect()
        };
        t.steps.iter().enumerate().map(step).collect()
    }
    match subject {
        Subject::Client(t) => go(t),
        Subject::Bot(t) => go(t),
        Subject::Server(t) => go(t),
        Subject::MiniApp(t) => go(t),
        Subject::Wire(_) => Ok(Vec::new()),
    }
}

/// A whole session subject read back from protocol form: what an adapter would reconstruct
/// from `start` and `input` requests, with `outputs` as its answers.
pub fn from_parts(parts: SessionParts, outputs: Vec<Vec<Value>>) -> Result<Subject, PayloadError> {
    fn go<S: Payload, I: Payload, O: Payload>(
        parts: SessionParts,
        outputs: Vec<Vec<Value>>,
    ) -> Result<Trace<S, I, O>, PayloadError> {
        let layer = parts.layer;
        let setup = from_protocol(layer, "setup", parts.setup)?;
        let steps = parts
            .inputs
            .into_iter()
            .zip(outputs)
            .enumerate()
            .map(|(i, (input, outs))| {
                let input = from_protocol(layer, &format!("steps[{i}].input"), input)?;
                let outputs = outs
                    .into_iter()
                    .enumerate()
                    .map(|(j, out)| from_protocol(layer, &format!("steps[{i}].outputs[{j}]"), out))
                    .collect::<Result<_, _>>()?;
                Ok(Step { input, outputs })
            })
            .collect::<Result<_, PayloadError>>()?;
        Ok(Trace {
            layer,
            setup,
            steps,
        })
    }
    Ok(match parts.role {
        Role::Client => Subject::Client(go(parts, outputs)?),
        Role::Bot => Subject::Bot(go(parts, outputs)?),
        Role::Server => Subject::Server(go(parts, outputs)?),
        Role::MiniApp => Subject::MiniApp(go(parts, outputs)?),
        Role::Codec => {
            return Err(PayloadError {
                what: "start".to_owned(),
                message: "the codec role has no session".to_owned(),
            })
        }
    })
}
