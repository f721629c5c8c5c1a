//! The rule catalogue: every normative statement tgconf checks, with its level, the party it
//! binds, the layers it applies to and a citation of its primary source.
//!
//! The data lives in `spec/rules/<area>.toml` (one file per [`Area`]) and
//! `spec/rules/decisions.toml`; the files are embedded in the crate and checked by
//! [`Catalogue::load`]. `docs/rules.md` explains the ID scheme and how to add a rule.

pub mod area;
pub mod catalogue;
pub mod decision;
pub mod error;
pub mod id;
pub mod layers;
pub mod level;
pub mod origin;
pub mod party;
pub mod rule;
pub mod source;

pub use area::{Area, ParseAreaError};
pub use catalogue::Catalogue;
pub use decision::{Decision, NotTouching};
pub use error::CatalogueError;
pub use id::{DecisionId, ParseIdError, QuestionRef, RuleId, OPEN_QUESTIONS};
pub use layers::{LayerRange, Layers, ParseLayersError};
pub use level::{Level, ParseLevelError};
pub use origin::{Origin, ParseOriginError};
pub use party::{ParsePartyError, Party};
pub use rule::{Retired, Rule};
pub use source::Source;

/// The area files embedded in the crate: file name (relative to `spec/rules/`) and contents,
/// in [`Area::ALL`] order.
pub const AREA_FILES: [(&str, &str); 7] = [
    ("styles.toml", include_str!("../../rules/styles.toml")),
    ("keyboards.toml", include_str!("../../rules/keyboards.toml")),
    (
        "peer-requests.toml",
        include_str!("../../rules/peer-requests.toml"),
    ),
    (
        "managed-bots.toml",
        include_str!("../../rules/managed-bots.toml"),
    ),
    ("mini-apps.toml", include_str!("../../rules/mini-apps.toml")),
    ("callbacks.toml", include_str!("../../rules/callbacks.toml")),
    ("codec.toml", include_str!("../../rules/codec.toml")),
];

/// The decisions file embedded in the crate: file name and contents.
pub const DECISIONS_FILE: (&str, &str) =
    ("decisions.toml", include_str!("../../rules/decisions.toml"));
