//! Splitting an adapter's output into lines with a bound on line length, so an adapter that
//! prints megabytes without a newline costs tgconf a bounded buffer, not all its memory.

use std::io::Read;

/// The longest line accepted from an adapter. Protocol messages are small; a longer line is
/// an adapter error, not something to buffer.
pub const MAX_LINE: usize = 1 << 20;

/// How much one read takes from the source.
const CHUNK: usize = 16 * 1024;

/// One line of output (without `\n` or `\r\n`), or why there is none to give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line<'a> {
    Text(&'a str),
    /// A line that is not UTF-8; its first bytes, lossily, for the error message.
    NotUtf8(String),
    /// A line longer than the bound; nothing after it is read.
    TooLong,
}

/// What [`Lines::find`] found at the front of the buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// A whole line of this many bytes, before its `\n`.
    Line(usize),
    TooLong,
}

/// Output read but not yet handed out, kept between requests: a line an adapter sends
/// unasked is the answer the next request sees (and its case-echo check refuses).
pub struct Lines {
    buffer: Vec<u8>,
    /// Bytes at the front that belong to the line handed out last.
    handed_out: usize,
    /// Bytes at the front (after `handed_out`) known to hold no `\n`: each byte is searched once.
    searched: usize,
    max: usize,
}

impl Lines {
    pub fn new(max: usize) -> Lines {
        Lines {
            buffer: Vec::new(),
            handed_out: 0,
            searched: 0,
            max,
        }
    }

    /// Whether the buffer starts with a whole line, or with more than the bound without one.
    pub fn find(&mut self) -> Option<Found> {
        self.forget_handed_out();
        match self.buffer[self.searched..]
            .iter()
            .position(|&b| b == b'\n')
        {
            Some(at) if self.searched + at > self.max => Some(Found::TooLong),
            Some(at) => Some(Found::Line(self.searched + at)),
            None if self.buffer.len() > self.max => Some(Found::TooLong),
            None => {
                self.searched = self.buffer.len();
                None
            }
        }
    }

    /// The line [`Lines::find`] found; it leaves the buffer at the next call.
    pub fn hand_out(&mut self, found: Found) -> Line<'_> {
        let Found::Line(length) = found else {
            return Line::TooLong;
        };
        self.handed_out = length + 1;
        self.searched = 0;
        let line = &self.buffer[..length];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match std::str::from_utf8(line) {
            Ok(text) => Line::Text(text),
            Err(_) => Line::NotUtf8(String::from_utf8_lossy(line).chars().take(200).collect()),
        }
    }

    /// One read from `source` into the buffer: how many bytes came (0 at its end).
    pub fn fill(&mut self, mut source: impl Read) -> std::io::Result<usize> {
        self.forget_handed_out();
        let mut chunk = [0u8; CHUNK];
        let n = source.read(&mut chunk)?;
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(n)
    }

    fn forget_handed_out(&mut self) {
        if self.handed_out > 0 {
            self.buffer.drain(..self.handed_out);
            self.handed_out = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of `input` read in pieces of `piece` bytes, then `None` at its end.
    fn lines(input: &[u8], max: usize, piece: usize) -> Vec<Option<Line<'static>>> {
        let mut lines = Lines::new(max);
        let mut seen = Vec::new();
        let mut rest = input;
        loop {
            match lines.find() {
                Some(found) => {
                    let line = match lines.hand_out(found) {
                        Line::Text(text) => Line::Text(text.to_owned().leak()),
                        Line::NotUtf8(start) => Line::NotUtf8(start),
                        Line::TooLong => Line::TooLong,
                    };
                    let stop = line == Line::TooLong;
                    seen.push(Some(line));
                    if stop {
                        return seen;
                    }
                }
                None if rest.is_empty() => {
                    seen.push(None);
                    return seen;
                }
                None => {
                    let (now, later) = rest.split_at(piece.min(rest.len()));
                    assert_eq!(lines.fill(now).unwrap(), now.len());
                    rest = later;
                }
            }
        }
    }

    #[test]
    fn splits_on_newlines_and_strips_carriage_returns() {
        for piece in [1, 3, 100] {
            assert_eq!(
                lines(b"a\r\nbc\n\nd", 10, piece),
                [
                    Some(Line::Text("a")),
                    Some(Line::Text("bc")),
                    Some(Line::Text("")),
                    None
                ],
                "read {piece} bytes at a time"
            );
        }
    }

    #[test]
    fn a_line_over_the_bound_stops_reading() {
        for piece in [1, 7, 100] {
            assert_eq!(
                lines(b"12345\n123456789012\nafter\n", 10, piece),
                [Some(Line::Text("12345")), Some(Line::TooLong)]
            );
            // A line of exactly the bound is accepted.
            assert_eq!(
                lines(b"1234567890\n", 10, piece),
                [Some(Line::Text("1234567890")), None]
            );
        }
        // The bound holds without any newline at all.
        assert_eq!(lines(&[b'x'; 100], 10, 7), [Some(Line::TooLong)]);
    }

    #[test]
    fn the_buffer_stays_within_the_bound_and_one_read() {
        let mut lines = Lines::new(10);
        while lines.find().is_none() {
            lines.fill(std::io::repeat(b'x')).unwrap();
        }
        assert!(lines.buffer.len() <= 10 + CHUNK);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_reported() {
        assert!(matches!(
            &lines(b"\xff\xfe\n", 10, 100)[0],
            Some(Line::NotUtf8(_))
        ));
    }
}
