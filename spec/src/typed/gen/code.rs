//! A text buffer that keeps indentation, so the emitters write Rust line by line in the
//! layout rustfmt gives it (4-space indents, one item per line, blank lines between
//! items).

/// The line width rustfmt keeps to by default.
pub const MAX_WIDTH: usize = 100;

#[derive(Debug, Default)]
pub struct Code {
    text: String,
    depth: usize,
}

impl Code {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn into_string(self) -> String {
        self.text
    }

    /// The columns taken by the current indentation.
    pub fn indent_width(&self) -> usize {
        self.depth * 4
    }

    /// Whether `line` fits on one line at the current indentation.
    pub fn fits(&self, line: &str) -> bool {
        self.indent_width() + line.len() <= MAX_WIDTH
    }

    /// One line at the current indentation (an empty `line` gives an empty line).
    pub fn line(&mut self, line: impl AsRef<str>) {
        let line = line.as_ref();
        if !line.is_empty() {
            for _ in 0..self.depth {
                self.text.push_str("    ");
            }
            self.text.push_str(line);
        }
        self.text.push('\n');
    }

    /// A line that opens a block (it ends with `{`, `(` or `[`); what follows is indented.
    pub fn open(&mut self, line: impl AsRef<str>) {
        self.line(line);
        self.depth += 1;
    }

    /// A line that closes the innermost block.
    pub fn close(&mut self, line: impl AsRef<str>) {
        self.depth -= 1;
        self.line(line);
    }

    /// Lines written by `body`, one level deeper.
    pub fn indented(&mut self, body: impl FnOnce(&mut Self)) {
        self.depth += 1;
        body(self);
        self.depth -= 1;
    }

    /// An empty line between items; none right after an opening brace or another empty
    /// line.
    pub fn blank(&mut self) {
        if !(self.text.is_empty() || self.text.ends_with("\n\n") || self.text.ends_with("{\n")) {
            self.text.push('\n');
        }
    }

    /// `head` followed by `parts` joined with `sep`, on one line if it fits, else one part
    /// per line after `head`, each (after the first) starting with `sep_start`, the way
    /// rustfmt breaks binary operator chains:
    ///
    /// ```text
    /// let flags = u32::from(self.a)
    ///     | u32::from(self.b.is_some()) << 3;
    /// ```
    pub fn chain(&mut self, head: &str, parts: &[String], op: &str, tail: &str) {
        let one_line = format!("{head}{}{tail}", parts.join(&format!(" {op} ")));
        if self.fits(&one_line) || parts.len() < 2 {
            self.line(one_line);
            return;
        }
        self.line(format!("{head}{}", parts[0]));
        self.depth += 1;
        for (i, part) in parts.iter().enumerate().skip(1) {
            let end = if i + 1 == parts.len() { tail } else { "" };
            self.line(format!("{op} {part}{end}"));
        }
        self.depth -= 1;
    }
}
