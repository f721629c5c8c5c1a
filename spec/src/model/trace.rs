//! A recorded session: the setup, then each input with the outputs it caused.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trace<S, I, O> {
    /// The layer the session speaks (rules apply to layer ranges).
    pub layer: u32,
    pub setup: S,
    pub steps: Vec<Step<I, O>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step<I, O> {
    pub input: I,
    pub outputs: Vec<O>,
}

/// A deterministic state machine of one party. Time only moves through inputs; nothing reads
/// a clock.
pub trait Session {
    type Setup: Clone;
    type Input: Clone;
    type Output;

    fn new(layer: u32, setup: &Self::Setup) -> Self;
    fn step(&mut self, input: &Self::Input) -> Vec<Self::Output>;
}

/// Runs `S` over `inputs` and records what it did.
pub fn record<S: Session>(
    layer: u32,
    setup: S::Setup,
    inputs: Vec<S::Input>,
) -> Trace<S::Setup, S::Input, S::Output> {
    let mut session = S::new(layer, &setup);
    let steps = inputs
        .into_iter()
        .map(|input| Step {
            outputs: session.step(&input),
            input,
        })
        .collect();
    Trace {
        layer,
        setup,
        steps,
    }
}
