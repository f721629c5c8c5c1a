//! The `tgconf` command line.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::exit::{write_failed, Exit};
use crate::schema_check::{check_file, SchemaCheckReport};

#[derive(Debug, Parser)]
#[command(
    name = "tgconf",
    version,
    about = "Conformance suite for Telegram's MTProto bot-button flows"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Work with TL schema files.
    #[command(subcommand)]
    Schema(SchemaCommand),
    /// Decode TL bytes to canonical JSON (default schema: the layer-230 era).
    Decode(crate::codec_cli::DecodeArgs),
    /// Encode canonical JSON to TL bytes (default schema: the layer-230 era).
    Encode(crate::codec_cli::EncodeArgs),
    /// List the rule catalogue: ID, level, party and statement of every rule.
    Rules(crate::rules_cli::RulesArgs),
    /// Run the conformance suite against an adapter (default: the built-in reference).
    Run(crate::run_cli::RunArgs),
    /// List the cases: ID, level, role, layers and statement.
    Cases(crate::cases_cli::CasesArgs),
    /// Check the suite itself: the reference passes every case and every broken adapter is
    /// caught by exactly the rules it lists.
    Selftest(crate::selftest::SelftestArgs),
    /// Work with reports of runs.
    #[command(subcommand)]
    Report(crate::report_cli::ReportCommand),
}

#[derive(Debug, Subcommand)]
enum SchemaCommand {
    /// Parse TL schema files and verify every constructor id by CRC32.
    ///
    /// Prints one summary line per file. Exits 0 when every file parses and every id
    /// mismatch is a known exception, 1 otherwise.
    Check {
        /// Print the results as one JSON document instead of text.
        #[arg(long)]
        json: bool,
        /// Schema files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

impl Cli {
    pub fn run(self) -> Exit {
        match self.command {
            Command::Schema(SchemaCommand::Check { json, files }) => schema_check(json, &files),
            Command::Decode(args) => crate::codec_cli::decode(args),
            Command::Encode(args) => crate::codec_cli::encode(args),
            Command::Rules(args) => crate::rules_cli::rules(args),
            Command::Run(args) => crate::run_cli::run(args),
            Command::Cases(args) => crate::cases_cli::cases(args),
            Command::Selftest(args) => crate::selftest::command(args),
            Command::Report(command) => crate::report_cli::report(command),
        }
    }
}

fn schema_check(json: bool, files: &[PathBuf]) -> Exit {
    let report = SchemaCheckReport {
        files: files.iter().map(|path| check_file(path)).collect(),
    };
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        write!(out, "{report}")
    };
    match written {
        Err(e) if write_failed(&e) == Exit::Failed => Exit::Failed,
        _ if report.passes() => Exit::Ok,
        _ => Exit::Failed,
    }
}
