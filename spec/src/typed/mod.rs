//! The typed TL codec: Rust types generated from each era's schema, which decode by
//! borrowing from the input and encode straight into a [`Writer`].
//!
//! * [`Serialize`], [`Deserialize`], [`Identifiable`] and [`RemoteCall`] are what every
//!   generated type implements; [`to_bytes`] and [`from_bytes`] are the entry points.
//! * [`gen`] is the generator (a library: any parsed schema in, Rust source out).
//! * [`generated`] holds its output for each era, checked in; the test
//!   `typed_generated_current` proves it matches the era schema files.
//!
//! `README.md` next to this file describes the TL → Rust mapping and how to regenerate.

pub mod gen;
pub mod generated;
mod opaque;
mod primitives;
pub mod runtime;
mod traits;

use crate::codec::{DecodeError, DecodeOptions, EncodeError, Reader, Writer};

pub use opaque::OpaqueResult;
pub use traits::{Deserialize, Identifiable, RemoteCall, Serialize};

/// Everything the generated modules use, imported with one glob (which their own items
/// shadow).
pub mod prelude {
    pub use std::borrow::Cow;

    pub use super::runtime::{
        bytes_len, flag_group_mismatch, get_bytes, put_bool, put_bytes, put_double, put_int,
        put_int128, put_int256, put_long, put_string, read_bare_vector, read_boxed,
        read_boxed_variant, read_if, read_vector, vector_len, write_bare_vector, write_vector,
        wrong_constructor,
    };
    pub use super::{
        transcode_as, transcode_builtin, Deserialize, Identifiable, OpaqueResult, RemoteCall,
        Serialize, TranscodeError,
    };
    pub use crate::codec::{DecodeError, DecodeOptions, EncodeError, Reader, Writer};
}

/// The wire form of `value`, in one allocation of exactly the right size.
#[inline]
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, EncodeError> {
    let mut w = Writer::with_capacity(value.serialized_len());
    value.serialize(&mut w)?;
    Ok(w.into_bytes())
}

/// Decodes one `T` that must take all of `bytes` (when `options` is strict, the default;
/// lenient decoding ignores what follows). Strings and bytes borrow from `bytes`.
#[inline]
pub fn from_bytes<'a, T: Deserialize<'a>>(
    bytes: &'a [u8],
    options: DecodeOptions,
) -> Result<T, DecodeError> {
    let mut r = Reader::new(bytes, options);
    let value = T::deserialize(&mut r)?;
    r.finish()?;
    Ok(value)
}

/// Why [`transcode_as`] failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TranscodeError {
    #[error("decoding: {0}")]
    Decode(#[from] DecodeError),
    #[error("encoding: {0}")]
    Encode(#[from] EncodeError),
}

/// Decodes `bytes` as a `T` and encodes it again. With strict options, success means the
/// output equals the input: strict decoding accepts only the canonical encoding.
pub fn transcode_as<'a, T: Deserialize<'a> + Serialize>(
    bytes: &'a [u8],
    options: DecodeOptions,
) -> Result<Vec<u8>, TranscodeError> {
    let value: T = from_bytes(bytes, options)?;
    Ok(to_bytes(&value)?)
}

/// [`transcode_as`] for TL's base types and vectors of them, by TL name: `int`, `long`,
/// `double`, `int128`, `int256`, `string`, `bytes`, `Bool` and `Vector<…>` of each.
pub fn transcode_builtin(
    name: &str,
    bytes: &[u8],
    options: DecodeOptions,
) -> Option<Result<Vec<u8>, TranscodeError>> {
    use std::borrow::Cow;
    Some(match name {
        "int" => transcode_as::<i32>(bytes, options),
        "long" => transcode_as::<i64>(bytes, options),
        "double" => transcode_as::<f64>(bytes, options),
        "int128" => transcode_as::<[u8; 16]>(bytes, options),
        "int256" => transcode_as::<[u8; 32]>(bytes, options),
        "string" => transcode_as::<Cow<'_, str>>(bytes, options),
        "bytes" => transcode_as::<Cow<'_, [u8]>>(bytes, options),
        "Bool" => transcode_as::<bool>(bytes, options),
        "Vector<int>" => transcode_as::<Vec<i32>>(bytes, options),
        "Vector<long>" => transcode_as::<Vec<i64>>(bytes, options),
        "Vector<double>" => transcode_as::<Vec<f64>>(bytes, options),
        "Vector<int128>" => transcode_as::<Vec<[u8; 16]>>(bytes, options),
        "Vector<int256>" => transcode_as::<Vec<[u8; 32]>>(bytes, options),
        "Vector<string>" => transcode_as::<Vec<Cow<'_, str>>>(bytes, options),
        "Vector<bytes>" => transcode_as::<Vec<Cow<'_, [u8]>>>(bytes, options),
        "Vector<Bool>" => transcode_as::<Vec<bool>>(bytes, options),
        _ => return None,
    })
}
