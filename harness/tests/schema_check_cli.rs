//! `tgconf schema check` as a user runs it: real schemas pass, malformed ones are located
//! by file:line:column, and the exit status follows the documented contract.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus_schemas() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/schemas");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("corpus/schemas exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tl"))
        .collect();
    files.sort();
    assert_eq!(
        files.len(),
        12,
        "every schema of corpus/schemas (corpus/schemas/PROVENANCE.md)"
    );
    files
}

fn tgconf(args: &[&str], files: &[PathBuf]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tgconf"))
        .args(args)
        .args(files)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .output()
        .expect("tgconf runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn write(dir: &tempfile::TempDir, name: &str, contents: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("temp file written");
    path
}

#[test]
fn every_real_schema_passes_with_only_known_exceptions() {
    let files = corpus_schemas();
    let out = tgconf(&["schema", "check"], &files);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let summaries: Vec<_> = text.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(summaries.len(), files.len(), "{text}");
    assert!(
        summaries.iter().all(|l| l.contains(": ok layer ")),
        "{text}"
    );
    assert!(!text.contains("UNEXPLAINED"), "{text}");
    // Paths are relative to the repository root so the snapshot does not depend on where
    // the checkout lives.
    let relative: Vec<_> = files
        .iter()
        .map(|f| PathBuf::from("corpus/schemas").join(f.file_name().unwrap()))
        .collect();
    insta::assert_snapshot!(stdout(&tgconf(&["schema", "check"], &relative)));
}

#[test]
fn json_output_carries_the_same_results() {
    let files = corpus_schemas();
    let out = tgconf(&["schema", "check", "--json"], &files);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let entries = report["files"].as_array().expect("a files array");
    assert_eq!(entries.len(), files.len());
    let api230 = entries
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .ends_with("grammers-crate-0.11.0-api.tl")
        })
        .expect("the layer-230 schema is listed");
    assert_eq!(api230["status"], "parsed");
    assert_eq!(api230["layer"], 230);
    let tdlib = entries
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .unwrap()
                .ends_with("tdlib-telegram_api.tl")
        })
        .unwrap();
    let mismatches = tdlib["mismatches"].as_array().unwrap();
    assert!(!mismatches.is_empty());
    assert!(
        mismatches.iter().all(|m| m["known_exception"].is_string()),
        "{mismatches:?}"
    );
    let legacy = mismatches
        .iter()
        .find(|m| m["name"] == "inputStickerSetThumbLegacy")
        .expect("listed");
    assert_eq!(legacy["declared"], "0dbaeae9");
}

#[test]
fn malformed_files_are_located_and_fail_without_hiding_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let bad_id = write(&dir, "bad_id.tl", b"// header\nfoo#zz bar:int = Baz;\n");
    let unterminated = write(&dir, "unterminated.tl", b"ok#1 = A;\nfoo bar:int = Baz\n");
    let bad_flag = write(
        &dir,
        "bad_flag.tl",
        b"\n\nfoo flags:# x:flags.99?int = Foo;\n",
    );
    let not_utf8 = write(&dir, "latin1.tl", b"foo = Foo;\nb\xe4r = Bar;\n");
    let missing = dir.path().join("missing.tl");
    let good = corpus_schemas()
        .into_iter()
        .find(|p| p.ends_with("mtproto.tl"))
        .unwrap();
    let files = [
        bad_id.clone(),
        unterminated.clone(),
        bad_flag.clone(),
        not_utf8.clone(),
        missing.clone(),
        good,
    ];

    let out = tgconf(&["schema", "check"], &files);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let line_for = |path: &Path| {
        let prefix = path.display().to_string();
        text.lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("{prefix} reported:\n{text}"))
            .to_owned()
    };
    assert!(
        line_for(&bad_id).starts_with(&format!("{}:2:5: error: expected ", bad_id.display())),
        "{text}"
    );
    assert!(line_for(&bad_id).contains("found `zz`"), "{text}");
    // The error points at the definition that never ends, not at the end of the file.
    assert!(
        line_for(&unterminated).starts_with(&format!(
            "{}:2:1: error: expected `;`",
            unterminated.display()
        )),
        "{text}"
    );
    assert!(
        line_for(&bad_flag).starts_with(&format!("{}:3:21: error:", bad_flag.display())),
        "{text}"
    );
    assert!(line_for(&bad_flag).ends_with("found `99`"), "{text}");
    assert_eq!(
        line_for(&not_utf8),
        format!("{}:2:2: error: invalid UTF-8", not_utf8.display())
    );
    assert!(line_for(&missing).contains("error: cannot read"), "{text}");
    assert!(
        text.contains("mtproto.tl: ok layer none"),
        "the good file is still reported:\n{text}"
    );
}

#[test]
fn an_unexplained_mismatch_fails() {
    let dir = tempfile::tempdir().unwrap();
    // The real id is 4fdd3430 (seed 002, core.telegram.org/api/bots/buttons).
    let wrong = write(
        &dir,
        "wrong.tl",
        b"keyboardButtonStyle#4fdd3431 flags:# bg_primary:flags.0?true bg_danger:flags.1?true bg_success:flags.2?true icon:flags.3?long = KeyboardButtonStyle;\n",
    );
    let out = tgconf(&["schema", "check"], &[wrong]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("keyboardButtonStyle declared #4fdd3431, computed #4fdd3430 (UNEXPLAINED)"),
        "{text}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tgconf(&["schema", "check"], &[]).status.code(), Some(2));
    assert_eq!(
        tgconf(&["schema", "check", "--no-such-flag", "x.tl"], &[])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(tgconf(&["no-such-command"], &[]).status.code(), Some(2));
}
