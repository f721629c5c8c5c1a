//! Reading TL's wire primitives (little-endian 32-bit words, length-prefixed byte strings,
//! boxed booleans, vectors) from a byte slice without copying.
//!
//! Sources: https://core.telegram.org/mtproto/serialize (words, strings, vectors) and
//! https://core.telegram.org/mtproto/TL-formal (Bool, `true`).

use std::borrow::Cow;

use super::error::{DecodeError, DecodeErrorKind};
use super::options::DecodeOptions;
use super::{BOOL_FALSE, BOOL_TRUE, VECTOR};

/// A cursor over the input. Strings and bytes borrow from the input.
///
/// The cursor is the unread rest of the input rather than an index into it, so a
/// fixed-size read is one length comparison (`split_first_chunk`); an index needs a
/// second check that it lies inside the input. The position is derived from the
/// input's length.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    rest: &'a [u8],
    len: usize,
    depth: u32,
    options: DecodeOptions,
}

type Result<T> = std::result::Result<T, DecodeError>;

impl<'a> Reader<'a> {
    #[inline]
    pub fn new(buf: &'a [u8], options: DecodeOptions) -> Self {
        Self {
            rest: buf,
            len: buf.len(),
            depth: 0,
            options,
        }
    }

    #[inline]
    pub fn options(&self) -> DecodeOptions {
        self.options
    }

    #[inline]
    pub fn position(&self) -> usize {
        self.len - self.rest.len()
    }

    #[inline]
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// An error detected at `offset`.
    #[cold]
    pub fn error_at(&self, offset: usize, kind: DecodeErrorKind) -> DecodeError {
        DecodeError { offset, kind }
    }

    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        match self.rest.split_at_checked(n) {
            Some((slice, rest)) => {
                self.rest = rest;
                Ok(slice)
            }
            None => Err(self.error_at(
                self.position(),
                DecodeErrorKind::Truncated {
                    needed: n,
                    available: self.remaining(),
                },
            )),
        }
    }

    #[inline]
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        match self.rest.split_first_chunk::<N>() {
            Some((chunk, rest)) => {
                self.rest = rest;
                Ok(*chunk)
            }
            None => Err(self.error_at(
                self.position(),
                DecodeErrorKind::Truncated {
                    needed: N,
                    available: self.remaining(),
                },
            )),
        }
    }

    /// The next `n` bytes as they are, borrowed (the mirror of `Writer::raw`).
    #[inline]
    pub fn raw(&mut self, n: usize) -> Result<&'a [u8]> {
        self.take(n)
    }

    #[inline]
    pub fn u32(&mut self) -> Result<u32> {
        self.array().map(u32::from_le_bytes)
    }

    #[inline]
    pub fn int(&mut self) -> Result<i32> {
        self.array().map(i32::from_le_bytes)
    }

    #[inline]
    pub fn long(&mut self) -> Result<i64> {
        self.array().map(i64::from_le_bytes)
    }

    #[inline]
    pub fn double(&mut self) -> Result<f64> {
        self.array().map(f64::from_le_bytes)
    }

    #[inline]
    pub fn int128(&mut self) -> Result<[u8; 16]> {
        self.array()
    }

    #[inline]
    pub fn int256(&mut self) -> Result<[u8; 32]> {
        self.array()
    }

    /// A constructor id, returned with the offset it was read at (for error reports).
    #[inline]
    pub fn id(&mut self) -> Result<(u32, usize)> {
        let at = self.position();
        self.u32().map(|id| (id, at))
    }

    /// A `#` field: bits that no field of the constructor uses are an error when strict,
    /// because re-encoding would silently drop them.
    #[inline]
    pub fn flags(&mut self, field: &'static str, known: u32) -> Result<u32> {
        let at = self.position();
        let bits = self.u32()?;
        let unknown = bits & !known;
        if unknown != 0 && self.options.is_strict() {
            return Err(self.error_at(
                at,
                DecodeErrorKind::UnknownFlags {
                    field,
                    bits: unknown,
                },
            ));
        }
        Ok(bits)
    }

    /// A `bytes` value: length prefix, payload, zero padding to a multiple of 4.
    ///
    /// Offsets follow corpus/golden/README.md: a value that runs past the end is reported
    /// at its first byte (the length byte), with the size of the whole value as `needed`;
    /// non-zero padding at the first non-zero padding byte.
    #[inline]
    pub fn bytes(&mut self) -> Result<&'a [u8]> {
        let start = self.position();
        let input = self.rest;
        let truncated = |r: &Self, needed: usize| {
            r.error_at(
                start,
                DecodeErrorKind::Truncated {
                    needed,
                    available: input.len(),
                },
            )
        };
        let Some(&first) = input.first() else {
            return Err(truncated(self, 1));
        };
        let (len, header) = if first < 254 {
            (usize::from(first), 1)
        } else if first == 254 {
            let Some(l) = input.get(1..4) else {
                return Err(truncated(self, 4));
            };
            let len = usize::from(l[0]) | usize::from(l[1]) << 8 | usize::from(l[2]) << 16;
            if len < 254 && self.options.is_strict() {
                return Err(self.error_at(start, DecodeErrorKind::NonCanonicalLength { len }));
            }
            (len, 4)
        } else {
            // 255 is reserved; no reading of it yields a length.
            return Err(self.error_at(start, DecodeErrorKind::InvalidLengthPrefix));
        };
        let total = (header + len).div_ceil(4) * 4;
        let Some((value, rest)) = input.split_at_checked(total) else {
            return Err(truncated(self, total));
        };
        let (payload, padding) = value[header..].split_at(len);
        if self.options.is_strict() {
            if let Some(i) = padding.iter().position(|&b| b != 0) {
                return Err(
                    self.error_at(start + header + len + i, DecodeErrorKind::NonZeroPadding)
                );
            }
        }
        self.rest = rest;
        Ok(payload)
    }

    /// A `string` value: `bytes` that must be UTF-8 (lenient decoding substitutes U+FFFD).
    /// Invalid UTF-8 is reported at the first byte that is not valid.
    #[inline]
    pub fn string(&mut self) -> Result<Cow<'a, str>> {
        let start = self.position();
        let raw = self.bytes()?;
        match std::str::from_utf8(raw) {
            Ok(s) => Ok(Cow::Borrowed(s)),
            Err(_) if !self.options.is_strict() => Ok(String::from_utf8_lossy(raw)),
            Err(e) => {
                let header = if raw.len() < 254 { 1 } else { 4 };
                Err(self.error_at(
                    start + header + e.valid_up_to(),
                    DecodeErrorKind::InvalidUtf8,
                ))
            }
        }
    }

    /// A boxed `Bool`.
    #[inline]
    pub fn bool(&mut self) -> Result<bool> {
        match self.id()? {
            (BOOL_TRUE, _) => Ok(true),
            (BOOL_FALSE, _) => Ok(false),
            (id, at) => Err(self.error_at(at, DecodeErrorKind::BadBool { id })),
        }
    }

    /// The header of a boxed vector: its id and element count. `min_element_size` is a lower
    /// bound on one element's encoding, so an impossible count is rejected before anything
    /// is allocated for it. Zero-sized elements are bounded as if they took one byte.
    #[inline]
    pub fn vector_len(&mut self, min_element_size: usize) -> Result<usize> {
        match self.id()? {
            (VECTOR, _) => self.count(min_element_size),
            (id, at) => Err(self.error_at(at, DecodeErrorKind::BadVectorId { id })),
        }
    }

    /// The element count of a bare vector.
    #[inline]
    pub fn count(&mut self, min_element_size: usize) -> Result<usize> {
        let at = self.position();
        let count = self.int()?;
        let count = usize::try_from(count)
            .map_err(|_| self.error_at(at, DecodeErrorKind::NegativeCount { count }))?;
        let remaining = self.remaining();
        if count.saturating_mul(min_element_size.max(1)) > remaining {
            return Err(self.error_at(at, DecodeErrorKind::CountTooLarge { count, remaining }));
        }
        Ok(count)
    }

    /// Runs `read` one nesting level deeper, failing instead of recursing past the limit.
    #[inline(always)]
    pub fn nested<T>(&mut self, read: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.enter()?;
        let result = read(self);
        self.leave();
        result
    }

    /// The first half of [`Reader::nested`], for callers that cannot pass a closure
    /// without losing inlining (the typed codec): one level deeper, or `DepthExceeded`
    /// at the current offset. Every successful `enter` must be followed by a `leave`.
    #[inline(always)]
    pub fn enter(&mut self) -> Result<()> {
        if self.depth >= self.options.max_depth {
            return Err(self.error_at(
                self.position(),
                DecodeErrorKind::DepthExceeded {
                    limit: self.options.max_depth,
                },
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// The second half of [`Reader::nested`]: back out one level.
    #[inline(always)]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Ends decoding: strict decoding allows nothing after the value.
    #[inline]
    pub fn finish(&self) -> Result<()> {
        match self.remaining() {
            0 => Ok(()),
            count if self.options.is_strict() => {
                Err(self.error_at(self.position(), DecodeErrorKind::TrailingBytes { count }))
            }
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::Writer;

    fn strict(buf: &[u8]) -> Reader<'_> {
        Reader::new(buf, DecodeOptions::default())
    }

    fn kind<T: std::fmt::Debug>(r: Result<T>) -> (usize, DecodeErrorKind) {
        let e = r.unwrap_err();
        (e.offset, e.kind)
    }

    #[test]
    fn lengths_switch_to_the_long_form_at_254() {
        for (len, total, header) in [
            (0, 4, vec![0]),
            (1, 4, vec![1]),
            (253, 256, vec![253]),
            (254, 260, vec![254, 254, 0, 0]),
            (300, 304, vec![254, 44, 1, 0]),
        ] {
            let mut w = Writer::new();
            w.bytes(&vec![7; len]).unwrap();
            let bytes = w.into_bytes();
            assert_eq!(bytes.len(), total, "length {len}");
            assert_eq!(&bytes[..header.len()], &header[..], "length {len}");
            let mut r = strict(&bytes);
            assert_eq!(r.bytes().unwrap(), &vec![7; len][..]);
            r.finish().unwrap();
        }
    }

    #[test]
    fn strict_rejects_what_lenient_reads() {
        let nonzero_padding = [1, b'a', 0, 1];
        assert_eq!(
            kind(strict(&nonzero_padding).bytes()),
            (3, DecodeErrorKind::NonZeroPadding)
        );
        let long_form_short = [254, 1, 0, 0, b'a', 0, 0, 0];
        assert_eq!(
            kind(strict(&long_form_short).bytes()),
            (0, DecodeErrorKind::NonCanonicalLength { len: 1 })
        );
        let bad_utf8 = [1, 0xff, 0, 0];
        assert_eq!(
            kind(strict(&bad_utf8).string()),
            (1, DecodeErrorKind::InvalidUtf8)
        );
        let trailing = [0, 0, 0, 0, 9];
        let mut r = strict(&trailing);
        r.int().unwrap();
        assert_eq!(
            r.finish().unwrap_err().kind,
            DecodeErrorKind::TrailingBytes { count: 1 }
        );

        for input in [&nonzero_padding[..], &long_form_short, &bad_utf8] {
            let mut r = Reader::new(input, DecodeOptions::lenient());
            r.string().unwrap();
            r.finish().unwrap();
        }
        let mut r = Reader::new(&trailing, DecodeOptions::lenient());
        r.int().unwrap();
        r.finish().unwrap();
    }

    #[test]
    fn counts_are_checked_before_anything_is_allocated() {
        let huge = [0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0x7f];
        assert_eq!(
            kind(strict(&huge).vector_len(4)),
            (
                4,
                DecodeErrorKind::CountTooLarge {
                    count: i32::MAX as usize,
                    remaining: 0
                }
            )
        );
        let negative = [0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0xff];
        assert_eq!(
            kind(strict(&negative).vector_len(4)),
            (4, DecodeErrorKind::NegativeCount { count: -1 })
        );
        let wrong_id = [1, 2, 3, 4, 0, 0, 0, 0];
        assert_eq!(
            kind(strict(&wrong_id).vector_len(4)),
            (0, DecodeErrorKind::BadVectorId { id: 0x0403_0201 })
        );
    }

    #[test]
    fn truncation_reports_where_and_how_much() {
        assert_eq!(
            kind(strict(&[1, 2]).long()),
            (
                0,
                DecodeErrorKind::Truncated {
                    needed: 8,
                    available: 2
                }
            )
        );
        assert_eq!(
            kind(strict(&[5, b'a']).bytes()),
            (
                0,
                DecodeErrorKind::Truncated {
                    needed: 8,
                    available: 2
                }
            )
        );
        assert_eq!(
            kind(strict(&[254, 44, 1]).bytes()),
            (
                0,
                DecodeErrorKind::Truncated {
                    needed: 4,
                    available: 3
                }
            )
        );
        assert_eq!(
            kind(strict(&[1, b'a']).bytes()),
            (
                0,
                DecodeErrorKind::Truncated {
                    needed: 4,
                    available: 2
                }
            )
        );
        assert_eq!(
            kind(strict(&[]).bytes()),
            (
                0,
                DecodeErrorKind::Truncated {
                    needed: 1,
                    available: 0
                }
            )
        );
        let mut after_int = strict(&[0, 0, 0, 0, 3, b'a', b'b']);
        after_int.int().unwrap();
        assert_eq!(
            kind(after_int.bytes()),
            (
                4,
                DecodeErrorKind::Truncated {
                    needed: 4,
                    available: 3
                }
            )
        );
        // UTF-8 errors point into the data: c3 28 is a lead byte without its continuation.
        assert_eq!(
            kind(strict(&[3, b'a', 0xc3, 0x28]).string()),
            (2, DecodeErrorKind::InvalidUtf8)
        );
        assert_eq!(
            kind(strict(&[255, 0, 0, 0]).bytes()),
            (0, DecodeErrorKind::InvalidLengthPrefix)
        );
    }

    #[test]
    fn bools_and_flags() {
        let mut w = Writer::new();
        w.bool(true);
        w.bool(false);
        w.u32(0b101);
        let bytes = w.into_bytes();
        let mut r = strict(&bytes);
        assert!(r.bool().unwrap());
        assert!(!r.bool().unwrap());
        assert_eq!(
            kind(r.clone().flags("flags", 0b001)),
            (
                8,
                DecodeErrorKind::UnknownFlags {
                    field: "flags",
                    bits: 0b100
                }
            )
        );
        assert_eq!(r.flags("flags", 0b101).unwrap(), 0b101);
        assert_eq!(
            kind(strict(&[0; 4]).bool()),
            (0, DecodeErrorKind::BadBool { id: 0 })
        );
    }

    #[test]
    fn nesting_stops_at_the_limit() {
        fn dive(r: &mut Reader<'_>) -> Result<()> {
            r.nested(dive)
        }
        let options = DecodeOptions {
            max_depth: 10,
            ..DecodeOptions::default()
        };
        assert_eq!(
            dive(&mut Reader::new(&[], options)).unwrap_err().kind,
            DecodeErrorKind::DepthExceeded { limit: 10 }
        );
    }
}
