//! The reports of a small fixed run, as snapshots: a broken adapter failing one of two cases,
//! so every part of a failure (violations, counterexample, transcript, reproduce command)
//! shows. Times, dates and versions are redacted; the command line is fixed.

use std::path::Path;
use std::time::{Duration, SystemTime};

use tgconf_harness::adapter::broken::Broken;
use tgconf_harness::adapter::reference::Reference;
use tgconf_harness::adapter::sessions;
use tgconf_harness::adapter::Adapter;
use tgconf_harness::case::Suite;
use tgconf_harness::report::merge;
use tgconf_harness::report::provenance::Provenance;
use tgconf_harness::runner::known_failing::KnownFailing;
use tgconf_harness::runner::{run, RunOptions};

const CASES: [&str; 2] = [
    "TL-02/wire-int-big-endian",
    "TL-03/wire-long-high-word-first",
];

/// Runs the two cases against `adapter` and writes the reports into `dir`.
fn fixed_run(dir: &Path, adapter: &mut dyn Adapter, arg: &str) {
    let suite = Suite::model().unwrap();
    let cases: Vec<_> = CASES.iter().map(|id| suite.case(id).unwrap()).collect();
    let mut options = RunOptions {
        cases: 4,
        seed: 7,
        layer: None,
        timeout: Duration::from_secs(60),
        max_shrink: 64,
        known_failing: KnownFailing::default(),
        regressions: None,
        save_regressions: false,
        progress: false,
        adapter_arg: arg.to_owned(),
    };
    let result = run(&suite, &cases, adapter, &mut options);
    let mut provenance = Provenance::new(&result, &options, SystemTime::UNIX_EPOCH);
    // The test process's own argv depends on the runner (cargo test, nextest, filters,
    // --quiet): a fixed command line keeps the snapshots independent of it.
    provenance.arguments = [
        "tgconf",
        "run",
        "--adapter",
        arg,
        "--cases",
        "4",
        "--seed",
        "7",
    ]
    .map(str::to_owned)
    .to_vec();
    tgconf_harness::report::write_all(dir, &result, &provenance).unwrap();
}

/// The report text with what changes from run to run replaced by placeholders.
fn redacted(dir: &Path, file: &str) -> String {
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
    let suite = tgconf_harness::protocol::SuiteInfo::current();
    let mut text = text
        .replace(&suite.revision, "[revision]")
        .replace(&suite.version, "[version]");
    for key in ["time=\"", "timestamp=\"", "\"elapsed_ms\": "] {
        text = redact_after(&text, key);
    }
    text
}

/// Replaces what follows each `key` up to the next `"`, `,` or newline.
fn redact_after(text: &str, key: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(key) {
        out.push_str(&rest[..at + key.len()]);
        rest = &rest[at + key.len()..];
        let end = rest.find(['"', ',', '\n']).unwrap_or(rest.len());
        out.push_str("[redacted]");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn reports_of_a_failing_run() {
    let dir = tempfile::tempdir().unwrap();
    let suite = Suite::model().unwrap();
    let mut adapter = Broken::new(
        Reference::new(sessions::MODEL),
        suite.case(CASES[0]).unwrap(),
    );
    fixed_run(dir.path(), &mut adapter, "broken:wire-int-big-endian");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert_eq!(report["schema"], "tgconf-report/1");
    assert_eq!(report["cases"][0]["verdict"], "FAIL");
    assert_eq!(report["cases"][1]["verdict"], "PASS");
    assert_eq!(report["provenance"]["date"], "1970-01-01T00:00:00Z");
    insta::assert_snapshot!("report.json", redacted(dir.path(), "report.json"));
    insta::assert_snapshot!("report.md", redacted(dir.path(), "report.md"));
    insta::assert_snapshot!("junit.xml", redacted(dir.path(), "junit.xml"));
    insta::assert_snapshot!("report.html", redacted(dir.path(), "report.html"));
    // Nothing but the four reports: each was written through a temporary file and renamed.
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["junit.xml", "report.html", "report.json", "report.md"]
    );
}

#[test]
fn merged_runs_make_a_matrix_and_other_revisions_are_refused() {
    let runs = tempfile::tempdir().unwrap();
    let (good, bad) = (runs.path().join("reference"), runs.path().join("broken"));
    let suite = Suite::model().unwrap();
    fixed_run(&good, &mut Reference::new(sessions::MODEL), "reference");
    let mut broken = Broken::new(
        Reference::new(sessions::MODEL),
        suite.case(CASES[1]).unwrap(),
    );
    fixed_run(&bad, &mut broken, "broken:wire-long-high-word-first");
    let reports = merge::load(&[&good, &bad]).unwrap();
    let suite_info = tgconf_harness::protocol::SuiteInfo::current();
    let matrix = merge::markdown(&reports)
        .replace(&suite_info.revision, "[revision]")
        .replace(&suite_info.version, "[version]");
    insta::assert_snapshot!("matrix.md", matrix);
    assert!(merge::html(&reports).contains("<td class=\"FAIL\">FAIL</td>"));

    let path = bad.join("report.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace(&suite_info.revision, "another-revision");
    std::fs::write(&path, text).unwrap();
    let error = merge::load(&[&good, &bad]).unwrap_err().to_string();
    assert!(error.contains("different suite revisions"), "{error}");
}
