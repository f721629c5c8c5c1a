//! Why the catalogue could not be loaded. Every variant names the file or the entry at fault.

use thiserror::Error;

use super::id::ParseIdError;
use super::layers::ParseLayersError;
use super::level::ParseLevelError;
use super::origin::ParseOriginError;
use super::party::ParsePartyError;

/// A catalogue file that does not parse, or a catalogue that breaks one of the checks made on
/// load (unique IDs, ID format, references between rules and decisions, non-empty fields).
#[derive(Debug, Error)]
pub enum CatalogueError {
    #[error("{file}: {source}")]
    Toml {
        file: String,
        #[source]
        source: Box<toml::de::Error>,
    },
    #[error("{file}: not a catalogue file (expected <area>.toml for one of the seven areas, or decisions.toml)")]
    UnknownFile { file: String },
    #[error("{file}: the same area file is given twice")]
    DuplicateFile { file: String },
    #[error("{file}: declares area `{declared}`, but the file name says otherwise")]
    AreaMismatch { file: String, declared: String },
    #[error("{file}: {source}")]
    BadRuleId {
        file: String,
        #[source]
        source: ParseIdError,
    },
    #[error("{file}: rule {id} has the prefix of another area")]
    WrongArea { file: String, id: String },
    #[error("rule {id} is defined twice ({first_file} and {second_file})")]
    DuplicateRule {
        id: String,
        first_file: String,
        second_file: String,
    },
    #[error("{file}: {id} is listed as retired more than once")]
    DuplicateRetired { file: String, id: String },
    #[error("{file}: rule {id} reuses a retired ID")]
    RetiredIdReused { file: String, id: String },
    #[error("{id}: `{field}` is empty")]
    EmptyField { id: String, field: &'static str },
    #[error("rule {id}: {source}")]
    BadLevel {
        id: String,
        #[source]
        source: ParseLevelError,
    },
    #[error("rule {id}: {source}")]
    BadParty {
        id: String,
        #[source]
        source: ParsePartyError,
    },
    #[error("rule {id}: {source}")]
    BadOrigin {
        id: String,
        #[source]
        source: ParseOriginError,
    },
    #[error("rule {id}: {source}")]
    BadLayers {
        id: String,
        #[source]
        source: ParseLayersError,
    },
    #[error("rule {id}: source url `{url}` is not an https URL")]
    BadUrl { id: String, url: String },
    #[error("rule {id}: origin is `implementation` but the source url `{url}` does not name a file at a commit (https://github.com/<owner>/<repo>/blob/<commit>/<path>)")]
    ImplementationWithoutFile { id: String, url: String },
    #[error("rule {id}: `round_trip` is for codec rules only")]
    RoundTripNotCodec { id: String },
    #[error("{context}: {source}")]
    BadDecisionId {
        context: String,
        #[source]
        source: ParseIdError,
    },
    #[error("decision {id} is defined twice")]
    DuplicateDecision { id: String },
    #[error("rule {rule} refers to decision {decision}, which does not exist")]
    UnknownDecision { rule: String, decision: String },
    #[error("no rule names decision {decision} (a question that touches no rule belongs in [[not_touching]])")]
    DecisionWithoutRules { decision: String },
    #[error("{context}: {source}")]
    BadQuestionRef {
        context: String,
        #[source]
        source: ParseIdError,
    },
    #[error("question {question} is answered more than once in decisions.toml")]
    QuestionCoveredTwice { question: String },
}
