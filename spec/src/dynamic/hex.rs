//! Lowercase hex, the canonical JSON form of `bytes`, `int128` and `int256`.

/// Lowercase hex of `bytes`.
pub fn encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

/// Why a text is not hex of the accepted form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HexError {
    /// An odd number of digits.
    OddLength,
    /// Something other than a (lowercase, if canonical) hex digit at this byte offset.
    BadDigit { at: usize },
}

impl std::fmt::Display for HexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HexError::OddLength => f.write_str("an odd number of hex digits"),
            HexError::BadDigit { at } => {
                write!(f, "a character that is not a lowercase hex digit at {at}")
            }
        }
    }
}

impl std::error::Error for HexError {}

/// Reads canonical hex: lowercase digits only, an even number of them.
pub fn decode_canonical(text: &str) -> Result<Vec<u8>, HexError> {
    let digits = text.as_bytes();
    if digits.len() % 2 != 0 {
        return Err(HexError::OddLength);
    }
    let digit = |i: usize| match digits[i] {
        c @ b'0'..=b'9' => Ok(c - b'0'),
        c @ b'a'..=b'f' => Ok(c - b'a' + 10),
        _ => Err(HexError::BadDigit { at: i }),
    };
    (0..digits.len() / 2)
        .map(|i| Ok(digit(2 * i)? << 4 | digit(2 * i + 1)?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_strictness() {
        assert_eq!(encode(&[0x00, 0x7f, 0xab, 0xff]), "007fabff");
        assert_eq!(
            decode_canonical("007fabff"),
            Ok(vec![0x00, 0x7f, 0xab, 0xff])
        );
        assert_eq!(decode_canonical(""), Ok(vec![]));
        assert_eq!(decode_canonical("0A"), Err(HexError::BadDigit { at: 1 }));
        assert_eq!(decode_canonical("abc"), Err(HexError::OddLength));
        assert_eq!(decode_canonical("0g"), Err(HexError::BadDigit { at: 1 }));
    }
}
