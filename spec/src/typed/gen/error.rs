//! Why a schema could not be turned into Rust.

use std::fmt;

/// Everything in a schema that the generator cannot map, all at once: a schema author
/// fixes the file in one pass instead of one error per run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenError {
    pub problems: Vec<Problem>,
}

/// One definition that cannot be generated, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The TL name of the definition (`messages.sendBotRequestedPeer`).
    pub definition: String,
    pub reason: String,
}

impl fmt::Display for GenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} definition(s) cannot be generated:",
            self.problems.len()
        )?;
        for p in &self.problems {
            write!(f, "\n  {}: {}", p.definition, p.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for GenError {}
