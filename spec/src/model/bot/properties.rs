//! Placeholder until the bot properties land.

use crate::model::property::Property;

pub fn all() -> Vec<Property> {
    Vec::new()
}
