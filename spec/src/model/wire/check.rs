//! Placeholder until the wire checker lands.

use crate::model::violation::Violation;

use super::WireCase;

pub fn check(_subject: &WireCase) -> Vec<Violation> {
    Vec::new()
}
