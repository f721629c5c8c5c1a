//! `tgconf report merge`: several runs' report.json (one implementation each, the same suite
//! revision) as one implementation × case matrix, in Markdown and HTML.

use std::fmt::Write;
use std::path::Path;

use serde::Deserialize;
use thiserror::Error;

use super::html::{escape, STYLE};
use super::json::SCHEMA;
use super::markdown::cell;
use super::provenance::Provenance;
use crate::verdict::Verdict;

/// The part of report.json a matrix needs.
#[derive(Debug, Clone, Deserialize)]
pub struct RunReport {
    pub schema: String,
    pub provenance: Provenance,
    pub cases: Vec<CaseRow>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct CaseRow {
    pub id: String,
    pub level: String,
    pub verdict: Verdict,
}

#[derive(Debug, Error)]
pub enum MergeError {
    #[error("{path}: {message}")]
    Read { path: String, message: String },
    #[error("{path}: report format `{found}`; this tgconf reads `{SCHEMA}`")]
    Schema { path: String, found: String },
    #[error("runs of different suite revisions cannot be compared: {first} ({first_path}) and {other} ({other_path})")]
    Revision {
        first: String,
        first_path: String,
        other: String,
        other_path: String,
    },
    #[error("no reports given")]
    Empty,
}

/// Reads `DIR/report.json` of each directory.
pub fn load(dirs: &[impl AsRef<Path>]) -> Result<Vec<RunReport>, MergeError> {
    let mut reports: Vec<(String, RunReport)> = Vec::new();
    for dir in dirs {
        let path = dir.as_ref().join("report.json");
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| MergeError::Read {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        let schema: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| MergeError::Read {
                path: shown.clone(),
                message: e.to_string(),
            })?;
        let found = schema
            .get("schema")
            .and_then(|s| s.as_str())
            .unwrap_or("(none)");
        if found != SCHEMA {
            return Err(MergeError::Schema {
                path: shown,
                found: found.to_owned(),
            });
        }
        let report: RunReport = serde_json::from_value(schema).map_err(|e| MergeError::Read {
            path: shown.clone(),
            message: e.to_string(),
        })?;
        if let Some((first_path, first)) = reports.first() {
            if first.provenance.suite.revision != report.provenance.suite.revision {
                return Err(MergeError::Revision {
                    first: first.provenance.suite.revision.clone(),
                    first_path: first_path.clone(),
                    other: report.provenance.suite.revision.clone(),
                    other_path: shown,
                });
            }
        }
        reports.push((shown, report));
    }
    if reports.is_empty() {
        return Err(MergeError::Empty);
    }
    Ok(reports.into_iter().map(|(_, r)| r).collect())
}

/// Every case of any run, in the order of first appearance, with its level.
fn rows(reports: &[RunReport]) -> Vec<(String, String)> {
    let mut rows: Vec<(String, String)> = Vec::new();
    for report in reports {
        for case in &report.cases {
            if !rows.iter().any(|(id, _)| *id == case.id) {
                rows.push((case.id.clone(), case.level.clone()));
            }
        }
    }
    rows
}

fn verdict(report: &RunReport, id: &str) -> Option<Verdict> {
    report.cases.iter().find(|c| c.id == id).map(|c| c.verdict)
}

pub fn markdown(reports: &[RunReport]) -> String {
    let mut md = String::new();
    let revision = &reports[0].provenance.suite.revision;
    let _ = writeln!(
        md,
        "# tgconf conformance matrix\n\nSuite revision {revision}.\n"
    );
    let _ = write!(md, "| case | level |");
    for r in reports {
        let _ = write!(md, " {} |", cell(&r.provenance.implementation()));
    }
    let _ = write!(md, "\n|---|---|{}\n", "---|".repeat(reports.len()));
    for (id, level) in rows(reports) {
        let _ = write!(md, "| `{id}` | {level} |");
        for r in reports {
            let _ = write!(
                md,
                " {} |",
                verdict(r, &id).map(|v| v.as_str()).unwrap_or("—")
            );
        }
        md.push('\n');
    }
    md
}

pub fn html(reports: &[RunReport]) -> String {
    let mut h = String::new();
    let revision = escape(&reports[0].provenance.suite.revision);
    let _ = writeln!(h, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>tgconf conformance matrix</title>");
    let _ = writeln!(h, "<style>{STYLE}</style></head><body>\n<h1>tgconf conformance matrix</h1><p>Suite revision {revision}.</p>");
    let _ = write!(h, "<table><tr><th>case</th><th>level</th>");
    for r in reports {
        let _ = write!(h, "<th>{}</th>", escape(&r.provenance.implementation()));
    }
    let _ = writeln!(h, "</tr>");
    for (id, level) in rows(reports) {
        let _ = write!(
            h,
            "<tr><td><code>{}</code></td><td>{}</td>",
            escape(&id),
            escape(&level)
        );
        for r in reports {
            match verdict(r, &id) {
                Some(v) => write!(h, "<td class=\"{v}\">{v}</td>"),
                None => write!(h, "<td>—</td>"),
            }
            .unwrap_or(());
        }
        let _ = writeln!(h, "</tr>");
    }
    let _ = writeln!(h, "</table></body></html>");
    h
}
