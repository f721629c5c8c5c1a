//! Placeholder until the bot checker lands.

use crate::model::violation::Violation;

use super::BotTrace;

pub fn check(_subject: &BotTrace) -> Vec<Violation> {
    Vec::new()
}
