//! Byte-level scanning shared by every parser in the crate.
//!
//! There is no token stream: each concept's parser asks the [`Cursor`] for exactly the
//! piece it needs next, so no token is ever allocated and comments are stepped over in
//! place rather than stripped into a copy of the file.

mod cursor;

pub(crate) use cursor::Cursor;

/// Bytes that may start an identifier. TL names are ASCII; `_` appears in mtproto
/// names such as `p_q_inner_data` and is allowed first for safety of round trips.
pub(crate) fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

pub(crate) fn is_ident_continue(b: u8) -> bool {
    IDENT_CONTINUE[usize::from(b)]
}

/// `[A-Za-z0-9_]` as a table: identifiers are most of a schema's bytes, and one load
/// per byte is cheaper than the chain of range checks.
static IDENT_CONTINUE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// The value of a canonical decimal number: digits only, no leading zero (except `0`
/// itself), no overflow. Leading zeros are refused because ids are hashed from the
/// parsed value: `flags.01?` would hash as `flags.1?`, unlike the text it came from.
pub(crate) fn canonical_decimal(digits: &str) -> Option<u32> {
    let bytes = digits.as_bytes();
    if bytes.is_empty() || (bytes.len() > 1 && bytes.first() == Some(&b'0')) {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &d| {
        if !d.is_ascii_digit() {
            return None;
        }
        acc.checked_mul(10)?.checked_add(u32::from(d - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_bytes() {
        for b in 0..=255u8 {
            assert_eq!(
                is_ident_continue(b),
                b.is_ascii_alphanumeric() || b == b'_',
                "{b}"
            );
        }
        assert!(is_ident_start(b'p') && is_ident_start(b'_'));
        assert!(!is_ident_start(b'1') && !is_ident_start(b'.'));
        assert!(is_ident_continue(b'1') && !is_ident_continue(b'.'));
    }

    #[test]
    fn canonical_decimals() {
        assert_eq!(canonical_decimal("0"), Some(0));
        assert_eq!(canonical_decimal("31"), Some(31));
        assert_eq!(canonical_decimal("4294967295"), Some(u32::MAX));
        assert_eq!(canonical_decimal("4294967296"), None);
        assert_eq!(canonical_decimal("01"), None);
        assert_eq!(canonical_decimal(""), None);
        assert_eq!(canonical_decimal("1a"), None);
    }
}
