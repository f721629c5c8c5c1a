//! TL names → Rust identifiers.
//!
//! * constructors, functions and types: UpperCamelCase of the name without its namespace
//!   (`messages.sendBotRequestedPeer` → `SendBotRequestedPeer`, `msgs_ack` → `MsgsAck`);
//! * namespaces: modules of the same name (`messages`);
//! * fields: the TL name, which is already snake_case, as a raw identifier when it is a
//!   Rust keyword (`type` → `r#type`), with a trailing `_` for the four keywords that
//!   cannot be raw (`self`, `Self`, `super`, `crate`);
//! * enum variants: the constructor's name with the type's name cut off the front when
//!   that leaves a word (`keyboardButtonUrl` of `KeyboardButton` → `Url`); see
//!   [`variant_names`].

/// Every keyword of Rust 2021, strict and reserved.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that `r#` cannot escape.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// `sendBotRequestedPeer` → `SendBotRequestedPeer`; `p_q_inner_data` → `PQInnerData`.
pub fn camel(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for part in name.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) || out.is_empty() {
        out.insert(0, 'T');
    }
    out
}

/// A field or module name as a Rust identifier.
pub fn ident(name: &str) -> String {
    if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// The variant name of each constructor of a type, in order: the constructor's camel name
/// with the type's camel name removed from its front, when the rest starts a new word
/// (an upper-case letter) and is not `Self`. Otherwise, and for every constructor if two variants would get
/// the same name, the whole camel name.
pub fn variant_names(type_name: &str, ctor_names: &[&str]) -> Vec<String> {
    let ty = camel(type_name);
    let full: Vec<String> = ctor_names.iter().map(|c| camel(c)).collect();
    let short: Vec<String> = full
        .iter()
        .map(|c| match c.strip_prefix(&ty) {
            Some(rest)
                if rest.starts_with(|ch: char| ch.is_ascii_uppercase()) && rest != "Self" =>
            {
                rest.to_owned()
            }
            _ => c.clone(),
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    if short.iter().all(|s| seen.insert(s.as_str())) {
        short
    } else {
        full
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_case() {
        assert_eq!(camel("sendBotRequestedPeer"), "SendBotRequestedPeer");
        assert_eq!(camel("msgs_ack"), "MsgsAck");
        assert_eq!(camel("p_q_inner_data_dc"), "PQInnerDataDc");
        assert_eq!(camel("KeyboardButton"), "KeyboardButton");
        assert_eq!(camel("2fa"), "T2fa");
    }

    #[test]
    fn keywords() {
        assert_eq!(ident("type"), "r#type");
        assert_eq!(ident("static"), "r#static");
        assert_eq!(ident("self"), "self_");
        assert_eq!(ident("peer"), "peer");
    }

    #[test]
    fn variants() {
        assert_eq!(
            variant_names(
                "KeyboardButton",
                &[
                    "keyboardButton",
                    "keyboardButtonUrl",
                    "keyboardButtonCallback"
                ]
            ),
            ["KeyboardButton", "Url", "Callback"]
        );
        assert_eq!(
            variant_names("Input", &["inputs", "inputX"]),
            ["Inputs", "X"]
        );
        assert_eq!(
            variant_names("InputPeer", &["inputPeerSelf", "inputPeerUser"]),
            ["InputPeerSelf", "User"]
        );
        // `aB` would become `B`, which `b` already is: whole names for all.
        assert_eq!(variant_names("A", &["aB", "b"]), ["AB", "B"]);
    }
}
