//! Process exit codes, the contract CI scripts rely on.

/// What a `tgconf` invocation tells its caller through its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything checked holds.
    Ok = 0,
    /// Something checked does not hold: a malformed schema, an unexplained id mismatch,
    /// a broken MUST rule.
    Failed = 1,
    /// The command line itself is wrong (clap uses the same code for its own errors).
    Usage = 2,
    /// `tgconf run`: the adapter crashed, hung or broke the protocol in some case (and no
    /// MUST failed, which takes precedence).
    AdapterError = 3,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

/// What a failed write to standard output means for the exit status. A closed pipe
/// (`tgconf … | head`) is the reader having seen enough, not a failure of the command;
/// any other write error is reported and fails it.
pub fn write_failed(e: &std::io::Error) -> Exit {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Exit::Ok
    } else {
        eprintln!("tgconf: cannot write output: {e}");
        Exit::Failed
    }
}
