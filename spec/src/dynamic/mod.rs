//! The dynamic TL codec: any parsed schema, values as a tree.
//!
//! ```
//! use tgconf_spec::codec::DecodeOptions;
//! use tgconf_spec::dynamic::{decode, encode, from_json_str, to_json, Registry, TypeSpec};
//!
//! let schema = tl_parser::parse_schema(
//!     "keyboardButtonStyle#4fdd3430 flags:# bg_primary:flags.0?true bg_danger:flags.1?true \
//!      bg_success:flags.2?true icon:flags.3?long = KeyboardButtonStyle;",
//! )?;
//! let registry = Registry::build(&schema)?;
//! let ty = registry.type_spec("KeyboardButtonStyle")?;
//!
//! // flow-rules §9.1: keyboardButtonStyle{bg_primary}
//! let bytes = [0x30, 0x34, 0xdd, 0x4f, 0x01, 0x00, 0x00, 0x00];
//! let value = decode(&registry, &ty, &bytes, DecodeOptions::default())?;
//! assert_eq!(to_json(&value).to_string(), r#"{"_":"keyboardButtonStyle","bg_primary":true}"#);
//! assert_eq!(encode(&registry, &value)?, bytes);
//!
//! let parsed = from_json_str(&registry, &TypeSpec::object(), r#"{"_": "keyboardButtonStyle", "icon": "-1"}"#)?;
//! assert_eq!(encode(&registry, &parsed)?[4..8], [8, 0, 0, 0]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! * [`Registry`]: a schema compiled once: constructors by id and name, types, and every
//!   parameter's type resolved to a [`Kind`]. Building it refuses schemas no codec can
//!   use ([`RegistryError`]); types it does not know become [`Kind::Unresolved`] and fail
//!   only when a value of them is read or written.
//! * [`Value`]: the tree. Decoding borrows strings and bytes from the input.
//! * [`decode`] / [`encode`] / [`encode_as`]: the wire form, with the strict and lenient
//!   [`DecodeOptions`](crate::codec::DecodeOptions) of the wire primitives; [`decode_in`]
//!   decodes into an [`Arena`], for fewer allocations than a tree that owns its parts.
//! * [`to_json`] / [`from_json`] / [`from_json_str`]: the canonical JSON form of
//!   docs/canonical-json.md.

mod arena;
mod cow_slice;
mod decode;
mod encode;
mod error;
mod generate;
pub mod hex;
mod json;
mod kind;
mod registry;
mod type_spec;
mod value;

pub use arena::Arena;
pub use cow_slice::CowSlice;
pub use decode::{decode, decode_from, decode_in};
pub use encode::{encode, encode_as, encode_into};
pub use error::{
    JsonError, JsonErrorKind, Path, RegistryError, TypeSpecError, ValueError, ValueErrorKind,
};
pub use generate::Generator;
pub use json::{from_json, from_json_str, parse_strict, to_json};
pub use kind::Kind;
pub use registry::{
    Condition, Constructor, ConstructorId, Param, Registry, Skipped, TypeId, TypeInfo,
    MAX_FLAG_FIELDS,
};
pub use type_spec::TypeSpec;
pub use value::{Field, Object, Value};
