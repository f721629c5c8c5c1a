//! Placeholder until the server checker lands.

use crate::model::violation::Violation;

use super::ServerTrace;

pub fn check(_subject: &ServerTrace) -> Vec<Violation> {
    Vec::new()
}
