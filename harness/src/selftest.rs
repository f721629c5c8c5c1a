//! `tgconf selftest`: the suite testing itself. The reference adapter must pass every case,
//! and each broken adapter (the reference with one case's bug) must fail exactly the rules
//! its case lists: its own rule, and only rules from its `also`.

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use clap::Args;

use crate::adapter::broken::Broken;
use crate::adapter::reference::Reference;
use crate::adapter::sessions::{self, Sessions};
use crate::case::{Case, Suite};
use crate::exit::{write_failed, Exit};
use crate::runner::known_failing::KnownFailing;
use crate::runner::{run, RunOptions, RunResult};
use crate::selection::select;
use crate::verdict::Verdict;

#[derive(Debug, Args)]
pub struct SelftestArgs {
    /// Generated subjects per case (for the reference and for every broken adapter).
    #[arg(long, value_name = "N", default_value_t = 32)]
    cases: u32,
    #[arg(long, value_name = "S", default_value_t = crate::run_cli::DEFAULT_SEED)]
    seed: u64,
    /// Only the bugs of cases whose ID matches this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    filter: Vec<String>,
}

/// What one broken adapter did.
#[derive(Debug, Clone)]
pub struct BugResult {
    pub bug: &'static str,
    pub case: String,
    /// The case's rule and its `also`.
    pub listed: BTreeSet<String>,
    /// Rules of the cases it failed (FAIL or NON-STRICT).
    pub caught: BTreeSet<String>,
    /// Cases with any other verdict than PASS, FAIL or NON-STRICT.
    pub anomalies: Vec<String>,
    pub rule: String,
}

impl BugResult {
    /// Caught by its own rule, by no rule it does not list, with no anomaly.
    pub fn ok(&self) -> bool {
        self.caught.contains(&self.rule)
            && self.caught.is_subset(&self.listed)
            && self.anomalies.is_empty()
    }
}

pub struct Selftest {
    pub reference: RunResult,
    pub bugs: Vec<BugResult>,
}

impl Selftest {
    /// Cases the reference did not pass.
    pub fn reference_failures(&self) -> Vec<String> {
        self.reference
            .results
            .iter()
            .filter(|r| r.verdict != Verdict::Pass)
            .map(|r| {
                format!(
                    "{} {}{}",
                    r.verdict,
                    r.id,
                    r.detail
                        .as_ref()
                        .map(|d| format!(" ({d})"))
                        .unwrap_or_default()
                )
            })
            .collect()
    }

    pub fn passes(&self) -> bool {
        self.reference_failures().is_empty() && self.bugs.iter().all(BugResult::ok)
    }
}

fn options(cases: u32, seed: u64, adapter_arg: String) -> RunOptions {
    RunOptions {
        cases,
        seed,
        layer: None,
        timeout: Duration::from_secs(600),
        max_shrink: 64,
        known_failing: KnownFailing::default(),
        regressions: None,
        save_regressions: false,
        progress: false,
        adapter_arg,
    }
}

/// Runs the reference on `bugs`' cases, and each of `bugs` as a broken adapter on every case
/// of its party.
pub fn selftest(
    suite: &Suite,
    sessions: Sessions,
    bugs: &[&Case],
    cases: u32,
    seed: u64,
) -> Selftest {
    let mut reference = Reference::new(sessions);
    let reference_run = run(
        suite,
        bugs,
        &mut reference,
        &mut options(cases, seed, "reference".to_owned()),
    );
    let results = bugs
        .iter()
        .map(|bug_case| {
            let party_cases: Vec<&Case> = suite
                .cases
                .iter()
                .filter(|c| c.party == bug_case.party)
                .collect();
            let mut broken = Broken::new(Reference::new(sessions), bug_case);
            let arg = format!("broken:{}", bug_case.bug);
            let result = run(
                suite,
                &party_cases,
                &mut broken,
                &mut options(cases, seed, arg),
            );
            let mut listed: BTreeSet<String> =
                bug_case.also.iter().map(|r| (*r).to_owned()).collect();
            listed.insert(bug_case.rule.clone());
            BugResult {
                bug: bug_case.bug,
                case: bug_case.id.clone(),
                listed,
                caught: result
                    .results
                    .iter()
                    .filter(|r| matches!(r.verdict, Verdict::Fail | Verdict::NonStrict))
                    .map(|r| r.rule.clone())
                    .collect(),
                anomalies: result
                    .results
                    .iter()
                    .filter(|r| {
                        !matches!(
                            r.verdict,
                            Verdict::Pass | Verdict::Fail | Verdict::NonStrict
                        )
                    })
                    .map(|r| format!("{} {}", r.verdict, r.id))
                    .collect(),
                rule: bug_case.rule.clone(),
            }
        })
        .collect();
    Selftest {
        reference: reference_run,
        bugs: results,
    }
}

pub fn command(args: SelftestArgs) -> Exit {
    let suite = match Suite::model() {
        Ok(suite) => suite,
        Err(e) => {
            eprintln!("tgconf: {e}");
            return Exit::Failed;
        }
    };
    let selected = match select(&suite, &args.filter, &[]) {
        Ok(selected) => selected,
        Err(e) => {
            eprintln!("tgconf: {e}");
            return Exit::Usage;
        }
    };
    if std::io::stderr().is_terminal() {
        eprintln!(
            "tgconf selftest: the reference and {} broken adapters, {} subjects per case…",
            selected.len(),
            args.cases
        );
    }
    let result = selftest(&suite, sessions::MODEL, &selected, args.cases, args.seed);
    let mut out = std::io::stdout().lock();
    if let Err(e) = print(&mut out, &result) {
        if write_failed(&e) == Exit::Failed {
            return Exit::Failed;
        }
    }
    if result.passes() {
        Exit::Ok
    } else {
        Exit::Failed
    }
}

fn print(out: &mut impl Write, result: &Selftest) -> std::io::Result<()> {
    let failures = result.reference_failures();
    if failures.is_empty() {
        writeln!(
            out,
            "reference: PASS on all {} cases",
            result.reference.results.len()
        )?;
    } else {
        writeln!(
            out,
            "reference: {} of {} cases not PASS:",
            failures.len(),
            result.reference.results.len()
        )?;
        for failure in &failures {
            writeln!(out, "  {failure}")?;
        }
    }
    writeln!(
        out,
        "\n{:<48} {:<18} {:<18} result",
        "broken adapter", "rules listed", "rules caught"
    )?;
    for bug in &result.bugs {
        let listed = bug.listed.iter().cloned().collect::<Vec<_>>().join(",");
        let caught = if bug.caught.is_empty() {
            "-".to_owned()
        } else {
            bug.caught.iter().cloned().collect::<Vec<_>>().join(",")
        };
        let verdict = if bug.ok() {
            "ok".to_owned()
        } else if !bug.anomalies.is_empty() {
            format!("WRONG: {}", bug.anomalies.join("; "))
        } else if !bug.caught.contains(&bug.rule) {
            format!("WRONG: not caught by {}", bug.rule)
        } else {
            "WRONG: caught by rules it does not list".to_owned()
        };
        writeln!(
            out,
            "{:<48} {listed:<18} {caught:<18} {verdict}",
            format!("broken:{}", bug.bug)
        )?;
    }
    let ok = result.bugs.iter().filter(|b| b.ok()).count();
    writeln!(
        out,
        "\nselftest: reference {}; {ok} of {} broken adapters caught exactly by their rules",
        if failures.is_empty() {
            "passes"
        } else {
            "FAILS"
        },
        result.bugs.len()
    )
}
