//! The wire forms of a string or bytes value: the canonical one, and the 4-byte length
//! form used whatever the length.

use crate::codec::Writer;

/// The value as the codec writes it (empty for a value too long for any form).
pub fn canonical(payload: &[u8]) -> Vec<u8> {
    let mut w = Writer::new();
    match w.bytes(payload) {
        Ok(()) => w.into_bytes(),
        Err(_) => Vec::new(),
    }
}

/// The byte 254, the length in 3 bytes, the payload, zero padding to a multiple of 4.
pub fn long_form(payload: &[u8]) -> Vec<u8> {
    let len = payload.len();
    let mut out = vec![254, len as u8, (len >> 8) as u8, (len >> 16) as u8];
    out.extend_from_slice(payload);
    out.resize(out.len().div_ceil(4) * 4, 0);
    out
}
