//! Placeholder until the mini_app checker lands.

use crate::model::violation::Violation;

use super::MiniAppTrace;

pub fn check(_subject: &MiniAppTrace) -> Vec<Violation> {
    Vec::new()
}
