//! `--filter GLOB` and `--case ID`: which cases a command takes.

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::case::{Case, Suite};

/// The cases matching any of `globs` (all cases when none), plus those named by `ids`
/// exactly. `Err` for a bad glob or an unknown ID.
pub fn select<'s>(
    suite: &'s Suite,
    globs: &[String],
    ids: &[String],
) -> Result<Vec<&'s Case>, String> {
    for id in ids {
        if suite.case(id).is_none() {
            return Err(format!(
                "no case has the ID `{id}` (`tgconf cases` lists them)"
            ));
        }
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob).map_err(|e| format!("--filter: {e}"))?);
    }
    let set: GlobSet = builder.build().map_err(|e| format!("--filter: {e}"))?;
    let everything = globs.is_empty() && ids.is_empty();
    Ok(suite
        .cases
        .iter()
        .filter(|case| everything || set.is_match(&case.id) || ids.contains(&case.id))
        .collect())
}
