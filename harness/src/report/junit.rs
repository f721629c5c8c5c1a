//! junit.xml: one test case per tgconf case, for CI systems that show JUnit results.
//! FAIL and XPASS are failures, TIMEOUT/CRASH/ERROR errors, UNSUPPORTED skipped; NON-STRICT
//! and XFAIL pass, with the verdict in the test's system-out.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use super::provenance::Provenance;
use crate::runner::{CaseResult, RunResult};
use crate::verdict::Verdict;

pub fn render(
    result: &RunResult,
    provenance: &Provenance,
) -> Result<String, quick_junit::SerializeError> {
    let mut suite = TestSuite::new(format!("tgconf: {}", provenance.implementation()));
    suite.add_property(("seed", provenance.seed.to_string().as_str()));
    suite.add_property(("suite-revision", provenance.suite.revision.as_str()));
    for r in &result.results {
        suite.add_test_case(case(r));
    }
    let mut report = Report::new("tgconf");
    report.add_test_suite(suite);
    report.to_string()
}

fn case(r: &CaseResult) -> TestCase {
    let description = || {
        let mut text = r.detail.clone().unwrap_or_default();
        if let Some(f) = &r.failure {
            for v in &f.violations {
                text.push_str(&format!("\n{v}"));
            }
            text.push_str(&format!("\nreproduce: {}", f.reproduce));
        }
        text.trim().to_owned()
    };
    let mut status = match r.verdict {
        Verdict::Pass | Verdict::NonStrict | Verdict::Xfail => TestCaseStatus::success(),
        Verdict::Unsupported => TestCaseStatus::skipped(),
        Verdict::Fail | Verdict::Xpass => TestCaseStatus::non_success(NonSuccessKind::Failure),
        Verdict::Timeout | Verdict::Crash | Verdict::Error => {
            TestCaseStatus::non_success(NonSuccessKind::Error)
        }
    };
    if r.verdict != Verdict::Pass {
        status.set_message(format!("{}: {}", r.verdict, r.statement));
        status.set_type(r.verdict.as_str());
        if !matches!(r.verdict, Verdict::NonStrict | Verdict::Xfail) {
            status.set_description(description());
        }
    }
    let mut case = TestCase::new(r.id.as_str(), status);
    case.set_classname(format!("tgconf.{}", r.party));
    case.set_time(r.elapsed);
    if matches!(r.verdict, Verdict::NonStrict | Verdict::Xfail) {
        case.set_system_out(format!("{}\n{}", r.verdict, description()));
    }
    case
}
