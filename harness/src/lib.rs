//! tgconf's harness: the command line, the adapter API and process protocol, the runner and
//! the reports. It builds on `tgconf-spec` and `tl-parser` and never the reverse.

pub mod adapter;
pub mod atomic;
pub mod case;
pub mod cases_cli;
pub mod cli;
pub mod codec_cli;
pub mod exit;
pub mod layers;
pub mod protocol;
pub mod report;
pub mod report_cli;
pub mod role;
pub mod rules_cli;
pub mod run_cli;
pub mod runner;
pub mod schema_check;
pub mod selection;
pub mod selftest;
pub mod verdict;
