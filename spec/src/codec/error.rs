//! Codec errors. Every decode failure is a distinct kind with the byte offset where it was
//! detected, so a conformance report can say exactly which byte an implementation got wrong.

use thiserror::Error;

/// Why bytes could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeErrorKind {
    #[error("input ends early: {needed} more bytes needed, {available} available")]
    Truncated { needed: usize, available: usize },
    #[error("unknown constructor #{id:08x}")]
    UnknownConstructor { id: u32 },
    #[error("constructor #{id:08x} is not of the expected type {expected}")]
    UnexpectedConstructor { id: u32, expected: String },
    #[error("{count} bytes left over after the value")]
    TrailingBytes { count: usize },
    #[error("padding after a string or bytes value is not zero")]
    NonZeroPadding,
    #[error("length {len} written in the 4-byte form, which is only for lengths of 254 or more")]
    NonCanonicalLength { len: usize },
    #[error("length prefix byte 255 is reserved")]
    InvalidLengthPrefix,
    #[error("string is not valid UTF-8")]
    InvalidUtf8,
    #[error("expected the vector constructor #1cb5c415, found #{id:08x}")]
    BadVectorId { id: u32 },
    #[error("negative element count {count}")]
    NegativeCount { count: i32 },
    #[error("element count {count} cannot fit in the {remaining} bytes left")]
    CountTooLarge { count: usize, remaining: usize },
    #[error("expected boolTrue or boolFalse, found #{id:08x}")]
    BadBool { id: u32 },
    #[error("flag bits {bits:#x} of `{field}` belong to no field")]
    UnknownFlags { field: &'static str, bits: u32 },
    #[error("nesting deeper than {limit} levels")]
    DepthExceeded { limit: u32 },
    /// The dynamic codec met a field whose type its schema does not define.
    #[error("the schema does not define the type `{name}`")]
    UnresolvedType { name: String },
}

impl DecodeErrorKind {
    /// Stable snake_case name used in JSON output and in `corpus/golden/invalid.json`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Truncated { .. } => "truncated",
            Self::UnknownConstructor { .. } => "unknown_constructor",
            Self::UnexpectedConstructor { .. } => "unexpected_constructor",
            Self::TrailingBytes { .. } => "trailing_bytes",
            Self::NonZeroPadding => "nonzero_padding",
            Self::NonCanonicalLength { .. } => "non_canonical_length",
            Self::InvalidLengthPrefix => "invalid_length_prefix",
            Self::InvalidUtf8 => "invalid_utf8",
            Self::BadVectorId { .. } => "bad_vector_id",
            Self::NegativeCount { .. } => "negative_count",
            Self::CountTooLarge { .. } => "count_too_large",
            Self::BadBool { .. } => "bad_bool",
            Self::UnknownFlags { .. } => "unknown_flags",
            Self::DepthExceeded { .. } => "depth_exceeded",
            Self::UnresolvedType { .. } => "unresolved_type",
        }
    }
}

/// A decode failure and the byte offset where it was detected.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("at byte {offset}: {kind}")]
pub struct DecodeError {
    pub offset: usize,
    pub kind: DecodeErrorKind,
}

/// Why a value could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EncodeError {
    #[error("{len} bytes is longer than the 16,777,215 a TL string or bytes value can carry")]
    TooLong { len: usize },
    #[error("{len} elements do not fit a TL vector count")]
    TooManyElements { len: usize },
    /// A dynamic value that does not fit its schema (`crate::dynamic`); boxed to keep
    /// `Result<_, EncodeError>` small for the typed codec's hot paths.
    #[error(transparent)]
    Value(#[from] Box<crate::dynamic::ValueError>),
    /// Fields that share one flag bit (`requestedPeerUser.first_name` and `last_name`
    /// are both `flags.0`) travel together: one present and the other absent has no
    /// encoding.
    #[error("`{first}` and `{second}` of {constructor} share flag bit {bit}: both must be present or both absent")]
    FlagGroupMismatch {
        constructor: &'static str,
        first: &'static str,
        second: &'static str,
        bit: u32,
    },
}
