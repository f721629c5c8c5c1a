//! Decisions on the open questions of the reference catalogue, and the questions we record as
//! not touching any rule.

use serde::Deserialize;

use super::id::{DecisionId, QuestionRef, RuleId};

/// How we read a point the sources leave open, and the rules that reading affects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub id: DecisionId,
    /// The open question of the reference catalogue this decision answers.
    pub question_ref: QuestionRef,
    /// The question, in our words.
    pub question: String,
    /// What we decided.
    pub decision: String,
    /// Why.
    pub reason: String,
    /// The rules whose checks follow from the decision: those naming it in their `decision`
    /// key. Never empty.
    pub affects: Vec<RuleId>,
}

/// An open question that no rule of the catalogue depends on, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotTouching {
    pub question_ref: QuestionRef,
    pub question: String,
    pub reason: String,
}

/// A `[[decision]]` entry as written in `decisions.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDecision {
    pub id: String,
    pub question_ref: String,
    pub question: String,
    pub decision: String,
    pub reason: String,
}

/// A `[[not_touching]]` entry as written in `decisions.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNotTouching {
    pub question_ref: String,
    pub question: String,
    pub reason: String,
}

/// The whole of `decisions.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDecisionsFile {
    #[serde(default)]
    pub decision: Vec<RawDecision>,
    #[serde(default)]
    pub not_touching: Vec<RawNotTouching>,
}
