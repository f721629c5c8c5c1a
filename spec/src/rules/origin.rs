//! Where a rule comes from: the documentation, an implementation, or our own computation.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// The kind of evidence behind a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// Stated by Telegram's documentation (core.telegram.org, the Bot API page).
    Docs,
    /// Observed in the code of a reference implementation (tdlib, Telegram Desktop, Telegram
    /// for Android, the Bot API server); the source URL names the file.
    Implementation,
    /// Computed or inferred by us from documented facts (a CRC, a consequence of two rules).
    Derived,
}

impl Origin {
    /// Every origin, in declaration order.
    pub const ALL: [Origin; 3] = [Origin::Docs, Origin::Implementation, Origin::Derived];

    /// The spelling used in the catalogue files.
    pub const fn as_str(self) -> &'static str {
        match self {
            Origin::Docs => "docs",
            Origin::Implementation => "implementation",
            Origin::Derived => "derived",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An origin that is not one of the spellings of [`Origin::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown origin `{0}` (expected docs, implementation or derived)")]
pub struct ParseOriginError(pub String);

impl FromStr for Origin {
    type Err = ParseOriginError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Origin::ALL
            .into_iter()
            .find(|origin| origin.as_str() == s)
            .ok_or_else(|| ParseOriginError(s.to_owned()))
    }
}
