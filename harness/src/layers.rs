//! The layers an adapter speaks, as it declares them in its handshake.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An inclusive run of layers, `{"from": 224, "to": 230}` on the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerSpan {
    pub from: u32,
    pub to: u32,
}

/// Every layer an adapter offers: the union of its spans.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LayerSet(pub Vec<LayerSpan>);

impl LayerSet {
    pub fn span(from: u32, to: u32) -> LayerSet {
        LayerSet(vec![LayerSpan { from, to }])
    }

    pub fn contains(&self, layer: u32) -> bool {
        self.0
            .iter()
            .any(|span| span.from <= layer && layer <= span.to)
    }

    /// True when no span holds a layer (an adapter that offers nothing).
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|span| span.from > span.to)
    }
}

impl fmt::Display for LayerSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, span) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            if span.from == span.to {
                write!(f, "{}", span.from)?;
            } else {
                write!(f, "{}..={}", span.from, span.to)?;
            }
        }
        Ok(())
    }
}
