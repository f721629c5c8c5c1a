//! `tgconf decode` and `tgconf encode` as a user runs them: round trips, batch mode, the
//! exit status contract (0 ok, 1 a value that does not decode or encode, 2 usage).
//!
//! The byte strings are rows of the flow-rules catalogue §9.1
//! (/work/shared/reference/flow-rules.md), which were reproduced with Telethon there.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// messages.sendBotRequestedPeer#6c5cf2a7 {peer=inputPeerUser(100,200), msg_id=42,
/// button_id=7, [inputPeerUser(300,400)]} (flow-rules §9.1).
const SBRP_HEX: &str = "a7f25c6c010000004ca5e8dd6400000000000000c8000000000000002a0000000700000015c4b51c010000004ca5e8dd2c010000000000009001000000000000";
const SBRP_JSON: &str = r#"{"_":"messages.sendBotRequestedPeer","peer":{"_":"inputPeerUser","user_id":"100","access_hash":"200"},"msg_id":42,"button_id":7,"requested_peers":[{"_":"inputPeerUser","user_id":"300","access_hash":"400"}]}"#;
/// The same call at layers 169-223: #91b2d060, msg_id mandatory (flow-rules §9.1).
const SBRP_LEGACY_HEX: &str = "60d0b2914ca5e8dd6400000000000000c8000000000000002a0000000700000015c4b51c010000004ca5e8dd2c010000000000009001000000000000";

fn tgconf(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tgconf"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tgconf runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exited normally")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn decode_then_encode_gives_the_bytes_back() {
    let decoded = tgconf(&["decode", SBRP_HEX], None);
    assert_eq!(code(&decoded), 0, "{}", stderr(&decoded));
    assert_eq!(stdout(&decoded), format!("{SBRP_JSON}\n"));
    let encoded = tgconf(&["encode", stdout(&decoded).trim()], None);
    assert_eq!(code(&encoded), 0, "{}", stderr(&encoded));
    assert_eq!(stdout(&encoded), format!("{SBRP_HEX}\n"));
}

#[test]
fn the_layer_selects_the_constructor_ids() {
    // The same JSON is #91b2d060 at layer 216 and #6c5cf2a7 at 227.
    let old = tgconf(
        &[
            "encode",
            "--layer",
            "216",
            "--type",
            "messages.sendBotRequestedPeer",
            SBRP_JSON,
        ],
        None,
    );
    assert_eq!(
        (code(&old), stdout(&old)),
        (0, format!("{SBRP_LEGACY_HEX}\n")),
        "{}",
        stderr(&old)
    );
    let new = tgconf(&["encode", "--layer", "227", SBRP_JSON], None);
    assert_eq!(
        (code(&new), stdout(&new)),
        (0, format!("{SBRP_HEX}\n")),
        "{}",
        stderr(&new)
    );
    // At 216 the new id is unknown.
    let out = tgconf(&["decode", "--layer", "216", SBRP_HEX], None);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("at byte 0") && stderr(&out).contains("unknown_constructor"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn hex_may_have_spaces_and_capitals_and_types_may_be_base_types() {
    let out = tgconf(&["decode", "--type", "Bool", "B5 75 72 99"], None);
    assert_eq!((code(&out), stdout(&out)), (0, "true\n".into()));
    let out = tgconf(&["decode", "--type", "string", "01 61 00 00"], None);
    assert_eq!((code(&out), stdout(&out)), (0, "\"a\"\n".into()));
    let out = tgconf(&["encode", "--type", "Vector<long>", r#"["1","-1"]"#], None);
    assert_eq!(
        (code(&out), stdout(&out)),
        (
            0,
            "15c4b51c020000000100000000000000ffffffffffffffff\n".into()
        )
    );
}

#[test]
fn batch_mode_reports_each_line_and_fails_at_the_end() {
    let input = format!("3034dd4f01000000\nnot hex\nefbeadde\n{SBRP_HEX}\n");
    let out = tgconf(&["decode", "-"], Some(&input));
    assert_eq!(code(&out), 1);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines[0], r#"{"_":"keyboardButtonStyle","bg_primary":true}"#);
    let bad: serde_json::Value = serde_json::from_str(&lines[1]).unwrap();
    assert_eq!(bad["error"], "bad_hex");
    let unknown: serde_json::Value = serde_json::from_str(&lines[2]).unwrap();
    assert_eq!(
        (unknown["error"].as_str(), unknown["offset"].as_u64()),
        (Some("unknown_constructor"), Some(0))
    );
    assert_eq!(lines[3], SBRP_JSON);

    let input = format!("{SBRP_JSON}\n{{\"_\":\"keyboardButtonStyle\",\"flags\":1}}\n");
    let out = tgconf(&["encode", "-"], Some(&input));
    assert_eq!(code(&out), 1);
    let lines: Vec<String> = stdout(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines[0], SBRP_HEX);
    let bad: serde_json::Value = serde_json::from_str(&lines[1]).unwrap();
    assert_eq!(
        (bad["error"].as_str(), bad["path"].as_str()),
        (Some("unknown_member"), Some("/flags"))
    );

    // All lines good: exit 0.
    let out = tgconf(&["decode", "-"], Some(&format!("{SBRP_HEX}\n{SBRP_HEX}\n")));
    assert_eq!((code(&out), stdout(&out).lines().count()), (0, 2));
}

#[test]
fn exit_status_one_names_the_error_and_where() {
    let out = tgconf(
        &[
            "decode",
            "--type",
            "KeyboardButtonStyle",
            "3034dd4f0800000088776655",
        ],
        None,
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("at byte 8") && stderr(&out).contains("truncated"),
        "{}",
        stderr(&out)
    );
    let out = tgconf(&["decode", "--type", "Bool", "b575729900"], None);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("at byte 4") && stderr(&out).contains("trailing_bytes"),
        "{}",
        stderr(&out)
    );
    let out = tgconf(
        &[
            "encode",
            r#"{"_":"inputPeerUser","user_id":1,"access_hash":"2"}"#,
        ],
        None,
    );
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("/user_id") && stderr(&out).contains("decimal string"),
        "{}",
        stderr(&out)
    );
    let out = tgconf(
        &[
            "encode",
            "--type",
            "InputPeer",
            r#"{"_":"peerUser","user_id":"1"}"#,
        ],
        None,
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("unexpected_constructor"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn lenient_decoding_reads_what_strict_refuses() {
    let out = tgconf(
        &["decode", "--lenient", "--type", "Bool", "b575729900"],
        None,
    );
    assert_eq!(
        (code(&out), stdout(&out)),
        (0, "true\n".into()),
        "{}",
        stderr(&out)
    );
    let out = tgconf(&["decode", "--type", "string", "01610001"], None);
    assert_eq!(code(&out), 1);
    let out = tgconf(
        &["decode", "--lenient", "--type", "string", "01610001"],
        None,
    );
    assert_eq!((code(&out), stdout(&out)), (0, "\"a\"\n".into()));
}

#[test]
fn usage_errors_exit_two() {
    for args in [
        &["decode", "abc"][..],
        &["decode", "zz"],
        &[
            "decode",
            "--layer",
            "230",
            "--schema",
            "corpus/schemas/mtproto.tl",
            "00000000",
        ],
        &["decode", "--type", "NoSuchType", "00000000"],
        &["decode", "--layer", "999", "00000000"],
        &["decode", "--schema", "no/such/file.tl", "00000000"],
        &["decode"],
        &["encode", "{not json"],
        &["encode", "--type", "Vector<", "[]"],
    ] {
        let out = tgconf(args, None);
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn raw_files_and_schema_files() {
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("pong.bin");
    // pong#347773c5 msg_id:long ping_id:long, from mtproto.tl.
    let mut bytes = vec![0xc5, 0x73, 0x77, 0x34];
    bytes.extend_from_slice(&5i64.to_le_bytes());
    bytes.extend_from_slice(&(-6i64).to_le_bytes());
    std::fs::write(&raw, &bytes).unwrap();
    let out = tgconf(
        &[
            "decode",
            "--schema",
            "corpus/schemas/mtproto.tl",
            "--raw",
            raw.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        (code(&out), stdout(&out)),
        (
            0,
            "{\"_\":\"pong\",\"msg_id\":\"5\",\"ping_id\":\"-6\"}\n".into()
        ),
        "{}",
        stderr(&out)
    );
    // The era schema of layer 230 does not carry mtproto's pong.
    let out = tgconf(&["decode", "--raw", raw.to_str().unwrap()], None);
    assert_eq!(code(&out), 1);
}

#[test]
fn help_documents_the_default_layer() {
    let out = tgconf(&["decode", "--help"], None);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("layer 230"), "{}", stdout(&out));
    let out = tgconf(&["encode", "--help"], None);
    assert!(stdout(&out).contains("layer 230"), "{}", stdout(&out));
}
