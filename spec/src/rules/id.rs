//! Identifiers: rule IDs (`RP-07`), decision IDs (`DQ-03`) and references to the open
//! questions of the reference catalogue (`Q-13`).
//!
//! Rule and decision IDs have exactly two digits after a two-letter prefix, so no ID is a
//! prefix of another and `grep RP-07` finds `RP-07` only. IDs are never reused: a withdrawn
//! rule keeps its ID in the file's `[[retired]]` list.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use super::area::Area;

/// The ID of a rule: an area code, a hyphen and two digits from `01` to `99`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId {
    area: Area,
    number: u8,
}

impl RuleId {
    /// The area named by the ID's prefix.
    pub const fn area(&self) -> Area {
        self.area
    }

    /// The two-digit number, 1 to 99.
    pub const fn number(&self) -> u8 {
        self.number
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.area.code(), self.number)
    }
}

/// Text that is not a well-formed ID of the expected kind.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("`{text}` is not a {kind} (expected {expected})")]
pub struct ParseIdError {
    pub text: String,
    pub kind: &'static str,
    pub expected: &'static str,
}

/// Splits `XX-NN` into its prefix and a number in 1..=99; `None` unless exactly that shape.
fn split_two_digit(text: &str) -> Option<(&str, u8)> {
    let (prefix, digits) = text.split_once('-')?;
    if prefix.len() != 2 || digits.len() != 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let number: u8 = digits.parse().ok()?;
    (number != 0).then_some((prefix, number))
}

impl FromStr for RuleId {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = || ParseIdError {
            text: s.to_owned(),
            kind: "rule ID",
            expected: "ST, KB, RP, MB, MA, CB or TL, a hyphen and two digits 01-99, e.g. RP-07",
        };
        let (prefix, number) = split_two_digit(s).ok_or_else(error)?;
        let area = Area::from_code(prefix).ok_or_else(error)?;
        Ok(RuleId { area, number })
    }
}

/// The ID of a decision on an open question: `DQ-` and two digits from `01` to `99`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DecisionId(u8);

impl DecisionId {
    /// The two-digit number, 1 to 99.
    pub const fn number(self) -> u8 {
        self.0
    }
}

impl fmt::Display for DecisionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DQ-{:02}", self.0)
    }
}

impl FromStr for DecisionId {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match split_two_digit(s) {
            Some(("DQ", number)) => Ok(DecisionId(number)),
            _ => Err(ParseIdError {
                text: s.to_owned(),
                kind: "decision ID",
                expected: "DQ, a hyphen and two digits 01-99, e.g. DQ-03",
            }),
        }
    }
}

/// The number of open questions in §10 of the reference catalogue
/// (`/work/shared/reference/flow-rules.md`): `Q-1` to `Q-24`.
pub const OPEN_QUESTIONS: u8 = 24;

/// A reference to one open question of the reference catalogue, `Q-1` to `Q-24`. These are
/// the only IDs of that catalogue we use: they say which of its questions a decision answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionRef(u8);

impl QuestionRef {
    /// The question's number, 1 to [`OPEN_QUESTIONS`].
    pub const fn number(self) -> u8 {
        self.0
    }

    /// Every question, `Q-1` to `Q-24`.
    pub fn all() -> impl Iterator<Item = QuestionRef> {
        (1..=OPEN_QUESTIONS).map(QuestionRef)
    }
}

impl fmt::Display for QuestionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Q-{}", self.0)
    }
}

impl FromStr for QuestionRef {
    type Err = ParseIdError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let number = s
            .strip_prefix("Q-")
            .filter(|digits| !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse::<u8>().ok())
            .filter(|number| (1..=OPEN_QUESTIONS).contains(number));
        number.map(QuestionRef).ok_or_else(|| ParseIdError {
            text: s.to_owned(),
            kind: "question reference",
            expected: "Q-1 to Q-24",
        })
    }
}
