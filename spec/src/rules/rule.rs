//! One rule of the catalogue, and the form it takes in a data file.

use serde::Deserialize;

use super::area::Area;
use super::id::{DecisionId, RuleId};
use super::layers::Layers;
use super::level::Level;
use super::origin::Origin;
use super::party::Party;
use super::source::Source;

/// A testable statement about one party's behaviour, with its level and citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Stable ID, never reused (see `docs/rules.md`).
    pub id: RuleId,
    /// The area the rule belongs to (the prefix of its ID and the file it is in).
    pub area: Area,
    pub level: Level,
    pub party: Party,
    /// The testable statement, in our words.
    pub statement: String,
    pub source: Source,
    /// The layers the rule applies to.
    pub layers: Layers,
    pub origin: Origin,
    /// Context for the reader: secondary sources, how an implementation behaves, caveats.
    pub notes: Option<String>,
    /// The decision on an open question that settles how this rule is read.
    pub decision: Option<DecisionId>,
    /// A codec rule about how valid values are written and read, as opposed to how bad
    /// input is refused: checkable from valid values alone.
    pub round_trip: bool,
}

impl Rule {
    /// Whether breaking the rule is a conformance failure (`MUST` or `MUST NOT`).
    pub fn is_must(&self) -> bool {
        self.level.is_must()
    }
}

/// The `source` table of a rule as written in a data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub url: String,
    pub quote: String,
    pub retrieved: String,
}

/// A `[[rule]]` entry as written in a data file; [`super::catalogue`] checks it and turns it
/// into a [`Rule`].
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    pub id: String,
    pub level: String,
    pub party: String,
    pub statement: String,
    pub source: RawSource,
    pub layers: String,
    pub origin: String,
    pub notes: Option<String>,
    pub decision: Option<String>,
    #[serde(default)]
    pub round_trip: bool,
}

/// A `[[retired]]` entry: an ID that was used once and may never be used again.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRetired {
    pub id: String,
    pub reason: String,
}

/// One area file: `area = "<name>"`, then `[[rule]]` and `[[retired]]` entries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAreaFile {
    pub area: String,
    #[serde(default)]
    pub rule: Vec<RawRule>,
    #[serde(default)]
    pub retired: Vec<RawRetired>,
}

/// A withdrawn rule: its ID stays reserved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Retired {
    pub id: RuleId,
    pub reason: String,
}
