//! The rule catalogue: it loads, it is complete enough to test against, its IDs are unique and
//! greppable, and the loader refuses malformed catalogues with the right error.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use tgconf_spec::rules::{
    Area, Catalogue, CatalogueError, DecisionId, Layers, Level, Origin, Party, QuestionRef, RuleId,
    AREA_FILES, DECISIONS_FILE, OPEN_QUESTIONS,
};

fn catalogue() -> Catalogue {
    match Catalogue::load() {
        Ok(catalogue) => catalogue,
        Err(error) => panic!("the embedded catalogue does not load: {error}"),
    }
}

fn rules_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"))
}

// ---------------------------------------------------------------------------------------------
// The embedded catalogue
// ---------------------------------------------------------------------------------------------

#[test]
fn catalogue_loads_and_validates() {
    let catalogue = catalogue();
    assert!(!catalogue.rules.is_empty());
    assert!(!catalogue.decisions.is_empty());
}

#[test]
fn every_area_has_its_file_and_rules() {
    let catalogue = catalogue();
    for area in Area::ALL {
        assert!(
            AREA_FILES.iter().any(|(name, _)| *name == area.file_name()),
            "{} is not embedded",
            area.file_name()
        );
        assert!(
            catalogue.rules_in(area).next().is_some(),
            "area {area} has no rule"
        );
        for rule in catalogue.rules_in(area) {
            assert_eq!(rule.id.area(), area);
            assert!(rule.id.to_string().starts_with(area.code()));
        }
    }
}

#[test]
fn counts_per_area_and_level_are_positive() {
    let catalogue = catalogue();
    let counts = catalogue.counts();
    for area in Area::ALL {
        let in_area: usize = Level::ALL
            .iter()
            .map(|level| counts.get(&(area, *level)).copied().unwrap_or(0))
            .sum();
        assert!(in_area > 0, "no rule in {area}");
        assert!(
            catalogue.rules_in(area).any(|rule| rule.is_must()),
            "no MUST or MUST NOT rule in {area}"
        );
    }
    for level in Level::ALL {
        let at_level: usize = Area::ALL
            .iter()
            .map(|area| counts.get(&(*area, level)).copied().unwrap_or(0))
            .sum();
        assert!(at_level > 0, "no rule at level {level}");
    }
    for party in Party::ALL {
        assert!(
            catalogue.rules_for(party).next().is_some(),
            "no rule binds {party}"
        );
    }
    let total: usize = counts.values().sum();
    assert_eq!(total, catalogue.rules.len());
}

#[test]
fn every_rule_has_a_source_url_and_quote() {
    for rule in &catalogue().rules {
        assert!(
            rule.source.url.starts_with("https://"),
            "{}: source url {}",
            rule.id,
            rule.source.url
        );
        assert!(
            rule.source.quote.trim().len() >= 10,
            "{}: quote too short to be a citation",
            rule.id
        );
        assert!(
            !rule.source.retrieved.trim().is_empty(),
            "{}: no retrieval note",
            rule.id
        );
        assert!(
            !rule.statement.trim().is_empty(),
            "{}: no statement",
            rule.id
        );
        assert!(
            rule.statement.ends_with('.'),
            "{}: statement is not a full sentence",
            rule.id
        );
        if rule.origin == Origin::Implementation {
            assert!(
                rule.source.url.contains("/blob/"),
                "{}: implementation rule without a file",
                rule.id
            );
        }
    }
}

#[test]
fn rules_cite_primary_sources_not_the_reference_catalogue_ids() {
    // The reference catalogue's rule IDs (STYLE-1, KBD-3, SBRP-4, ...) and question numbers are
    // not ours: rules cite the primary sources, and only `question_ref` names a question.
    let foreign = [
        "STYLE-",
        "KBD-",
        "BTN-",
        "SBRP-",
        "WEBAPP-",
        "TL-1 ",
        "Q-1",
        "Q-2",
        "flow-rules §",
    ];
    for rule in &catalogue().rules {
        let texts = [
            Some(&rule.statement),
            rule.notes.as_ref(),
            Some(&rule.source.quote),
        ];
        for text in texts.into_iter().flatten() {
            for pattern in foreign {
                assert!(
                    !text.contains(pattern),
                    "{} mentions `{pattern}`: {text}",
                    rule.id
                );
            }
        }
    }
}

#[test]
fn lookup_by_id() {
    let catalogue = catalogue();
    let rule = catalogue.rule("RP-07").expect("RP-07 exists");
    assert_eq!(rule.id.to_string(), "RP-07");
    assert_eq!(rule.area, Area::PeerRequests);
    assert!(catalogue.rule("RP-7").is_none());
    assert!(catalogue.rule("XX-01").is_none());
    assert!(catalogue.rule("RP-99").is_none());
    let decision = catalogue.decision("DQ-03").expect("DQ-03 exists");
    assert!(decision.affects.iter().any(|id| id.to_string() == "RP-28"));
}

#[test]
fn must_rules_are_exactly_must_and_must_not() {
    let catalogue = catalogue();
    let must: Vec<_> = catalogue.must_rules().map(|rule| rule.id.clone()).collect();
    let expected: Vec<_> = catalogue
        .rules
        .iter()
        .filter(|rule| matches!(rule.level, Level::Must | Level::MustNot))
        .map(|rule| rule.id.clone())
        .collect();
    assert_eq!(must, expected);
    assert!(!must.is_empty());
}

#[test]
fn layer_ranges_match_the_suites_eras() {
    // The suite covers layers 152 to 230; every rule applies somewhere in that span.
    let catalogue = catalogue();
    for rule in &catalogue.rules {
        assert!(
            rule.layers.intersects(152..=230),
            "{} applies to no layer of the suite: {}",
            rule.id,
            rule.layers
        );
    }
    // Objects that appeared at layer 224 are never required earlier.
    for area in [Area::ManagedBots, Area::MiniApps] {
        for rule in catalogue.rules_in(area) {
            assert!(
                !rule.layers.contains(223),
                "{} applies before layer 224",
                rule.id
            );
            assert!(
                rule.layers.contains(224),
                "{} does not apply at layer 224",
                rule.id
            );
        }
    }
    for rule in catalogue.rules_in(Area::Styles) {
        if rule.party != Party::Codec {
            assert!(
                !rule.layers.contains(221),
                "{} applies before styles exist",
                rule.id
            );
        }
    }
    assert_eq!(
        catalogue.rules_at_layer(152).count(),
        catalogue
            .rules
            .iter()
            .filter(|r| r.layers.contains(152))
            .count()
    );
}

// ---------------------------------------------------------------------------------------------
// Decisions
// ---------------------------------------------------------------------------------------------

#[test]
fn decisions_reference_existing_rules_and_back() {
    let catalogue = catalogue();
    for decision in &catalogue.decisions {
        assert!(
            !decision.affects.is_empty(),
            "{} affects nothing",
            decision.id
        );
        for id in &decision.affects {
            let rule = catalogue
                .rule(&id.to_string())
                .unwrap_or_else(|| panic!("{} affects unknown {id}", decision.id));
            // Each rule is settled by at most one decision, and names it.
            assert_eq!(
                rule.decision,
                Some(decision.id),
                "{id} is affected by {} but names {:?}",
                decision.id,
                rule.decision
            );
        }
    }
    for rule in &catalogue.rules {
        if let Some(decision) = rule.decision {
            let decision = catalogue
                .decision(&decision.to_string())
                .expect("decision exists");
            assert!(decision.affects.contains(&rule.id));
        }
    }
}

#[test]
fn every_open_question_is_decided_or_recorded_as_not_touching_a_rule() {
    let catalogue = catalogue();
    assert!(
        catalogue.uncovered_questions().is_empty(),
        "uncovered: {:?}",
        catalogue.uncovered_questions()
    );
    let decided: BTreeSet<_> = catalogue.decisions.iter().map(|d| d.question_ref).collect();
    let not_touching: BTreeSet<_> = catalogue
        .not_touching
        .iter()
        .map(|n| n.question_ref)
        .collect();
    assert!(decided.is_disjoint(&not_touching));
    assert_eq!(
        decided.len() + not_touching.len(),
        usize::from(OPEN_QUESTIONS)
    );
    for entry in &catalogue.not_touching {
        assert!(
            entry.reason.len() > 20,
            "{}: the reason is too short to explain anything",
            entry.question_ref
        );
    }
    assert_eq!(QuestionRef::all().count(), 24);
}

// ---------------------------------------------------------------------------------------------
// IDs: unique across the files, never reused, greppable
// ---------------------------------------------------------------------------------------------

/// The value of every `id = "..."` line in a TOML text (rules, retired entries, decisions).
fn id_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("id = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_files_on_disk_are_the_embedded_ones() {
    let mut on_disk: BTreeSet<String> = BTreeSet::new();
    for entry in std::fs::read_dir(rules_dir()).expect("spec/rules exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|ext| ext == "toml") {
            on_disk.insert(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    let mut embedded: BTreeSet<String> = AREA_FILES
        .iter()
        .map(|(name, _)| (*name).to_owned())
        .collect();
    embedded.insert(DECISIONS_FILE.0.to_owned());
    assert_eq!(
        on_disk, embedded,
        "every .toml file in spec/rules must be embedded, and only those"
    );
    for (name, text) in AREA_FILES.iter().chain(std::iter::once(&DECISIONS_FILE)) {
        let disk = std::fs::read_to_string(rules_dir().join(name)).expect("readable file");
        assert_eq!(&disk, text, "{name} differs from the embedded copy");
    }
}

#[test]
fn each_id_appears_in_exactly_one_catalogue_entry() {
    let mut occurrences: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (name, text) in AREA_FILES.iter().chain(std::iter::once(&DECISIONS_FILE)) {
        for id in id_lines(text) {
            occurrences.entry(id).or_default().push(name);
        }
    }
    for (id, files) in &occurrences {
        assert_eq!(
            files.len(),
            1,
            "{id} is the id of {} entries ({files:?})",
            files.len()
        );
    }
    // Every loaded rule, retired ID and decision was seen by this plain-text scan, so the scan
    // is complete.
    let catalogue = catalogue();
    let loaded: BTreeSet<String> = catalogue
        .rules
        .iter()
        .map(|rule| rule.id.to_string())
        .chain(
            catalogue
                .retired
                .iter()
                .map(|retired| retired.id.to_string()),
        )
        .chain(
            catalogue
                .decisions
                .iter()
                .map(|decision| decision.id.to_string()),
        )
        .collect();
    let scanned: BTreeSet<String> = occurrences.keys().cloned().collect();
    assert_eq!(loaded, scanned);
}

#[test]
fn grepping_an_id_finds_only_that_id() {
    let catalogue = catalogue();
    let ids: Vec<String> = catalogue
        .rules
        .iter()
        .map(|rule| rule.id.to_string())
        .chain(
            catalogue
                .decisions
                .iter()
                .map(|decision| decision.id.to_string()),
        )
        .collect();
    for a in &ids {
        assert_eq!(
            a.len(),
            5,
            "{a} is not two letters, a hyphen and two digits"
        );
        for b in &ids {
            if a != b {
                assert!(!b.contains(a.as_str()), "grepping {a} also matches {b}");
            }
        }
    }
    // Inside the files, an ID appears as a whole quoted word: `"RP-07"` never occurs inside
    // another token.
    for (name, text) in AREA_FILES.iter().chain(std::iter::once(&DECISIONS_FILE)) {
        for id in &ids {
            for (at, _) in text.match_indices(id.as_str()) {
                let before = text[..at].chars().next_back();
                let after = text[at + id.len()..].chars().next();
                let boundary =
                    |c: Option<char>| c.is_none_or(|c| !c.is_ascii_alphanumeric() && c != '-');
                assert!(
                    boundary(before) && boundary(after),
                    "{name}: {id} is part of a longer token"
                );
            }
        }
    }
}

#[test]
fn rule_numbers_are_dense_per_area() {
    // New rules take the next free number; retired numbers stay reserved. So the numbers used
    // by live and retired rules of an area are exactly 1..=n.
    let catalogue = catalogue();
    for area in Area::ALL {
        let mut numbers: Vec<u8> = catalogue
            .rules_in(area)
            .map(|rule| rule.id.number())
            .chain(
                catalogue
                    .retired
                    .iter()
                    .filter(|r| r.id.area() == area)
                    .map(|r| r.id.number()),
            )
            .collect();
        numbers.sort_unstable();
        let expected: Vec<u8> = (1..=u8::try_from(numbers.len()).unwrap()).collect();
        assert_eq!(numbers, expected, "{area}: numbers are not 01..n");
    }
}

// ---------------------------------------------------------------------------------------------
// Value types
// ---------------------------------------------------------------------------------------------

#[test]
fn levels_round_trip() {
    for level in Level::ALL {
        assert_eq!(level.to_string().parse::<Level>(), Ok(level));
    }
    assert_eq!("MUST NOT".parse::<Level>(), Ok(Level::MustNot));
    assert!("must".parse::<Level>().is_err());
    assert!("MUST  NOT".parse::<Level>().is_err());
    assert!("REQUIRED".parse::<Level>().is_err());
    assert!(Level::Must.is_must() && Level::MustNot.is_must());
    assert!(
        !Level::Should.is_must()
            && !Level::ShouldNot.is_must()
            && !Level::May.is_must()
            && !Level::Info.is_must()
    );
    assert!(
        Level::MustNot.is_prohibition()
            && Level::ShouldNot.is_prohibition()
            && !Level::Must.is_prohibition()
    );
}

#[test]
fn parties_round_trip() {
    for party in Party::ALL {
        assert_eq!(party.to_string().parse::<Party>(), Ok(party));
    }
    assert_eq!("mini-app".parse::<Party>(), Ok(Party::MiniApp));
    assert!("miniapp".parse::<Party>().is_err());
    assert!("Client".parse::<Party>().is_err());
}

#[test]
fn areas_and_origins_round_trip() {
    for area in Area::ALL {
        assert_eq!(area.to_string().parse::<Area>(), Ok(area));
        assert_eq!(Area::from_code(area.code()), Some(area));
        assert_eq!(Area::from_file_name(&area.file_name()), Some(area));
    }
    for origin in Origin::ALL {
        assert_eq!(origin.to_string().parse::<Origin>(), Ok(origin));
    }
}

#[test]
fn ids_parse_strictly() {
    for good in [
        "ST-01", "KB-26", "RP-07", "MB-99", "MA-10", "CB-33", "TL-01",
    ] {
        let id: RuleId = good.parse().unwrap();
        assert_eq!(id.to_string(), good);
    }
    for bad in [
        "RP-7", "RP-007", "RP-00", "rp-07", "XX-01", "RP07", "RP-0a", "RPX-01", " RP-07", "DQ-01",
    ] {
        assert!(
            bad.parse::<RuleId>().is_err(),
            "{bad} accepted as a rule ID"
        );
    }
    assert_eq!("DQ-03".parse::<DecisionId>().unwrap().to_string(), "DQ-03");
    for bad in ["DQ-3", "DQ-00", "RP-03", "dq-03"] {
        assert!(
            bad.parse::<DecisionId>().is_err(),
            "{bad} accepted as a decision ID"
        );
    }
    assert_eq!("Q-13".parse::<QuestionRef>().unwrap().number(), 13);
    for bad in ["Q-0", "Q-25", "Q-013", "Q13", "q-1"] {
        assert!(
            bad.parse::<QuestionRef>().is_err(),
            "{bad} accepted as a question"
        );
    }
}

#[test]
fn layers_parse_and_print() {
    for (text, inside, outside) in [
        ("all", vec![1, 152, 230, 9999], vec![]),
        ("224..", vec![224, 230, 500], vec![223, 152]),
        ("169..=223", vec![169, 200, 223], vec![168, 224]),
        ("152..=168, 224..", vec![152, 168, 224], vec![169, 223]),
        ("177", vec![177], vec![176, 178]),
    ] {
        let layers: Layers = text.parse().unwrap();
        assert_eq!(layers.to_string(), text);
        for layer in inside {
            assert!(layers.contains(layer), "{text} should contain {layer}");
        }
        for layer in outside {
            assert!(!layers.contains(layer), "{text} should not contain {layer}");
        }
    }
    for bad in [
        "",
        "All",
        "224...",
        "223..=169",
        "..224",
        "0..",
        "abc",
        "224..,",
        "01..",
        "224..=",
        "224 ..",
    ] {
        assert!(bad.parse::<Layers>().is_err(), "`{bad}` accepted as layers");
    }
    let era: Layers = "222..=223".parse().unwrap();
    assert!(era.intersects(223..=228) && !era.intersects(224..=228));
}

// ---------------------------------------------------------------------------------------------
// The loader refuses malformed catalogues
// ---------------------------------------------------------------------------------------------

const GOOD_RULE: &str = r#"
[[rule]]
id = "RP-01"
level = "MUST"
party = "client"
statement = "A statement."
layers = "224.."
origin = "docs"
source = { url = "https://core.telegram.org/api/bots/buttons", quote = "A quoted sentence.", retrieved = "seed 002" }
"#;

fn peer_file(body: &str) -> String {
    format!("area = \"peer-requests\"\n{body}")
}

fn load_one(body: &str, decisions: &str) -> Result<Catalogue, CatalogueError> {
    let text = peer_file(body);
    Catalogue::from_sources(&[("peer-requests.toml", text.as_str())], decisions)
}

fn with(field: &str, value: &str) -> String {
    GOOD_RULE
        .lines()
        .map(|line| {
            if line.starts_with(&format!("{field} =")) {
                format!("{field} = {value}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_minimal_catalogue_loads() {
    let catalogue = load_one(GOOD_RULE, "").unwrap();
    assert_eq!(catalogue.rules.len(), 1);
    assert_eq!(
        catalogue.rule("RP-01").unwrap().layers,
        "224..".parse().unwrap()
    );
    assert_eq!(catalogue.uncovered_questions().len(), 24);
}

/// Whether a loader error is the one a malformed input should give.
type ErrorMatcher = fn(&CatalogueError) -> bool;

#[test]
fn loader_rejects_malformed_rules() {
    let cases: Vec<(String, ErrorMatcher)> = vec![
        (format!("{GOOD_RULE}{GOOD_RULE}"), |e| {
            matches!(e, CatalogueError::DuplicateRule { .. })
        }),
        (with("id", "\"RP-1\""), |e| {
            matches!(e, CatalogueError::BadRuleId { .. })
        }),
        (with("id", "\"CB-01\""), |e| {
            matches!(e, CatalogueError::WrongArea { .. })
        }),
        (with("level", "\"must\""), |e| {
            matches!(e, CatalogueError::BadLevel { .. })
        }),
        (with("party", "\"user\""), |e| {
            matches!(e, CatalogueError::BadParty { .. })
        }),
        (with("origin", "\"folklore\""), |e| {
            matches!(e, CatalogueError::BadOrigin { .. })
        }),
        (with("layers", "\"224..=200\""), |e| {
            matches!(e, CatalogueError::BadLayers { .. })
        }),
        (with("statement", "\"  \""), |e| {
            matches!(
                e,
                CatalogueError::EmptyField {
                    field: "statement",
                    ..
                }
            )
        }),
        (
            with(
                "source",
                r#"{ url = "https://core.telegram.org/x", quote = "", retrieved = "seed 002" }"#,
            ),
            |e| {
                matches!(
                    e,
                    CatalogueError::EmptyField {
                        field: "source.quote",
                        ..
                    }
                )
            },
        ),
        (
            with(
                "source",
                r#"{ url = "", quote = "A quote.", retrieved = "seed 002" }"#,
            ),
            |e| {
                matches!(
                    e,
                    CatalogueError::EmptyField {
                        field: "source.url",
                        ..
                    }
                )
            },
        ),
        (
            with(
                "source",
                r#"{ url = "http://core.telegram.org/x", quote = "A quote.", retrieved = "seed 002" }"#,
            ),
            |e| matches!(e, CatalogueError::BadUrl { .. }),
        ),
        (with("origin", "\"implementation\""), |e| {
            matches!(e, CatalogueError::ImplementationWithoutFile { .. })
        }),
        (format!("{GOOD_RULE}typo = 1\n"), |e| {
            matches!(e, CatalogueError::Toml { .. })
        }),
        (format!("{GOOD_RULE}decision = \"DQ-01\"\n"), |e| {
            matches!(e, CatalogueError::UnknownDecision { .. })
        }),
        (format!("{GOOD_RULE}decision = \"D-1\"\n"), |e| {
            matches!(e, CatalogueError::BadDecisionId { .. })
        }),
        // A client rule is not about how values are written and read.
        (format!("{GOOD_RULE}round_trip = true\n"), |e| {
            matches!(e, CatalogueError::RoundTripNotCodec { .. })
        }),
        (
            format!("{GOOD_RULE}\n[[retired]]\nid = \"RP-01\"\nreason = \"withdrawn\"\n"),
            |e| matches!(e, CatalogueError::RetiredIdReused { .. }),
        ),
    ];
    for (body, expected) in cases {
        match load_one(&body, "") {
            Ok(_) => panic!("accepted:\n{body}"),
            Err(error) => assert!(expected(&error), "wrong error {error:?} for:\n{body}"),
        }
    }
}

#[test]
fn loader_rejects_malformed_decisions() {
    let decision = |id: &str, question: &str| {
        format!("[[decision]]\nid = \"{id}\"\nquestion_ref = \"{question}\"\nquestion = \"Q?\"\ndecision = \"D.\"\nreason = \"R.\"\n")
    };
    let rule_with_decision = format!("{GOOD_RULE}decision = \"DQ-01\"\n");
    let cases: Vec<(String, String, ErrorMatcher)> = vec![
        (GOOD_RULE.into(), decision("DQ-01", "Q-1"), |e| {
            matches!(e, CatalogueError::DecisionWithoutRules { .. })
        }),
        (rule_with_decision.clone(), decision("DQ-1", "Q-1"), |e| {
            matches!(e, CatalogueError::BadDecisionId { .. })
        }),
        (rule_with_decision.clone(), decision("DQ-01", "Q-25"), |e| {
            matches!(e, CatalogueError::BadQuestionRef { .. })
        }),
        (rule_with_decision.clone(), decision("DQ-02", "Q-1"), |e| {
            matches!(e, CatalogueError::UnknownDecision { .. })
        }),
        (
            rule_with_decision.clone(),
            format!("{}{}", decision("DQ-01", "Q-1"), decision("DQ-01", "Q-2")),
            |e| matches!(e, CatalogueError::DuplicateDecision { .. }),
        ),
        (
            rule_with_decision.clone(),
            format!(
                "{}[[not_touching]]\nquestion_ref = \"Q-1\"\nquestion = \"Q?\"\nreason = \"R.\"\n",
                decision("DQ-01", "Q-1")
            ),
            |e| matches!(e, CatalogueError::QuestionCoveredTwice { .. }),
        ),
        (
            rule_with_decision.clone(),
            format!("{}affects = [\"RP-01\"]\n", decision("DQ-01", "Q-1")),
            |e| matches!(e, CatalogueError::Toml { .. }),
        ),
    ];
    for (body, decisions, expected) in cases {
        match load_one(&body, &decisions) {
            Ok(_) => panic!("accepted:\n{body}\n{decisions}"),
            Err(error) => assert!(
                expected(&error),
                "wrong error {error:?} for:\n{body}\n{decisions}"
            ),
        }
    }
    // The rules a decision affects are the rules that name it.
    let other = GOOD_RULE.replace("RP-01", "RP-02");
    let catalogue = load_one(
        &format!("{rule_with_decision}{other}"),
        &decision("DQ-01", "Q-1"),
    )
    .unwrap();
    let affected: Vec<String> = catalogue.decisions[0]
        .affects
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(affected, ["RP-01"]);
    assert_eq!(
        catalogue
            .decisions_affecting(&catalogue.rules[0].id)
            .count(),
        1
    );
    assert_eq!(
        catalogue
            .decisions_affecting(&catalogue.rules[1].id)
            .count(),
        0
    );
}

#[test]
fn loader_rejects_malformed_files() {
    let good = peer_file(GOOD_RULE);
    assert!(matches!(
        Catalogue::from_sources(&[("peers.toml", good.as_str())], ""),
        Err(CatalogueError::UnknownFile { .. })
    ));
    assert!(matches!(
        Catalogue::from_sources(
            &[
                ("peer-requests.toml", good.as_str()),
                ("peer-requests.toml", good.as_str())
            ],
            ""
        ),
        Err(CatalogueError::DuplicateFile { .. })
    ));
    let mislabelled = good.replace("area = \"peer-requests\"", "area = \"callbacks\"");
    assert!(matches!(
        Catalogue::from_sources(&[("peer-requests.toml", mislabelled.as_str())], ""),
        Err(CatalogueError::AreaMismatch { .. })
    ));
    assert!(matches!(
        Catalogue::from_sources(
            &[(
                "peer-requests.toml",
                "area = \"peer-requests\"\n[[rule]]\nid = \"RP-01\"\n"
            )],
            ""
        ),
        Err(CatalogueError::Toml { .. })
    ));
    let twice_retired = format!("{good}\n[[retired]]\nid = \"RP-02\"\nreason = \"a\"\n[[retired]]\nid = \"RP-02\"\nreason = \"b\"\n");
    assert!(matches!(
        Catalogue::from_sources(&[("peer-requests.toml", twice_retired.as_str())], ""),
        Err(CatalogueError::DuplicateRetired { .. })
    ));
    // Errors name the file or the entry at fault.
    let error =
        Catalogue::from_sources(&[("peer-requests.toml", twice_retired.as_str())], "").unwrap_err();
    assert!(
        error.to_string().contains("peer-requests.toml") && error.to_string().contains("RP-02"),
        "{error}"
    );
}
