//! A running adapter process: requests written and answers read on the calling thread, with
//! poll(2) waiting for whichever pipe is ready, so a round trip wakes no other thread; the
//! tail of its stderr kept for crash reports. No call on it blocks past a deadline, whatever
//! the process does.

use std::io::{ErrorKind, Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::lines::{Found, Line, Lines, MAX_LINE};

/// How much of an adapter's stderr a crash report quotes.
const STDERR_TAIL: usize = 2048;

pub struct Running {
    process: Child,
    /// `None` once the adapter closed it.
    stdin: Option<ChildStdin>,
    stdout: ChildStdout,
    /// Whether stdout has ended.
    ended: bool,
    lines: Lines,
    stderr_tail: Arc<Mutex<Vec<u8>>>,
}

/// Why no line came.
#[derive(Debug)]
pub enum Wait {
    Timeout,
    /// The adapter's output ended or could not be read.
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
        let (stdin, stdout, stderr) = match (
            process.stdin.take(),
            process.stdout.take(),
            process.stderr.take(),
        ) {
            (Some(stdin), Some(stdout), Some(stderr)) => (stdin, stdout, stderr),
            _ => {
                return Err(std::io::Error::other(
                    "the adapter's standard streams were not piped",
                ))
            }
        };
        // Neither a full stdin nor a silent stdout may block the caller: poll(2) says when each is ready.
        set_nonblocking(stdin.as_raw_fd())?;
        set_nonblocking(stdout.as_raw_fd())?;
        let stderr_tail = Arc::new(Mutex::new(Vec::new()));
        let tail = Arc::clone(&stderr_tail);
        thread::spawn(move || keep_tail(stderr, &tail));
        Ok(Running {
            process,
            stdin: Some(stdin),
            stdout,
            ended: false,
            lines: Lines::new(MAX_LINE),
            stderr_tail,
        })
    }

    /// Writes `request` (one line, with its `\n`) and reads the next line of output, before
    /// `deadline`. Output is read while writing, so an adapter that answers before reading
    /// all of a long request cannot deadlock with tgconf.
    pub fn exchange(&mut self, request: &[u8], deadline: Instant) -> Result<Line<'_>, Wait> {
        let mut unsent = request;
        loop {
            if let (Some(stdin), false) = (&mut self.stdin, unsent.is_empty()) {
                match stdin.write(unsent) {
                    Ok(n) => unsent = &unsent[n..],
                    Err(e)
                        if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {}
                    // The adapter closed its input: whatever it printed before tells the rest.
                    Err(_) => self.stdin = None,
                }
            }
            let writing = self.stdin.is_some() && !unsent.is_empty() && !self.ended;
            let found = self.lines.find();
            match found {
                Some(found @ Found::TooLong) => return Ok(self.lines.hand_out(found)),
                Some(found) if !writing => return Ok(self.lines.hand_out(found)),
                None if self.ended => return Err(Wait::Closed),
                _ => {}
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(Wait::Timeout);
            }
            // While a whole line waits for the request to be written, output is not read:
            // the buffer stays bounded whatever the adapter prints.
            let reading = found.is_none();
            // A closed stdin shows as ready too; the next write finds out.
            if self.wait_for(writing, reading, left)? {
                match self.lines.fill(&mut self.stdout) {
                    Ok(0) => self.ended = true,
                    Ok(_) => {}
                    Err(e)
                        if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::Interrupted) => {}
                    Err(_) => return Err(Wait::Closed),
                }
            }
        }
    }

    /// Waits at most `left` until stdin takes more (if `writing`) or stdout has something (if
    /// `reading`): whether stdout is the one ready.
    fn wait_for(&self, writing: bool, reading: bool, left: Duration) -> Result<bool, Wait> {
        let fd = |on: bool, fd: RawFd| if on { fd } else { -1 };
        let mut fds = [
            libc::pollfd {
                fd: fd(writing, self.stdin.as_ref().map_or(-1, AsRawFd::as_raw_fd)),
                events: libc::POLLOUT,
                revents: 0,
            },
            libc::pollfd {
                fd: fd(reading, self.stdout.as_raw_fd()),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // Rounded up, so that a deadline less than a millisecond away is waited for, not spun on.
        let millis =
            libc::c_int::try_from(left.as_micros().div_ceil(1000)).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is a live array of two pollfd structs, its length given; poll(2) only
        // writes their `revents`. A negative fd is ignored by poll(2).
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), 2, millis) };
        if ready < 0 {
            return match std::io::Error::last_os_error().kind() {
                ErrorKind::Interrupted => Ok(false),
                _ => Err(Wait::Closed),
            };
        }
        Ok(fds[1].revents != 0)
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
        let tail = self
            .stderr_tail
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default();
        String::from_utf8_lossy(&tail).trim().to_owned()
    }
}

impl Drop for Running {
    /// Closing stdin is the adapter's signal to exit (EOF ends it); one that has not exited
    /// shortly after is killed with everything it started, and reaped: never left running.
    fn drop(&mut self) {
        self.stdin = None;
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

fn set_nonblocking(fd: RawFd) -> std::io::Result<()> {
    // SAFETY: fcntl(2) on a descriptor this process owns, reading and then setting its
    // status flags; it touches no memory.
    let done = unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        flags >= 0 && libc::fcntl(fd, libc::F_SETFL, flags | libc::O_NONBLOCK) >= 0
    };
    if done {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchange(command: &str, request: &[u8], within: Duration) -> Result<String, Wait> {
        let mut running = Running::spawn(command).unwrap();
        match running.exchange(request, Instant::now() + within)? {
            Line::Text(text) => Ok(text.to_owned()),
            other => panic!("{other:?}"),
        }
    }

    /// A line several times a pipe's buffer: `cat` answers while it is still being written.
    #[test]
    fn a_long_request_to_an_adapter_that_answers_as_it_reads() {
        let mut request = vec![b'x'; 300 * 1024];
        request.push(b'\n');
        let answer = exchange("cat", &request, Duration::from_secs(30)).unwrap();
        assert_eq!(answer.len(), 300 * 1024);
    }

    #[test]
    fn an_adapter_that_reads_nothing_is_a_timeout_not_a_block() {
        let mut request = vec![b'x'; 1 << 20];
        request.push(b'\n');
        let started = Instant::now();
        assert!(matches!(
            exchange("sleep 60", &request, Duration::from_millis(300)),
            Err(Wait::Timeout)
        ));
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "took {:?}",
            started.elapsed()
        );
    }

    #[test]
    fn an_adapter_that_exits_without_answering_is_closed() {
        assert!(matches!(
            exchange("exit 3", b"hello\n", Duration::from_secs(30)),
            Err(Wait::Closed)
        ));
    }

    #[test]
    fn lines_sent_unasked_wait_for_the_next_request() {
        let mut running = Running::spawn("read _; echo one; echo two").unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        assert_eq!(
            running.exchange(b"a\n", deadline).unwrap(),
            Line::Text("one")
        );
        assert_eq!(
            running.exchange(b"b\n", deadline).unwrap(),
            Line::Text("two")
        );
    }
}
