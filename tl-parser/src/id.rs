//! Constructor ids: reading `#hex`, and computing the CRC32 that an id should be.
//!
//! # The rule
//!
//! A constructor's id is the CRC32 (IEEE, as zlib computes it) of its combinator line
//! in a normalized form ([TL combinators], [bytes]). Telegram's own text leaves
//! details open, so the normalization used here is the one that reproduces the ids in
//! real schemas, as implemented by Telethon v1 (`infer_id` in
//! `telethon_generator/parsers/tlobject/tlobject.py`) and tdesktop's code generator
//! (desktop-app/lib_tl `tl/generate_tl.py`):
//!
//! 1. leave out the `#id` and the final `;`;
//! 2. leave out every `name:field.N?true` parameter (only the flag bit carries it, on
//!    any `#` field: `flags`, `flags2`, …);
//! 3. write a parameter whose type is `bytes` as `string` (the two share a wire
//!    format) — but only the parameter's own type: `Vector<bytes>` stays as it is
//!    (`messages.sendVote#10ea6184`, `codeSettings#ad253d78` only match that way);
//! 4. write `Vector<T>` as `Vector T`;
//! 5. write `{X:Type}` as `X:Type`;
//! 6. separate the pieces by single spaces.
//!
//! The text is built from the parsed definition, never from the source line, so
//! spacing, comments or line breaks in the file cannot change an id. It is streamed
//! into the hasher piece by piece rather than formatted into a string first.
//!
//! [TL combinators]: https://core.telegram.org/mtproto/TL-combinators
//! [bytes]: https://core.telegram.org/type/bytes

use crate::definition::Definition;
use crate::errors::{ParseError, ParseErrorKind};
use crate::lexer::Cursor;
use crate::parameter::{Parameter, ParameterType};
use crate::ty::Type;

/// Reads the hex digits after `#`: 1 to 8 of them, so `#2b78156` and `#02b78156` are
/// the same id (tdlib pads to 8 digits, tdesktop and grammers do not).
pub(crate) fn parse_hex_id(cur: &mut Cursor<'_>) -> Result<u32, ParseError> {
    let start = cur.pos();
    let digits = cur.take_while(|b| b.is_ascii_alphanumeric());
    let mut id: u32 = 0;
    let mut valid = (1..=8).contains(&digits.len());
    for b in digits.bytes() {
        // A plain match: `char::to_digit` is several times slower, and ids are read
        // once per definition. Bits shifted out past eight digits do not matter:
        // such ids are refused.
        let d = match b {
            b'0'..=b'9' => b - b'0',
            b'a'..=b'f' => b - b'a' + 10,
            b'A'..=b'F' => b - b'A' + 10,
            _ => {
                valid = false;
                0
            }
        };
        id = id << 4 | u32::from(d);
    }
    if valid {
        Ok(id)
    } else {
        Err(cur.error_at(
            ParseErrorKind::BadId,
            cur.token_span(start),
            "1 to 8 hexadecimal digits after `#`",
        ))
    }
}

/// The CRC32 of the normalized line of `def` (see the module docs).
pub(crate) fn computed_id(def: &Definition) -> u32 {
    let mut sink = CrcSink {
        hasher: crc32fast::Hasher::new(),
        buf: [0; CRC_BUFFER],
        len: 0,
    };
    write_normalized(def, &mut sink);
    sink.finish()
}

/// The normalized line itself, for reports and debugging.
pub(crate) fn normalized(def: &Definition) -> String {
    let mut out = String::new();
    write_normalized(def, &mut out);
    out
}

/// Where the normalizer writes: a `String`, or the CRC state.
trait Sink {
    fn put(&mut self, s: &str);

    /// One ASCII byte (a separator); separate from `put` because it is most of the
    /// calls and needs no length-dependent copy.
    fn put_byte(&mut self, b: u8);

    /// A number in decimal, without going through `fmt`.
    fn put_decimal(&mut self, n: u32) {
        let mut digits = [0u8; 10];
        let mut rest = n;
        let mut count = 0;
        for slot in digits.iter_mut() {
            *slot = b'0' + (rest % 10) as u8;
            rest /= 10;
            count += 1;
            if rest == 0 {
                break;
            }
        }
        for &d in digits.iter().take(count).rev() {
            self.put_byte(d);
        }
    }
}

impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }

    fn put_byte(&mut self, b: u8) {
        self.push(char::from(b));
    }
}

/// Most lines fit: the pieces of a line (a few bytes each) are gathered on the stack
/// and handed to the hasher in one call, which is much cheaper than one call per
/// piece and needs no heap allocation.
const CRC_BUFFER: usize = 256;

struct CrcSink {
    hasher: crc32fast::Hasher,
    buf: [u8; CRC_BUFFER],
    len: usize,
}

impl CrcSink {
    fn flush(&mut self) {
        self.hasher
            .update(self.buf.get(..self.len).unwrap_or_default());
        self.len = 0;
    }

    fn finish(mut self) -> u32 {
        self.flush();
        self.hasher.finalize()
    }
}

impl Sink for CrcSink {
    fn put(&mut self, s: &str) {
        let bytes = s.as_bytes();
        if self.len + bytes.len() > CRC_BUFFER {
            self.flush();
        }
        match self.buf.get_mut(self.len..self.len + bytes.len()) {
            Some(room) => {
                room.copy_from_slice(bytes);
                self.len += bytes.len();
            }
            // Longer than the whole buffer: hash it directly (after the flush above).
            None => self.hasher.update(bytes),
        }
    }

    fn put_byte(&mut self, b: u8) {
        if self.len == CRC_BUFFER {
            self.flush();
        }
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }
}

fn write_normalized(def: &Definition, w: &mut impl Sink) {
    for ns in &def.namespace {
        w.put(ns);
        w.put_byte(b'.');
    }
    w.put(&def.name);
    if def.builtin {
        w.put(" ?");
    }
    for generic in &def.generics {
        w.put_byte(b' ');
        w.put(&generic.name);
        w.put(":Type");
    }
    for param in def.params.iter().filter(|p| !p.is_flag_only()) {
        w.put_byte(b' ');
        write_param(param, w);
    }
    w.put(" = ");
    write_type(&def.result, w);
}

fn write_param(param: &Parameter, w: &mut impl Sink) {
    if let Some(name) = &param.name {
        w.put(name);
        w.put_byte(b':');
    }
    match &param.ty {
        ParameterType::Flags => w.put_byte(b'#'),
        ParameterType::Normal { ty, flag } => {
            if let Some(flag) = flag {
                w.put(&flag.name);
                w.put_byte(b'.');
                w.put_decimal(flag.index);
                w.put_byte(b'?');
            }
            if is_plain(ty, "bytes") {
                w.put("string");
            } else {
                write_type(ty, w);
            }
        }
        ParameterType::Repeated {
            multiplicity,
            items,
        } => {
            if let Some(n) = multiplicity {
                w.put_decimal(*n);
                w.put_byte(b'*');
            }
            w.put_byte(b'[');
            for item in items {
                w.put_byte(b' ');
                write_type(item, w);
            }
            w.put(" ]");
        }
    }
}

fn write_type(ty: &Type, w: &mut impl Sink) {
    if ty.generic_ref {
        w.put_byte(b'!');
    } else if ty.bare_marker {
        w.put_byte(b'%');
    }
    for ns in &ty.namespace {
        w.put(ns);
        w.put_byte(b'.');
    }
    w.put(&ty.name);
    if let Some(arg) = &ty.generic_arg {
        w.put_byte(b' ');
        write_type(arg, w);
    }
}

/// `ty` is exactly the unadorned name `name` (the `bytes` of rule 3, not `%bytes`).
fn is_plain(ty: &Type, name: &str) -> bool {
    ty.name == name
        && ty.namespace.is_empty()
        && !ty.bare_marker
        && !ty.generic_ref
        && ty.generic_arg.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def(line: &str) -> Definition {
        line.parse().unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    fn hex(s: &str) -> Result<u32, ParseErrorKind> {
        parse_hex_id(&mut Cursor::new(s)).map_err(|e| e.kind)
    }

    #[test]
    fn hex_ids_of_one_to_eight_digits() {
        assert_eq!(hex("2b78156"), Ok(0x02b7_8156));
        assert_eq!(hex("02b78156"), Ok(0x02b7_8156));
        assert_eq!(hex("0"), Ok(0));
        assert_eq!(hex("ffffffff"), Ok(u32::MAX));
        assert_eq!(hex("EA109B13"), Ok(0xea10_9b13));
        assert_eq!(hex(""), Err(ParseErrorKind::BadId));
        assert_eq!(hex("123456789"), Err(ParseErrorKind::BadId));
        assert_eq!(hex("12g4"), Err(ParseErrorKind::BadId));
        assert_eq!(hex("+1"), Err(ParseErrorKind::BadId));
    }

    #[test]
    fn normalization_follows_the_rule() {
        let d = def("a.b#1 {X:Type} flags:# f:flags.0?true flags2:# g:flags2.3?true c:bytes d:flags.1?bytes \
                     e:Vector<bytes> q:!X r:%T = Vector<X>;");
        assert_eq!(
            normalized(&d),
            "a.b X:Type flags:# flags2:# c:string d:flags.1?string e:Vector bytes q:!X r:%T = Vector X"
        );
        assert_eq!(normalized(&def("int ? = Int;")), "int ? = Int");
        assert_eq!(
            normalized(&def("int128 4*[ int ] = Int128;")),
            "int128 4*[ int ] = Int128"
        );
    }

    #[test]
    fn reproduces_known_ids() {
        let cases = [
            ("keyboardButtonStyle#4fdd3430 flags:# bg_primary:flags.0?true bg_danger:flags.1?true \
              bg_success:flags.2?true icon:flags.3?long = KeyboardButtonStyle;", 0x4fdd_3430),
            ("messages.sendBotRequestedPeer#6c5cf2a7 flags:# peer:InputPeer msg_id:flags.0?int \
              webapp_req_id:flags.1?string button_id:int requested_peers:Vector<InputPeer> = Updates;", 0x6c5c_f2a7),
            ("messages.sendBotRequestedPeer#91b2d060 peer:InputPeer msg_id:int button_id:int \
              requested_peers:Vector<InputPeer> = Updates;", 0x91b2_d060),
            ("keyboardButtonCallback#e62bc960 flags:# requires_password:flags.0?true \
              style:flags.10?KeyboardButtonStyle text:string data:bytes = KeyboardButton;", 0xe62b_c960),
            ("messages.sendVote#10ea6184 peer:InputPeer msg_id:int options:Vector<bytes> = Updates;", 0x10ea_6184),
            ("vector {t:Type} # [ t ] = Vector t;", 0x1cb5_c415),
            ("codeSettings#ad253d78 flags:# allow_flashcall:flags.0?true current_number:flags.1?true \
              allow_app_hash:flags.4?true allow_missed_call:flags.5?true allow_firebase:flags.7?true \
              unknown_number:flags.9?true logout_tokens:flags.6?Vector<bytes> token:flags.8?string \
              app_sandbox:flags.8?Bool = CodeSettings;", 0xad25_3d78),
            // The TL documentation writes `int#a8509bda ? = Int;`.
            ("int ? = Int;", 0xa850_9bda),
        ];
        for (line, expected) in cases {
            assert_eq!(computed_id(&def(line)), expected, "{line}");
        }
    }

    #[test]
    fn true_flags_of_any_field_are_dropped() {
        let with = "m flags:# out:flags.1?true flags2:# offline:flags2.1?true id:int = M;";
        let without = "m flags:# flags2:# id:int = M;";
        assert_eq!(normalized(&def(with)), normalized(&def(without)));
        // A `true` that is not conditional is a real (if odd) field and stays.
        assert_eq!(normalized(&def("m x:true = M;")), "m x:true = M");
    }

    #[test]
    fn long_lines_hash_like_short_ones() {
        // A line longer than the staging buffer, and one with pieces longer than it.
        let params: Vec<String> = (0..40)
            .map(|i| format!("p{i}:flags.{}?Vector<T{i}>", i % 32))
            .collect();
        let many = format!("a flags:# {} b:int = A;", params.join(" "));
        let long = "n".repeat(3 * CRC_BUFFER);
        let huge = format!("{long} x:{long} = {long};");
        for text in [many, huge] {
            let d = def(&text);
            assert!(normalized(&d).len() > CRC_BUFFER);
            assert_eq!(
                computed_id(&d),
                crc32fast::hash(normalized(&d).as_bytes()),
                "{text}"
            );
        }
    }

    #[test]
    fn decimals() {
        for n in [0, 7, 31, 256, u32::MAX] {
            let mut s = String::new();
            s.put_decimal(n);
            assert_eq!(s, n.to_string());
        }
    }

    #[test]
    fn bytes_inside_vector_is_kept() {
        let kept = computed_id(&def("a x:Vector<bytes> = A;"));
        let rewritten = computed_id(&def("a x:Vector<string> = A;"));
        assert_ne!(kept, rewritten);
        assert_eq!(
            computed_id(&def("a x:bytes = A;")),
            computed_id(&def("a x:string = A;"))
        );
    }

    #[test]
    fn ids_ignore_layout() {
        let a = def("a#1 x:int\n   // note\n  y:long = A;");
        let b = def("a x:int y:long = A ;");
        assert_eq!(computed_id(&a), computed_id(&b));
    }
}
