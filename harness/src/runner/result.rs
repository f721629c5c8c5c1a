//! What a run found: one result per case.

use std::time::Duration;

use tgconf_spec::model::{Subject, Violation};

use crate::adapter::{AdapterInfo, Fault, Transcript};
use crate::case::Case;
use crate::verdict::Verdict;

#[derive(Debug, Clone)]
pub struct CaseResult {
    pub id: String,
    pub rule: String,
    pub level: String,
    pub party: String,
    pub statement: String,
    pub quote: String,
    pub source_url: String,
    pub layers: String,
    pub verdict: Verdict,
    /// Subjects the adapter played (regression cases included).
    pub played: u32,
    /// Subjects drawn but not played: at a layer the adapter lacks, or declined by it.
    pub skipped: u32,
    /// Why the verdict is not PASS when no failure says it: the fault, the missing role.
    pub detail: Option<String>,
    pub failure: Option<Failure>,
    pub elapsed: Duration,
}

/// A broken rule, with everything needed to understand and reproduce it.
#[derive(Debug, Clone)]
pub struct Failure {
    /// Expected vs actual, per aspect of the rule.
    pub violations: Vec<Violation>,
    /// The shrunk subject as the adapter played it.
    pub counterexample: Subject,
    pub shrink_steps: u32,
    pub transcript: Transcript,
    pub reproduce: String,
    /// Where the counterexample was saved as a regression case.
    pub regression: Option<String>,
}

impl CaseResult {
    pub fn new(case: &Case) -> CaseResult {
        CaseResult {
            id: case.id.clone(),
            rule: case.rule.clone(),
            level: case.level.to_string(),
            party: case.party.to_string(),
            statement: case.statement.clone(),
            quote: case.quote.clone(),
            source_url: case.source_url.clone(),
            layers: case.layers.to_string(),
            verdict: Verdict::Pass,
            played: 0,
            skipped: 0,
            detail: None,
            failure: None,
            elapsed: Duration::ZERO,
        }
    }

    /// The result of a case the adapter could not even start.
    pub fn with_fault(mut self, fault: &Fault, when: &str) -> CaseResult {
        self.verdict = match fault {
            Fault::Timeout(_) => Verdict::Timeout,
            Fault::Crash(_) => Verdict::Crash,
            Fault::Protocol(_) => Verdict::Error,
        };
        self.detail = Some(format!("{when}: {fault}"));
        self
    }
}

#[derive(Debug, Clone)]
pub struct RunResult {
    /// The handshake's answer, or why there was none.
    pub adapter: Result<AdapterInfo, String>,
    pub results: Vec<CaseResult>,
    pub elapsed: Duration,
}

impl RunResult {
    pub fn count(&self, verdict: Verdict) -> usize {
        self.results.iter().filter(|r| r.verdict == verdict).count()
    }

    /// Conformant: no MUST failed and the known-failing list holds.
    pub fn conformant(&self) -> bool {
        self.count(Verdict::Fail) == 0 && self.count(Verdict::Xpass) == 0
    }

    pub fn adapter_faults(&self) -> usize {
        self.results
            .iter()
            .filter(|r| r.verdict.is_adapter_fault())
            .count()
    }
}
