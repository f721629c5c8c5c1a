//! `tgconf cases`: the cases a run would play, with their rule, level, role and layers.

use std::io::Write;

use clap::Args;
use serde_json::json;

use crate::case::Suite;
use crate::exit::{write_failed, Exit};
use crate::selection::select;

#[derive(Debug, Args)]
pub struct CasesArgs {
    /// Only cases whose ID matches this glob (repeatable; `KB-*`, `*/client-*`).
    #[arg(long, value_name = "GLOB")]
    filter: Vec<String>,
    /// Print every case as JSON, with its statement, quoted requirement and source.
    #[arg(long)]
    json: bool,
}

pub fn cases(args: CasesArgs) -> Exit {
    let suite = match Suite::model() {
        Ok(suite) => suite,
        Err(e) => {
            eprintln!("tgconf: {e}");
            return Exit::Failed;
        }
    };
    let selected = match select(&suite, &args.filter, &[]) {
        Ok(selected) => selected,
        Err(e) => {
            eprintln!("tgconf: {e}");
            return Exit::Usage;
        }
    };
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        let cases: Vec<_> = selected
            .iter()
            .map(|c| {
                json!({
                    "id": c.id, "rule": c.rule, "level": c.level.as_str(), "role": c.role(),
                    "layers": c.layers.to_string(), "bug": c.bug, "also": c.also,
                    "statement": c.statement, "quote": c.quote, "source": c.source_url,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &cases)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        selected.iter().try_for_each(|c| {
            writeln!(
                out,
                "{:<48} {:<10} {:<8} {:<14} {}",
                c.id,
                c.level.as_str(),
                c.role().as_str(),
                c.layers.to_string(),
                c.statement
            )
        })
    };
    match written {
        Err(e) => write_failed(&e),
        Ok(()) => Exit::Ok,
    }
}
