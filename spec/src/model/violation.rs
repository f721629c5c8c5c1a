//! What a check reports: the rule broken, where, and expected vs actual.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One broken rule. `rule` is a catalogue ID (`"XX-01"`), written as a literal at the check
/// so that grepping the ID finds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    pub rule: String,
    /// Where in the subject: `steps[3].outputs[0].requested_peers`, `rows[0][1].style`, …
    pub path: String,
    /// What was expected and what was found.
    pub message: String,
}

impl Violation {
    pub fn new(rule: &str, path: impl Into<String>, message: impl Into<String>) -> Violation {
        Violation {
            rule: rule.to_owned(),
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.rule, self.path, self.message)
    }
}
