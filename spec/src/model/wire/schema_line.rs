//! A schema line and the constructor id an implementation gave it. The right id is the
//! explicit `#id` as written (1 to 8 hex digits), else the CRC32 of the normalized line;
//! a wrong one is matched against the ids that known normalization mistakes give, so the
//! report names the step that was skipped.

use tl_parser::{known_exception, Definition, ParameterType, Type};

use crate::model::violation::Violation;

use crc32fast::hash as crc32;

/// The ids below this are what the TL pages call out of range; real constructors have them.
pub(super) const SMALL_ID: u32 = 0x0100_0000;

pub fn check(line: &str, claimed: Option<u32>) -> Vec<Violation> {
    let Ok(def) = line.parse::<Definition>() else {
        // Not a definition: no id to expect.
        return Vec::new();
    };
    let computed = def.computed_id();
    let expected = def.id.unwrap_or(computed);
    let digits = written_digits(line);
    let mut violations = Vec::new();
    if def.id.is_some_and(|id| {
        id != computed && known_exception(&def.full_name()).is_none_or(|e| e.id != id)
    }) {
        violations.push(Violation::new("TL-24", "line", format!("expected the explicit id to be the CRC32 #{computed:08x} of the line; it is #{expected:08x}")));
    }
    match claimed {
        None => {
            if expected < SMALL_ID {
                violations.push(Violation::new("TL-28", "id", format!("expected #{expected:08x} accepted; the line was refused, and ids below 0x01000000 are real")));
            }
            if digits.is_some_and(|d| d < 8) {
                violations.push(Violation::new("TL-27", "id", format!("expected #{expected:08x} read from its {} hex digits; the line was refused", digits.unwrap_or(0))));
            }
        }
        Some(id) if id == expected => {}
        Some(id) => violations.push(wrong_id(&def, line, digits, expected, id)),
    }
    violations
}

/// The number of hex digits after the name's `#`, if the line has an explicit id.
pub(super) fn written_digits(line: &str) -> Option<usize> {
    let name = line.split_whitespace().next()?;
    let (_, hex) = name.split_once('#')?;
    Some(hex.len())
}

fn wrong_id(
    def: &Definition,
    line: &str,
    digits: Option<usize>,
    expected: u32,
    id: u32,
) -> Violation {
    let found = format!("expected #{expected:08x}; found #{id:08x}");
    if let Some(d) = digits.filter(|d| (1..8).contains(d)) {
        if def.id.is_some() && u64::from(id) == u64::from(expected) << (4 * (8 - d)) {
            return Violation::new(
                "TL-27",
                "id",
                format!("{found}: the {d} written digits are the low ones, not the high ones"),
            );
        }
    }
    let right = normalize(def, Steps::RIGHT);
    let mistakes = [
        (
            "TL-25",
            "with `bytes` fields left as bytes",
            Steps {
                bytes: Bytes::Kept,
                ..Steps::RIGHT
            },
        ),
        (
            "TL-25",
            "with the bytes inside Vector<bytes> replaced too",
            Steps {
                bytes: Bytes::Everywhere,
                ..Steps::RIGHT
            },
        ),
        (
            "TL-26",
            "with the flags.N?true fields kept",
            Steps {
                keep_true: true,
                ..Steps::RIGHT
            },
        ),
        (
            "TL-26",
            "with the #id kept",
            Steps {
                keep_id: true,
                ..Steps::RIGHT
            },
        ),
        (
            "TL-26",
            "with the braces of {X:Type} kept",
            Steps {
                braces: true,
                ..Steps::RIGHT
            },
        ),
        (
            "TL-26",
            "with T<A> not rewritten as T A",
            Steps {
                angles: true,
                ..Steps::RIGHT
            },
        ),
        (
            "TL-24",
            "with the final semicolon",
            Steps {
                semicolon: true,
                ..Steps::RIGHT
            },
        ),
    ];
    for (rule, how, steps) in mistakes {
        let text = normalize(def, steps);
        if text != right && crc32(text.as_bytes()) == id {
            return Violation::new(
                rule,
                "id",
                format!("{found}, the CRC32 of the line {how}: `{text}`"),
            );
        }
    }
    let raw = line.trim();
    let how = if crc32(raw.as_bytes()) == id {
        ", the CRC32 of the line as written"
    } else {
        ""
    };
    Violation::new(
        "TL-24",
        "id",
        format!("{found}{how}; the id is the CRC32 of `{right}`"),
    )
}

/// Which normalization steps are done (as the rule says) or skipped (as a mistake does).
#[derive(Clone, Copy)]
pub(super) struct Steps {
    pub bytes: Bytes,
    pub keep_true: bool,
    pub keep_id: bool,
    pub braces: bool,
    pub angles: bool,
    pub semicolon: bool,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Bytes {
    /// `:bytes` and `?bytes` become string, `Vector<bytes>` stays.
    Fields,
    Kept,
    Everywhere,
}

impl Steps {
    pub(super) const RIGHT: Steps = Steps {
        bytes: Bytes::Fields,
        keep_true: false,
        keep_id: false,
        braces: false,
        angles: false,
        semicolon: false,
    };
}

/// The text whose CRC32 is the id, built with `steps`; with [`Steps::RIGHT`] it is
/// tl_parser's normalized line.
pub(super) fn normalize(def: &Definition, steps: Steps) -> String {
    let mut out = def.full_name();
    if let (true, Some(id)) = (steps.keep_id, def.id) {
        out.push_str(&format!("#{id:x}"));
    }
    if def.builtin {
        out.push_str(" ?");
    }
    for g in &def.generics {
        out.push_str(&if steps.braces {
            format!(" {{{}:Type}}", g.name)
        } else {
            format!(" {}:Type", g.name)
        });
    }
    for p in def
        .params
        .iter()
        .filter(|p| steps.keep_true || !p.is_flag_only())
    {
        out.push(' ');
        if let Some(name) = &p.name {
            out.push_str(name);
            out.push(':');
        }
        match &p.ty {
            ParameterType::Flags => out.push('#'),
            ParameterType::Normal { ty, flag } => {
                if let Some(flag) = flag {
                    out.push_str(&format!("{}.{}?", flag.name, flag.index));
                }
                let plain_bytes = ty.to_string() == "bytes";
                let as_string = match steps.bytes {
                    Bytes::Fields => plain_bytes,
                    Bytes::Kept => false,
                    Bytes::Everywhere => {
                        plain_bytes
                            || ty
                                .generic_arg
                                .as_ref()
                                .is_some_and(|a| a.to_string() == "bytes")
                    }
                };
                match (as_string, &ty.generic_arg) {
                    (true, Some(_)) => out.push_str(&format!("{} string", ty.name)),
                    (true, None) => out.push_str("string"),
                    (false, _) => write_type(ty, steps, &mut out),
                }
            }
            ParameterType::Repeated {
                multiplicity,
                items,
            } => {
                if let Some(n) = multiplicity {
                    out.push_str(&format!("{n}*"));
                }
                out.push('[');
                for item in items {
                    out.push(' ');
                    write_type(item, steps, &mut out);
                }
                out.push_str(" ]");
            }
        }
    }
    out.push_str(" = ");
    write_type(&def.result, steps, &mut out);
    if steps.semicolon {
        out.push(';');
    }
    out
}

fn write_type(ty: &Type, steps: Steps, out: &mut String) {
    if ty.generic_ref {
        out.push('!');
    } else if ty.bare_marker {
        out.push('%');
    }
    out.push_str(&ty.full_name());
    if let Some(arg) = &ty.generic_arg {
        out.push(if steps.angles { '<' } else { ' ' });
        write_type(arg, steps, out);
        if steps.angles {
            out.push('>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::era::Era;

    #[test]
    fn the_right_steps_give_the_parsers_normalized_line() {
        for era in Era::ALL {
            for def in &era.schema().expect("era schemas parse").definitions {
                assert_eq!(normalize(def, Steps::RIGHT), def.normalized_line(), "{def}");
            }
        }
    }

    #[test]
    fn the_rules_examples() {
        let callback = "keyboardButtonCallback flags:# requires_password:flags.0?true style:flags.10?KeyboardButtonStyle text:string data:bytes = KeyboardButton;";
        assert!(check(callback, Some(0xe62b_c960)).is_empty());
        let kept = check(callback, Some(0xa301_e616));
        assert_eq!(
            kept.iter().map(|v| v.rule.as_str()).collect::<Vec<_>>(),
            ["TL-25"]
        );
        let vote = "messages.sendVote peer:InputPeer msg_id:int options:Vector<bytes> = Updates;";
        assert_eq!(check(vote, Some(0x8ac0_9f12))[0].rule, "TL-25");
        let peer = "keyboardButtonRequestPeer#d0b468c text:string button_id:int peer_type:RequestPeerType = KeyboardButton;";
        assert!(check(peer, Some(0x0d0b_468c)).is_empty());
        assert_eq!(check(peer, Some(0xd0b4_68c0))[0].rule, "TL-27");
        assert_eq!(
            check(
                "userStatusOffline#8c703f was_online:int = UserStatus;",
                None
            )
            .iter()
            .map(|v| v.rule.as_str())
            .collect::<Vec<_>>(),
            ["TL-28", "TL-27"]
        );
        assert!(check(
            "userStatusOffline#008c703f was_online:int = UserStatus;",
            Some(0x008c_703f)
        )
        .is_empty());
    }
}
