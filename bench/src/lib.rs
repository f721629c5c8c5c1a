//! Inputs shared by the benches: the same bytes go to every implementation.

/// The layer-230 schema shipped in grammers-tl-types 0.11.0 (3,235 lines).
pub const LAYER_230_API: &str = include_str!("../../corpus/schemas/grammers-crate-0.11.0-api.tl");
