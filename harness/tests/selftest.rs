//! The suite testing itself, as CI runs it: the reference passes every case, and every
//! broken adapter is caught by exactly the rules its case lists.

use tgconf_harness::adapter::sessions;
use tgconf_harness::case::Suite;
use tgconf_harness::selftest::selftest;

#[test]
fn the_reference_passes_and_every_broken_adapter_is_caught_by_its_rules() {
    let suite = Suite::model().unwrap();
    let cases: Vec<_> = suite.cases.iter().collect();
    assert!(!cases.is_empty(), "the model has no properties");
    let result = selftest(&suite, sessions::MODEL, &cases, 8, 1);
    let failures = result.reference_failures();
    assert!(
        failures.is_empty(),
        "the reference does not pass: {failures:#?}"
    );
    let wrong: Vec<String> = result
        .bugs
        .iter()
        .filter(|b| !b.ok())
        .map(|b| {
            format!(
                "broken:{}: listed {:?}, caught by {:?}, anomalies {:?}",
                b.bug, b.listed, b.caught, b.anomalies
            )
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "broken adapters not caught exactly by their rules:\n{}",
        wrong.join("\n")
    );
}
