//! Reading an adapter's output line by line with a bound on line length, so an adapter that
//! prints megabytes without a newline costs tgconf a bounded buffer, not all its memory.

use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc::Sender;

/// The longest line accepted from an adapter. Protocol messages are small; a longer line is
/// an adapter error, not something to buffer.
pub const MAX_LINE: usize = 1 << 20;

/// What the reader thread hands over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Text(String),
    /// A line that is not UTF-8; its first bytes, lossily, for the error message.
    NotUtf8(String),
    /// A line longer than [`MAX_LINE`]; reading stops.
    TooLong,
    /// End of output (the adapter exited or closed stdout).
    Eof,
    ReadError(String),
}

/// Reads `source` until its end, sending each line (without `\n` or `\r\n`) to `to`. Stops
/// at the first over-long line, read error or when the receiver is gone.
pub fn pump(source: impl Read, to: &Sender<Line>, max: usize) {
    let mut reader = BufReader::with_capacity(64 * 1024, source);
    let mut line: Vec<u8> = Vec::new();
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                let _ = to.send(Line::ReadError(e.to_string()));
                return;
            }
        };
        if chunk.is_empty() {
            let _ = to.send(Line::Eof);
            return;
        }
        let (taken, complete) = match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => (at, true),
            None => (chunk.len(), false),
        };
        if line.len() + taken > max {
            let _ = to.send(Line::TooLong);
            return;
        }
        line.extend_from_slice(&chunk[..taken]);
        reader.consume(taken + usize::from(complete));
        if complete {
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            let message = match String::from_utf8(std::mem::take(&mut line)) {
                Ok(text) => Line::Text(text),
                Err(e) => Line::NotUtf8(String::from_utf8_lossy(&e.into_bytes()[..]).chars().take(200).collect()),
            };
            if to.send(message).is_err() {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::channel;

    use super::*;

    fn lines(input: &[u8], max: usize) -> Vec<Line> {
        let (tx, rx) = channel();
        pump(input, &tx, max);
        drop(tx);
        rx.into_iter().collect()
    }

    #[test]
    fn splits_on_newlines_and_strips_carriage_returns() {
        assert_eq!(
            lines(b"a\r\nbc\n\nd", 10),
            [Line::Text("a".into()), Line::Text("bc".into()), Line::Text(String::new()), Line::Eof]
        );
    }

    #[test]
    fn a_line_over_the_bound_stops_reading() {
        assert_eq!(lines(b"12345\n123456789012\nafter\n", 10), [Line::Text("12345".into()), Line::TooLong]);
        // The bound holds without any newline at all.
        assert_eq!(lines(&[b'x'; 100], 10), [Line::TooLong]);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_reported() {
        assert!(matches!(&lines(b"\xff\xfe\n", 10)[0], Line::NotUtf8(_)));
    }
}
