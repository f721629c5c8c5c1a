//! CRC32 (IEEE 802.3, as zlib computes it), for checking constructor ids computed from
//! variants of a definition's text.

const TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

pub fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |c, &b| TABLE[((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_tl_vector_line_hashes_to_the_vector_id() {
        assert_eq!(super::crc32(b"vector t:Type # [ t ] = Vector t"), 0x1cb5_c415);
        assert_eq!(super::crc32(b""), 0);
    }
}
