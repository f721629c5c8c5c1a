//! The rules about answering callback queries.
//!
//! How "exactly once, as soon as it can" is read: a bot can answer a query as soon as the
//! update reaches it, so the answer belongs to the outputs of the very step whose input is
//! that update, before any other input (time passing, a call's result, another update) is
//! handled. Within that step, an answer naming a query ID the bot never received is taken as
//! the answer to that step's query, sent with the wrong ID. Then:
//!
//! - a query that never gets an answer, or gets a second one, breaks CB-26;
//! - an answer in a later step (late), or naming no query the bot received, breaks CB-27;
//! - the first answer to a query naming a game must carry a URL (CB-28, SHOULD);
//! - any answer must not set an empty message or url, nor a negative cache_time (CB-30,
//!   SHOULD).

use std::collections::BTreeMap;

use crate::model::answer::CallbackAnswer;
use crate::model::call::Call;
use crate::model::violation::Violation;

use super::session::callback_query;
use super::{BotInput, BotTrace};

struct Query<'a> {
    step: usize,
    query_id: i64,
    game: Option<&'a str>,
    answers: usize,
}

pub fn check_callbacks(trace: &BotTrace) -> Vec<Violation> {
    let mut out = Vec::new();
    let mut queries: Vec<Query> = Vec::new();
    // The latest query received under each ID.
    let mut by_id: BTreeMap<i64, usize> = BTreeMap::new();
    for (i, step) in trace.steps.iter().enumerate() {
        let arriving = match &step.input {
            BotInput::Update { update } => callback_query(update).map(|(query_id, game)| {
                queries.push(Query {
                    step: i,
                    query_id,
                    game,
                    answers: 0,
                });
                by_id.insert(query_id, queries.len() - 1);
                queries.len() - 1
            }),
            _ => None,
        };
        let answered_directly = arriving.is_some_and(|index| {
            let id = queries[index].query_id;
            step.outputs.iter().any(|output| matches!(output, Call::SetBotCallbackAnswer { query_id, .. } if *query_id == id))
        });
        for (j, output) in step.outputs.iter().enumerate() {
            let Call::SetBotCallbackAnswer { query_id, answer } = output else {
                continue;
            };
            let path = format!("steps[{i}].outputs[{j}]");
            check_answer_fields(answer, &path, &mut out);
            let index = match by_id.get(query_id) {
                Some(&index) => index,
                None => match arriving
                    .filter(|&index| !answered_directly && queries[index].answers == 0)
                {
                    Some(index) => {
                        let expected = queries[index].query_id;
                        let message = format!("expected the answer to the query of this step to carry query_id {expected}; got {query_id}");
                        out.push(Violation::new("CB-27", format!("{path}.query_id"), message));
                        index
                    }
                    None => {
                        let message =
                            format!("expected the query_id of a callback query the bot received; got {query_id}, which names none");
                        out.push(Violation::new("CB-27", format!("{path}.query_id"), message));
                        continue;
                    }
                },
            };
            let query = &mut queries[index];
            query.answers += 1;
            if query.answers > 1 {
                let message = format!(
                    "expected exactly one answer to query {} (steps[{}]); got another",
                    query.query_id, query.step
                );
                out.push(Violation::new("CB-26", path, message));
                continue;
            }
            if query.step != i {
                let message = format!(
                    "expected the answer to query {} in the step its update arrived (steps[{}]); got it at steps[{i}]",
                    query.query_id, query.step
                );
                out.push(Violation::new("CB-27", path.clone(), message));
            }
            if let Some(game) = query.game {
                if answer.url.as_deref().is_none_or(str::is_empty) {
                    let message =
                        format!("expected the URL of game {game:?} in the answer; got none");
                    out.push(Violation::new(
                        "CB-28",
                        format!("{path}.answer.url"),
                        message,
                    ));
                }
            }
        }
    }
    for query in queries.iter().filter(|query| query.answers == 0) {
        let message = format!(
            "expected one messages.setBotCallbackAnswer for query {}; got none",
            query.query_id
        );
        out.push(Violation::new(
            "CB-26",
            format!("steps[{}].input", query.step),
            message,
        ));
    }
    out
}

fn check_answer_fields(answer: &CallbackAnswer, path: &str, out: &mut Vec<Violation>) {
    if answer.message.as_deref() == Some("") {
        out.push(Violation::new(
            "CB-30",
            format!("{path}.answer.message"),
            "expected flags.0 only with a non-empty message; got an empty one",
        ));
    }
    if answer.url.as_deref() == Some("") {
        out.push(Violation::new(
            "CB-30",
            format!("{path}.answer.url"),
            "expected flags.2 only with a non-empty url; got an empty one",
        ));
    }
    if answer.cache_time < 0 {
        let message = format!(
            "expected a cache_time of 0 or more; got {}",
            answer.cache_time
        );
        out.push(Violation::new(
            "CB-30",
            format!("{path}.answer.cache_time"),
            message,
        ));
    }
}
