//! `tgconf report merge`: the matrix of several runs.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::atomic;
use crate::exit::Exit;
use crate::report::merge;

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Build an implementation × case matrix from the report.json of several runs made with
    /// the same suite revision.
    Merge(MergeArgs),
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Directories holding a report.json each (the `--out` of `tgconf run`).
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Write matrix.md and matrix.html here (default: print the Markdown).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn report(command: ReportCommand) -> Exit {
    match command {
        ReportCommand::Merge(args) => merge_reports(&args),
    }
}

fn merge_reports(args: &MergeArgs) -> Exit {
    let reports = match merge::load(&args.dirs) {
        Ok(reports) => reports,
        Err(e) => {
            eprintln!("tgconf: {e}");
            return Exit::Failed;
        }
    };
    let markdown = merge::markdown(&reports);
    let Some(out) = &args.out else {
        print!("{markdown}");
        return Exit::Ok;
    };
    let written = std::fs::create_dir_all(out)
        .and_then(|()| atomic::write(&out.join("matrix.md"), markdown.as_bytes()))
        .and_then(|()| atomic::write(&out.join("matrix.html"), merge::html(&reports).as_bytes()));
    match written {
        Ok(()) => Exit::Ok,
        Err(e) => {
            eprintln!("tgconf: cannot write the matrix in {}: {e}", out.display());
            Exit::Failed
        }
    }
}
