//! Cases: one per property of the model, carrying what a report needs to say about it (the
//! rule, its level, party and quoted requirement) and what the runner needs to play it.

use proptest::strategy::BoxedStrategy;
use tgconf_spec::model::{Property, Subject, Violation};
use tgconf_spec::rules::{Catalogue, Layers, Level, Party};
use thiserror::Error;

use crate::role::Role;

pub struct Case {
    /// `RULE/BUG`: stable as long as the property keeps its rule and bug name.
    pub id: String,
    pub rule: String,
    pub level: Level,
    pub party: Party,
    pub statement: String,
    /// The requirement as the source states it.
    pub quote: String,
    pub source_url: String,
    /// The layers the rule applies to.
    pub layers: Layers,
    pub bug: &'static str,
    /// Rules the bug breaks besides `rule`.
    pub also: &'static [&'static str],
    pub valid: fn() -> BoxedStrategy<Subject>,
    pub inject: fn(&mut Subject) -> bool,
}

impl Case {
    pub fn role(&self) -> Role {
        Role::of(self.party)
    }
}

/// Every case, and the checker that judges subjects.
pub struct Suite {
    pub cases: Vec<Case>,
    pub check: fn(&Subject) -> Vec<Violation>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SuiteError {
    #[error("the rule catalogue is invalid: {0}")]
    Catalogue(String),
    #[error("property `{bug}` names rule {rule}, which the catalogue does not have")]
    UnknownRule { bug: String, rule: String },
    #[error("two properties give the case ID {0}")]
    DuplicateId(String),
}

impl Suite {
    /// The model's properties, judged by the model's checkers.
    pub fn model() -> Result<Suite, SuiteError> {
        let catalogue = Catalogue::load().map_err(|e| SuiteError::Catalogue(e.to_string()))?;
        Suite::new(
            &catalogue,
            tgconf_spec::model::property::all(),
            Subject::check,
        )
    }

    /// Cases for `properties`, in the catalogue's rule order (then by bug name), so that runs
    /// and reports list them the same way every time.
    pub fn new(
        catalogue: &Catalogue,
        properties: Vec<Property>,
        check: fn(&Subject) -> Vec<Violation>,
    ) -> Result<Suite, SuiteError> {
        let mut cases = Vec::with_capacity(properties.len());
        for property in properties {
            let Some((position, rule)) = catalogue
                .rules
                .iter()
                .enumerate()
                .find(|(_, r)| r.id.to_string() == property.rule)
            else {
                return Err(SuiteError::UnknownRule {
                    bug: property.bug.to_owned(),
                    rule: property.rule.to_owned(),
                });
            };
            let case = Case {
                id: format!("{}/{}", property.rule, property.bug),
                rule: property.rule.to_owned(),
                level: rule.level,
                party: rule.party,
                statement: rule.statement.clone(),
                quote: rule.source.quote.clone(),
                source_url: rule.source.url.clone(),
                layers: rule.layers.clone(),
                bug: property.bug,
                also: property.also,
                valid: property.valid,
                inject: property.inject,
            };
            cases.push((position, case));
        }
        cases.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.bug.cmp(y.bug)));
        let cases: Vec<Case> = cases.into_iter().map(|(_, case)| case).collect();
        if let Some(pair) = cases.windows(2).find(|pair| pair[0].id == pair[1].id) {
            return Err(SuiteError::DuplicateId(pair[0].id.clone()));
        }
        Ok(Suite { cases, check })
    }

    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|case| case.id == id)
    }

    /// The case whose property has the bug `bug` (the broken adapter `broken:BUG`).
    pub fn by_bug(&self, bug: &str) -> Option<&Case> {
        self.cases.iter().find(|case| case.bug == bug)
    }
}
