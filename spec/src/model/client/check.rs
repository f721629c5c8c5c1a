//! Placeholder until the client checker lands.

use crate::model::violation::Violation;

use super::ClientTrace;

pub fn check(_subject: &ClientTrace) -> Vec<Violation> {
    Vec::new()
}
