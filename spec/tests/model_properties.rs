//! Every MUST rule of the catalogue has a property, and every property holds: the reference's
//! valid subjects break no rule, and the property's bug breaks exactly its rule.
//!
//! A new MUST rule without a property fails `every_must_rule_has_a_property`; that is how
//! the build enforces coverage.

use std::collections::BTreeSet;

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use tgconf_spec::model::{property, Property, Subject};
use tgconf_spec::rules::Catalogue;

fn runner() -> TestRunner {
    // One file for all properties, committed: proptest writes the seed of a failing case
    // there and replays it first on every later run.
    TestRunner::new(Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/model_properties.txt",
        ))),
        ..Config::default()
    })
}

#[test]
fn every_must_rule_has_a_property() {
    let catalogue = Catalogue::load().expect("catalogue loads");
    let covered: BTreeSet<&str> = property::all().iter().map(|p| p.rule).collect();
    let missing: Vec<String> = catalogue
        .must_rules()
        .map(|r| r.id.to_string())
        .filter(|id| !covered.contains(id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "MUST rules without a property: {missing:?}"
    );
}

#[test]
fn properties_name_catalogue_rules_of_their_party() {
    let catalogue = Catalogue::load().expect("catalogue loads");
    let mut bugs = BTreeSet::new();
    for property in property::all() {
        let rule = catalogue
            .rule(property.rule)
            .unwrap_or_else(|| panic!("{} is not in the catalogue", property.rule));
        for also in property.also {
            assert!(
                catalogue.rule(also).is_some(),
                "{}: `also` names {also}, not in the catalogue",
                property.rule
            );
        }
        assert!(
            bugs.insert(property.bug),
            "bug name {} used twice",
            property.bug
        );
        let subject = (property.valid)()
            .new_tree(&mut TestRunner::deterministic())
            .expect("generator works")
            .current();
        assert_eq!(
            subject.party(),
            rule.party,
            "{}: subject of the wrong party",
            property.rule
        );
    }
}

/// The heart of the model's tests: for every property, valid subjects pass and the bug is
/// caught under the property's rule.
#[test]
fn valid_subjects_pass_and_each_bug_breaks_its_rule() {
    let catalogue = Catalogue::load().expect("catalogue loads");
    let mut failures = Vec::new();
    for property in property::all() {
        let layers = &catalogue.rule(property.rule).expect("checked above").layers;
        let result = runner().run(&(property.valid)(), |subject| {
            check_one(&property, layers, subject)
        });
        if let Err(error) = result {
            failures.push(format!("{}: {error}", property.rule));
        }
    }
    assert!(
        failures.is_empty(),
        "{} properties failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn check_one(
    property: &Property,
    layers: &tgconf_spec::rules::Layers,
    subject: Subject,
) -> Result<(), TestCaseError> {
    let layer = subject_layer(&subject);
    proptest::prop_assert!(
        layers.contains(layer),
        "{} generated layer {layer}, outside the rule's layers",
        property.rule
    );
    let violations = subject.check();
    proptest::prop_assert!(
        violations.is_empty(),
        "valid subject broke rules: {violations:?}"
    );
    let mut broken = subject;
    proptest::prop_assert!(
        (property.inject)(&mut broken),
        "the bug found nothing to act on"
    );
    let found: BTreeSet<String> = broken.check().into_iter().map(|v| v.rule).collect();
    proptest::prop_assert!(
        found.contains(property.rule),
        "bug `{}` not caught as {}: found {found:?}",
        property.bug,
        property.rule
    );
    let unexpected: Vec<&String> = found
        .iter()
        .filter(|r| r.as_str() != property.rule && !property.also.contains(&r.as_str()))
        .collect();
    proptest::prop_assert!(
        unexpected.is_empty(),
        "bug `{}` also broke {unexpected:?}",
        property.bug
    );
    Ok(())
}

fn subject_layer(subject: &Subject) -> u32 {
    match subject {
        Subject::Client(trace) => trace.layer,
        Subject::Bot(trace) => trace.layer,
        Subject::Server(trace) => trace.layer,
        Subject::MiniApp(trace) => trace.layer,
        Subject::Wire(case) => case.layer,
    }
}
