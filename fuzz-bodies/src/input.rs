//! The input format shared by the four codec targets, so that one file means the same
//! (era, type, strictness, bytes) to each of them and a crasher of one replays on all:
//!
//! * byte 0: bits 0–2 pick the era ([`Era::ALL`] index), bit 7 set means lenient
//!   decoding (targets that read both ways ignore it), the other bits are ignored;
//! * byte 1: the type to read, an index into the era's [`EraTables::names`] (modulo its
//!   length);
//! * the rest: the wire bytes.

use std::sync::LazyLock;

use tgconf_spec::codec::DecodeOptions;
use tgconf_spec::dynamic::{Registry, TypeSpec};
use tgconf_spec::era::Era;
use tgconf_spec::typed::generated::{self, EraCodec};

/// The base types and vectors of them that both codecs read by name
/// (`tgconf_spec::typed::transcode_builtin`).
pub const BUILTIN_NAMES: [&str; 16] = [
    "int",
    "long",
    "double",
    "int128",
    "int256",
    "string",
    "bytes",
    "Bool",
    "Vector<int>",
    "Vector<long>",
    "Vector<double>",
    "Vector<int128>",
    "Vector<int256>",
    "Vector<string>",
    "Vector<bytes>",
    "Vector<Bool>",
];

const LENIENT_BIT: u8 = 0x80;

/// What the targets read one era with, built once per process.
pub struct EraTables {
    pub era: Era,
    pub registry: Registry,
    /// The typed codec, for the eras that have one.
    pub typed: Option<&'static EraCodec>,
    /// Every type an input can name: `Object`, each boxed type and each function in
    /// schema order, then [`BUILTIN_NAMES`]. Appending keeps committed inputs meaningful;
    /// reordering changes what they read as.
    pub names: Vec<TypeSpec>,
}

static TABLES: LazyLock<Vec<EraTables>> =
    LazyLock::new(|| Era::ALL.into_iter().map(build).collect());

fn build(era: Era) -> EraTables {
    let schema = era.schema().unwrap_or_else(|e| panic!("era {era}: {e}"));
    let registry = Registry::build(schema).unwrap_or_else(|e| panic!("era {era}: {e}"));
    let boxed = registry.types().map(|(_, t)| t.name().to_owned());
    let functions = registry
        .constructors()
        .filter(|(_, c)| c.is_function())
        .map(|(_, c)| c.name().to_owned());
    let texts: Vec<String> = std::iter::once("Object".to_owned())
        .chain(boxed)
        .chain(functions)
        .chain(BUILTIN_NAMES.map(str::to_owned))
        .collect();
    let names = texts
        .iter()
        .map(|t| {
            registry
                .type_spec(t)
                .unwrap_or_else(|e| panic!("era {era}: {t}: {e}"))
        })
        .collect();
    EraTables {
        era,
        registry,
        typed: generated::for_era(era),
        names,
    }
}

/// The tables of `era`.
pub fn tables(era: Era) -> &'static EraTables {
    &TABLES[era as usize]
}

/// One codec input, split into its parts.
pub struct Input<'a> {
    pub tables: &'static EraTables,
    pub spec: &'static TypeSpec,
    pub options: DecodeOptions,
    pub bytes: &'a [u8],
}

impl<'a> Input<'a> {
    /// `None` for the inputs too short to hold the two header bytes.
    pub fn split(data: &'a [u8]) -> Option<Self> {
        let [mode, ty, bytes @ ..] = data else {
            return None;
        };
        let tables = &TABLES[usize::from(mode & 7)];
        let options = if mode & LENIENT_BIT != 0 {
            DecodeOptions::lenient()
        } else {
            DecodeOptions::default()
        };
        let spec = &tables.names[usize::from(*ty) % tables.names.len()];
        Some(Input {
            tables,
            spec,
            options,
            bytes,
        })
    }
}

/// The two header bytes that make `bytes` an input reading type number `index` of
/// `era`'s table.
pub fn header(era: Era, index: usize, lenient: bool) -> [u8; 2] {
    let mode = era as u8 | if lenient { LENIENT_BIT } else { 0 };
    [
        mode,
        u8::try_from(index).expect("an era names fewer than 256 types"),
    ]
}
