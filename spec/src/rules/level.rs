//! How binding a rule is: the RFC 2119 keywords plus `INFO` for statements that bind nobody
//! (definitions, background) but that a reader of a check needs.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// The level of a rule, spelled in the catalogue exactly as [`Level::as_str`] returns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Must,
    MustNot,
    Should,
    ShouldNot,
    May,
    Info,
}

impl Level {
    /// Every level, strongest first.
    pub const ALL: [Level; 6] = [
        Level::Must,
        Level::MustNot,
        Level::Should,
        Level::ShouldNot,
        Level::May,
        Level::Info,
    ];

    /// The spelling used in the catalogue files and in reports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Level::Must => "MUST",
            Level::MustNot => "MUST NOT",
            Level::Should => "SHOULD",
            Level::ShouldNot => "SHOULD NOT",
            Level::May => "MAY",
            Level::Info => "INFO",
        }
    }

    /// `MUST` and `MUST NOT`: breaking the rule is a conformance failure.
    pub const fn is_must(self) -> bool {
        matches!(self, Level::Must | Level::MustNot)
    }

    /// `SHOULD` and `SHOULD NOT`: breaking the rule is reported, but it is not a failure.
    pub const fn is_should(self) -> bool {
        matches!(self, Level::Should | Level::ShouldNot)
    }

    /// `MUST NOT` and `SHOULD NOT`: the statement describes something that must not happen.
    pub const fn is_prohibition(self) -> bool {
        matches!(self, Level::MustNot | Level::ShouldNot)
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A level that is not one of the six spellings of [`Level::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown level `{0}` (expected MUST, MUST NOT, SHOULD, SHOULD NOT, MAY or INFO)")]
pub struct ParseLevelError(pub String);

impl FromStr for Level {
    type Err = ParseLevelError;

    /// Exact spelling only: `must` or `MUST  NOT` are rejected, so that a catalogue file and
    /// a report always agree character for character.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|level| level.as_str() == s)
            .ok_or_else(|| ParseLevelError(s.to_owned()))
    }
}
