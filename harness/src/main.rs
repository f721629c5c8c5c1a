use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    tgconf_harness::cli::Cli::parse().run().into()
}
