//! The catalogue: every rule and decision, loaded from the embedded data files and checked.

use std::collections::{BTreeMap, BTreeSet};

use super::area::Area;
use super::decision::{Decision, NotTouching, RawDecisionsFile};
use super::error::CatalogueError;
use super::id::{DecisionId, QuestionRef, RuleId};
use super::layers::Layers;
use super::level::Level;
use super::origin::Origin;
use super::party::Party;
use super::rule::{RawAreaFile, RawRule, Retired, Rule};
use super::source::Source;
use super::{AREA_FILES, DECISIONS_FILE};

/// The rule catalogue: the rules of every area, the decisions on open questions, the open
/// questions that touch no rule, and the retired IDs.
#[derive(Debug, Clone)]
pub struct Catalogue {
    /// Every rule, ordered by area (in [`Area::ALL`] order) and number.
    pub rules: Vec<Rule>,
    /// Every decision, ordered by ID.
    pub decisions: Vec<Decision>,
    /// Open questions recorded as touching no rule, ordered by question.
    pub not_touching: Vec<NotTouching>,
    /// IDs of withdrawn rules; reserved forever.
    pub retired: Vec<Retired>,
}

impl Catalogue {
    /// Loads and checks the catalogue embedded in the crate (`spec/rules/*.toml`).
    pub fn load() -> Result<Catalogue, CatalogueError> {
        Catalogue::from_sources(&AREA_FILES, DECISIONS_FILE.1)
    }

    /// Parses and checks a catalogue from file contents: `area_files` pairs a file name such
    /// as `"peer-requests.toml"` with its text; `decisions` is the text of `decisions.toml`.
    /// Areas may be missing (useful in tests); the embedded catalogue has all seven.
    pub fn from_sources(
        area_files: &[(&str, &str)],
        decisions: &str,
    ) -> Result<Catalogue, CatalogueError> {
        let mut rules: Vec<Rule> = Vec::new();
        let mut rule_files: BTreeMap<RuleId, &str> = BTreeMap::new();
        let mut retired: Vec<Retired> = Vec::new();
        let mut retired_ids: BTreeSet<RuleId> = BTreeSet::new();
        let mut seen_areas: BTreeSet<Area> = BTreeSet::new();

        for &(file, text) in area_files {
            let area = Area::from_file_name(file).ok_or_else(|| CatalogueError::UnknownFile {
                file: file.to_owned(),
            })?;
            if !seen_areas.insert(area) {
                return Err(CatalogueError::DuplicateFile {
                    file: file.to_owned(),
                });
            }
            let raw: RawAreaFile = toml::from_str(text).map_err(|source| CatalogueError::Toml {
                file: file.to_owned(),
                source: Box::new(source),
            })?;
            if raw.area != area.name() {
                return Err(CatalogueError::AreaMismatch {
                    file: file.to_owned(),
                    declared: raw.area,
                });
            }
            for entry in raw.retired {
                let id = parse_rule_id(file, area, &entry.id)?;
                if entry.reason.trim().is_empty() {
                    return Err(CatalogueError::EmptyField {
                        id: entry.id,
                        field: "reason",
                    });
                }
                if !retired_ids.insert(id.clone()) {
                    return Err(CatalogueError::DuplicateRetired {
                        file: file.to_owned(),
                        id: entry.id,
                    });
                }
                retired.push(Retired {
                    id,
                    reason: entry.reason,
                });
            }
            for raw_rule in raw.rule {
                let id = parse_rule_id(file, area, &raw_rule.id)?;
                if let Some(first_file) = rule_files.insert(id.clone(), file) {
                    return Err(CatalogueError::DuplicateRule {
                        id: raw_rule.id,
                        first_file: first_file.to_owned(),
                        second_file: file.to_owned(),
                    });
                }
                rules.push(check_rule(id, area, raw_rule)?);
            }
        }
        // Retired IDs are checked once every file is read: a rule in one file may not reuse an
        // ID retired in any file (IDs carry their area, so in practice it is the same file).
        for rule in &rules {
            if retired_ids.contains(&rule.id) {
                return Err(CatalogueError::RetiredIdReused {
                    file: rule_files[&rule.id].to_owned(),
                    id: rule.id.to_string(),
                });
            }
        }

        let raw_decisions: RawDecisionsFile =
            toml::from_str(decisions).map_err(|source| CatalogueError::Toml {
                file: DECISIONS_FILE.0.to_owned(),
                source: Box::new(source),
            })?;
        let mut decision_list: Vec<Decision> = Vec::new();
        for raw in raw_decisions.decision {
            let id: DecisionId =
                raw.id
                    .parse()
                    .map_err(|source| CatalogueError::BadDecisionId {
                        context: DECISIONS_FILE.0.to_owned(),
                        source,
                    })?;
            if decision_list.iter().any(|d| d.id == id) {
                return Err(CatalogueError::DuplicateDecision { id: raw.id });
            }
            let question_ref: QuestionRef =
                raw.question_ref
                    .parse()
                    .map_err(|source| CatalogueError::BadQuestionRef {
                        context: format!("decision {id}"),
                        source,
                    })?;
            for (field, value) in [
                ("question", &raw.question),
                ("decision", &raw.decision),
                ("reason", &raw.reason),
            ] {
                if value.trim().is_empty() {
                    return Err(CatalogueError::EmptyField {
                        id: id.to_string(),
                        field,
                    });
                }
            }
            decision_list.push(Decision {
                id,
                question_ref,
                question: raw.question,
                decision: raw.decision,
                reason: raw.reason,
                affects: Vec::new(),
            });
        }

        let decided: BTreeSet<QuestionRef> = decision_list.iter().map(|d| d.question_ref).collect();
        let mut not_touching: Vec<NotTouching> = Vec::new();
        for raw in raw_decisions.not_touching {
            let question_ref: QuestionRef =
                raw.question_ref
                    .parse()
                    .map_err(|source| CatalogueError::BadQuestionRef {
                        context: format!("{} [[not_touching]]", DECISIONS_FILE.0),
                        source,
                    })?;
            if decided.contains(&question_ref)
                || not_touching.iter().any(|n| n.question_ref == question_ref)
            {
                return Err(CatalogueError::QuestionCoveredTwice {
                    question: question_ref.to_string(),
                });
            }
            for (field, value) in [("question", &raw.question), ("reason", &raw.reason)] {
                if value.trim().is_empty() {
                    return Err(CatalogueError::EmptyField {
                        id: question_ref.to_string(),
                        field,
                    });
                }
            }
            not_touching.push(NotTouching {
                question_ref,
                question: raw.question,
                reason: raw.reason,
            });
        }

        for rule in &rules {
            let Some(decision_id) = rule.decision else {
                continue;
            };
            let decision = decision_list
                .iter_mut()
                .find(|d| d.id == decision_id)
                .ok_or_else(|| CatalogueError::UnknownDecision {
                    rule: rule.id.to_string(),
                    decision: decision_id.to_string(),
                })?;
            decision.affects.push(rule.id.clone());
        }
        if let Some(unused) = decision_list.iter().find(|d| d.affects.is_empty()) {
            return Err(CatalogueError::DecisionWithoutRules {
                decision: unused.id.to_string(),
            });
        }
        for decision in &mut decision_list {
            decision.affects.sort();
        }

        rules.sort_by(|a, b| a.id.cmp(&b.id));
        retired.sort_by(|a, b| a.id.cmp(&b.id));
        decision_list.sort_by_key(|d| d.id);
        not_touching.sort_by_key(|n| n.question_ref);
        Ok(Catalogue {
            rules,
            decisions: decision_list,
            not_touching,
            retired,
        })
    }

    /// The rule with ID `id` (`"RP-07"`), if there is one.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        let id: RuleId = id.parse().ok()?;
        self.rules.iter().find(|rule| rule.id == id)
    }

    /// The decision with ID `id` (`"DQ-03"`), if there is one.
    pub fn decision(&self, id: &str) -> Option<&Decision> {
        let id: DecisionId = id.parse().ok()?;
        self.decisions.iter().find(|decision| decision.id == id)
    }

    /// The rules whose breach is a conformance failure: level `MUST` or `MUST NOT`.
    pub fn must_rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|rule| rule.is_must())
    }

    /// The rules of one area.
    pub fn rules_in(&self, area: Area) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |rule| rule.area == area)
    }

    /// The rules of one level.
    pub fn rules_at(&self, level: Level) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |rule| rule.level == level)
    }

    /// The rules binding one party.
    pub fn rules_for(&self, party: Party) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |rule| rule.party == party)
    }

    /// The codec rules about writing and reading valid values (`round_trip = true`).
    pub fn round_trip_rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|rule| rule.round_trip)
    }

    /// The rules that apply at `layer`.
    pub fn rules_at_layer(&self, layer: u32) -> impl Iterator<Item = &Rule> {
        self.rules
            .iter()
            .filter(move |rule| rule.layers.contains(layer))
    }

    /// The decision `rule` names, as an iterator (empty when it names none).
    pub fn decisions_affecting<'a>(
        &'a self,
        rule: &'a RuleId,
    ) -> impl Iterator<Item = &'a Decision> {
        self.decisions
            .iter()
            .filter(move |decision| decision.affects.contains(rule))
    }

    /// Rule counts per area and level (pairs with no rule are absent).
    pub fn counts(&self) -> BTreeMap<(Area, Level), usize> {
        let mut counts = BTreeMap::new();
        for rule in &self.rules {
            *counts.entry((rule.area, rule.level)).or_insert(0) += 1;
        }
        counts
    }

    /// The open questions (`Q-1` to `Q-24`) that neither a decision answers nor
    /// `[[not_touching]]` lists; empty for a complete catalogue.
    pub fn uncovered_questions(&self) -> Vec<QuestionRef> {
        QuestionRef::all()
            .filter(|question| {
                !self.decisions.iter().any(|d| d.question_ref == *question)
                    && !self
                        .not_touching
                        .iter()
                        .any(|n| n.question_ref == *question)
            })
            .collect()
    }
}

/// Parses a rule ID found in `file` and checks that its prefix is the file's area.
fn parse_rule_id(file: &str, area: Area, text: &str) -> Result<RuleId, CatalogueError> {
    let id: RuleId = text.parse().map_err(|source| CatalogueError::BadRuleId {
        file: file.to_owned(),
        source,
    })?;
    if id.area() != area {
        return Err(CatalogueError::WrongArea {
            file: file.to_owned(),
            id: text.to_owned(),
        });
    }
    Ok(id)
}

/// Checks the fields of one rule and builds the typed [`Rule`].
fn check_rule(id: RuleId, area: Area, raw: RawRule) -> Result<Rule, CatalogueError> {
    let name = id.to_string();
    for (field, value) in [
        ("statement", Some(&raw.statement)),
        ("source.url", Some(&raw.source.url)),
        ("source.quote", Some(&raw.source.quote)),
        ("source.retrieved", Some(&raw.source.retrieved)),
        ("notes", raw.notes.as_ref()),
    ] {
        if value.is_some_and(|value| value.trim().is_empty()) {
            return Err(CatalogueError::EmptyField { id: name, field });
        }
    }
    let level: Level = raw
        .level
        .parse()
        .map_err(|source| CatalogueError::BadLevel {
            id: name.clone(),
            source,
        })?;
    let party: Party = raw
        .party
        .parse()
        .map_err(|source| CatalogueError::BadParty {
            id: name.clone(),
            source,
        })?;
    let origin: Origin = raw
        .origin
        .parse()
        .map_err(|source| CatalogueError::BadOrigin {
            id: name.clone(),
            source,
        })?;
    let layers: Layers = raw
        .layers
        .parse()
        .map_err(|source| CatalogueError::BadLayers {
            id: name.clone(),
            source,
        })?;
    let url = raw.source.url;
    if !url.starts_with("https://") || url.contains(char::is_whitespace) {
        return Err(CatalogueError::BadUrl { id: name, url });
    }
    if origin == Origin::Implementation
        && !(url.starts_with("https://github.com/") && url.contains("/blob/"))
    {
        return Err(CatalogueError::ImplementationWithoutFile { id: name, url });
    }
    if raw.round_trip && party != Party::Codec {
        return Err(CatalogueError::RoundTripNotCodec { id: name });
    }
    let decision = raw
        .decision
        .map(|text| text.parse::<DecisionId>())
        .transpose()
        .map_err(|source| CatalogueError::BadDecisionId {
            context: format!("rule {name}"),
            source,
        })?;
    Ok(Rule {
        id,
        area,
        level,
        party,
        statement: raw.statement,
        source: Source {
            url,
            quote: raw.source.quote,
            retrieved: raw.source.retrieved,
        },
        layers,
        origin,
        notes: raw.notes,
        decision,
        round_trip: raw.round_trip,
    })
}
