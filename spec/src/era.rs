//! Layer eras: runs of API layers during which no constructor id of the bot-button
//! objects changed, each with the schema text that holds for the whole run.
//!
//! The schema files live in `spec/schema/` and are cut from released schemas by
//! `spec/schema/extract.py`; `spec/schema/README.md` explains how the boundaries were
//! measured. The table below must agree with the script's `ERAS` table (the
//! `era_schemas` test checks it against each file's header).

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;
use std::sync::OnceLock;

use thiserror::Error;
use tl_parser::{parse_schema, ParseError, Schema};

/// The lowest layer any era covers.
pub const FIRST_LAYER: u32 = 152;
/// The highest layer any era covers.
pub const LAST_LAYER: u32 = 230;

/// One era of layers. Variants are in layer order, so `Ord` follows the layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Era {
    /// 152–157: peer-request buttons exist; keyboardButtonSwitchInline is still #568a748.
    L152To157,
    /// 158–168: keyboardButtonSwitchInline #93b9fbb5 (with `peer_types`).
    L158To168,
    /// 169–176: several peers per request (sendBotRequestedPeer #91b2d060).
    L169To176,
    /// 177–221: inputKeyboardButtonRequestPeer and RequestedPeer exist.
    L177To221,
    /// 222–223: every button carries `style` (keyboardButtonStyle).
    L222To223,
    /// 224–228: managed bots; sendBotRequestedPeer #6c5cf2a7.
    L224To228,
    /// 229: buttons split into keyboardButton + ButtonType and keyboardInlineButton.
    L229,
    /// 230: same carried ids as 229, declared by a newer layer.
    L230,
}

/// A constructor, or a `true` flag of one, that one era's file carries but that appeared
/// only part-way through the era (no id changed, so the era was not split: a `true` flag
/// takes no bytes and is not part of the id). Peers at layers up to `last_absent` never
/// send it; between `last_absent` and `first_present` no released schema was seen, and
/// it is taken as present there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LateAddition {
    /// The constructor's full name.
    pub name: &'static str,
    /// The late `flags.N?true` field of `name`; `None` when the constructor itself is late.
    pub field: Option<&'static str>,
    /// The highest layer at which a released schema lacks it.
    pub last_absent: u32,
    /// The lowest layer at which a released schema has it.
    pub first_present: u32,
}

impl LateAddition {
    /// Whether a peer at `layer` lacks it.
    pub fn absent_at(&self, layer: u32) -> bool {
        layer <= self.last_absent
    }
}

/// A layer outside [`FIRST_LAYER`]`..=`[`LAST_LAYER`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("layer {layer} has no era schema (supported layers: {FIRST_LAYER}..={LAST_LAYER})")]
pub struct UnsupportedLayer {
    pub layer: u32,
}

/// A string that names no era.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("no era is named {0:?} (expected e.g. \"177-221\" or \"229\")")]
pub struct UnknownEra(pub String);

struct Info {
    first: u32,
    last: u32,
    name: &'static str,
    text: &'static str,
    source: &'static str,
    source_layer: u32,
    late: &'static [LateAddition],
}

const INFO: [Info; 8] = [
    Info {
        first: 152,
        last: 157,
        name: "152-157",
        text: include_str!("../schema/152-157.tl"),
        source: "pyrofork-2.1.6-main_api.tl",
        source_layer: 157,
        late: &[],
    },
    Info {
        first: 158,
        last: 168,
        name: "158-168",
        text: include_str!("../schema/158-168.tl"),
        source: "pyrogram-main_api.tl",
        source_layer: 158,
        // The story rights: pyrofork 2.3.4 (layer 163) lacks them, pyrofork 2.3.5 (164)
        // has them; the file copies chatAdminRights from the latter.
        late: &[
            LateAddition {
                name: "chatAdminRights",
                field: Some("post_stories"),
                last_absent: 163,
                first_present: 164,
            },
            LateAddition {
                name: "chatAdminRights",
                field: Some("edit_stories"),
                last_absent: 163,
                first_present: 164,
            },
            LateAddition {
                name: "chatAdminRights",
                field: Some("delete_stories"),
                last_absent: 163,
                first_present: 164,
            },
        ],
    },
    Info {
        first: 169,
        last: 176,
        name: "169-176",
        text: include_str!("../schema/169-176.tl"),
        source: "pyrofork-2.3.20-main_api.tl",
        source_layer: 176,
        late: &[],
    },
    Info {
        first: 177,
        last: 221,
        name: "177-221",
        text: include_str!("../schema/177-221.tl"),
        source: "tdesktop-api.tl",
        source_layer: 214,
        late: &[
            LateAddition {
                name: "keyboardButtonCopy",
                field: None,
                last_absent: 187,
                first_present: 188,
            },
            LateAddition {
                name: "inputStickerSetTonGifts",
                field: None,
                last_absent: 204,
                first_present: 207,
            },
            // kurigram 2.2.5 (layer 204) lacks it, kurigram 2.2.7 (207) has it.
            LateAddition {
                name: "chatAdminRights",
                field: Some("manage_direct_messages"),
                last_absent: 204,
                first_present: 207,
            },
        ],
    },
    Info {
        first: 222,
        last: 223,
        name: "222-223",
        text: include_str!("../schema/222-223.tl"),
        source: "grammers-api.tl",
        source_layer: 222,
        late: &[],
    },
    Info {
        first: 224,
        last: 228,
        name: "224-228",
        text: include_str!("../schema/224-228.tl"),
        source: "tdlib-telegram_api.tl",
        source_layer: 228,
        // kurigram 2.2.24 (layer 227) and the Telethon 1.44.0 wheel (227) lack it;
        // tdlib and gotd at 228 have it.
        late: &[LateAddition {
            name: "chatAdminRights",
            field: Some("manage_linked_peers"),
            last_absent: 227,
            first_present: 228,
        }],
    },
    Info {
        first: 229,
        last: 229,
        name: "229",
        text: include_str!("../schema/229.tl"),
        source: "kurigram-2.2.26-main_api.tl",
        source_layer: 229,
        late: &[],
    },
    Info {
        first: 230,
        last: 230,
        name: "230",
        text: include_str!("../schema/230.tl"),
        source: "grammers-crate-0.11.0-api.tl",
        source_layer: 230,
        late: &[],
    },
];

impl Era {
    /// Every era, in layer order.
    pub const ALL: [Era; 8] = [
        Era::L152To157,
        Era::L158To168,
        Era::L169To176,
        Era::L177To221,
        Era::L222To223,
        Era::L224To228,
        Era::L229,
        Era::L230,
    ];

    fn info(self) -> &'static Info {
        &INFO[self as usize]
    }

    /// The first layer of the era.
    pub fn first_layer(self) -> u32 {
        self.info().first
    }

    /// The last layer of the era (inclusive).
    pub fn last_layer(self) -> u32 {
        self.info().last
    }

    pub fn layers(self) -> RangeInclusive<u32> {
        self.first_layer()..=self.last_layer()
    }

    pub fn contains(self, layer: u32) -> bool {
        self.layers().contains(&layer)
    }

    /// `"177-221"`, or `"229"` for a one-layer era; also the file stem in `spec/schema/`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The era's schema file, as committed.
    pub fn schema_text(self) -> &'static str {
        self.info().text
    }

    /// The file in `spec/schema/sources/` the era's definitions were copied from (the file's
    /// header names any definition taken instead from a later layer of the era, for the
    /// late `true` flags it names).
    pub fn source_file(self) -> &'static str {
        self.info().source
    }

    /// The layer that source file belongs to (inside the era).
    pub fn source_layer(self) -> u32 {
        self.info().source_layer
    }

    /// Constructors carried by this era's file that appeared only inside the era.
    pub fn late_additions(self) -> &'static [LateAddition] {
        self.info().late
    }

    /// The parsed schema, parsed once per process.
    pub fn schema(self) -> Result<&'static Schema, &'static ParseError> {
        static PARSED: [OnceLock<Result<Schema, ParseError>>; 8] = [const { OnceLock::new() }; 8];
        PARSED[self as usize]
            .get_or_init(|| parse_schema(self.schema_text()))
            .as_ref()
    }

    /// The era's schema as it stood at `layer`: without the late additions a peer at
    /// `layer` lacks (their constructors, or their `true` flags, so that a decoder reads
    /// such a bit as one no field uses). A layer that lacks none of them, or lies outside
    /// the era, gets [`Era::schema`] itself.
    pub fn schema_at(self, layer: u32) -> Result<&'static Schema, &'static ParseError> {
        const LAYERS: usize = (LAST_LAYER - FIRST_LAYER + 1) as usize;
        static TRIMMED: [OnceLock<Result<Schema, ParseError>>; LAYERS] =
            [const { OnceLock::new() }; LAYERS];
        let absent = || self.late_additions().iter().filter(|a| a.absent_at(layer));
        if !self.contains(layer) || absent().next().is_none() {
            return self.schema();
        }
        TRIMMED[(layer - FIRST_LAYER) as usize]
            .get_or_init(|| {
                let mut schema = self.schema().map_err(Clone::clone)?.clone();
                for addition in absent() {
                    match addition.field {
                        None => schema
                            .definitions
                            .retain(|d| d.full_name() != addition.name),
                        Some(field) => {
                            for d in &mut schema.definitions {
                                if d.full_name() == addition.name {
                                    d.params.retain(|p| p.name.as_deref() != Some(field));
                                }
                            }
                        }
                    }
                }
                Ok(schema)
            })
            .as_ref()
    }
}

/// The era schema of `layer` as it stood at that layer ([`Era::schema_at`]).
pub fn schema_for_layer(layer: u32) -> Result<&'static Schema, LayerSchemaError> {
    let era = era_for_layer(layer)?;
    era.schema_at(layer)
        .map_err(|error| LayerSchemaError::Parse { era, error })
}

/// Why [`schema_for_layer`] has no schema.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum LayerSchemaError {
    #[error(transparent)]
    Unsupported(#[from] UnsupportedLayer),
    #[error("era {era}: {error}")]
    Parse {
        era: Era,
        error: &'static ParseError,
    },
}

impl fmt::Display for Era {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Era {
    type Err = UnknownEra;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Era::ALL
            .into_iter()
            .find(|e| e.name() == s)
            .ok_or_else(|| UnknownEra(s.to_owned()))
    }
}

/// The era whose schema holds at `layer`.
pub fn era_for_layer(layer: u32) -> Result<Era, UnsupportedLayer> {
    Era::ALL
        .into_iter()
        .find(|e| e.contains(layer))
        .ok_or(UnsupportedLayer { layer })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eras_tile_the_supported_layers() {
        let mut next = FIRST_LAYER;
        for era in Era::ALL {
            assert_eq!(
                era.first_layer(),
                next,
                "{era} starts where the previous ended"
            );
            assert!(era.first_layer() <= era.last_layer());
            assert!(
                era.contains(era.source_layer()),
                "{era}: source layer inside"
            );
            next = era.last_layer() + 1;
        }
        assert_eq!(next, LAST_LAYER + 1);
    }

    #[test]
    fn names_round_trip() {
        for era in Era::ALL {
            assert_eq!(era.name().parse::<Era>(), Ok(era));
        }
        assert!("152-168".parse::<Era>().is_err());
    }
}
