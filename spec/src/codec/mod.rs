//! The TL binary codec: wire primitives shared by the typed codec (generated Rust types)
//! and the dynamic codec (any parsed schema, values as a tree).

pub mod error;
pub mod options;
pub mod reader;
pub mod writer;

pub use error::{DecodeError, DecodeErrorKind, EncodeError};
pub use options::{DecodeOptions, Strictness};
pub use reader::Reader;
pub use writer::Writer;

/// `vector#1cb5c415 {t:Type} # [ t ] = Vector t;`
pub const VECTOR: u32 = 0x1cb5_c415;
/// `boolTrue#997275b5 = Bool;`
pub const BOOL_TRUE: u32 = 0x9972_75b5;
/// `boolFalse#bc799737 = Bool;`
pub const BOOL_FALSE: u32 = 0xbc79_9737;
