//! tgconf's harness: the command line, and (as later work lands) the adapter API, the
//! runner and the reports. It builds on `tgconf-spec` and `tl-parser` and never the reverse.

pub mod cli;
pub mod codec_cli;
pub mod exit;
pub mod rules_cli;
pub mod schema_check;
