//! Finding, in a recorded bot trace, the output a bug acts on. Only outputs are handed out,
//! so a bug built on these cannot touch inputs or setup.

use crate::model::button::{Button, ButtonKind, RequestPeerButton};
use crate::model::call::Call;
use crate::model::chat::ChatKind;
use crate::model::markup::Markup;
use crate::model::subject::Subject;

use super::session::callback_query;
use super::BotInput;

/// The bot's markups as sent, each with the kind of the chat it went to, in trace order.
pub fn sent_markups(subject: &mut Subject) -> Vec<(Option<ChatKind>, &mut Markup)> {
    let Subject::Bot(trace) = subject else {
        return Vec::new();
    };
    let chats = &trace.setup.chats;
    let mut found = Vec::new();
    for step in &mut trace.steps {
        for output in &mut step.outputs {
            if let Call::SendMessage {
                peer,
                markup: Some(markup),
                ..
            } = output
            {
                let kind = chats
                    .iter()
                    .find(|chat| chat.id == *peer)
                    .map(|chat| chat.kind);
                found.push((kind, markup));
            }
        }
    }
    found
}

/// The first sent markup satisfying `wanted`.
pub fn first_markup(
    subject: &mut Subject,
    wanted: impl Fn(Option<ChatKind>, &Markup) -> bool,
) -> Option<&mut Markup> {
    sent_markups(subject)
        .into_iter()
        .find(|(kind, markup)| wanted(*kind, markup))
        .map(|(_, markup)| markup)
}

/// The rows of a keyboard or an inline markup.
pub fn rows_mut(markup: &mut Markup) -> Option<&mut Vec<Vec<Button>>> {
    match markup {
        Markup::Keyboard(keyboard) => Some(&mut keyboard.rows),
        Markup::Inline { rows } => Some(rows),
        Markup::Hide { .. } | Markup::ForceReply { .. } => None,
    }
}

/// The first sent button satisfying `wanted`.
pub fn first_button(
    subject: &mut Subject,
    wanted: impl Fn(&Button) -> bool,
) -> Option<&mut Button> {
    sent_markups(subject)
        .into_iter()
        .filter_map(|(_, markup)| rows_mut(markup))
        .flat_map(|rows| rows.iter_mut().flatten())
        .find(|button| wanted(button))
}

/// The first sent peer-request button satisfying `wanted`.
pub fn first_peer_request(
    subject: &mut Subject,
    wanted: impl Fn(&RequestPeerButton) -> bool,
) -> Option<&mut RequestPeerButton> {
    let button = first_button(
        subject,
        |button| matches!(&button.kind, ButtonKind::RequestPeer(request) if wanted(request)),
    )?;
    match &mut button.kind {
        ButtonKind::RequestPeer(request) => Some(request),
        _ => None,
    }
}

/// Where the answer to a callback query sits: the step of the query, the index of the
/// answer among its outputs, and whether the query names a game.
pub struct AnswerAt {
    pub step: usize,
    pub output: usize,
    pub game: bool,
}

/// Every callback query answered in its own step, with where the answer is.
pub fn answers(subject: &Subject) -> Vec<AnswerAt> {
    let Subject::Bot(trace) = subject else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (step, recorded) in trace.steps.iter().enumerate() {
        let BotInput::Update { update } = &recorded.input else {
            continue;
        };
        let Some((id, game)) = callback_query(update) else {
            continue;
        };
        let output = recorded.outputs.iter().position(
            |call| matches!(call, Call::SetBotCallbackAnswer { query_id, .. } if *query_id == id),
        );
        if let Some(output) = output {
            found.push(AnswerAt {
                step,
                output,
                game: game.is_some(),
            });
        }
    }
    found
}

/// The outputs of step `step`.
pub fn outputs_mut(subject: &mut Subject, step: usize) -> Option<&mut Vec<Call>> {
    let Subject::Bot(trace) = subject else {
        return None;
    };
    trace.steps.get_mut(step).map(|step| &mut step.outputs)
}
