//! The runner: for each case, generated subjects (seeded, reproducible) go to the adapter,
//! the model's checker judges what comes back, a failure is shrunk, saved as a regression
//! case and reported with its transcript and the command that reproduces it.

pub mod known_failing;
pub mod play;
pub mod regressions;
pub mod result;
pub mod shrink;
pub mod sweep;

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use tgconf_spec::era::{FIRST_LAYER, LAST_LAYER};
use tgconf_spec::model::{Subject, Violation};

use self::known_failing::KnownFailing;
use self::play::{Outcome, Player};
use self::regressions::{fnv1a, Regressions};
pub use self::result::{CaseResult, Failure, RunResult};
use crate::adapter::codec::ReferenceCodec;
use crate::adapter::subject_io::layer;
use crate::adapter::{Adapter, AdapterInfo, Fault, Transcript};
use crate::case::{Case, Suite};
use crate::verdict::Verdict;

pub struct RunOptions {
    /// Generated subjects played per case.
    pub cases: u32,
    pub seed: u64,
    /// Only subjects at this layer.
    pub layer: Option<u32>,
    /// The time one case may take, shrinking included.
    pub timeout: Duration,
    /// Shrinking tries per failure.
    pub max_shrink: u32,
    pub known_failing: KnownFailing,
    /// Replayed before the generated subjects; new counterexamples are saved here when
    /// `save_regressions`.
    pub regressions: Option<Regressions>,
    pub save_regressions: bool,
    pub progress: bool,
    /// The `--adapter` value, for the reproduce command.
    pub adapter_arg: String,
}

/// Runs `cases` of `suite` against `adapter`. Every case gets a result, whatever the adapter
/// does: after a fault it is reset and the next case starts afresh.
pub fn run(
    suite: &Suite,
    cases: &[&Case],
    adapter: &mut dyn Adapter,
    options: &mut RunOptions,
) -> RunResult {
    let started = Instant::now();
    let info = adapter.info();
    let bar = progress_bar(cases.len(), options.progress);
    let mut player = Player {
        check: suite.check,
        codec: ReferenceCodec::default(),
    };
    let mut results = Vec::with_capacity(cases.len());
    for case in cases {
        bar.set_message(case.id.clone());
        let result = match &info {
            Ok(info) => CaseRun::new(case, info, options).run(&mut player, adapter, options),
            Err(fault) => CaseResult::new(case).with_fault(fault, "in the handshake"),
        };
        results.push(result);
        bar.inc(1);
    }
    bar.finish_and_clear();
    RunResult {
        adapter: info.map_err(|fault| fault.to_string()),
        results,
        elapsed: started.elapsed(),
    }
}

fn progress_bar(len: usize, visible: bool) -> ProgressBar {
    // indicatif draws nothing when stderr is not a terminal, so CI logs stay clean.
    let target = if visible {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len as u64), target);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// The RNG seed of one case: from the run's seed and the case ID, so that a case generates
/// the same subjects whichever other cases run (`--case ID --seed S` reproduces a failure).
pub fn case_seed(seed: u64, case: &str) -> [u8; 32] {
    let mut state = seed ^ fnv1a(case.as_bytes());
    let mut bytes = [0u8; 32];
    for chunk in bytes.chunks_mut(8) {
        // splitmix64: spreads one 64-bit state over the 32 bytes ChaCha takes.
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        chunk.copy_from_slice(&(z ^ (z >> 31)).to_le_bytes());
    }
    bytes
}

/// One case in progress.
struct CaseRun<'a> {
    case: &'a Case,
    info: &'a AdapterInfo,
    layer: Option<u32>,
    deadline: Instant,
    started: Instant,
    exchanges: u32,
    result: CaseResult,
    /// The adapter's reason for the last subject it declined.
    declined: Option<String>,
}

/// Why a case ended early.
enum Stop {
    Fault(Fault),
    Verdict(Verdict, String),
}

impl<'a> CaseRun<'a> {
    fn new(case: &'a Case, info: &'a AdapterInfo, options: &RunOptions) -> CaseRun<'a> {
        let started = Instant::now();
        CaseRun {
            case,
            info,
            layer: options.layer,
            deadline: started + options.timeout,
            started,
            exchanges: 0,
            result: CaseResult::new(case),
            declined: None,
        }
    }

    /// A layer the rule, the adapter and `--layer` all allow.
    fn usable(&self, layer: u32) -> bool {
        self.case.layers.contains(layer)
            && self.info.layers.contains(layer)
            && self.layer.is_none_or(|l| l == layer)
    }

    fn exchange(&mut self) -> String {
        self.exchanges += 1;
        format!("{}#{}", self.case.id, self.exchanges)
    }

    fn run(
        mut self,
        player: &mut Player,
        adapter: &mut dyn Adapter,
        options: &mut RunOptions,
    ) -> CaseResult {
        let role = self.case.role();
        if !self.info.roles.contains(&role) {
            return self.finish(
                Verdict::Unsupported,
                Some(format!("the adapter does not offer the {role} role")),
                options,
            );
        }
        if !(FIRST_LAYER..=LAST_LAYER).any(|l| self.usable(l)) {
            let detail = format!(
                "no layer is in the rule's layers ({}), the adapter's ({}){}",
                self.case.layers,
                self.info.layers,
                self.layer
                    .map(|l| format!(" and --layer {l}"))
                    .unwrap_or_default()
            );
            return self.finish(Verdict::Unsupported, Some(detail), options);
        }
        let stop = self
            .replay_regressions(player, adapter, options)
            .and_then(|()| self.generate(player, adapter, options));
        match stop {
            Ok(()) => {}
            Err(Stop::Fault(fault)) => {
                adapter.reset();
                let faulted = CaseResult::new(self.case).with_fault(&fault, "while playing");
                return self.finish(faulted.verdict, faulted.detail, options);
            }
            Err(Stop::Verdict(verdict, detail)) => {
                return self.finish(verdict, Some(detail), options)
            }
        }
        let verdict = match (&self.result.failure, self.result.played) {
            (Some(_), _) if self.case.level.is_must() => Verdict::Fail,
            (Some(_), _) => Verdict::NonStrict,
            (None, 0) => {
                let detail = match self.declined.take() {
                    Some(reason) => format!("the adapter declined every subject: {reason}"),
                    None => "no generated subject was at a layer the adapter offers".to_owned(),
                };
                return self.finish(Verdict::Unsupported, Some(detail), options);
            }
            (None, _) => Verdict::Pass,
        };
        self.finish(verdict, None, options)
    }

    fn finish(
        mut self,
        verdict: Verdict,
        detail: Option<String>,
        options: &RunOptions,
    ) -> CaseResult {
        let known = options.known_failing.contains(&self.case.id);
        self.result.verdict = match verdict {
            Verdict::Fail | Verdict::NonStrict if known => Verdict::Xfail,
            Verdict::Pass if known => Verdict::Xpass,
            other => other,
        };
        self.result.detail = detail;
        self.result.elapsed = self.started.elapsed();
        self.result
    }

    fn play(
        &mut self,
        player: &mut Player,
        adapter: &mut dyn Adapter,
        subject: &Subject,
        transcript: Option<&mut Transcript>,
    ) -> Result<Outcome, Stop> {
        if Instant::now() >= self.deadline {
            return Err(Stop::Fault(Fault::Timeout(
                "the case did not finish within its time".to_owned(),
            )));
        }
        let exchange = self.exchange();
        match player.play(
            adapter,
            self.case,
            &exchange,
            subject,
            self.deadline,
            transcript,
        ) {
            Ok(Outcome::SuiteError(message)) => Err(Stop::Verdict(
                Verdict::Error,
                format!("suite error: {message}"),
            )),
            Ok(outcome) => Ok(outcome),
            Err(fault) => Err(Stop::Fault(fault)),
        }
    }

    fn replay_regressions(
        &mut self,
        player: &mut Player,
        adapter: &mut dyn Adapter,
        options: &mut RunOptions,
    ) -> Result<(), Stop> {
        let stored: Vec<Subject> = match &options.regressions {
            Some(regressions) => regressions
                .for_case(&self.case.id)
                .map(|r| r.subject.clone())
                .collect(),
            None => return Ok(()),
        };
        for subject in stored {
            if !self.usable(layer(&subject)) {
                self.result.skipped += 1;
                continue;
            }
            match self.play(player, adapter, &subject, None)? {
                Outcome::Fail { violations, played } => {
                    self.record_failure(player, adapter, options, &subject, violations, *played, 0);
                    return Ok(());
                }
                outcome => self.count(outcome),
            }
        }
        Ok(())
    }

    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Pass => self.result.played += 1,
            Outcome::Unsupported(reason) => {
                self.result.skipped += 1;
                self.declined = Some(reason);
            }
            Outcome::Fail { .. } | Outcome::SuiteError(_) => {}
        }
    }

    fn generate(
        &mut self,
        player: &mut Player,
        adapter: &mut dyn Adapter,
        options: &mut RunOptions,
    ) -> Result<(), Stop> {
        if self.result.failure.is_some() {
            return Ok(());
        }
        let rng = TestRng::from_seed(
            RngAlgorithm::ChaCha,
            &case_seed(options.seed, &self.case.id),
        );
        let mut runner = TestRunner::new_with_rng(Config::default(), rng);
        let strategy = (self.case.valid)();
        // Subjects at layers the adapter lacks are drawn and dropped; the bound keeps a case
        // whose layers the adapter barely covers from drawing forever.
        let max_draws = options.cases.saturating_mul(20).max(100);
        let mut draws = 0;
        while self.result.played < options.cases && draws < max_draws {
            draws += 1;
            let mut tree = strategy.new_tree(&mut runner).map_err(|reason| {
                Stop::Verdict(
                    Verdict::Error,
                    format!("suite error: the generator gave up: {reason}"),
                )
            })?;
            let subject = tree.current();
            if !self.usable(layer(&subject)) {
                self.result.skipped += 1;
                continue;
            }
            match self.play(player, adapter, &subject, None)? {
                Outcome::Fail { violations, played } => {
                    let mut fault = None;
                    let (shrunk, (violations, played), steps) = shrink::shrink(
                        &mut tree,
                        (violations, *played),
                        options.max_shrink,
                        |candidate| {
                            if !self.usable(layer(candidate)) {
                                return Ok(None);
                            }
                            match self.play(player, adapter, candidate, None) {
                                Ok(Outcome::Fail { violations, played }) => {
                                    Ok(Some((violations, *played)))
                                }
                                Ok(_) => Ok(None),
                                Err(stop) => {
                                    fault = Some(stop);
                                    Err(())
                                }
                            }
                        },
                    );
                    if fault.is_some() {
                        // The adapter failed on a smaller subject; the failure found stands.
                        adapter.reset();
                    }
                    self.record_failure(
                        player, adapter, options, &shrunk, violations, played, steps,
                    );
                    return Ok(());
                }
                outcome => self.count(outcome),
            }
        }
        Ok(())
    }

    /// Keeps the failure: the transcript of the subject played once more, the regression
    /// file, the reproduce command.
    #[allow(clippy::too_many_arguments)]
    fn record_failure(
        &mut self,
        player: &mut Player,
        adapter: &mut dyn Adapter,
        options: &mut RunOptions,
        subject: &Subject,
        violations: Vec<Violation>,
        played: Subject,
        shrink_steps: u32,
    ) {
        let mut transcript = Transcript::default();
        // A deterministic adapter fails the same way again; if this replay differs, the
        // transcript says so by what it shows, and the verdict rests on the first failure.
        let (violations, played) = match self.play(player, adapter, subject, Some(&mut transcript))
        {
            Ok(Outcome::Fail { violations, played }) => (violations, *played),
            Ok(_) => (violations, played),
            Err(_) => {
                adapter.reset();
                (violations, played)
            }
        };
        let regression = match (&mut options.regressions, options.save_regressions) {
            (Some(regressions), true) => {
                match regressions.save(&self.case.id, options.seed, subject) {
                    Ok(path) => Some(path.display().to_string()),
                    Err(e) => Some(format!("(not saved: {e})")),
                }
            }
            _ => None,
        };
        self.result.failure = Some(Failure {
            violations,
            counterexample: played,
            shrink_steps,
            transcript,
            reproduce: reproduce_command(options, &self.case.id),
            regression,
        });
    }
}

/// `tgconf run …` for one case with this run's seed, case count and layer.
fn reproduce_command(options: &RunOptions, case: &str) -> String {
    let mut command = format!(
        "tgconf run --adapter {} --case {} --seed {} --cases {}",
        shell_quote(&options.adapter_arg),
        shell_quote(case),
        options.seed,
        options.cases
    );
    if let Some(layer) = options.layer {
        command.push_str(&format!(" --layer {layer}"));
    }
    command
}

/// Quotes for a POSIX shell when needed.
fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@".contains(&b))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_seeds_differ_by_case_and_by_seed_and_are_stable() {
        assert_eq!(case_seed(1, "A/x"), case_seed(1, "A/x"));
        assert_ne!(case_seed(1, "A/x"), case_seed(2, "A/x"));
        assert_ne!(case_seed(1, "A/x"), case_seed(1, "A/y"));
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("reference"), "reference");
        assert_eq!(
            shell_quote("process:python3 a.py"),
            "'process:python3 a.py'"
        );
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }
}
