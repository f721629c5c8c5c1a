//! The mini-app role end to end through the process protocol: an adapter written from the
//! protocol document passes MA-15, and with MA-15's bug it fails it, with a transcript.

use std::path::Path;
use std::time::Duration;

use tgconf_harness::adapter::process::ProcessAdapter;
use tgconf_harness::case::Suite;
use tgconf_harness::runner::known_failing::KnownFailing;
use tgconf_harness::runner::{run, RunOptions, RunResult};
use tgconf_harness::verdict::Verdict;

const CASE: &str = "MA-15/mini-app-foreign-req-id";

fn run_mini_app(arg: &str) -> RunResult {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/adapters/mini_app.py");
    let suite = Suite::model().unwrap();
    let mut adapter = ProcessAdapter::new(
        &format!("python3 {} {arg}", script.display()),
        None,
        Duration::from_secs(30),
    );
    let mut options = RunOptions {
        cases: 16,
        seed: 1,
        layer: None,
        timeout: Duration::from_secs(30),
        max_shrink: 64,
        known_failing: KnownFailing::default(),
        regressions: None,
        save_regressions: false,
        progress: false,
        adapter_arg: "process:mini_app.py".to_owned(),
    };
    run(
        &suite,
        &[suite.case(CASE).unwrap()],
        &mut adapter,
        &mut options,
    )
}

#[test]
fn a_mini_app_adapter_passes_and_its_bug_fails() {
    let good = run_mini_app("");
    assert_eq!(good.results[0].verdict, Verdict::Pass, "{good:#?}");
    let bad = run_mini_app("foreign");
    let result = &bad.results[0];
    assert_eq!(result.verdict, Verdict::Fail, "{bad:#?}");
    let failure = result.failure.as_ref().expect("a failure is recorded");
    let transcript = serde_json::to_string(&failure.transcript).unwrap();
    assert!(
        transcript.contains(r#"\"role\":\"mini-app\""#),
        "{transcript}"
    );
    assert!(transcript.contains("request_chat"), "{transcript}");
}
