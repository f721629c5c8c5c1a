//! The constructors quoted in the seed documentation (copied into
//! `tests/data/seed-definitions.tl`) parse, and their parsed form is pinned by a
//! snapshot that a person can read: name, ids, category and parameters.

use std::fmt::Write;

use tl_parser::{parse_schema, ParameterType};

const SEEDS: &str = include_str!("data/seed-definitions.tl");

fn render() -> String {
    let schema = parse_schema(SEEDS).unwrap_or_else(|e| panic!("seed-definitions.tl:{e}"));
    let mut out = String::new();
    for def in &schema.definitions {
        let computed = def.computed_id();
        let id = match def.id {
            Some(id) if id == computed => format!("#{id:08x} (computed, matches)"),
            Some(id) => format!("#{id:08x} (computed #{computed:08x}: MISMATCH)"),
            None => format!("none (computed #{computed:08x})"),
        };
        let _ = writeln!(out, "{} [{}] id {id}", def.full_name(), def.category);
        for p in &def.params {
            let name = p.name.as_deref().unwrap_or("_");
            let note = match &p.ty {
                ParameterType::Flags => " (flag field)",
                _ if p.is_flag_only() => " (flag only, not in id)",
                _ => "",
            };
            let _ = writeln!(out, "    {name}: {}{note}", p.ty);
        }
        let _ = writeln!(out, "    = {}", def.result);
    }
    out
}

#[test]
fn seed_definitions_snapshot() {
    insta::assert_snapshot!("seed_definitions", render());
}

#[test]
fn seed_ids_all_verify() {
    let schema = parse_schema(SEEDS).expect("seed definitions parse");
    let report = schema.check_ids();
    let mismatches: Vec<String> = report.mismatches.iter().map(|m| m.to_string()).collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
    assert_eq!(report.inferred + report.builtin, 0);
    // Every non-comment, non-marker line of the file is one definition.
    let lines = SEEDS
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("//") && !l.starts_with("---"))
        .count();
    assert_eq!(report.verified, lines);
}

#[test]
fn both_eras_of_send_bot_requested_peer_are_functions() {
    let schema = parse_schema(SEEDS).expect("seed definitions parse");
    let ids: Vec<u32> = schema
        .functions()
        .filter(|d| d.full_name() == "messages.sendBotRequestedPeer")
        .filter_map(|d| d.id)
        .collect();
    assert_eq!(ids, [0x91b2_d060, 0x6c5c_f2a7]);
}
