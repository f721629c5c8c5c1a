//! Placeholder until the client properties land.

use crate::model::property::Property;

pub fn all() -> Vec<Property> {
    Vec::new()
}
