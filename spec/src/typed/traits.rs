//! The four traits every generated type implements (or some of them).

use crate::codec::{DecodeError, EncodeError, Reader, Writer};

/// Writes a value in its TL wire form.
///
/// Constructor structs and enums write the **boxed** form (constructor id first); bare
/// uses of a constructor go through the generated inherent `serialize_bare`.
pub trait Serialize {
    /// Appends the wire form to `w`. Only strings, bytes and vectors can fail (too long),
    /// and a pair of fields that share one flag bit but disagree about being present.
    fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError>;

    /// The exact number of bytes [`Serialize::serialize`] appends, computed without
    /// writing; used to allocate the output once.
    fn serialized_len(&self) -> usize;
}

/// Reads a value from its TL wire form, borrowing strings and bytes from the input.
pub trait Deserialize<'a>: Sized {
    /// A lower bound on the encoded size of one value, used to reject impossible vector
    /// counts before anything is allocated ([`Reader::vector_len`]). Boxed values count
    /// as their 4-byte id, whatever their fields: the convention of the dynamic codec and
    /// of `corpus/golden/README.md`, so both reject the same counts.
    const MIN_SIZE: usize;

    fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError>;
}

/// A single TL constructor or function: its id and its TL name.
pub trait Identifiable {
    const CONSTRUCTOR_ID: u32;
    /// The TL name with its namespace, as in the schema: `messages.sendBotRequestedPeer`.
    const NAME: &'static str;
}

/// A TL function (RPC method): its request is `Self`, its answer a `Return`.
pub trait RemoteCall: Serialize + Identifiable {
    /// The Rust type of the function's result type; `'r` is the lifetime of the bytes
    /// the answer is decoded from.
    type Return<'r>: Deserialize<'r> + Serialize;
}
