//! [`Serialize`] and [`Deserialize`] for the Rust types that TL's base types map to, so
//! that `Vec<T>`, function results (`Vector<long>`, `Bool`) and [`super::to_bytes`] work
//! on them too. The generated code does not go through these impls for fields: it calls
//! the [`Reader`] and [`Writer`] primitives directly.
//!
//! Each impl writes the value as TL sends it where it stands alone: numbers, strings and
//! bytes bare, `bool` as a boxed `Bool`, `Vec<T>` as a boxed `Vector<T>`.

use std::borrow::Cow;

use super::runtime::{bytes_len, read_vector, vector_len, write_vector};
use super::traits::{Deserialize, Serialize};
use crate::codec::{DecodeError, EncodeError, Reader, Writer};

macro_rules! fixed {
    ($ty:ty, $size:expr, $write:ident, $read:ident) => {
        impl Serialize for $ty {
            #[inline]
            fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {
                w.$write(*self);
                Ok(())
            }

            #[inline]
            fn serialized_len(&self) -> usize {
                $size
            }
        }

        impl<'a> Deserialize<'a> for $ty {
            const MIN_SIZE: usize = $size;

            #[inline]
            fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                r.$read()
            }
        }
    };
}

fixed!(i32, 4, int, int);
fixed!(i64, 8, long, long);
fixed!(f64, 8, double, double);
fixed!(bool, 4, bool, bool);

macro_rules! wide {
    ($n:literal, $read:ident) => {
        impl Serialize for [u8; $n] {
            #[inline]
            fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {
                w.raw(self);
                Ok(())
            }

            #[inline]
            fn serialized_len(&self) -> usize {
                $n
            }
        }

        impl<'a> Deserialize<'a> for [u8; $n] {
            const MIN_SIZE: usize = $n;

            #[inline]
            fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
                r.$read()
            }
        }
    };
}

wide!(16, int128);
wide!(32, int256);

/// `string`.
impl Serialize for Cow<'_, str> {
    #[inline]
    fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {
        w.string(self)
    }

    #[inline]
    fn serialized_len(&self) -> usize {
        bytes_len(self.len())
    }
}

impl<'a> Deserialize<'a> for Cow<'a, str> {
    const MIN_SIZE: usize = 4;

    #[inline]
    fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.string()
    }
}

/// `bytes`.
impl Serialize for Cow<'_, [u8]> {
    #[inline]
    fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {
        w.bytes(self)
    }

    #[inline]
    fn serialized_len(&self) -> usize {
        bytes_len(self.len())
    }
}

impl<'a> Deserialize<'a> for Cow<'a, [u8]> {
    const MIN_SIZE: usize = 4;

    #[inline]
    fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        r.bytes().map(Cow::Borrowed)
    }
}

/// A boxed `Vector<T>`.
impl<T: Serialize> Serialize for Vec<T> {
    #[inline]
    fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {
        write_vector(w, self, T::serialize)
    }

    #[inline]
    fn serialized_len(&self) -> usize {
        vector_len(true, self, T::serialized_len)
    }
}

impl<'a, T: Deserialize<'a>> Deserialize<'a> for Vec<T> {
    const MIN_SIZE: usize = 8;

    #[inline]
    fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        read_vector(r, T::MIN_SIZE, T::deserialize)
    }
}

/// Boxing (used to break recursion) changes nothing on the wire.
impl<T: Serialize + ?Sized> Serialize for Box<T> {
    #[inline]
    fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {
        (**self).serialize(w)
    }

    #[inline]
    fn serialized_len(&self) -> usize {
        (**self).serialized_len()
    }
}

impl<'a, T: Deserialize<'a>> Deserialize<'a> for Box<T> {
    const MIN_SIZE: usize = T::MIN_SIZE;

    #[inline]
    fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        T::deserialize(r).map(Box::new)
    }
}
