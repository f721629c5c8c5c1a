//! What the client properties share: recording a subject, and finding and editing the step
//! a bug acts on.

use proptest::prelude::*;
use proptest::sample::Index;

use crate::model::call::{Call, Reply};
use crate::model::chat::Message;
use crate::model::client::gen;
use crate::model::client::{
    ClientInput, ClientOutput, ClientSession, ClientSetup, ClientTrace, Ui,
};
use crate::model::markup::Markup;
use crate::model::subject::Subject;
use crate::model::trace::{record, Session};

pub(super) fn subject(layer: u32, setup: ClientSetup, inputs: Vec<ClientInput>) -> Subject {
    Subject::Client(record::<ClientSession>(layer, setup, inputs))
}

pub(super) fn setup(has_password: bool) -> ClientSetup {
    ClientSetup {
        me: gen::ME,
        has_password,
        peers: vec![],
    }
}

fn trace(subject: &mut Subject) -> Option<&mut ClientTrace> {
    match subject {
        Subject::Client(trace) => Some(trace),
        _ => None,
    }
}

/// Edits the outputs of the first step where `site` holds; whether there was one.
pub(super) fn at_step(
    subject: &mut Subject,
    site: impl Fn(&ClientInput, &[ClientOutput]) -> bool,
    edit: impl FnOnce(&ClientInput, &mut Vec<ClientOutput>),
) -> bool {
    let Some(trace) = trace(subject) else {
        return false;
    };
    match trace
        .steps
        .iter_mut()
        .find(|step| site(&step.input, &step.outputs))
    {
        Some(step) => {
            edit(&step.input, &mut step.outputs);
            true
        }
        None => false,
    }
}

/// Lets `edit` change the outputs of every step, knowing the reference client's state before
/// the step (replayed from the inputs): what a bug consults to act only where its mistake
/// shows. Whether it changed any.
pub(super) fn each_step(
    subject: &mut Subject,
    mut edit: impl FnMut(&ClientSession, &ClientInput, &mut Vec<ClientOutput>) -> bool,
) -> bool {
    let Some(trace) = trace(subject) else {
        return false;
    };
    let mut reference = ClientSession::new(trace.layer, &trace.setup);
    let mut edited = false;
    for step in &mut trace.steps {
        let before = reference.clone();
        reference.step(&step.input);
        edited |= edit(&before, &step.input, &mut step.outputs);
    }
    edited
}

/// Edits the first call `edit` accepts (returns `true` for); whether there was one.
pub(super) fn first_call(subject: &mut Subject, mut edit: impl FnMut(&mut Call) -> bool) -> bool {
    let Some(trace) = trace(subject) else {
        return false;
    };
    trace
        .steps
        .iter_mut()
        .flat_map(|step| step.outputs.iter_mut())
        .any(|output| match output {
            ClientOutput::Call { call } => edit(call),
            ClientOutput::Ui { .. } => false,
        })
}

/// Edits the first UI effect `edit` accepts; whether there was one.
pub(super) fn first_ui(subject: &mut Subject, mut edit: impl FnMut(&mut Ui) -> bool) -> bool {
    let Some(trace) = trace(subject) else {
        return false;
    };
    trace
        .steps
        .iter_mut()
        .flat_map(|step| step.outputs.iter_mut())
        .any(|output| match output {
            ClientOutput::Ui { ui } => edit(ui),
            ClientOutput::Call { .. } => false,
        })
}

/// Removes the outputs `remove` picks from the first step where it picks any.
pub(super) fn remove_first(
    subject: &mut Subject,
    site: impl Fn(&ClientInput) -> bool,
    remove: impl Fn(&ClientOutput) -> bool,
) -> bool {
    at_step(
        subject,
        |input, outputs| site(input) && outputs.iter().any(&remove),
        |_, outputs| outputs.retain(|output| !remove(output)),
    )
}

pub(super) fn ui(ui: Ui) -> ClientOutput {
    ClientOutput::Ui { ui }
}

pub(super) fn has_call(outputs: &[ClientOutput], pick: impl Fn(&Call) -> bool) -> bool {
    outputs
        .iter()
        .any(|output| matches!(output, ClientOutput::Call { call } if pick(call)))
}

pub(super) fn has_ui(outputs: &[ClientOutput], pick: impl Fn(&Ui) -> bool) -> bool {
    outputs
        .iter()
        .any(|output| matches!(output, ClientOutput::Ui { ui } if pick(ui)))
}

/// A press on a button of `message`'s markup, picked by `index`.
pub(super) fn press(message: &Message, index: Index) -> ClientInput {
    let rows = message
        .markup
        .as_ref()
        .map(Markup::rows)
        .unwrap_or_default();
    let positions: Vec<(usize, usize)> = rows
        .iter()
        .enumerate()
        .flat_map(|(row, buttons)| (0..buttons.len()).map(move |column| (row, column)))
        .collect();
    let (row, column) = if positions.is_empty() {
        (0, 0)
    } else {
        positions[index.index(positions.len())]
    };
    ClientInput::Press {
        chat: message.chat,
        msg_id: message.msg_id,
        row,
        column,
    }
}

/// Random later inputs that do not start flows or calls of their own: time, reopening and
/// hiding the chat's keyboard, results for whatever is waiting.
pub(super) fn tail(chat: i64) -> impl Strategy<Value = Vec<ClientInput>> {
    let input = prop_oneof![
        Just(ClientInput::ReopenKeyboard { chat }),
        Just(ClientInput::HideKeyboard { chat }),
        proptest::sample::select(&[1u32, 30, 3600][..])
            .prop_map(|seconds| ClientInput::Advance { seconds }),
        Just(ClientInput::Result {
            outcome: Ok(Reply::Done)
        }),
    ];
    proptest::collection::vec(input, 0..4)
}
