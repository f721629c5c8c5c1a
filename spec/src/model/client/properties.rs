//! The client's properties: per client rule, reference traces of inputs generated to
//! exercise it, and a realistic client bug that breaks exactly that rule.

mod callbacks;
mod keyboards;
mod managed_bots;
mod mini_app;
mod peers;
mod support;

use crate::model::property::Property;

pub fn all() -> Vec<Property> {
    [
        keyboards::all(),
        callbacks::all(),
        peers::all(),
        managed_bots::all(),
        mini_app::all(),
    ]
    .into_iter()
    .flatten()
    .collect()
}
