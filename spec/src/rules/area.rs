//! The areas of the catalogue: one data file and one two-letter ID prefix each.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

/// An area of the catalogue. Each area has its own file `spec/rules/<name>.toml` and its own
/// two-letter code, the prefix of every rule ID in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Styles,
    Keyboards,
    PeerRequests,
    ManagedBots,
    MiniApps,
    Callbacks,
    Codec,
}

impl Area {
    /// Every area, in the order the catalogue lists them.
    pub const ALL: [Area; 7] = [
        Area::Styles,
        Area::Keyboards,
        Area::PeerRequests,
        Area::ManagedBots,
        Area::MiniApps,
        Area::Callbacks,
        Area::Codec,
    ];

    /// The name used as the file stem and in the file's `area` key.
    pub const fn name(self) -> &'static str {
        match self {
            Area::Styles => "styles",
            Area::Keyboards => "keyboards",
            Area::PeerRequests => "peer-requests",
            Area::ManagedBots => "managed-bots",
            Area::MiniApps => "mini-apps",
            Area::Callbacks => "callbacks",
            Area::Codec => "codec",
        }
    }

    /// The two-letter prefix of the area's rule IDs.
    pub const fn code(self) -> &'static str {
        match self {
            Area::Styles => "ST",
            Area::Keyboards => "KB",
            Area::PeerRequests => "RP",
            Area::ManagedBots => "MB",
            Area::MiniApps => "MA",
            Area::Callbacks => "CB",
            Area::Codec => "TL",
        }
    }

    /// The data file of the area, relative to `spec/rules/`.
    pub fn file_name(self) -> String {
        format!("{}.toml", self.name())
    }

    /// The area whose rule IDs start with `code`.
    pub fn from_code(code: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|area| area.code() == code)
    }

    /// The area stored in `file_name` (`"peer-requests.toml"` → [`Area::PeerRequests`]).
    pub fn from_file_name(file_name: &str) -> Option<Area> {
        let stem = file_name.strip_suffix(".toml")?;
        stem.parse().ok()
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An area name that is not one of [`Area::name`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown area `{0}`")]
pub struct ParseAreaError(pub String);

impl FromStr for Area {
    type Err = ParseAreaError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Area::ALL
            .into_iter()
            .find(|area| area.name() == s)
            .ok_or_else(|| ParseAreaError(s.to_owned()))
    }
}
