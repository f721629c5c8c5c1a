//! Reports of a run, written into `--out DIR`: report.json (versioned, for tools),
//! report.md, junit.xml and report.html; and the implementation × case matrix that
//! `tgconf report merge` builds from several runs.

pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod merge;
pub mod provenance;

use std::path::Path;

use self::provenance::Provenance;
use crate::atomic;
use crate::runner::RunResult;

/// Writes the four reports, each atomically.
pub fn write_all(dir: &Path, result: &RunResult, provenance: &Provenance) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let report = json::render(result, provenance);
    let text = serde_json::to_string_pretty(&report).map_err(std::io::Error::other)?;
    atomic::write(&dir.join("report.json"), format!("{text}\n").as_bytes())?;
    atomic::write(
        &dir.join("report.md"),
        markdown::render(result, provenance).as_bytes(),
    )?;
    let junit = junit::render(result, provenance).map_err(std::io::Error::other)?;
    atomic::write(&dir.join("junit.xml"), junit.as_bytes())?;
    atomic::write(
        &dir.join("report.html"),
        html::render(result, provenance).as_bytes(),
    )?;
    Ok(())
}
