//! `tgconf rules` lists exactly the built-in catalogue, filters it, and rejects bad filters.

use std::process::{Command, Output};

use tgconf_spec::rules::{Catalogue, Level};

fn tgconf(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tgconf"))
        .args(args)
        .output()
        .expect("tgconf runs")
}

#[test]
fn lists_every_rule_once_with_level_and_party() {
    let catalogue = Catalogue::load().expect("the catalogue loads");
    let out = tgconf(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), catalogue.rules.len());
    for rule in &catalogue.rules {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(&rule.id.to_string()))
            .unwrap_or_else(|| panic!("{} listed", rule.id));
        assert!(line.contains(&rule.statement), "{line}");
        assert!(line.contains(&rule.party.to_string()), "{line}");
    }
}

#[test]
fn json_and_filters() {
    let catalogue = Catalogue::load().unwrap();
    let out = tgconf(&[
        "rules",
        "--json",
        "--level",
        "MUST",
        "--area",
        "peer-requests",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("JSON array");
    let expected = catalogue
        .rules
        .iter()
        .filter(|r| r.level == Level::Must && r.id.to_string().starts_with("RP-"))
        .count();
    assert!(expected > 0);
    assert_eq!(rules.len(), expected);
    for rule in &rules {
        assert_eq!(rule["level"], "MUST");
        assert!(rule["id"].as_str().unwrap().starts_with("RP-"));
        assert!(rule["source"]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://"));
        assert!(!rule["source"]["quote"].as_str().unwrap().is_empty());
    }
}

#[test]
fn bad_filters_are_usage_errors() {
    assert_eq!(
        tgconf(&["rules", "--level", "OUGHT"]).status.code(),
        Some(2)
    );
    assert_eq!(
        tgconf(&["rules", "--party", "nobody"]).status.code(),
        Some(2)
    );
}
