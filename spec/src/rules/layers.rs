//! The API layers a rule applies to.
//!
//! Syntax: `all`, or a comma-separated list of items `N` (one layer), `N..` (N and every later
//! layer) and `N..=M` (N to M, both included). Examples: `"all"`, `"224.."`,
//! `"169..=223"`, `"152..=168, 224.."`.

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use thiserror::Error;

/// One item of a layer list: `start..=end`, `end` absent for an open range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LayerRange {
    pub start: u32,
    pub end: Option<u32>,
}

impl LayerRange {
    /// Whether `layer` is in the range.
    pub fn contains(&self, layer: u32) -> bool {
        layer >= self.start && self.end.is_none_or(|end| layer <= end)
    }
}

impl fmt::Display for LayerRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.end {
            None => write!(f, "{}..", self.start),
            Some(end) if end == self.start => write!(f, "{}", self.start),
            Some(end) => write!(f, "{}..={}", self.start, end),
        }
    }
}

/// The layers a rule applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Layers {
    /// Every layer (used for rules that never depended on the layer, such as the codec's).
    All,
    /// The union of the listed ranges, in the order written; never empty.
    Ranges(Vec<LayerRange>),
}

impl Layers {
    /// Whether the rule applies at `layer`.
    pub fn contains(&self, layer: u32) -> bool {
        match self {
            Layers::All => true,
            Layers::Ranges(ranges) => ranges.iter().any(|range| range.contains(layer)),
        }
    }

    /// Whether the rule applies at some layer of `span` (e.g. one era of the suite).
    pub fn intersects(&self, span: RangeInclusive<u32>) -> bool {
        match self {
            Layers::All => !span.is_empty(),
            Layers::Ranges(ranges) => ranges.iter().any(|range| {
                range.start <= *span.end() && range.end.is_none_or(|end| end >= *span.start())
            }),
        }
    }
}

impl fmt::Display for Layers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Layers::All => f.write_str("all"),
            Layers::Ranges(ranges) => {
                for (i, range) in ranges.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{range}")?;
                }
                Ok(())
            }
        }
    }
}

/// A layer specification that does not follow the syntax above.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("bad layers `{text}`: {reason}")]
pub struct ParseLayersError {
    pub text: String,
    pub reason: &'static str,
}

fn parse_layer(text: &str) -> Option<u32> {
    let valid = !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && !(text.len() > 1 && text.starts_with('0'));
    valid
        .then(|| text.parse().ok())
        .flatten()
        .filter(|&layer| layer > 0)
}

impl FromStr for Layers {
    type Err = ParseLayersError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let error = |reason| ParseLayersError {
            text: s.to_owned(),
            reason,
        };
        if s == "all" {
            return Ok(Layers::All);
        }
        let mut ranges = Vec::new();
        for item in s.split(',') {
            let item = item.trim();
            let range = if let Some((start, end)) = item.split_once("..=") {
                let start = parse_layer(start)
                    .ok_or_else(|| error("expected a layer number before `..=`"))?;
                let end =
                    parse_layer(end).ok_or_else(|| error("expected a layer number after `..=`"))?;
                if end < start {
                    return Err(error("a range ends before it starts"));
                }
                LayerRange {
                    start,
                    end: Some(end),
                }
            } else if let Some(start) = item.strip_suffix("..") {
                let start = parse_layer(start)
                    .ok_or_else(|| error("expected a layer number before `..`"))?;
                LayerRange { start, end: None }
            } else {
                let layer = parse_layer(item).ok_or_else(|| {
                    error("expected `all`, `N`, `N..` or `N..=M` with layers from 1")
                })?;
                LayerRange {
                    start: layer,
                    end: Some(layer),
                }
            };
            ranges.push(range);
        }
        Ok(Layers::Ranges(ranges))
    }
}
