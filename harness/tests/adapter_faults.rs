//! Adapters that crash, hang, print garbage or huge lines, or speak another protocol version
//! get CRASH / TIMEOUT / ERROR for the cases they spoil; they are restarted, and every other
//! case keeps its own result.

use std::path::Path;
use std::time::{Duration, Instant};

use tgconf_harness::adapter::process::ProcessAdapter;
use tgconf_harness::case::Suite;
use tgconf_harness::runner::known_failing::KnownFailing;
use tgconf_harness::runner::{run, RunOptions, RunResult};
use tgconf_harness::verdict::Verdict;

const CASES: [&str; 3] = [
    "TL-01/wire-nul-terminated-value",
    "TL-02/wire-int-big-endian",
    "TL-03/wire-long-high-word-first",
];

fn options(timeout: Duration) -> RunOptions {
    RunOptions {
        cases: 4,
        seed: 1,
        layer: None,
        timeout,
        max_shrink: 16,
        known_failing: KnownFailing::default(),
        regressions: None,
        save_regressions: false,
        progress: false,
        adapter_arg: "process:test".to_owned(),
    }
}

fn faulty(mode: &str, prefix: &str) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/adapters/faulty.py");
    format!("python3 {} {mode} '{prefix}'", script.display())
}

fn run_three(command: &str, timeout: Duration) -> RunResult {
    let suite = Suite::model().unwrap();
    let cases: Vec<_> = CASES.iter().map(|id| suite.case(id).unwrap()).collect();
    let mut adapter = ProcessAdapter::new(command, None, timeout);
    run(&suite, &cases, &mut adapter, &mut options(timeout))
}

fn verdicts(result: &RunResult) -> Vec<Verdict> {
    result.results.iter().map(|r| r.verdict).collect()
}

/// The middle case is spoiled; the cases before and after it pass, so the adapter was
/// restarted after the fault and nothing else was lost.
fn assert_only_the_middle_case(result: &RunResult, verdict: Verdict, detail: &str) {
    assert_eq!(
        verdicts(result),
        [Verdict::Pass, verdict, Verdict::Pass],
        "{result:#?}"
    );
    let shown = result.results[1].detail.as_deref().unwrap_or("");
    assert!(shown.contains(detail), "expected {detail:?} in {shown:?}");
}

#[test]
fn a_well_behaved_adapter_passes_all_three() {
    assert_eq!(
        verdicts(&run_three(
            &faulty("none", "nothing"),
            Duration::from_secs(30)
        )),
        [Verdict::Pass; 3]
    );
}

#[test]
fn a_crash_is_crash_with_the_exit_status_and_stderr() {
    let result = run_three(&faulty("crash", CASES[1]), Duration::from_secs(30));
    assert_only_the_middle_case(&result, Verdict::Crash, "segfault (pretend)");
    assert!(result.results[1]
        .detail
        .as_deref()
        .unwrap_or("")
        .contains("139"));
}

#[test]
fn a_hang_is_timeout_within_the_case_s_time() {
    let started = Instant::now();
    let result = run_three(&faulty("hang", CASES[1]), Duration::from_secs(2));
    assert_only_the_middle_case(&result, Verdict::Timeout, "no answer");
    // One timeout, not one per subject: the case stops at its deadline.
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn garbage_is_error() {
    assert_only_the_middle_case(
        &run_three(&faulty("garbage", CASES[1]), Duration::from_secs(30)),
        Verdict::Error,
        "not a protocol message",
    );
}

#[test]
fn a_huge_line_is_error_without_reading_it_all() {
    let result = run_three(&faulty("huge", CASES[1]), Duration::from_secs(30));
    assert_only_the_middle_case(&result, Verdict::Error, "longer than 1048576 bytes");
}

#[test]
fn an_answer_for_another_case_is_error() {
    assert_only_the_middle_case(
        &run_three(&faulty("wrong-case", CASES[1]), Duration::from_secs(30)),
        Verdict::Error,
        "echoes case",
    );
}

#[test]
fn an_error_message_is_error() {
    assert_only_the_middle_case(
        &run_three(&faulty("error", CASES[1]), Duration::from_secs(30)),
        Verdict::Error,
        "out of cheese",
    );
}

#[test]
fn another_protocol_version_is_error_for_every_case() {
    let result = run_three(&faulty("old-protocol", ""), Duration::from_secs(30));
    assert_eq!(verdicts(&result), [Verdict::Error; 3]);
    assert!(
        result
            .adapter
            .as_ref()
            .is_err_and(|e| e.contains("protocol version 0")),
        "{:?}",
        result.adapter
    );
}

#[test]
fn a_command_that_does_not_exist_is_crash() {
    let result = run_three("/nonexistent/adapter", Duration::from_secs(30));
    assert_eq!(verdicts(&result), [Verdict::Crash; 3]);
}
