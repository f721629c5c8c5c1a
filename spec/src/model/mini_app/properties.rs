//! Placeholder until the mini_app properties land.

use crate::model::property::Property;

pub fn all() -> Vec<Property> {
    Vec::new()
}
