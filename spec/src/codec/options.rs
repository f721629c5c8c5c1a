//! How strictly bytes are read.

/// Deep enough for every real schema's legitimate nesting (RichText, PageBlock and
/// replies nest a few dozen levels at most), shallow enough that hostile input cannot
/// overflow the stack.
pub const DEFAULT_MAX_DEPTH: u32 = 64;

/// Decoding settings. The default is strict: every deviation from the canonical encoding is
/// an error, so that what decodes also re-encodes to the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    pub strictness: Strictness,
    pub max_depth: u32,
}

/// Strict decoding rejects every non-canonical encoding; lenient decoding reads what real
/// peers send and drops exactly these checks: non-zero padding, the 4-byte length form for
/// short lengths, invalid UTF-8 in `string` (replaced by U+FFFD), flag bits that belong to
/// no field, and trailing bytes after the value. Everything that makes the value itself
/// ambiguous (truncation, unknown constructors, bad counts, depth) stays an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    #[default]
    Strict,
    Lenient,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self {
            strictness: Strictness::Strict,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

impl DecodeOptions {
    pub fn lenient() -> Self {
        Self {
            strictness: Strictness::Lenient,
            ..Self::default()
        }
    }

    pub fn is_strict(&self) -> bool {
        self.strictness == Strictness::Strict
    }
}
