//! The `adapter` target's other side: a process adapter (process protocol v1,
//! docs/adapter-protocol.md) offering the client role, started once per process and fed
//! the sessions of [`crate::flow`]; the model's checker judges what it answers.
//!
//! The command comes from [`ADAPTER_VAR`], or from [`set_command`] (the `replay` test,
//! which falls back to the reference client served as a process by the
//! `tgconf-fuzz-reference-adapter` binary of this crate).

use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use tgconf_harness::adapter::process::ProcessAdapter;
use tgconf_harness::adapter::{Adapter, AdapterInfo, Reply};
use tgconf_harness::role::Role;
use tgconf_spec::model::Subject;

use crate::flow;

/// The environment variable naming the adapter's command (run with `sh -c`).
pub const ADAPTER_VAR: &str = "TGCONF_FUZZ_ADAPTER";

/// How long one session may take, start to end (libFuzzer's `-timeout` is 10 s).
const SESSION_DEADLINE: Duration = Duration::from_secs(5);
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(30);

static COMMAND: OnceLock<String> = OnceLock::new();
static ADAPTER: OnceLock<Mutex<Started>> = OnceLock::new();

struct Started {
    adapter: ProcessAdapter,
    info: AdapterInfo,
}

/// Uses `command` as the adapter unless one was chosen already; returns the one in use.
pub fn set_command(command: &str) -> &'static str {
    COMMAND.get_or_init(|| command.to_owned())
}

/// The adapter's command: the one set, else [`ADAPTER_VAR`].
pub fn command() -> Option<&'static str> {
    if let Some(command) = COMMAND.get() {
        return Some(command);
    }
    let from_env = std::env::var(ADAPTER_VAR)
        .ok()
        .filter(|c| !c.trim().is_empty())?;
    Some(set_command(&from_env))
}

/// The adapter, started and greeted; why not when it cannot be used.
fn started() -> Result<MutexGuard<'static, Started>, String> {
    if let Some(adapter) = ADAPTER.get() {
        // A panicking body (a finding) leaves the adapter as usable as any fault does.
        return Ok(adapter
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()));
    }
    let command = command().ok_or_else(|| {
        format!(
            "{ADAPTER_VAR} is not set: the adapter target needs the command of a process adapter \
             offering the client role, e.g. {ADAPTER_VAR}=target/release/tgconf-fuzz-reference-adapter \
             (docs/fuzzing.md)"
        )
    })?;
    let mut adapter = ProcessAdapter::new(command, None, HANDSHAKE_TIMEOUT);
    let info = adapter
        .info()
        .map_err(|e| format!("{ADAPTER_VAR}=`{command}`: {e}"))?;
    if !info.roles.contains(&Role::Client) {
        return Err(format!(
            "{ADAPTER_VAR}=`{command}`: {} offers the roles {:?}, not the client role",
            info.name, info.roles
        ));
    }
    let adapter = ADAPTER.get_or_init(|| Mutex::new(Started { adapter, info }));
    Ok(adapter
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()))
}

/// For the fuzz target's `init`: starts the adapter, or says why it cannot and exits
/// before any input runs (an exit during an input would count as a crash of that input).
pub fn init() {
    if let Err(why) = started() {
        eprintln!("adapter target: {why}");
        std::process::exit(2);
    }
}

/// What became of one session.
#[derive(Debug)]
pub enum Compared {
    /// The adapter played the session; its trace (the subject with its outputs).
    Played {
        reference: Box<Subject>,
        played: Box<Subject>,
    },
    /// Not sent, or refused by the adapter: a layer it does not offer, a value with no TL
    /// form at the session's layer, or the adapter's `unsupported`.
    Skipped(String),
}

/// Plays the session `data` spells on the adapter. A fault (crash, timeout, protocol
/// error) panics: it is a finding, and the adapter is restarted for the next input.
pub fn play(data: &[u8]) -> Compared {
    let reference = Subject::Client(flow::reference_trace(data, flow::Fit::Layer));
    let Subject::Client(trace) = &reference else {
        unreachable!("built as a client subject")
    };
    let mut started = started().unwrap_or_else(|why| panic!("{why}"));
    if !started.info.layers.contains(trace.layer) {
        return Compared::Skipped(format!("layer {} not offered", trace.layer));
    }
    let deadline = Instant::now() + SESSION_DEADLINE;
    match started.adapter.session("fuzz", &reference, deadline, None) {
        Ok(Reply::Done(played)) => Compared::Played {
            reference: Box::new(reference),
            played: Box::new(played),
        },
        Ok(Reply::Unsupported(reason)) => Compared::Skipped(reason),
        Err(fault) => {
            started.adapter.reset();
            drop(started);
            panic!("the adapter failed: {fault}\nsession: {}", json(&reference));
        }
    }
}

/// The session as JSON, for failure messages.
pub fn json(subject: &Subject) -> String {
    serde_json::to_string(subject).expect("model values serialize to JSON")
}
