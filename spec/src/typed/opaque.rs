//! The answer of a function whose result type the era's schema leaves out.
//!
//! Era files carry the closure of the button objects, not of every function's result:
//! `messages.sendBotRequestedPeer` returns `Updates`, which would pull in most of the API.
//! Such a function's `RemoteCall::Return` is [`OpaqueResult`]: the answer's constructor id
//! and the bytes after it, kept as they are. A function's answer is always the whole rest
//! of its `rpc_result`, so taking every remaining byte is exact there, and only there:
//! `OpaqueResult` is no use inside another value.

use std::borrow::Cow;

use super::traits::{Deserialize, Serialize};
use crate::codec::{DecodeError, EncodeError, Reader, Writer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpaqueResult<'a> {
    pub id: u32,
    /// Everything after the id.
    pub body: Cow<'a, [u8]>,
}

impl Serialize for OpaqueResult<'_> {
    #[inline]
    fn serialize(&self, w: &mut Writer) -> Result<(), EncodeError> {
        w.u32(self.id);
        w.raw(&self.body);
        Ok(())
    }

    #[inline]
    fn serialized_len(&self) -> usize {
        4 + self.body.len()
    }
}

impl<'a> Deserialize<'a> for OpaqueResult<'a> {
    const MIN_SIZE: usize = 4;

    #[inline]
    fn deserialize(r: &mut Reader<'a>) -> Result<Self, DecodeError> {
        let (id, _) = r.id()?;
        let body = r.raw(r.remaining())?;
        Ok(Self {
            id,
            body: Cow::Borrowed(body),
        })
    }
}
