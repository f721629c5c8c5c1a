//! The wire checker: judges bytes by strict decoding, an encoder's output against the
//! reference encoding of its value, and a schema line's constructor id.

use crate::model::violation::Violation;

use super::context::Context;
use super::{encoded, received, schema_line, Origin, WireCase};

pub fn check(case: &WireCase) -> Vec<Violation> {
    if let Origin::SchemaLine { line, id } = &case.origin {
        return schema_line::check(line, *id);
    }
    let Some(context) = Context::new(case) else {
        // No schema to read the case with: nothing to judge it by.
        return Vec::new();
    };
    match &case.origin {
        Origin::Encoded { value } => encoded::check(&context, value, &case.bytes),
        _ => received::check(&context, &case.bytes),
    }
}
