//! Definitions in real schemas whose explicit id is not the CRC32 of their line, and
//! why that is not a flaw of the rule in [`crate::id`].
//!
//! The list holds exactly the mismatches found in the schemas under
//! `corpus/schemas/` (the `real_schemas` test fails on an unexplained mismatch and on
//! an entry no file needs). Telethon v1 keeps a similar allow-list
//! (`WHITELISTED_MISMATCHING_IDS` in `telethon_generator/parsers/tlobject/tlobject.py`),
//! and desktop-app/lib_tl `tl/generate_tl.py` takes one from its scheme settings
//! (`typeIdExceptions`); the reasons below were re-derived here where the text that
//! was really hashed could be found.

/// One allowed mismatch: a definition name and the declared id it is allowed for.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct KnownException {
    /// Full name, namespace included (`help.configSimple`).
    pub name: &'static str,
    /// The declared id the exception covers; any other wrong id is still reported.
    pub id: u32,
    pub reason: &'static str,
}

/// Every known exception; see [`known_exception`].
pub static KNOWN_EXCEPTIONS: &[KnownException] = &[
    KnownException {
        name: "ipPortSecret",
        id: 0x3798_2646,
        reason: "its id is the CRC32 of the line with `secret:bytes` left as `bytes`: the \
                 bytes-to-string step that every other constructor needs was not applied",
    },
    KnownException {
        name: "accessPointRule",
        id: 0x4679_b65f,
        reason: "part of the 'simple config' that Telegram serves outside the API; the \
                 published line does not hash to the id under this rule or its obvious \
                 variants (bytes/string, vector/Vector, `%`), and the hashed text is not \
                 published; Telethon and tdesktop allow-list it by name",
    },
    KnownException {
        name: "help.configSimple",
        id: 0x5a59_2a6c,
        reason: "part of the 'simple config' like accessPointRule: the published line does \
                 not hash to the id and the hashed text is not published; Telethon and \
                 tdesktop allow-list it by name",
    },
    KnownException {
        name: "inputPeerPhotoFileLocationLegacy",
        id: 0x27d6_9997,
        reason: "tdlib keeps an old constructor under a new name; the id is the CRC32 of \
                 the old line, named inputPeerPhotoFileLocation",
    },
    KnownException {
        name: "inputStickerSetThumbLegacy",
        id: 0x0dba_eae9,
        reason: "tdlib keeps an old constructor under a new name; the id is the CRC32 of \
                 the old line, named inputStickerSetThumb",
    },
    KnownException {
        name: "invokeWithBusinessConnectionPrefix",
        id: 0xdd28_9f8e,
        reason: "tdlib-internal pseudo-constructor describing only the leading fields of \
                 invokeWithBusinessConnection (no `{X:Type}`, no `query:!X`), under that \
                 function's id",
    },
    KnownException {
        name: "invokeWithGooglePlayIntegrityPrefix",
        id: 0x1df9_2984,
        reason: "tdlib-internal pseudo-constructor describing only the leading fields of \
                 invokeWithGooglePlayIntegrity, under that function's id",
    },
    KnownException {
        name: "invokeWithApnsSecretPrefix",
        id: 0x0dae_54f8,
        reason: "tdlib-internal pseudo-constructor describing only the leading fields of \
                 invokeWithApnsSecret, under that function's id",
    },
    KnownException {
        name: "invokeWithReCaptchaPrefix",
        id: 0xadbb_0f94,
        reason: "tdlib-internal pseudo-constructor describing only the leading fields of \
                 invokeWithReCaptcha, under that function's id",
    },
    KnownException {
        name: "gzip_packed",
        id: 0x3072_cfa1,
        reason: "tdlib gives it the result type GzipPacked; the id is the CRC32 of the \
                 line with the result `Object`, as mtproto.tl writes it in a comment",
    },
];

/// The exception for the definition named `full_name`, if any.
pub fn known_exception(full_name: &str) -> Option<&'static KnownException> {
    KNOWN_EXCEPTIONS.iter().find(|e| e.name == full_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Definition;

    fn computed(line: &str) -> u32 {
        line.parse::<Definition>().unwrap().computed_id()
    }

    #[test]
    fn lookup_by_full_name() {
        assert_eq!(
            known_exception("help.configSimple").map(|e| e.id),
            Some(0x5a59_2a6c)
        );
        assert!(known_exception("configSimple").is_none());
        assert!(known_exception("keyboardButtonCallback").is_none());
    }

    #[test]
    fn names_are_unique() {
        for (i, e) in KNOWN_EXCEPTIONS.iter().enumerate() {
            assert!(
                KNOWN_EXCEPTIONS[..i].iter().all(|o| o.name != e.name),
                "{}",
                e.name
            );
        }
    }

    /// The reasons that name the really hashed text are checked by hashing it.
    #[test]
    fn reconstructed_lines_hash_to_the_declared_ids() {
        let id = |name| known_exception(name).unwrap().id;
        // `bytes` kept as written: add the rewrite back by hand to show the difference.
        let raw = crc32fast::hash(b"ipPortSecret ipv4:int port:int secret:bytes = IpPort");
        assert_eq!(raw, id("ipPortSecret"));
        assert_ne!(
            computed("ipPortSecret ipv4:int port:int secret:bytes = IpPort;"),
            raw
        );
        assert_eq!(
            computed(
                "inputPeerPhotoFileLocation flags:# big:flags.0?true peer:InputPeer \
                      volume_id:long local_id:int = InputFileLocation;"
            ),
            id("inputPeerPhotoFileLocationLegacy")
        );
        assert_eq!(
            computed(
                "inputStickerSetThumb stickerset:InputStickerSet volume_id:long \
                      local_id:int = InputFileLocation;"
            ),
            id("inputStickerSetThumbLegacy")
        );
        assert_eq!(
            computed("invokeWithBusinessConnection {X:Type} connection_id:string query:!X = X;"),
            id("invokeWithBusinessConnectionPrefix")
        );
        assert_eq!(
            computed(
                "invokeWithGooglePlayIntegrity {X:Type} nonce:string token:string query:!X = X;"
            ),
            id("invokeWithGooglePlayIntegrityPrefix")
        );
        assert_eq!(
            computed("invokeWithApnsSecret {X:Type} nonce:string secret:string query:!X = X;"),
            id("invokeWithApnsSecretPrefix")
        );
        assert_eq!(
            computed("invokeWithReCaptcha {X:Type} token:string query:!X = X;"),
            id("invokeWithReCaptchaPrefix")
        );
        assert_eq!(
            computed("gzip_packed packed_data:string = Object;"),
            id("gzip_packed")
        );
    }
}
