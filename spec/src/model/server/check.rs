//! The checker of any server's trace. It replays the inputs on a world of its own (the setup,
//! plus what the server under test created: bots, query IDs, `webapp_req_id`s, learned from its
//! actual outputs), decides for each call what the rules require, and compares the outputs
//! aspect by aspect.
//!
//! Calls the rules say nothing about (a call with both or neither of msg_id and webapp_req_id,
//! a share outside max_quantity, a press on a business message's game button…) are left
//! unjudged: any outcome passes.

mod callback;
mod managed_bot;
mod requested_peer;
mod web_view;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::model::call::{Call, Outcome};
use crate::model::violation::Violation;
use crate::rules::Catalogue;

use super::{ServerInput, ServerOutput, ServerSetup, ServerTrace};

pub fn check(trace: &ServerTrace) -> Vec<Violation> {
    let mut checker = Checker::new(trace);
    for (step, entry) in trace.steps.iter().enumerate() {
        match &entry.input {
            ServerInput::Call { from, call } => checker.call(step, *from, call),
            ServerInput::Advance { seconds } => checker.now += u64::from(*seconds),
        }
        checker.settle_presses(step, matches!(entry.input, ServerInput::Advance { .. }));
        checker.learn_queries(step);
        checker.scan_managed_bot_updates(step);
    }
    checker.finish();
    checker.violations
}

/// Whether `rule` applies at `layer`, by the catalogue.
fn applies(rule: &str, layer: u32) -> bool {
    static CATALOGUE: OnceLock<Option<Catalogue>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| Catalogue::load().ok())
        .as_ref()
        .and_then(|catalogue| catalogue.rule(rule))
        .is_some_and(|rule| rule.layers.contains(layer))
}

/// A reason a call must be refused: the rule and the error it names (`None`: any error).
#[derive(Debug, Clone, Copy)]
struct Fault {
    rule: &'static str,
    error: Option<&'static str>,
}

impl Fault {
    fn named(rule: &'static str, error: &'static str) -> Fault {
        Fault {
            rule,
            error: Some(error),
        }
    }

    fn any(rule: &'static str) -> Fault {
        Fault { rule, error: None }
    }
}

/// Where a call's result came: its step, its index there, and the outcome.
#[derive(Debug, Clone, Copy)]
struct Answer<'a> {
    step: usize,
    index: usize,
    outcome: &'a Outcome,
}

struct Checker<'a> {
    trace: &'a ServerTrace,
    layer: u32,
    world: ServerSetup,
    violations: Vec<Violation>,
    /// The first result for each call step, given at or after that step.
    results: BTreeMap<usize, Answer<'a>>,
    now: u64,
    queries: Vec<callback::Query>,
    prepared: Vec<web_view::PreparedId>,
    /// Buttons the server prepared without showing a usable `webapp_req_id`: (bot, user).
    /// It knows an ID for them that the checker does not.
    hidden: Vec<(i64, i64)>,
    /// Bots the server created: (bot, owner, manager).
    created: Vec<(i64, i64, i64)>,
    /// Created bots whose manager has not received updateManagedBot yet: (bot, manager, step).
    owed: Vec<(i64, i64, usize)>,
}

impl<'a> Checker<'a> {
    fn new(trace: &'a ServerTrace) -> Checker<'a> {
        let mut results = BTreeMap::new();
        for (step, entry) in trace.steps.iter().enumerate() {
            for (index, output) in entry.outputs.iter().enumerate() {
                if let ServerOutput::Result { call_step, outcome } = output {
                    if *call_step <= step {
                        results.entry(*call_step).or_insert(Answer {
                            step,
                            index,
                            outcome,
                        });
                    }
                }
            }
        }
        Checker {
            trace,
            layer: trace.layer,
            world: trace.setup.clone(),
            violations: Vec::new(),
            results,
            now: 0,
            queries: Vec::new(),
            prepared: Vec::new(),
            hidden: Vec::new(),
            created: Vec::new(),
            owed: Vec::new(),
        }
    }

    fn call(&mut self, step: usize, from: i64, call: &Call) {
        match call {
            Call::SendMessage { .. } => {}
            Call::GetBotCallbackAnswer {
                peer,
                msg_id,
                data,
                game,
                password,
            } => self.press(
                step,
                from,
                *peer,
                *msg_id,
                data.as_deref(),
                *game,
                *password,
            ),
            Call::SetBotCallbackAnswer { query_id, answer } => {
                self.answer(step, from, *query_id, answer)
            }
            Call::SendBotRequestedPeer {
                peer,
                msg_id,
                webapp_req_id,
                button_id,
                requested_peers,
            } => self.share(
                step,
                from,
                *peer,
                *msg_id,
                webapp_req_id.as_deref(),
                *button_id,
                requested_peers,
            ),
            Call::CheckUsername { .. } => self.check_username(step, from),
            Call::CreateBot {
                name,
                username,
                manager,
            } => self.create_bot(step, from, name, username, *manager),
            Call::RequestWebViewButton { user_id, button } => {
                self.prepare(step, from, *user_id, button)
            }
            Call::GetRequestedWebViewButton { bot, webapp_req_id } => {
                self.prepared_button(step, from, *bot, webapp_req_id)
            }
        }
    }

    /// Records a violation of `rule` if the rule applies at this layer.
    fn report(&mut self, rule: &str, path: impl Into<String>, message: impl Into<String>) {
        if applies(rule, self.layer) {
            self.violations.push(Violation::new(rule, path, message));
        }
    }

    fn outputs(&self, step: usize) -> &'a [ServerOutput] {
        self.trace
            .steps
            .get(step)
            .map_or(&[], |entry| entry.outputs.as_slice())
    }

    fn result(&self, call_step: usize) -> Option<Answer<'a>> {
        self.results.get(&call_step).copied()
    }

    /// The call at `step` must fail with one of the faults' errors; a violation is reported
    /// under the first fault's rule.
    fn refused(&mut self, step: usize, faults: &[Fault], what: &str) {
        let Some(first) = faults.first() else { return };
        let expected = if faults.iter().any(|fault| fault.error.is_none()) {
            "an error".to_owned()
        } else {
            faults
                .iter()
                .filter_map(|fault| fault.error)
                .collect::<Vec<_>>()
                .join(" or ")
        };
        match self.result(step) {
            None => self.report(
                first.rule,
                format!("steps[{step}].outputs"),
                format!("expected {expected} ({what}); got no result"),
            ),
            Some(Answer {
                step: at,
                index,
                outcome: Ok(reply),
            }) => self.report(
                first.rule,
                format!("steps[{at}].outputs[{index}]"),
                format!("expected {expected} ({what}); got success {reply:?}"),
            ),
            Some(Answer {
                step: at,
                index,
                outcome: Err(error),
            }) => {
                let accepted = faults
                    .iter()
                    .any(|fault| fault.error.is_none_or(|name| name == error.message));
                if !accepted {
                    self.report(
                        first.rule,
                        format!("steps[{at}].outputs[{index}]"),
                        format!("expected {expected} ({what}); got {}", error.message),
                    );
                }
            }
        }
    }

    /// The end of the trace: what was owed and never came.
    fn finish(&mut self) {
        for (bot, manager, step) in std::mem::take(&mut self.owed) {
            self.report(
                "MB-18",
                format!("steps[{step}].outputs"),
                format!(
                    "bot {bot} was created; its manager {manager} never received updateManagedBot"
                ),
            );
        }
    }
}
