//! `tgconf run`: the conformance run of one adapter, with a verdict per case, reports, and
//! an exit status for CI.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use tgconf_spec::era::{FIRST_LAYER, LAST_LAYER};
use tgconf_spec::rules::Catalogue;

use crate::adapter::sessions;
use crate::adapter::spec::AdapterSpec;
use crate::case::Suite;
use crate::exit::Exit;
use crate::report::provenance::Provenance;
use crate::runner::known_failing::KnownFailing;
use crate::runner::regressions::Regressions;
use crate::runner::sweep::{self, SweepSchema};
use crate::runner::{run as run_cases, RunOptions, RunResult};
use crate::selection::select;
use crate::verdict::Verdict;

/// The default seed: runs are reproducible unless a seed is given.
pub const DEFAULT_SEED: u64 = 1;
/// Generated subjects per case by default.
pub const DEFAULT_CASES: u32 = 64;

#[derive(Debug, Args)]
#[command(after_long_help = RUN_HELP)]
pub struct RunArgs {
    /// `reference` (the model), `process:COMMAND` (a program speaking
    /// docs/adapter-protocol.md, started with `sh -c`), or `broken:BUG` (the reference with a
    /// case's bug, see `tgconf cases`).
    #[arg(long, default_value = "reference", value_name = "ADAPTER")]
    adapter: AdapterSpec,
    /// Only subjects at this layer (152 to 230).
    #[arg(long, value_name = "N")]
    layer: Option<u32>,
    /// Only cases whose ID matches this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    filter: Vec<String>,
    /// Only this case (repeatable), as in a failure's reproduce command.
    #[arg(long = "case", value_name = "ID")]
    case_ids: Vec<String>,
    /// Generated subjects per case.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CASES)]
    cases: u32,
    /// The seed of the generators; the same seed gives the same subjects.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Write report.json, report.md, junit.xml and report.html here.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Case IDs (or globs) expected to fail, one per line: XFAIL when they do, XPASS when not.
    #[arg(long, value_name = "FILE")]
    known_failing: Option<PathBuf>,
    /// Seconds one case may take, shrinking included.
    #[arg(long, value_name = "SECS", default_value_t = 30.0)]
    timeout: f64,
    /// Regression cases to replay first; new counterexamples are saved here.
    #[arg(long, value_name = "DIR", default_value = "corpus/regressions/cases")]
    regressions: PathBuf,
    /// Do not save counterexamples (they are never saved for broken:… adapters).
    #[arg(long)]
    no_save: bool,
    /// Shrinking tries per failure.
    #[arg(long, value_name = "N", default_value_t = 512)]
    max_shrink: u32,
    /// Sweep an implementation's own schema file instead of running the cases: values of
    /// every constructor and function in FILE (its `// LAYER` must be the adapter's) are
    /// encoded by tgconf and decoded by the adapter, and the reverse; one row per codec rule.
    /// `--cases` is then the values per constructor and `--filter` selects constructors by name.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["case_ids", "layer", "known_failing"])]
    schema: Option<String>,
}

const RUN_HELP: &str = "Prints one line per case (verdict, ID), the details of every failure
(expected vs actual, the shrunk counterexample, the command that reproduces it), and a summary.

Exit status: 0 conformant (no MUST failed, no XPASS); 1 a MUST failed or a known-failing case
passed (XPASS); 2 usage errors; 3 the adapter crashed, hung or broke the protocol (and no MUST
failed). UNSUPPORTED cases (a role or layer the adapter does not offer) never count as passes:
the summary counts them.";

pub fn run(args: RunArgs) -> Exit {
    if let Some(path) = &args.schema {
        return sweep(&args, path);
    }
    match prepare(&args) {
        Ok((suite, options)) => execute(&args, &suite, options),
        Err(message) => {
            eprintln!("tgconf: {message}");
            Exit::Usage
        }
    }
}

fn prepare(args: &RunArgs) -> Result<(Suite, RunOptions), String> {
    if let Some(layer) = args.layer {
        if !(FIRST_LAYER..=LAST_LAYER).contains(&layer) {
            return Err(format!(
                "--layer {layer}: supported layers are {FIRST_LAYER} to {LAST_LAYER}"
            ));
        }
    }
    if !(args.timeout.is_finite() && args.timeout > 0.0 && args.timeout <= 86_400.0) {
        return Err(format!(
            "--timeout {}: expected seconds between 0 and 86400",
            args.timeout
        ));
    }
    if args.cases == 0 {
        return Err("--cases 0: at least one subject per case".to_owned());
    }
    let suite = Suite::model().map_err(|e| e.to_string())?;
    let known_failing = match &args.known_failing {
        Some(path) => KnownFailing::load(path)?,
        None => KnownFailing::default(),
    };
    let (regressions, warnings) = Regressions::load(&args.regressions);
    for warning in warnings {
        eprintln!("tgconf: warning: {warning}");
    }
    let options = RunOptions {
        cases: args.cases,
        seed: args.seed,
        layer: args.layer,
        timeout: Duration::from_secs_f64(args.timeout),
        max_shrink: args.max_shrink,
        known_failing,
        regressions: Some(regressions),
        save_regressions: !args.no_save && !matches!(args.adapter, AdapterSpec::Broken(_)),
        progress: std::io::stderr().is_terminal(),
        adapter_arg: args.adapter.to_string(),
    };
    Ok((suite, options))
}

fn execute(args: &RunArgs, suite: &Suite, mut options: RunOptions) -> Exit {
    let selected = match select(suite, &args.filter, &args.case_ids) {
        Ok(selected) if selected.is_empty() => return usage("no case matches the filter"),
        Ok(selected) => selected,
        Err(message) => return usage(&message),
    };
    let mut adapter = match args
        .adapter
        .build(sessions::MODEL, suite, args.layer, options.timeout)
    {
        Ok(adapter) => adapter,
        Err(message) => return usage(&message),
    };
    let started = std::time::SystemTime::now();
    let result = run_cases(suite, &selected, adapter.as_mut(), &mut options);
    let provenance = Provenance::new(&result, &options, started);
    print_text(&result);
    if let Some(dir) = &args.out {
        if let Err(e) = crate::report::write_all(dir, &result, &provenance) {
            eprintln!("tgconf: cannot write the reports in {}: {e}", dir.display());
            return Exit::Failed;
        }
    }
    exit_status(&result)
}

/// `--schema FILE`: the schema sweep instead of the cases.
fn sweep(args: &RunArgs, path: &str) -> Exit {
    let prepared = prepare(args).and_then(|(suite, options)| {
        let schema = SweepSchema::load(path)?;
        let catalogue = Catalogue::load().map_err(|e| e.to_string())?;
        Ok((suite, options, schema, catalogue))
    });
    let (suite, mut options, schema, catalogue) = match prepared {
        Ok(prepared) => prepared,
        Err(message) => return usage(&message),
    };
    options.save_regressions = false;
    let mut adapter = match args
        .adapter
        .build(sessions::MODEL, &suite, None, options.timeout)
    {
        Ok(adapter) => adapter,
        Err(message) => return usage(&message),
    };
    let started = std::time::SystemTime::now();
    let result = match sweep::run(
        &schema,
        &catalogue,
        &args.filter,
        adapter.as_mut(),
        &options,
    ) {
        Ok(result) => result,
        Err(message) => return usage(&message),
    };
    let provenance = Provenance::new(&result, &options, started);
    print_text(&result);
    if let Some(dir) = &args.out {
        if let Err(e) = crate::report::write_all(dir, &result, &provenance) {
            eprintln!("tgconf: cannot write the reports in {}: {e}", dir.display());
            return Exit::Failed;
        }
    }
    exit_status(&result)
}

fn usage(message: &str) -> Exit {
    eprintln!("tgconf: {message}");
    Exit::Usage
}

/// 1 for a broken MUST or an XPASS, else 3 for adapter faults, else 0.
pub fn exit_status(result: &RunResult) -> Exit {
    if !result.conformant() {
        Exit::Failed
    } else if result.adapter_faults() > 0 {
        Exit::AdapterError
    } else {
        Exit::Ok
    }
}

fn print_text(result: &RunResult) {
    let mut out = std::io::stdout().lock();
    // A closed stdout (`| head`) must not stop the run from writing its reports and exit code.
    let _ = write_text(&mut out, result);
}

fn write_text(out: &mut impl Write, result: &RunResult) -> std::io::Result<()> {
    match &result.adapter {
        Ok(info) => writeln!(
            out,
            "adapter: {} {} (roles: {}; layers: {})",
            info.name,
            info.version,
            info.roles
                .iter()
                .map(|r| r.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            info.layers
        )?,
        Err(e) => writeln!(out, "adapter: no handshake: {e}")?,
    }
    for r in &result.results {
        match &r.detail {
            Some(detail) if r.verdict != Verdict::Pass => {
                writeln!(out, "{:<11} {}  ({detail})", r.verdict.as_str(), r.id)?
            }
            _ => writeln!(out, "{:<11} {}", r.verdict.as_str(), r.id)?,
        }
    }
    for r in result.results.iter().filter(|r| r.failure.is_some()) {
        let Some(failure) = &r.failure else { continue };
        writeln!(
            out,
            "\n{} {} [{} {}]: {}",
            r.verdict, r.id, r.level, r.party, r.statement
        )?;
        writeln!(out, "  requirement: \"{}\"", r.quote.trim())?;
        for v in &failure.violations {
            writeln!(out, "  {v}")?;
        }
        let counterexample = serde_json::to_string(&failure.counterexample).unwrap_or_default();
        writeln!(
            out,
            "  counterexample (after {} shrinking steps): {counterexample}",
            failure.shrink_steps
        )?;
        if let Some(path) = &failure.regression {
            writeln!(out, "  saved as {path}")?;
        }
        writeln!(out, "  reproduce: {}", failure.reproduce)?;
    }
    let counts: Vec<String> = Verdict::ALL
        .into_iter()
        .filter(|&v| result.count(v) > 0)
        .map(|v| format!("{} {}", result.count(v), v))
        .collect();
    writeln!(
        out,
        "\n{} cases in {:.1} s: {}",
        result.results.len(),
        result.elapsed.as_secs_f64(),
        counts.join(", ")
    )
}
