//! Writing TL's wire primitives. The mirror of [`super::reader`]: always the canonical form
//! (shortest length prefix, zero padding).

use super::error::EncodeError;
use super::{BOOL_FALSE, BOOL_TRUE, VECTOR};

/// The largest length the 3-byte long form can carry.
pub const MAX_BYTES_LEN: usize = (1 << 24) - 1;

/// An output buffer.
#[derive(Debug, Default, Clone)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    #[inline]
    pub fn new() -> Self {
        Self::default()
    }

    #[inline]
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            out: Vec::with_capacity(capacity),
        }
    }

    #[inline]
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }

    /// The number of bytes written so far: a position for [`Writer::patch_u32`] and
    /// [`Writer::truncate`].
    #[inline]
    pub fn len(&self) -> usize {
        self.out.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.out.is_empty()
    }

    /// Forgets everything written after position `len`.
    #[inline]
    pub fn truncate(&mut self, len: usize) {
        self.out.truncate(len);
    }

    /// Overwrites the 4 bytes at position `at` (written earlier, e.g. as a placeholder
    /// for a word known only after what follows it) with `v`.
    ///
    /// # Panics
    /// If fewer than 4 bytes were written from `at` on.
    #[inline]
    pub fn patch_u32(&mut self, at: usize, v: u32) {
        self.out[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }

    #[inline]
    pub fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    #[inline]
    pub fn int(&mut self, v: i32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    #[inline]
    pub fn long(&mut self, v: i64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    #[inline]
    pub fn double(&mut self, v: f64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    #[inline]
    pub fn raw(&mut self, v: &[u8]) {
        self.out.extend_from_slice(v);
    }

    #[inline]
    pub fn bool(&mut self, v: bool) {
        self.u32(if v { BOOL_TRUE } else { BOOL_FALSE });
    }

    #[inline]
    pub fn bytes(&mut self, v: &[u8]) -> Result<(), EncodeError> {
        let len = v.len();
        let header = if len < 254 {
            self.out.push(len as u8);
            1
        } else if len <= MAX_BYTES_LEN {
            self.out
                .extend_from_slice(&[254, len as u8, (len >> 8) as u8, (len >> 16) as u8]);
            4
        } else {
            return Err(EncodeError::TooLong { len });
        };
        self.out.extend_from_slice(v);
        self.out
            .extend_from_slice(&[0; 3][..(4 - (header + len) % 4) % 4]);
        Ok(())
    }

    #[inline]
    pub fn string(&mut self, v: &str) -> Result<(), EncodeError> {
        self.bytes(v.as_bytes())
    }

    /// A boxed vector's header.
    #[inline]
    pub fn vector_len(&mut self, len: usize) -> Result<(), EncodeError> {
        self.u32(VECTOR);
        self.count(len)
    }

    /// A bare vector's element count.
    #[inline]
    pub fn count(&mut self, len: usize) -> Result<(), EncodeError> {
        let count = i32::try_from(len).map_err(|_| EncodeError::TooManyElements { len })?;
        self.int(count);
        Ok(())
    }
}
