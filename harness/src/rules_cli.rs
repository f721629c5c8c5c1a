//! `tgconf rules`: the rule catalogue as a table or as JSON.

use std::io::Write;

use clap::Args;
use serde_json::json;
use tgconf_spec::rules::{Area, Catalogue, Level, Party, Rule};

use crate::exit::{write_failed, Exit};

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Print every field of every rule as JSON.
    #[arg(long)]
    json: bool,
    /// Only rules of this area (`styles`, `keyboards`, `peer-requests`, `managed-bots`,
    /// `mini-apps`, `callbacks`, `codec`).
    #[arg(long)]
    area: Option<Area>,
    /// Only rules of this level (`MUST`, `MUST NOT`, `SHOULD`, …).
    #[arg(long)]
    level: Option<Level>,
    /// Only rules binding this party (`client`, `bot`, `server`, `codec`, `mini-app`).
    #[arg(long)]
    party: Option<Party>,
}

pub fn rules(args: RulesArgs) -> Exit {
    let catalogue = match Catalogue::load() {
        Ok(catalogue) => catalogue,
        // The catalogue is compiled in and checked by the tests; failing here means a broken build.
        Err(e) => {
            eprintln!("tgconf: the built-in rule catalogue is invalid: {e}");
            return Exit::Failed;
        }
    };
    let selected: Vec<&Rule> = catalogue
        .rules
        .iter()
        .filter(|r| args.area.is_none_or(|a| r.area == a))
        .filter(|r| args.level.is_none_or(|l| r.level == l))
        .filter(|r| args.party.is_none_or(|p| r.party == p))
        .collect();
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        let rules: Vec<_> = selected.iter().map(|r| rule_json(r)).collect();
        serde_json::to_writer_pretty(&mut out, &rules)
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        selected.iter().try_for_each(|r| {
            writeln!(
                out,
                "{:<6} {:<10} {:<8} {}",
                r.id.to_string(),
                r.level.to_string(),
                r.party.to_string(),
                r.statement
            )
        })
    };
    match written {
        Err(e) => write_failed(&e),
        Ok(()) => Exit::Ok,
    }
}

fn rule_json(rule: &Rule) -> serde_json::Value {
    json!({
        "id": rule.id.to_string(),
        "area": rule.area.to_string(),
        "level": rule.level.to_string(),
        "party": rule.party.to_string(),
        "statement": rule.statement,
        "layers": rule.layers.to_string(),
        "origin": rule.origin.to_string(),
        "source": {"url": rule.source.url, "quote": rule.source.quote, "retrieved": rule.source.retrieved},
        "notes": rule.notes,
        "decision": rule.decision.map(|d| d.to_string()),
    })
}
