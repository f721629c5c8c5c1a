//! The checker of a client's trace: it runs the reference client over the same inputs and
//! compares what the client did, aspect by aspect, each aspect attributed to the rule that
//! requires it. It judges any trace, however malformed, and never panics.

mod buttons;
mod callbacks;
mod keyboards;
mod mini_app;
mod peers;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::model::call::{Call, Reply};
use crate::model::trace::Session;
use crate::model::violation::Violation;

use super::cache::CacheKey;
use super::{ClientInput, ClientOutput, ClientSession, ClientTrace, Ui};

/// Every rule the trace breaks, in the order found.
pub fn check(trace: &ClientTrace) -> Vec<Violation> {
    let mut checker = Checker {
        reference: ClientSession::new(trace.layer, &trace.setup),
        answers: BTreeMap::new(),
        requests: BTreeMap::new(),
        actual_pending: VecDeque::new(),
        accepted: BTreeSet::new(),
        violations: Vec::new(),
    };
    for (index, step) in trace.steps.iter().enumerate() {
        checker.step(index, &step.input, &step.outputs);
    }
    checker.violations
}

/// What the checker remembers besides the reference client's state.
struct Checker {
    reference: ClientSession,
    /// The last outcome of each callback key, as the inputs delivered it.
    answers: BTreeMap<CacheKey, Answered>,
    /// Mini App requests by req_id: how many still await their one outcome.
    requests: BTreeMap<String, u32>,
    /// The client's own calls still waiting for a result, oldest first.
    actual_pending: VecDeque<Call>,
    /// Usernames bots.checkUsername accepted for the client.
    accepted: BTreeSet<String>,
    violations: Vec<Violation>,
}

/// The last outcome of a callback query.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answered {
    /// An answer arrived at `at`; `shown` is what the user saw of it.
    Answer {
        at: u64,
        cache_time: i32,
        shown: Vec<Ui>,
    },
    TimedOut,
}

impl Checker {
    fn step(&mut self, index: usize, input: &ClientInput, actual: &[ClientOutput]) {
        let before = self.reference.clone();
        let expected = self.reference.step(input);
        if let ClientInput::Result { outcome } = input {
            if let Some(Call::CheckUsername { username }) = self.actual_pending.pop_front() {
                if matches!(outcome, Ok(Reply::Bool { value: true })) {
                    self.accepted.insert(username);
                }
            }
        }
        let mut ctx = Ctx {
            index,
            input,
            actual,
            expected: &expected,
            before: &before,
            after: &self.reference,
            violations: &mut self.violations,
        };
        keyboards::check(&mut ctx);
        buttons::check(&mut ctx);
        callbacks::check(&mut ctx, &mut self.answers);
        peers::check(&mut ctx, &self.accepted);
        mini_app::check(&mut ctx, &mut self.requests);
        self.actual_pending
            .extend(calls(actual).map(|(_, call)| call.clone()));
    }
}

/// One step under check: the input, what the client did, what the reference did, and the
/// reference's state on both sides of the step.
struct Ctx<'a> {
    index: usize,
    input: &'a ClientInput,
    actual: &'a [ClientOutput],
    expected: &'a [ClientOutput],
    before: &'a ClientSession,
    after: &'a ClientSession,
    violations: &'a mut Vec<Violation>,
}

impl<'a> Ctx<'a> {
    fn layer(&self) -> u32 {
        self.before.layer()
    }

    /// Reports a broken rule at the step's outputs, or at one of them.
    fn report(&mut self, rule: &str, output: Option<usize>, message: String) {
        let path = match output {
            Some(j) => format!("steps[{}].outputs[{j}]", self.index),
            None => format!("steps[{}].outputs", self.index),
        };
        self.violations.push(Violation::new(rule, path, message));
    }

    fn uis(&self) -> impl Iterator<Item = (usize, &'a Ui)> {
        uis(self.actual)
    }

    fn calls(&self) -> impl Iterator<Item = (usize, &'a Call)> {
        calls(self.actual)
    }

    fn expected_uis(&self) -> impl Iterator<Item = &'a Ui> {
        uis(self.expected).map(|(_, ui)| ui)
    }

    fn expected_calls(&self) -> impl Iterator<Item = &'a Call> {
        calls(self.expected).map(|(_, call)| call)
    }
}

fn uis(outputs: &[ClientOutput]) -> impl Iterator<Item = (usize, &Ui)> {
    outputs
        .iter()
        .enumerate()
        .filter_map(|(j, output)| match output {
            ClientOutput::Ui { ui } => Some((j, ui)),
            ClientOutput::Call { .. } => None,
        })
}

fn calls(outputs: &[ClientOutput]) -> impl Iterator<Item = (usize, &Call)> {
    outputs
        .iter()
        .enumerate()
        .filter_map(|(j, output)| match output {
            ClientOutput::Call { call } => Some((j, call)),
            ClientOutput::Ui { .. } => None,
        })
}

#[cfg(test)]
mod tests;
