//! Small helpers the generated code calls: vectors, lengths and the cold error paths.
//! They are `#[inline]` (or `#[cold]`) so that the generated code compiles to straight
//! reads and writes on the [`Reader`] and [`Writer`].

use super::traits::Identifiable;
use crate::codec::{DecodeError, DecodeErrorKind, EncodeError, Reader, Writer};

/// The most bytes a vector's first allocation may take, whatever count the input claims.
/// Larger vectors grow as their elements are actually decoded, so memory stays
/// proportional to the input.
const MAX_INITIAL_VECTOR_BYTES: usize = 64 * 1024;

#[inline]
fn initial_capacity<T>(count: usize) -> usize {
    count.min(MAX_INITIAL_VECTOR_BYTES / std::mem::size_of::<T>().max(1))
}

/// A boxed `Vector<T>`: `vector#1cb5c415`, a count, the elements.
#[inline]
pub fn read_vector<'a, T>(
    r: &mut Reader<'a>,
    min_size: usize,
    read: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let count = r.vector_len(min_size)?;
    read_elements(r, count, read)
}

/// A bare `vector<T>`: a count, the elements.
#[inline]
pub fn read_bare_vector<'a, T>(
    r: &mut Reader<'a>,
    min_size: usize,
    read: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let count = r.count(min_size)?;
    read_elements(r, count, read)
}

#[inline]
fn read_elements<'a, T>(
    r: &mut Reader<'a>,
    count: usize,
    mut read: impl FnMut(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Vec<T>, DecodeError> {
    let mut out = Vec::with_capacity(initial_capacity::<T>(count));
    for _ in 0..count {
        // An explicit match, not `push(read(r)?)`: measured 20-30% faster on vectors of
        // small enums (the element is moved into the vector without a detour).
        match read(r) {
            Ok(item) => out.push(item),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// A boxed `Vector<T>`.
#[inline]
pub fn write_vector<T>(
    w: &mut Writer,
    items: &[T],
    write: impl FnMut(&T, &mut Writer) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    w.vector_len(items.len())?;
    write_elements(w, items, write)
}

/// A bare `vector<T>`.
#[inline]
pub fn write_bare_vector<T>(
    w: &mut Writer,
    items: &[T],
    write: impl FnMut(&T, &mut Writer) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    w.count(items.len())?;
    write_elements(w, items, write)
}

#[inline]
fn write_elements<T>(
    w: &mut Writer,
    items: &[T],
    mut write: impl FnMut(&T, &mut Writer) -> Result<(), EncodeError>,
) -> Result<(), EncodeError> {
    for item in items {
        write(item, w)?;
    }
    Ok(())
}

/// The encoded size of a `string` or `bytes` value of `len` bytes: length prefix,
/// payload and padding to a multiple of 4.
#[inline]
pub const fn bytes_len(len: usize) -> usize {
    let header = if len < 254 { 1 } else { 4 };
    (header + len + 3) & !3
}

/// The encoded size of a vector: 8 bytes of header (boxed) or 4 (bare), then the items.
#[inline]
pub fn vector_len<T>(boxed: bool, items: &[T], mut len: impl FnMut(&T) -> usize) -> usize {
    let header = if boxed { 8 } else { 4 };
    items.iter().fold(header, |sum, item| sum + len(item))
}

/// The error for a constructor id that is not one of the expected ones: `unknown` if the
/// era schema has no such id, `unexpected` (naming what was expected) if it has.
#[cold]
#[inline(never)]
pub fn wrong_constructor(
    id: u32,
    at: usize,
    expected: &str,
    known: fn(u32) -> Option<&'static str>,
) -> DecodeError {
    let kind = match known(id) {
        Some(_) => DecodeErrorKind::UnexpectedConstructor {
            id,
            expected: expected.to_owned(),
        },
        None => DecodeErrorKind::UnknownConstructor { id },
    };
    DecodeError { offset: at, kind }
}

/// The error for fields that share a flag bit but disagree about being present.
#[cold]
#[inline(never)]
pub fn flag_group_mismatch(
    constructor: &'static str,
    first: &'static str,
    second: &'static str,
    bit: u32,
) -> EncodeError {
    EncodeError::FlagGroupMismatch {
        constructor,
        first,
        second,
        bit,
    }
}

/// A conditional field: read with `read` when its flag bit is set.
#[inline(always)]
pub fn read_if<'a, T>(
    r: &mut Reader<'a>,
    present: bool,
    read: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Option<T>, DecodeError> {
    if present {
        read(r).map(Some)
    } else {
        Ok(None)
    }
}

/// A boxed constructor whose id must be `id`: one nesting level, the id, the fields.
#[inline(always)]
pub fn read_boxed<'a, T: Identifiable>(
    r: &mut Reader<'a>,
    known: fn(u32) -> Option<&'static str>,
    read: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    r.nested(|r| {
        let (id, at) = r.id()?;
        if id != T::CONSTRUCTOR_ID {
            return Err(wrong_constructor(id, at, T::NAME, known));
        }
        read(r)
    })
}

/// The struct of a boxed enum variant (where a type recurses), read out of line: the
/// recursion goes through this call, and the enum's own decoding stays small enough to
/// be inlined where it is used.
#[inline(never)]
pub fn read_boxed_variant<'a, T>(
    r: &mut Reader<'a>,
    read: impl FnOnce(&mut Reader<'a>) -> Result<T, DecodeError>,
) -> Result<Box<T>, DecodeError> {
    read(r).map(Box::new)
}

/// A `bytes` value, borrowed from the input.
#[inline(always)]
pub fn get_bytes<'a>(r: &mut Reader<'a>) -> Result<std::borrow::Cow<'a, [u8]>, DecodeError> {
    r.bytes().map(std::borrow::Cow::Borrowed)
}

// Writers with the signature vector elements need, `(&T, &mut Writer)`.

#[inline(always)]
pub fn put_int(v: &i32, w: &mut Writer) -> Result<(), EncodeError> {
    w.int(*v);
    Ok(())
}

#[inline(always)]
pub fn put_long(v: &i64, w: &mut Writer) -> Result<(), EncodeError> {
    w.long(*v);
    Ok(())
}

#[inline(always)]
pub fn put_double(v: &f64, w: &mut Writer) -> Result<(), EncodeError> {
    w.double(*v);
    Ok(())
}

#[inline(always)]
pub fn put_bool(v: &bool, w: &mut Writer) -> Result<(), EncodeError> {
    w.bool(*v);
    Ok(())
}

#[inline(always)]
pub fn put_int128(v: &[u8; 16], w: &mut Writer) -> Result<(), EncodeError> {
    w.raw(v);
    Ok(())
}

#[inline(always)]
pub fn put_int256(v: &[u8; 32], w: &mut Writer) -> Result<(), EncodeError> {
    w.raw(v);
    Ok(())
}

#[inline(always)]
#[allow(clippy::ptr_arg)] // the element type of `Vec<Cow<str>>` is `Cow<str>`
pub fn put_string(v: &std::borrow::Cow<'_, str>, w: &mut Writer) -> Result<(), EncodeError> {
    w.string(v)
}

#[inline(always)]
#[allow(clippy::ptr_arg)]
pub fn put_bytes(v: &std::borrow::Cow<'_, [u8]>, w: &mut Writer) -> Result<(), EncodeError> {
    w.bytes(v)
}
