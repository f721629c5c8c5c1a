//! Arbitrary text into the schema parser: it never panics, and whatever parses prints to
//! text that parses back to the same schema.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(schema) = tl_parser::parse_schema(text) {
        let printed = schema.to_string();
        let reparsed = tl_parser::parse_schema(&printed).expect("the printed schema parses");
        assert_eq!(schema, reparsed, "print → parse changed the schema:\n{printed}");
    }
});
