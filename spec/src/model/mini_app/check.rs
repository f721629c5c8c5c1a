//! The checker of a Mini App's trace: every `web_app_request_chat` carries an ID its bot
//! obtained for the current user.

use std::sync::OnceLock;

use crate::model::violation::Violation;
use crate::rules::Catalogue;

use super::{MiniAppOutput, MiniAppTrace};

pub fn check(trace: &MiniAppTrace) -> Vec<Violation> {
    if !applies("MA-15", trace.layer) {
        return Vec::new();
    }
    let mut violations = Vec::new();
    for (step, entry) in trace.steps.iter().enumerate() {
        for (index, output) in entry.outputs.iter().enumerate() {
            let MiniAppOutput::RequestChat { req_id } = output;
            if !trace.setup.issued.contains(req_id) {
                violations.push(Violation::new(
                    "MA-15",
                    format!("steps[{step}].outputs[{index}].req_id"),
                    format!("expected one of the IDs bot {} obtained for user {} ({:?}); got {req_id:?}", trace.setup.bot, trace.setup.user, trace.setup.issued),
                ));
            }
        }
    }
    violations
}

/// Whether `rule` applies at `layer`, by the catalogue.
fn applies(rule: &str, layer: u32) -> bool {
    static CATALOGUE: OnceLock<Option<Catalogue>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| Catalogue::load().ok())
        .as_ref()
        .and_then(|catalogue| catalogue.rule(rule))
        .is_some_and(|rule| rule.layers.contains(layer))
}
