//! The generator's output for each era, checked in. `#[rustfmt::skip]` keeps `cargo fmt`
//! away from them: the test `typed_generated_current` compares them byte for byte with a
//! fresh run of the generator ([`super::gen::GENERATED_ERAS`] lists them).

use crate::codec::DecodeOptions;
use crate::era::Era;
use crate::typed::TranscodeError;

#[rustfmt::skip]
pub mod era_177_221;
#[rustfmt::skip]
pub mod era_224_228;
#[rustfmt::skip]
pub mod era_229;
#[rustfmt::skip]
pub mod era_230;

/// Decode-then-encode by TL name: [`era_230::transcode`] and its siblings.
pub type TranscodeFn = fn(&str, &[u8], DecodeOptions) -> Option<Result<Vec<u8>, TranscodeError>>;

/// What a generated era module offers without naming its types: for tests and tools
/// that pick the era at run time.
#[derive(Clone, Copy)]
pub struct EraCodec {
    pub era: Era,
    /// Every id of the era's schema, sorted, with its TL name.
    pub ids: &'static [(u32, &'static str)],
    /// The TL names of the boxed types.
    pub boxed_types: &'static [&'static str],
    /// The TL names of the functions without type parameters.
    pub functions: &'static [&'static str],
    /// Decode-then-encode by TL name (boxed type, function or base type).
    pub transcode: TranscodeFn,
}

macro_rules! era_codec {
    ($era:expr, $module:ident) => {
        EraCodec {
            era: $era,
            ids: $module::IDS,
            boxed_types: $module::BOXED_TYPES,
            functions: $module::FUNCTIONS,
            transcode: $module::transcode,
        }
    };
}

/// The eras that have a generated module, in layer order.
pub const ERAS: [EraCodec; 4] = [
    era_codec!(Era::L177To221, era_177_221),
    era_codec!(Era::L224To228, era_224_228),
    era_codec!(Era::L229, era_229),
    era_codec!(Era::L230, era_230),
];

/// The generated codec of `era`, if it has one.
pub fn for_era(era: Era) -> Option<&'static EraCodec> {
    ERAS.iter().find(|c| c.era == era)
}
