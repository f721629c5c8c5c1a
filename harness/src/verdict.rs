//! Verdicts: what a run says about each case.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING-KEBAB-CASE")]
pub enum Verdict {
    /// Every generated subject the adapter played meets the rule.
    Pass,
    /// A SHOULD (or weaker) rule is missed: conformant, but not strictly.
    NonStrict,
    /// A MUST rule is broken.
    Fail,
    /// The adapter does not offer the role or any layer the case needs. Never a pass.
    Unsupported,
    Timeout,
    Crash,
    /// The adapter broke the protocol or reported an error (or the suite could not run the
    /// case, which the detail says).
    Error,
    /// Failed, and listed as known to fail.
    Xfail,
    /// Listed as known to fail, yet passed: the list is out of date.
    Xpass,
}

impl Verdict {
    pub const ALL: [Verdict; 9] = [
        Verdict::Pass,
        Verdict::NonStrict,
        Verdict::Fail,
        Verdict::Unsupported,
        Verdict::Timeout,
        Verdict::Crash,
        Verdict::Error,
        Verdict::Xfail,
        Verdict::Xpass,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::NonStrict => "NON-STRICT",
            Verdict::Fail => "FAIL",
            Verdict::Unsupported => "UNSUPPORTED",
            Verdict::Timeout => "TIMEOUT",
            Verdict::Crash => "CRASH",
            Verdict::Error => "ERROR",
            Verdict::Xfail => "XFAIL",
            Verdict::Xpass => "XPASS",
        }
    }

    /// The adapter failed rather than the implementation behind it.
    pub fn is_adapter_fault(self) -> bool {
        matches!(self, Verdict::Timeout | Verdict::Crash | Verdict::Error)
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_printed() {
        for verdict in Verdict::ALL {
            assert_eq!(serde_json::to_value(verdict).unwrap(), verdict.as_str());
        }
    }
}
