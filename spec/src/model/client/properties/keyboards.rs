use crate::model::property::Property;

pub(super) fn all() -> Vec<Property> {
    vec![]
}
