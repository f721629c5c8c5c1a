//! The citation of a rule: where the normative text is, what it says, and where we read it.

/// The source of a rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The primary source: a core.telegram.org page, the Bot API page, or, for rules observed
    /// in an implementation, the file at a fixed commit (`https://github.com/.../blob/<commit>/...`).
    pub url: String,
    /// The normative sentence, quoted exactly (for code: one line of it, verbatim).
    pub quote: String,
    /// Where the quoted text was actually read: `seed 002`, a crawler or mirror commit and
    /// path, or "string search" when the exact text was found in public copies. The
    /// vocabulary is listed in `docs/rules.md`.
    pub retrieved: String,
}
