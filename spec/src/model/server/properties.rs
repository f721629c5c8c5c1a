//! Placeholder until the server properties land.

use crate::model::property::Property;

pub fn all() -> Vec<Property> {
    Vec::new()
}
