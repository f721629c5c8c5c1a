//! `tgconf schema check`: parse TL schema files and account for every constructor id.

use std::fmt;
use std::path::Path;

use serde::Serialize;
use tl_parser::{line_col, parse_schema, LineIndex, Schema};

/// Results for every file named on the command line, in order.
#[derive(Debug, Serialize)]
pub struct SchemaCheckReport {
    pub files: Vec<FileCheck>,
}

impl SchemaCheckReport {
    /// True when every file parsed and every id mismatch is a known exception.
    pub fn passes(&self) -> bool {
        self.files.iter().all(FileCheck::passes)
    }
}

/// The result for one file: either its summary or why it could not be read.
#[derive(Debug, Serialize)]
pub struct FileCheck {
    pub path: String,
    #[serde(flatten)]
    pub outcome: Outcome,
}

#[derive(Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Outcome {
    Parsed(Summary),
    Error(FileError),
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub layer: Option<u32>,
    pub types: usize,
    pub functions: usize,
    /// Explicit ids equal to the CRC32 of their normalized line.
    pub ids_verified: usize,
    /// Definitions without an explicit id, whose id was computed.
    pub ids_inferred: usize,
    /// Builtin lines such as `int ? = Int;`, which describe no wire format and have no id.
    pub builtins: usize,
    pub mismatches: Vec<Mismatch>,
}

#[derive(Debug, Serialize)]
pub struct Mismatch {
    pub name: String,
    pub line: usize,
    #[serde(serialize_with = "hex32")]
    pub declared: u32,
    #[serde(serialize_with = "hex32")]
    pub computed: u32,
    /// Why this mismatch is expected, when it is a known exception; `None` means unexplained.
    pub known_exception: Option<&'static str>,
}

/// Where and why a file could not be parsed.
#[derive(Debug, Serialize)]
pub struct FileError {
    /// 1-based; absent when the file could not be read at all.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

fn hex32<S: serde::Serializer>(id: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format!("{id:08x}"))
}

impl FileCheck {
    pub fn passes(&self) -> bool {
        match &self.outcome {
            Outcome::Parsed(summary) => summary.unexplained_mismatches() == 0,
            Outcome::Error(_) => false,
        }
    }
}

impl Summary {
    fn of(schema: &Schema, text: &str) -> Self {
        let ids = schema.check_ids();
        let lines = LineIndex::new(text);
        Summary {
            layer: schema.layer,
            types: schema.types().count(),
            functions: schema.functions().count(),
            ids_verified: ids.verified,
            ids_inferred: ids.inferred,
            builtins: ids.builtin,
            mismatches: ids
                .mismatches
                .iter()
                .map(|m| Mismatch {
                    name: m.name.clone(),
                    line: lines.line_col(m.span.start).line,
                    declared: m.declared,
                    computed: m.computed,
                    known_exception: m.known_exception.map(|k| k.reason),
                })
                .collect(),
        }
    }

    pub fn unexplained_mismatches(&self) -> usize {
        self.mismatches
            .iter()
            .filter(|m| m.known_exception.is_none())
            .count()
    }
}

/// Reads and checks one file. Never panics: unreadable or non-UTF-8 files become errors.
pub fn check_file(path: &Path) -> FileCheck {
    let outcome = match std::fs::read(path) {
        Err(e) => Outcome::Error(FileError {
            line: None,
            column: None,
            message: format!("cannot read: {e}"),
        }),
        Ok(bytes) => match std::str::from_utf8(&bytes) {
            Err(e) => {
                // Everything before the first bad byte is valid text, so positions are
                // counted on it exactly as for parse errors.
                let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
                let at = line_col(&valid, valid.len());
                Outcome::Error(FileError {
                    line: Some(at.line),
                    column: Some(at.column),
                    message: "invalid UTF-8".into(),
                })
            }
            Ok(text) => check_text(text),
        },
    };
    FileCheck {
        path: path.display().to_string(),
        outcome,
    }
}

/// Checks schema text already in memory.
pub fn check_text(text: &str) -> Outcome {
    match parse_schema(text) {
        Ok(schema) => Outcome::Parsed(Summary::of(&schema, text)),
        Err(e) => Outcome::Error(FileError {
            line: Some(e.line),
            column: Some(e.column),
            message: format!("expected {}, found `{}`", e.expected, e.found),
        }),
    }
}

impl fmt::Display for SchemaCheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.files.iter().try_for_each(|file| write!(f, "{file}"))
    }
}

impl fmt::Display for FileCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.outcome {
            Outcome::Error(e) => match (e.line, e.column) {
                (Some(line), Some(column)) => {
                    writeln!(f, "{}:{line}:{column}: error: {}", self.path, e.message)
                }
                _ => writeln!(f, "{}: error: {}", self.path, e.message),
            },
            Outcome::Parsed(s) => {
                let layer = s.layer.map_or_else(|| "none".to_owned(), |l| l.to_string());
                let unexplained = s.unexplained_mismatches();
                writeln!(
                    f,
                    "{}: {} layer {layer}, {} definitions ({} types / {} functions), {} ids verified, {} inferred, {} builtin, {} mismatches ({} known exceptions)",
                    self.path,
                    if unexplained == 0 { "ok" } else { "FAIL" },
                    s.types + s.functions,
                    s.types,
                    s.functions,
                    s.ids_verified,
                    s.ids_inferred,
                    s.builtins,
                    s.mismatches.len(),
                    s.mismatches.len() - unexplained,
                )?;
                for m in &s.mismatches {
                    let verdict = match m.known_exception {
                        Some(reason) => format!("known exception: {reason}"),
                        None => "UNEXPLAINED".to_owned(),
                    };
                    writeln!(
                        f,
                        "  {}:{}: {} declared #{:08x}, computed #{:08x} ({verdict})",
                        self.path, m.line, m.name, m.declared, m.computed
                    )?;
                }
                Ok(())
            }
        }
    }
}
