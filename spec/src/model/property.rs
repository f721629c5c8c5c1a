//! Properties: for a rule, a generator of valid subjects and the realistic bug that turns one
//! into a subject breaking exactly that rule.
//!
//! The same pair serves three purposes: the model's own property tests (valid subjects pass
//! the check, broken ones fail it with the rule's ID), the harness's generated cases, and its
//! broken adapters (the reference behaviour with one bug injected).

use proptest::strategy::BoxedStrategy;

use super::subject::Subject;
use super::{bot, client, mini_app, server, wire};

pub struct Property {
    /// The rule the property is about (`"XX-01"`).
    pub rule: &'static str,
    /// Short name of the bug, used as the broken adapter's name (`single-use-stays-shown`).
    pub bug: &'static str,
    /// Valid subjects that exercise the rule: the reference's own behaviour.
    pub valid: fn() -> BoxedStrategy<Subject>,
    /// Injects the bug into a valid subject; only outputs change, never inputs or setup.
    /// Returns `false` when the subject gives the bug nothing to act on.
    pub inject: fn(&mut Subject) -> bool,
    /// Rules the bug breaks as well, unavoidably (usually none).
    pub also: &'static [&'static str],
}

/// Every property of every party.
pub fn all() -> Vec<Property> {
    [
        bot::properties::all(),
        client::properties::all(),
        server::properties::all(),
        mini_app::properties::all(),
        wire::properties::all(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
