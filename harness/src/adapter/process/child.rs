//! A running adapter process: its stdin fed by a writer thread, its stdout read by a bounded
//! line reader, the tail of its stderr kept for crash reports. No call on it blocks past a
//! deadline, whatever the process does.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::lines::{pump, Line, MAX_LINE};

/// How much of an adapter's stderr a crash report quotes.
const STDERR_TAIL: usize = 2048;

pub struct Running {
    process: Child,
    /// `None` once stdin is closed.
    to_stdin: Option<Sender<Vec<u8>>>,
    from_stdout: Receiver<Line>,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
}

/// Why a line did not come.
pub enum Wait {
    Timeout,
    Closed,
}

impl Running {
    /// Starts `command` with the shell (`sh -c`), so quoting and arguments work as typed. The
    /// process leads its own group, so that killing the group also ends what the shell started.
    pub fn spawn(command: &str) -> std::io::Result<Running> {
        let mut process = Command::new("sh")
            .arg("-c")
            .arg(command)
            .process_group(0)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (stdin, stdout, stderr) = match (process.stdin.take(), process.stdout.take(), process.stderr.take()) {
            (Some(stdin), Some(stdout), Some(stderr)) => (stdin, stdout, stderr),
            _ => return Err(std::io::Error::other("the adapter's standard streams were not piped")),
        };
        let (to_stdin, requests) = channel::<Vec<u8>>();
        thread::spawn(move || feed(stdin, &requests));
        let (lines, from_stdout) = channel();
        thread::spawn(move || pump(stdout, &lines, MAX_LINE));
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        thread::spawn(move || keep_tail(stderr, &tail));
        Ok(Running { process, to_stdin: Some(to_stdin), from_stdout, stderr_tail })
    }

    /// Queues one line for the adapter's stdin. A writer thread does the writing, so an
    /// adapter that stops reading cannot block tgconf.
    pub fn send(&self, line: String) {
        let mut bytes = line.into_bytes();
        bytes.push(b'\n');
        // A closed channel means the writer found stdin closed: the next read sees the exit.
        if let Some(to_stdin) = &self.to_stdin {
            let _ = to_stdin.send(bytes);
        }
    }

    pub fn receive(&self, deadline: Instant) -> Result<Line, Wait> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.from_stdout.recv_timeout(left) {
            Ok(line) => Ok(line),
            Err(RecvTimeoutError::Timeout) => Err(Wait::Timeout),
            Err(RecvTimeoutError::Disconnected) => Err(Wait::Closed),
        }
    }

    /// How the process ended, waiting briefly for it after its output closed.
    pub fn exit_status(&mut self) -> Option<ExitStatus> {
        let until = Instant::now() + Duration::from_secs(1);
        loop {
            match self.process.try_wait() {
                Ok(Some(status)) => return Some(status),
                Ok(None) if Instant::now() < until => thread::sleep(Duration::from_millis(5)),
                _ => return None,
            }
        }
    }

    pub fn stderr_tail(&self) -> String {
        let tail = self.stderr_tail.lock().map(|t| t.clone()).unwrap_or_default();
        String::from_utf8_lossy(&tail).trim().to_owned()
    }
}

impl Drop for Running {
    /// Closing stdin is the adapter's signal to exit (EOF ends it); one that has not exited
    /// shortly after is killed with everything it started, and reaped: never left running.
    fn drop(&mut self) {
        self.to_stdin = None;
        let until = Instant::now() + Duration::from_millis(200);
        while matches!(self.process.try_wait(), Ok(None)) && Instant::now() < until {
            thread::sleep(Duration::from_millis(2));
        }
        if let Ok(pid) = i32::try_from(self.process.id()) {
            // SAFETY: kill(2) with a negative pid signals the process group we created at
            // spawn; it touches no memory.
            unsafe { libc::kill(-pid, libc::SIGKILL) };
        }
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

fn feed(mut stdin: ChildStdin, requests: &Receiver<Vec<u8>>) {
    for bytes in requests {
        if stdin.write_all(&bytes).and_then(|()| stdin.flush()).is_err() {
            return;
        }
    }
    // The channel closed (tgconf is done with the adapter): dropping stdin is its EOF.
}

fn keep_tail(mut stderr: impl Read, tail: &Mutex<Vec<u8>>) {
    let mut buffer = [0u8; 4096];
    while let Ok(n @ 1..) = stderr.read(&mut buffer) {
        if let Ok(mut tail) = tail.lock() {
            tail.extend_from_slice(&buffer[..n]);
            let excess = tail.len().saturating_sub(STDERR_TAIL);
            tail.drain(..excess);
        }
    }
}
